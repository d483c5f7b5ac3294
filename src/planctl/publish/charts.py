"""The indicator charts of the follow-up report, as plain geometry.

Values over time as a small line chart with the baseline and the target as lines. All the
arithmetic happens here, rounded, so the SVG the template draws is the same every time; the
margins the template draws the axes at are part of the chart, never typed twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from planctl.model import Indicator, Unit
from planctl.words import number_text


class ChartPoint(NamedTuple):
    label: str
    value_text: str
    x: float
    y: float


class Chart(NamedTuple):
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
    #: where the plot's left and right edges stand: the axis lines are drawn between them
    left: int
    right: int


#: Printed 85 mm wide (report.css), so its 11-unit text comes out at 8.3 pt.
CHART_WIDTH, CHART_HEIGHT = 320, 136
#: room for the axis labels (left), the value labels above the points (top) and the periods (bottom)
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 12, 22, 34
#: the first and last points sit this far inside the plot, so their labels stay clear of the axis
_INSET = 22


def chart(indicator: Indicator, series: Sequence[tuple[str, float]]) -> Chart:
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
        left=_LEFT,
        right=CHART_WIDTH - _RIGHT,
    )
