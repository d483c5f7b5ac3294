"""The plan: an åtgärdsplan under Lag (2023:196) or a unit's handlingsplan, as pydantic models.

YAML keys are English, content is Swedish. Text fields may hold Markdown. The models check
shape and types only; rules that look across the plan (references, the law's demands, good
practice) live in ``planctl.lint.rules``. Every field has a Swedish title and description,
which the exported JSON Schema gives editors as hover help.
"""


from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field
from pydantic import Strict as StrictInput

from planctl.model.fields import Bool, Id, Part, PartialDate, Text, Year, _whole, about, choices
from planctl.model.governance import Cooperation, Decision, Organisation, RelatedPlan, Reporting
from planctl.model.indicator import Indicator
from planctl.model.lagesbild import Lagesbild
from planctl.model.sections import Edition, Layout, Picture, Section, Silence, SourceRef
from planctl.model.timing import Timing

#: The format version this planctl writes; version 1 files are still read (planctl migrate updates them).
FORMAT_VERSION = 2


@choices(
    atgardsplan="En åtgärdsplan enligt Lag (2023:196): bygger på en lägesbild och följs upp minst vartannat år.",
    handlingsplan="En enhets eller ett områdes handlingsplan, utanför lagens krav.",
)
class PlanKind(StrEnum):
    ATGARDSPLAN = "åtgärdsplan"
    HANDLINGSPLAN = "handlingsplan"


@choices(
    universell="Riktas till alla, tidigt och främjande.",
    selektiv="Riktas till en utvald grupp med förhöjd risk.",
    indikerad="Riktas till dem där problemen redan har uppstått.",
)
class PreventionLevel(StrEnum):
    UNIVERSELL = "universell"
    SELEKTIV = "selektiv"
    INDIKERAD = "indikerad"


@choices(
    reaktivt="Åtgärden svarar på problem som redan finns.",
    forhindra="Åtgärden förhindrar att problem uppstår.",
    forandra="Åtgärden förändrar förutsättningarna för att problem ska kunna uppstå.",
)
class TimePerspective(StrEnum):
    REAKTIVT = "reaktivt"
    FORHINDRA = "förhindra uppkomsten"
    FORANDRA = "förändra förutsättningarna"


@choices(
    punktinsats="En avgränsad insats (Brå: punktinsats).",
    ordinarie="En del av den ordinarie verksamheten.",
)
class Effort(StrEnum):
    PUNKTINSATS = "punktinsats"
    ORDINARIE = "ordinarie verksamhet"


@choices(
    prioriterat="Ett område planen prioriterar, med orsaksanalys och åtgärder.",
    annat_forum="Ett område som hanteras i ett annat forum; alla angivna organisationer är ansvariga.",
)
class AreaTrack(StrEnum):
    """Whether an area is prioritised in this plan or handled through other forums."""

    PRIORITERAT = "prioriterat"
    ANNAT_FORUM = "annat forum"


#: The nine stages of the Community Readiness Model, as Länsstyrelsen Östergötland names them.
READINESS_STAGES: dict[int, str] = {
    1: "Ingen medvetenhet",
    2: "Förnekelse/motstånd",
    3: "Vag medvetenhet",
    4: "Förplanering",
    5: "Förberedelse",
    6: "Start",
    7: "Stabilisering",
    8: "Bekräftelse/utvidgning",
    9: "Hög grad av lokalt ägarskap",
}

#: The seven steps of Preventionspaketet (Länsstyrelsen Stockholm).
PREVENTION_STEPS: dict[int, str] = {
    1: "Kartlägg och analysera behov",
    2: "Forskningsstöd",
    3: "Bedöm resurser och förutsättningar",
    4: "Välj mål, insatser, metoder och indikatorer",
    5: "Genomför",
    6: "Följ upp och utvärdera",
    7: "Förbättra och sprid",
}


class Range(Part, title="Period"):
    """A span of years: the plan period."""

    start: Year = about("Från", "Första året, t.ex. 2025.")
    end: Year | None = about("Till", "Sista året, t.ex. 2026.", default=None)


class FollowUpArrangement(Part, title="Uppföljning av planen"):
    """How the plan as a whole is followed up (6 §: at least every other year)."""

    interval_months: Annotated[int, BeforeValidator(_whole), StrictInput(), Field(ge=1, le=120)] | None = about(
        "Intervall i månader",
        "Hur ofta planen följs upp, t.ex. 12 för årligen. Lagen kräver minst vartannat år (24); planens eget "
        "löfte gäller när det är tätare.",
        default=None,
    )
    forum: Text | None = about("Forum", "Var uppföljningen görs, t.ex. Samverkansledningen.", default=None)
    text: Text | None = about("Text", "Hur planen följs upp, i planens ord.", default=None)
    cycle: list[Text] = about(
        "Rytm", "När arbetet följs upp, i planens ord (PDSA: i vardagen, årligen …).", default_factory=list
    )
    in_depth: list[Year] = about("Fördjupad uppföljning", "År med fördjupad uppföljning, t.ex. [2023, 2026].", default_factory=list)
    allow_light_override: Bool = about(
        "Eget trafikljus",
        "true när en uppföljning får sätta en åtgärds trafikljus själv, med motivering (light, light_reason).",
        default=True,
    )


class Cause(Part, title="Orsak"):
    """A named cause from the cause analysis (orsaksanalys)."""

    id: Id = about("Id", "Orsakens id, som åtgärder hänvisar till (addresses).")
    name: Text = about("Namn", "Orsaken kort, t.ex. Färre vuxna i skolmiljön.")
    description: Text | None = about("Beskrivning", "Orsaken utförligare.", default=None)
    added: Text | None = about(
        "Tillagt", "Fyll i när orsaken är formulerad av någon annan än källan: vem och varför.", default=None
    )


class CauseAnalysis(Part, title="Orsaksanalys"):
    text: Text = about("Text", "Orsaksanalysen i planens ord.")
    causes: list[Cause] = about("Orsaker", "Orsaker som analysen pekar ut, var och en med id.", default_factory=list)


class Ending(Part, title="Avslut"):
    """A measure ended in a revision: it stays in the file, so earlier follow-ups keep their meaning."""

    date: PartialDate = about("Datum", "När åtgärden avslutades: ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ.")
    how: Literal["avslutad", "ersatt", "utgår"] = about(
        "Hur", "avslutad (genomförd och klar), ersatt (av en annan åtgärd, replaced_by) eller utgår (stoppad)."
    )
    replaced_by: Id | None = about("Ersatt av", "Id för åtgärden som ersätter denna.", default=None)
    reason: Text = about("Skäl", "Varför åtgärden avslutades, i planens ord.")


class Method(Part, title="Metod"):
    name: Text = about("Namn", "Metodens namn, t.ex. Mentorer i våldsprevention (MVP).")
    evidence_based: Bool | None = about("Evidensbaserad", "true när metoden är evidensbaserad.", default=None)
    url: str | None = about("Webbadress", "Var metoden beskrivs.", default=None)
    added: Text | None = about(
        "Tillagt", "Fyll i när källan inte nämner metoden för åtgärden: vem som lade till den och varför.", default=None
    )


class MeasureFollowUp(Part, title="Uppföljning av åtgärden"):
    """How a measure is followed up: indicators, a named forum, or words."""

    indicators: list[Indicator] = about("Indikatorer", "Mätbara indikatorer som följer upp åtgärden.", default_factory=list)
    indicator_refs: list[Id] = about(
        "Delade indikatorer", "Id för indikatorer som definieras på annat ställe i planen och följer upp även denna åtgärd.",
        default_factory=list,
    )
    forum: Text | None = about("Forum", "Forum där åtgärden följs upp, t.ex. LACUS.", default=None)
    text: Text | None = about("Text", "Hur åtgärden följs upp, i planens ord.", default=None)


class Measure(Part, title="Åtgärd"):
    """A measure (åtgärd): who does what, when, to which end, and how it is followed up."""

    id: Id = about("Id", "Åtgärdens id, som uppföljningar hänvisar till. Ändra det aldrig; avsluta i stället (ended).")
    title: Text = about("Åtgärd", "Vad som ska göras, i planens ord.")
    description: Text | None = about("Beskrivning", "Åtgärden utförligare.", default=None)
    goals: list[Text] = about("Mål", "Åtgärdens mål, helst SMARTa (Brå: operativa mål).", default_factory=list)
    timing: Timing | None = about(
        "När",
        "När åtgärden genomförs: 2025, HT 2025, 2025-Q3, 2025-09, 2025-09-15, 2025–2026, 2025-09–2026-06, "
        "löpande, årligen från 2025.",
        default=None,
    )
    owners: list[Id] = about("Vem", "Ansvariga och medverkande organisationer, med id ur organisations.", default_factory=list)
    lead: Id | None = about(
        "Ansvarig", "Den organisation som leder åtgärden; utelämna där källan inte säger det.", default=None
    )
    follow_up: MeasureFollowUp | None = about("Uppföljning", "Hur åtgärden följs upp.", default=None)
    prevention_level: PreventionLevel | None = about("Preventionsnivå", "Vem åtgärden riktas till.", default=None)
    time_perspective: TimePerspective | None = about("Tidsperspektiv", "När i förloppet åtgärden verkar.", default=None)
    effort: Effort | None = about("Insats", "Punktinsats eller ordinarie verksamhet (Brå).", default=None)
    also_affects: list[Id] = about(
        "Påverkar också", "Andra fokusområden åtgärden påverkar (visas som hänvisning, inte i deras tabell).",
        default_factory=list,
    )
    also_in: list[Id] = about(
        "Hör också till", "Andra fokusområden åtgärden hör till; den visas i deras tabeller också men räknas en gång.",
        default_factory=list,
    )
    addresses: list[Id] = about("Riktas mot orsak", "Orsaker ur orsaksanalysen som åtgärden riktas mot.", default_factory=list)
    method: Method | None = about("Metod", "Metoden åtgärden använder.", default=None)
    added: PartialDate | None = about(
        "Tillagd", "När åtgärden lades till i en revidering; uppföljningar före det datumet behöver inte nämna den.",
        default=None,
    )
    ended: Ending | None = about(
        "Avslutad", "När och hur åtgärden avslutades. Ta aldrig bort en åtgärd som följts upp; avsluta den.",
        default=None,
    )
    notes: list[Text] = about("Noter", "Fotnoter till åtgärden, i källans ordning.", default_factory=list)
    silence: list[Silence] = about("Tystade kontroller", "Kontroller som inte passar åtgärden, med motivering.", default_factory=list)


class FocusArea(Part, title="Fokusområde"):
    """A crime area (brottsområde) or goal area with its description, cause analysis and measures."""

    id: Id = about("Id", "Områdets id.")
    title: Text = about("Rubrik", "Områdets rubrik, t.ex. Brott och otrygghet i skolmiljö.")
    track: AreaTrack = about("Spår", "Prioriterat i planen eller hanterat i annat forum.", default=AreaTrack.PRIORITERAT)
    description: Text | None = about("Beskrivning", "Områdets beskrivning, ofta ur lägesbilden.", default=None)
    answers: list[Id] = about(
        "Svarar mot problem", "Id för lägesbildens problem som området svarar mot (lagesbild.problems).", default_factory=list
    )
    goal: Text | None = about("Övergripande mål", "Områdets övergripande mål.", default=None)
    sources: list[SourceRef] = about("Källor", "Källor som texten bygger på.", default_factory=list)
    cause_analysis: CauseAnalysis | None = about("Orsaksanalys", "Orsaksanalysen för området.", default=None)
    measures_intro: Text | None = about("Inledning till åtgärderna", "Text före åtgärdstabellen.", default=None)
    measures: list[Measure] = about("Åtgärder", "Områdets åtgärder.", default_factory=list)
    notes: list[Text] = about("Noter", "Fotnoter till området, i källans ordning.", default_factory=list)
    silence: list[Silence] = about("Tystade kontroller", "Kontroller som inte passar området, med motivering.", default_factory=list)


class Plan(Part, title="Plan"):
    """A prevention plan: an åtgärdsplan under Lag (2023:196) or a unit's handlingsplan."""

    format_version: Literal[1, 2] = about("Formatversion", "Filformatets version: 2 (planctl migrate uppdaterar version 1).")
    kind: PlanKind = about("Slag", "åtgärdsplan (enligt Lag 2023:196) eller handlingsplan.")
    id: Id = about("Id", "Planens id, som dess uppföljningar anger, t.ex. vasteras-atgardsplan-2025-2026.")
    municipality: Text = about("Kommun", "Kommunens namn.")
    title: Text = about("Titel", "Planens titel som dokumentet har den.")
    period: Range = about("Planperiod", "Åren planen gäller, t.ex. {start: 2025, end: 2026}.")
    example_data: Bool = about(
        "Exempeldata", "true när planen är påhittad för att visa något; det står då på varje sida av dokumenten.",
        default=False,
    )
    edition: Edition | None = about(
        "Utgåva", "Dokumentet filen återger och allt som lagts till; visas som Om denna utgåva.", default=None
    )
    organisation: Text | None = about("Organisation", "Den organisation som står bakom planen.", default=None)
    decision: Decision | None = about("Beslut", "Vem som beslutade planen, när, paragraf och diarienummer (5 §).", default=None)
    measures_decision: Decision | None = about(
        "Beslut om åtgärderna", "Vem som beslutade åtgärderna, där det är ett annat forum än planens beslut.", default=None
    )
    reporting: Reporting | None = about("Rapportering", "Hur arbetet rapporteras till kommunfullmäktige.", default=None)
    document_date: PartialDate | None = about(
        "Dokumentdatum", "Datum som står på dokumentet, där det skiljer sig från beslutet.", default=None
    )
    document_date_note: Text | None = about(
        "Om dokumentdatumet", "Vad datumet avser, t.ex. att det bara står i ett sidhuvud.", default=None
    )
    legal_basis: Text | None = about("Lagstöd", "Lagen eller uppdraget planen vilar på.", default=None)
    lagesbild: Lagesbild | None = about("Lägesbild", "Lägesbilden planen bygger på (4 §, 5 §).", default=None)
    earlier_plans: list[RelatedPlan] = about("Tidigare planer", "Planer som denna ersätter.", default_factory=list)
    related_plans: list[RelatedPlan] = about("Relaterade planer", "Andra planer och styrdokument.", default_factory=list)
    follow_up: FollowUpArrangement | None = about("Uppföljning", "Hur planen följs upp (6 §).", default=None)
    cooperation: Cooperation | None = about(
        "Samverkan", "Samverkansöverenskommelser, strategiskt forum och samordningsfunktion.", default=None
    )
    introduction_title: Text = about("Rubrik för kapitel 1", "Första kapitlets rubrik.", default="Inledning")
    introduction: list[Section] = about("Inledning", "Kapitel 1:s avsnitt i planens ordning och med planens rubriker.", default_factory=list)
    organisations: list[Organisation] = about("Organisationer", "Organisationer som äger åtgärder.", default_factory=list)
    layout: Layout | None = about("Layout", "Åtgärdstabellernas kolumner.", default=None)
    focus_areas: list[FocusArea] = about("Fokusområden", "Planens områden med orsaksanalys och åtgärder.", default_factory=list)
    goal_areas_intro: Section | None = about(
        "Inledning till målområdena", "Rubrik och text för kapitlet med en handlingsplans målområden.", default=None
    )
    other_areas_intro: Section | None = about(
        "Inledning till områden i andra forum", "Rubrik och text för kapitlet med områden som hanteras i andra forum.",
        default=None,
    )
    follow_up_chapter: Section | None = about(
        "Kapitel om uppföljning", "Rubrik och text för en handlingsplans kapitel om uppföljning och indikatorer.",
        default=None,
    )
    related_plans_chapter: Section | None = about(
        "Kapitel om relaterade planer", "Rubrik och text för kapitlet som listar relaterade planer och styrdokument.",
        default=None,
    )
    values: list[Text] = about("Värdegrund", "Värderingar arbetet vilar på.", default_factory=list)
    laws: list[Text] = about("Lagar", "Lagar som ålägger arbetet, i planens ord.", default_factory=list)
    indicators: list[Indicator] = about("Indikatorer för planen", "Indikatorer för planen som helhet.", default_factory=list)
    protective_factors: list[Text] = about("Skyddsfaktorer", "Skyddsfaktorer planen vill stärka.", default_factory=list)
    pictures: list[Picture] = about("Bilder", "Bilder som planen visar utanför avsnitten.", default_factory=list)
    community_readiness: Annotated[int, BeforeValidator(_whole), StrictInput(), Field(ge=1, le=9)] | None = about(
        "Beredskapsnivå (CRM)", "Steg 1–9 i Community Readiness Model (Länsstyrelsen Östergötland).", default=None
    )
    prevention_cycle_step: Annotated[int, BeforeValidator(_whole), StrictInput(), Field(ge=1, le=7)] | None = about(
        "Steg i Preventionspaketet", "Steg 1–7 i Preventionspaketet (Länsstyrelsen Stockholm).", default=None
    )
    notes: list[Text] = about("Noter", "Fotnoter till kapitel 1, i källans ordning.", default_factory=list)
    silence: list[Silence] = about(
        "Tystade kontroller", "Kontroller som inte passar planen, med motivering; gäller hela planen.", default_factory=list
    )
