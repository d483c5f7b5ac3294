"""Brå's traffic lights, as Brå means them: grön = enligt plan, gul = avvikelse, röd = allvarlig
avvikelse eller inte genomförd.

A light comes from a measure's status *and* its timing on the day of the follow-up: a measure
not yet started before its start is on plan; one still going on after its end is late. A
follow-up may set the light itself, with a reason, where the plan allows it.

======================  ============  ============  ============  ==============
status                  före start    under tiden   efter slut    ingen tid
======================  ============  ============  ============  ==============
ej påbörjad             grön          gul           röd           gul
pågår                   grön          grön          gul           grön
genomförd               grön          grön          grön          grön
försenad                gul           gul           röd           gul
avbruten                röd           röd           röd           röd
======================  ============  ============  ============  ==============
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from planctl.model.followup import MeasureReport, Status
from planctl.model.plan import Measure, Range
from planctl.model.state import Light


class Phase(StrEnum):
    """Where a follow-up's day falls in a measure's time."""

    BEFORE = "före start"
    DURING = "under tiden"
    AFTER = "efter slut"
    UNTIMED = "ingen tid"


#: The table above: status × phase → light.
TABLE: dict[Status, dict[Phase, Light]] = {
    Status.EJ_PABORJAD: {Phase.BEFORE: Light.GRON, Phase.DURING: Light.GUL, Phase.AFTER: Light.ROD, Phase.UNTIMED: Light.GUL},
    Status.PAGAR: {Phase.BEFORE: Light.GRON, Phase.DURING: Light.GRON, Phase.AFTER: Light.GUL, Phase.UNTIMED: Light.GRON},
    Status.GENOMFORD: dict.fromkeys(Phase, Light.GRON),
    Status.FORSENAD: {Phase.BEFORE: Light.GUL, Phase.DURING: Light.GUL, Phase.AFTER: Light.ROD, Phase.UNTIMED: Light.GUL},
    Status.AVBRUTEN: dict.fromkeys(Phase, Light.ROD),
}


def phase(measure: Measure, day: date, period: Range) -> Phase:
    """Where ``day`` falls in the measure's time, open ends closed by the plan period."""
    if measure.timing is None or (measure.timing.start is None and not measure.timing.throughout and measure.timing.recurrence is None):
        return Phase.UNTIMED
    first, last = measure.timing.span(period.start, period.end or period.start)
    if day < first:
        return Phase.BEFORE
    if day > last:
        return Phase.AFTER
    return Phase.DURING


def light(report: MeasureReport, measure: Measure, day: date, period: Range) -> Light:
    """The light of a measure at the follow-up on ``day``: the follow-up's own, or the table's."""
    if report.light is not None:
        return report.light
    return TABLE[report.status][phase(measure, day, period)]
