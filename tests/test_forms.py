"""planctl forms and planctl collect: workbooks out to the owners, a follow-up file back.

Every test works on a copy of the plans in tmp_path and fills the workbooks with openpyxl, as an
owner's spreadsheet program would. The LibreOffice tests open each workbook in a real spreadsheet
program; they skip where ``soffice`` is missing, except in CI (the ``CI`` variable), where they fail.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner, Result

from planctl.cli import app

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
STEM = "vasteras-atgardsplan-2025-2026"
PLAN = f"plans/{STEM}.yaml"
FOLLOW_UP = f"plans/{STEM}/uppfoljning-2026-12.yaml"
BUF = f"{STEM}-BUF.xlsx"
POLISEN = f"{STEM}-Polisen.xlsx"
COMMENT = "Tio skolor har team.\nTvå väntar på personal – ”citat”, 'enkla' & \"dubbla\", åäö ÅÄÖ 🎉"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="planctl")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped plans, as the folder one works in."""
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def forms(plan: str = PLAN, day: str = "2026-12-15", out: str = "ut") -> Result:
    result = run("forms", plan, "--date", day, "--out", out)
    assert result.exit_code == 0, result.output
    return result


def fill(
    path: Path | str, sheet: str, answers: dict[str, dict[str, object]], ids: dict[str, str] | None = None
) -> None:
    """Fill cells by measure or indicator id and column header, as an owner would; ``ids`` changes ids."""
    book = load_workbook(path)
    table = book[sheet]
    headers = {cell.value: n for n, cell in enumerate(table[1], start=1)}
    rows = {table.cell(r, 1).value: r for r in range(2, table.max_row + 1)}
    for ident, values in answers.items():
        for header, value in values.items():
            table.cell(rows[ident], headers[header]).value = value  # type: ignore[assignment]
    for old, new in (ids or {}).items():
        table.cell(rows[old], 1).value = new
    book.save(path)


def answer_vasteras(out: Path, corrected: bool) -> None:
    """BUF and Polisen answer; the first time with a wrong status word, a changed id, text for a
    number and a comment that differs from BUF's."""
    fill(
        out / BUF,
        "Åtgärder",
        {
            "skolsociala-team": {
                "Status": "pågår" if corrected else "klar",
                "Kommentar": COMMENT,
                "Kostnad (kr)": 1250000,
            },
            "motverka-normforskjutning": {
                "Status": "pågår",
                "Eget trafikljus": "gul",
                "Motivering för trafikljuset": "Materialet är försenat.",
            },
        },
        ids=None if corrected else {"motverka-normforskjutning": "motverka-normforskjutningen"},
    )
    fill(
        out / BUF,
        "Indikatorer",
        {
            "ind-skolor-med-skolsociala-team": {
                "Värde": 12 if corrected else "tolv",
                "Period": "2026",
                "Källa": "Egen registrering",
            },
            "ind-otrygghet-skolan-norm": {"Värde": "76,2", "Period": "HT 2026", "Not": "Grundskolor"},
        },
    )
    polisen: dict[str, object] = {"Status": "pågår", "Timmar": 120}
    if not corrected:
        polisen["Kommentar"] = "Polisen deltar."
    fill(out / POLISEN, "Åtgärder", {"skolsociala-team": polisen})


ROUND_ONE = f"""\
{BUF}:Åtgärder!I2: error B701 okänd status 'klar'; menade du 'genomförd'?
{BUF}:Åtgärder!A3: error B703 id:t har ändrats från 'motverka-normforskjutning' till 'motverka-normforskjutningen'; ändra inte id-kolumnen
{BUF}:Indikatorer!H2: error B702 'tolv' är inget tal; skriv t.ex. 42 eller 76,2 utan enhet
{POLISEN}:Åtgärder!J2: error B704 åtgärden 'skolsociala-team' besvaras olika: kommentar 'Polisen deltar.' här, 'Tio skolor har team. Två väntar på pers…' i {BUF}:Åtgärder!J2
2 arbetsböcker lästa: 4 fel, 0 varningar; {FOLLOW_UP} skrivs inte förrän felen är rättade
"""

COLLECTED = f"""\
# Uppföljning sammanställd av planctl collect från 2 arbetsböcker:
#   {BUF} (BUF)
#   {POLISEN} (Polisen)
# Komplettera gärna med en sammanfattning (summary) och lägesbildens uppdatering (lagesbild_update).

format_version: 2
kind: uppföljning
plan: vasteras-atgardsplan-2025-2026
date: 2026-12-15
reported_by: Sammanställd av planctl collect från 2 arbetsböcker
measures:
  - measure: skolsociala-team
    status: pågår
    comment: |-
      Tio skolor har team.
      Två väntar på personal – ”citat”, 'enkla' & "dubbla", åäö ÅÄÖ 🎉
    cost:
      money_sek: 1250000
      hours: 120
  - measure: motverka-normforskjutning
    status: pågår
    light: gul
    light_reason: Materialet är försenat.
indicators:
  - indicator: ind-skolor-med-skolsociala-team
    values:
      - value: 12
        period: '2026'
        source: Egen registrering
  - indicator: ind-otrygghet-skolan-norm
    values:
      - value: 76.2
        period: HT 2026
        note: Grundskolor
"""


# -- planctl forms ---------------------------------------------------------------------------


def test_forms_writes_a_workbook_per_leading_owner_and_one_for_the_coordinator(repo: Path) -> None:
    result = forms()
    owners = [
        "samtliga",
        "SK",
        "BUF",
        "IFF",
        "KIFF",
        "MHF",
        "Skultuna",
        "SBF",
        "TFF",
        "VOF",
        "Polisen",
        "regionen",
        "Mimer",
        "bolagen",
    ]
    # the organisation "samtliga" leads a measure; its file steps aside for the coordinator's
    expected = [f"ut/{STEM}-{owner}.xlsx" for owner in owners] + [f"ut/{STEM}-org-samtliga.xlsx"]
    assert (result.stdout, result.stderr) == ("".join(f"skrev {name}\n" for name in expected), "")
    assert sorted(p.name for p in (repo / "ut").iterdir()) == sorted(Path(name).name for name in expected)


def ids(path: Path, sheet: str) -> list[str]:
    table = load_workbook(path)[sheet]
    return [str(table.cell(r, 1).value) for r in range(2, table.max_row + 1)]


def test_an_owner_gets_the_measures_it_leads_and_those_without_a_lead_it_owns(repo: Path) -> None:
    forms()
    # MHF leads ob-miljobrott and is one of six owners of a measure without a lead
    assert ids(repo / "ut" / f"{STEM}-MHF.xlsx", "Åtgärder") == ["valfard-kommunikation-tillsyner", "ob-miljobrott"]
    coordinator = repo / "ut" / f"{STEM}-samtliga.xlsx"
    assert len(ids(coordinator, "Åtgärder")) == 41
    assert len(ids(coordinator, "Indikatorer")) == 37
    book = load_workbook(repo / "ut" / f"{STEM}-MHF.xlsx")
    assert book.sheetnames == ["Instruktioner", "Åtgärder", "planctl"]  # MHF's measures have no indicators
    row = [cell.value for cell in book["Åtgärder"][2]]
    assert row[:6] == [
        "valfard-kommunikation-tillsyner",
        "Välfärdsbrott",
        row[2],
        row[3],
        row[4],
        "Ingen ansvarig angiven; går till SK, MHF, IFF, VOF, KIFF och SBF",
    ]
    assert row[8:] == [None] * 6


def test_a_workbook_is_locked_where_it_should_be_and_prints_on_a4_landscape(repo: Path) -> None:
    forms()
    book = load_workbook(repo / "ut" / BUF)
    sheet = book["Åtgärder"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [
        "Id", "Område", "Åtgärd", "När", "Mål", "Ansvar", "Förra status", "Förra kommentaren",
        "Status", "Kommentar", "Kostnad (kr)", "Timmar", "Eget trafikljus", "Motivering för trafikljuset",
    ]  # fmt: skip
    assert sheet.protection.sheet and sheet.protection.insertRows and sheet.protection.deleteRows
    assert [sheet.cell(2, c).protection.locked for c in range(1, 15)] == [True] * 8 + [False] * 6
    assert all(cell.protection.locked for cell in sheet[1])
    assert sheet.freeze_panes == "B2"
    assert sheet.print_title_rows == "$1:$1"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize, sheet.page_setup.fitToWidth) == (
        "landscape",
        9,
        1,
    )
    checks = {str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    assert checks[f"I2:I{sheet.max_row}"] == ("list", '"ej påbörjad,pågår,genomförd,försenad,avbruten"')
    assert checks[f"M2:M{sheet.max_row}"] == ("list", '"grön,gul,röd"')
    assert checks[f"K2:K{sheet.max_row}"] == ("decimal", "0")
    assert sheet.cell(2, 7).value == "genomförd"  # the status at the follow-up of 2026-11-10
    meta = book["planctl"]
    assert meta.sheet_state == "hidden" and book.security is not None and book.security.lockStructure
    assert [[c.value for c in row] for row in meta.iter_rows(max_row=5)] == [
        ["layout", 1, None, None],
        ["plan", "vasteras-atgardsplan-2025-2026", None, None],
        ["plan_file", STEM, None, None],
        ["owner", "BUF", None, None],
        ["date", "2026-12-15", None, None],
    ]
    indicators = book["Indikatorer"]
    assert [cell.value for cell in indicators[1]] == [
        "Id", "Indikator", "Följer upp", "Enhet", "Utgångsvärde", "Mål", "Tidigare värden", "Värde", "Period", "Källa", "Not",
    ]  # fmt: skip
    assert indicators.cell(2, 7).value == "6 (2024); 10 (2025); 15 (2026)"


def test_the_instructions_say_what_to_fill_by_when_and_to_whom(repo: Path) -> None:
    forms()
    lines = [row[0] for row in load_workbook(repo / "ut" / BUF)["Instruktioner"].iter_rows(values_only=True)]
    assert lines[:4] == [
        "Uppföljning av Åtgärdsplan för brottsförebyggande arbete 2025–2026",
        "Västerås. Blankett för Barn- och utbildningsförvaltningen (BUF). Uppföljningens datum: 2026-12-15.",
        "Fyll i arbetsboken och skicka tillbaka den senast 2026-12-15 till Samverkansledningen.",
        "Förra status, förra kommentaren och tidigare värden kommer från uppföljningen 2026-11-10.",
    ]
    assert any(str(line).startswith("7. Grå celler är låsta") for line in lines)
    assert "pågår: Åtgärden pågår. Enligt plan inom sin tid, sen efter sitt slut." in lines
    assert "röd: allvarlig avvikelse eller inte genomförd" in lines
    assert lines[-6:] == ["Status", "ej påbörjad", "pågår", "genomförd", "försenad", "avbruten"]


def test_ended_measures_and_measures_added_later_are_not_asked_about(repo: Path) -> None:
    plan = repo / "plans" / "revision.yaml"
    shutil.copy(DATA / "valid" / "followed-up.yaml", plan)
    text = plan.read_text(encoding="utf-8") + (
        "      - {id: nattvandring, title: Nattvandring., goals: [Trygghet], owners: [Polisen], lead: Polisen,\n"
        "         addresses: [vuxna], follow_up: {text: I trygghetsrådet.}, added: 2026-03}\n"
        "      - {id: kameror, title: Kameror., goals: [Trygghet], owners: [SK], lead: SK, addresses: [vuxna],\n"
        "         follow_up: {text: I trygghetsrådet.}, ended: {date: 2025-09, how: utgår, reason: Stoppad.}}\n"
    )
    plan.write_text(text, encoding="utf-8")
    forms("plans/revision.yaml", "2026-01-20")
    assert ids(repo / "ut" / "revision-samtliga.xlsx", "Åtgärder") == ["rastvakter"]
    assert not (repo / "ut" / "revision-Polisen.xlsx").exists()
    forms("plans/revision.yaml", "2026-06-20")
    assert ids(repo / "ut" / "revision-samtliga.xlsx", "Åtgärder") == ["rastvakter", "nattvandring"]


def test_a_plan_without_light_override_gets_no_light_columns(repo: Path) -> None:
    plan = repo / "plans" / "strict.yaml"
    text = (DATA / "valid" / "followed-up.yaml").read_text(encoding="utf-8")
    plan.write_text(
        text.replace("forum: Trygghetsrådet}", "forum: Trygghetsrådet, allow_light_override: false}"), encoding="utf-8"
    )
    forms("plans/strict.yaml", "2026-01-20")
    headers = [cell.value for cell in load_workbook(repo / "ut" / "strict-SK.xlsx")["Åtgärder"][1]]
    assert "Eget trafikljus" not in headers and headers[-1] == "Timmar"


def test_forms_refuses_a_plan_with_errors_and_a_bad_date(repo: Path) -> None:
    shutil.copy(DATA / "invalid" / "unknown-owner.yaml", repo / "plans" / "fel.yaml")
    result = run("forms", "plans/fel.yaml", "--date", "2026-01-20", "--out", "ut")
    assert result.exit_code == 1
    assert result.stderr.endswith("blanketterna skrivs inte förrän felen är rättade\n")
    assert not (repo / "ut").exists()
    result = run("forms", PLAN, "--date", "15/12/2026")
    assert (result.exit_code, result.stderr) == (2, "planctl: --date '15/12/2026': ange ett datum som ÅÅÅÅ-MM-DD\n")


def test_the_same_plan_and_date_give_the_same_bytes(repo: Path) -> None:
    forms(out="a")
    forms(out="b")
    first = sorted((repo / "a").iterdir())
    assert first and all(path.read_bytes() == (repo / "b" / path.name).read_bytes() for path in first)
    with zipfile.ZipFile(first[0]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 12, 15, 0, 0, 0)}
        core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    # Read as XML: openpyxl declares the namespaces on each element where lxml is installed
    # (pikepdf, for the PDF tests, brings it) and once at the top where it is not.
    modified = core.find("{http://purl.org/dc/terms/}modified")
    assert modified is not None and modified.text == "2026-12-15T00:00:00Z"
    assert modified.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "dcterms:W3CDTF"


# -- planctl collect -------------------------------------------------------------------------


def test_round_trip_through_the_owners_workbooks(repo: Path) -> None:
    forms()
    answer_vasteras(repo / "ut", corrected=False)
    result = run("collect", PLAN, f"ut/{BUF}", f"ut/{POLISEN}")
    assert (result.exit_code, result.stdout, result.stderr) == (1, ROUND_ONE, "")
    assert not (repo / FOLLOW_UP).exists()

    forms()
    answer_vasteras(repo / "ut", corrected=True)
    result = run("collect", PLAN, f"ut/{BUF}", f"ut/{POLISEN}")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"2 arbetsböcker lästa: 0 fel, 0 varningar; skrev {FOLLOW_UP}\n",
        "",
    )
    assert (repo / FOLLOW_UP).read_text(encoding="utf-8") == COLLECTED
    checked = run("validate", "--today", "2026-12-15", PLAN)
    assert checked.exit_code == 0
    assert "uppfoljning-2026-12" not in checked.stdout


def test_the_report_shows_the_collected_values(repo: Path) -> None:
    from planctl.publish.documents import report_files

    forms()
    answer_vasteras(repo / "ut", corrected=True)
    assert run("collect", PLAN, f"ut/{BUF}", f"ut/{POLISEN}").exit_code == 0
    (written,) = report_files([Path(PLAN)], "md", repo / "build", None, date(2026, 12, 15))
    report = written.read_text(encoding="utf-8")
    assert "Tio skolor har team." in report and "🎉" in report
    assert "| HT 2026 | 76,2" in report


def test_an_existing_follow_up_is_not_overwritten(repo: Path) -> None:
    forms()
    answer_vasteras(repo / "ut", corrected=True)
    assert run("collect", PLAN, f"ut/{BUF}", f"ut/{POLISEN}").exit_code == 0
    before = (repo / FOLLOW_UP).read_bytes()
    result = run("collect", PLAN, f"ut/{BUF}")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"planctl: {FOLLOW_UP} finns redan; planctl collect skriver inte över en uppföljning. "
        "Ange --merge för att föra in svaren i den och se vad som ändras.\n",
    )
    assert (repo / FOLLOW_UP).read_bytes() == before


def test_merge_brings_new_answers_in_and_says_what_changed(repo: Path) -> None:
    forms()
    answer_vasteras(repo / "ut", corrected=True)
    assert run("collect", PLAN, f"ut/{BUF}", f"ut/{POLISEN}").exit_code == 0
    path = repo / FOLLOW_UP
    path.write_text(
        path.read_text(encoding="utf-8").replace("reported_by:", "summary: Skriven för hand.\nreported_by:"),
        encoding="utf-8",
    )
    forms()
    fill(repo / "ut" / BUF, "Åtgärder", {"skolsociala-team": {"Status": "genomförd", "Kostnad (kr)": "1 300 000"}})
    fill(repo / "ut" / BUF, "Indikatorer", {"ind-skolor-med-skolsociala-team": {"Värde": 14, "Period": "2026"}})
    fill(repo / "ut" / BUF, "Indikatorer", {"ind-elever-skolpliktsbevakning": {"Värde": "151", "Period": "2026"}})
    result = run("collect", "--merge", PLAN, f"ut/{BUF}")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "åtgärden 'skolsociala-team': status 'pågår' → 'genomförd'\n"
        "åtgärden 'skolsociala-team': kostnad (kr) 1\u00a0250\u00a0000 → 1\u00a0300\u00a0000\n"
        "indikatorn 'ind-skolor-med-skolsociala-team': värde för 2026 12 → 14\n"
        "indikatorn 'ind-elever-skolpliktsbevakning': tillagd med 151 (2026)\n"
        f"1 arbetsbok läst: 0 fel, 0 varningar; skrev {FOLLOW_UP}\n"
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        COLLECTED.split("\n\n")[0] + "\n# Kompletterad av planctl collect från " + BUF + " (BUF).\n\n"
    )
    assert "summary: Skriven för hand.\n" in text and "hours: 120\n" in text
    again = run("collect", "--merge", PLAN, f"ut/{BUF}")
    assert again.stdout == f"1 arbetsbok läst: 0 fel, 0 varningar; {FOLLOW_UP} stämmer redan med arbetsböckerna\n"


def test_a_workbook_for_another_plan_or_date_is_refused(repo: Path) -> None:
    shutil.copy(DATA / "valid" / "followed-up.yaml", repo / "plans" / "exempel.yaml")
    forms("plans/exempel.yaml", "2026-01-20", out="andra")
    forms(day="2026-11-30", out="tidig")
    forms()
    fill(repo / "ut" / BUF, "Åtgärder", {"skolsociala-team": {"Status": "pågår"}})
    result = run("collect", PLAN, f"ut/{BUF}", "andra/exempel-SK.xlsx", f"tidig/{POLISEN}")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "exempel-SK.xlsx: error B705 arbetsboken gjordes för planen 'exempelstad-2025', inte för 'vasteras-atgardsplan-2025-2026'\n"
        f"{POLISEN}: error B705 arbetsboken gjordes för uppföljningen 2026-11-30, inte för 2026-12-15\n"
        f"3 arbetsböcker lästa: 2 fel, 0 varningar; {FOLLOW_UP} skrivs inte förrän felen är rättade\n"
    )


def test_the_same_measure_answered_differently_in_two_workbooks(repo: Path) -> None:
    forms()
    fill(repo / "ut" / BUF, "Åtgärder", {"skolsociala-team": {"Status": "pågår", "Timmar": "12,5"}})
    fill(repo / "ut" / POLISEN, "Åtgärder", {"skolsociala-team": {"Status": "försenad", "Timmar": 12.5}})
    result = run("collect", PLAN, f"ut/{BUF}", f"ut/{POLISEN}", "--date", "2026-12-15")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        f"{POLISEN}:Åtgärder!I2: error B704 åtgärden 'skolsociala-team' besvaras olika: status 'försenad' här, 'pågår' i {BUF}:Åtgärder!I2\n"
        f"2 arbetsböcker lästa: 1 fel, 0 varningar; {FOLLOW_UP} skrivs inte förrän felen är rättade\n"
    )


def test_incomplete_answers_and_files_that_are_no_forms(repo: Path) -> None:
    forms()
    fill(repo / "ut" / BUF, "Åtgärder", {"skolsociala-team": {"Kommentar": "Utan status."}})
    fill(repo / "ut" / BUF, "Åtgärder", {"motverka-normforskjutning": {"Status": "Pågår", "Eget trafikljus": "grönt"}})
    fill(repo / "ut" / BUF, "Indikatorer", {"ind-skolor-med-skolsociala-team": {"Värde": "12 st"}})
    (repo / "text.xlsx").write_text("ingen arbetsbok", encoding="utf-8")
    Workbook().save(repo / "tom.xlsx")
    result = run("collect", PLAN, f"ut/{BUF}", "text.xlsx", "tom.xlsx", "--date", "2026-12-15")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        f"{BUF}:Åtgärder!I2: error B706 åtgärden 'skolsociala-team' har svar men ingen status; välj status i listan\n"
        f"{BUF}:Åtgärder!M3: error B701 okänd trafikljus 'grönt'; menade du 'grön'?\n"
        f"{BUF}:Indikatorer!H2: error B702 '12 st' är inget tal; skriv t.ex. 42 eller 76,2 utan enhet\n"
        "text.xlsx: error B707 filen kan inte läsas som en .xlsx-arbetsbok (BadZipFile)\n"
        "tom.xlsx: error B705 arbetsboken är ingen blankett från planctl forms (bladet planctl saknas)\n"
        f"3 arbetsböcker lästa: 5 fel, 0 varningar; {FOLLOW_UP} skrivs inte förrän felen är rättade\n"
    )


def test_a_value_the_unit_does_not_allow_is_found_at_its_cell(repo: Path) -> None:
    forms()
    fill(repo / "ut" / BUF, "Indikatorer", {"ind-otrygghet-skolan-norm": {"Värde": "176,2", "Period": "2026"}})
    result = run("collect", PLAN, f"ut/{BUF}")
    assert result.stdout == (
        f"{BUF}:Indikatorer!H4: error U503 värdet 176,2 passar inte enheten procent för 'ind-otrygghet-skolan-norm' (tillåtet: 0–100)\n"
        f"1 arbetsbok läst: 1 fel, 0 varningar; {FOLLOW_UP} skrivs inte förrän felen är rättade\n"
    )
    assert result.exit_code == 1


def test_followed_up_plan_with_example_data(repo: Path) -> None:
    plan = repo / "plans" / "exempel.yaml"
    plan.write_text(
        (DATA / "valid" / "followed-up.yaml")
        .read_text(encoding="utf-8")
        .replace("title: Åtgärdsplan", "example_data: true\ntitle: Åtgärdsplan"),
        encoding="utf-8",
    )
    shutil.copytree(DATA / "valid" / "followed-up", repo / "plans" / "exempel")
    result = forms("plans/exempel.yaml", "2026-06-12")
    assert result.stdout == "skrev ut/exempel-samtliga.xlsx\nskrev ut/exempel-SK.xlsx\n"
    assert load_workbook(repo / "ut" / "exempel-SK.xlsx")["Åtgärder"].cell(2, 7).value == "genomförd"
    fill(
        repo / "ut" / "exempel-SK.xlsx",
        "Åtgärder",
        {"rastvakter": {"Status": "genomförd", "Kommentar": "Alla fem skolor."}},
    )
    fill(repo / "ut" / "exempel-SK.xlsx", "Indikatorer", {"andel-otrygga": {"Värde": "16,5", "Period": "VT 2026"}})
    result = run("collect", "plans/exempel.yaml", "ut/exempel-SK.xlsx")
    assert (result.exit_code, result.stdout) == (
        0,
        "1 arbetsbok läst: 0 fel, 0 varningar; skrev plans/exempel/uppfoljning-2026-06.yaml\n",
    )
    text = (repo / "plans" / "exempel" / "uppfoljning-2026-06.yaml").read_text(encoding="utf-8")
    assert text.split("\n\n", 1)[1] == (
        "format_version: 2\nkind: uppföljning\nplan: exempelstad-2025\ndate: 2026-06-12\n"
        "reported_by: Sammanställd av planctl collect från 1 arbetsbok\nexample_data: true\n"
        "measures:\n  - measure: rastvakter\n    status: genomförd\n    comment: Alla fem skolor.\n"
        "indicators:\n  - indicator: andel-otrygga\n    values:\n      - value: 16.5\n        period: VT 2026\n"
    )
    assert run("validate", "--today", "2026-06-12", "plans/exempel.yaml").exit_code == 0


def test_a_handlingsplan_gets_only_the_coordinators_workbook_with_its_indicators(repo: Path) -> None:
    plan = "plans/vasteras-familjecentrum-handlingsplan-2022-2027.yaml"
    result = forms(plan, "2026-12-15")
    name = "vasteras-familjecentrum-handlingsplan-2022-2027-samtliga.xlsx"
    assert result.stdout == f"skrev ut/{name}\n"
    book = load_workbook(repo / "ut" / name)
    assert book.sheetnames == ["Instruktioner", "Indikatorer", "planctl"]
    first = ids(repo / "ut" / name, "Indikatorer")[0]
    fill(repo / "ut" / name, "Indikatorer", {first: {"Värde": 3, "Period": "2026", "Källa": "Egen registrering"}})
    result = run("collect", plan, f"ut/{name}")
    assert result.exit_code == 0, result.stdout
    written = (
        repo / "plans" / "vasteras-familjecentrum-handlingsplan-2022-2027" / "uppfoljning-2026-12.yaml"
    ).read_text(encoding="utf-8")
    assert f"indicators:\n  - indicator: {first}\n    values:\n      - value: 3\n" in written
    assert "measures:" not in written


def test_a_percent_formatted_cell_and_a_period_a_program_made_a_date(repo: Path) -> None:
    from datetime import datetime

    forms()
    book = load_workbook(repo / "ut" / BUF)
    table = book["Indikatorer"]
    table["H4"] = 0.762
    table["H4"].number_format = "0.0%"
    table["I4"] = datetime(2026, 10, 1)
    book.save(repo / "ut" / BUF)
    assert run("collect", PLAN, f"ut/{BUF}").exit_code == 0
    assert "      - value: 76.2\n        period: 2026-10\n" in (repo / FOLLOW_UP).read_text(encoding="utf-8")


# -- LibreOffice -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def soffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """LibreOffice headless with a profile of its own; fails in CI where it is missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice saknas i CI: apt-get install libreoffice-calc")
        pytest.skip("LibreOffice saknas: apt-get install libreoffice-calc")
    profile = tmp_path_factory.mktemp("lo-profile")
    yield [found, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]


def convert(soffice: list[str], to: str, out: Path, *files: Path) -> list[Path]:
    done = subprocess.run(
        [*soffice, "--convert-to", to, "--outdir", str(out), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    made = [out / f"{path.stem}.{to}" for path in files]
    missing = [path.name for path in made if not path.exists()]
    assert not missing, f"LibreOffice skrev inte {missing}: {done.stdout} {done.stderr}"
    return made


def test_libreoffice_opens_every_workbook(repo: Path, soffice: list[str]) -> None:
    forms()
    workbooks = sorted((repo / "ut").iterdir())
    for made in convert(soffice, "ods", repo / "ods", *workbooks):
        with zipfile.ZipFile(made) as archive:
            content = archive.read("content.xml").decode("utf-8")
        assert 'table:name="Åtgärder"' in content or 'table:name="Indikatorer"' in content
        assert 'table:protected="true"' in content


def test_a_workbook_saved_by_libreoffice_reads_back_the_same(repo: Path, soffice: list[str]) -> None:
    forms()
    answer_vasteras(repo / "ut", corrected=True)
    (ods_buf, ods_polisen) = convert(soffice, "ods", repo / "ods", repo / "ut" / BUF, repo / "ut" / POLISEN)
    back = convert(soffice, "xlsx", repo / "tillbaka", ods_buf, ods_polisen)
    result = run("collect", PLAN, *(str(path.relative_to(repo)) for path in back))
    assert (result.exit_code, result.stdout) == (0, f"2 arbetsböcker lästa: 0 fel, 0 varningar; skrev {FOLLOW_UP}\n")
    assert (repo / FOLLOW_UP).read_text(encoding="utf-8") == COLLECTED


def test_zip_entries_are_what_a_reader_expects() -> None:
    """The archive a workbook is written as is a plain zip any tool lists (a regression guard for
    the entry rewriting that fixes the timestamps)."""
    from planctl.forms.workbook import _fixed_zip

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", "<a/>")
    fixed = _fixed_zip(buffer.getvalue(), __import__("datetime").datetime(2026, 1, 2), {})
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        assert archive.testzip() is None
        assert [(i.filename, i.date_time, i.compress_type) for i in archive.infolist()] == [
            ("a.xml", (2026, 1, 2, 0, 0, 0), zipfile.ZIP_DEFLATED)
        ]


def test_a_second_follow_up_in_a_month_is_named_by_its_day(repo: Path) -> None:
    forms(day="2026-11-30")
    fill(repo / "ut" / BUF, "Åtgärder", {"skolsociala-team": {"Status": "genomförd"}})
    result = run("collect", PLAN, f"ut/{BUF}")
    written = f"plans/{STEM}/uppfoljning-2026-11-30.yaml"
    assert (result.exit_code, result.stdout) == (0, f"1 arbetsbok läst: 0 fel, 0 varningar; skrev {written}\n")
    assert (repo / f"plans/{STEM}/uppfoljning-2026-11.yaml").read_text(encoding="utf-8") == (
        ROOT / f"plans/{STEM}/uppfoljning-2026-11.yaml"
    ).read_text(encoding="utf-8")


def test_the_readme_shows_the_round_and_real_findings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme[readme.index("$ planctl collect ") :].split("```")[0].splitlines()[1:]
    assert "\n".join(example) + "\n" == ROUND_ONE
    for command in ("planctl forms", "planctl collect", "planctl report"):
        assert command in readme


def test_round_trip_on_the_example_plan_in_bras_template(repo: Path) -> None:
    """Exempelby after its revision: every leading owner answers every row of its workbook; the
    collected follow-up validates, holds every current measure once, and the report shows it."""
    from planctl.publish.documents import report_files

    plan = "plans/exempelby-atgardsplan-2025-2026.yaml"
    forms(plan, day="2026-12-15", out="ex")
    books = sorted(Path("ex").glob("exempelby-atgardsplan-2025-2026-*.xlsx"))
    owners = [b for b in books if not b.name.endswith("-samtliga.xlsx")]  # the coordinator's has every measure
    assert len(owners) >= 3
    answered: set[str] = set()
    for book in owners:
        workbook = load_workbook(book)
        measure_ids = [workbook["Åtgärder"].cell(r, 1).value for r in range(2, workbook["Åtgärder"].max_row + 1)]
        fill(book, "Åtgärder", {str(m): {"Status": "pågår", "Kommentar": f"Svar från {book.stem}."} for m in measure_ids if m})
        answered |= {str(m) for m in measure_ids if m}
        if "Indikatorer" in workbook.sheetnames:
            sheet = workbook["Indikatorer"]
            ids = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]
            fill(book, "Indikatorer", {str(i): {"Värde": "12,5", "Period": "2026"} for i in ids if i})
    # the measure ended in March 2026 is asked of no one; its replacement is
    assert "informationsmote-vardnadshavare" not in answered and "effekt" in answered
    result = run("collect", plan, *map(str, owners), "--date", "2026-12-15")
    assert result.exit_code == 0, result.output
    checked = run("validate", "--today", "2026-12-20", plan)
    assert checked.exit_code == 0, checked.output
    (report,) = report_files([Path(plan)], "md", repo / "build", None, date(2026, 12, 20))
    text = report.read_text(encoding="utf-8")
    assert "## 1. Senaste uppföljningen 2026-12-15" in text and "12,5" in text
