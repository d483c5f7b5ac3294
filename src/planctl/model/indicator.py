"""Indicators (uppföljningsmått): what is measured, in which unit, from which baseline to which target."""


from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, StringConstraints

from planctl.model.fields import DecimalNumber, Id, Int, Part, PartialDate, Text, _iso_date, _whole, about, choices
from planctl.model.sections import Silence


@choices(
    antal="Ett antal (händelser, deltagare, anmälningar). Värden från 0.",
    procent="En andel i procent. Värden 0–100.",
    skala="Ett värde på en skala, t.ex. 1–5 i en enkät; ange skalans ändar i scale.",
    kronor="Ett belopp i kronor. Värden från 0.",
    timmar="En tid i timmar. Värden från 0.",
)
class Unit(StrEnum):
    """What an indicator counts; values are checked against it."""

    ANTAL = "antal"
    PROCENT = "procent"
    SKALA = "skala"
    KRONOR = "kronor"
    TIMMAR = "timmar"


@choices(
    oka="Indikatorn ska bli högre (t.ex. andelen som känner sig trygga).",
    minska="Indikatorn ska bli lägre (t.ex. antalet anmälda brott).",
    bibehalla="Indikatorn ska ligga kvar på samma nivå.",
)
class Direction(StrEnum):
    """Which way the indicator should move."""

    OKA = "öka"
    MINSKA = "minska"
    BIBEHALLA = "bibehålla"


def _period_text(value: object) -> object:
    """A period may be written as a bare year (2025) or a date; it is kept as text."""
    value = _whole(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _iso_date(value)


#: The period a value was measured for, as the source writes it.
Period = Annotated[str, BeforeValidator(_period_text, json_schema_input_type=str | int), StringConstraints(min_length=1)]


class Measurement(Part, title="Mätvärde"):
    """One measured value of an indicator, for a period, from a source."""

    value: DecimalNumber = about(
        "Värde", 'Det uppmätta värdet, t.ex. 42 eller "76,2" (decimalkomma inom citattecken).'
    )
    period: Period = about(
        "Period", "Perioden värdet gäller: 2025, 2025-06, HT 2025, läsåret 2024/25 – som källan skriver den."
    )
    source: Text | None = about("Källa", "Varifrån värdet kommer, t.ex. Skolenkäten 2025 eller Polisens statistik.", default=None)
    note: Text | None = about(
        "Not", "Det läsaren behöver veta om värdet, t.ex. att serien bara räknar grundskolor.", default=None
    )


class Target(Part, title="Målvärde"):
    """What the indicator should reach, and by when."""

    value: DecimalNumber = about("Värde", 'Målvärdet, t.ex. 85 eller "4,5".')
    by: PartialDate | None = about(
        "Senast", "När målet ska vara nått: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD (t.ex. 2026-06).", default=None
    )
    note: Text | None = about("Not", "En förklaring av målet.", default=None)


class Indicator(Part, title="Indikator"):
    """A follow-up indicator (uppföljningsmått)."""

    id: Id = about("Id", "Indikatorns id, som uppföljningar anger värden för, t.ex. andel-trygga.")
    name: Text = about("Namn", "Vad som mäts, i planens ord, t.ex. Andel elever som känner sig trygga i skolan.")
    unit: Unit | None = about("Enhet", "Vad indikatorn räknar; värden i uppföljningen kontrolleras mot den.", default=None)
    scale: tuple[Int, Int] | None = about(
        "Skala", "Skalans lägsta och högsta värde när enheten är skala, t.ex. [1, 5].", default=None
    )
    direction: Direction | None = about("Riktning", "Åt vilket håll indikatorn ska röra sig.", default=None)
    baseline: Measurement | None = about(
        "Utgångsvärde", "Värdet när planen började, att jämföra uppföljningarna med (Brå: utgå från ett nuläge).", default=None
    )
    target: Target | None = about(
        "Mål", "Vad indikatorn ska nå och när; bedöms vid varje uppföljning (nått, inte än, missat).", default=None
    )
    source: Text | None = about(
        "Datakälla", "Var värdena hämtas, t.ex. Skolenkäten, Polisens öppna statistik, egen registrering.", default=None
    )
    silence: list[Silence] = about(
        "Tystade kontroller", "Kontroller som inte passar indikatorn, var och en med en skriven motivering.", default_factory=list
    )

    def bounds(self) -> tuple[float | None, float | None]:
        """The values the unit allows: a share 0-100 %, a scale its ends, counts from 0."""
        if self.unit is Unit.PROCENT:
            return 0.0, 100.0
        if self.unit is Unit.SKALA:
            low, high = self.scale or (1, 5)
            return float(low), float(high)
        if self.unit is None:
            return None, None
        return 0.0, None


__all__ = ["Direction", "Indicator", "Measurement", "Target", "Unit"]
