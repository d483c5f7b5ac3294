""" "Did you mean …?" for a near miss, at a cost that does not grow with the findings.

A short list of candidates (a model's keys, a plan's areas) is searched with difflib, as a
person would judge closeness. A long list (2,000 organisations in a county's plan) is
searched through an index of every way to drop up to two characters from each name, so one
suggestion costs the same whether the plan names ten organisations or ten thousand.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from itertools import combinations

#: Up to this many candidates, difflib compares the word with each of them.
SMALL = 200
#: The index finds names within this many dropped characters (on either side).
DROPS = 2


class Names:
    """Candidates for suggestions, indexed once."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self.options = list(dict.fromkeys(candidates))
        self.members = set(self.options)
        self._folded: dict[str, str] | None = None
        self._index: dict[str, list[str]] | None = None

    def __contains__(self, word: object) -> bool:
        return word in self.members

    def closest(self, word: str) -> str | None:
        """The candidate closest to ``word``, or None when none is close. Indexes on first use."""
        if self._folded is None:
            self._folded = {option.casefold(): option for option in reversed(self.options)}
        same = self._folded.get(word.casefold())
        if same is not None:
            return same
        if len(self.options) <= SMALL:
            close = difflib.get_close_matches(word, self.options, n=1, cutoff=0.6)
            return close[0] if close else None
        if self._index is None:
            self._index = {}
            for option in self.options:
                for variant in _variants(option.casefold()):
                    self._index.setdefault(variant, []).append(option)
        index = self._index
        found = dict.fromkeys(o for v in _variants(word.casefold()) for o in index.get(v, ()))
        close = difflib.get_close_matches(word, list(found), n=1, cutoff=0.6)
        return close[0] if close else None


def _variants(word: str) -> set[str]:
    """``word`` with every choice of up to :data:`DROPS` characters left out."""
    variants = {word}
    for drops in range(1, min(DROPS, len(word)) + 1):
        for places in combinations(range(len(word)), drops):
            variants.add("".join(c for i, c in enumerate(word) if i not in places))
    return variants


def suggest(word: str, candidates: Names | Iterable[str]) -> str:
    """A "did you mean" tail for a near miss, or an empty string."""
    names = candidates if isinstance(candidates, Names) else Names(candidates)
    close = names.closest(word)
    return f"; menade du '{close}'?" if close is not None else ""
