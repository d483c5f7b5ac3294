"""What a rule is, and what a check says: the shapes every rule family shares."""

from __future__ import annotations

from typing import NamedTuple

from planctl.lint.findings import Severity
from planctl.model import Loc

E, W = Severity.ERROR, Severity.WARNING


class Rule(NamedTuple):
    """One check: a stable code, a severity and its documentation.

    ``planctl rules`` and the README's rule table are made from these fields: what the
    rule finds (``summary``), why it matters (``explanation``), an example of what it finds
    and what to write instead.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    #: the plan kinds the rule applies to; empty means every kind
    kinds: tuple[str, ...] = ()
    #: whether a plan may silence the rule with a written reason
    silenceable: bool = False
    #: whether the finding depends on today's date; such findings never stop a document
    #: from being published, since the same files must always give the same document
    depends_on_today: bool = False
    #: a few lines of YAML the rule finds something in
    example: str = ""
    #: the same written so that the rule is satisfied
    instead: str = ""

    @property
    def family(self) -> str:
        return self.code[0]

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


class Issue(NamedTuple):
    """What a check found, at a place in the document; the engine turns it into a finding."""

    code: str
    loc: Loc
    message: str
