"""GitHub workflow commands, so findings show up on the lines of a pull request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from planctl.lint.engine import FileResult
from planctl.lint.findings import Severity
from planctl.lint.reporters.common import ordered, summary_line
from planctl.terminal import printable


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(results: Sequence[FileResult], stream: TextIO, color: bool) -> None:
    """GitHub workflow commands, so findings show up on the lines of a pull request."""
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for finding in ordered(results):
        command = "notice" if finding.silenced_by is not None else commands[finding.severity]
        where = f"file={_escape_property(printable(finding.file))}"
        if finding.line:
            where += f",line={finding.line},col={finding.column}"
        message = finding.message + (f" [tystad: {finding.silenced_by}]" if finding.silenced_by else "")
        stream.write(
            f"::{command} {where},title={_escape_property(finding.code)}::{_escape_data(printable(message))}\n"
        )
    stream.write(summary_line(results) + "\n")
