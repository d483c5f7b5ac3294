"""One walk per concept: the only way planctl visits a plan's areas, measures, indicators,
causes and silences.

Every check, document, report and view asks these iterators, so "which indicators does a
plan have?" has one answer everywhere (plan-level indicators included). Each item carries
its location in the document (``("focus_areas", 0, "measures", 1)``) for findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pydantic import BaseModel

from planctl.model.fields import Loc
from planctl.model.indicator import Indicator
from planctl.model.lagesbild import Problem
from planctl.model.plan import Cause, FocusArea, Measure, Plan
from planctl.model.sections import Silence


class AreaAt(NamedTuple):
    area: FocusArea
    number: int
    loc: Loc


class MeasureAt(NamedTuple):
    measure: Measure
    area: FocusArea
    loc: Loc


class IndicatorAt(NamedTuple):
    indicator: Indicator
    #: the measure it follows up, and its area; None for an indicator of the whole plan
    measure: Measure | None
    area: FocusArea | None
    loc: Loc


class CauseAt(NamedTuple):
    cause: Cause
    area: FocusArea
    loc: Loc


class SilenceAt(NamedTuple):
    silence: Silence
    #: where the silence holds: the element it sits on
    owner: Loc
    #: its number in that element's ``silence:`` list
    number: int


def iter_areas(plan: Plan) -> Iterator[AreaAt]:
    for index, area in enumerate(plan.focus_areas):
        yield AreaAt(area, index, ("focus_areas", index))


def iter_measures(plan: Plan) -> Iterator[MeasureAt]:
    """Every measure in document order, with its area."""
    for a, area in enumerate(plan.focus_areas):
        for m, measure in enumerate(area.measures):
            yield MeasureAt(measure, area, ("focus_areas", a, "measures", m))


def iter_indicators(plan: Plan) -> Iterator[IndicatorAt]:
    """The plan's own indicators first, then each measure's, in document order."""
    for i, indicator in enumerate(plan.indicators):
        yield IndicatorAt(indicator, None, None, ("indicators", i))
    for measure, area, loc in iter_measures(plan):
        if measure.follow_up is not None:
            for i, indicator in enumerate(measure.follow_up.indicators):
                yield IndicatorAt(indicator, measure, area, (*loc, "follow_up", "indicators", i))


def iter_causes(plan: Plan) -> Iterator[CauseAt]:
    for area, _, loc in iter_areas(plan):
        if area.cause_analysis is not None:
            for c, cause in enumerate(area.cause_analysis.causes):
                yield CauseAt(cause, area, (*loc, "cause_analysis", "causes", c))


class ProblemAt(NamedTuple):
    problem: Problem
    loc: Loc


class TextAt(NamedTuple):
    """A text a person wrote: a description, a goal, a comment."""

    text: str
    loc: Loc


def iter_problems(plan: Plan) -> Iterator[ProblemAt]:
    """The problems of the lägesbild held in the plan (a lägesbild file's are read with it)."""
    if plan.lagesbild is not None:
        for p, problem in enumerate(plan.lagesbild.problems):
            yield ProblemAt(problem, ("lagesbild", "problems", p))


class NotedTexts(NamedTuple):
    """An element's footnotes and the texts whose ``[^k]`` markers point at them."""

    notes: list[str]
    #: (field path below the element, text) for each text the document resolves markers in
    texts: tuple[tuple[Loc, str | None], ...]
    loc: Loc


def area_noted(area: FocusArea, loc: Loc) -> NotedTexts:
    cause_text = area.cause_analysis.text if area.cause_analysis else None
    texts = ((("description",), area.description), (("cause_analysis", "text"), cause_text), (("measures_intro",), area.measures_intro))
    return NotedTexts(area.notes, texts, loc)


def measure_noted(measure: Measure, loc: Loc) -> NotedTexts:
    texts = ((("title",), measure.title), (("description",), measure.description), *((("goals", n), g) for n, g in enumerate(measure.goals)))
    return NotedTexts(measure.notes, texts, loc)


def chapter_noted(plan: Plan) -> NotedTexts:
    return NotedTexts(plan.notes, tuple((("introduction", n, "text"), s.text) for n, s in enumerate(plan.introduction)), ())


def iter_noted(plan: Plan) -> Iterator[NotedTexts]:
    """Every element with footnotes, and the texts the document resolves their markers in."""
    yield chapter_noted(plan)
    for area, _, loc in iter_areas(plan):
        yield area_noted(area, loc)
    for measure, _, loc in iter_measures(plan):
        yield measure_noted(measure, loc)


def owner_ids(plan: Plan) -> dict[str, str]:
    """Each name an owner may be written with (its id or an alias) and the organisation's id."""
    ids = {org.id: org.id for org in plan.organisations}
    for org in plan.organisations:
        for alias in org.aliases:
            ids.setdefault(alias, org.id)
    return ids


#: Keys whose strings are names for the machine, not text people wrote.
_NOT_TEXT = frozenset(("id", "rule", "file", "url", "format_version", "kind"))


def iter_texts(document: BaseModel) -> Iterator[TextAt]:
    """Every text field anywhere in the document, for checks on what people wrote."""
    found: list[TextAt] = []
    _texts(document, (), found)
    return iter(found)


def _texts(node: object, loc: Loc, found: list[TextAt]) -> None:
    # One list filled by plain recursion: a generator per node cost more than the checks.
    if isinstance(node, str):
        if loc and loc[-1] not in _NOT_TEXT:
            found.append(TextAt(node, loc))
    elif isinstance(node, BaseModel):
        for name in _field_names(type(node)):
            value = getattr(node, name)
            if value is not None and not isinstance(value, (bool, int, float)):
                _texts(value, (*loc, name), found)
    elif isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            _texts(item, (*loc, index), found)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(model)
    if names is None:
        names = _FIELD_NAMES[model] = tuple(model.model_fields)
    return names


def iter_silences(document: BaseModel) -> Iterator[SilenceAt]:
    """Every ``silence:`` entry anywhere in the document, whatever element holds it."""
    yield from _silences(document, ())


def _silences(node: object, loc: Loc) -> Iterator[SilenceAt]:
    if isinstance(node, BaseModel):
        silences = getattr(node, "silence", None)
        if isinstance(silences, list):
            for number, silence in enumerate(silences):
                if isinstance(silence, Silence):
                    yield SilenceAt(silence, loc, number)
        for name in _field_names(type(node)):
            if name != "silence":
                value = getattr(node, name)
                if isinstance(value, (BaseModel, list, tuple)):
                    yield from _silences(value, (*loc, name))
    elif isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            yield from _silences(item, (*loc, index))
