"""The lägesbild (4 §): the situation picture of local crime that an åtgärdsplan rests on.

Lag (2023:196) 4 § asks for a mapping of crime, its extent and consequences, other information
of importance, and an analysis of both. A plan holds the problems its lägesbild found, each with
the figures the source states, so the chain problem → cause → measure → indicator → follow-up
is complete. The lägesbild may also be a file of its own beside the plan (``kind: lägesbild``).
"""


from typing import Literal, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from planctl.model.fields import DecimalNumber, Id, Part, PartialDate, Text, about


class Figure(Part, title="Siffra"):
    """A figure the lägesbild states: a value with its unit, period and source."""

    value: DecimalNumber = about("Värde", 'Siffran, t.ex. 12 eller "76,2".')
    unit: Text | None = about("Enhet", "Vad siffran räknar, t.ex. anmälda brott, procent.", default=None)
    period: str | None = about("Period", "Vilken tid siffran gäller, t.ex. 2023.", default=None)
    source: Text | None = about("Källa", "Varifrån siffran kommer, t.ex. Polisens statistik.", default=None)
    text: Text | None = about("Källans mening", "Meningen där källan anger siffran, ordagrant.", default=None)


class Problem(Part, title="Problem"):
    """A problem the lägesbild describes, which focus areas answer."""

    id: Id = about("Id", "Problemets id, som fokusområden hänvisar till (answers), t.ex. rekrytering-unga.")
    title: Text = about("Rubrik", "Problemet kort, med källans ord.")
    description: Text | None = about("Beskrivning", "Vad lägesbilden säger om problemet, ordagrant.", default=None)
    pages: str | None = about("Sidor", "Sidhänvisning i lägesbilden, som källan anger den.", default=None)
    figures: list[Figure] = about(
        "Siffror", "Siffror som lägesbilden anger för problemet (bara de källan anger).", default_factory=list
    )
    added: Text | None = about(
        "Tillagt", "Fyll i när problemet är formulerat av någon annan än källan: vem och varför.", default=None
    )


class LagesbildUpdate(Part, title="Uppdatering av lägesbilden"):
    """A recorded update of the lägesbild (6 §: at least every other year)."""

    date: PartialDate = about("Datum", "När lägesbilden uppdaterades: ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ.")
    reference: str | None = about("Diarienummer", "Den uppdaterade lägesbildens diarienummer.", default=None)
    note: Text | None = about("Not", "Vad som uppdaterades.", default=None)


class LagesbildFacts(Part):
    """What a lägesbild holds, in a plan or in a file of its own."""

    completed: PartialDate | None = about(
        "Färdigställd", "När lägesbilden blev klar (ÅÅÅÅ-MM); ska vara före planens beslut (5 §).", default=None
    )
    reference: str | None = about("Diarienummer", "Lägesbildens diarienummer, t.ex. KS 2024/00363.", default=None)
    url: str | None = about("Webbadress", "Var lägesbilden finns.", default=None)
    note: Text | None = about("Not", "Annat om lägesbilden.", default=None)
    updates: list[LagesbildUpdate] = about(
        "Uppdateringar", "Gjorda uppdateringar med datum och diarienummer (minst vartannat år, 6 §).", default_factory=list
    )
    problems: list[Problem] = about(
        "Problem", "De problem lägesbilden beskriver (kartläggning av brottsligheten, 4 § 1).", default_factory=list
    )
    other_information: list[Text] = about(
        "Annan information", "Annan information av betydelse som lägesbilden bygger på (4 § 2).", default_factory=list
    )
    analysis: Text | None = about("Analys", "Lägesbildens analys av kartläggningen och informationen (4 § 3).", default=None)


class Lagesbild(LagesbildFacts, title="Lägesbild"):
    """The situation picture of local crime that the plan rests on (4–5 §§)."""

    title: Text = about("Titel", "Lägesbildens titel, t.ex. Lägesbild brottslighet Västerås 2024.")
    file: str | None = about(
        "Fil", "En lägesbildsfil bredvid planen (kind: lägesbild) som håller problemen och analysen.", default=None
    )

    @model_validator(mode="after")
    def _one_home(self) -> Self:
        if self.file and (self.problems or self.analysis or self.other_information):
            raise PydanticCustomError(
                "planctl_lagesbild_twice", "lägesbildens problem står antingen i planen eller i filen {file}, inte i båda", {"file": self.file}
            )
        return self


class LagesbildFile(LagesbildFacts, title="Lägesbildsfil"):
    """A lägesbild kept in a file of its own beside the plan (``kind: lägesbild``)."""

    format_version: Literal[1, 2] = about("Formatversion", "Filformatets version: 2.")
    kind: Literal["lägesbild"] = about("Slag", "lägesbild")
    municipality: Text = about("Kommun", "Kommunens namn.")
    title: Text = about("Titel", "Lägesbildens titel.")
