"""Reading a returned workbook: what each owner answered, and what is wrong with it, by cell.

Columns are found by their header text and rows by the id the hidden sheet says each row was
made for. A row with no answer is a measure or indicator not reported. Every problem is a
finding at ``workbook.xlsx:Sheet!Cell``: an unknown status word (with the nearest allowed one),
text where a number belongs, an id that was changed or a row that was added, a workbook made
for another plan or date, an answer that is incomplete.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from planctl.forms.layout import (
    INDICATOR_COLUMNS,
    INDICATORS_SHEET,
    LAYOUT_VERSION,
    MEASURE_COLUMNS,
    MEASURES_SHEET,
    META_ROW,
    META_SHEET,
    Column,
)
from planctl.lint.findings import Finding
from planctl.lint.rules.rule import E, Rule
from planctl.lint.suggest import suggest
from planctl.model import Light, Plan, Status, iter_indicators, iter_measures
from planctl.terminal import printable
from planctl.words import cell_text

RULES = [
    Rule(
        "B701",
        "unknown-choice",
        E,
        "Okänt ord för status eller trafikljus.",
        "Status är ett av orden i listan (ej påbörjad, pågår, genomförd, försenad, avbruten), trafikljuset grön, gul eller röd.",
    ),
    Rule(
        "B702",
        "not-a-number",
        E,
        "Text där ett tal ska stå.",
        "Kostnad, timmar och värden är tal; decimalkomma går bra (76,2), enheter och ord inte.",
    ),
    Rule(
        "B703",
        "unknown-row",
        E,
        "En rad som inte finns i planen eller inte skickades ut.",
        "Id-kolumnen är låst: en ändrad id eller en tillagd rad kan inte kopplas till planen.",
    ),
    Rule(
        "B704",
        "different-answers",
        E,
        "Samma åtgärd eller indikator besvaras olika.",
        "Två arbetsböcker (eller två rader) ger olika svar om samma sak; samordnaren bestämmer vilket som gäller.",
    ),
    Rule(
        "B705",
        "other-form",
        E,
        "Arbetsboken gjordes för en annan plan eller ett annat datum.",
        "planctl collect läser bara blanketter som planctl forms skrev för just den planen och uppföljningen.",
    ),
    Rule(
        "B706",
        "incomplete-answer",
        E,
        "Ett svar saknar en del.",
        "En rad med kommentar eller kostnad behöver en status, ett värde en period och ett eget trafikljus en motivering.",
    ),
    Rule(
        "B707",
        "unreadable-workbook",
        E,
        "Arbetsboken kan inte läsas.",
        "Filen är ingen .xlsx-arbetsbok, eller en rubrik eller ett blad saknas.",
    ),
]
_RULES = {rule.code: rule for rule in RULES}

#: Words people write for a status, and the status they most likely mean.
STATUS_WORDS = {
    "klar": Status.GENOMFORD,
    "klart": Status.GENOMFORD,
    "färdig": Status.GENOMFORD,
    "slutförd": Status.GENOMFORD,
    "avslutad": Status.GENOMFORD,
    "genomfört": Status.GENOMFORD,
    "pågående": Status.PAGAR,
    "påbörjad": Status.PAGAR,
    "startad": Status.PAGAR,
    "igång": Status.PAGAR,
    "ej startad": Status.EJ_PABORJAD,
    "inte påbörjad": Status.EJ_PABORJAD,
    "ej påbörjat": Status.EJ_PABORJAD,
    "ej påbörjade": Status.EJ_PABORJAD,
    "sen": Status.FORSENAD,
    "försenat": Status.FORSENAD,
    "avbrutet": Status.AVBRUTEN,
    "stoppad": Status.AVBRUTEN,
    "inställd": Status.AVBRUTEN,
}

#: A number as a person types it when the program takes it for text: ``76,2``, ``1 250``, ``76.2``.
_NUMBER = re.compile(r"^[-−]?[0-9]+(?:[  \u202f][0-9]{3})*(?:[,.][0-9]+)?$")
#: More rows than a form has is a sign of something else; the reader stops there.
MAX_ROWS = 5000
MAX_BYTES = 20 * 1024 * 1024


class CellRef(NamedTuple):
    workbook: str
    sheet: str
    cell: str

    def __str__(self) -> str:
        return cell_text(self.workbook, self.sheet, self.cell)


@dataclass
class Answer:
    """One row's answer: a measure's or an indicator's, field by field, with the cell of each."""

    kind: str
    ident: str
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, CellRef] = field(default_factory=dict)


@dataclass
class Returned:
    """One workbook as read: what it was made for, its answers and its findings."""

    path: Path
    name: str
    plan_id: str | None = None
    plan_stem: str | None = None
    owner: str | None = None
    day: date | None = None
    answers: list[Answer] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, code: str, where: CellRef | None, message: str) -> None:
        place = str(where) if where is not None else self.name
        self.findings.append(Finding(place, 0, 0, code, _RULES[code].severity, message))


def finding(code: str, where: CellRef | str, message: str) -> Finding:
    return Finding(str(where), 0, 0, code, _RULES[code].severity, message)


def read_workbook(path: Path, plan: Plan, name: str | None = None) -> Returned:
    """Read one returned workbook against ``plan``; never raises for what the file holds.

    Findings name it ``name`` (its file name where not given)."""
    returned = Returned(path, printable(name if name is not None else path.name))
    book = _open(path, returned)
    if book is None:
        return returned
    try:
        _read(book, plan, returned)
    finally:
        book.close()
    return returned


def _open(path: Path, returned: Returned) -> Any:
    from openpyxl import load_workbook

    try:
        if path.stat().st_size > MAX_BYTES:
            returned.add(
                "B707", None, f"filen är större än {MAX_BYTES // (1024 * 1024)} MiB; en blankett är mycket mindre"
            )
            return None
        with warnings.catch_warnings():
            # openpyxl warns about features of other programs' files it does not keep; none matter here.
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a file that is no workbook
        returned.add("B707", None, f"filen kan inte läsas som en .xlsx-arbetsbok ({type(error).__name__})")
        return None


def _read(book: Any, plan: Plan, returned: Returned) -> None:
    if META_SHEET not in book.sheetnames:
        returned.add("B705", None, "arbetsboken är ingen blankett från planctl forms (bladet planctl saknas)")
        return
    meta = book[META_SHEET]
    keys: dict[str, Any] = {}
    made_for: dict[tuple[str, int], str] = {}
    for row in meta.iter_rows(max_row=MAX_ROWS, values_only=True):
        if not row or row[0] is None:
            continue
        if row[0] == META_ROW and len(row) >= 4:
            made_for[(str(row[1]), _whole(row[2]))] = str(row[3])
        elif len(row) >= 2:
            keys[str(row[0])] = row[1]
    returned.plan_id = _text(keys.get("plan"))
    returned.plan_stem = _text(keys.get("plan_file"))
    returned.owner = _text(keys.get("owner"))
    returned.day = _day(keys.get("date"))
    if _whole(keys.get("layout")) != LAYOUT_VERSION or returned.plan_id is None or returned.day is None:
        returned.add("B705", None, "arbetsboken är ingen blankett från denna version av planctl forms")
        return
    if returned.plan_id != plan.id:
        returned.add("B705", None, f"arbetsboken gjordes för planen '{returned.plan_id}', inte för '{plan.id}'")
        return
    measures = {m.id for m, _, _ in iter_measures(plan)}
    indicators = {at.indicator.id for at in iter_indicators(plan)}
    sheets = (
        (MEASURES_SHEET, MEASURE_COLUMNS, "measure", measures, _measure_answer),
        (INDICATORS_SHEET, INDICATOR_COLUMNS, "indicator", indicators, _indicator_answer),
    )
    for name, columns, kind, known, parse in sheets:
        expected = {row for sheet, row in made_for if sheet == name}
        if name not in book.sheetnames:
            if expected:
                returned.add("B707", None, f"bladet {name} saknas i arbetsboken")
            continue
        _read_sheet(book[name], name, columns, kind, known, made_for, returned, parse)


Parse = Callable[[Answer, dict[str, Any], Returned], None]


def _read_sheet(
    sheet: Any,
    name: str,
    columns: Sequence[Column],
    kind: str,
    known: set[str],
    made_for: dict[tuple[str, int], str],
    returned: Returned,
    parse: Parse,
) -> None:
    from openpyxl.utils import get_column_letter

    header = next(sheet.iter_rows(min_row=1, max_row=1), ())
    where: dict[str, int] = {}
    for cell in header:
        for column in columns:
            if isinstance(cell.value, str) and cell.value.strip() == column.header:
                where.setdefault(column.key, cell.column)
    missing = [
        c.header
        for c in columns
        if (c.is_input or c.key == "id") and c.key not in where and c.key not in ("light", "light_reason")
    ]
    if missing:
        returned.add("B707", CellRef(returned.name, name, "1:1"), f"kolumnen {missing[0]} saknas i rubrikraden")
        return
    word = "åtgärden" if kind == "measure" else "indikatorn"
    seen: dict[str, CellRef] = {}
    for row in sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, MAX_ROWS)):
        number = row[0].row
        cells = {key: row[column - 1] if column - 1 < len(row) else None for key, column in where.items()}
        inputs = {c.key: cells.get(c.key) for c in columns if c.is_input and c.key in where}
        if all(_empty(cell.value if cell is not None else None) for cell in inputs.values()):
            continue
        id_ref = CellRef(returned.name, name, f"{get_column_letter(where['id'])}{number}")
        ident = _text(cells["id"].value if cells["id"] is not None else None) or ""
        original = made_for.get((name, number))
        if ident != original:
            if original is None and ident not in known:
                message = (
                    f"raden med {word} '{ident}' fanns inte i blanketten som skickades ut, "
                    f"och {word} finns inte i planen{suggest(ident, known)}"
                )
            elif original is None:
                message = f"raden med {word} '{ident}' fanns inte i blanketten som skickades ut; lägg inte till rader"
            elif not ident:
                message = f"id:t '{original}' har tagits bort; ändra inte id-kolumnen"
            else:
                other = f" ('{ident}' är en annan i planen)" if ident in known else ""
                message = f"id:t har ändrats från '{original}' till '{ident}'; ändra inte id-kolumnen{other}"
            returned.add("B703", id_ref, message)
            continue
        if ident in seen:
            returned.add("B704", id_ref, f"{word} '{ident}' besvaras två gånger (också på {seen[ident].cell})")
            continue
        seen[ident] = id_ref
        answer = Answer(kind, ident, cells={"id": id_ref})
        refs = {key: CellRef(returned.name, name, cell.coordinate) for key, cell in inputs.items() if cell is not None}
        answer.cells.update(refs)
        values = {key: (cell.value, cell.number_format) for key, cell in inputs.items() if cell is not None}
        parse(answer, values, returned)
        returned.answers.append(answer)


def _measure_answer(answer: Answer, cells: dict[str, Any], returned: Returned) -> None:
    status = _choice(answer, cells, "status", Status, STATUS_WORDS, "status", returned)
    light = _choice(answer, cells, "light", Light, {}, "trafikljus", returned)
    for key in ("comment", "light_reason"):
        text = _text(cells.get(key, (None, ""))[0])
        if text is not None:
            answer.values[key] = text
    for key in ("money_sek", "hours"):
        value = _number(answer, cells, key, returned)
        if value is not None:
            answer.values[key] = value
    if status is None and not _empty(cells.get("status", (None, ""))[0]):
        return  # an unknown word is already reported
    if status is None:
        returned.add(
            "B706",
            answer.cells.get("status"),
            f"åtgärden '{answer.ident}' har svar men ingen status; välj status i listan",
        )
    if light is not None and "light_reason" not in answer.values:
        returned.add(
            "B706",
            answer.cells.get("light_reason", answer.cells.get("light")),
            f"åtgärden '{answer.ident}' har ett eget trafikljus ({light.value}) men ingen motivering",
        )


def _indicator_answer(answer: Answer, cells: dict[str, Any], returned: Returned) -> None:
    value = _number(answer, cells, "value", returned)
    for key in ("period", "source", "note"):
        raw = cells.get(key, (None, ""))[0]
        text = _period(raw) if key == "period" else _text(raw)
        if text is not None:
            answer.values[key] = text
    if value is not None:
        answer.values["value"] = value
    elif _empty(cells.get("value", (None, ""))[0]):
        returned.add("B706", answer.cells.get("value"), f"indikatorn '{answer.ident}' har svar men inget värde")
        return
    if "period" not in answer.values and value is not None:
        returned.add(
            "B706",
            answer.cells.get("period"),
            f"värdet för indikatorn '{answer.ident}' saknar period; skriv t.ex. 2026 eller HT 2026",
        )


def _choice(
    answer: Answer,
    cells: dict[str, Any],
    key: str,
    enum: type[Status] | type[Light],
    synonyms: dict[str, Status],
    what: str,
    returned: Returned,
) -> Any:
    raw = cells.get(key, (None, ""))[0]
    if _empty(raw):
        return None
    word = " ".join(str(raw).split())
    for member in enum:
        if member.value.casefold() == word.casefold():
            answer.values[key] = member
            return member
    near = synonyms.get(word.casefold())
    hint = f"; menade du '{near.value}'?" if near is not None else suggest(word.casefold(), [m.value for m in enum])
    returned.add("B701", answer.cells.get(key), f"okänd {what} '{word}'{hint}")
    return None


def _number(answer: Answer, cells: dict[str, Any], key: str, returned: Returned) -> float | None:
    raw, number_format = cells.get(key, (None, "General"))
    if _empty(raw):
        return None
    value: float | None = None
    if isinstance(raw, bool):
        value = None
    elif isinstance(raw, (int, float)):
        value = float(raw) * (100 if "%" in str(number_format) else 1)
    elif isinstance(raw, str) and _NUMBER.match(raw.strip()):
        text = re.sub(r"[  \u202f]", "", raw.strip()).replace("−", "-").replace(",", ".")
        value = float(text)
    if value is None or value != value or value in (float("inf"), float("-inf")):
        shown = raw.isoformat() if isinstance(raw, (date, datetime)) else " ".join(str(raw).split())
        returned.add("B702", answer.cells.get(key), f"'{shown}' är inget tal; skriv t.ex. 42 eller 76,2 utan enhet")
        return None
    return int(value) if value.is_integer() else value


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str | None:
    """A cell's text: line breaks as ``\\n``, surrounding blanks dropped, every other character kept."""
    if _empty(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _period(value: object) -> str | None:
    """A period as the person wrote it; a date a program made of ``2026-10`` goes back to that."""
    if isinstance(value, datetime) and value.day == 1 and value.time() == datetime.min.time():
        return f"{value.year}-{value.month:02d}"
    return _text(value)


def _whole(value: object) -> int:
    if isinstance(value, bool):
        return -1
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return -1


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


__all__ = ["RULES", "Answer", "CellRef", "Returned", "finding", "read_workbook"]
