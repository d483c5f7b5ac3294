"""The follow-up report: what a plan's follow-ups say, as data the templates can show.

Everything here is computed from the plan and its follow-up files alone, so the same
files always give the same report. Whether a follow-up is overdue depends on today's
date and is left to ``planctl validate`` and ``planctl status``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from planctl.followup import MAX_MONTHS, next_due
from planctl.model import Direction, FollowUp, Indicator, MeasureReport, Plan, PlanKind, Unit, number_text

LIGHTS = ("grön", "gul", "röd")
NO_STATUS = "ingen status"


@dataclass(frozen=True)
class StatusCell:
    """One measure at one follow-up."""

    status: str | None
    light: str | None
    comment: str | None

    @classmethod
    def of(cls, report: MeasureReport | None) -> StatusCell:
        if report is None:
            return cls(None, None, None)
        return cls(report.status.value, report.status.light, report.comment)


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
class Tally:
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
class ChartPoint:
    label: str
    value_text: str
    x: float
    y: float


@dataclass(frozen=True)
class Chart:
    """A small line chart: values over time, with baseline and target as lines."""

    width: int
    height: int
    points: tuple[ChartPoint, ...]
    line: str
    target_y: float | None
    baseline_y: float | None
    y_min_text: str
    y_min: float
    y_max: float


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
    trend: str
    on_target: str | None
    chart: Chart | None


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
    by_area: tuple[Tally, ...]
    by_owner: tuple[Tally, ...]
    totals: Tally
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
    period = f"{plan.period.start}–{plan.period.end}" if plan.period.end else str(plan.period.start)
    due, due_from = next_due(plan, ordered)
    return FollowUpReport(
        municipality=plan.municipality,
        title=plan.title,
        period=period,
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
        next_due=due,
        next_due_from=due_from,
        money_sek=sum(m.money_sek or 0 for m in measures),
        hours=sum(m.hours or 0 for m in measures),
        under_the_law=plan.kind is PlanKind.ATGARDSPLAN,
        cycle=tuple(plan.follow_up.cycle) if plan.follow_up else (),
        in_depth=tuple(plan.follow_up.in_depth) if plan.follow_up else (),
    )


def _measure_rows(plan: Plan, ordered: Sequence[FollowUp]) -> list[MeasureStatus]:
    reports = [{r.measure: r for r in f.measures} for f in ordered]
    rows = []
    for area in plan.focus_areas:
        for measure in area.measures:
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


def _tally(label: str, rows: Sequence[MeasureStatus]) -> Tally:
    lights = [row.latest.light for row in rows]
    return Tally(label, lights.count("grön"), lights.count("gul"), lights.count("röd"), lights.count(None))


def _tallies(
    rows: Sequence[MeasureStatus], keys: Callable[[MeasureStatus], Sequence[str]], order: Sequence[str] = ()
) -> tuple[Tally, ...]:
    groups: dict[str, list[MeasureStatus]] = {key: [] for key in order}
    for row in rows:
        for key in keys(row):
            groups.setdefault(key, []).append(row)
    return tuple(_tally(key, members) for key, members in groups.items() if members)


def _indicators(plan: Plan, ordered: Sequence[FollowUp]) -> list[IndicatorView]:
    views = [_indicator_view("Hela planen", None, indicator, ordered) for indicator in plan.indicators]
    for area in plan.focus_areas:
        for measure in area.measures:
            for indicator in measure.follow_up.indicators if measure.follow_up else ():
                views.append(_indicator_view(area.title, measure.title, indicator, ordered))
    return views


def _indicator_view(area: str, measure: str | None, indicator: Indicator, ordered: Sequence[FollowUp]) -> IndicatorView:
    values = [
        (measurement, follow_up.date)
        for follow_up in ordered
        for report in follow_up.indicators
        if report.indicator == indicator.id
        for measurement in report.values
    ]
    unit = indicator.unit
    baseline = indicator.baseline
    target = indicator.target
    return IndicatorView(
        id=indicator.id,
        name=indicator.name,
        measure=measure,
        area=area,
        unit=unit.value if unit else None,
        direction=indicator.direction.value if indicator.direction else None,
        baseline=f"{number_text(baseline.value, unit)} ({baseline.period})" if baseline else None,
        target=(f"{number_text(target.value, unit)}" + (f" senast {target.by}" if target.by else ""))
        if target
        else None,
        values=tuple(Value(m.period, number_text(m.value, unit), m.source, reported) for m, reported in values),
        trend=_trend(indicator, [m.value for m, _ in values]),
        on_target=_on_target(indicator, [m.value for m, _ in values]),
        chart=_chart(indicator, [(m.period, m.value) for m, _ in values]) if values and unit else None,
    )


def _trend(indicator: Indicator, values: Sequence[float]) -> str:
    series = ([indicator.baseline.value] if indicator.baseline else []) + list(values)
    if not values:
        return "inga värden redovisade"
    if len(series) < 2:
        return "för få värden för att se en riktning"
    change = series[-1] - series[-2]
    if indicator.direction is None:
        return "ökar" if change > 0 else "minskar" if change < 0 else "oförändrad"
    if change == 0:
        return "oförändrad"
    if indicator.direction is Direction.BIBEHALLA:
        return "förändras, men ska bibehållas"
    good = (change > 0) == (indicator.direction is Direction.OKA)
    return "i önskad riktning" if good else "i fel riktning"


def _on_target(indicator: Indicator, values: Sequence[float]) -> str | None:
    if indicator.target is None or not values:
        return None
    latest, goal = values[-1], indicator.target.value
    if indicator.direction is Direction.MINSKA:
        reached = latest <= goal
    elif indicator.direction is Direction.OKA:
        reached = latest >= goal
    else:
        reached = latest == goal
    return "målet nått" if reached else "målet ännu inte nått"


CHART_WIDTH, CHART_HEIGHT = 320, 160
#: room for the axis labels (left), the value labels above the points (top) and the periods (bottom)
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 12, 22, 34
#: the first and last points sit this far inside the plot, so their labels stay clear of the axis
_INSET = 22


def _chart(indicator: Indicator, series: Sequence[tuple[str, float]]) -> Chart:
    """Coordinates for a small line chart; all rounding is fixed, so the SVG is stable."""
    unit = indicator.unit
    extra = [point.value for point in (indicator.baseline, indicator.target) if point is not None]
    values = [v for _, v in series]
    low, high = min(values + extra), max(values + extra)
    floor, ceiling = indicator.bounds()
    if unit is Unit.SKALA and floor is not None and ceiling is not None:
        low, high = floor, ceiling  # a scale is shown whole
    elif floor is not None:
        low = min(low, floor)  # counts and shares are drawn from zero, so change is not exaggerated
    if high == low:
        high = low + 1
    plot_w = CHART_WIDTH - _LEFT - _RIGHT - 2 * _INSET
    plot_h = CHART_HEIGHT - _TOP - _BOTTOM

    def y_of(value: float) -> float:
        return round(_TOP + plot_h * (1 - (value - low) / (high - low)), 1)

    step = plot_w / max(len(series) - 1, 1)
    points = tuple(
        ChartPoint(
            label,
            number_text(value, unit),
            round(_LEFT + (step * i if len(series) > 1 else plot_w / 2), 1),
            y_of(value),
        )
        for i, (label, value) in enumerate(series)
    )
    return Chart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        points=points,
        line=" ".join(f"{p.x:g},{p.y:g}" for p in points),
        target_y=y_of(indicator.target.value) if indicator.target else None,
        baseline_y=y_of(indicator.baseline.value) if indicator.baseline else None,
        y_min_text=number_text(low, unit),
        y_min=y_of(low),
        y_max=y_of(high),
    )
