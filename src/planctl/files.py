"""Plan files on disk: where a plan keeps its follow-ups, which files a command works on,
and questions to the file system that never raise for a strange path.

A plan ``plans/X.yaml`` keeps its follow-ups in ``plans/X/``, one file per occasion
(``uppfoljning-2025-12.yaml``); planctl finds them by itself. :func:`group` gives
``planctl validate`` each file with the files it is checked together with;
:func:`select_plans` gives every other command the plans named, each with all its follow-ups.

A path named by a user can be too long for the file system, loop through symbolic links,
or lie in a folder planctl may not read; ``Path.exists()`` raises for those. Here each
answers False instead, and :func:`kind_of` says what a path is in words.
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from planctl.errors import UsageError
from planctl.terminal import printable

PLAN_SUFFIXES = (".yaml", ".yml")


def _mode(path: Path, follow: bool = True) -> int | None:
    try:
        return (path.stat() if follow else path.lstat()).st_mode
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None


def is_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (after symbolic links)."""
    mode = _mode(path)
    return mode is not None and stat.S_ISREG(mode)


def is_dir(path: Path) -> bool:
    mode = _mode(path)
    return mode is not None and stat.S_ISDIR(mode)


def exists(path: Path) -> bool:
    """Whether anything is at ``path``, a broken symbolic link included."""
    return _mode(path, follow=False) is not None


def kind_of(path: Path) -> str | None:
    """What ``path`` is, in words, when it is neither a regular file nor a folder; else None."""
    mode = _mode(path)
    if mode is None:
        return "en trasig symbolisk länk" if exists(path) else None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "en namngiven rörledning (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en sockel"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    return "ingen vanlig fil"


def name_problem(path: Path) -> str | None:
    """Why a path cannot name a file on this system (too long), in words; else None."""
    try:
        path.lstat()
    except OSError as error:
        import errno

        if error.errno == errno.ENAMETOOLONG:
            return "namnet är för långt för filsystemet"
    except ValueError:
        return "namnet innehåller ett NUL-tecken"
    return None


def output_problem(out: Path, plan: Path) -> str | None:
    """Why documents must not be written to ``out`` for ``plan``, or None.

    Documents never go into the folder a plan lies in, nor any folder inside it (a plan's
    follow-up folder included): sources and what is made from them stay apart. A plan at the
    top of the folder one works in (``planctl render plan.yaml --out build``) is the exception:
    only that folder itself is refused.
    """
    try:
        target = out.resolve()
        folder = plan.resolve().parent
        here = Path.cwd().resolve()
    except (OSError, RuntimeError):
        return None  # the write itself reports an unusable path
    if target == folder:
        return f"--out {printable(str(out))} är mappen där planen {printable(plan.name)} ligger; välj en egen mapp för dokumenten"
    if folder in target.parents and not (folder == here or folder in here.parents):
        return (
            f"--out {printable(str(out))} ligger i planmappen {printable(str(plan.parent))}; "
            "välj en mapp utanför den för dokumenten"
        )
    return None


# -- the plan and its follow-ups ------------------------------------------------------------


def follow_up_folder(plan_path: Path) -> Path:
    """Where a plan keeps its follow-ups: the folder with the plan file's name."""
    return plan_path.with_suffix("")


def follow_up_files(plan_path: Path) -> list[Path]:
    folder = follow_up_folder(plan_path)
    if not is_dir(folder):
        return []
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in PLAN_SUFFIXES and is_file(p))
    except OSError:
        return []


def plan_of(path: Path) -> Path | None:
    """The plan a file in a follow-up folder belongs to, if the folder sits beside one."""
    folder = path.parent
    for suffix in PLAN_SUFFIXES:
        candidate = folder.parent / (folder.name + suffix)
        if is_file(candidate):
            return candidate
    return None


class PlanFiles(NamedTuple):
    """A plan file and the follow-up files checked with it."""

    plan: Path
    follow_ups: tuple[Path, ...]
    #: False when the plan was only loaded as context for a follow-up that was asked for
    report_plan: bool = True


def discover(paths: Sequence[Path]) -> list[Path]:
    """The files named by ``paths``: files as given, folders searched for ``*.yaml``."""
    found: list[Path] = []
    for path in paths:
        problem = name_problem(path)
        if problem is not None:
            raise UsageError(f"{printable(str(path)[:80])}…: {problem}")
        if is_dir(path):
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in PLAN_SUFFIXES and is_file(p)))
        elif exists(path):
            found.append(path)  # a file that cannot be read is reported as such (F001)
        else:
            raise UsageError(f"{printable(str(path))}: finns inte")
    return list(dict.fromkeys(found))


def group(files: Sequence[Path]) -> list[PlanFiles]:
    """Files as ``planctl validate`` checks them: a plan brings its follow-ups, a follow-up
    brings its plan as context (checked, but not reported unless it was named too)."""
    plans: dict[Path, set[Path]] = {}
    asked: set[Path] = set()
    for path in files:
        plan = plan_of(path)
        if plan is None:
            asked.add(path)
            plans.setdefault(path, set()).update(follow_up_files(path))
        else:
            plans.setdefault(plan, set()).add(path)
    return [PlanFiles(plan, tuple(sorted(follow_ups)), plan in asked) for plan, follow_ups in plans.items()]


def select_plans(paths: Sequence[Path]) -> list[PlanFiles]:
    """The plans a command works on, each with all its follow-ups, in the order named.

    Folders give their plans. A follow-up file named where a plan is expected gives the plan
    it belongs to (so ``planctl report plans/x/uppfoljning-2025-12.yaml`` reports on plan x,
    as pre-commit passes it), once however many of its files are named.
    """
    plans: dict[Path, None] = {}
    for path in discover(paths):
        plans.setdefault(plan_of(path) or path, None)
    return [PlanFiles(plan, tuple(follow_up_files(plan))) for plan in plans]
