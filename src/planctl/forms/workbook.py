"""``planctl forms``: one .xlsx workbook per owner, laid out for a person, read back by planctl.

Each workbook has the sheets Instruktioner, Åtgärder and Indikatorer (a sheet with no rows is
left out) and a hidden sheet that records what it was made for. Ids, headers and the plan's own
words are grey and locked; the cells to fill are white and unlocked, with drop-downs for status
and light and number checks for costs and values. The same plan and date give the same bytes:
the document properties and every zip entry carry a time derived from the follow-up's date.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planctl import __version__
from planctl.errors import UsageError
from planctl.files import output_problem
from planctl.forms.layout import (
    INDICATOR_COLUMNS,
    INDICATORS_SHEET,
    INSTRUCTIONS_SHEET,
    LAYOUT_VERSION,
    MEASURES_SHEET,
    META_ROW,
    META_SHEET,
    Column,
    measure_columns,
)
from planctl.forms.questions import Form, build_forms
from planctl.lint.engine import blocking, check_one_plan, unreadable
from planctl.lint.reporters.common import refuse_on_errors
from planctl.model import CHOICES, Light, Status
from planctl.model.lights import TABLE, Phase
from planctl.publish.output import write_all
from planctl.words import day_text, light_text

GREY = PatternFill("solid", start_color="FFD9D9D9", end_color="FFD9D9D9")
LIGHT_GREY = PatternFill("solid", start_color="FFF2F2F2", end_color="FFF2F2F2")
THIN = Side(style="thin", color="FFA6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOP = Alignment(vertical="top", wrap_text=True)
#: Points per line of text in a row, for row heights that show wrapped cells whole.
LINE_HEIGHT = 15
#: The data sheets are wide; a smaller type keeps a printed page readable.
SMALL = Font(size=9)
SMALL_LINE = 12


def write_forms(plan_path: Path, day: date, out: Path) -> list[Path]:
    """Write every form of the plan at ``plan_path`` for the follow-up on ``day`` to ``out``.

    Nothing is written when the plan or one of its follow-ups has errors.
    """
    files, results = check_one_plan(plan_path, day)
    refuse_on_errors(blocking(results), unreadable(results), "blanketterna skrivs inte")
    problem = output_problem(out, files.plan)
    if problem is not None:
        raise UsageError(problem)
    plan = results[0].plan
    assert plan is not None
    follow_ups = [r.follow_up for r in results[1:] if r.follow_up is not None]
    forms = build_forms(plan, follow_ups, files.plan.stem, day)
    documents = [(out / form.file_name, workbook_bytes(form)) for form in forms]
    write_all(out, documents)
    return [target for target, _ in documents]


def workbook_bytes(form: Form) -> bytes:
    """The form as an .xlsx file, the same bytes for the same form."""
    book = Workbook()
    instructions = book.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEET
    _instructions(instructions, form)
    rows: dict[str, list[str]] = {}
    if form.measures:
        sheet = book.create_sheet(MEASURES_SHEET)
        columns = measure_columns(form.allow_light)
        values = [[getattr(row, c.key) if not c.is_input else None for c in columns] for row in form.measures]
        _data_sheet(sheet, columns, values)
        _measure_checks(sheet, columns, len(values))
        rows[MEASURES_SHEET] = [row.id for row in form.measures]
    if form.indicators:
        sheet = book.create_sheet(INDICATORS_SHEET)
        values = [
            [getattr(row, c.key) if not c.is_input else None for c in INDICATOR_COLUMNS] for row in form.indicators
        ]
        _data_sheet(sheet, INDICATOR_COLUMNS, values)
        _indicator_checks(sheet, form)
        rows[INDICATORS_SHEET] = [row.id for row in form.indicators]
    _meta(book.create_sheet(META_SHEET), form, rows)
    book.active = 0
    # Sheets cannot be renamed, removed, or the hidden one shown, by mistake (no password: a person may lift it).
    book.security = WorkbookProtection(lockStructure=True)
    moment = datetime(form.day.year, form.day.month, form.day.day)
    book.properties.creator = f"planctl {__version__}"
    book.properties.lastModifiedBy = "planctl"
    book.properties.title = f"Uppföljning {form.day}: {form.plan_title}"
    book.properties.subject = form.owner_name
    book.properties.created = moment
    book.properties.modified = moment
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps "modified" with the time of saving, and each zip entry with the clock.
    book.properties.modified = moment
    return _fixed_zip(buffer.getvalue(), moment, {"docProps/core.xml": _core_xml(book)})


def _core_xml(book: Workbook) -> bytes:
    from openpyxl.xml.functions import tostring

    return bytes(tostring(book.properties.to_tree()))


def _fixed_zip(data: bytes, moment: datetime, replace: dict[str, bytes]) -> bytes:
    """The same archive with every entry dated ``moment`` and the same attributes on any system."""
    out = io.BytesIO()
    stamp = (moment.year, moment.month, moment.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def _data_sheet(sheet: Worksheet, columns: Sequence[Column], values: Sequence[Sequence[object]]) -> None:
    """Header, rows, widths, protection, frozen header and print setup of a data sheet."""
    sheet.append([c.header for c in columns])
    for row in values:
        sheet.append(list(row))
    widths = [_width(c, [row[n] for row in values]) for n, c in enumerate(columns)]
    for n, column in enumerate(columns, start=1):
        letter = get_column_letter(n)
        sheet.column_dimensions[letter].width = widths[n - 1] + 1
        header = sheet.cell(1, n)
        header.font = Font(bold=True, size=9)
        header.fill = GREY
        header.border = BOX
        header.alignment = TOP
        for r in range(2, len(values) + 2):
            cell = sheet.cell(r, n)
            cell.font = SMALL
            cell.alignment = TOP
            cell.border = BOX
            if column.is_input:
                cell.protection = Protection(locked=False)
                if column.key in ("comment", "light_reason", "period", "source", "note"):
                    cell.number_format = "@"
            else:
                cell.fill = LIGHT_GREY
    for r, row in enumerate(values, start=2):
        lines = max(
            [1]
            + [
                sum(max(1, math.ceil(len(part) / widths[n])) for part in str(v).split("\n"))
                for n, v in enumerate(row)
                if isinstance(v, str) and v
            ]
        )
        sheet.row_dimensions[r].height = min(409, SMALL_LINE * lines)
    header_lines = max(math.ceil(len(c.header) / widths[n]) for n, c in enumerate(columns))
    sheet.row_dimensions[1].height = SMALL_LINE * header_lines
    sheet.freeze_panes = "B2"
    _protect(sheet)
    _print_setup(sheet)
    sheet.print_title_rows = "1:1"


def _width(column: Column, values: Sequence[object]) -> int:
    longest = max([len(column.header)] + [len(line) for v in values if isinstance(v, str) for line in v.split("\n")])
    return max(column.min_width, min(column.max_width, longest))


def _protect(sheet: Worksheet) -> None:
    """Locked cells cannot be changed, rows cannot be added or removed; columns may be widened."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.selectLockedCells = False
    sheet.protection.selectUnlockedCells = False


def _print_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.print_options.gridLines = False


def _column_range(columns: Sequence[Column], key: str, count: int) -> str | None:
    for n, column in enumerate(columns, start=1):
        if column.key == key:
            letter = get_column_letter(n)
            return f"{letter}2:{letter}{count + 1}"
    return None


def _choice(values: Sequence[str], title: str, message: str) -> DataValidation:
    check = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    check.error = message
    check.errorTitle = title
    check.errorStyle = "stop"
    check.showErrorMessage = True
    return check


def _number(minimum: float | None, maximum: float | None, message: str) -> DataValidation:
    """A number check that warns, so that a decimal comma a program takes for text still gets in."""
    if minimum is not None and maximum is not None:
        check = DataValidation(
            type="decimal", operator="between", formula1=_formula(minimum), formula2=_formula(maximum)
        )
    elif minimum is not None:
        check = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=_formula(minimum))
    else:
        check = DataValidation(type="decimal", operator="between", formula1="-1E+307", formula2="1E+307")
    check.allow_blank = True
    check.error = message
    check.errorTitle = "Värdet är inget tal"
    check.errorStyle = "warning"
    check.showErrorMessage = True
    return check


def _formula(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _measure_checks(sheet: Worksheet, columns: Sequence[Column], count: int) -> None:
    checks = (
        ("status", _choice([s.value for s in Status], "Okänd status", "Välj en status i listan.")),
        ("light", _choice([light.value for light in Light], "Okänt trafikljus", "Välj grön, gul eller röd.")),
        ("money_sek", _number(0, None, "Skriv kostnaden i kronor som ett tal, t.ex. 120000.")),
        ("hours", _number(0, None, "Skriv timmarna som ett tal, t.ex. 300 eller 12,5.")),
    )
    for key, check in checks:
        cells = _column_range(columns, key, count)
        if cells is not None:
            check.add(cells)
            sheet.add_data_validation(check)
    money = _column_range(columns, "money_sek", count)
    if money is not None:
        for row in sheet[money]:
            for cell in row:
                cell.number_format = "#,##0"


def _indicator_checks(sheet: Worksheet, form: Form) -> None:
    column = next(n for n, c in enumerate(INDICATOR_COLUMNS, start=1) if c.key == "value")
    letter = get_column_letter(column)
    ranges: dict[tuple[float | None, float | None], list[str]] = {}
    for r, row in enumerate(form.indicators, start=2):
        ranges.setdefault((row.low, row.high), []).append(f"{letter}{r}")
    for (low, high), cells in ranges.items():
        allowed = (
            ""
            if low is None
            else (f" mellan {_formula(low)} och {_formula(high)}" if high is not None else f" från {_formula(low)}")
        )
        check = _number(low, high, f"Skriv värdet som ett tal{allowed}, t.ex. 42 eller 76,2.")
        for cell in cells:
            check.add(cell)
        sheet.add_data_validation(check)


def _meta(sheet: Worksheet, form: Form, rows: dict[str, list[str]]) -> None:
    """The hidden sheet: what the workbook was made for, and the id each data row was made for."""
    sheet.append(["layout", LAYOUT_VERSION])
    sheet.append(["plan", form.plan_id])
    sheet.append(["plan_file", form.plan_stem])
    sheet.append(["owner", form.owner])
    sheet.append(["date", day_text(form.day)])
    for name, ids in rows.items():
        for number, ident in enumerate(ids, start=2):
            sheet.append([META_ROW, name, number, ident])
    sheet.sheet_state = "hidden"
    _protect(sheet)


def _instructions(sheet: Worksheet, form: Form) -> None:
    """The Swedish instructions: what to fill in, by when, to whom; statuses and lights."""
    who = "samtliga åtgärder och indikatorer i planen" if form.is_coordinator else f"{form.owner_name} ({form.owner})"
    previous = (
        f"Förra status, förra kommentaren och tidigare värden kommer från uppföljningen {form.previous_day}."
        if form.previous_day
        else "Planen har ingen tidigare uppföljning."
    )
    lines: list[tuple[str, str]] = [
        ("title", f"Uppföljning av {form.plan_title}"),
        ("", f"{form.municipality}. Blankett för {who}. Uppföljningens datum: {form.day}."),
        ("", f"Fyll i arbetsboken och skicka tillbaka den senast {form.day} till {form.send_to}."),
        ("", previous),
        ("", ""),
        ("heading", "Så fyller du i"),
    ]
    steps = []
    if form.measures:
        steps.append(
            "Bladet Åtgärder har en rad per åtgärd. Välj Status i listan och skriv i Kommentar vad som har hänt "
            "sedan förra uppföljningen. Fyll i Kostnad (kr) och Timmar för perioden där de är kända."
        )
        steps.append(
            "En åtgärd utan angiven ansvarig går till alla dess ägare; det står i kolumnen Ansvar. Svara för er del; "
            "samordnaren sammanställer svaren."
        )
        if form.allow_light:
            steps.append(
                "Trafikljuset sätts av planctl utifrån status och åtgärdens tid. Välj Eget trafikljus bara när det "
                "inte stämmer, och skriv då varför i Motivering för trafikljuset."
            )
    if form.indicators:
        steps.append(
            "Bladet Indikatorer har en rad per indikator. Skriv det senaste uppmätta värdet i Värde, perioden det "
            "gäller i Period (t.ex. 2026, HT 2026 eller 2026-10), varifrån det kommer i Källa och det läsaren behöver "
            "veta i Not."
        )
    steps += [
        "Skriv tal med decimalkomma, t.ex. 76,2, utan enhet: procent som 76,2 och kronor som 120000.",
        "En tom rad betyder att åtgärden eller indikatorn inte redovisas den här gången. Lämna hellre tomt än gissa.",
        "Grå celler är låsta: id, rubriker och planens uppgifter kan inte ändras av misstag. Fyll i de vita cellerna "
        "och lägg inte till eller ta bort rader. Spara som Excel-arbetsbok (.xlsx).",
    ]
    lines += [("", f"{n}. {step}") for n, step in enumerate(steps, start=1)]
    lines += [("", ""), ("heading", "Status")]
    lines += [("", f"{value}: {text}") for value, text in CHOICES["Status"].items()]
    lines += [("", ""), ("heading", "Brås trafikljus")]
    lines += [("", f"{light.value}: {light_text(light)}") for light in Light]
    lines.append(("", "planctl sätter ljuset utifrån status och var uppföljningens datum ligger i åtgärdens tid:"))
    sheet.column_dimensions["A"].width = 100
    for kind, text in lines:
        sheet.append([text])
        cell = sheet.cell(sheet.max_row, 1)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if kind == "title":
            cell.font = Font(bold=True, size=14)
        elif kind == "heading":
            cell.font = Font(bold=True)
        sheet.row_dimensions[sheet.max_row].height = (
            LINE_HEIGHT * max(1, math.ceil(len(text) / 95)) if kind != "title" else 22
        )
    first = sheet.max_row + 1
    sheet.append(["Status", *(phase.value for phase in Phase)])
    for status in Status:
        sheet.append([status.value, *(TABLE[status][phase].value for phase in Phase)])
    for row in sheet.iter_rows(min_row=first, max_row=sheet.max_row, max_col=len(Phase) + 1):
        for cell in row:
            cell.border = BOX
            if cell.row == first:
                cell.font = Font(bold=True)
                cell.fill = GREY
    for n in range(2, len(Phase) + 2):
        sheet.column_dimensions[get_column_letter(n)].width = 13
    _protect(sheet)
    _print_setup(sheet)
