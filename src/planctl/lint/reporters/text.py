"""The text format: one line per finding (``FILE:LINE:COL: SEVERITY CODE message``) and a
summary; colour on top of the same words when writing to a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from planctl.lint.engine import FileResult, counts
from planctl.lint.findings import Severity
from planctl.lint.reporters.common import line_of, ordered, summary_line
from planctl.terminal import console as terminal_console
from planctl.terminal import printable

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def report_text(results: Sequence[FileResult], stream: TextIO, color: bool) -> None:
    findings = ordered(results)
    if not color:
        for finding in findings:
            stream.write(line_of(finding) + "\n")
        stream.write(summary_line(results) + "\n")
        return
    from rich.text import Text

    console = terminal_console(stream, color=True, soft_wrap=True)
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
