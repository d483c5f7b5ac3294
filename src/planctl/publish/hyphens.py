"""Soft hyphens in long Swedish words, so that a narrow column breaks them where Swedish does.

A phone's table column or a matrix header is narrower than "Nätverkskriminalitet"; without a
hyphen the browser breaks it anywhere ("Nätverkskrim/inalitet"). Pyphen's Swedish patterns
give the syllables; Swedish compounds joined by an ``s`` (nätverks|kriminalitet) are broken
after the ``s``, where the patterns alone would break before it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from planctl import __version__

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


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "planctl" / f"avstavning-{__version__}.json"


@lru_cache(maxsize=1)
def _known() -> dict[str, str]:
    """Words hyphenated in earlier runs: loading pyphen's Swedish patterns costs more than
    checking a whole plan, and a plan's long words are the same from run to run."""
    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str) and v.replace(SOFT_HYPHEN, "") == k}


def _remember(word: str, hyphenated: str) -> None:
    known = _known()
    known[word] = hyphenated
    target = _cache_file()
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(known, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        temporary.replace(target)


@lru_cache(maxsize=4096)
def hyphenate_word(word: str) -> str:
    """``word`` with soft hyphens where it may break."""
    known = _known().get(word)
    if known is not None:
        return known
    hyphenated = _hyphenated(word)
    _remember(word, hyphenated)
    return hyphenated


def _hyphenated(word: str) -> str:
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


@lru_cache(maxsize=8)
def _words(shortest: int) -> re.Pattern[str]:
    return _WORD if shortest == LONG else re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]{" + str(shortest) + ",}")


def hyphenate(text: str, shortest: int = LONG) -> Markup:
    """Soft hyphens in the words of ``text`` that have at least ``shortest`` letters (plain text or
    HTML: tags are left alone). A column as narrow as a matrix header's asks for a lower bound."""
    words = _words(shortest)
    parts = _TAG.split(str(text))
    out = [part if _TAG.fullmatch(part) else words.sub(lambda m: hyphenate_word(m.group()), part) for part in parts]
    joined = "".join(out)
    return Markup(joined) if isinstance(text, Markup) else Markup(Markup.escape(joined))
