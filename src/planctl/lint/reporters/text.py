"""The text format: one line per finding (``FILE:LINE:COL: SEVERITY CODE message``) and a
summary; colour on top of the same words when writing to a terminal.

A rule that fires many times in one file (27 measures whose lead lost its bold type) would
bury the few findings that matter, so the terminal shows the first few of each rule in each
file and says how many more there are; ``--all`` shows every one. Silenced findings are
counted and named once per rule and file. The machine formats (JSON, GitHub, SARIF) always
carry every finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TextIO

from planctl.lint.engine import FileResult, counts
from planctl.lint.findings import Finding, Severity
from planctl.lint.reporters.common import line_of, ordered, summary_line
from planctl.terminal import console as terminal_console
from planctl.terminal import printable
from planctl.words import count

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
#: Findings of one rule in one file shown before the rest are summarised.
SHOWN = 3
#: Silenced findings of one rule in one file shown before the rest are summarised.
SHOWN_SILENCED = 1


def shown(findings: Sequence[Finding], every: bool = False) -> Iterator[Finding | str]:
    """The findings to print, in order, with a line in their place for each summarised rest."""
    seen: dict[tuple[str, str, bool], int] = {}
    totals: dict[tuple[str, str, bool], int] = {}
    for finding in findings:
        key = (finding.file, finding.code, finding.silenced_by is not None)
        totals[key] = totals.get(key, 0) + 1
    for finding in findings:
        key = (finding.file, finding.code, finding.silenced_by is not None)
        seen[key] = seen.get(key, 0) + 1
        limit = SHOWN_SILENCED if key[2] else SHOWN
        if every or seen[key] <= limit:
            yield finding
        elif seen[key] == limit + 1:
            rest = totals[key] - limit
            what = count(rest, "tystat fynd", "tystade fynd") if key[2] else count(rest, "fynd", "fynd")
            yield printable(f"{finding.file}: … och {what} till av {finding.code} i filen (visa alla med --all)")


def report_text(
    results: Sequence[FileResult], stream: TextIO, color: bool, every: bool = False, quiet: bool = False
) -> None:
    """Print the findings and the summary; ``quiet``: only the errors and the summary."""
    findings = ordered(results)
    if quiet:
        findings = [f for f in findings if f.silenced_by is None and f.severity is Severity.ERROR]
    items = list(shown(findings, every))
    if not color:
        for item in items:
            stream.write((item if isinstance(item, str) else line_of(item)) + "\n")
        stream.write(summary_line(results) + "\n")
        return
    from rich.text import Text

    console = terminal_console(stream, color=True, soft_wrap=True)
    for item in items:
        if isinstance(item, str):
            console.print(Text(item, style="dim"))
            continue
        text = Text(printable(f"{item.location()}: "), style="bold")
        if item.silenced_by is not None:
            text.append(printable(f"silenced {item.code} {item.message} [tystad: {item.silenced_by}]"), style="dim")
        else:
            text.append(f"{item.severity.label} {item.code}", style=_STYLE[item.severity])
            text.append(printable(f" {item.message}"))
        console.print(text)
    total = counts(results)
    console.print(Text(summary_line(results), style="bold red" if total["error"] else "bold green"))
