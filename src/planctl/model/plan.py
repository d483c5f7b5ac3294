"""The plan: an åtgärdsplan under Lag (2023:196) or a unit's handlingsplan, as pydantic models.

YAML keys are English, content is Swedish. Text fields may hold Markdown. The models check
shape and types only; rules that look across the plan (references, the law's demands, good
practice) live in ``planctl.lint.rules``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic import Strict as StrictInput

from planctl.model.fields import (
    Bool,
    Day,
    Id,
    Int,
    Number,
    Part,
    PartialDate,
    Text,
    Year,
    _iso_date,
    _whole,
)


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


class Silence(Part):
    """Silences one check for the plan or for one element, with a written reason."""

    rule: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,3}[0-9]{3}$")]
    reason: Text
    until: Day | None = None


class SourceRef(Part):
    """A source the text rests on, with page references where the source gives them."""

    title: Text
    pages: str | None = None
    reference: str | None = None
    url: str | None = None


class Section(Part):
    """A free-text section of the document (introduction, chapter intros)."""

    title: Text
    text: Text


class Decision(Part):
    """Who decided the plan, when, and under which registry reference (diarienummer)."""

    body: Text | None = None
    date: PartialDate | None = None
    reference: str | None = None
    text: Text | None = None


class Lagesbild(Part):
    """The situation picture of local crime that the plan rests on (4–5 §§)."""

    title: Text
    completed: PartialDate | None = None
    reference: str | None = None
    url: str | None = None
    note: Text | None = None


class RelatedPlan(Part):
    """An earlier plan or another plan or policy this one relates to (7 §)."""

    title: Text | None = None
    reference: str | None = None
    #: another plan file kept beside this one (``forebyggarcentrum-2022-2027.yaml``); checked and linked
    file: str | None = None
    note: Text | None = None


class FollowUpArrangement(Part):
    """How the plan as a whole is followed up (6 §: at least every other year)."""

    #: months between follow-ups; None where the plan does not say
    interval_months: Annotated[int, BeforeValidator(_whole), StrictInput(), Field(ge=1, le=120)] | None = None
    forum: Text | None = None
    text: Text | None = None
    #: when the work is followed up, in the plan's words (PDSA: i vardagen, årligen, …)
    cycle: list[Text] = Field(default_factory=list)
    #: years of in-depth follow-up (fördjupad uppföljning)
    in_depth: list[Year] = Field(default_factory=list)


class Organisation(Part):
    id: Id
    name: Text
    type: OrganisationType = OrganisationType.FORVALTNING
    #: listed in the document's abbreviation list (Förkortningar)
    abbreviation: Bool = False


class Cause(Part):
    """A named cause from the cause analysis (orsaksanalys)."""

    id: Id
    name: Text
    description: Text | None = None


class CauseAnalysis(Part):
    text: Text
    causes: list[Cause] = Field(default_factory=list)


class Range(Part):
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


class Direction(StrEnum):
    """Which way the indicator should move."""

    OKA = "öka"
    MINSKA = "minska"
    BIBEHALLA = "bibehålla"


class Measurement(Part):
    """One measured value of an indicator, for a period, from a source."""

    value: Number
    #: the period measured: ``2025``, ``2025-06``, ``HT 2025``, ``läsåret 2024/25``
    period: Annotated[
        str, BeforeValidator(_period_text, json_schema_input_type=str | int), StringConstraints(min_length=1)
    ]
    source: Text | None = None
    note: Text | None = None


class Target(Part):
    value: Number
    by: PartialDate | None = None
    note: Text | None = None


class Indicator(Part):
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


class MeasureFollowUp(Part):
    """How a measure is followed up: indicators, a named forum, or words."""

    indicators: list[Indicator] = Field(default_factory=list)
    forum: Text | None = None
    text: Text | None = None


class Method(Part):
    name: Text
    evidence_based: Bool | None = None
    url: str | None = None


class Measure(Part):
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


class FocusArea(Part):
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


class Plan(Part):
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
