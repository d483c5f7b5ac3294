"""A plan repository's settings: ``planctl.toml``, or ``[tool.planctl]`` in ``pyproject.toml``.

A municipality sets once what its repository's commands should do, instead of repeating options
in every command and CI step::

    # planctl.toml
    paths = ["plans"]            # what validate, render, report, status and overview read by default
    layout = "brå"               # the measures tables of plans that do not choose their own
    templates = "mallar"         # templates that override planctl's own (--templates)
    strict = true                # warnings fail validate too (--strict)
    ignore = ["G413"]            # rules not reported in this repository (Brå's guidance only)
    select = ["G", "U"]          # or: only these of the rules that can be left out (the rest always)
    out = "build"                # where render, report and overview write

The file is looked for in the current folder and its parents, up to the root of the git
repository. Options given on the command line win over the file. The law's rules (L, and the
6 § cadence) cannot be ignored, as they cannot be silenced in a plan.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planctl.errors import UsageError
from planctl.terminal import printable

#: The file names looked for, in order, in each folder.
NAMES = ("planctl.toml", "pyproject.toml")
KEYS = ("paths", "layout", "templates", "strict", "ignore", "select", "out")
LAYOUTS = ("västerås", "brå")


@dataclass(frozen=True)
class Settings:
    """What the repository's settings file says; ``source`` is None where there is none."""

    source: Path | None = None
    paths: tuple[Path, ...] = ()
    layout: str | None = None
    templates: Path | None = None
    strict: bool = False
    ignore: tuple[str, ...] = ()
    out: Path | None = None
    #: the rules that can be left out which a repository keeps; empty: all of them
    select: tuple[str, ...] = ()
    #: every key and value as read, for ``planctl --debug``
    raw: dict[str, Any] = field(default_factory=dict)

    def targets(self, paths: list[Path] | None) -> list[Path]:
        """What a command reads: the paths given, else the settings' ``paths``, else ``plans/``."""
        return paths or list(self.paths) or [Path("plans")]

    def output(self, out: Path | None) -> Path:
        """Where a command writes: ``--out``, else the settings' ``out``, else ``build/``."""
        return out or self.out or Path("build")

    def describe(self) -> str:
        if self.source is None:
            return "inställningar: ingen planctl.toml eller [tool.planctl] hittades"
        values = ", ".join(f"{key} = {self.raw[key]!r}" for key in KEYS if key in self.raw) or "inga värden"
        return f"inställningar från {self.source}: {values}"


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest settings file from ``start`` upwards (stopping at the git root) and its table."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in NAMES:
            path = candidate / name
            if not path.is_file():
                continue
            table: Any = _read(path)
            if name == "pyproject.toml":
                tool = table.get("tool", {})
                table = tool.get("planctl") if isinstance(tool, dict) else None
                if table is None:
                    continue
                if not isinstance(table, dict):
                    raise UsageError(f"{printable(str(path))}: [tool.planctl] ska vara en tabell")
            return path, table
        if (candidate / ".git").exists():
            break
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{printable(str(path))}: är inte giltig TOML ({printable(str(error))})") from None
    except OSError as error:
        raise UsageError(f"{printable(str(path))}: kan inte läsas ({error.strerror or error})") from None


def load(start: Path | None = None) -> Settings:
    """The settings for commands run in ``start`` (the current folder); empty where there are none."""
    found = find(start or Path.cwd())
    if found is None:
        return Settings()
    path, table = found
    where = printable(str(path))
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise UsageError(f"{where}: okänd inställning {', '.join(map(repr, unknown))}; kända är {', '.join(KEYS)}")
    base = _shortest(path.parent)

    def text_list(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            raise UsageError(f"{where}: {key} ska vara en lista med texter, t.ex. {key} = [\"plans\"]")
        return tuple(value)

    def folder(key: str) -> Path | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            raise UsageError(f"{where}: {key} ska vara en mapp, t.ex. {key} = \"mallar\"")
        return base / value

    layout = table.get("layout")
    if layout is not None and layout not in LAYOUTS:
        raise UsageError(f"{where}: layout ska vara {' eller '.join(map(repr, LAYOUTS))}, inte {layout!r}")
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise UsageError(f"{where}: strict ska vara true eller false")
    ignore = text_list("ignore")
    select = text_list("select")
    from planctl.lint.rules import RULES

    for code in select:
        if not any(rule.code.startswith(code) for rule in RULES.values()):
            raise UsageError(f"{where}: select: ingen regel heter eller börjar med {code!r}")
    for code in ignore:
        matching = [rule for rule in RULES.values() if rule.code.startswith(code)]
        if not matching:
            raise UsageError(f"{where}: ignore: ingen regel heter eller börjar med {code!r}")
        lawful = [rule.code for rule in matching if not rule.silenceable]
        if lawful:
            raise UsageError(
                f"{where}: ignore: {', '.join(lawful)} kan inte stängas av; lagens krav och formatets regler gäller alltid"
            )
    return Settings(
        source=path,
        paths=tuple(base / item for item in text_list("paths")),
        layout=layout,
        templates=folder("templates"),
        strict=strict,
        ignore=ignore + _not_selected(select, RULES),
        select=select,
        out=folder("out"),
        raw=dict(table),
    )


def _not_selected(select: tuple[str, ...], rules: Any) -> tuple[str, ...]:
    """The rules ``select`` leaves out: those that may be left out at all (the ones a plan may
    silence) and that no selected prefix names. The law's and the format's rules always stay."""
    if not select:
        return ()
    return tuple(
        rule.code for rule in rules.values() if rule.silenceable and not any(rule.code.startswith(s) for s in select)
    )


def _shortest(folder: Path) -> Path:
    """``folder`` relative to the current folder where it lies inside it, so that what commands
    print ("skrev ut/plan.html") reads as the user would write it."""
    try:
        return folder.relative_to(Path.cwd().resolve())
    except ValueError:
        return folder
