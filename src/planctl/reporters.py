"""Output formats for findings; ``--format`` choices are this registry's keys."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from planctl.findings import Finding, Severity
from planctl.printable import console as printable_console
from planctl.printable import printable
from planctl.validate import FileResult, counts

Reporter = Callable[[Sequence[FileResult], TextIO, bool], None]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _ordered(results: Sequence[FileResult]) -> list[Finding]:
    return sorted((f for result in results for f in result.findings), key=Finding.sort_key)


def line_of(finding: Finding) -> str:
    """The one-line form: ``FILE:LINE:COL: SEVERITY CODE message``."""
    label = "silenced" if finding.silenced_by is not None else finding.severity.label
    tail = f" [tystad: {finding.silenced_by}]" if finding.silenced_by is not None else ""
    return printable(f"{finding.location()}: {label} {finding.code} {finding.message}{tail}")


def summary_line(results: Sequence[FileResult]) -> str:
    total = counts(results)
    files = "fil" if total["files"] == 1 else "filer"
    return (
        f"{total['files']} {files} granskade: {total['error']} fel, {total['warning']} varningar, "
        f"{total['silenced']} tystade"
    )


def report_text(results: Sequence[FileResult], stream: TextIO, color: bool) -> None:
    findings = _ordered(results)
    if not color:
        for finding in findings:
            stream.write(line_of(finding) + "\n")
        stream.write(summary_line(results) + "\n")
        return
    from rich.text import Text

    console = printable_console(stream, color=True, soft_wrap=True)
    for finding in findings:
        text = Text(printable(f"{finding.location()}: "), style="bold")
        if finding.silenced_by is not None:
            text.append(
                printable(f"silenced {finding.code} {finding.message} [tystad: {finding.silenced_by}]"), style="dim"
            )
        else:
            text.append(f"{finding.severity.label} {finding.code}", style=_STYLE[finding.severity])
            text.append(printable(f" {finding.message}"))
        console.print(text)
    total = counts(results)
    console.print(Text(summary_line(results), style="bold red" if total["error"] else "bold green"))


def report_json(results: Sequence[FileResult], stream: TextIO, color: bool) -> None:
    document = {"summary": counts(results), "findings": [f.as_dict() for f in _ordered(results)]}
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(results: Sequence[FileResult], stream: TextIO, color: bool) -> None:
    """GitHub workflow commands, so findings show up on the lines of a pull request."""
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for finding in _ordered(results):
        command = "notice" if finding.silenced_by is not None else commands[finding.severity]
        where = f"file={_escape_property(printable(finding.file))}"
        if finding.line:
            where += f",line={finding.line},col={finding.column}"
        message = finding.message + (f" [tystad: {finding.silenced_by}]" if finding.silenced_by else "")
        stream.write(
            f"::{command} {where},title={_escape_property(finding.code)}::{_escape_data(printable(message))}\n"
        )
    stream.write(summary_line(results) + "\n")


REPORTERS: dict[str, Reporter] = {"text": report_text, "json": report_json, "github": report_github}
