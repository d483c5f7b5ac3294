"""planctl's Swedish: one wording per value, the same in every document and message."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli import app
from planctl.model import Indicator, Range
from planctl.model.cadence import Since, Start
from planctl.words import (
    and_list,
    count,
    date_text,
    interval_text,
    number_text,
    period_text,
    since_text,
    target_text,
    timing_text,
)

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize(
    ("period", "text"),
    [(Range(start=2025), "2025"), (Range(start=2025, end=2025), "2025"), (Range(start=2025, end=2026), "2025–2026")],
)
def test_a_period_of_one_year_is_that_year(period: Range, text: str) -> None:
    assert period_text(period) == text


NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("written", "text"),
    [
        (2025, "2025"),
        ("2025", "2025"),
        ("HT 2025", f"höstterminen{NBSP}2025"),
        ("VT 2026", f"vårterminen{NBSP}2026"),
        ("2025-Q3", f"tredje kvartalet{NBSP}2025"),
        ("2025-09", f"september{NBSP}2025"),
        ("2025-09-15", f"15{NBSP}september{NBSP}2025"),
        ("2025–2026", "2025–2026"),
        ("2025-2026", "2025–2026"),
        ("2025-09–2026-06", f"september{NBSP}2025–juni{NBSP}2026"),
        ("2025-09 - 2026-06", f"september{NBSP}2025–juni{NBSP}2026"),
        ("löpande", "löpande under planperioden"),
        ("Löpande under planperioden", "löpande under planperioden"),
        ("årligen från 2025", "årligen från 2025"),
        ("varje år från 2025", "årligen från 2025"),
        ({"start": 2025, "end": 2026, "recurrence": "terminsvis"}, "terminsvis från 2025 till 2026"),
        ("varje månad från 2025-09 till 2026-06", f"månadsvis från september{NBSP}2025 till juni{NBSP}2026"),
        ({"start": 2025, "text": "Under hösten"}, "Under hösten"),
    ],
)
def test_timing(written: object, text: str) -> None:
    from pydantic import TypeAdapter

    from planctl.model.timing import Timing

    assert timing_text(TypeAdapter(Timing).validate_python(written)) == text


def test_no_timing_is_none() -> None:
    assert timing_text(None) is None


def test_a_target_is_written_with_its_month_in_words() -> None:
    indicator = Indicator.model_validate(
        {"id": "x", "name": "X", "unit": "procent", "target": {"value": 60, "by": "2026-06"}}
    )
    assert target_text(indicator) == "60\u00a0% senast juni 2026"


@pytest.mark.parametrize(
    ("months", "text"),
    [
        (1, "varje månad"),
        (2, "varannan månad"),
        (12, "varje år (var 12:e månad)"),
        (18, "var 18:e månad"),
        (21, "var 21:a månad"),
        (24, "vartannat år (var 24:e månad)"),
    ],
)
def test_interval(months: int, text: str) -> None:
    assert interval_text(months) == text


def test_numbers_lists_counts_dates_and_deadlines() -> None:
    assert number_text(1234567.25) == "1\u00a0234\u00a0567,2"
    assert and_list([2023]) == "2023" and and_list([2023, 2026]) == "2023 och 2026"
    assert and_list(["a", "b", "c"]) == "a, b och c"
    assert (count(1, "fil", "filer"), count(2, "fil", "filer")) == ("1 fil", "2 filer")
    assert (date_text("2024"), date_text("2024-06"), date_text("2024-06-15")) == ("2024", "juni 2024", "2024-06-15")
    assert since_text(Start(date(2024, 11, 20), Since.DECISION)) == "beslutet 2024-11-20"
    assert since_text(Start(date(2025, 12, 12), Since.FOLLOW_UP)) == "uppföljningen 2025-12-12"


def test_the_plan_document_and_the_report_say_period_target_and_timing_alike(tmp_path: Path) -> None:
    """Before, the report wrote a one-year period "2025–2025" and a target "senast 2026-06"
    where the plan document wrote "2025" and "senast juni 2026"."""
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "plan.yaml"
    text = (DATA / "valid" / "followed-up.yaml").read_text(encoding="utf-8")
    text = text.replace("period: {start: 2025, end: 2026}", "period: {start: 2025, end: 2025}")
    text = text.replace('target: {value: 15, by: "2026"}', 'target: {value: 15, by: "2025-06"}')
    assert "period: {start: 2025, end: 2025}" in text and '"2025-06"' in text
    plan.write_text(text, encoding="utf-8")
    shutil.copytree(DATA / "valid" / "followed-up", tmp_path / "plans" / "plan")
    out = tmp_path / "ut"
    runner = CliRunner()
    for command in ("render", "report"):
        result = runner.invoke(app, [command, str(plan), "--format", "md", "--out", str(out), "--today", "2026-01-15"])
        assert result.exit_code == 0, result.output
    document = (out / "plan.md").read_text(encoding="utf-8")
    report = (out / "plan-uppfoljning.md").read_text(encoding="utf-8")
    for text in (document, report):
        assert "Planperiod 2025" in text and "2025–2025" not in text
    assert "mål 15\u00a0% senast juni 2025" in document
    assert "- Mål: 15\u00a0% senast juni 2025" in report
    assert "senast 2025-06" not in document + report


def test_hyphenation_is_remembered_between_runs_and_a_broken_cache_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planctl.publish import hyphens

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for cached in (hyphens._known, hyphens.hyphenate_word):
        cached.cache_clear()
    word = "Nätverkskriminalitet"
    first = hyphens.hyphenate_word(word)
    assert first.replace("\u00ad", "") == word and "verks\u00adkri" in first  # the joint s stays with nätverks
    saved = json.loads(hyphens._cache_file().read_text(encoding="utf-8"))
    assert saved == {word: first}
    hyphens._cache_file().write_text('{"Nätverkskriminalitet": "fel ord"}', encoding="utf-8")  # not the word
    for cached in (hyphens._known, hyphens.hyphenate_word):
        cached.cache_clear()
    assert hyphens.hyphenate_word(word) == first
    hyphens._cache_file().write_text("[trasig", encoding="utf-8")
    for cached in (hyphens._known, hyphens.hyphenate_word):
        cached.cache_clear()
    assert hyphens.hyphenate_word(word) == first


#: A number one before a plural form: "1 åtgärder", "1 röda", "1 filer".
ONE_BEFORE_PLURAL = re.compile(
    r"(?<![0-9,.\u00a0])1 (åtgärder|planer|planfiler|filer|varningar|noter|dagar|månader|kommuner|"
    r"indikatorer|gröna|gula|röda|tystade|organisationer|uppföljningar|åtgärdsplaner|fynd till)\b"
)
#: What Python, Jinja or an English framework would leave in a document.
LEFT_OVER = re.compile(r"\b(None|True|False|Undefined|nan|Usage:|Options|Show this message|Error:)\b")


def test_no_document_says_1_with_a_plural_or_leaves_python_words(tmp_path: Path) -> None:
    """Every document planctl renders, in both text formats: each number agrees with its word,
    and nothing of Python's or a framework's English is left in the Swedish."""
    from planctl.publish.county import write_overview
    from planctl.publish.documents import render_files, report_files

    plans = sorted((ROOT / "plans").glob("*.yaml"))
    corpus = [p for p in sorted((ROOT / "tests" / "data" / "valid").glob("*.yaml")) if "lagesbild" not in p.name]
    day = date(2026, 11, 23)
    written = []
    for fmt in ("md", "html"):
        written += render_files([*plans, *corpus], fmt, tmp_path / fmt, None, day)
        written += report_files([*plans, *corpus], fmt, tmp_path / fmt, None, day)
        written.append(write_overview([ROOT / "plans"], fmt, tmp_path / fmt, None, day, 1))
    assert len(written) > 30
    assert ONE_BEFORE_PLURAL.findall("Av 1 åtgärder är 1 röda") and not ONE_BEFORE_PLURAL.findall("Av 11 åtgärder, 2,1 dagar")
    assert LEFT_OVER.findall("Mål: None")
    for path in written:
        text = re.sub(r"<style>.*?</style>", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", text).replace("\u00ad", "")
        assert not ONE_BEFORE_PLURAL.findall(text), (path.name, ONE_BEFORE_PLURAL.findall(text))
        assert not LEFT_OVER.findall(text), (path.name, LEFT_OVER.findall(text))


def test_a_narrow_column_hyphenates_shorter_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A matrix header is about 80 px wide: "Tystnadskultur" (14 letters) must break between
    syllables there, not as "Tystnadskult/ur"; running text leaves words under 15 letters whole."""
    from planctl.publish import hyphens

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert hyphens.hyphenate("Tystnadskultur och desinformation") == "Tystnadskultur och desinformation"
    narrow = hyphens.hyphenate("Tystnadskultur och <em>desinformation</em>", 8)
    assert narrow.replace("\u00ad", "") == "Tystnadskultur och &lt;em&gt;desinformation&lt;/em&gt;"
    assert "nads\u00adkul" in narrow and "des\u00adin" in narrow
