"""The field types of the plan format: identifiers, text, numbers, years and dates.

Every part of a plan refuses unknown keys and takes numbers, truth values and dates as YAML
wrote them, so the exported JSON Schema and planctl give the same verdict. Dates are held to
the years a plan can speak of and to the calendar (no 30 februari).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic import Strict as StrictInput
from pydantic_core import PydanticCustomError

E = TypeVar("E", bound=Enum)

def about(title: str, description: str, **options: Any) -> Any:
    """A field's Swedish title and description, which editors show as hover help."""
    if options.get("default_factory") is list:
        options["default_factory"] = _no_items
    return Field(title=title, description=description, **options)


def _no_items() -> list[Any]:
    """A new empty list, the default of a list field. pydantic reads a default factory's
    signature, and a built-in's (``list``) only from its text: 40 fields, 7 ms each start."""
    return []


#: Swedish titles and descriptions of enum values, by enum, for the exported JSON Schema.
CHOICES: dict[str, dict[str, str]] = {}


def choices(**described: str) -> Callable[[type[E]], type[E]]:
    """Describe an enum's values for editors: ``@choices(universell="Riktas till alla …")``."""

    def register(enum: type[E]) -> type[E]:
        CHOICES[enum.__name__] = {member.value: described.get(member.name.lower(), "") for member in enum}
        return enum

    return register


#: A footnote marker in a text: ``[^2]`` points at its element's second note.
FOOTNOTE_MARKER = re.compile(r"\[\^([0-9]{1,3})\]")


def without_markers(text: str) -> str:
    """``text`` without footnote markers: for a title in a message, a list or a picture's name."""
    return FOOTNOTE_MARKER.sub("", text)


#: A place in a document: keys and list positions from the top (``("focus_areas", 0, "id")``).
Loc = tuple[str | int, ...]

#: An identifier that other parts of the plan refer to.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-zÅÄÖåäöÉé0-9][A-Za-zÅÄÖåäöÉé0-9_.\-]*$", max_length=80),
]
#: A piece of Swedish text; may hold Markdown.
Text = Annotated[str, StringConstraints(min_length=1)]
#: The years a plan's dates may fall in: wide enough for any real plan, narrow enough that
#: date arithmetic (two years after a follow-up) never leaves the calendar.
FIRST_YEAR, LAST_YEAR = 1900, 2200


#: Numbers and truth values are taken as YAML wrote them: "12" stays text and is refused where a
#: number belongs, as the exported JSON Schema refuses it in an editor.
def _whole(value: object) -> object:
    """12.0 is the integer 12, as JSON Schema (and so an editor) counts it; 12.5 is not."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Int = Annotated[int, BeforeValidator(_whole), StrictInput()]
Bool = Annotated[bool, StrictInput()]
#: A number: an integer or a decimal, never text, a truth value, .nan or .inf.
Number = Annotated[float, StrictInput()]
Year = Annotated[int, BeforeValidator(_whole), StrictInput(), Field(ge=FIRST_YEAR, le=LAST_YEAR)]

#: A number as Swedes write it: ``76,2`` (quoted, since YAML reads 76,2 in a list as two values).
_SWEDISH_NUMBER = re.compile(r"^-?[0-9]+(?:[ \u00a0][0-9]{3})*(?:,[0-9]+)?$")


def _decimal_comma(value: object) -> object:
    """``"76,2"`` is 76.2 and ``"1 250"`` is 1250; any other text stays text (and is refused)."""
    if isinstance(value, str) and _SWEDISH_NUMBER.match(value.strip()):
        return float(value.strip().replace(" ", "").replace("\u00a0", "").replace(",", "."))
    return value


#: A measured value or a target: a number, or a number written with a decimal comma in quotes.
DecimalNumber = Annotated[
    float,
    BeforeValidator(
        _decimal_comma,
        json_schema_input_type=Annotated[float, StrictInput()]
        | Annotated[str, StringConstraints(pattern=_SWEDISH_NUMBER.pattern)],
    ),
    StrictInput(),
]

#: ASCII digits only: ``\d`` would also take digits of other scripts (``٢٠٢٤``).
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")

MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def _iso_date(value: object) -> object:
    """YAML reads an unquoted 2024-06-15 as a date; a partial date keeps it as text."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _in_calendar(value: str) -> str:
    """A partial date that exists: no 30 februari, no year 0 or 9999."""
    parts = [int(part) for part in value.split("-")]
    if not FIRST_YEAR <= parts[0] <= LAST_YEAR:
        raise PydanticCustomError(
            "planctl_year_range",
            "året {year} ligger utanför {first}–{last}; skriv datumet som ÅÅÅÅ-MM-DD",
            {"year": value.split("-")[0], "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise PydanticCustomError(
            "planctl_no_such_month", "månad {month} finns inte; skriv datumet som ÅÅÅÅ-MM-DD", {"month": parts[1]}
        )
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            raise PydanticCustomError(
                "planctl_no_such_day",
                "{day} {month} {year} finns inte",
                {"day": parts[2], "month": MONTH_NAMES[parts[1] - 1], "year": parts[0]},
            ) from None
    return value


def _day_in_range(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError(
            "planctl_year_range",
            "året {year} ligger utanför {first}–{last}; skriv datumet som ÅÅÅÅ-MM-DD",
            {"year": f"{value.year:04d}", "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return value


def _day_from_text(value: object) -> object:
    """A whole date: YAML's date, or the same quoted (``"2024-02-30"`` gets the same words).

    Nothing else is read as a date: pydantic would take a number as seconds since 1970.
    """
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        _in_calendar(value)
        return dt.date.fromisoformat(value)
    raise PydanticCustomError("date_type", "expected a date")


#: A date as precise as the source: ``2024``, ``2024-06`` or ``2024-06-15``.
PartialDate = Annotated[
    str,
    BeforeValidator(_iso_date, json_schema_input_type=Annotated[str, StringConstraints(pattern=PARTIAL_DATE.pattern)]),
    StringConstraints(pattern=PARTIAL_DATE.pattern),
    AfterValidator(_in_calendar),
]

#: A whole date (ÅÅÅÅ-MM-DD) within the years a plan may speak of.
Day = Annotated[dt.date, BeforeValidator(_day_from_text, json_schema_input_type=dt.date), AfterValidator(_day_in_range)]


class Part(BaseModel):
    """Base for every part of a plan: unknown keys are errors, nothing is coerced silently."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, allow_inf_nan=False, defer_build=True
    )
