"""Every check planctl makes, grouped by family: the letter of a code says the family.

========  =====================================================================
F (0xx)   the file cannot be read as a plan             ``file.py`` (checked by the loader)
S (1xx)   the plan does not have the format's structure  ``structure.py``
R (2xx)   a reference points at nothing                 ``references.py``
L (3xx)   Lag (2023:196)                                ``law.py``
G (4xx)   good practice after Brå's guidance            ``guidance.py``
U (5xx)   follow-ups                                     ``followup.py``
========  =====================================================================

A family module holds its rules (code, severity, explanation, example) and their checks
together. :data:`RULES` is the single source of ``planctl rules`` and the README's rule table.
Codes never change meaning; a retired code is never reused.
"""

from __future__ import annotations

from planctl.lint.rules import file, followup, guidance, law, references, structure
from planctl.lint.rules.rule import Issue, Rule
from planctl.model import Plan

#: Every rule, by code, family by family.
RULES: dict[str, Rule] = {
    rule.code: rule
    for family in (file, structure, references, law, guidance, followup)
    for rule in sorted(family.RULES, key=lambda r: r.code)
}


def check_plan(plan: Plan) -> list[Issue]:
    """Every issue of ``plan`` found by looking across it, for the rules of its kind."""
    kind = plan.kind.value
    found = [
        *structure.check(plan),
        *references.check(plan),
        *law.check(plan),
        *guidance.check(plan),
    ]
    return [issue for issue in found if RULES[issue.code].applies_to(kind)]


__all__ = ["RULES", "Issue", "Rule", "check_plan"]
