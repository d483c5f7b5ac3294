"""The plan format: a pydantic model of a prevention plan.

YAML keys are English, content is Swedish. Text fields may hold Markdown.
The model checks shape and types only; rules that look across the plan
(references, the law's demands, good practice) live in ``checks.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic import Strict as StrictInput
from pydantic_core import PydanticCustomError

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


class Strict(BaseModel):
    """Base for every part of a plan: unknown keys are errors, nothing is coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, allow_inf_nan=False)


class PlanKind(StrEnum):
    ATGARDSPLAN = "åtgärdsplan"
    HANDLINGSPLAN = "handlingsplan"


class PreventionLevel(StrEnum):
    UNIVERSELL = "universell"
    SELEKTIV = "selektiv"
    INDIKERAD = "indikerad"


class TimePerspective(StrEnum):
    REAKTIVT = "reaktivt"
    FORHINDRA = "förhindra uppkomsten"
    FORANDRA = "förändra förutsättningarna"


class Effort(StrEnum):
    PUNKTINSATS = "punktinsats"
    ORDINARIE = "ordinarie verksamhet"


class AreaTrack(StrEnum):
    """Whether an area is prioritised in this plan or handled through other forums."""

    PRIORITERAT = "prioriterat"
    ANNAT_FORUM = "annat forum"


class OrganisationType(StrEnum):
    FORVALTNING = "förvaltning"
    BOLAG = "bolag"
    MYNDIGHET = "myndighet"
    REGION = "region"
    SAMLINGSNAMN = "samlingsnamn"
    OVRIG = "övrig"


#: The nine stages of the Community Readiness Model, as Länsstyrelsen Östergötland names them.
READINESS_STAGES: dict[int, str] = {
    1: "Ingen medvetenhet",
    2: "Förnekelse/motstånd",
    3: "Vag medvetenhet",
    4: "Förplanering",
    5: "Förberedelse",
    6: "Start",
    7: "Stabilisering",
    8: "Bekräftelse/utvidgning",
    9: "Hög grad av lokalt ägarskap",
}

#: The seven steps of Preventionspaketet (Länsstyrelsen Stockholm).
PREVENTION_STEPS: dict[int, str] = {
    1: "Kartlägg och analysera behov",
    2: "Forskningsstöd",
    3: "Bedöm resurser och förutsättningar",
    4: "Välj mål, insatser, metoder och indikatorer",
    5: "Genomför",
    6: "Följ upp och utvärdera",
    7: "Förbättra och sprid",
}


class Silence(Strict):
    """Silences one check for the plan or for one element, with a written reason."""

    rule: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,3}\d{3}$")]
    reason: Text
    until: Day | None = None


class SourceRef(Strict):
    """A source the text rests on, with page references where the source gives them."""

    title: Text
    pages: str | None = None
    reference: str | None = None
    url: str | None = None


class Section(Strict):
    """A free-text section of the document (introduction, chapter intros)."""

    title: Text
    text: Text


class Decision(Strict):
    """Who decided the plan, when, and under which registry reference (diarienummer)."""

    body: Text | None = None
    date: PartialDate | None = None
    reference: str | None = None
    text: Text | None = None


class Lagesbild(Strict):
    """The situation picture of local crime that the plan rests on (4–5 §§)."""

    title: Text
    completed: PartialDate | None = None
    reference: str | None = None
    url: str | None = None
    note: Text | None = None


class RelatedPlan(Strict):
    """An earlier plan or another plan or policy this one relates to (7 §)."""

    title: Text | None = None
    reference: str | None = None
    #: another plan file kept beside this one (``forebyggarcentrum-2022-2027.yaml``); checked and linked
    file: str | None = None
    note: Text | None = None


class FollowUpArrangement(Strict):
    """How the plan as a whole is followed up (6 §: at least every other year)."""

    #: months between follow-ups; None where the plan does not say
    interval_months: Annotated[int, BeforeValidator(_whole), StrictInput(), Field(ge=1, le=120)] | None = None
    forum: Text | None = None
    text: Text | None = None
    #: when the work is followed up, in the plan's words (PDSA: i vardagen, årligen, …)
    cycle: list[Text] = Field(default_factory=list)
    #: years of in-depth follow-up (fördjupad uppföljning)
    in_depth: list[Year] = Field(default_factory=list)


class Organisation(Strict):
    id: Id
    name: Text
    type: OrganisationType = OrganisationType.FORVALTNING
    #: listed in the document's abbreviation list (Förkortningar)
    abbreviation: Bool = False


class Cause(Strict):
    """A named cause from the cause analysis (orsaksanalys)."""

    id: Id
    name: Text
    description: Text | None = None


class CauseAnalysis(Strict):
    text: Text
    causes: list[Cause] = Field(default_factory=list)


class Range(Strict):
    """A span of years, or something recurring (``årligen med start 2025``)."""

    start: Year
    end: Year | None = None
    recurrence: Literal["årligen", "terminsvis", "kvartalsvis", "månadsvis", "löpande"] | None = None
    text: Text | None = None


def _year_to_range(value: object) -> object:
    value = _whole(value)
    return {"start": value} if isinstance(value, int) and not isinstance(value, bool) else value


#: When a measure happens: a year (``2025``) or a :class:`Range`.
Timing = Annotated[Range, BeforeValidator(_year_to_range, json_schema_input_type=Year | Range)]


def _period_text(value: object) -> object:
    """A period may be written as a bare year (2025) or a date; it is kept as text."""
    value = _whole(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _iso_date(value)


class Unit(StrEnum):
    """What an indicator counts; values are checked against it."""

    ANTAL = "antal"
    PROCENT = "procent"
    SKALA = "skala"
    KRONOR = "kronor"
    TIMMAR = "timmar"


def number_text(value: float, unit: Unit | None = None) -> str:
    """A number the Swedish way: decimal comma, thin groups of thousands, the unit's sign."""
    rounded = round(value, 1)
    whole = float(rounded).is_integer()
    text = f"{int(rounded):,}" if whole else f"{rounded:,.1f}"
    text = text.replace(",", "\u00a0").replace(".", ",")
    suffix = {Unit.PROCENT: "\u00a0%", Unit.KRONOR: "\u00a0kr", Unit.TIMMAR: "\u00a0h"}.get(unit) if unit else None
    return text + (suffix or "")


class Direction(StrEnum):
    """Which way the indicator should move."""

    OKA = "öka"
    MINSKA = "minska"
    BIBEHALLA = "bibehålla"


class Measurement(Strict):
    """One measured value of an indicator, for a period, from a source."""

    value: Number
    #: the period measured: ``2025``, ``2025-06``, ``HT 2025``, ``läsåret 2024/25``
    period: Annotated[
        str, BeforeValidator(_period_text, json_schema_input_type=str | int), StringConstraints(min_length=1)
    ]
    source: Text | None = None
    note: Text | None = None


class Target(Strict):
    value: Number
    by: PartialDate | None = None
    note: Text | None = None


class Indicator(Strict):
    """A follow-up indicator (uppföljningsmått)."""

    id: Id
    name: Text
    unit: Unit | None = None
    #: the lowest and highest value of a scale (``unit: skala``)
    scale: tuple[Int, Int] | None = None
    direction: Direction | None = None
    baseline: Measurement | None = None
    target: Target | None = None
    silence: list[Silence] = Field(default_factory=list)

    def bounds(self) -> tuple[float | None, float | None]:
        """The values the unit allows: a share 0-100 %, a scale its ends, counts from 0."""
        if self.unit is Unit.PROCENT:
            return 0.0, 100.0
        if self.unit is Unit.SKALA:
            low, high = self.scale or (1, 5)
            return float(low), float(high)
        if self.unit is None:
            return None, None
        return 0.0, None


class MeasureFollowUp(Strict):
    """How a measure is followed up: indicators, a named forum, or words."""

    indicators: list[Indicator] = Field(default_factory=list)
    forum: Text | None = None
    text: Text | None = None


class Method(Strict):
    name: Text
    evidence_based: Bool | None = None
    url: str | None = None


class Measure(Strict):
    """A measure (åtgärd): who does what, when, to which end, and how it is followed up."""

    id: Id
    title: Text
    description: Text | None = None
    goals: list[Text] = Field(default_factory=list)
    timing: Timing | None = None
    owners: list[Id] = Field(default_factory=list)
    #: the lead owner (ansvarig); None where the source does not say
    lead: Id | None = None
    follow_up: MeasureFollowUp | None = None
    prevention_level: PreventionLevel | None = None
    time_perspective: TimePerspective | None = None
    effort: Effort | None = None
    also_affects: list[Id] = Field(default_factory=list)
    addresses: list[Id] = Field(default_factory=list)
    method: Method | None = None
    notes: list[Text] = Field(default_factory=list)
    silence: list[Silence] = Field(default_factory=list)


class FocusArea(Strict):
    """A crime area (brottsområde) with its description, cause analysis and measures."""

    id: Id
    title: Text
    track: AreaTrack = AreaTrack.PRIORITERAT
    description: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    cause_analysis: CauseAnalysis | None = None
    measures_intro: Text | None = None
    measures: list[Measure] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    silence: list[Silence] = Field(default_factory=list)


class Plan(Strict):
    """A prevention plan: an åtgärdsplan under Lag (2023:196) or a unit's handlingsplan."""

    format_version: Literal[1]
    kind: PlanKind
    id: Id
    municipality: Text
    title: Text
    period: Range
    organisation: Text | None = None
    decision: Decision | None = None
    #: the date printed on the document, where it differs from the decision
    document_date: PartialDate | None = None
    legal_basis: Text | None = None
    lagesbild: Lagesbild | None = None
    earlier_plans: list[RelatedPlan] = Field(default_factory=list)
    related_plans: list[RelatedPlan] = Field(default_factory=list)
    follow_up: FollowUpArrangement | None = None
    introduction: list[Section] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    focus_areas: list[FocusArea] = Field(default_factory=list)
    other_areas_intro: Section | None = None
    #: the values (värdegrund) the plan's work rests on
    values: list[Text] = Field(default_factory=list)
    #: the laws that oblige the work, in the plan's words
    laws: list[Text] = Field(default_factory=list)
    #: indicators for the plan as a whole (a handlingsplan's 1-5 scales and shares)
    indicators: list[Indicator] = Field(default_factory=list)
    #: protective factors the plan works to strengthen (skolframgång, föräldraskapsstöd, …)
    protective_factors: list[Text] = Field(default_factory=list)
    #: the Community Readiness Model stage (1 no awareness … 9 high level of community ownership)
    community_readiness: Annotated[int, BeforeValidator(_whole), StrictInput(), Field(ge=1, le=9)] | None = None
    #: the step of Preventionspaketet's seven-step cycle the work is in (1 map needs … 7 improve and spread)
    prevention_cycle_step: Annotated[int, BeforeValidator(_whole), StrictInput(), Field(ge=1, le=7)] | None = None
    notes: list[Text] = Field(default_factory=list)
    silence: list[Silence] = Field(default_factory=list)


class Status(StrEnum):
    """A measure's status at a follow-up."""

    EJ_PABORJAD = "ej påbörjad"
    PAGAR = "pågår"
    GENOMFORD = "genomförd"
    FORSENAD = "försenad"
    AVBRUTEN = "avbruten"

    @property
    def light(self) -> str:
        """Brå's traffic light: grön (on track), gul (behind), röd (stopped)."""
        return {"genomförd": "grön", "pågår": "grön", "ej påbörjad": "gul", "försenad": "gul"}.get(self.value, "röd")


class Cost(Strict):
    """What a measure cost in the period, where known."""

    money_sek: Annotated[float, StrictInput(), Field(ge=0)] | None = None
    hours: Annotated[float, StrictInput(), Field(ge=0)] | None = None
    note: Text | None = None


class MeasureReport(Strict):
    measure: Id
    status: Status
    comment: Text | None = None
    cost: Cost | None = None


class IndicatorReport(Strict):
    indicator: Id
    values: list[Measurement] = Field(default_factory=list)
    comment: Text | None = None


class FollowUp(Strict):
    """One follow-up occasion of a plan (6 §: at least every other year)."""

    format_version: Literal[1]
    kind: Literal["uppföljning"]
    #: the id of the plan followed up
    plan: Id
    date: Day
    reported_by: Text
    #: true when the figures are invented for illustration; the report says so on its first page
    example_data: Bool = False
    summary: Text | None = None
    lagesbild_updated: Bool | None = None
    measures: list[MeasureReport] = Field(default_factory=list)
    indicators: list[IndicatorReport] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
