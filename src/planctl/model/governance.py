"""Who stands behind a plan: the decision, the report to fullmäktige, the organisations that
own measures, the collaboration the work rests on, and the plans it relates to."""


from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, Field
from pydantic import Strict as StrictInput

from planctl.model.fields import Bool, Id, Part, PartialDate, Text, _whole, about, choices


class Decision(Part, title="Beslut"):
    """Who decided, when, under which protocol paragraph and registry reference (diarienummer)."""

    body: Text | None = about(
        "Beslutande organ",
        "Det organ som beslutade, t.ex. Kommunfullmäktige, Kommunstyrelsen eller Socialnämnden. Åtgärdsplanen "
        "beslutas av kommunen (5 §).",
        default=None,
    )
    date: PartialDate | None = about(
        "Datum", "Beslutsdatum (ÅÅÅÅ-MM-DD); uppföljningskravet i 6 § räknas härifrån.", default=None
    )
    paragraph: str | None = about("Paragraf", "Protokollets paragraf, t.ex. § 123.", default=None)
    reference: str | None = about("Diarienummer", "Ärendets diarienummer, t.ex. KS 2024/00734.", default=None)
    text: Text | None = about("Text", "Beslutet i källans ord.", default=None)


class Reporting(Part, title="Rapportering"):
    """How the work is reported to kommunfullmäktige."""

    to: Text = about("Till", "Vem som får rapporten, t.ex. Kommunfullmäktige.")
    interval_months: Annotated[int, BeforeValidator(_whole), StrictInput(), Field(ge=1, le=60)] | None = about(
        "Intervall i månader", "Hur ofta arbetet rapporteras, t.ex. 12 för årligen.", default=None
    )
    text: Text | None = about("Text", "Hur rapporteringen går till, i planens ord.", default=None)


@choices(
    forvaltning="En kommunal förvaltning, t.ex. Socialförvaltningen.",
    bolag="Ett bolag, t.ex. ett kommunalt bostadsbolag.",
    myndighet="En statlig myndighet, t.ex. Polisen.",
    region="Regionen.",
    samlingsnamn='Flera organisationer under ett namn, t.ex. "Samtliga nämnder och bolag".',
    ovrig="Annan aktör, t.ex. en förening.",
)
class OrganisationType(StrEnum):
    FORVALTNING = "förvaltning"
    BOLAG = "bolag"
    MYNDIGHET = "myndighet"
    REGION = "region"
    SAMLINGSNAMN = "samlingsnamn"
    OVRIG = "övrig"


class Organisation(Part, title="Organisation"):
    """An organisation that owns or takes part in measures."""

    id: Id = about("Id", "Det id åtgärderna anger som ansvarig eller medverkande, t.ex. IFF eller Polisen.")
    name: Text = about("Namn", "Det namn dokumentet visar, t.ex. Individ- och familjeförvaltningen.")
    type: OrganisationType = about("Typ", "Vad slags organisation det är.", default=OrganisationType.FORVALTNING)
    abbreviation: Bool = about(
        "Förkortning", "true när id:t är en förkortning som dokumentets förkortningslista förklarar.", default=False
    )
    aliases: list[Id] = about(
        "Andra namn", "Andra id som planen använder för organisationen, t.ex. RTJ för Räddningstjänsten.", default_factory=list
    )


class Agreement(Part, title="Samverkansöverenskommelse"):
    """A written collaboration agreement the work rests on."""

    title: Text = about("Titel", "Överenskommelsens namn, t.ex. Samverkansöverenskommelse med lokalpolisområde Västerås.")
    parties: list[Text] = about("Parter", "Vilka som står bakom överenskommelsen.", default_factory=list)
    period: str | None = about("Period", "Vilken tid den gäller, t.ex. 2024–2027.", default=None)
    reference: str | None = about("Diarienummer", "Överenskommelsens diarienummer.", default=None)
    note: Text | None = about("Not", "Överenskommelsens syfte eller område.", default=None)


class Council(Part, title="Strategiskt forum"):
    """The strategic council or joint steering group (strategiskt råd, samverkansledning)."""

    name: Text = about("Namn", "Forumets namn, t.ex. Samverkansledningen eller Brottsförebyggande rådet.")
    members: list[Text] = about("Ledamöter", "Vilka som ingår, t.ex. direktörer för förvaltningarna och polisen.", default_factory=list)
    note: Text | None = about("Not", "Forumets uppdrag.", default=None)


class Coordination(Part, title="Samordningsfunktion"):
    """The municipality's coordination function for crime prevention."""

    who: Text = about("Vem", "Vem som är samordnare, t.ex. Brottsförebyggande samordnare.")
    where: Text | None = about("Var", "Var funktionen finns, t.ex. Stadsledningskontoret.", default=None)
    note: Text | None = about("Not", "Funktionens uppdrag.", default=None)


class Cooperation(Part, title="Samverkan"):
    """How the work is coordinated: agreements, a strategic forum and a coordination function."""

    agreements: list[Agreement] = about("Överenskommelser", "Skriftliga samverkansöverenskommelser.", default_factory=list)
    council: Council | None = about("Strategiskt forum", "Strategiskt råd eller samverkansledning.", default=None)
    coordination: Coordination | None = about("Samordningsfunktion", "Kommunens samordningsfunktion.", default=None)
    text: Text | None = about("Text", "Samverkan i planens ord.", default=None)


class RelatedPlan(Part, title="Relaterad plan"):
    """An earlier plan or another plan or policy this one relates to."""

    title: Text | None = about("Titel", "Planens eller styrdokumentets titel.", default=None)
    reference: str | None = about("Diarienummer", "Dess diarienummer.", default=None)
    file: str | None = about(
        "Fil", "En annan planfil bredvid denna, t.ex. forebyggarcentrum-2022-2027.yaml; kontrolleras och länkas.", default=None
    )
    note: Text | None = about("Not", "Hur planerna hänger ihop.", default=None)
