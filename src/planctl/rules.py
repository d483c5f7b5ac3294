"""Every check planctl makes: a stable code, a severity and an explanation.

This table is the single source of ``planctl rules`` and of the README's rule
table. Codes never change meaning; a retired code is never reused.
F = the file cannot be read as a plan, S = structure, R = references,
L = Lag (2023:196), G = good practice after Brå's guidance.
"""

from __future__ import annotations

from dataclasses import dataclass

from planctl.findings import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    #: the plan kinds the rule applies to; empty means every kind
    kinds: tuple[str, ...] = ()
    #: whether a plan may silence the rule with a written reason
    silenceable: bool = False
    #: whether the finding depends on today's date; such findings never stop a document
    #: from being published, since the same files must always give the same document
    depends_on_today: bool = False


_ALL = [
    Rule("F001", "unreadable", E, "Filen kan inte läsas.", "Filen saknas, är en mapp eller får inte läsas av planctl."),
    Rule(
        "F002",
        "not-text",
        E,
        "Filen är inte UTF-8-text.",
        "Planfiler är text i UTF-8. Binära filer och andra teckenkodningar (t.ex. Windows-1252) avvisas med raden där första ogiltiga byte står.",
    ),
    Rule(
        "F003",
        "too-large",
        E,
        "Filen är orimligt stor.",
        "En plan är ett textdokument på några tiotal kilobyte. Filer över 2 MiB läses inte, så att en felaktig fil aldrig kan binda upp granskningen.",
    ),
    Rule(
        "F004",
        "yaml-syntax",
        E,
        "YAML-syntaxfel.",
        "Filen följer inte YAML:s syntax. Meddelandet anger var läsningen stannade; felet står ofta på raden före.",
    ),
    Rule(
        "F005",
        "tab",
        E,
        "Tabbtecken i indrag.",
        "YAML tillåter inte tabbtecken för indrag. Byt dem mot mellanslag; de flesta editorer gör det automatiskt.",
    ),
    Rule("F006", "empty", E, "Filen är tom.", "Filen innehåller inget annat än tomrum eller kommentarer."),
    Rule(
        "F007",
        "not-a-mapping",
        E,
        "Filen är inte en plan.",
        "En planfil består av nycklar och värden på översta nivån (kind:, title:, focus_areas: …), inte av en lista eller ett enskilt värde.",
    ),
    Rule(
        "F008",
        "several-documents",
        E,
        "Flera dokument i en fil.",
        "En fil ska innehålla en enda plan. Dela upp filen om den innehåller flera dokument åtskilda av '---'.",
    ),
    Rule(
        "F009",
        "duplicate-key",
        E,
        "En nyckel förekommer två gånger.",
        "YAML behåller bara det sista av två värden med samma nyckel, så det första försvinner utan att märkas. Det räknas som förlorade uppgifter.",
    ),
    Rule(
        "F010",
        "tag",
        E,
        "Otillåten YAML-tagg.",
        "Taggar som !!python/object kan få en YAML-läsare att skapa objekt eller köra kod. planctl skapar aldrig sådana värden och avvisar filen.",
    ),
    Rule(
        "F011",
        "alias-bomb",
        E,
        "För många eller självrefererande alias.",
        "Alias (&namn och *namn) som expanderar till orimligt många värden ('billion laughs') eller pekar på sig själva avvisas innan de byggs upp i minnet.",
    ),
    Rule(
        "F012",
        "too-deep",
        E,
        "Orimligt djup nästling.",
        "En plan är nästlad ett tiotal nivåer. Djupare strukturer avvisas innan de läses.",
    ),
    Rule("S101", "type", E, "Fel typ av värde.", "Värdet har fel form, t.ex. en lista där en text väntas."),
    Rule("S102", "missing", E, "Obligatoriskt fält saknas.", "Fältet måste finnas i planen."),
    Rule(
        "S103",
        "unknown-key",
        E,
        "Okänd nyckel.",
        "Nyckeln ingår inte i planformatet; ofta ett stavfel. planctl föreslår den närmaste giltiga nyckeln. Okända nycklar avvisas så att inga uppgifter tyst ignoreras.",
    ),
    Rule(
        "S104",
        "duplicate-id",
        E,
        "Samma id används två gånger.",
        "Id för fokusområden, orsaker, åtgärder, indikatorer och organisationer måste vara unika i planen, eftersom andra delar hänvisar till dem.",
    ),
    Rule(
        "S105",
        "quote-it",
        E,
        "Text som YAML läser som något annat.",
        "YAML 1.1 läser no, yes, on och off som sanningsvärden, 1.10 som talet 1.1, 12:30 som talet 750 och 2024-06-01 som ett datum. Där en text väntas: sätt värdet inom citattecken.",
    ),
    Rule(
        "S106",
        "invalid-value",
        E,
        "Ogiltigt värde.",
        "Värdet är av rätt typ men inte tillåtet, t.ex. en okänd förebyggandenivå eller ett årtal utanför rimliga gränser.",
    ),
    Rule(
        "S107",
        "period",
        E,
        "Planperioden slutar innan den börjar.",
        "Planperiodens slutår måste vara samma som eller senare än startåret.",
    ),
    Rule(
        "R201",
        "unknown-owner",
        E,
        "Okänd ägare.",
        "Varje ansvarig och medverkande måste finnas bland planens organisations (förkortningslistan eller externa aktörer).",
    ),
    Rule(
        "R202",
        "unknown-area",
        E,
        "Okänt brottsområde.",
        "Ett område som en åtgärd också påverkar (also_affects) måste vara ett av planens fokusområden.",
    ),
    Rule(
        "R203",
        "unknown-cause",
        E,
        "Okänd orsak.",
        "En orsak som en åtgärd riktar sig mot (addresses) måste finnas i en orsaksanalys i planen.",
    ),
    Rule(
        "R204",
        "lead-not-owner",
        E,
        "Den ansvariga är inte bland ägarna.",
        "Den ansvariga (lead) ska också stå i listan över ägare (owners), så att dokumentet kan visa hela kolumnen Vem.",
    ),
    Rule(
        "R205",
        "bad-silence",
        E,
        "Tystningen avser en okänd eller icke tystbar regel.",
        "Bara regler om lagens och Brås krav (L och G) kan tystas, och bara med en skriven motivering.",
    ),
    Rule(
        "R206",
        "unknown-related-plan",
        E,
        "Den relaterade planfilen finns inte.",
        "En relaterad plan (related_plans) som anges med file: ska vara en planfil i samma mapp, så att dokumentet kan länka till den (7 §: samordna med annan planering).",
    ),
    Rule(
        "L301",
        "no-lagesbild",
        E,
        "Planen anger ingen lägesbild.",
        "Enligt 5 § Lag (2023:196) beslutar kommunen om åtgärdsplanen med lägesbilden (4 §) som underlag. Planen ska ange vilken lägesbild den bygger på.",
        kinds=("åtgärdsplan",),
        silenceable=True,
    ),
    Rule(
        "L302",
        "lagesbild-after-decision",
        E,
        "Lägesbilden är daterad efter beslutet.",
        "Åtgärdsplanen ska bygga på lägesbilden (5 §), så lägesbilden måste vara färdig före beslutet om planen.",
        kinds=("åtgärdsplan",),
        silenceable=True,
    ),
    Rule(
        "L303",
        "no-decision-date",
        W,
        "Beslutsdatum saknas.",
        "Lagens krav på uppföljning minst vartannat år (6 §) räknas från beslutet. Utan beslutsdatum kan planctl inte räkna ut när uppföljning senast ska ske.",
        kinds=("åtgärdsplan",),
        silenceable=True,
    ),
    Rule(
        "L304",
        "document-before-lagesbild",
        W,
        "Dokumentets datum är tidigare än lägesbilden.",
        "Dokumentet bär ett datum som ligger före lägesbildens färdigställande, fast planen ska bygga på lägesbilden. Kontrollera datumen.",
        kinds=("åtgärdsplan",),
        silenceable=True,
    ),
    Rule(
        "L305",
        "follow-up-interval",
        E,
        "Uppföljning mer sällan än vartannat år.",
        "Enligt 6 § ska åtgärdsplanen följas upp minst vartannat år: uppföljningsintervallet får vara högst 24 månader.",
        kinds=("åtgärdsplan",),
        silenceable=True,
    ),
    Rule(
        "L306",
        "no-follow-up-arrangement",
        E,
        "Planen säger inte hur den följs upp.",
        "Enligt 6 § ska åtgärdsplanen följas upp minst vartannat år. Ange follow-up med intervall och forum.",
        kinds=("åtgärdsplan",),
        silenceable=True,
    ),
    Rule(
        "G401",
        "area-without-measures",
        E,
        "Fokusområdet saknar åtgärder.",
        "Ett prioriterat område utan åtgärder blir ett problem utan plan.",
        silenceable=True,
        kinds=("åtgärdsplan",),
    ),
    Rule(
        "G402",
        "area-without-causes",
        E,
        "Fokusområdet saknar orsaksanalys.",
        "Brå: åtgärder ska väljas utifrån en analys av orsakerna till problemet. Varje prioriterat område behöver en orsaksanalys.",
        kinds=("åtgärdsplan",),
        silenceable=True,
    ),
    Rule(
        "G403",
        "measure-without-goal",
        E,
        "Åtgärden saknar mål.",
        "Varje åtgärd i ett prioriterat område ska ha minst ett mål, helst SMART (specifikt, mätbart, accepterat, realistiskt, tidsatt).",
        silenceable=True,
    ),
    Rule(
        "G404",
        "measure-without-owner",
        E,
        "Åtgärden saknar ägare.",
        "Brå: en åtgärd anger vem som gör vad. Ange minst en ägare (owners).",
        silenceable=True,
    ),
    Rule(
        "G405",
        "measure-without-timing",
        W,
        "Åtgärden saknar tidsangivelse (När).",
        "En åtgärd i ett prioriterat område ska säga när den genomförs. Saknas tiden i källan, låt luckan synas i stället för att hitta på en.",
        silenceable=True,
    ),
    Rule(
        "G406",
        "timing-outside-period",
        E,
        "Tidsangivelsen ligger utanför planperioden.",
        "Åtgärdens tid (När) måste ligga inom planens period, annars hör den till en annan plan.",
        silenceable=True,
    ),
    Rule(
        "G407",
        "measure-without-follow-up",
        E,
        "Åtgärden saknar uppföljning.",
        "Varje åtgärd ska ha ett sätt att följas upp: indikatorer, ett namngivet forum eller en beskrivning.",
        silenceable=True,
    ),
    Rule(
        "G408",
        "no-measurable-indicator",
        W,
        "Åtgärden saknar mätbar indikator.",
        "Åtgärden följs bara upp i ord eller genom ett forum. Brå: utan mätbara uppföljningsmått går det inte att se om åtgärden gör skillnad.",
        silenceable=True,
    ),
    Rule(
        "G409",
        "no-cause",
        W,
        "Åtgärden är inte kopplad till någon orsak.",
        "Brås främsta kritik av kommunernas planer är att kopplingen mellan problem och åtgärd saknas. Ange vilka orsaker i orsaksanalysen åtgärden riktar sig mot (addresses).",
        kinds=("åtgärdsplan",),
        silenceable=True,
    ),
    Rule(
        "G410",
        "lead-unknown",
        W,
        "Ansvarig okänd.",
        "Åtgärden har flera ägare men ingen utpekad ansvarig (lead). Brå: det ska framgå vem som ansvarar.",
        silenceable=True,
    ),
    Rule(
        "U501",
        "unknown-measure",
        E,
        "Uppföljningen nämner en åtgärd som inte finns i planen.",
        "Varje åtgärd i en uppföljning måste finnas i planen, med samma id.",
    ),
    Rule(
        "U502",
        "unknown-indicator",
        E,
        "Uppföljningen nämner en indikator som inte finns i planen.",
        "Varje indikator i en uppföljning måste finnas i planen, med samma id.",
    ),
    Rule(
        "U503",
        "value-out-of-range",
        E,
        "Värdet passar inte indikatorns enhet.",
        "En andel i procent ligger mellan 0 och 100, en skala mellan sina ändpunkter (1–5 om inget annat anges), antal, kronor och timmar är aldrig negativa.",
    ),
    Rule(
        "U504",
        "follow-up-before-decision",
        E,
        "Uppföljningen är daterad före beslutet om planen.",
        "En uppföljning följer upp en beslutad plan och kan inte vara daterad före beslutet.",
    ),
    Rule(
        "U505",
        "follow-up-gap",
        E,
        "Mer än två år mellan uppföljningar.",
        "Enligt 6 § Lag (2023:196) ska åtgärdsplanen följas upp minst vartannat år: högst 24 månader från beslutet till första uppföljningen och mellan uppföljningar. Saknas beslutsdatum räknas från planperiodens början.",
        kinds=("åtgärdsplan",),
    ),
    Rule(
        "U506",
        "follow-up-overdue",
        E,
        "Uppföljningen är försenad.",
        "Det har gått mer än 24 månader sedan beslutet eller den senaste uppföljningen (6 §). planctl räknar mot dagens datum; ange --today för en reproducerbar körning.",
        kinds=("åtgärdsplan",),
        silenceable=True,
        depends_on_today=True,
    ),
    Rule(
        "U507",
        "follow-up-due",
        W,
        "Uppföljning ska göras inom 90 dagar.",
        "Tidsgränsen på 24 månader (6 §) nås inom 90 dagar: planera uppföljningen.",
        kinds=("åtgärdsplan",),
        silenceable=True,
        depends_on_today=True,
    ),
    Rule(
        "U508",
        "measure-not-followed-up",
        W,
        "En åtgärd nämns inte i någon uppföljning.",
        "Brå: uppföljningen ska visa om alla delar av åtgärderna genomfördes. Ge varje åtgärd en status i uppföljningen.",
    ),
    Rule(
        "U509",
        "reported-twice",
        E,
        "Samma åtgärd eller indikator redovisas två gånger i en uppföljning.",
        "En uppföljning redovisar varje åtgärd och indikator en gång; två poster om samma sak motsäger varandra.",
    ),
    Rule(
        "U510",
        "plan-not-found",
        E,
        "Uppföljningens plan hittas inte.",
        "En uppföljning ligger i mappen med planfilens namn (plans/<plan>/uppfoljning-ÅÅÅÅ-MM.yaml) och anger planens id i plan:.",
    ),
    Rule(
        "U511",
        "follow-up-in-future",
        W,
        "Uppföljningen är daterad i framtiden.",
        "En uppföljning redovisar det som har hänt; ett datum efter dagens datum är troligen ett skrivfel.",
        depends_on_today=True,
    ),
    Rule(
        "U512",
        "plan-unreadable",
        E,
        "Uppföljningens plan har fel och kan inte läsas.",
        "En uppföljning kontrolleras mot sin plan: att åtgärderna och indikatorerna finns och att datumen stämmer. Har planen fel som hindrar att den läses, kan uppföljningen inte kontrolleras; rätta planen först.",
    ),
    Rule(
        "G411",
        "silence-expired",
        W,
        "Tystningen har gått ut.",
        "En tystning med slutdatum (until) har passerat sitt datum; fyndet visas igen. Förnya motiveringen eller åtgärda fyndet.",
        depends_on_today=True,
    ),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _ALL}


def applies(rule: Rule, kind: str) -> bool:
    return not rule.kinds or kind in rule.kinds
