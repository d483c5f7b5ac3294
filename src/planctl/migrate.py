"""``planctl migrate``: rewrite a plan, follow-up or lägesbild file to the current format version.

The file is edited where it must change and nowhere else: the value to change is found in the
same node tree that places findings, and only those characters are replaced. Comments, key
order, quoting and layout stay exactly as the municipality wrote them. A file that cannot be
read is left alone, with the reason.

Format 1 → 2: ``format_version`` becomes 2. Everything format 1 could say means the same in
format 2; what format 2 adds (the lägesbild's problems, ended measures, quarters and
``löpande``, layouts, …) is written by hand. A follow-up's bare ``lagesbild_updated: true`` is
kept, and ``planctl validate`` asks for the update's date and registry number instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import yaml

from planctl.errors import PlanHasErrors, UsageError
from planctl.files import discover
from planctl.lint.loader import load_file
from planctl.lint.positions import locate
from planctl.model import FORMAT_VERSION
from planctl.terminal import printable


class Migrated(NamedTuple):
    path: Path
    old_version: int
    #: what was changed, in words
    changes: tuple[str, ...]


def migrate_paths(paths: Sequence[Path], write: bool = True) -> list[Migrated]:
    """Migrate every plan file under ``paths``; with ``write`` False, only say what would change.

    Refuses, writing nothing, when a file cannot be read or has no known format version.
    """
    planned: list[tuple[Path, str, Migrated]] = []
    for path in discover(paths):
        loaded = load_file(path)
        if not loaded.usable or loaded.root is None or not isinstance(loaded.data, dict):
            first = loaded.findings[0].message if loaded.findings else "ingen plan"
            raise PlanHasErrors(f"{printable(str(path))}: kan inte läsas ({printable(first)}); rätta filen först")
        version = loaded.data.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= FORMAT_VERSION:
            raise PlanHasErrors(f"{printable(str(path))}: har ingen känd formatversion (format_version: 1 eller 2)")
        text = loaded.text
        changes: list[str] = []
        if version < 2:
            node, found = locate(loaded, ("format_version",))
            assert found and isinstance(node, yaml.ScalarNode)
            start, end = node.start_mark.index, node.end_mark.index
            text = text[:start] + "2" + text[end:]
            changes.append("format_version: 1 → 2")
        planned.append((path, text, Migrated(path, version, tuple(changes))))
    if write:
        for path, text, migrated in planned:
            if migrated.changes:
                _write_keeping_bom(path, text)
    return [migrated for _, _, migrated in planned]


def _write_keeping_bom(path: Path, text: str) -> None:
    try:
        raw = path.read_bytes()
        bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(bom + text)
    except OSError as error:
        raise UsageError(f"{printable(str(path))}: kan inte skriva ({error.strerror or error})") from None
