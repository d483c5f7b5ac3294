"""planctl report: the follow-up report, its figures, charts, safety and files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli import app
from planctl.errors import PlanHasErrors, UsageError
from planctl.files import PlanFiles, follow_up_files
from planctl.lint.engine import validate_unit
from planctl.model import FollowUp, Plan, TargetState, Trend
from planctl.publish.documents import report_files
from planctl.publish.report import build_report
from planctl.words import number_text

TESTS = Path(__file__).parent
ROOT = TESTS.parent
GOLDEN = TESTS / "golden"
VASTERAS = ROOT / "plans" / "vasteras-atgardsplan-2025-2026.yaml"
FOLLOWED = TESTS / "data" / "valid" / "followed-up.yaml"
#: a plan through a revision: the ended measure counts at the first follow-up only
EXEMPELBY = TESTS.parent / "plans" / "exempelby-atgardsplan-2025-2026.yaml"
MINIMAL = TESTS / "data" / "valid" / "minimal.yaml"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    out = tmp_path_factory.mktemp("rapporter")
    documents = {}
    for fmt in ("html", "md"):
        for path in report_files([VASTERAS, FOLLOWED, MINIMAL, EXEMPELBY], fmt, out, None, TODAY):
            documents[(path.stem, fmt)] = path.read_text(encoding="utf-8")
    return documents


def vasteras_follow_ups() -> list[FollowUp]:
    results = validate_unit(PlanFiles(VASTERAS, tuple(follow_up_files(VASTERAS))), TODAY)
    return [r.follow_up for r in results[1:] if r.follow_up is not None]


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("plan", [FOLLOWED, MINIMAL, EXEMPELBY], ids=["followed-up", "no-follow-up", "exempelby"])
def test_golden(
    plan: Path,
    fmt: str,
    built: dict[tuple[str, str], str],
    golden: Callable[[str, str], None],
    strip_css: Callable[[str], str],
) -> None:
    text = built[(f"{plan.stem}-uppfoljning", fmt)]
    golden(f"{plan.stem}-uppfoljning.{fmt}", strip_css(text) if fmt == "html" else text)


def test_vasteras_report_snapshot(golden: Callable[[str, str], None], as_snapshot: Callable[[object], str]) -> None:
    """The Västerås report is checked through the data its templates get and the tests below."""
    report = build_report(_plan(), vasteras_follow_ups(), VASTERAS.name)
    golden(f"{VASTERAS.stem}-uppfoljning.context.json", as_snapshot(report))


def test_example_data_is_said_on_the_first_page(built: dict[tuple[str, str], str]) -> None:
    html = built[(f"{VASTERAS.stem}-uppfoljning", "html")]
    banner = html.index('<div class="exempel" role="note">')
    assert banner < html.index("<main>")
    assert "<strong>Exempeldata.</strong> Siffrorna och kommentarerna" in html
    md = built[(f"{VASTERAS.stem}-uppfoljning", "md")]
    assert md.splitlines()[4].startswith("> **Exempeldata.**")


def test_no_example_banner_for_real_figures(built: dict[tuple[str, str], str]) -> None:
    assert 'class="exempel"' not in built[(f"{MINIMAL.stem}-uppfoljning", "html")]


def test_every_measure_has_its_latest_status_and_comment(built: dict[tuple[str, str], str]) -> None:
    html = built[(f"{VASTERAS.stem}-uppfoljning", "html")]
    latest = max(vasteras_follow_ups(), key=lambda f: f.date)
    assert len(latest.measures) == 41
    lights = {m.id: m.latest.light for m in build_report(_plan(), vasteras_follow_ups(), VASTERAS.name).measures}
    for report in latest.measures:
        row = re.search(rf'<tr id="atgard-{re.escape(report.measure)}">(.*?)</tr>', html, flags=re.DOTALL)
        assert row, report.measure
        assert f"{report.status.value} ({lights[report.measure]})" in row.group(1)
        if report.comment:
            assert report.comment.split()[0] in row.group(1)


def test_html_has_a_chart_for_every_quantitative_indicator_with_values(built: dict[tuple[str, str], str]) -> None:
    html = built[(f"{VASTERAS.stem}-uppfoljning", "html")]
    report = build_report(_plan(), vasteras_follow_ups(), VASTERAS.name)
    quantitative = [i for i in report.indicators if i.unit and i.values]
    assert len(quantitative) == 31
    for view in report.indicators:
        article = re.search(
            rf'<article class="indikator" id="indikator-{re.escape(view.id)}".*?</article>', html, re.DOTALL
        )
        assert article, view.id
        has_chart = "<svg" in article.group(0)
        assert has_chart == (view in quantitative), view.id
        if has_chart:
            assert 'role="img"' in article.group(0) and "<desc" in article.group(0)
    assert html.count("<svg") == 31


def test_chart_draws_target_and_baseline_where_the_plan_gives_them(built: dict[tuple[str, str], str]) -> None:
    html = built[(f"{FOLLOWED.stem}-uppfoljning", "html")]
    assert 'stroke-dasharray="6 4"/><text' in html and ">mål</text>" in html
    assert ">utgångsvärde</text>" in html
    assert (
        "Värden över tid: VT 2025 21,5\u00a0%, HT 2025 18\u00a0%. Mål 15\u00a0% senast 2026. Utgångsvärde 24\u00a0% (2024)."
        in html
    )


def test_trend_and_target_judgement() -> None:
    report = build_report(_plan(FOLLOWED), _follow_ups(FOLLOWED), FOLLOWED.name)
    (view,) = report.indicators
    # 18 % at HT 2025 against a target of 15 % by 2026: not reached, but its year has not passed
    assert (view.trend, view.on_target) == (Trend.GOOD, TargetState.NOT_DUE)
    assert (view.trend_text, view.on_target_text) == ("i önskad riktning", "målet ännu inte nått, men tiden har inte gått ut")
    # the plan promises a yearly follow-up, which comes before the law's two years
    assert (report.next_due, report.next_due_basis, report.law_due) == (date(2026, 12, 12), "enligt planen: årligen", date(2027, 12, 12))
    assert report.money_sek == 120000 and report.hours == 300


def test_wrong_way_indicators_are_called_so() -> None:
    report = build_report(_plan(), vasteras_follow_ups(), VASTERAS.name)
    wrong = [i.name for i in report.indicators if i.trend is Trend.BAD]
    assert len(wrong) == 3
    assert {i.trend_text for i in report.indicators if i.trend is Trend.BAD} == {"i fel riktning"}


def test_next_due_is_two_years_after_the_latest_follow_up(built: dict[tuple[str, str], str]) -> None:
    html = built[(f"{VASTERAS.stem}-uppfoljning", "html")]
    assert (
        'Nästa uppföljning ska göras senast <strong class="hel">2028-11-10</strong> (6 §, räknat från uppföljningen 2026-11-10).'
        in html
    )


def test_plan_without_follow_ups_says_so_and_counts_from_the_decision(built: dict[tuple[str, str], str]) -> None:
    md = built[(f"{MINIMAL.stem}-uppfoljning", "md")]
    assert "- **Uppföljningar:** *ingen uppföljning ännu*" in md
    assert "senast **2026-11-20** (6 §, räknat från beslutet 2024-11-20)" in md


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (12, None, "12"),
        (21.5, "procent", "21,5\u00a0%"),
        (4150000, "kronor", "4\u00a0150\u00a0000\u00a0kr"),
        (3.25, "skala", "3,2"),
    ],
)
def test_numbers_are_written_the_swedish_way(value: float, unit: str | None, text: str) -> None:
    from planctl.model import Unit as IndicatorUnit

    assert number_text(value, IndicatorUnit(unit) if unit else None) == text


def test_report_escapes_what_follow_ups_say(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(FOLLOWED.parent / "followed-up", plans / "followed-up")
    shutil.copy(FOLLOWED, plans)
    hostile = plans / "followed-up" / "uppfoljning-2025-12.yaml"
    text = hostile.read_text(encoding="utf-8").replace(
        "status: genomförd}", 'status: genomförd, comment: "<script>alert(1)</script> [x](javascript:alert(1))"}'
    )
    hostile.write_text(text, encoding="utf-8")
    (html,) = report_files([plans / "followed-up.yaml"], "html", tmp_path / "ut", None, TODAY)
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r"href=[\"']?javascript:", page)
    assert '<td data-rubrik="Kommentar">&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</td>' in page


def test_report_is_deterministic(tmp_path: Path) -> None:
    first = report_files([VASTERAS], "html", tmp_path / "a", None, TODAY)[0].read_bytes()
    second = report_files([VASTERAS], "html", tmp_path / "b", None, TODAY)[0].read_bytes()
    assert first == second


def test_report_with_errors_is_refused(tmp_path: Path) -> None:
    broken = TESTS / "data" / "invalid" / "followup-references.yaml"
    with pytest.raises(PlanHasErrors) as raised:
        report_files([broken], "html", tmp_path / "ut", None, TODAY)
    assert "U501 åtgärden 'rastvakt' finns inte i planen" in str(raised.value)
    assert not (tmp_path / "ut").exists()


def test_an_overdue_follow_up_does_not_stop_the_report(tmp_path: Path) -> None:
    (path,) = report_files([FOLLOWED], "md", tmp_path, None, date(2030, 1, 1))
    assert path.name == "followed-up-uppfoljning.md"


def test_naming_a_follow_up_file_reports_on_its_plan(tmp_path: Path) -> None:
    """One behaviour for every command: a follow-up named where a plan is expected stands for
    the plan it belongs to (pre-commit passes the files a commit changed)."""
    written = report_files(
        [FOLLOWED.parent / "followed-up" / "uppfoljning-2025-06.yaml"], "html", tmp_path, None, TODAY
    )
    assert written == [tmp_path / "followed-up-uppfoljning.html"]


def test_a_follow_up_outside_any_plan_folder_is_a_usage_error(tmp_path: Path) -> None:
    orphan = FOLLOWED.parent.parent / "invalid" / "followup-orphan.yaml"
    with pytest.raises(
        UsageError, match="är en uppföljning som inte ligger i en mapp bredvid sin plan; ange planfilen"
    ):
        report_files([orphan], "html", tmp_path, None, TODAY)


def test_cli_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["report", str(FOLLOWED), "--format", "md", "--out", str(tmp_path), "--today", "2026-01-15"],
        prog_name="planctl",
    )
    assert result.exit_code == 0
    assert result.stdout == f"skrev {tmp_path / 'followed-up-uppfoljning.md'}\n"


def _plan(path: Path = VASTERAS) -> Plan:
    result = validate_unit(PlanFiles(path, tuple(follow_up_files(path))), TODAY)[0]
    assert result.plan is not None
    return result.plan


def _follow_ups(path: Path) -> list[FollowUp]:
    results = validate_unit(PlanFiles(path, tuple(follow_up_files(path))), TODAY)
    return [r.follow_up for r in results[1:] if r.follow_up is not None]


def test_handlingsplan_report_follows_its_own_rhythm_not_6_paragraph(tmp_path: Path) -> None:
    plan = ROOT / "plans" / "vasteras-familjecentrum-handlingsplan-2022-2027.yaml"
    (md,) = report_files([plan], "md", tmp_path, None, TODAY)
    text = md.read_text(encoding="utf-8")
    assert "Nästa uppföljning senast" not in text and "Vad lagen kräver" not in text
    assert "## 5. Nästa uppföljning\n\nPlanen är en handlingsplan. Lagens krav på uppföljning vartannat år gäller åtgärdsplanen" in text
    assert "- vid fördjupad uppföljning 2023 och 2026\n" in text and "Fördjupad uppföljning: 2023 och 2026." in text
    assert text.count("*Planen har inga åtgärder att följa upp; se indikatorerna.*") == 2
    assert "## 4. Status över tid\n\n*Planen har ingen uppföljning ännu.*" in text
    assert text.count("- Mål: 85\u00a0%") == 4
    (html,) = report_files([plan], "html", tmp_path, None, TODAY)
    page = html.read_text(encoding="utf-8")
    assert 'id="tabell-status"' not in page and "<li>vid årlig brukarenkät</li>" in page


def test_two_plans_that_would_write_the_same_report_are_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(MINIMAL, tmp_path / folder / "plan.yaml")
    with pytest.raises(UsageError, match=r"skulle skrivas till samma dokument \(plan-uppfoljning\.html\)"):
        report_files([tmp_path / "a", tmp_path / "b"], "html", tmp_path / "ut", None, TODAY)
    assert not (tmp_path / "ut").exists()


def test_a_revision_shows_in_the_report(built: dict[tuple[str, str], str]) -> None:
    """Exempelby ends one measure in March 2026 and adds its replacement: the first follow-up
    reports the old one, the second the new one, and the latest tally counts only the current."""
    report = build_report(_plan(EXEMPELBY), _follow_ups(EXEMPELBY), EXEMPELBY.name)
    rows = {m.id: m for m in report.measures}
    ended = [m for m in rows.values() if m.ended]
    added = [m for m in rows.values() if m.history and m.history[0].outside and m.history[0].outside.startswith("tillagd")]
    assert len(ended) == 1 and len(added) == 1
    old, new = ended[0], added[0]
    assert old.history[0].status is not None and old.history[-1].outside is not None
    assert old.latest.light is None  # ended before the latest follow-up: no current light
    assert new.history[-1].status is not None
    assert report.totals.total == len(rows) - 1
    md = built[(f"{EXEMPELBY.stem}-uppfoljning", "md")]
    assert f"*ingår inte ({old.history[-1].outside})*" in md and f"*ingår inte ({new.history[0].outside})*" in md
