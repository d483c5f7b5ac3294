"""What every output format shares: findings in order, the one-line form, the summary."""

from __future__ import annotations

from collections.abc import Sequence

from planctl.lint.engine import FileResult, counts
from planctl.lint.findings import Finding
from planctl.terminal import printable
from planctl.words import count


def ordered(results: Sequence[FileResult]) -> list[Finding]:
    return sorted((f for result in results for f in result.findings), key=Finding.sort_key)


def line_of(finding: Finding) -> str:
    """The one-line form: ``FILE:LINE:COL: SEVERITY CODE message``."""
    label = "silenced" if finding.silenced_by is not None else finding.severity.label
    tail = f" [tystad: {finding.silenced_by}]" if finding.silenced_by is not None else ""
    return printable(f"{finding.location()}: {label} {finding.code} {finding.message}{tail}")


def summary_line(results: Sequence[FileResult]) -> str:
    """``1 fil granskad: 0 fel, 1 varning, 0 tystade``: each word agrees with its number."""
    total = counts(results)
    return (
        f"{count(total['files'], 'fil granskad', 'filer granskade')}: {total['error']} fel, "
        f"{count(total['warning'], 'varning', 'varningar')}, {count(total['silenced'], 'tystad', 'tystade')}"
    )
