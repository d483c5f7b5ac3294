"""Markdown: the findings as a summary for people, such as a workflow's job summary.

The counts first (the summary line of every format), then one table per file with findings: line, code (linked to the rule's
documentation), severity and message. Several findings of one rule in one file share a row,
with their lines in the first cell and each message behind a fold, so a plan with forty
measures without a date gives one row, not forty. Everything taken from a plan is escaped, so
a title holding ``|``, ``<script>`` or ``[länk](…)`` shows as the text it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TextIO

from planctl.lint.engine import FileResult
from planctl.lint.findings import Finding
from planctl.lint.reporters.common import SEVERITY_WORDS, markdown_text, ordered, rule_of, summary_line
from planctl.project import RULES_URI

TITLE = "## Granskning med planctl"


def _line(finding: Finding) -> str:
    return str(finding.line) if finding.line else "hela filen"


def _severity(finding: Finding) -> str:
    word = SEVERITY_WORDS[finding.severity]
    return f"tystad ({word})" if finding.silenced_by is not None else word


def _message(finding: Finding) -> str:
    text = markdown_text(finding.message)
    if finding.silenced_by is not None:
        text += f" (tystad: {markdown_text(finding.silenced_by)})"
    return text


def _code(finding: Finding) -> str:
    return f"[{finding.code}]({RULES_URI})" if rule_of(finding) is not None else markdown_text(finding.code)


def _row(group: list[Finding]) -> str:
    first = group[0]
    if len(group) == 1:
        cells = [_line(first), _code(first), _severity(first), _message(first)]
    else:
        rule = rule_of(first)
        summary = markdown_text(rule.summary if rule is not None else first.code)
        items = "<br>".join(f"{'rad ' if f.line else ''}{_line(f)}: {_message(f)}" for f in group)
        lines = ", ".join(dict.fromkeys(_line(f) for f in group))
        folded = f"<details><summary>{len(group)} fynd: {summary}</summary>{items}</details>"
        cells = [lines, _code(first), _severity(first), folded]
    return "| " + " | ".join(cells) + " |"


def _rows(findings: list[Finding]) -> list[str]:
    """One row per rule (and silenced or not) in the order of each rule's first finding."""
    groups: dict[tuple[str, bool], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.code, finding.silenced_by is not None), []).append(finding)
    return [_row(group) for group in groups.values()]


def markdown_summary(results: Sequence[FileResult]) -> str:
    lines = [TITLE, "", f"**{summary_line(results)}**"]
    findings = ordered(results)
    if not findings:
        lines += ["", "Inga fynd."]
    for file, in_file in groupby(findings, key=lambda f: f.file):
        lines += [
            "",
            f"### {markdown_text(file)}",
            "",
            "| Rad | Kod | Allvar | Meddelande |",
            "|---|---|---|---|",
            *_rows(list(in_file)),
        ]
    return "\n".join(lines) + "\n"


def report_markdown(results: Sequence[FileResult], stream: TextIO, color: bool) -> None:
    stream.write(markdown_summary(results))
