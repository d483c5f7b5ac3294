"""Soft hyphens in long Swedish words, so that a narrow column breaks them where Swedish does.

A phone's table column or a matrix header is narrower than "Nätverkskriminalitet"; without a
hyphen the browser breaks it anywhere ("Nätverkskrim/inalitet"). Pyphen's Swedish patterns
give the syllables; Swedish compounds joined by an ``s`` (nätverks|kriminalitet) are broken
after the ``s``, where the patterns alone would break before it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

#: Words shorter than this are left whole.
LONG = 15
SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]{" + str(LONG) + ",}")
_TAG = re.compile(r"(<[^>]*>|&[#a-zA-Z0-9]+;)")
_CONSONANTS = set("bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ")


@lru_cache(maxsize=1)
def _dictionary() -> object | None:
    try:
        import pyphen
    except ImportError:  # pragma: no cover - pyphen is a dependency; without it words stay whole
        return None
    dictionary: object = pyphen.Pyphen(lang="sv", left=3, right=3)
    return dictionary


@lru_cache(maxsize=4096)
def hyphenate_word(word: str) -> str:
    """``word`` with soft hyphens where it may break."""
    dictionary = _dictionary()
    if dictionary is None:
        return word
    places = list(dictionary.positions(word))  # type: ignore[attr-defined]
    fixed = []
    for place in places:
        # "nätverk|skriminalitet" → "nätverks|kriminalitet": the joint s belongs to the first part.
        if (
            0 < place < len(word) - 1
            and word[place] in "sS"
            and word[place - 1] in _CONSONANTS
            and word[place - 1] not in "sS"
            and word[place + 1] in _CONSONANTS
        ):
            place += 1
        if 3 <= place <= len(word) - 3 and place not in fixed:
            fixed.append(place)
    for place in sorted(fixed, reverse=True):
        word = word[:place] + SOFT_HYPHEN + word[place:]
    return word


def hyphenate(text: str) -> Markup:
    """Soft hyphens in the long words of ``text`` (plain text or HTML: tags are left alone)."""
    parts = _TAG.split(str(text))
    out = [part if _TAG.fullmatch(part) else _WORD.sub(lambda m: hyphenate_word(m.group()), part) for part in parts]
    joined = "".join(out)
    return Markup(joined) if isinstance(text, Markup) else Markup(Markup.escape(joined))
