"""The plan document: an åtgärdsplan or a handlingsplan gathered into its chapters.

The document follows the shape of a real åtgärdsplan (Västerås 2025–2026): chapter 1 with the
introduction and the follow-up, one chapter per prioritised crime area (description, cause
analysis, measures table), a chapter for the areas handled through other forums, related
plans, the abbreviations, and overviews drawn from the data. A handlingsplan (Västerås
Förebyggarcentrum, Familjecentrum 2022–2027) has one chapter "Målområden" with an area a
section, and a chapter on its follow-up and indicators instead. The words and the look live
in the templates (``templates/``); this module decides what they show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePosixPath
from urllib.parse import quote

from planctl.model import (
    PREVENTION_STEPS,
    READINESS_STAGES,
    AreaTrack,
    FocusArea,
    Indicator,
    Measure,
    Organisation,
    Plan,
    PlanKind,
    RelatedPlan,
    Section,
    Unit,
)
from planctl.publish.figures import build_overviews
from planctl.publish.plan_context import (
    AreaChapter,
    AreaLink,
    AreaPart,
    Column,
    Document,
    FollowUpChapter,
    FollowUpView,
    IndicatorRow,
    Introduction,
    IntroSection,
    MeasureView,
    Note,
    OtherChapter,
    Owner,
    RelatedChapter,
    RelatedView,
    Stage,
    TocEntry,
)
from planctl.words import and_list, interval_text, number_text, target_text, timing_text

#: The measures table of a prioritised area, as Västerås's plan has it.
PLAN_COLUMNS = (
    Column("measure", "Åtgärd", "c-atgard"),
    Column("goals", "Mål", "c-mal"),
    Column("when", "När", "c-nar"),
    Column("owners", "Vem (ansvarig i fetstil)", "c-vem"),
    Column("follow_up", "Uppföljning", "c-uppf"),
)
#: The table of an area handled through another forum: goals and timing go in the Åtgärd cell.
OTHER_FORUM_COLUMNS = (
    Column("measure_with_plan", "Åtgärd", "c-atgard"),
    Column("owners", "Ansvarig", "c-vem"),
    Column("forum", "Uppföljning sker genom…", "c-uppf"),
)


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

    def area_chapter(area: FocusArea, shape: str) -> AreaChapter:
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
        number, anchor = numbers[area.id], anchors[area.id]
        parts: tuple[AreaPart, ...]
        if shape == "chapter":
            parts = (
                AreaPart(f"{number}.1", f"{anchor}-orsaksanalys", "Orsaksanalys", "causes"),
                AreaPart(f"{number}.2", f"{anchor}-atgarder", "Åtgärdsplanering", "measures"),
            )
            return AreaChapter(area, number, anchor, area_notes, measures, parts=parts, columns=PLAN_COLUMNS)
        kinds = ["causes"] if area.cause_analysis else []
        if measures or area.measures_intro or (shape == "other" and is_atgardsplan):
            kinds.append("measures")
        parts = tuple(
            AreaPart(f"{number}.{i + 1}", "", "Orsaksanalys" if kind == "causes" else "Åtgärder", kind)
            for i, kind in enumerate(kinds)
        )
        return AreaChapter(
            area,
            number,
            anchor,
            area_notes,
            measures,
            level=3,
            css="omrade" if shape == "goal" else "",
            description_missing=shape == "goal",
            parts=parts,
            columns=PLAN_COLUMNS if shape == "goal" else OTHER_FORUM_COLUMNS,
            table_css="atgarder" if shape == "goal" else "andra-forum",
            causes_intro=False,
            silence_is_missing=shape == "other" and is_atgardsplan,
        )

    chapters = tuple(area_chapter(area, "chapter") for area in prioritised) if is_atgardsplan else ()
    goal_areas = None
    if goal_number:
        goal_areas = OtherChapter(
            goal_number,
            f"kapitel-{goal_number}",
            "Målområden",
            goal_text,
            tuple(area_chapter(area, "goal") for area in prioritised),
        )
    other = None
    if other_number:
        intro: Section | None = plan.other_areas_intro
        other = OtherChapter(
            other_number,
            f"kapitel-{other_number}",
            intro.title if intro else "Områden som hanteras i andra forum",
            intro.text if intro else None,
            tuple(area_chapter(area, "other") for area in others),
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
    if unit is Unit.SKALA or (unit is None and indicator.scale is not None):
        low, high = indicator.scale or (1, 5)
        unit_words = f"skala {low}–{high}"
    target = target_text(indicator)
    if target is not None and indicator.target is not None and indicator.target.note:
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
