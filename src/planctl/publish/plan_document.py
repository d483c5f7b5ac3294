"""The plan document: an åtgärdsplan or a handlingsplan gathered into its chapters.

An åtgärdsplan has chapter 1 (the plan's own sections, the lägesbild, the follow-up), one
chapter per prioritised crime area (the problems it answers, description, cause analysis,
measures table), a chapter for the areas handled through other forums, related plans, the
abbreviations, and overviews drawn from the data. A handlingsplan has its goal areas as the
sections of one chapter and a chapter on its follow-up and indicators. The words and the look
live in the templates (``templates/``); this module decides what they show.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any
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
    iter_indicators,
)
from planctl.model.walk import area_noted, measure_noted, owner_ids
from planctl.publish.figures import build_overviews
from planctl.publish.plan_context import (
    AreaChapter,
    AreaLink,
    AreaPart,
    CauseView,
    Column,
    Document,
    EndedView,
    FollowUpChapter,
    IndicatorRow,
    MeasureLink,
    MeasureView,
    Note,
    OtherChapter,
    Owner,
    PictureView,
    ProblemView,
    RelatedChapter,
    RelatedView,
    Stage,
    TocEntry,
)
from planctl.publish.plan_intro import (
    Notes,
    cooperation_view,
    edition,
    facts,
    follow_up_view,
    introduction,
    lagesbild_view,
    marked,
    picture,
    problem_view,
)
from planctl.words import date_text, number_text, target_text, timing_text

#: The columns each built-in layout has, by the format's column keys.
LAYOUTS: dict[str, tuple[str, ...]] = {
    "västerås": ("åtgärd", "mål", "när", "vem", "uppföljning"),
    "brå": ("orsak", "åtgärd", "mål", "när", "vem", "uppföljning"),
}
_COLUMN_CSS = {"orsak": "c-orsak", "åtgärd": "c-atgard", "mål": "c-mal", "när": "c-nar", "vem": "c-vem", "uppföljning": "c-uppf"}
#: The table of an area handled through another forum: everyone listed is responsible, and the
#: goals and timing go in the Åtgärd cell.
OTHER_FORUM_COLUMNS = (
    Column("measure_with_plan", "Åtgärd", "c-atgard"),
    Column("responsible", "Ansvarig", "c-vem"),
    Column("forum", "Uppföljning sker genom…", "c-uppf"),
)
_ENDINGS = {"avslutad": "Avslutad", "ersatt": "Ersatt", "utgår": "Utgår"}


def columns_of(plan: Plan) -> tuple[tuple[Column, ...], str]:
    """The measures table's columns and the plan's word for its goals, from its layout."""
    layout = plan.layout
    preset = layout.preset if layout and layout.preset else "västerås"
    keys = tuple(layout.columns) if layout and layout.columns else LAYOUTS[preset]
    goals = layout.goals_label if layout and layout.goals_label else ("Operativa mål" if preset == "brå" else "Mål")
    titles = {
        "orsak": "Orsak",
        "åtgärd": "Åtgärd",
        "mål": goals,
        "när": "När",
        "vem": "Vem (ansvarig i fetstil)",
        "uppföljning": "Uppföljning",
    }
    keys_in_code = {"orsak": "causes", "åtgärd": "measure", "mål": "goals", "när": "when", "vem": "owners", "uppföljning": "follow_up"}
    return tuple(Column(keys_in_code[k], titles[k], _COLUMN_CSS[k]) for k in keys), goals


def build_document(plan: Plan, source_name: str, plan_path: Path | None = None) -> Document:
    """Gather what the document shows, numbered like the source (introduction = chapter 1).

    ``plan_path`` is where the plan file lies, for the pictures beside it (none without it).
    """
    notes = Notes()
    is_atgardsplan = plan.kind is PlanKind.ATGARDSPLAN
    prioritised = [area for area in plan.focus_areas if area.track is AreaTrack.PRIORITERAT]
    others = [area for area in plan.focus_areas if area.track is not AreaTrack.PRIORITERAT]
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
    chapter_one_shows_follow_up = any("uppföljning" in s.shows for s in plan.introduction)
    follow_up_elsewhere = not is_atgardsplan and not chapter_one_shows_follow_up
    intro = introduction(plan, notes, plan_path, follow_up_elsewhere)
    builder = _Areas(plan, numbers, notes)
    chapters = tuple(builder.chapter(area, "chapter") for area in prioritised) if is_atgardsplan else ()
    goal_areas = None
    if goal_number:
        heading = plan.goal_areas_intro
        goal_areas = OtherChapter(
            goal_number,
            f"kapitel-{goal_number}",
            heading.title if heading and heading.title else "Målområden",
            heading.text if heading else None,
            tuple(builder.chapter(area, "goal") for area in prioritised),
            _pictures(heading, plan_path),
        )
    other = None
    if other_number:
        heading = plan.other_areas_intro
        other = OtherChapter(
            other_number,
            f"kapitel-{other_number}",
            heading.title if heading and heading.title else "Områden som hanteras i andra forum",
            heading.text if heading else None,
            tuple(builder.chapter(area, "other") for area in others),
            _pictures(heading, plan_path),
        )
    follow_up_chapter = None
    if not is_atgardsplan:
        heading = plan.follow_up_chapter
        number = str(next_number)
        follow_up_chapter = FollowUpChapter(
            number,
            f"kapitel-{number}",
            heading.title if heading and heading.title else "Uppföljning och indikatorer",
            heading.text if heading else None,
            follow_up_elsewhere,
            _pictures(heading, plan_path),
        )
        next_number += 1
    related = None
    if plan.related_plans:
        number = str(next_number)
        heading = plan.related_plans_chapter
        related = RelatedChapter(
            number,
            f"kapitel-{number}",
            heading.title if heading and heading.title else "Relaterade planer och styrdokument",
            tuple(_related_view(p) for p in plan.related_plans),
            heading.text if heading else None,
            _pictures(heading, plan_path),
        )
        next_number += 1
    show_abbreviations = is_atgardsplan or bool(plan.organisations)
    abbreviations_number = str(next_number) if show_abbreviations else ""
    has_measures = any(area.measures for area in plan.focus_areas)
    toc = (
        *((TocEntry(intro.number, intro.title, intro.anchor),)),
        *(TocEntry(c.number, c.area.title, c.anchor) for c in chapters),
        *(TocEntry(c.number, c.title, c.anchor) for c in (goal_areas, other) if c),
        *((TocEntry(follow_up_chapter.number, follow_up_chapter.title, follow_up_chapter.anchor),) if follow_up_chapter else ()),
        *((TocEntry(related.number, related.title, related.anchor),) if related else ()),
        *((TocEntry(abbreviations_number, "Förkortningar", "forkortningar"),) if show_abbreviations else ()),
        *((TocEntry("", "Bilaga. Översikter", "oversikter"),) if has_measures else ()),
    )
    composed = (
        *(f"Avsnitt {s.number} {s.title}" for s in intro.sections if s.by_planctl),
        *((f"Kapitel {follow_up_chapter.number} {follow_up_chapter.title}",) if follow_up_chapter and plan.follow_up_chapter is None else ()),
        *((f"Kapitel {related.number} {related.title}",) if related and plan.related_plans_chapter is None else ()),
        *(("Bilagan Översikter, som planctl har ritat ur planens uppgifter",) if has_measures else ()),
    )
    _, goals_label = columns_of(plan)
    return Document(
        plan=plan,
        source_name=source_name,
        is_atgardsplan=is_atgardsplan,
        facts=facts(plan),
        introduction=intro,
        follow_up=follow_up_view(plan),
        lagesbild=lagesbild_view(plan.lagesbild, builder.answered()),
        cooperation=cooperation_view(plan),
        chapters=chapters,
        other=other,
        abbreviations_number=abbreviations_number,
        abbreviations=tuple(org for org in plan.organisations if org.abbreviation),
        actors=tuple(org for org in plan.organisations if not org.abbreviation),
        overviews=build_overviews(plan, numbers),
        toc=toc,
        edition=edition(plan, composed),
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
        pictures=tuple(picture(plan_path, item) for item in plan.pictures),
        show_abbreviations=show_abbreviations,
        has_measures=has_measures,
        goals_label=goals_label,
    )


class _Areas:
    """Builds area chapters; keeps what all areas share (numbers, names, the plan's causes)."""

    def __init__(self, plan: Plan, numbers: dict[str, str], notes: Notes) -> None:
        self.plan = plan
        self.numbers = numbers
        self.notes = notes
        self.anchors = {area.id: _area_anchor(numbers[area.id]) for area in plan.focus_areas}
        self.areas = {area.id: area for area in plan.focus_areas}
        by_id = {org.id: org for org in plan.organisations}
        self.organisations = {name: by_id[org_id] for name, org_id in owner_ids(plan).items()}
        self.causes = {c.id: c for a in plan.focus_areas if a.cause_analysis for c in a.cause_analysis.causes}
        self.measures = {m.id: (m, a) for a in plan.focus_areas for m in a.measures}
        self.indicators = {at.indicator.id: at.indicator for at in iter_indicators(plan)}
        self.problems = {p.id: p for p in plan.lagesbild.problems} if plan.lagesbild else {}
        self.shown_problems: set[str] = set()
        self._answered: dict[str, tuple[AreaLink, ...]] | None = None
        self.columns, _ = columns_of(plan)

    def answered(self) -> dict[str, tuple[AreaLink, ...]]:
        """Which areas answer each problem of the lägesbild, in document order."""
        if self._answered is not None:
            return self._answered
        links: dict[str, list[AreaLink]] = {}
        for area in self.plan.focus_areas:
            for problem in area.answers:
                links.setdefault(problem, []).append(self.link(area.id))
        self._answered = {problem: tuple(found) for problem, found in links.items()}
        return self._answered

    def problem(self, problem_id: str) -> ProblemView:
        """A problem as an area chapter opens with it; its anchor only where it is first shown."""
        view = problem_view(self.problems[problem_id], self.answered().get(problem_id, ()))
        if problem_id in self.shown_problems:
            return view._replace(anchor="")
        self.shown_problems.add(problem_id)
        return view

    def link(self, area_id: str) -> AreaLink:
        return AreaLink(area_id, self.anchors[area_id], self.numbers[area_id], self.areas[area_id].title)

    def chapter(self, area: FocusArea, shape: str) -> AreaChapter:
        area_notes = self.notes.take(area.notes, tuple(text for _, text in area_noted(area, ()).texts))
        # Measures of this area first, then those of other areas that belong here too (also_in).
        guests = [m for m, home in self.measures.values() if area.id in m.also_in and home.id != area.id]
        views = tuple(self.measure(m, area, shape) for m in area.measures) + tuple(
            self.measure(m, area, shape, home=self.measures[m.id][1]) for m in guests
        )
        number, anchor = self.numbers[area.id], self.anchors[area.id]
        causes = tuple(
            CauseView(c.name, f"orsak-{c.id}", c.added) for c in (area.cause_analysis.causes if area.cause_analysis else ())
        )
        common: dict[str, Any] = {
            "description": marked(area.description, area_notes),
            "cause_text": marked(area.cause_analysis.text, area_notes) if area.cause_analysis else None,
            "causes": causes,
            "measures_intro": marked(area.measures_intro, area_notes),
            "problems": tuple(self.problem(p) for p in area.answers if p in self.problems),
            "goal": area.goal,
        }
        parts: tuple[AreaPart, ...]
        if shape == "chapter":
            parts = (
                AreaPart(f"{number}.1", f"{anchor}-orsaksanalys", "Orsaksanalys", "causes"),
                AreaPart(f"{number}.2", f"{anchor}-atgarder", "Åtgärdsplanering", "measures"),
            )
            return AreaChapter(area, number, anchor, area_notes, views, parts=parts, columns=self.columns, **common)
        kinds = ["causes"] if area.cause_analysis else []
        if views or area.measures_intro or (shape == "other" and self.plan.kind is PlanKind.ATGARDSPLAN):
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
            views,
            level=3,
            css="omrade" if shape == "goal" else "",
            description_missing=shape == "goal",
            parts=parts,
            columns=self.columns if shape == "goal" else OTHER_FORUM_COLUMNS,
            table_css="atgarder" if shape == "goal" else "andra-forum",
            causes_intro=False,
            silence_is_missing=shape == "other" and self.plan.kind is PlanKind.ATGARDSPLAN,
            **common,
        )

    def measure(self, measure: Measure, area: FocusArea, shape: str, home: FocusArea | None = None) -> MeasureView:
        """A measure's row; listed a second time (``home`` set), it takes no footnote numbers again."""
        texts = tuple(text for _, text in measure_noted(measure, ()).texts)
        measure_notes = self.notes.take(measure.notes, texts) if home is None else ()
        all_responsible = shape == "other"  # "Ansvarig": everyone an other-forum table lists is responsible
        ended = measure.ended
        replaced = self.measures.get(ended.replaced_by) if ended and ended.replaced_by else None
        return MeasureView(
            measure=measure,
            anchor=f"atgard-{measure.id}" if home is None else f"atgard-{measure.id}-i-{area.id}",
            title=marked(measure.title, measure_notes) or measure.title,
            description=marked(measure.description, measure_notes),
            goals=tuple(marked(goal, measure_notes) or goal for goal in measure.goals),
            when=timing_text(measure.timing),
            owners=self.owners(measure, all_responsible),
            lead_unknown=not all_responsible and measure.lead is None and len(measure.owners) > 1,
            notes=measure_notes,
            causes=tuple(
                CauseView(self.causes[c].name, f"orsak-{c}", self.causes[c].added) for c in measure.addresses if c in self.causes
            ),
            also_affects=tuple(self.link(a) for a in measure.also_affects if a in self.areas),
            shared_indicators=tuple(
                self.indicators[i]
                for i in (measure.follow_up.indicator_refs if measure.follow_up else ())
                if i in self.indicators
            ),
            home=self.link(home.id) if home is not None else None,
            added=date_text(measure.added) if measure.added else None,
            ended=EndedView(
                date_text(ended.date),
                _ENDINGS[ended.how],
                ended.reason,
                MeasureLink(f"atgard-{replaced[0].id}", replaced[0].title) if replaced else None,
            )
            if ended
            else None,
        )

    def owners(self, measure: Measure, all_responsible: bool) -> tuple[Owner, ...]:
        ids = list(measure.owners)
        if measure.lead is not None and measure.lead not in ids:
            ids.insert(0, measure.lead)
        views = []
        for owner in ids:
            org: Organisation | None = self.organisations.get(owner)
            name = org.name if org else owner
            abbreviated = bool(org and org.abbreviation)
            views.append(Owner(org.id if org and abbreviated else owner, name, all_responsible or owner == measure.lead, abbreviated))
        return tuple(views)


def _area_anchor(number: str) -> str:
    return ("kapitel-" if "." not in number else "avsnitt-") + number.replace(".", "-")


def _pictures(section: Section | None, plan_path: Path | None) -> tuple[PictureView, ...]:
    return tuple(picture(plan_path, item) for item in section.pictures) if section else ()


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


__all__ = ["LAYOUTS", "Note", "build_document", "columns_of"]
