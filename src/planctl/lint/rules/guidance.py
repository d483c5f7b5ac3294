"""G: good practice after Brå's guidance.

Brå's main criticism of municipal plans is that the link from problem to measure is missing
and that the work is rarely followed up. These rules ask each area for measures and a cause
analysis, and each measure for goals, timing, owners, a lead, a link to a cause and a
measurable follow-up. Most may be silenced with a written reason where a plan deliberately
does otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from planctl.lint.findings import short_line
from planctl.lint.rules.rule import E, Issue, Rule, W
from planctl.model import (
    AreaTrack,
    FocusArea,
    Loc,
    Measure,
    Plan,
    iter_areas,
    iter_causes,
    iter_indicators,
    iter_measures,
    iter_problems,
    iter_texts,
)
from planctl.words import and_list, period_text, timing_text

RULES = [
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
        "Åtgärden saknar ansvarig och medverkande.",
        "Brå: en åtgärd anger vem som gör vad. Ange minst en ansvarig eller medverkande organisation (owners).",
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
        "Åtgärden har flera medverkande men ingen utpekad ansvarig (lead). Brå: det ska framgå vem som ansvarar.",
        silenceable=True,
    ),
    Rule(
        "G411",
        "silence-expired",
        W,
        "Tystningen har gått ut.",
        "En tystning med slutdatum (until) har passerat sitt datum; fyndet visas igen. Förnya motiveringen eller åtgärda fyndet.",
        depends_on_today=True,
    ),
    Rule(
        "G412",
        "cause-not-addressed",
        W,
        "Ingen åtgärd riktas mot orsaken.",
        "Brå: kedjan problem → orsak → åtgärd ska hålla. En orsak som orsaksanalysen pekar ut men som ingen åtgärd riktas mot (addresses) är en lucka i planen, eller en orsak planen medvetet lämnar åt andra.",
        silenceable=True,
        example="causes: [{id: vuxna, name: Färre vuxna i skolmiljön}]\n# ingen åtgärd har addresses: [vuxna]",
        instead="measures:\n  - id: rastvakter\n    addresses: [vuxna]",
    ),
    Rule(
        "G413",
        "indicator-incomplete",
        W,
        "Indikatorn saknar utgångsvärde, mål eller datakälla.",
        "Brå: ett mål ska vara mätbart och tidsatt. En indikator behöver ett utgångsvärde att jämföra med, ett mål att nå och en källa för värdena; annars kan uppföljningen inte säga om det går åt rätt håll.",
        silenceable=True,
        example="- {id: trygga, name: Andel trygga elever, unit: procent}",
        instead='- id: trygga\n  name: Andel trygga elever\n  unit: procent\n  baseline: {value: 71, period: "2024"}\n  target: {value: 80, by: "2026"}\n  source: Skolenkäten',
    ),
    Rule(
        "G414",
        "problem-not-answered",
        W,
        "Inget fokusområde svarar mot problemet.",
        "Lägesbilden pekar ut ett problem som inget fokusområde svarar mot (answers). Kedjan problem → orsak → åtgärd börjar i lägesbilden; ett problem planen inte tar sig an bör den säga varför.",
        silenceable=True,
        example="lagesbild: {problems: [{id: narkotika, title: Narkotika}]}",
        instead="focus_areas:\n  - id: narkotika\n    answers: [narkotika]",
    ),
    Rule(
        "G415",
        "area-answers-no-problem",
        W,
        "Fokusområdet svarar inte mot något problem i lägesbilden.",
        "Planen ska bygga på lägesbilden (5 §). Ange vilka av lägesbildens problem ett prioriterat område svarar mot (answers), så att kedjan från problem till åtgärd syns.",
        silenceable=True,
        example="- id: skola\n  title: Otrygghet i skolan",
        instead="- id: skola\n  title: Otrygghet i skolan\n  answers: [otrygghet-skola]",
    ),
    Rule(
        "G416",
        "unfinished-text",
        W,
        "Texten ser ofärdig ut.",
        "En text som innehåller ???, TODO eller XXX är troligen inte färdigskriven. Står det så i källan, tysta regeln för elementet med den motiveringen.",
        silenceable=True,
        example="text: Målet är att ???",
        instead="text: Målet är att fler föräldrar får stöd.",
    ),
]


def check(plan: Plan) -> Iterator[Issue]:
    for area, _, loc in iter_areas(plan):
        yield from _area(plan, area, loc)
    for measure, area, loc in iter_measures(plan):
        if measure.ended is None:  # an ended measure is history; only what it was is kept
            yield from _measure(plan, area, measure, loc)
    yield from _chain(plan)
    yield from _indicators(plan)
    for text, loc in iter_texts(plan):
        unfinished = _UNFINISHED.search(text)
        if unfinished is not None:
            yield Issue("G416", loc, f"texten ser ofärdig ut ('{unfinished.group()}'): {short_line(text, 50)}")


_UNFINISHED = re.compile(r"\?\?\?|\bTODO\b|\bXXX\b")


def _chain(plan: Plan) -> Iterator[Issue]:
    """Problem → area and cause → measure: each link that the plan leaves open."""
    addressed = {cause for measure, _, _ in iter_measures(plan) for cause in measure.addresses}
    for cause, _, loc in iter_causes(plan):
        if cause.id not in addressed:
            yield Issue("G412", loc, f"ingen åtgärd riktas mot orsaken '{short_line(cause.name)}' (addresses: [{cause.id}])")
    problems = list(iter_problems(plan))
    if not problems:
        return
    answered = {problem for area in plan.focus_areas for problem in area.answers}
    for problem, loc in problems:
        if problem.id not in answered:
            yield Issue("G414", loc, f"inget fokusområde svarar mot problemet '{short_line(problem.title)}' (answers: [{problem.id}])")
    for area, _, loc in iter_areas(plan):
        if area.track is AreaTrack.PRIORITERAT and not area.answers:
            yield Issue("G415", loc, f"fokusområdet '{short_line(area.title)}' anger inte vilket problem i lägesbilden det svarar mot (answers)")


def _indicators(plan: Plan) -> Iterator[Issue]:
    for at in iter_indicators(plan):
        indicator = at.indicator
        missing = [
            word
            for word, value in (
                ("utgångsvärde", indicator.baseline),
                ("mål", indicator.target),
                ("datakälla", indicator.source),
            )
            if value is None
        ]
        if missing:
            yield Issue(
                "G413", at.loc, f"indikatorn '{short_line(indicator.name, 50)}' saknar {and_list(missing)}"
            )


def _area(plan: Plan, area: FocusArea, loc: Loc) -> Iterator[Issue]:
    if not area.measures and not any(area.id in measure.also_in for measure, _, _ in iter_measures(plan)):
        yield Issue("G401", loc, f"fokusområdet '{area.title}' har inga åtgärder")
    if area.track is AreaTrack.PRIORITERAT and area.cause_analysis is None:
        yield Issue("G402", loc, f"fokusområdet '{area.title}' saknar orsaksanalys (cause_analysis)")


def _measure(plan: Plan, area: FocusArea, measure: Measure, loc: Loc) -> Iterator[Issue]:
    prioritised = area.track is AreaTrack.PRIORITERAT
    name = f"åtgärden '{short_line(measure.title)}'"
    if not measure.owners:
        yield Issue("G404", loc, f"{name} har ingen ansvarig eller medverkande (owners)")
    follow = measure.follow_up
    if follow is None or not (follow.indicators or follow.indicator_refs or follow.forum or follow.text):
        yield Issue("G407", loc, f"{name} saknar uppföljning (follow_up)")
    if not prioritised:
        return
    if not measure.goals:
        yield Issue("G403", loc, f"{name} saknar mål (goals)")
    if measure.timing is None:
        yield Issue("G405", loc, f"{name} saknar tidsangivelse (När)")
    else:
        period_end = plan.period.end if plan.period.end is not None else plan.period.start
        first, last = measure.timing.first, measure.timing.last
        outside = (first is not None and first.first_day < date(plan.period.start, 1, 1)) or (
            last is not None and last.last_day > date(period_end, 12, 31)
        )
        if outside:
            yield Issue(
                "G406",
                (*loc, "timing"),
                f"{name} är planerad till {timing_text(measure.timing)}, utanför planperioden {period_text(plan.period)}",
            )
    if follow is not None and not (follow.indicators or follow.indicator_refs) and (follow.forum or follow.text):
        how = follow.text or f"genom {follow.forum}"
        yield Issue("G408", loc, f"{name} följs bara upp i ord ('{short_line(how)}'), utan mätbar indikator")
    if not measure.addresses:
        yield Issue("G409", loc, f"{name} är inte kopplad till någon orsak i orsaksanalysen (addresses)")
    if measure.lead is None and len(measure.owners) > 1:
        yield Issue("G410", loc, f"{name} har {len(measure.owners)} medverkande men ingen utpekad ansvarig (lead)")
