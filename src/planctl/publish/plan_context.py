"""What the plan document's templates are given: a typed context of plain data.

Every question a template could ask is answered here already (``lead_unknown``, which
columns a table has, the chapter numbers, which facts to list), so the templates only lay
out; a misspelt name fails loudly (StrictUndefined). Texts from the plan arrive with their
footnote markers resolved to the document's note numbers.
"""

from __future__ import annotations

from typing import NamedTuple

from planctl.model import FocusArea, Indicator, Measure, Organisation, Plan, RelatedPlan
from planctl.publish.figures import Overviews


class Owner(NamedTuple):
    """An organisation in a Vem cell: its name as the document shows it, and its part."""

    id: str
    name: str
    lead: bool
    #: the id is an abbreviation the document explains (shown as the id, its name on hover)
    abbreviated: bool


class Note(NamedTuple):
    """A footnote, numbered through the whole document as in the source."""

    number: int
    text: str
    #: whether a marker in the text points at this note (then the note links back to it)
    marked: bool = False

    @property
    def anchor(self) -> str:
        return f"not-{self.number}"

    @property
    def back(self) -> str:
        return f"notref-{self.number}"


class AreaLink(NamedTuple):
    id: str
    anchor: str
    chapter: str
    title: str

    @property
    def label(self) -> str:
        """Where the area stands, in words: ``kapitel 2``, ``avsnitt 8.1``."""
        return f"{'avsnitt' if '.' in self.chapter else 'kapitel'} {self.chapter}"


class MeasureLink(NamedTuple):
    anchor: str
    title: str


class EndedView(NamedTuple):
    """A measure ended in a revision, as the document says it."""

    when: str
    how: str
    reason: str
    replaced_by: MeasureLink | None


class CauseView(NamedTuple):
    name: str
    anchor: str
    added: str | None


class MeasureView(NamedTuple):
    measure: Measure
    anchor: str
    title: str
    description: str | None
    goals: tuple[str, ...]
    #: När in words, or None where the plan gives none
    when: str | None
    owners: tuple[Owner, ...]
    #: several owners and nobody named as lead: the document says so instead of guessing
    lead_unknown: bool
    notes: tuple[Note, ...]
    causes: tuple[CauseView, ...]
    also_affects: tuple[AreaLink, ...]
    #: indicators defined elsewhere in the plan that also follow this measure up
    shared_indicators: tuple[Indicator, ...] = ()
    #: the area this measure belongs to first, where it is listed in another area's table too
    home: AreaLink | None = None
    #: when the measure was added in a revision, in words
    added: str | None = None
    ended: EndedView | None = None


class Column(NamedTuple):
    """A column of a measures table: what it shows (``key``), its header and its width class."""

    key: str
    title: str
    css: str


class AreaPart(NamedTuple):
    """A numbered part of an area: its cause analysis or its measures."""

    number: str
    anchor: str
    title: str
    kind: str


class FigureView(NamedTuple):
    value: str
    unit: str | None
    period: str | None
    source: str | None
    text: str | None


class ProblemView(NamedTuple):
    """A problem of the lägesbild, as an area chapter opens with it."""

    id: str
    anchor: str
    title: str
    description: str | None
    pages: str | None
    figures: tuple[FigureView, ...]
    added: str | None
    #: the areas that answer the problem, in document order
    answered_in: tuple[AreaLink, ...] = ()

    @property
    def pages_text(self) -> str | None:
        """The page reference as a reader sees it: ``s. 18–22``; a source's own ``s 18-22`` as it stands."""
        if not self.pages:
            return None
        pages = self.pages.strip()
        return pages if pages[:1].lower() == "s" else f"s.\u00a0{pages}"


class AreaChapter(NamedTuple):
    """A crime area or goal area: a chapter of its own or a section of a chapter.

    One template macro per format draws every area; what differs (heading level, which parts,
    what is said where the plan is silent, the table's columns) is decided here.
    """

    area: FocusArea
    number: str
    anchor: str
    notes: tuple[Note, ...]
    measures: tuple[MeasureView, ...]
    description: str | None = None
    cause_text: str | None = None
    causes: tuple[CauseView, ...] = ()
    measures_intro: str | None = None
    #: the problems of the lägesbild the area answers, which the chapter opens with
    problems: tuple[ProblemView, ...] = ()
    #: the area's overall goal (övergripande mål)
    goal: str | None = None
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

    @property
    def causes_column(self) -> bool:
        """Whether the table has a column of its own for the causes (Brå's layout)."""
        return any(column.key == "causes" for column in self.columns)


class Stage(NamedTuple):
    """A step of a named model: its number, how many steps the model has, and the step's name."""

    number: int
    of: int
    name: str


class FollowUpView(NamedTuple):
    """How the plan as a whole is followed up, or None parts where the plan is silent."""

    interval: str | None
    forum: str | None
    text: str | None
    cycle: tuple[str, ...] = ()
    in_depth: str | None = None
    #: what the law asks, said beside the plan's own interval (an åtgärdsplan only)
    law: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.interval or self.forum or self.text or self.cycle or self.in_depth)


class IndicatorRow(NamedTuple):
    """A plan-level indicator as its table row shows it; None where the plan gives nothing."""

    indicator: Indicator
    anchor: str
    unit: str | None
    target: str | None
    baseline: str | None


class PictureView(NamedTuple):
    title: str
    #: the image as a data: URI, or None where the document says it is not reproduced
    src: str | None
    alt: str | None
    #: the image file's name, for the Markdown document, which cannot embed it
    file: str | None


class LagesbildView(NamedTuple):
    title: str
    url: str | None
    completed: str | None
    reference: str | None
    note: str | None
    updates: tuple[str, ...]
    problems: tuple[ProblemView, ...]
    other_information: tuple[str, ...]
    analysis: str | None


class CouncilView(NamedTuple):
    name: str
    members: tuple[str, ...]
    note: str | None


class AgreementView(NamedTuple):
    title: str
    parties: tuple[str, ...]
    period: str | None
    reference: str | None
    note: str | None


class CooperationView(NamedTuple):
    text: str | None
    agreements: tuple[AgreementView, ...]
    council: CouncilView | None
    coordination: str | None


class IntroSection(NamedTuple):
    """A section of chapter 1: the plan's own (in its order, under its title) or planctl's."""

    number: str
    anchor: str
    #: None for the chapter's own opening text, which has no heading of its own
    title: str | None
    text: str | None
    #: what the section shows after its text: uppföljning, värdegrund, skyddsfaktorer,
    #: indikatorer, samverkan, lägesbild
    shows: tuple[str, ...] = ()
    pictures: tuple[PictureView, ...] = ()
    #: who added the section where the source has none
    added: str | None = None
    #: a section planctl composed from the plan's data, since no section of the plan shows it
    by_planctl: bool = False


class Introduction(NamedTuple):
    number: str
    anchor: str
    title: str
    sections: tuple[IntroSection, ...]
    notes: tuple[Note, ...]


class OtherChapter(NamedTuple):
    """A chapter whose areas are its sections: a handlingsplan's goal areas, or the areas an
    åtgärdsplan handles through other forums."""

    number: str
    anchor: str
    title: str
    text: str | None
    areas: tuple[AreaChapter, ...]
    pictures: tuple[PictureView, ...] = ()


class FollowUpChapter(NamedTuple):
    """A handlingsplan's chapter on its follow-up and indicators."""

    number: str
    anchor: str
    title: str
    text: str | None
    #: the chapter shows the follow-up arrangement (no section of chapter 1 does)
    shows_arrangement: bool = True
    pictures: tuple[PictureView, ...] = ()


class RelatedView(NamedTuple):
    plan: RelatedPlan
    html_href: str | None
    md_href: str | None


class RelatedChapter(NamedTuple):
    number: str
    anchor: str
    title: str
    plans: tuple[RelatedView, ...]
    #: the plan's own text before the list; None: planctl says what the list is
    text: str | None = None
    pictures: tuple[PictureView, ...] = ()


class TocEntry(NamedTuple):
    number: str
    title: str
    anchor: str


class Fact(NamedTuple):
    """A row of the plan's facts: a label and a value (Markdown text), or None where missing."""

    label: str
    value: str | None
    #: the value is a list of lines (earlier plans, laws)
    items: tuple[str, ...] = ()


class Edition(NamedTuple):
    """"Om denna utgåva": what the document renders, what was added to it and by whom."""

    source: str | None
    note: str | None
    #: (what, by whom) for everything the source does not say
    additions: tuple[tuple[str, str], ...]
    #: parts planctl composes from the plan's data
    composed: tuple[str, ...]
    example_data: bool


class Document(NamedTuple):
    """Everything a template may show; a misspelt name fails loudly (StrictUndefined)."""

    plan: Plan
    #: the plan file's name, never its path: the output must not depend on where it was made
    source_name: str
    is_atgardsplan: bool
    facts: tuple[Fact, ...]
    introduction: Introduction
    follow_up: FollowUpView
    lagesbild: LagesbildView | None
    cooperation: CooperationView | None
    #: an åtgärdsplan's prioritised crime areas, a chapter each
    chapters: tuple[AreaChapter, ...]
    other: OtherChapter | None
    abbreviations_number: str
    abbreviations: tuple[Organisation, ...]
    actors: tuple[Organisation, ...]
    overviews: Overviews
    toc: tuple[TocEntry, ...]
    edition: Edition
    goal_areas: OtherChapter | None = None
    follow_up_chapter: FollowUpChapter | None = None
    related: RelatedChapter | None = None
    indicators: tuple[IndicatorRow, ...] = ()
    readiness: Stage | None = None
    prevention_step: Stage | None = None
    pictures: tuple[PictureView, ...] = ()
    show_abbreviations: bool = True
    has_measures: bool = True
    #: the word the plan uses for its goals (Mål, Operativa mål)
    goals_label: str = "Mål"
