"""Silences: a plan may say, with a written reason, that a rule does not fit one of its parts.

A ``silence:`` entry on any element (the plan, an area, a measure, an indicator of a measure
or of the whole plan) silences that rule's findings on the element and everything inside it.
Silenced findings are still shown, with the reason, and counted. A silence of a rule that
does not exist or cannot be silenced is a finding itself (R205); one past its ``until`` date
brings the findings back (G411).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from planctl.lint.findings import Finding
from planctl.lint.loader import LoadedFile
from planctl.lint.positions import finding_at
from planctl.lint.rules import RULES, Issue
from planctl.lint.suggest import Names, suggest
from planctl.model import Loc, Plan, iter_silences

#: The follow-up rules that are the law's own cadence (6 §), not advice.
LAW_CADENCE = frozenset({"U505", "U506", "U507", "U514"})


def place(loaded: LoadedFile, plan: Plan, issues: Sequence[Issue], today: date) -> list[Finding]:
    """Findings for ``issues`` in the plan file, with the plan's silences applied."""
    silences = []
    findings: list[Finding] = []
    silenceable = Names(code for code, rule in RULES.items() if rule.silenceable)
    for silence, owner, number in iter_silences(plan):
        rule = RULES.get(silence.rule)
        if rule is not None and rule.silenceable:
            silences.append((silence, owner, number))
            continue
        if rule is None:
            why = f"finns inte{suggest(silence.rule, silenceable)}"
        elif rule.family == "L" or silence.rule in LAW_CADENCE:
            why = "följer av Lag (2023:196) och kan inte tystas; en kommun kan inte besluta bort lagens krav"
        else:
            why = "kan inte tystas"
        message = f"regeln {silence.rule} {why}"
        findings.append(finding_at(loaded, "R205", (*owner, "silence", number, "rule"), message))
    expired: set[Loc] = set()
    for issue in issues:
        found = finding_at(loaded, issue.code, issue.loc, issue.message)
        for silence, owner, number in silences:
            if silence.rule != issue.code or issue.loc[: len(owner)] != owner:
                continue
            if silence.until is not None and silence.until < today:
                if (*owner, number) not in expired:
                    expired.add((*owner, number))
                    message = f"tystningen av {silence.rule} gällde till {silence.until}; fynden visas igen"
                    findings.append(finding_at(loaded, "G411", (*owner, "silence", number), message))
                continue
            found = found.silenced(silence.reason)
            break
        findings.append(found)
    return findings
