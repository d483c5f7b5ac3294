"""Render plans as publishable documents: Markdown, one self-contained HTML file, or PDF.

The document follows the shape of a real åtgärdsplan (Västerås 2025–2026): a title page,
chapter 1 with the introduction and the follow-up, one chapter per prioritised crime area
(description, cause analysis, measures table), a chapter for the areas handled through other
forums, related plans, the abbreviations, and overviews drawn from the data. A handlingsplan
(Västerås Förebyggarcentrum, Familjecentrum 2022–2027) has one chapter "Målområden" with an
area a section, and a chapter on its follow-up and indicators instead. The words and the look live in
the templates (``templates/``); this module gathers what they show into a typed context.
"""

from __future__ import annotations

import os
import re
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import quote

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from planctl import markdown
from planctl.errors import PlanHasErrors, UsageError
from planctl.files import is_dir, is_file, output_problem
from planctl.findings import Finding
from planctl.model import (
    PREVENTION_STEPS,
    READINESS_STAGES,
    AreaTrack,
    Cause,
    FocusArea,
    Indicator,
    Measure,
    Organisation,
    Plan,
    PlanKind,
    RelatedPlan,
    Section,
    number_text,
)
from planctl.model import Unit as IndicatorUnit
from planctl.overviews import Overviews, build_overviews, timing_text
from planctl.report import FollowUpReport, build_report
from planctl.validate import FileResult, Unit, blocking, discover, units, validate_unit

DocumentFormat = Literal["md", "html"]
OutputFormat = Literal["md", "html", "pdf"]

#: The template each format starts from; the others are included from it.
MAIN_TEMPLATE: dict[DocumentFormat, str] = {"md": "plan.md.j2", "html": "plan.html.j2"}
REPORT_TEMPLATE: dict[DocumentFormat, str] = {"md": "report.md.j2", "html": "report.html.j2"}
SUFFIX: dict[OutputFormat, str] = {"md": ".md", "html": ".html", "pdf": ".pdf"}

_BLANK_LINES = re.compile(r"\n{3,}")

PDF_MISSING = "PDF kräver tillägget pdf: pip install 'planctl[pdf]'"


# -- the typed context --------------------------------------------------------------------


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
class AreaChapter:
    """A crime area: a chapter of its own (prioritised) or a section of the other-forums chapter."""

    area: FocusArea
    number: str
    anchor: str
    notes: tuple[Note, ...]
    measures: tuple[MeasureView, ...]


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


# -- building the context -----------------------------------------------------------------


class _Notes:
    """Hands out footnote numbers in document order."""

    def __init__(self) -> None:
        self.count = 0

    def take(self, texts: Sequence[str]) -> tuple[Note, ...]:
        notes = tuple(Note(self.count + i + 1, text) for i, text in enumerate(texts))
        self.count += len(texts)
        return notes


def _said_in(a: str | None, b: str | None) -> bool:
    """Whether text ``b`` already says ``a`` word for word (spacing aside)."""
    return a is not None and b is not None and " ".join(a.split()) in " ".join(b.split())


def interval_text(months: int) -> str:
    """The follow-up interval in words: ``vartannat år (var 24:e månad)``."""
    words = {1: "varje månad", 12: "varje år", 24: "vartannat år", 36: "vart tredje år"}
    suffix = ":a" if months % 10 in (1, 2) and months % 100 not in (11, 12) else ":e"
    exact = f"var {months}{suffix} månad"
    return f"{words[months]} ({exact})" if months in words and months != 1 else words.get(months, exact)


def and_list(items: Sequence[object]) -> str:
    """Items the Swedish way: ``2023``, ``2023 och 2026``, ``2023, 2024 och 2026``."""
    words = [str(item) for item in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " och " + words[-1]


def build_document(plan: Plan, source_name: str) -> Document:
    """Gather what the document shows, numbered like the source (introduction = chapter 1).

    An åtgärdsplan has a chapter per prioritised crime area; a handlingsplan has one chapter
    "Målområden" with an area a section, and a chapter "Uppföljning och indikatorer".
    """
    notes = _Notes()
    is_atgardsplan = plan.kind == PlanKind.ATGARDSPLAN
    prioritised = [area for area in plan.focus_areas if area.track == AreaTrack.PRIORITERAT]
    others = [area for area in plan.focus_areas if area.track != AreaTrack.PRIORITERAT]
    goal_number = ""
    if is_atgardsplan:
        numbers = {area.id: str(index + 2) for index, area in enumerate(prioritised)}
        next_number = len(prioritised) + 2
    else:
        goal_number = "2" if prioritised else ""
        numbers = {area.id: f"{goal_number}.{index + 1}" for index, area in enumerate(prioritised)}
        next_number = 3 if prioritised else 2
    other_number = ""
    if others or plan.other_areas_intro is not None:
        other_number = str(next_number)
        numbers.update({area.id: f"{other_number}.{index + 1}" for index, area in enumerate(others)})
        next_number += 1
    anchors = {area.id: _area_anchor(numbers[area.id]) for area in plan.focus_areas}
    organisations = {org.id: org for org in plan.organisations}
    areas = {area.id: area for area in plan.focus_areas}
    # A measure may address a cause from another area's analysis; its own area's comes first.
    all_causes = {c.id: c for a in plan.focus_areas if a.cause_analysis for c in a.cause_analysis.causes}

    introduction, follow_up, goal_text, follow_up_text = _introduction(plan, notes, bool(goal_number))

    def area_chapter(area: FocusArea) -> AreaChapter:
        area_notes = notes.take(area.notes)
        causes = {cause.id: cause for cause in area.cause_analysis.causes} if area.cause_analysis else {}
        measures = tuple(
            MeasureView(
                measure=measure,
                anchor=f"atgard-{measure.id}",
                when=timing_text(measure.timing),
                owners=_owners(measure, organisations),
                lead_unknown=measure.lead is None and len(measure.owners) > 1,
                notes=notes.take(measure.notes),
                causes=tuple(
                    causes.get(c) or all_causes[c] for c in measure.addresses if c in causes or c in all_causes
                ),
                also_affects=tuple(
                    AreaLink(a, anchors[a], numbers[a], areas[a].title) for a in measure.also_affects if a in areas
                ),
            )
            for measure in area.measures
        )
        return AreaChapter(area, numbers[area.id], anchors[area.id], area_notes, measures)

    chapters = tuple(area_chapter(area) for area in prioritised) if is_atgardsplan else ()
    goal_areas = None
    if goal_number:
        goal_areas = OtherChapter(
            goal_number,
            f"kapitel-{goal_number}",
            "Målområden",
            goal_text,
            tuple(area_chapter(area) for area in prioritised),
        )
    other = None
    if other_number:
        intro: Section | None = plan.other_areas_intro
        other = OtherChapter(
            other_number,
            f"kapitel-{other_number}",
            intro.title if intro else "Områden som hanteras i andra forum",
            intro.text if intro else None,
            tuple(area_chapter(area) for area in others),
        )
    follow_up_chapter = None
    if not is_atgardsplan:
        number = str(next_number)
        follow_up_chapter = FollowUpChapter(number, f"kapitel-{number}", "Uppföljning och indikatorer", follow_up_text)
        next_number += 1
    related = None
    if plan.related_plans:
        number = str(next_number)
        related = RelatedChapter(
            number,
            f"kapitel-{number}",
            "Relaterade planer och styrdokument",
            tuple(_related_view(p) for p in plan.related_plans),
        )
        next_number += 1
    # A handlingsplan names no owners unless it has measures: no empty abbreviations chapter.
    show_abbreviations = is_atgardsplan or bool(plan.organisations)
    abbreviations_number = str(next_number) if show_abbreviations else ""
    has_measures = any(area.measures for area in plan.focus_areas)
    chapter_entries = [
        *(TocEntry(c.number, c.area.title, c.anchor) for c in chapters),
        *(TocEntry(c.number, c.title, c.anchor) for c in (goal_areas, other) if c),
        *(
            (TocEntry(follow_up_chapter.number, follow_up_chapter.title, follow_up_chapter.anchor),)
            if follow_up_chapter
            else ()
        ),
        *((TocEntry(related.number, related.title, related.anchor),) if related else ()),
    ]
    toc = (
        TocEntry(introduction.number, introduction.title, introduction.anchor),
        *chapter_entries,
        *((TocEntry(abbreviations_number, "Förkortningar", "forkortningar"),) if show_abbreviations else ()),
        *((TocEntry("", "Bilaga. Översikter", "oversikter"),) if has_measures else ()),
    )
    return Document(
        plan=plan,
        source_name=source_name,
        is_atgardsplan=is_atgardsplan,
        introduction=introduction,
        follow_up=follow_up,
        chapters=chapters,
        other=other,
        abbreviations_number=abbreviations_number,
        abbreviations=tuple(org for org in plan.organisations if org.abbreviation),
        actors=tuple(org for org in plan.organisations if not org.abbreviation),
        overviews=build_overviews(plan, numbers),
        toc=toc,
        goal_areas=goal_areas,
        follow_up_chapter=follow_up_chapter,
        related=related,
        indicators=tuple(_indicator_row(indicator) for indicator in plan.indicators),
        readiness=(
            Stage(plan.community_readiness, 9, READINESS_STAGES[plan.community_readiness])
            if plan.community_readiness is not None
            else None
        ),
        prevention_step=(
            Stage(plan.prevention_cycle_step, 7, PREVENTION_STEPS[plan.prevention_cycle_step])
            if plan.prevention_cycle_step is not None
            else None
        ),
        show_abbreviations=show_abbreviations,
        has_measures=has_measures,
    )


def _area_anchor(number: str) -> str:
    return ("kapitel-" if "." not in number else "avsnitt-") + number.replace(".", "-")


def _owners(measure: Measure, organisations: dict[str, Organisation]) -> tuple[Owner, ...]:
    ids = list(measure.owners)
    if measure.lead is not None and measure.lead not in ids:
        ids.insert(0, measure.lead)
    return tuple(
        Owner(owner, organisations[owner].name if owner in organisations else owner, owner == measure.lead)
        for owner in ids
    )


def _related_view(related: RelatedPlan) -> RelatedView:
    """A related plan, with links to the documents rendered from its file (``<stem>.html``)."""
    if related.file is None:
        return RelatedView(related, None, None)
    # Documents are written flat into one folder, named after the plan file's stem; the name is
    # percent-encoded so that it stays a relative link whatever the file is called.
    stem = PurePosixPath(related.file.replace("\\", "/")).stem
    return RelatedView(related, quote(f"{stem}.html"), quote(f"{stem}.md"))


def _indicator_row(indicator: Indicator) -> IndicatorRow:
    unit = indicator.unit
    unit_words: str | None = unit.value if unit is not None else None
    if unit is IndicatorUnit.SKALA or (unit is None and indicator.scale is not None):
        low, high = indicator.scale or (1, 5)
        unit_words = f"skala {low}–{high}"
    target: str | None = None
    if indicator.target is not None:
        target = number_text(indicator.target.value, unit)
        if indicator.target.by:
            target += f" senast {date_text(indicator.target.by)}"
        if indicator.target.note:
            target += f" ({indicator.target.note})"
    if indicator.direction is not None:
        direction = f"ska {indicator.direction.value}"
        target = f"{target}; {direction}" if target else direction.capitalize()
    baseline: str | None = None
    if indicator.baseline is not None:
        measured = indicator.baseline
        where = f"{measured.period}, {measured.source}" if measured.source else measured.period
        baseline = f"{number_text(measured.value, unit)} ({where})"
    return IndicatorRow(indicator, f"indikator-{indicator.id}", unit_words, target, baseline)


def _find(sections: Sequence[Section], matches: Callable[[str], bool]) -> int | None:
    """The index of the first section whose title (case-folded) ``matches``, or None."""
    return next((i for i, section in enumerate(sections) if matches(section.title.strip().casefold())), None)


def _introduction(
    plan: Plan, notes: _Notes, goal_chapter: bool
) -> tuple[Introduction, FollowUpView, str | None, str | None]:
    """Chapter 1, the follow-up arrangement, and the texts that move out of the introduction.

    A section "Inledning" is the chapter's own text. In an åtgärdsplan the follow-up arrangement
    is shown in a section "Uppföljning …" (or in one of its own). In a handlingsplan a section
    "Målområden" becomes the text of the chapter Målområden, and a section on follow-up ("Kvalitet
    och uppföljning") the text of the chapter Uppföljning och indikatorer. The plan's values and
    protective factors are listed in a section of that name, or in one of their own; planctl's
    own sections come after the plan's, but before closing contact details ("Kontakt").
    """
    is_atgardsplan = plan.kind == PlanKind.ATGARDSPLAN
    sections = list(plan.introduction)
    text = None
    # Chapter 1 is called Inledning: a section of that name is its text, also where a
    # transcription puts side boxes before it, so that no "1.4. Inledning" stands under it.
    intro_index = _find(sections, lambda title: title == "inledning")
    if intro_index is not None:
        text = sections.pop(intro_index).text
    goal_text = None
    goal_index = _find(sections, lambda title: title == "målområden") if goal_chapter else None
    if goal_index is not None:
        goal_text = sections.pop(goal_index).text
    arrangement = plan.follow_up
    if is_atgardsplan:
        follow_index = _find(sections, lambda title: title.startswith("uppföljning"))
    else:
        follow_index = _find(sections, lambda title: "uppföljning" in title)
    follow_text = arrangement.text if arrangement else None
    if follow_index is not None and _said_in(follow_text, sections[follow_index].text):
        follow_text = None
    chapter_text = None
    if not is_atgardsplan and follow_index is not None:
        chapter_text = sections.pop(follow_index).text
        follow_index = None
    follow_up = FollowUpView(
        interval_text(arrangement.interval_months) if arrangement and arrangement.interval_months else None,
        arrangement.forum if arrangement else None,
        follow_text,
        tuple(arrangement.cycle) if arrangement else (),
        and_list(arrangement.in_depth) if arrangement and arrangement.in_depth else None,
    )
    values = tuple(plan.values)
    factors = tuple(plan.protective_factors)
    values_index = _find(sections, lambda title: title == "värdegrund") if values else None
    factors_index = _find(sections, lambda title: title == "skyddsfaktorer") if factors else None
    # (title, text, follow-up shown here, values listed here, protective factors listed here)
    parts: list[tuple[str, str | None, bool, tuple[str, ...], tuple[str, ...]]] = [
        (
            section.title,
            section.text,
            i == follow_index,
            values if i == values_index else (),
            factors if i == factors_index else (),
        )
        for i, section in enumerate(sections)
    ]
    closing = parts.pop() if parts and parts[-1][0].strip().casefold().startswith("kontakt") else None
    if values and values_index is None:
        parts.append(("Värdegrund", None, False, values, ()))
    if factors and factors_index is None:
        parts.append(("Skyddsfaktorer", None, False, (), factors))
    if is_atgardsplan and follow_index is None:
        parts.append(("Uppföljning av planen", None, True, (), ()))
    if closing is not None:
        parts.append(closing)
    views = tuple(IntroSection(f"1.{i + 1}", f"avsnitt-1-{i + 1}", *part) for i, part in enumerate(parts))
    introduction = Introduction("1", "kapitel-1", "Inledning", text, views, notes.take(plan.notes))
    return introduction, follow_up, goal_text, chapter_text


# -- formatting helpers (registered as filters) -------------------------------------------

MONTHS = [
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
]


def date_text(value: str) -> str:
    """A partial date as the document writes it: ``2024``, ``juni 2024``, ``2024-11-20``."""
    parts = value.split("-")
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value


def period_text(plan: Plan) -> str:
    end = plan.period.end
    return f"{plan.period.start}–{end}" if end is not None and end != plan.period.start else str(plan.period.start)


def safe_url(value: str | None) -> str | None:
    """The URL if it may become a link (http, https, mailto), else None: then it stays text."""
    return value if value is not None and markdown.is_safe_url(value) else None


def md_label(text: str) -> str:
    """A text field as the words of a Markdown link: one line, its brackets escaped."""
    return markdown.to_markdown_line(text).replace("[", "\\[").replace("]", "\\]")


def indicator_text(indicator: Indicator) -> str | None:
    """An indicator's unit, baseline, target and direction in words, or None if it has none."""
    unit = indicator.unit.value if indicator.unit else None
    parts: list[str] = []
    if indicator.unit is not None and indicator.unit.value == "skala":
        low, high = indicator.scale or (1, 5)
        parts.append(f"skala {low}–{high}")
    elif unit and unit != "antal":
        parts.append(unit)
    if indicator.baseline is not None:
        parts.append(
            f"utgångsläge {number_text(indicator.baseline.value, indicator.unit)} ({indicator.baseline.period})"
        )
    if indicator.target is not None:
        by = f" senast {date_text(indicator.target.by)}" if indicator.target.by else ""
        parts.append(f"mål {number_text(indicator.target.value, indicator.unit)}{by}")
    if indicator.direction is not None:
        parts.append(f"ska {indicator.direction.value}")
    return "; ".join(parts) if parts else None


FILTERS: dict[str, Callable[..., Any]] = {
    "md_html": markdown.to_html,
    "md_inline": markdown.to_html_inline,
    "md_html_cell": markdown.to_html_in_cell,
    "md_block": markdown.to_markdown,
    "md_line": markdown.to_markdown_line,
    "md_cell": markdown.to_markdown_cell,
    "md_label": md_label,
    "md_code": markdown.to_markdown_code,
    "date_text": date_text,
    "safe_url": safe_url,
    "indicator_text": indicator_text,
    "number": number_text,
}


# -- the Jinja environment ----------------------------------------------------------------


def _packaged_template(name: str) -> tuple[str, str, Callable[[], bool]] | None:
    resource = files("planctl.templates").joinpath(name)
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8"), name, lambda: True


def make_environment(templates: Path | None = None) -> jinja2.Environment:
    """The one Jinja environment: HTML autoescaped, undefined names fail, filters in one place."""
    loader: jinja2.BaseLoader
    if templates is None:
        loader = jinja2.FunctionLoader(_packaged_template)
    else:
        loader = jinja2.FileSystemLoader(str(templates), encoding="utf-8")
    # Municipalities share templates: a template may lay out what it is given, never reach
    # Python's internals (``"".__class__.__mro__``, ``os.popen``). The sandbox refuses that.
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "svg", "svg.j2"), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    env.globals.update(period_text=period_text, interval_text=interval_text)
    return env


def _template_place(error: BaseException) -> str:
    """``file, rad N`` for the innermost template frame of an error, if there is one."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name or 'mallen'}, rad {error.lineno}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    if frames:
        return f"{frames[-1].filename}, rad {frames[-1].lineno}"
    return "mallen"


def _undecodable_template(templates: Path | None) -> str | None:
    """The first template in ``templates`` that is not UTF-8, to name it in the message."""
    if templates is None:
        return None
    for path in sorted(templates.iterdir()):
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            return str(path)
        except OSError:
            continue
    return None


def render_template(name: str, fmt: DocumentFormat, templates: Path | None = None, **context: Any) -> str:
    """Render one main template with ``context``; a broken custom template is a usage error."""
    env = make_environment(templates)
    if templates is not None:
        if not is_dir(templates):
            raise UsageError(f"mallmappen {templates} finns inte")
        if not is_file(templates / name):
            raise UsageError(f"mallmappen {templates} saknar mallen {name}; utgå från en kopia av templates/")
    try:
        text = env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        place = _template_place(error)
        raise UsageError(f"{place}: mallen '{error.name}' finns inte i {templates or 'planctls mallar'}") from None
    except SecurityError as error:
        raise UsageError(
            f"{_template_place(error)}: mallen försöker göra något som en mall inte får ({error}); "
            "en mall får bara visa det planctl ger den"
        ) from None
    except UnicodeDecodeError as error:
        raise UsageError(
            f"{_undecodable_template(templates) or 'mallen'}: mallen är inte sparad som UTF-8 "
            f"(byte 0x{error.object[error.start]:02x}); spara den som UTF-8"
        ) from None
    except jinja2.TemplateError as error:
        raise UsageError(f"{_template_place(error)}: fel i mallen: {error.message}") from None
    except Exception as error:
        # A municipality's own template can fail in other ways (a filter given the wrong thing);
        # that is theirs to fix, not a bug in planctl. Errors in the shipped templates are bugs.
        if templates is None:
            raise
        place = _template_place(error)
        if place == "mallen":
            raise
        raise UsageError(f"{place}: fel i mallen: {type(error).__name__}: {error}") from None
    # Optional parts of the Markdown template leave blank lines behind; one is enough.
    return _BLANK_LINES.sub("\n\n", text) if fmt == "md" else text


def render_document(plan: Plan, source_name: str, fmt: DocumentFormat, templates: Path | None = None) -> str:
    """The document of ``plan`` as Markdown or HTML text."""
    return render_template(MAIN_TEMPLATE[fmt], fmt, templates, doc=build_document(plan, source_name))


def render_report(report: FollowUpReport, fmt: DocumentFormat, templates: Path | None = None) -> str:
    """The follow-up report as Markdown or HTML text."""
    return render_template(REPORT_TEMPLATE[fmt], fmt, templates, rep=report)


def html_to_pdf(html: str) -> bytes:
    """The HTML document, with its print CSS, as PDF (WeasyPrint, imported only when asked for)."""
    try:
        import weasyprint
    except ImportError:
        raise UsageError(PDF_MISSING) from None
    except OSError as error:  # installed, but the system's Pango is missing
        raise UsageError(
            f"WeasyPrint kan inte starta ({error}); installera Pango, t.ex. apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        ) from None
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


# -- files --------------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a reader sees the old file or the new one, never half of one."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a published document gets the usual mode.
        Path(temp).chmod(0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)  # noqa: PTH105 - tests stub os.replace to prove the write is atomic
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _checked_plans(
    plans: Sequence[Path], out: Path, today: date | None, suffix: str, with_follow_ups: bool
) -> list[tuple[Path, list[FileResult]]]:
    """The plans named by ``plans``, each validated with its follow-ups, ready to be written.

    Folders are searched for plans; follow-up files are not documents of their own and are
    passed over, or refused where one is named. Raises, writing nothing, when two plans would
    write the same file, when ``out`` is a plans folder, or when a plan (and, with
    ``with_follow_ups``, one of its follow-ups) has errors that stop publishing.
    """
    named = {path for path in plans if not is_dir(path)}
    found = discover(plans)
    checked: list[tuple[Path, list[FileResult]]] = []
    for unit in units(found):
        follow_ups_named = [path for path in unit.follow_ups if path in named]
        if not unit.report_plan:  # only follow-ups of this plan were found or named
            if follow_ups_named:
                raise UsageError(f"{follow_ups_named[0]}: är en uppföljning, inte en plan; ange planfilen")
            continue
        results = validate_unit(Unit(unit.plan, unit.follow_ups, True), today or date.today())
        if results[0].follow_up is not None:  # a follow-up that lies outside any plan's folder
            if unit.plan in named:
                raise UsageError(f"{unit.plan}: är en uppföljning, inte en plan; ange planfilen")
            continue
        checked.append((unit.plan, results))
    if not checked:
        raise UsageError("inga planfiler att återge")
    targets: dict[str, Path] = {}
    for path, _ in checked:
        target = f"{path.stem}{suffix}"
        if target in targets:
            raise UsageError(f"{targets[target]} och {path} skulle skrivas till samma dokument ({target})")
        targets[target] = path
        problem = output_problem(out, path)
        if problem is not None:
            raise UsageError(problem)
    results = [r for _, found_results in checked for r in (found_results if with_follow_ups else found_results[:1])]
    errors = blocking(results)
    if errors or any(r.plan is None and r.follow_up is None for r in results):
        from planctl.reporters import line_of

        lines = "".join(line_of(f) + "\n" for f in sorted(errors, key=Finding.sort_key))
        raise PlanHasErrors(f"{lines}planen återges inte förrän felen är rättade")
    return checked


def render_files(
    plans: list[Path], fmt: OutputFormat, out: Path, templates: Path | None, today: date | None = None
) -> list[Path]:
    """Render each plan to ``out/<plan file stem>.<fmt>``; nothing is written if any plan has errors.

    ``today`` is the date the plans are checked against (default: today).
    """
    documents: list[tuple[Path, bytes]] = []
    for path, results in _checked_plans(plans, out, today, SUFFIX[fmt], with_follow_ups=False):
        plan = results[0].plan
        assert plan is not None
        text = render_document(plan, path.name, "md" if fmt == "md" else "html", templates)
        documents.append((out / f"{path.stem}{SUFFIX[fmt]}", _encode(text, fmt)))
    _write_all(out, documents)
    return [target for target, _ in documents]


def report_files(
    plans: list[Path], fmt: OutputFormat, out: Path, templates: Path | None, today: date | None = None
) -> list[Path]:
    """Write ``out/<plan file stem>-uppfoljning.<fmt>`` for each plan, from its follow-up files.

    Nothing is written if a plan or one of its follow-ups has errors.
    """
    suffix = f"-uppfoljning{SUFFIX[fmt]}"
    documents: list[tuple[Path, bytes]] = []
    for path, results in _checked_plans(plans, out, today, suffix, with_follow_ups=True):
        plan = results[0].plan
        assert plan is not None
        follow_ups = [r.follow_up for r in results[1:] if r.follow_up is not None]
        text = render_report(build_report(plan, follow_ups, path.name), "md" if fmt == "md" else "html", templates)
        documents.append((out / f"{path.stem}{suffix}", _encode(text, fmt)))
    _write_all(out, documents)
    return [target for target, _ in documents]


def _encode(text: str, fmt: OutputFormat) -> bytes:
    return html_to_pdf(text) if fmt == "pdf" else text.encode("utf-8")


def _write_all(out: Path, documents: Sequence[tuple[Path, bytes]]) -> None:
    for target, data in documents:
        try:
            out.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data)
        except OSError as error:
            raise UsageError(f"{target}: kan inte skriva dokumentet ({error.strerror or error})") from None


__all__ = ["Document", "build_document", "make_environment", "render_document", "render_files", "write_atomic"]
