"""The follow-up report: what a plan's follow-ups say, as data the templates can show.

Everything here is computed from the plan and its follow-up files alone, so the same
files always give the same report. Whether a follow-up is overdue depends on today's
date and is left to ``planctl validate`` and ``planctl status``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from planctl.model import (
    Direction,
    FollowUp,
    Indicator,
    Light,
    MeasureReport,
    Plan,
    PlanKind,
    Status,
    TargetState,
    Trend,
    iter_indicators,
    iter_measures,
)
from planctl.model.cadence import MAX_MONTHS, next_due
from planctl.publish.charts import Chart, chart
from planctl.words import (
    baseline_text,
    number_text,
    period_text,
    since_text,
    target_state_text,
    target_text,
    trend_text,
)

#: The CSS class each light is drawn with; the words are the light's own (grön, gul, röd).
LIGHT_CLASS = {Light.GRON: "ljus-grön", Light.GUL: "ljus-gul", Light.ROD: "ljus-röd"}
#: The CSS class of a development that is good or bad news.
TREND_CLASS = {Trend.GOOD: "riktning-rätt", Trend.BAD: "riktning-fel"}


@dataclass(frozen=True)
class StatusCell:
    """One measure at one follow-up."""

    status: Status | None
    light: Light | None
    comment: str | None

    @classmethod
    def of(cls, report: MeasureReport | None) -> StatusCell:
        if report is None:
            return cls(None, None, None)
        return cls(report.status, report.status.light, report.comment)

    @property
    def light_class(self) -> str:
        return LIGHT_CLASS[self.light] if self.light is not None else "ljus-ingen"


@dataclass(frozen=True)
class MeasureStatus:
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


@dataclass(frozen=True)
class LightCount:
    """How many measures of a group stand at each light in the latest follow-up."""

    label: str
    green: int
    yellow: int
    red: int
    missing: int

    @property
    def total(self) -> int:
        return self.green + self.yellow + self.red + self.missing


@dataclass(frozen=True)
class Value:
    period: str
    value_text: str
    source: str | None
    reported: date


@dataclass(frozen=True)
class IndicatorView:
    id: str
    name: str
    #: the measure the indicator follows up; None for an indicator of the whole plan
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
        """Whether the indicator is going the wrong way or has not reached its target."""
        return self.trend is Trend.BAD or self.on_target is TargetState.NOT_YET


@dataclass(frozen=True)
class OccasionView:
    date: date
    reported_by: str
    summary: str | None
    example_data: bool
    lagesbild_updated: bool | None
    notes: tuple[str, ...]


@dataclass(frozen=True)
class FollowUpReport:
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
    #: whether Lag (2023:196) applies, and with it the 6 § cadence; a handlingsplan has its own
    under_the_law: bool = True
    #: a handlingsplan's own follow-up rhythm, in its words, and its in-depth follow-up years
    cycle: tuple[str, ...] = ()
    in_depth: tuple[int, ...] = ()
    max_months: int = MAX_MONTHS

    @property
    def latest(self) -> OccasionView | None:
        return self.occasions[-1] if self.occasions else None


def build_report(plan: Plan, follow_ups: Sequence[FollowUp], source_name: str) -> FollowUpReport:
    """The report over all follow-ups of ``plan``, the latest one first in importance."""
    ordered = sorted(follow_ups, key=lambda f: f.date)
    measures = tuple(_measure_rows(plan, ordered))
    due = next_due(plan, ordered)
    return FollowUpReport(
        municipality=plan.municipality,
        title=plan.title,
        period=period_text(plan.period),
        source_name=source_name,
        example_data=any(f.example_data for f in ordered),
        occasions=tuple(
            OccasionView(f.date, f.reported_by, f.summary, f.example_data, f.lagesbild_updated, tuple(f.notes))
            for f in ordered
        ),
        measures=measures,
        by_area=_tallies(measures, lambda m: (m.area,)),
        by_owner=_tallies(measures, lambda m: m.owners, order=[o.id for o in plan.organisations]),
        totals=_tally("Samtliga åtgärder", measures),
        indicators=tuple(_indicators(plan, ordered)),
        next_due=due.day,
        next_due_from=since_text(due.start),
        money_sek=sum(m.money_sek or 0 for m in measures),
        hours=sum(m.hours or 0 for m in measures),
        under_the_law=plan.kind is PlanKind.ATGARDSPLAN,
        cycle=tuple(plan.follow_up.cycle) if plan.follow_up else (),
        in_depth=tuple(plan.follow_up.in_depth) if plan.follow_up else (),
    )


def _measure_rows(plan: Plan, ordered: Sequence[FollowUp]) -> list[MeasureStatus]:
    reports = [{r.measure: r for r in f.measures} for f in ordered]
    rows = []
    for measure, area, _ in iter_measures(plan):
        history = tuple(StatusCell.of(by_id.get(measure.id)) for by_id in reports)
        latest = next((by_id[measure.id] for by_id in reversed(reports) if measure.id in by_id), None)
        costs = [by_id[measure.id].cost for by_id in reports if measure.id in by_id]
        money = [c.money_sek for c in costs if c and c.money_sek is not None]
        hours = [c.hours for c in costs if c and c.hours is not None]
        rows.append(
            MeasureStatus(
                id=measure.id,
                title=measure.title,
                area=area.title,
                owners=tuple(measure.owners),
                lead=measure.lead,
                latest=StatusCell.of(latest),
                history=history,
                money_sek=sum(money) if money else None,
                hours=sum(hours) if hours else None,
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
    return [
        _indicator_view(
            at.area.title if at.area else "Hela planen", at.measure.title if at.measure else None, at.indicator, ordered
        )
        for at in iter_indicators(plan)
    ]


def _indicator_view(area: str, measure: str | None, indicator: Indicator, ordered: Sequence[FollowUp]) -> IndicatorView:
    values = [
        (measurement, follow_up.date)
        for follow_up in ordered
        for report in follow_up.indicators
        if report.indicator == indicator.id
        for measurement in report.values
    ]
    unit = indicator.unit
    return IndicatorView(
        id=indicator.id,
        name=indicator.name,
        measure=measure,
        area=area,
        unit=unit.value if unit else None,
        direction=indicator.direction.value if indicator.direction else None,
        baseline=baseline_text(indicator),
        target=target_text(indicator),
        values=tuple(Value(m.period, number_text(m.value, unit), m.source, reported) for m, reported in values),
        trend=_trend(indicator, [m.value for m, _ in values]),
        on_target=_on_target(indicator, [m.value for m, _ in values]),
        chart=chart(indicator, [(m.period, m.value) for m, _ in values]) if values and unit else None,
    )


def _trend(indicator: Indicator, values: Sequence[float]) -> Trend:
    series = ([indicator.baseline.value] if indicator.baseline else []) + list(values)
    if not values:
        return Trend.NO_VALUES
    if len(series) < 2:
        return Trend.TOO_FEW
    change = series[-1] - series[-2]
    if indicator.direction is None:
        return Trend.UP if change > 0 else Trend.DOWN if change < 0 else Trend.UNCHANGED
    if change == 0:
        return Trend.UNCHANGED
    if indicator.direction is Direction.BIBEHALLA:
        return Trend.MOVED
    good = (change > 0) == (indicator.direction is Direction.OKA)
    return Trend.GOOD if good else Trend.BAD


def _on_target(indicator: Indicator, values: Sequence[float]) -> TargetState | None:
    if indicator.target is None or not values:
        return None
    latest, goal = values[-1], indicator.target.value
    if indicator.direction is Direction.MINSKA:
        reached = latest <= goal
    elif indicator.direction is Direction.OKA:
        reached = latest >= goal
    else:
        reached = latest == goal
    return TargetState.REACHED if reached else TargetState.NOT_YET
