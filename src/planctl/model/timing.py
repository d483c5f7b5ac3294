"""När: when a measure happens, in the forms people write it.

A year (``2025``), a half-year term (``HT 2025``, ``VT 2026``), a quarter (``2025-Q3``), a
month (``2025-09``), a date (``2025-09-15``), a range between any two of these
(``2025-09–2026-06``, ``2025–2026``), ``löpande`` (throughout the plan period), or something
recurring from a start (``årligen från 2025``, ``terminsvis från HT 2025``). Every form
becomes a :class:`When` with a first and a last day, which the period check, the timeline and
the traffic lights use; ``planctl.words`` says it in Swedish.
"""


import datetime as dt
import re
from typing import Annotated, Literal, NamedTuple, Self

from pydantic import BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from planctl.model.dates import date_bounds
from planctl.model.fields import FIRST_YEAR, LAST_YEAR, Part, Text, _whole, about

Recurrence = Literal["årligen", "terminsvis", "kvartalsvis", "månadsvis", "löpande"]
#: Other words people use for a recurrence, and the one the format keeps.
RECURRENCE_WORDS: dict[str, str] = {
    "årligen": "årligen",
    "varje år": "årligen",
    "terminsvis": "terminsvis",
    "varje termin": "terminsvis",
    "kvartalsvis": "kvartalsvis",
    "varje kvartal": "kvartalsvis",
    "månadsvis": "månadsvis",
    "varje månad": "månadsvis",
}

#: The forms a timing may be written in, for the finding that lists them.
FORMS = (
    "2025, HT 2025, VT 2026, 2025-Q3, 2025-09, 2025-09-15, 2025–2026, 2025-09–2026-06, "
    "löpande, årligen från 2025, terminsvis från HT 2025"
)

_YEAR = re.compile(r"^[0-9]{4}$")
_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$", re.IGNORECASE)
_TERM = re.compile(r"^(HT|VT) ?([0-9]{4})$", re.IGNORECASE)
_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")
_DAY = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
_RANGE = re.compile(r"\s*[–—]\s*|\s+-\s+|\s+till\s+")
_RECURRING = re.compile(
    r"^(" + "|".join(sorted(RECURRENCE_WORDS, key=len, reverse=True)) + r")(?:\s+(?:från|med start)\s+(.+?))?"
    r"(?:\s+till\s+(.+))?$",
    re.IGNORECASE,
)
_THROUGHOUT = re.compile(r"^löpande( under (hela )?planperioden)?$", re.IGNORECASE)


class Point(NamedTuple):
    """A point in time as precise as the plan says it: a year, a term, a quarter, a month or a day."""

    year: int
    #: "year", "term", "quarter", "month" or "day"
    precision: str
    #: the term (1 = VT, 2 = HT), quarter, month or day's month; 0 for a year
    part: int = 0
    day: int = 0

    @property
    def first_day(self) -> dt.date:
        if self.precision == "term":
            return dt.date(self.year, 1 if self.part == 1 else 7, 1)
        if self.precision == "quarter":
            return dt.date(self.year, 3 * self.part - 2, 1)
        if self.precision == "month":
            return dt.date(self.year, self.part, 1)
        if self.precision == "day":
            return dt.date(self.year, self.part, self.day)
        return dt.date(self.year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        if self.precision == "term":
            return dt.date(self.year, 6, 30) if self.part == 1 else dt.date(self.year, 12, 31)
        if self.precision == "quarter":
            return date_bounds(f"{self.year}-{3 * self.part:02d}")[1]
        if self.precision == "month":
            return date_bounds(f"{self.year}-{self.part:02d}")[1]
        if self.precision == "day":
            return self.first_day
        return dt.date(self.year, 12, 31)

    def written(self) -> str:
        """The point in the format's own notation: ``2025-Q3``, ``HT 2025``."""
        if self.precision == "term":
            return f"{'VT' if self.part == 1 else 'HT'} {self.year}"
        if self.precision == "quarter":
            return f"{self.year}-Q{self.part}"
        if self.precision == "month":
            return f"{self.year}-{self.part:02d}"
        if self.precision == "day":
            return f"{self.year}-{self.part:02d}-{self.day:02d}"
        return str(self.year)


def parse_point(text: str) -> Point | None:
    """A point from its written form, or None where the text is no point planctl knows."""
    text = text.strip()
    if _YEAR.match(text):
        point = Point(int(text), "year")
    elif match := _TERM.match(text):
        point = Point(int(match.group(2)), "term", 1 if match.group(1).upper() == "VT" else 2)
    elif match := _QUARTER.match(text):
        point = Point(int(match.group(1)), "quarter", int(match.group(2)))
    elif match := _MONTH.match(text):
        point = Point(int(match.group(1)), "month", int(match.group(2)))
    elif match := _DAY.match(text):
        point = Point(int(match.group(1)), "day", int(match.group(2)), int(match.group(3)))
        try:
            point.first_day  # noqa: B018 - raises for 30 februari
        except ValueError:
            return None
    else:
        return None
    return point if FIRST_YEAR <= point.year <= LAST_YEAR else None


def _point_text(value: object) -> object:
    """A point as the model keeps it: its written form, checked; a year may be a number."""
    value = _whole(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, str):
        point = parse_point(value)
        if point is None:
            raise PydanticCustomError(
                "planctl_timing", "'{value}' är ingen tidpunkt planctl känner igen; skriv t.ex. {forms}", {"value": value, "forms": FORMS}
            )
        return point.written()
    return value


#: A point in the format's notation (``2025``, ``HT 2025``, ``2025-Q3``, ``2025-09``, ``2025-09-15``).
PointText = Annotated[str, BeforeValidator(_point_text, json_schema_input_type=int | str)]


class When(Part):
    """När a measure happens: a point, a range, throughout the period, or recurring from a start."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["start"]},
                {"required": ["recurrence"]},
                {"required": ["text"]},
                {"required": ["throughout"], "properties": {"throughout": {"const": True}}},
            ]
        }
    )

    start: PointText | None = about("Från", "När åtgärden börjar (eller sker): 2025, HT 2025, 2025-Q3, 2025-09 eller 2025-09-15.", default=None)
    end: PointText | None = about("Till", "När åtgärden slutar, i samma skrivsätt som Från.", default=None)
    #: recurring from ``start`` (and until ``end``, where given)
    recurrence: Recurrence | None = about("Återkommer", "Hur ofta åtgärden återkommer från sin start.", default=None)
    #: löpande: throughout the plan period
    throughout: bool = about("Löpande", "Åtgärden pågår under hela planperioden.", default=False)
    #: the plan's own words, shown instead of planctl's
    text: Text | None = about("Text", "Planens egna ord om när, som visas i stället för planctls.", default=None)

    @model_validator(mode="after")
    def _something_said(self) -> Self:
        if self.start is None and not self.throughout and self.recurrence is None and self.text is None:
            raise PydanticCustomError("planctl_timing_empty", "tidsangivelsen säger inte när; skriv t.ex. {forms}", {"forms": FORMS})
        return self

    @property
    def first(self) -> Point | None:
        return parse_point(self.start) if self.start else None

    @property
    def last(self) -> Point | None:
        """The last point the measure runs to; for a single point, that point."""
        if self.end:
            return parse_point(self.end)
        if self.recurrence is not None or self.throughout:
            return None
        return self.first

    def span(self, period_start: int, period_end: int) -> tuple[dt.date, dt.date]:
        """The first and last day of the measure, open ends closed by the plan period."""
        first = self.first
        last = self.last
        return (
            first.first_day if first else dt.date(period_start, 1, 1),
            last.last_day if last else dt.date(period_end, 12, 31),
        )


def _no_such_day(text: str) -> None:
    """A date that has a date's shape but is not in the calendar gets the calendar's words."""
    if _DAY.match(text):
        from planctl.model.fields import _in_calendar

        _in_calendar(text)


def parse_timing(value: object) -> object:
    """Any written form of När as the mapping :class:`When` validates."""
    value = _whole(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return {"start": str(value)}
    if isinstance(value, dt.date):
        return {"start": value.isoformat()}
    if not isinstance(value, str):
        if isinstance(value, dict) and value.get("recurrence") == "löpande" and "start" not in value:
            return {**{k: v for k, v in value.items() if k != "recurrence"}, "throughout": True}
        return value
    text = " ".join(value.split())
    if _THROUGHOUT.match(text):
        return {"throughout": True}
    if match := _RECURRING.match(text):
        word = RECURRENCE_WORDS[match.group(1).lower()]
        result: dict[str, object] = {"recurrence": word}
        if match.group(2):
            result["start"] = match.group(2)
        if match.group(3):
            result["end"] = match.group(3)
        return result
    if parse_point(text) is not None:
        return {"start": text}
    _no_such_day(text)
    parts = _RANGE.split(text)
    if len(parts) == 1 and re.fullmatch(r"[0-9]{4}-[0-9]{4}", text):
        parts = text.split("-")
    if len(parts) == 2 and all(parse_point(part) for part in parts):
        return {"start": parts[0], "end": parts[1]}
    raise PydanticCustomError(
        "planctl_timing", "'{value}' är ingen tidsangivelse planctl känner igen; skriv t.ex. {forms}", {"value": value, "forms": FORMS}
    )


#: When a measure happens, in any of the forms above.
Timing = Annotated[When, BeforeValidator(parse_timing, json_schema_input_type=int | str | When)]
