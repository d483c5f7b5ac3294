"""What every output format shares: findings in order, the one-line form, the summary, the
rule behind a finding, and text made safe for Markdown."""

from __future__ import annotations

import re
from collections.abc import Sequence

from planctl.errors import PlanHasErrors
from planctl.lint.engine import FileResult, counts
from planctl.lint.findings import Finding, Severity
from planctl.lint.rules import RULES, Rule
from planctl.project import RULES_URI
from planctl.terminal import printable
from planctl.words import count

#: severities in the words of planctl's Swedish output formats (text keeps the codes' English)
SEVERITY_WORDS = {Severity.ERROR: "fel", Severity.WARNING: "varning", Severity.INFO: "info"}


def ordered(results: Sequence[FileResult]) -> list[Finding]:
    return sorted((f for result in results for f in result.findings), key=Finding.sort_key)


def line_of(finding: Finding) -> str:
    """The one-line form: ``FILE:LINE:COL: SEVERITY CODE message``."""
    label = "silenced" if finding.silenced_by is not None else finding.severity.label
    tail = f" [tystad: {finding.silenced_by}]" if finding.silenced_by is not None else ""
    return printable(f"{finding.location()}: {label} {finding.code} {finding.message}{tail}")


def refuse_on_errors(errors: Sequence[Finding], unreadable: bool, refused: str) -> None:
    """Stop a command that needs valid plans: raise PlanHasErrors with each error on its own
    line and then ``refused`` ("planen återges inte") "förrän felen är rättade", when there are
    errors or a file could not be read at all."""
    if errors or unreadable:
        lines = "".join(line_of(f) + "\n" for f in sorted(errors, key=Finding.sort_key))
        raise PlanHasErrors(f"{lines}{refused} förrän felen är rättade")


def summary_line(results: Sequence[FileResult]) -> str:
    """``1 fil granskad: 0 fel, 1 varning, 0 tystade``: each word agrees with its number."""
    total = counts(results)
    return (
        f"{count(total['files'], 'fil granskad', 'filer granskade')}: {total['error']} fel, "
        f"{count(total['warning'], 'varning', 'varningar')}, {count(total['silenced'], 'tystad', 'tystade')}"
    )


def rule_of(finding: Finding) -> Rule | None:
    """The rule behind ``finding``; every code planctl reports has one."""
    return RULES.get(finding.code)


def rule_reference(finding: Finding) -> dict[str, str]:
    """The rule as programs see it: code, name, and where its documentation is."""
    rule = rule_of(finding)
    return {"code": finding.code, "name": rule.name if rule else "", "help_uri": RULES_URI}


#: ASCII punctuation that starts Markdown syntax inside a line: emphasis, code, links, images,
#: raw HTML and entities, headings, strikethrough, and the table cell separator
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>#|~!&])")
#: what makes a line a list item or a setext heading where it starts a line: a bullet or an
#: underline character, or the dot or parenthesis after a number
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(?:([-+=])(?=\s|$)|(\d{1,9})(?=[.)]))", re.MULTILINE)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark, number = match.groups()
    return f"{indent}{number}\\" if number else f"{indent}\\{mark}"


def markdown_text(text: str, one_line: bool = True) -> str:
    """``text`` as Markdown that shows exactly this text: every character that could start
    Markdown syntax (or raw HTML, or end a table cell) is escaped with a backslash, which
    CommonMark allows before any ASCII punctuation. With ``one_line``, line breaks become ``⏎``
    so that the text stays in its table cell."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", printable(text, one_line=one_line))
    return _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)
