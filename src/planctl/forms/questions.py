"""Who is asked about what: the plan's measures and indicators, split into one form per owner.

A measure goes to the organisation that leads it; a measure without a lead goes to each of its
owners, marked so, and the coordinator puts the answers together. Ended measures and measures
added after the follow-up's date are not asked about. An owner is asked about the indicators of
its measures, shared ones (``follow_up.indicator_refs``) included; the coordinator's form holds
every measure and indicator, the plan's own indicators too. Everything is decided here, as plain
data; :mod:`planctl.forms.workbook` only lays it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from planctl.forms.layout import COORDINATOR
from planctl.model import FollowUp, Indicator, Measure, Plan, date_bounds, iter_indicators, iter_measures
from planctl.words import and_list, baseline_text, number_text, target_text, timing_text, unit_text


@dataclass(frozen=True)
class MeasureRow:
    id: str
    area: str
    title: str
    timing: str
    goals: str
    responsible: str
    previous_status: str
    previous_comment: str


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    name: str
    follows: str
    unit: str
    baseline: str
    target: str
    previous: str
    #: the values the unit allows, for the cell's validation
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Form:
    """One workbook: what one owner (or the coordinator) is asked at one follow-up."""

    plan_id: str
    plan_title: str
    municipality: str
    #: the plan file's name without .yaml, which the workbook's file name starts with
    plan_stem: str
    #: an organisation's id, or :data:`COORDINATOR`
    owner: str
    owner_name: str
    day: date
    #: where the workbook goes back: the plan's follow-up forum, or the coordinator
    send_to: str
    allow_light: bool
    #: the date of the latest follow-up before this one, whose status and values are shown
    previous_day: date | None
    measures: tuple[MeasureRow, ...]
    indicators: tuple[IndicatorRow, ...]
    file_name: str

    @property
    def is_coordinator(self) -> bool:
        return self.owner == COORDINATOR


def asked(measure: Measure, day: date) -> bool:
    """Whether a follow-up on ``day`` asks about the measure: not ended by then, not added after."""
    if measure.ended is not None and date_bounds(measure.ended.date)[0] <= day:
        return False
    return measure.added is None or date_bounds(measure.added)[0] <= day


def build_forms(plan: Plan, follow_ups: Sequence[FollowUp], plan_stem: str, day: date) -> list[Form]:
    """The coordinator's form first, then one per owner in the order the plan lists organisations."""
    canonical = {org.id: org.id for org in plan.organisations}
    for org in plan.organisations:
        for alias in org.aliases:
            canonical.setdefault(alias, org.id)
    names = {org.id: org.name for org in plan.organisations}
    earlier = sorted((f for f in follow_ups if f.date < day), key=lambda f: f.date)
    latest = earlier[-1] if earlier else None
    by_id = {at.indicator.id: at for at in iter_indicators(plan)}
    followers: dict[str, list[str]] = {}
    for measure, _, _ in iter_measures(plan):
        if measure.follow_up is not None:
            for indicator in measure.follow_up.indicators:
                followers.setdefault(indicator.id, []).append(measure.id)
            for ref in measure.follow_up.indicator_refs:
                followers.setdefault(ref, []).append(measure.id)

    rows: list[tuple[Measure, MeasureRow, list[str]]] = []
    for measure, area, _ in iter_measures(plan):
        if not asked(measure, day):
            continue
        lead = canonical.get(measure.lead, measure.lead) if measure.lead else None
        owners = list(dict.fromkeys(canonical.get(o, o) for o in measure.owners))
        recipients = [lead] if lead else owners
        row = MeasureRow(
            id=measure.id,
            area=area.title,
            title=measure.title,
            timing=timing_text(measure.timing) or "",
            goals="\n".join(measure.goals),
            responsible=_responsible(lead, owners),
            previous_status="",
            previous_comment="",
        )
        if latest is not None:
            report = next((r for r in latest.measures if r.measure == measure.id), None)
            if report is not None:
                row = _with_previous(row, report.status.value, report.comment or "")
        rows.append((measure, row, recipients))

    def indicator_rows(measures: Sequence[Measure], plan_level: bool) -> tuple[IndicatorRow, ...]:
        wanted: set[str] = {at.indicator.id for at in by_id.values() if plan_level and at.measure is None}
        for measure in measures:
            if measure.follow_up is not None:
                wanted.update(i.id for i in measure.follow_up.indicators)
                wanted.update(ref for ref in measure.follow_up.indicator_refs if ref in by_id)
        return tuple(
            _indicator_row(at.indicator, followers.get(ident, []), earlier)
            for ident, at in by_id.items()
            if ident in wanted
        )

    send_to = plan.follow_up.forum if plan.follow_up and plan.follow_up.forum else "samordnaren"
    allow_light = plan.follow_up is None or plan.follow_up.allow_light_override

    def form(owner: str, owner_name: str, measures: Sequence[tuple[Measure, MeasureRow]], file_name: str) -> Form:
        return Form(
            plan_id=plan.id,
            plan_title=plan.title,
            municipality=plan.municipality,
            plan_stem=plan_stem,
            owner=owner,
            owner_name=owner_name,
            day=day,
            send_to=send_to,
            allow_light=allow_light,
            previous_day=latest.date if latest else None,
            measures=tuple(row for _, row in measures),
            indicators=indicator_rows([m for m, _ in measures], plan_level=owner == COORDINATOR),
            file_name=file_name,
        )

    everything = [(m, row) for m, row, _ in rows]
    forms = [
        form(
            COORDINATOR, "Samordnaren: samtliga åtgärder och indikatorer", everything, f"{plan_stem}-{COORDINATOR}.xlsx"
        )
    ]
    order = list(dict.fromkeys([*names, *(r for _, _, recipients in rows for r in recipients)]))
    taken = {forms[0].file_name.casefold()}
    for owner in order:
        mine = [(m, row) for m, row, recipients in rows if owner in recipients]
        if mine:
            forms.append(form(owner, names.get(owner, owner), mine, _file_name(plan_stem, owner, taken)))
    return forms


def _file_name(stem: str, owner: str, taken: set[str]) -> str:
    """``<plan stem>-<owner>.xlsx``; an owner whose id is the coordinator's (or another's on a
    file system that ignores case) gets ``-org-`` before its id."""
    name = f"{stem}-{owner}.xlsx"
    number = 1
    while name.casefold() in taken:
        name = f"{stem}-org-{owner}{'' if number == 1 else f'-{number}'}.xlsx"
        number += 1
    taken.add(name.casefold())
    return name


def _responsible(lead: str | None, owners: Sequence[str]) -> str:
    if lead:
        others = [o for o in owners if o != lead]
        return f"{lead} leder" + (f" (medverkar: {and_list(others)})" if others else "")
    if not owners:
        return "Ingen ansvarig angiven; samordnaren svarar"
    if len(owners) == 1:
        return owners[0]
    return f"Ingen ansvarig angiven; går till {and_list(owners)}"


def _with_previous(row: MeasureRow, status: str, comment: str) -> MeasureRow:
    return MeasureRow(row.id, row.area, row.title, row.timing, row.goals, row.responsible, status, comment)


def _indicator_row(indicator: Indicator, measures: Sequence[str], earlier: Sequence[FollowUp]) -> IndicatorRow:
    previous = [
        f"{number_text(m.value, indicator.unit)} ({m.period})"
        for follow_up in earlier
        for report in follow_up.indicators
        if report.indicator == indicator.id
        for m in report.values
    ]
    low, high = indicator.bounds()
    return IndicatorRow(
        id=indicator.id,
        name=indicator.name,
        follows=and_list(measures) if measures else "hela planen",
        unit=unit_text(indicator) or (indicator.unit.value if indicator.unit else ""),
        baseline=baseline_text(indicator) or "",
        target=target_text(indicator) or "",
        previous="; ".join(previous),
        low=low,
        high=high,
    )
