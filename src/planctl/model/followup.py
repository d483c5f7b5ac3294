"""A follow-up: one occasion on which a plan's measures and indicators are reported (6 §)."""


from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator
from pydantic import Strict as StrictInput
from pydantic_core import PydanticCustomError

from planctl.model.fields import Bool, Day, Id, Part, Text, about, choices
from planctl.model.indicator import Measurement
from planctl.model.lagesbild import LagesbildUpdate
from planctl.model.state import Light


@choices(
    ej_paborjad="Åtgärden har inte börjat. Enligt plan före sin start, annars en avvikelse.",
    pagar="Åtgärden pågår. Enligt plan inom sin tid, sen efter sitt slut.",
    genomford="Åtgärden är genomförd.",
    forsenad="Åtgärden är försenad.",
    avbruten="Åtgärden är avbruten och genomförs inte.",
)
class Status(StrEnum):
    """A measure's status at a follow-up."""

    EJ_PABORJAD = "ej påbörjad"
    PAGAR = "pågår"
    GENOMFORD = "genomförd"
    FORSENAD = "försenad"
    AVBRUTEN = "avbruten"


class Cost(Part, title="Kostnad"):
    """What a measure cost in the period, where known."""

    money_sek: Annotated[float, StrictInput(), Field(ge=0)] | None = about(
        "Kronor", "Vad åtgärden kostade under perioden, i kronor.", default=None
    )
    hours: Annotated[float, StrictInput(), Field(ge=0)] | None = about(
        "Timmar", "Hur många arbetstimmar åtgärden tog under perioden.", default=None
    )
    note: Text | None = about("Not", "Vad kostnaden avser.", default=None)


class MeasureReport(Part, title="Åtgärdens läge"):
    """One measure at this follow-up: its status, and what it cost."""

    measure: Id = about("Åtgärd", "Åtgärdens id i planen.")
    status: Status = about("Status", "Åtgärdens läge vid uppföljningen.")
    light: Light | None = about(
        "Trafikljus",
        "Sätt trafikljuset själv när planctls bedömning (status och tid) inte stämmer; kräver en motivering.",
        default=None,
    )
    light_reason: Text | None = about("Motivering för trafikljuset", "Varför trafikljuset sätts så.", default=None)
    comment: Text | None = about("Kommentar", "Vad som hänt med åtgärden.", default=None)
    cost: Cost | None = about("Kostnad", "Vad åtgärden kostade under perioden.", default=None)

    @model_validator(mode="after")
    def _light_has_reason(self) -> Self:
        if self.light is not None and self.light_reason is None:
            raise PydanticCustomError(
                "planctl_light_reason", "ett trafikljus som sätts för hand behöver en motivering (light_reason)"
            )
        return self


class IndicatorReport(Part, title="Indikatorns värden"):
    indicator: Id = about("Indikator", "Indikatorns id i planen.")
    values: list[Measurement] = about("Värden", "Uppmätta värden, ett per period.", default_factory=list)
    comment: Text | None = about("Kommentar", "Vad värdena säger.", default=None)


class FollowUp(Part, title="Uppföljning"):
    """One follow-up occasion of a plan (6 §: at least every other year)."""

    format_version: Literal[1, 2] = about("Formatversion", "Filformatets version: 2.")
    kind: Literal["uppföljning"] = about("Slag", "uppföljning")
    plan: Id = about("Plan", "Id för planen som följs upp.")
    date: Day = about("Datum", "Uppföljningens datum (ÅÅÅÅ-MM-DD).")
    reported_by: Text = about("Rapporterad av", "Vem som sammanställde uppföljningen.")
    example_data: Bool = about(
        "Exempeldata", "true när siffrorna är påhittade; rapporten säger det på varje sida.", default=False
    )
    summary: Text | None = about("Sammanfattning", "Uppföljningens slutsatser.", default=None)
    lagesbild_update: LagesbildUpdate | None = about(
        "Lägesbilden uppdaterad", "Uppdateringen av lägesbilden, med datum och diarienummer (6 §).", default=None
    )
    lagesbild_updated: Bool | None = about(
        "Lägesbilden uppdaterad (ja/nej)",
        "Formatversion 1:s ja/nej. Ange i stället lagesbild_update med datum och diarienummer.",
        default=None,
    )
    reported_to_council: Day | None = about(
        "Rapporterad till fullmäktige", "När uppföljningen rapporterades till kommunfullmäktige.", default=None
    )
    measures: list[MeasureReport] = about("Åtgärder", "Varje åtgärds läge.", default_factory=list)
    indicators: list[IndicatorReport] = about("Indikatorer", "Indikatorernas värden.", default_factory=list)
    notes: list[Text] = about("Noter", "Annat att veta om uppföljningen.", default_factory=list)


__all__ = ["Cost", "FollowUp", "IndicatorReport", "MeasureReport", "Status"]
