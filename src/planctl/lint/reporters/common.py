"""What every output format shares: findings in order, the one-line form, the summary."""

from __future__ import annotations

from collections.abc import Sequence

from planctl.lint.engine import FileResult, counts
from planctl.lint.findings import Finding
from planctl.terminal import printable


def ordered(results: Sequence[FileResult]) -> list[Finding]:
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
