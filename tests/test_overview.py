"""planctl overview: one page over many plans for a county board."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from planctl.cli import app
from planctl.publish.county import collect

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "valid" / "minimal.yaml"
TODAY = date(2026, 11, 23)


def county(tmp_path: Path) -> Path:
    """Three municipalities: one followed up, one overdue with a CRM stage, one broken file."""
    folder = tmp_path / "lan"
    folder.mkdir()
    shutil.copy(DATA / "valid" / "followed-up.yaml", folder / "followed-up.yaml")
    shutil.copytree(DATA / "valid" / "followed-up", folder / "followed-up")
    plan = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    plan.update(
        id="linkoping-2023",
        municipality="Linköping",
        period={"start": 2023, "end": 2024},
        decision={"body": "Kommunstyrelsen", "date": "2023-01-10"},
        lagesbild={"title": "Lägesbild 2022", "completed": "2022-10"},
        community_readiness=4,
        prevention_cycle_step=6,
        protective_factors=["Skolframgång", "Meningsfull fritid"],
    )
    plan["focus_areas"][0]["measures"][0]["timing"] = 2023
    plan["focus_areas"][0]["measures"][0]["method"] = {"name": "MVP", "evidence_based": True}
    plan["focus_areas"][0]["measures"][0]["prevention_level"] = "universell"
    (folder / "linkoping.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    shutil.copy(DATA / "invalid" / "unknown-owner.yaml", folder / "trasig.yaml")
    return folder


def test_rows_say_what_the_county_needs(tmp_path: Path) -> None:
    overview = collect([county(tmp_path)], TODAY, jobs=1)
    rows = {r.municipality or r.file: r for r in overview.rows}
    linkoping = rows["Linköping"]
    assert (linkoping.current, linkoping.overdue, linkoping.next_due) == (False, True, "2025-01-10 (6 §)")
    assert (linkoping.readiness, linkoping.prevention_step) == ("4. Förplanering", "6. Följ upp och utvärdera")
    assert linkoping.methods == ("MVP",) and linkoping.levels == (1, 0, 0, 0)
    exempel = rows["Exempelstad"]
    assert (exempel.current, exempel.overdue, exempel.last_follow_up, exempel.follow_ups) == (
        True,
        False,
        "2025-12-12",
        2,
    )
    broken = rows[str(tmp_path / "lan" / "trasig.yaml")]
    assert broken.errors == 2
    assert [t.label for t in overview.protective_factors] == ["Meningsfull fritid", "Skolframgång"]
    assert overview.levels == (("universell", 1), ("selektiv", 0), ("indikerad", 0), ("ej angiven", 1))


def test_html_overview(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["overview", str(county(tmp_path)), "--out", str(tmp_path / "ut"), "--today", "2026-11-23"],
        prog_name="planctl",
    )
    assert result.exit_code == 0
    assert result.stdout == f"skrev {tmp_path / 'ut' / 'oversikt.html'}\n"
    html = (tmp_path / "ut" / "oversikt.html").read_text(encoding="utf-8")
    assert '<span class="ljus ljus-röd">försenad, senast 2025-01-10 (6 §)</span>' in html
    assert '<td data-rubrik="Beredskap (CRM)">4. Förplanering</td>' in html
    assert '<td data-rubrik="Preventionspaketet">6. Följ upp och utvärdera</td>' in html
    assert "trasig.yaml</code>: planen har fel och visas inte" in html
    assert "<script" not in html and 'lang="sv"' in html


def test_shipped_plans_overview_is_deterministic(tmp_path: Path) -> None:
    args = ["overview", str(ROOT / "plans"), "--format", "md", "--today", "2026-11-23", "--out"]
    runner = CliRunner()
    assert runner.invoke(app, [*args, str(tmp_path / "a")], prog_name="planctl").exit_code == 0
    assert runner.invoke(app, [*args, str(tmp_path / "b")], prog_name="planctl").exit_code == 0
    first = (tmp_path / "a" / "oversikt.md").read_bytes()
    assert first == (tmp_path / "b" / "oversikt.md").read_bytes()
    text = first.decode("utf-8")
    assert "- Planer: 4, varav 2 åtgärdsplaner" in text
    assert (
        "| Västerås | Åtgärdsplan för brottsförebyggande arbete 2025–2026 | 2025–2026 | ja | 2026-11-10 (2 st) | 2028-11-10 (6 §) | 41 |"
        in text
    )


def test_many_plans_in_parallel_match_serial(tmp_path: Path) -> None:
    folder = tmp_path / "manga"
    folder.mkdir()
    for number in range(30):
        shutil.copy(MINIMAL, folder / f"plan-{number:02}.yaml")
    serial = collect([folder], TODAY, jobs=1)
    parallel = collect([folder], TODAY, jobs=2)
    assert serial == parallel
    assert len(serial.rows) == 30


def test_no_plans_is_a_usage_error(tmp_path: Path) -> None:
    from planctl.errors import UsageError

    with pytest.raises(UsageError, match="inga planfiler"):
        collect([tmp_path], TODAY)
