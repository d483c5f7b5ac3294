"""Checks across a whole plan: references, the law's demands and Brå's good practice.

Each check yields a :class:`Issue` with a rule code and the location in the
document as a tuple (``("focus_areas", 0, "measures", 1)``); ``validate.py``
turns locations into lines and applies the plan's silences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from planctl.findings import path_text, short_line
from planctl.model import AreaTrack, FocusArea, Measure, Plan, PlanKind
from planctl.rules import RULES, applies
from planctl.suggest import Names, suggest

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    code: str
    loc: Loc
    message: str


def date_bounds(value: str) -> tuple[date, date]:
    """The first and last day a partial date (``2024``, ``2024-06``, ``2024-06-15``) can mean."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
        return date(year, month, 1), date.fromordinal(last)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def check_plan(plan: Plan) -> list[Issue]:
    """Every cross-plan issue of ``plan``, in document order."""
    kind = plan.kind.value
    return [issue for issue in _all_issues(plan) if applies(RULES[issue.code], kind)]


def _all_issues(plan: Plan) -> Iterator[Issue]:
    yield from _duplicate_ids(plan)
    yield from _plan_level(plan)
    organisations = Names(org.id for org in plan.organisations)
    areas = Names(area.id for area in plan.focus_areas)
    causes = Names(cause.id for area in plan.focus_areas if area.cause_analysis for cause in area.cause_analysis.causes)
    for a, area in enumerate(plan.focus_areas):
        yield from _area(plan, area, ("focus_areas", a))
        for m, measure in enumerate(area.measures):
            loc: Loc = ("focus_areas", a, "measures", m)
            yield from _measure(plan, area, measure, loc)
            yield from _references(measure, loc, organisations, areas, causes)


def _duplicate_ids(plan: Plan) -> Iterator[Issue]:
    groups: dict[str, list[tuple[str, Loc]]] = {
        "organisation": [],
        "fokusområde": [],
        "orsak": [],
        "åtgärd": [],
        "indikator": [],
    }
    for o, org in enumerate(plan.organisations):
        groups["organisation"].append((org.id, ("organisations", o, "id")))
    for i, indicator in enumerate(plan.indicators):
        groups["indikator"].append((indicator.id, ("indicators", i, "id")))
    for a, area in enumerate(plan.focus_areas):
        groups["fokusområde"].append((area.id, ("focus_areas", a, "id")))
        if area.cause_analysis:
            for c, cause in enumerate(area.cause_analysis.causes):
                groups["orsak"].append((cause.id, ("focus_areas", a, "cause_analysis", "causes", c, "id")))
        for m, measure in enumerate(area.measures):
            groups["åtgärd"].append((measure.id, ("focus_areas", a, "measures", m, "id")))
            if measure.follow_up:
                for i, indicator in enumerate(measure.follow_up.indicators):
                    groups["indikator"].append(
                        (indicator.id, ("focus_areas", a, "measures", m, "follow_up", "indicators", i, "id"))
                    )
    for what, entries in groups.items():
        first: dict[str, Loc] = {}
        for ident, loc in entries:
            if ident in first:
                yield Issue("S104", loc, f"id '{ident}' används redan för en annan {what} ({path_text(first[ident])})")
            else:
                first[ident] = loc


def _plan_level(plan: Plan) -> Iterator[Issue]:
    if plan.period.end is not None and plan.period.end < plan.period.start:
        yield Issue(
            "S107", ("period",), f"planperioden slutar {plan.period.end}, före sitt startår {plan.period.start}"
        )
    if plan.kind is not PlanKind.ATGARDSPLAN:
        return
    decided = plan.decision.date if plan.decision else None
    if plan.lagesbild is None:
        yield Issue(
            "L301",
            (),
            "planen anger inte vilken lägesbild den bygger på (lagesbild:); 5 § kräver lägesbilden som underlag",
        )
    elif plan.lagesbild.completed and decided and date_bounds(plan.lagesbild.completed)[0] > date_bounds(decided)[1]:
        yield Issue(
            "L302",
            ("lagesbild", "completed"),
            f"lägesbilden färdigställdes {plan.lagesbild.completed}, efter beslutet om planen {decided}; planen ska bygga på lägesbilden",
        )
    if decided is None:
        yield Issue(
            "L303",
            ("decision",) if plan.decision else (),
            "planen anger inget beslutsdatum (decision.date); uppföljningskravet i 6 § räknas från beslutet",
        )
    if (
        plan.document_date
        and plan.lagesbild
        and plan.lagesbild.completed
        and date_bounds(plan.document_date)[1] < date_bounds(plan.lagesbild.completed)[0]
    ):
        yield Issue(
            "L304",
            ("document_date",),
            f"dokumentet är daterat {plan.document_date}, före lägesbilden ({plan.lagesbild.completed}) som planen bygger på",
        )
    if plan.follow_up is None:
        yield Issue(
            "L306", (), "planen säger inte hur den följs upp (follow_up:); 6 § kräver uppföljning minst vartannat år"
        )
    elif plan.follow_up.interval_months is None:
        yield Issue(
            "L306",
            ("follow_up",),
            "planen anger inte hur ofta den följs upp (follow_up.interval_months); 6 § kräver minst vartannat år",
        )
    elif plan.follow_up.interval_months > 24:
        yield Issue(
            "L305",
            ("follow_up", "interval_months"),
            f"uppföljning var {plan.follow_up.interval_months}:e månad; 6 § kräver minst vartannat år (högst 24 månader)",
        )


def _area(plan: Plan, area: FocusArea, loc: Loc) -> Iterator[Issue]:
    if not area.measures:
        yield Issue("G401", loc, f"fokusområdet '{area.title}' har inga åtgärder")
    if area.track is AreaTrack.PRIORITERAT and area.cause_analysis is None:
        yield Issue("G402", loc, f"fokusområdet '{area.title}' saknar orsaksanalys (cause_analysis)")


def _measure(plan: Plan, area: FocusArea, measure: Measure, loc: Loc) -> Iterator[Issue]:
    prioritised = area.track is AreaTrack.PRIORITERAT
    name = f"åtgärden '{short_line(measure.title)}'"
    if not measure.owners:
        yield Issue("G404", loc, f"{name} har ingen ägare (owners)")
    follow = measure.follow_up
    if follow is None or not (follow.indicators or follow.forum or follow.text):
        yield Issue("G407", loc, f"{name} saknar uppföljning (follow_up)")
    if not prioritised:
        return
    if not measure.goals:
        yield Issue("G403", loc, f"{name} saknar mål (goals)")
    if measure.timing is None:
        yield Issue("G405", loc, f"{name} saknar tidsangivelse (När)")
    else:
        first = measure.timing.start
        last = measure.timing.end if measure.timing.end is not None else first
        period_end = plan.period.end if plan.period.end is not None else plan.period.start
        if first < plan.period.start or last > period_end:
            span = f"{first}" if first == last else f"{first}–{last}"
            yield Issue(
                "G406",
                (*loc, "timing"),
                f"{name} ligger {span}, utanför planperioden {plan.period.start}–{period_end}",
            )
    if follow is not None and not follow.indicators and (follow.forum or follow.text):
        how = follow.text or f"genom {follow.forum}"
        yield Issue("G408", loc, f"{name} följs bara upp i ord ('{short_line(how)}'), utan mätbar indikator")
    if not measure.addresses:
        yield Issue("G409", loc, f"{name} är inte kopplad till någon orsak i orsaksanalysen (addresses)")
    if measure.lead is None and len(measure.owners) > 1:
        yield Issue("G410", loc, f"{name} har {len(measure.owners)} ägare men ingen utpekad ansvarig (lead)")


def _references(measure: Measure, loc: Loc, organisations: Names, areas: Names, causes: Names) -> Iterator[Issue]:
    for o, owner in enumerate(measure.owners):
        if owner not in organisations:
            yield Issue(
                "R201",
                (*loc, "owners", o),
                f"ägaren '{owner}' finns inte bland planens organisationer{suggest(owner, organisations)}",
            )
    if measure.lead is not None:
        if measure.lead not in organisations:
            yield Issue(
                "R201",
                (*loc, "lead"),
                f"den ansvariga '{measure.lead}' finns inte bland planens organisationer{suggest(measure.lead, organisations)}",
            )
        elif measure.lead not in measure.owners:
            yield Issue(
                "R204", (*loc, "lead"), f"den ansvariga '{measure.lead}' står inte bland åtgärdens ägare (owners)"
            )
    for i, area in enumerate(measure.also_affects):
        if area not in areas:
            yield Issue(
                "R202", (*loc, "also_affects", i), f"fokusområdet '{area}' finns inte i planen{suggest(area, areas)}"
            )
    for i, cause in enumerate(measure.addresses):
        if cause not in causes:
            yield Issue(
                "R203",
                (*loc, "addresses", i),
                f"orsaken '{cause}' finns inte i någon orsaksanalys{suggest(cause, causes)}",
            )
