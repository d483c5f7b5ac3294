"""The corpus: every file under tests/data gives exactly the findings beside it.

Adding a case is adding ``NAME.yaml`` (and, for follow-ups, the folder ``NAME/`` beside
it) and, for an invalid one, ``NAME.expected`` with the findings in the one-line form
(paths relative to tests/data).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planctl.lint.engine import validate_paths
from planctl.lint.findings import Severity
from planctl.lint.reporters.common import line_of

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 1, 15)
VALID = sorted((DATA / "valid").glob("*.yaml"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def findings_of(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every finding of a case: the plan and the follow-ups in the folder beside it."""
    monkeypatch.chdir(DATA)
    results = validate_paths([path.relative_to(DATA)], TODAY, jobs=1)
    return [line_of(f) for result in results for f in result.findings]


def expected_of(path: Path) -> list[str]:
    expected = path.with_suffix(".expected")
    return expected.read_text(encoding="utf-8").splitlines() if expected.exists() else []


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_file_has_no_unsilenced_finding(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = findings_of(path, monkeypatch)
    assert lines == expected_of(path)
    assert all(" silenced " in line for line in lines)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_file_gives_exactly_its_findings(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert path.with_suffix(".expected").exists(), f"{path.name} has no .expected file"
    lines = findings_of(path, monkeypatch)
    assert lines, "an invalid case must produce findings"
    assert lines == expected_of(path)


def test_every_expected_file_has_its_case() -> None:
    for expected in DATA.rglob("*.expected"):
        assert expected.with_suffix(".yaml").exists(), expected


def test_corpus_covers_every_rule() -> None:
    """Each rule is shown firing by at least one case, so none is dead."""
    seen = {line.split(" ")[2] for path in DATA.rglob("*.expected") for line in expected_of(path.with_suffix(".yaml"))}
    from planctl.lint.rules import RULES

    missing = sorted(set(RULES) - seen - {"F001", "F003"})  # unreadable and oversized files are made in test_loader
    assert missing == []


def test_severity_in_expected_matches_rule() -> None:
    from planctl.lint.rules import RULES

    for expected in DATA.rglob("*.expected"):
        for line in expected_of(expected.with_suffix(".yaml")):
            label, code = line.split(" ")[1:3]
            if label != "silenced":
                assert Severity[label.upper()] is RULES[code].severity, line
