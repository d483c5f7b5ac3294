"""The follow-up report: what a plan's follow-ups say, as data the templates can show.

Everything here is computed from the plan and its follow-up files alone, so the same files
always give the same report. Lights are Brå's (grön = enligt plan, gul = avvikelse, röd =
allvarlig avvikelse eller inte genomförd), judged from each measure's status and its time on
the day of the follow-up; targets are judged on the day their value was reported; the
development of a series over the whole series.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from planctl.model import (
    Direction,
    FollowUp,
    Indicator,
    Light,
    Measure,
    MeasureReport,
    Plan,
    PlanKind,
    Status,
    TargetState,
    Trend,
    add_months,
    date_bounds,
    iter_indicators,
    iter_measures,
)
from planctl.model.cadence import MAX_MONTHS, decision_day, lagesbild_due, lagesbild_newest, law_due, next_due
from planctl.model.lights import TABLE, Phase
from planctl.model.lights import light as light_of
from planctl.model.walk import owner_ids
from planctl.publish.charts import Chart, chart
from planctl.words import (
    baseline_text,
    clause,
    date_text,
    due_basis_text,
    ended_text,
    number_text,
    period_text,
    since_text,
    target_state_text,
    target_text,
    trend_text,
    update_text,
)

#: The CSS class each light is drawn with; the words are the light's own (grön, gul, röd).
LIGHT_CLASS = {Light.GRON: "ljus-grön", Light.GUL: "ljus-gul", Light.ROD: "ljus-röd"}
#: The CSS class of a development that is good or bad news.
TREND_CLASS = {Trend.GOOD: "riktning-rätt", Trend.BAD: "riktning-fel"}
#: Below this share of the series' range a slope is no change at all.
_FLAT = 1e-9


class StatusCell(NamedTuple):
    """One measure at one follow-up."""

    status: Status | None
    light: Light | None
    comment: str | None
    #: the follow-up set the light by hand, with this reason
    light_reason: str | None = None
    #: the measure was not part of the plan at this follow-up (added later, or ended before)
    outside: str | None = None

    @property
    def light_class(self) -> str:
        return LIGHT_CLASS[self.light] if self.light is not None else "ljus-ingen"


def status_cell(report: MeasureReport | None, measure: Measure, follow_up: FollowUp, plan: Plan) -> StatusCell:
    if report is None:
        outside = None
        if measure.added is not None and date_bounds(measure.added)[0] > follow_up.date:
            outside = f"tillagd {date_text(measure.added)}"
        elif measure.ended is not None and date_bounds(measure.ended.date)[1] < follow_up.date:
            outside = ended_text(measure.ended)
        return StatusCell(None, None, None, outside=outside)
    return StatusCell(
        report.status, light_of(report, measure, follow_up.date, plan.period), report.comment, report.light_reason if report.light else None
    )


class MeasureStatus(NamedTuple):
    id: str
    title: str
    area: str
    owners: tuple[str, ...]
    lead: str | None
    latest: StatusCell
    #: one cell per follow-up, oldest first
    history: tuple[StatusCell, ...]
    money_sek: float | None
    hours: float | None
    #: the measure ended in a revision, in words (it then counts under no light)
    ended: str | None = None


class LightCount(NamedTuple):
    """How many measures of a group stand at each light in the latest follow-up."""

    label: str
    green: int
    yellow: int
    red: int
    missing: int

    @property
    def total(self) -> int:
        return self.green + self.yellow + self.red + self.missing


class Value(NamedTuple):
    period: str
    value_text: str
    source: str | None
    reported: date
    note: str | None = None


class IndicatorView(NamedTuple):
    id: str
    name: str
    #: the measures the indicator follows up; empty for an indicator of the whole plan
    measure: str | None
    area: str
    unit: str | None
    direction: str | None
    baseline: str | None
    target: str | None
    values: tuple[Value, ...]
    trend: Trend
    on_target: TargetState | None
    chart: Chart | None
    #: what the follow-ups commented on the indicator, oldest first, with their dates
    comments: tuple[tuple[date, str], ...] = ()
    source: str | None = None

    @property
    def trend_text(self) -> str:
        return trend_text(self.trend)

    @property
    def trend_class(self) -> str:
        return TREND_CLASS.get(self.trend, "")

    @property
    def on_target_text(self) -> str | None:
        return target_state_text(self.on_target) if self.on_target is not None else None

    @property
    def off_track(self) -> bool:
        """Whether the indicator is actually off track: its series goes the wrong way, or its
        target's date has passed unreached (not merely "not yet")."""
        return self.trend is Trend.BAD or self.on_target is TargetState.MISSED


class OccasionView(NamedTuple):
    date: date
    reported_by: str
    summary: str | None
    example_data: bool
    lagesbild_update: str | None
    notes: tuple[str, ...]


class FollowUpReport(NamedTuple):
    municipality: str
    title: str
    period: str
    source_name: str
    example_data: bool
    occasions: tuple[OccasionView, ...]
    measures: tuple[MeasureStatus, ...]
    by_area: tuple[LightCount, ...]
    by_owner: tuple[LightCount, ...]
    totals: LightCount
    indicators: tuple[IndicatorView, ...]
    next_due: date
    next_due_from: str
    money_sek: float
    hours: float
    #: what sets the next follow-up's date: "6 §" or the plan's own promise
    next_due_basis: str = "6 §"
    #: the law's own date, where the plan's promise sets an earlier one
    law_due: date | None = None
    #: whether Lag (2023:196) applies, and with it the 6 § cadence; a handlingsplan has its own
    under_the_law: bool = True
    cycle: tuple[str, ...] = ()
    in_depth: tuple[int, ...] = ()
    max_months: int = MAX_MONTHS
    #: when the work is next reported to kommunfullmäktige, and to whom, where the plan says so
    council_due: date | None = None
    council: str | None = None
    #: the lägesbild: when it was last completed or updated, and when it is next due (6 §)
    lagesbild_title: str | None = None
    lagesbild_newest: date | None = None
    lagesbild_due: date | None = None

    @property
    def latest(self) -> OccasionView | None:
        return self.occasions[-1] if self.occasions else None

    @property
    def measure_groups(self) -> tuple[tuple[str, tuple[MeasureStatus, ...]], ...]:
        """The measures under their focus areas, in the plan's order: the status table's row groups."""
        groups: dict[str, list[MeasureStatus]] = {}
        for measure in self.measures:
            groups.setdefault(measure.area, []).append(measure)
        return tuple((area, tuple(measures)) for area, measures in groups.items())

    @property
    def earlier(self) -> tuple[OccasionView, ...]:
        """The follow-ups before the latest, newest first."""
        return tuple(reversed(self.occasions[:-1]))

    @property
    def light_phases(self) -> tuple[str, ...]:
        """The columns of the light table: where the follow-up's day falls in the measure's time."""
        return tuple(phase.value for phase in Phase)

    @property
    def light_rules(self) -> tuple[tuple[str, tuple[StatusCell, ...]], ...]:
        """Brå's lights as planctl judges them (``model.lights.TABLE``): one row per status."""
        return tuple(
            (status.value, tuple(StatusCell(status, lights[phase], None) for phase in Phase))
            for status, lights in TABLE.items()
        )


def build_report(plan: Plan, follow_ups: Sequence[FollowUp], source_name: str) -> FollowUpReport:
    """The report over all follow-ups of ``plan``, the latest one first in importance."""
    ordered = sorted(follow_ups, key=lambda f: f.date)
    measures = tuple(_measure_rows(plan, ordered))
    due = next_due(plan, ordered)
    law = law_due(plan, ordered)
    council_due, council = _council(plan, ordered)
    counted = [m for m in measures if m.ended is None or m.latest.status is not None]
    names = owner_ids(plan)  # an alias (RTJ) counts for the organisation it names
    return FollowUpReport(
        municipality=plan.municipality,
        title=plan.title,
        period=period_text(plan.period),
        source_name=source_name,
        example_data=plan.example_data or any(f.example_data for f in ordered),
        occasions=tuple(
            OccasionView(f.date, f.reported_by, f.summary, f.example_data, _lagesbild_update(f), tuple(f.notes))
            for f in ordered
        ),
        measures=measures,
        by_area=_tallies(counted, lambda m: (m.area,)),
        by_owner=_tallies(
            counted, lambda m: list(dict.fromkeys(names.get(o, o) for o in m.owners)), order=[o.id for o in plan.organisations]
        ),
        totals=_tally("Samtliga åtgärder", counted),
        indicators=tuple(_indicators(plan, ordered)),
        next_due=due.day,
        next_due_from=since_text(due.start),
        money_sek=sum(m.money_sek or 0 for m in measures),
        hours=sum(m.hours or 0 for m in measures),
        next_due_basis=due_basis_text(due),
        law_due=law.day if law.day != due.day else None,
        under_the_law=plan.kind is PlanKind.ATGARDSPLAN,
        cycle=tuple(plan.follow_up.cycle) if plan.follow_up else (),
        in_depth=tuple(plan.follow_up.in_depth) if plan.follow_up else (),
        council_due=council_due,
        council=council,
        lagesbild_title=plan.lagesbild.title if plan.lagesbild else None,
        lagesbild_newest=lagesbild_newest(plan, ordered, date.max),
        lagesbild_due=lagesbild_due(plan, ordered, date.max),
    )


def _lagesbild_update(follow_up: FollowUp) -> str | None:
    update = follow_up.lagesbild_update
    if update is not None:
        return f"uppdaterad {update_text(update)}"
    if follow_up.lagesbild_updated is not None:  # format 1's yes or no
        return "uppdaterad, enligt uppföljningen (utan datum och diarienummer)" if follow_up.lagesbild_updated else "inte uppdaterad"
    return None


def _council(plan: Plan, ordered: Sequence[FollowUp]) -> tuple[date | None, str | None]:
    """When the work is next reported to kommunfullmäktige: its interval after the last report
    (or the decision), where the plan gives one."""
    reporting = plan.reporting
    if reporting is None or reporting.interval_months is None:
        return None, reporting.to if reporting else None
    reported = [f.reported_to_council for f in ordered if f.reported_to_council is not None]
    start = max(reported) if reported else decision_day(plan)
    if start is None:
        return None, reporting.to
    return add_months(start, reporting.interval_months), reporting.to


def _measure_rows(plan: Plan, ordered: Sequence[FollowUp]) -> list[MeasureStatus]:
    reports = [{r.measure: r for r in f.measures} for f in ordered]
    rows = []
    for measure, area, _ in iter_measures(plan):
        history = tuple(
            status_cell(by_id.get(measure.id), measure, follow_up, plan)
            for follow_up, by_id in zip(ordered, reports, strict=True)
        )
        latest = next((cell for cell in reversed(history) if cell.status is not None), StatusCell(None, None, None))
        if history and history[-1].status is None and history[-1].outside is not None:
            latest = history[-1]  # ended (or not yet added) at the latest follow-up: no current light
        costs = [by_id[measure.id].cost for by_id in reports if measure.id in by_id]
        money = [c.money_sek for c in costs if c and c.money_sek is not None]
        hours = [c.hours for c in costs if c and c.hours is not None]
        ended = measure.ended
        rows.append(
            MeasureStatus(
                id=measure.id,
                title=measure.title,
                area=area.title,
                owners=tuple(measure.owners),
                lead=measure.lead,
                latest=latest,
                history=history,
                money_sek=sum(money) if money else None,
                hours=sum(hours) if hours else None,
                ended=f"{ended_text(ended)[:1].upper()}{ended_text(ended)[1:]}: {ended.reason}" if ended else None,
            )
        )
    return rows


def _tally(label: str, rows: Sequence[MeasureStatus]) -> LightCount:
    lights = [row.latest.light for row in rows]
    return LightCount(
        label, lights.count(Light.GRON), lights.count(Light.GUL), lights.count(Light.ROD), lights.count(None)
    )


def _tallies(
    rows: Sequence[MeasureStatus], keys: Callable[[MeasureStatus], Sequence[str]], order: Sequence[str] = ()
) -> tuple[LightCount, ...]:
    groups: dict[str, list[MeasureStatus]] = {key: [] for key in order}
    for row in rows:
        for key in keys(row):
            groups.setdefault(key, []).append(row)
    return tuple(_tally(key, members) for key, members in groups.items() if members)


def _indicators(plan: Plan, ordered: Sequence[FollowUp]) -> list[IndicatorView]:
    users: dict[str, list[str]] = {}
    for measure, _, _ in iter_measures(plan):
        for ref in measure.follow_up.indicator_refs if measure.follow_up else ():
            users.setdefault(ref, []).append(measure.title)
    views = []
    for at in iter_indicators(plan):
        titles = [clause(at.measure.title)] if at.measure else []
        titles += [clause(title) for title in users.get(at.indicator.id, [])]
        views.append(
            _indicator_view(at.area.title if at.area else "Hela planen", "; ".join(titles) or None, at.indicator, ordered)
        )
    return views


def _indicator_view(area: str, measure: str | None, indicator: Indicator, ordered: Sequence[FollowUp]) -> IndicatorView:
    values = [
        (measurement, follow_up.date)
        for follow_up in ordered
        for report in follow_up.indicators
        if report.indicator == indicator.id
        for measurement in report.values
    ]
    comments = tuple(
        (follow_up.date, report.comment)
        for follow_up in ordered
        for report in follow_up.indicators
        if report.indicator == indicator.id and report.comment
    )
    unit = indicator.unit
    numbers = [m.value for m, _ in values]
    judged_on = values[-1][1] if values else None
    return IndicatorView(
        id=indicator.id,
        name=indicator.name,
        measure=measure,
        area=area,
        unit=unit.value if unit else None,
        direction=indicator.direction.value if indicator.direction else None,
        baseline=baseline_text(indicator),
        target=target_text(indicator),
        values=tuple(Value(m.period, number_text(m.value, unit), m.source, reported, m.note) for m, reported in values),
        trend=trend_of(indicator, numbers),
        on_target=target_state(indicator, numbers, judged_on),
        chart=chart(indicator, [(m.period, m.value) for m, _ in values]) if values and unit else None,
        comments=comments,
        source=indicator.source,
    )


def trend_of(indicator: Indicator, values: Sequence[float]) -> Trend:
    """How the whole series has moved (baseline included): the sign of its least-squares slope,
    so one good or bad year does not decide it."""
    series = ([indicator.baseline.value] if indicator.baseline else []) + list(values)
    if not values:
        return Trend.NO_VALUES
    if len(series) < 2:
        return Trend.TOO_FEW
    count = len(series)
    mean_x = (count - 1) / 2
    mean_y = sum(series) / count
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(series)) / sum((x - mean_x) ** 2 for x in range(count))
    spread = max(series) - min(series)
    if spread == 0 or abs(slope) <= _FLAT * max(1.0, abs(mean_y)):
        return Trend.UNCHANGED
    if indicator.direction is None:
        return Trend.UP if slope > 0 else Trend.DOWN
    if indicator.direction is Direction.BIBEHALLA:
        return Trend.MOVED
    good = (slope > 0) == (indicator.direction is Direction.OKA)
    return Trend.GOOD if good else Trend.BAD


def target_state(indicator: Indicator, values: Sequence[float], judged_on: date | None) -> TargetState | None:
    """The latest value against the target, on the day it was reported: reached, not yet due,
    missed (the target's date has passed), or not yet (a target without a date)."""
    if indicator.target is None or not values or judged_on is None:
        return None
    latest, goal = values[-1], indicator.target.value
    if indicator.direction is Direction.MINSKA:
        reached = latest <= goal
    elif indicator.direction is Direction.OKA:
        reached = latest >= goal
    else:
        reached = latest == goal
    if reached:
        return TargetState.REACHED
    if indicator.target.by is None:
        return TargetState.NOT_YET
    return TargetState.MISSED if judged_on > date_bounds(indicator.target.by)[1] else TargetState.NOT_DUE
