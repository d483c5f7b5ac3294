"""What the plan document's templates are given: a typed context of plain data.

Every question a template could ask is answered here already (``lead_unknown``,
``show_abbreviations``, the chapter numbers), so the templates only lay out; a misspelt name
fails loudly (StrictUndefined).
"""

from __future__ import annotations

from dataclasses import dataclass

from planctl.model import Cause, FocusArea, Indicator, Measure, Organisation, Plan, RelatedPlan
from planctl.publish.figures import Overviews


@dataclass(frozen=True)
class Owner:
    """An owner of a measure as the document shows it: the id, with the full name beside it."""

    id: str
    name: str
    lead: bool

    @property
    def abbreviated(self) -> bool:
        """Whether the id is a short form whose full name is worth showing (IFF, not Polisen)."""
        return self.name != self.id


@dataclass(frozen=True)
class Note:
    """A footnote, numbered through the whole document as in the source."""

    number: int
    text: str


@dataclass(frozen=True)
class AreaLink:
    id: str
    anchor: str
    chapter: str
    title: str


@dataclass(frozen=True)
class MeasureView:
    measure: Measure
    anchor: str
    #: När in words, or None where the plan gives none
    when: str | None
    owners: tuple[Owner, ...]
    #: several owners and nobody named as lead: the document says so instead of guessing
    lead_unknown: bool
    notes: tuple[Note, ...]
    causes: tuple[Cause, ...]
    also_affects: tuple[AreaLink, ...]


@dataclass(frozen=True)
class Column:
    """A column of a measures table: what it shows (``key``), its header and its width class."""

    key: str
    title: str
    css: str


@dataclass(frozen=True)
class AreaPart:
    """A numbered part of an area: its cause analysis or its measures."""

    number: str
    anchor: str
    title: str
    kind: str


@dataclass(frozen=True)
class AreaChapter:
    """A crime area or goal area: a chapter of its own or a section of a chapter.

    One template macro per format draws every area; what differs (heading level, which parts,
    what is said where the plan is silent, the table's columns) is decided here.
    """

    area: FocusArea
    number: str
    anchor: str
    notes: tuple[Note, ...]
    measures: tuple[MeasureView, ...]
    #: the heading level of the area's title: 2 for a chapter, 3 for a section of one
    level: int = 2
    #: the class of the area's section element ("kapitel", "omrade" or none)
    css: str = "kapitel"
    #: show "Beskrivning: ej angivet" where the area has no description
    description_missing: bool = True
    parts: tuple[AreaPart, ...] = ()
    columns: tuple[Column, ...] = ()
    #: the measures table's class: "atgarder" for a plan's own table, "andra-forum" for another forum's
    table_css: str = "atgarder"
    #: the cause analysis's causes are introduced by a line of their own
    causes_intro: bool = True
    #: say "ej angivet" where the plan gives no cause analysis, and no measures
    silence_is_missing: bool = True


@dataclass(frozen=True)
class Stage:
    """A step of a named model: its number, how many steps the model has, and the step's name."""

    number: int
    of: int
    name: str


@dataclass(frozen=True)
class FollowUpView:
    """How the plan as a whole is followed up (6 §), or None parts where the plan is silent."""

    interval: str | None
    forum: str | None
    #: the arrangement's text, unless the introduction already says exactly that
    text: str | None
    #: when the work is followed up, in the plan's words (PDSA: i vardagen, årligen, …)
    cycle: tuple[str, ...] = ()
    #: the years of in-depth follow-up in words: ``2023 och 2026``
    in_depth: str | None = None

    @property
    def empty(self) -> bool:
        """Whether the plan says nothing at all about its follow-up."""
        return not (self.interval or self.forum or self.text or self.cycle or self.in_depth)


@dataclass(frozen=True)
class IndicatorRow:
    """A plan-level indicator as its table row shows it; None where the plan gives nothing."""

    indicator: Indicator
    anchor: str
    #: ``procent``, ``skala 1–5`` …
    unit: str | None
    target: str | None
    baseline: str | None


@dataclass(frozen=True)
class IntroSection:
    number: str
    anchor: str
    title: str
    text: str | None
    #: the follow-up arrangement is shown in this section
    follow_up: bool
    #: the plan's values (värdegrund), listed after the text of this section
    values: tuple[str, ...] = ()
    #: the protective factors the plan strengthens, listed after the text of this section
    protective_factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Introduction:
    number: str
    anchor: str
    title: str
    #: the text of the section called "Inledning", which is the chapter's own text
    text: str | None
    sections: tuple[IntroSection, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class OtherChapter:
    """A chapter whose areas are its sections: a handlingsplan's målområden, or the areas
    an åtgärdsplan handles through other forums."""

    number: str
    anchor: str
    title: str
    text: str | None
    areas: tuple[AreaChapter, ...]


@dataclass(frozen=True)
class FollowUpChapter:
    """A handlingsplan's chapter on its follow-up and indicators (an åtgärdsplan has it in 1)."""

    number: str
    anchor: str
    title: str
    #: the text of an introduction section called "Uppföljning …", which is the chapter's own text
    text: str | None


@dataclass(frozen=True)
class RelatedView:
    plan: RelatedPlan
    #: the rendered document of a plan file kept beside this one (``file:``), per format
    html_href: str | None
    md_href: str | None


@dataclass(frozen=True)
class RelatedChapter:
    number: str
    anchor: str
    title: str
    plans: tuple[RelatedView, ...]


@dataclass(frozen=True)
class TocEntry:
    number: str
    title: str
    anchor: str


@dataclass(frozen=True)
class Document:
    """Everything a template may show; a misspelt name fails loudly (StrictUndefined)."""

    plan: Plan
    #: the plan file's name, never its path: the output must not depend on where it was made
    source_name: str
    is_atgardsplan: bool
    introduction: Introduction
    follow_up: FollowUpView
    #: an åtgärdsplan's prioritised crime areas, a chapter each
    chapters: tuple[AreaChapter, ...]
    other: OtherChapter | None
    abbreviations_number: str
    abbreviations: tuple[Organisation, ...]
    actors: tuple[Organisation, ...]
    overviews: Overviews
    toc: tuple[TocEntry, ...]
    #: a handlingsplan's prioritised areas: one chapter "Målområden", an area a section
    goal_areas: OtherChapter | None = None
    #: a handlingsplan's chapter "Uppföljning och indikatorer"
    follow_up_chapter: FollowUpChapter | None = None
    related: RelatedChapter | None = None
    #: the plan-level indicators
    indicators: tuple[IndicatorRow, ...] = ()
    #: the Community Readiness Model stage and the Preventionspaketet step, where the plan gives them
    readiness: Stage | None = None
    prevention_step: Stage | None = None
    #: whether the chapter Förkortningar is shown (always in an åtgärdsplan)
    show_abbreviations: bool = True
    #: whether the plan has measures; the overviews appendix is only for plans that have
    has_measures: bool = True
