"""Chapter 1 and the facts of a plan document: the plan's own sections in its order and under
its titles, what they show, the lägesbild, the cooperation, the follow-up, the facts table,
pictures, and "Om denna utgåva".

No title of the plan's triggers anything: a section shows the follow-up arrangement, the
values, the protective factors, the indicators, the cooperation or the lägesbild because it
says so (``shows:``). What no section shows but the document needs, planctl adds as a
section of its own, and the document says it composed it.
"""

from __future__ import annotations

import base64
from pathlib import Path

from planctl.files import is_file
from planctl.model import FollowUpArrangement, Lagesbild, Plan, PlanKind, Problem, Section
from planctl.model.cadence import MAX_MONTHS
from planctl.model.walk import chapter_noted
from planctl.publish.markdown import marked_notes, resolve_markers
from planctl.publish.plan_context import (
    AgreementView,
    AreaLink,
    CooperationView,
    CouncilView,
    Edition,
    Fact,
    FigureView,
    FollowUpView,
    Introduction,
    IntroSection,
    LagesbildView,
    Note,
    PictureView,
    ProblemView,
)
from planctl.words import and_list, date_text, interval_text, number_text, period_text, update_text

#: Pictures larger than this are not embedded (a plan document is not an image archive).
MAX_PICTURE_BYTES = 2 * 1024 * 1024
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


class Notes:
    """Hands out footnote numbers in document order, and resolves an element's markers."""

    def __init__(self) -> None:
        self.count = 0

    def take(self, texts: list[str], marked_in: tuple[str | None, ...] = ()) -> tuple[Note, ...]:
        marked = marked_notes(marked_in, len(texts))
        notes = tuple(Note(self.count + i + 1, text, i + 1 in marked) for i, text in enumerate(texts))
        self.count += len(texts)
        return notes


def marked(text: str | None, notes: tuple[Note, ...]) -> str | None:
    """A text of the plan with its footnote markers pointing at the document's note numbers."""
    if text is None:
        return None
    return resolve_markers(text, tuple(note.number for note in notes))


def picture(plan_path: Path | None, item: object) -> PictureView:
    """A picture embedded as a data: URI where its file lies beside the plan; else said not reproduced."""
    title, file, alt = getattr(item, "title", ""), getattr(item, "file", None), getattr(item, "alt", None)
    src = None
    if file and plan_path is not None and "/" not in file and "\\" not in file:
        path = plan_path.parent / file
        kind = _IMAGE_TYPES.get(path.suffix.lower())
        if kind and is_file(path):
            data = path.read_bytes()
            if len(data) <= MAX_PICTURE_BYTES:
                src = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
    return PictureView(title, src, alt, file)


SHOW_TITLES = {
    "lägesbild": "Lägesbilden",
    "samverkan": "Samverkan",
    "värdegrund": "Värdegrund",
    "skyddsfaktorer": "Skyddsfaktorer",
    "uppföljning": "Uppföljning av planen",
    "indikatorer": "Indikatorer för planen",
}


def introduction(plan: Plan, notes: Notes, plan_path: Path | None, follow_up_elsewhere: bool) -> Introduction:
    """Chapter 1: the plan's sections in its order, then planctl's sections for what none shows.

    ``follow_up_elsewhere``: a handlingsplan shows its follow-up in a chapter of its own.
    """
    chapter_notes = notes.take(plan.notes, tuple(text for _, text in chapter_noted(plan).texts))
    shown = {kind for section in plan.introduction for kind in section.shows}
    needed = _needed(plan, follow_up_elsewhere)
    sections: list[IntroSection] = [_section(section, chapter_notes, plan_path) for section in plan.introduction]
    for kind in needed:
        if kind not in shown:
            sections.append(IntroSection("", "", SHOW_TITLES[kind], None, (kind,), by_planctl=True))
    numbered: list[IntroSection] = []
    count = 0
    for s in sections:
        if s.title is None:  # the chapter's own text, under its heading, unnumbered
            numbered.append(s)
            continue
        count += 1
        numbered.append(
            IntroSection(f"1.{count}", f"avsnitt-1-{count}", s.title, s.text, s.shows, s.pictures, s.added, s.by_planctl)
        )
    return Introduction("1", "kapitel-1", plan.introduction_title, tuple(numbered), chapter_notes)


def _section(section: Section, notes: tuple[Note, ...], plan_path: Path | None) -> IntroSection:
    pictures = tuple(picture(plan_path, item) for item in section.pictures)
    return IntroSection("", "", section.title, marked(section.text, notes), tuple(section.shows), pictures, section.added)


def _needed(plan: Plan, follow_up_elsewhere: bool) -> list[str]:
    """What the document must show somewhere in chapter 1, in the order planctl adds it."""
    needed: list[str] = []
    lagesbild = plan.lagesbild
    if lagesbild is not None and (lagesbild.problems or lagesbild.analysis or lagesbild.other_information):
        needed.append("lägesbild")
    if plan.cooperation is not None:
        needed.append("samverkan")
    if plan.values:
        needed.append("värdegrund")
    if plan.protective_factors:
        needed.append("skyddsfaktorer")
    if plan.kind is PlanKind.ATGARDSPLAN or (plan.follow_up is not None and not follow_up_elsewhere):
        needed.append("uppföljning")
    if plan.indicators and not follow_up_elsewhere and plan.kind is not PlanKind.ATGARDSPLAN:
        needed.append("indikatorer")  # an åtgärdsplan shows them with its follow-up
    return needed


def follow_up_view(plan: Plan) -> FollowUpView:
    arrangement: FollowUpArrangement | None = plan.follow_up
    law = "lagen kräver uppföljning minst vartannat år (6 §)" if plan.kind is PlanKind.ATGARDSPLAN else None
    if arrangement is None:
        return FollowUpView(None, None, None, law=law)
    interval = interval_text(arrangement.interval_months) if arrangement.interval_months else None
    if law and arrangement.interval_months and arrangement.interval_months < MAX_MONTHS:
        law = "tätare än lagens krav på uppföljning minst vartannat år (6 §)"
    return FollowUpView(
        interval,
        arrangement.forum,
        arrangement.text,
        tuple(arrangement.cycle),
        and_list(arrangement.in_depth) if arrangement.in_depth else None,
        law,
    )


def problem_view(problem: Problem, answered_in: tuple[AreaLink, ...] = ()) -> ProblemView:
    figures = tuple(
        FigureView(number_text(f.value), f.unit, f.period, f.source, f.text) for f in problem.figures
    )
    return ProblemView(
        problem.id, f"problem-{problem.id}", problem.title, problem.description, problem.pages, figures, problem.added, answered_in
    )


def lagesbild_view(lagesbild: Lagesbild | None, answered: dict[str, tuple[AreaLink, ...]] | None = None) -> LagesbildView | None:
    """The lägesbild as chapter 1 shows it; its problems link to the areas that answer them
    (an unanswered problem is shown in full here, since no chapter opens with it)."""
    if lagesbild is None:
        return None
    updates = tuple(update_text(u) for u in lagesbild.updates)
    return LagesbildView(
        lagesbild.title,
        lagesbild.url,
        date_text(lagesbild.completed) if lagesbild.completed else None,
        lagesbild.reference,
        lagesbild.note,
        updates,
        tuple(problem_view(p, (answered or {}).get(p.id, ())) for p in lagesbild.problems),
        tuple(lagesbild.other_information),
        lagesbild.analysis,
    )


def cooperation_view(plan: Plan) -> CooperationView | None:
    cooperation = plan.cooperation
    if cooperation is None:
        return None
    council = cooperation.council
    coordination = cooperation.coordination
    return CooperationView(
        cooperation.text,
        tuple(AgreementView(a.title, tuple(a.parties), a.period, a.reference, a.note) for a in cooperation.agreements),
        CouncilView(council.name, tuple(council.members), council.note) if council else None,
        (
            coordination.who
            + (f", {coordination.where}" if coordination.where else "")
            + (f". {coordination.note}" if coordination.note else "")
        )
        if coordination
        else None,
    )


def facts(plan: Plan) -> tuple[Fact, ...]:
    """The plan's facts table, row by row; a row the plan's kind does not need is left out."""
    is_atgardsplan = plan.kind is PlanKind.ATGARDSPLAN
    decision = plan.decision
    rows = [
        Fact("Kommun", plan.municipality),
        Fact("Organisation", plan.organisation),
        Fact("Typ av plan", "Åtgärdsplan för brottsförebyggande arbete" if is_atgardsplan else "Handlingsplan"),
        Fact("Planperiod", period_text(plan.period)),
        Fact("Beslutande organ", decision.body if decision else None),
        Fact("Beslutsdatum", date_text(decision.date) if decision and decision.date else None),
    ]
    if decision and decision.paragraph:
        rows.append(Fact("Protokollsparagraf", decision.paragraph))
    rows.append(Fact("Diarienummer", decision.reference if decision else None))
    if decision and decision.text:
        rows.append(Fact("Beslut", decision.text))
    measures = plan.measures_decision
    if measures is not None:
        said = measures.body or ""
        if measures.date:
            said += f" ({date_text(measures.date)})"
        rows.append(Fact("Åtgärderna beslutade av", said or None))
        if measures.text:
            rows.append(Fact("Om beslutet om åtgärderna", measures.text))
    if plan.reporting is not None:
        reporting = plan.reporting
        how = reporting.to + (f", {interval_text(reporting.interval_months)}" if reporting.interval_months else "")
        rows.append(Fact("Rapportering", how + (f". {reporting.text}" if reporting.text else "")))
    if plan.document_date:
        note = f" ({plan.document_date_note})" if plan.document_date_note else ""
        rows.append(Fact("Dokumentdatum", date_text(plan.document_date) + note))
    lagesbild = plan.lagesbild
    if is_atgardsplan or lagesbild is not None:
        value = None
        if lagesbild is not None:
            completed = date_text(lagesbild.completed) if lagesbild.completed else "ej angivet"
            value = f"{lagesbild.title}, färdigställd {completed}, Dnr {lagesbild.reference or 'ej angivet'}"
        rows.append(Fact("Lägesbild", value))
    if is_atgardsplan or plan.earlier_plans:
        earlier = tuple(
            ", ".join(part for part in (p.title, f"Dnr {p.reference}" if p.reference else None) if part)
            + (f". {p.note}" if p.note else "")
            for p in plan.earlier_plans
        )
        rows.append(Fact("Tidigare planer", None, earlier))
    if is_atgardsplan or plan.legal_basis or plan.laws:
        # planctl names the law only where the plan does not: a plan's own words come first
        said = " ".join([plan.legal_basis or "", *plan.laws])
        law = "Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete, 5 §"
        laws = ((law,) if is_atgardsplan and "2023:196" not in said else ()) + tuple(plan.laws)
        rows.append(Fact("Lagstöd", plan.legal_basis, laws))
    return tuple(rows)


def edition(plan: Plan, composed: tuple[str, ...]) -> Edition:
    """What "Om denna utgåva" says: the source, everything added to it and by whom."""
    source = plan.edition
    additions = [(a.what, a.by) for a in source.additions] if source else []
    for section in plan.introduction:
        if section.added:
            additions.append((f"Avsnittet {section.title}", section.added))
    lagesbild = plan.lagesbild
    for problem in lagesbild.problems if lagesbild else ():
        if problem.added:
            additions.append((f"Problemet {problem.title} i lägesbilden", problem.added))
    for area in plan.focus_areas:
        for cause in area.cause_analysis.causes if area.cause_analysis else ():
            if cause.added:
                additions.append((f"Orsaken {cause.name}", cause.added))
        for source_ref in area.sources:
            if source_ref.added:
                additions.append((f"Källhänvisningen {source_ref.title}", source_ref.added))
        for measure in area.measures:
            if measure.method is not None and measure.method.added:
                additions.append((f"Metoden {measure.method.name} för åtgärden {measure.title}", measure.method.added))
    return Edition(
        source.source if source else None,
        source.note if source else None,
        tuple(additions),
        composed,
        plan.example_data,
    )
