"""Format 1 → 2: every file written in format 1 passes through ``planctl migrate``.

``tests/data/format-1/`` holds the corpus and the shipped plans as they were in format 1. Each
file is migrated in a copy; the rewrite changes the ``format_version`` value and nothing else
(comments, key order, quoting and layout stay), the migrated file means what it meant (the
same findings, less the one asking for the migration), and a file that cannot be read is
refused with its reason and left untouched.
"""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli import app
from planctl.errors import PlanHasErrors
from planctl.lint.engine import check_plans
from planctl.migrate import migrate_paths

FORMAT_1 = Path(__file__).parent / "data" / "format-1"
FILES = sorted(FORMAT_1.rglob("*.yaml"))
TODAY = date(2026, 1, 15)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), prog_name="planctl")
    return result.exit_code, result.stdout, result.stderr


def test_the_format_1_corpus_is_all_there() -> None:
    assert len(FILES) > 60
    assert (FORMAT_1 / "plans" / "vasteras-atgardsplan-2025-2026.yaml") in FILES


def findings_of(folder: Path) -> dict[str, list[tuple[str, int, str]]]:
    """Each file's findings (code, line, message), F013 (old format) left out."""
    found: dict[str, list[tuple[str, int, str]]] = {}
    for _, results in check_plans([folder], TODAY):
        for result in results:
            found[str(Path(result.path).relative_to(folder))] = sorted(
                (f.code, f.line, f.message) for f in result.findings if f.code != "F013"
            )
    return found


def copy(tmp_path: Path) -> Path:
    target = tmp_path / "format-1"
    shutil.copytree(FORMAT_1, target)
    return target


def test_every_readable_file_is_rewritten_in_its_version_line_only(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    migrated = refused = 0
    for path in sorted(folder.rglob("*.yaml")):
        before = path.read_bytes()
        try:
            (result,) = migrate_paths([path])
        except PlanHasErrors as error:
            refused += 1
            assert str(path) in str(error) and path.read_bytes() == before  # said why, wrote nothing
            continue
        after = path.read_bytes()
        if result.old_version == 2:
            assert after == before
            continue
        migrated += 1
        assert result.changes == ("format_version: 1 → 2",)
        changed = [
            line
            for line in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
        ]
        assert len(changed) == 2, (path, changed)
        assert changed[0].lstrip("-").replace("format_version: 1", "format_version: 2") == changed[1].lstrip("+")
    assert migrated >= 50 and refused >= 5  # the binary, Latin-1, empty … files stay as they are


def test_migrated_files_mean_what_they_meant(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = findings_of(folder)
    readable = [path for path in folder.rglob("*.yaml") if _migrates(path)]
    assert readable
    after = findings_of(folder)
    assert after.keys() == before.keys()
    for name in sorted(after):
        assert after[name] == before[name], name


def _migrates(path: Path) -> bool:
    try:
        migrate_paths([path])
    except PlanHasErrors:
        return False
    return True


def test_old_files_are_named_and_migrate_check_says_so(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    plan = folder / "plans" / "vasteras-atgardsplan-2025-2026.yaml"
    code, out, _ = run("validate", "--today", "2026-01-15", str(plan))
    assert "F013 filen är i formatversion 1; planctl migrate skriver om den till version 2 och behåller kommentarerna" in out
    assert "warning F013" in out  # an old file is a warning, not an error: it still works …
    # … and format 2's new law checks read it too: format 1 recorded the samverkansledning that
    # decided the measures as the plan's deciding body, which is not a municipal organ (L307)
    assert code == 1 and "error L307" in out
    code, out, _ = run("migrate", "--check", str(folder / "plans"))
    assert code == 1 and out.count("behöver skrivas om") == 5  # three plans, two follow-ups
    code, out, _ = run("migrate", str(folder / "plans"))
    assert code == 0 and out.count("skrev om") == 5
    code, out, _ = run("migrate", "--check", str(folder / "plans"))
    assert (code, out) == (0, "5 filer redan i formatversion 2\n")
    code, out, _ = run("validate", "--today", "2026-01-15", str(plan))
    assert "F013" not in out and "error L307" in out


@pytest.mark.parametrize("name", ["binary.yaml", "latin1.yaml", "empty.yaml"])
def test_a_file_that_cannot_be_read_is_refused_with_its_reason(tmp_path: Path, name: str) -> None:
    folder = copy(tmp_path)
    path = folder / "invalid" / name
    before = path.read_bytes()
    code, _, err = run("migrate", str(path))
    assert code == 1 and err.startswith(f"planctl: {path}: kan inte läsas (")
    assert path.read_bytes() == before
