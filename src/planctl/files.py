"""Questions to the file system that never raise for a strange path.

A path named by a user can be too long for the file system, loop through symbolic links,
or lie in a folder planctl may not read; ``Path.exists()`` raises for those. Here each
answers False instead, and :func:`kind_of` says what a path is in words.
"""

from __future__ import annotations

import stat
from pathlib import Path

from planctl.printable import printable


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
