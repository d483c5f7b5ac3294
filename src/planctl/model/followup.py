"""A follow-up: one occasion on which a plan's measures and indicators are reported (6 §)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field
from pydantic import Strict as StrictInput

from planctl.model.fields import Bool, Day, Id, Part, Text
from planctl.model.plan import Measurement
from planctl.model.state import Light


class Status(StrEnum):
    """A measure's status at a follow-up."""

    EJ_PABORJAD = "ej påbörjad"
    PAGAR = "pågår"
    GENOMFORD = "genomförd"
    FORSENAD = "försenad"
    AVBRUTEN = "avbruten"

    @property
    def light(self) -> Light:
        """Brå's traffic light for the status alone: grön (on track), gul (behind), röd (stopped)."""
        return _LIGHTS[self]


_LIGHTS = {
    Status.GENOMFORD: Light.GRON,
    Status.PAGAR: Light.GRON,
    Status.EJ_PABORJAD: Light.GUL,
    Status.FORSENAD: Light.GUL,
    Status.AVBRUTEN: Light.ROD,
}


class Cost(Part):
    """What a measure cost in the period, where known."""

    money_sek: Annotated[float, StrictInput(), Field(ge=0)] | None = None
    hours: Annotated[float, StrictInput(), Field(ge=0)] | None = None
    note: Text | None = None


class MeasureReport(Part):
    measure: Id
    status: Status
    comment: Text | None = None
    cost: Cost | None = None


class IndicatorReport(Part):
    indicator: Id
    values: list[Measurement] = Field(default_factory=list)
    comment: Text | None = None


class FollowUp(Part):
    """One follow-up occasion of a plan (6 §: at least every other year)."""

    format_version: Literal[1]
    kind: Literal["uppföljning"]
    #: the id of the plan followed up
    plan: Id
    date: Day
    reported_by: Text
    #: true when the figures are invented for illustration; the report says so on its first page
    example_data: Bool = False
    summary: Text | None = None
    lagesbild_updated: Bool | None = None
    measures: list[MeasureReport] = Field(default_factory=list)
    indicators: list[IndicatorReport] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
