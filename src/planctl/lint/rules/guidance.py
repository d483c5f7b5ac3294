"""G: good practice after Brå's guidance.

Brå's main criticism of municipal plans is that the link from problem to measure is missing
and that the work is rarely followed up. These rules ask each area for measures and a cause
analysis, and each measure for goals, timing, owners, a lead, a link to a cause and a
measurable follow-up. Most may be silenced with a written reason where a plan deliberately
does otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

from planctl.lint.findings import short_line
from planctl.lint.rules.rule import E, Issue, Rule, W
from planctl.model import AreaTrack, FocusArea, Loc, Measure, Plan, iter_areas, iter_measures

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
        "G411",
        "silence-expired",
        W,
        "Tystningen har gått ut.",
        "En tystning med slutdatum (until) har passerat sitt datum; fyndet visas igen. Förnya motiveringen eller åtgärda fyndet.",
        depends_on_today=True,
    ),
]


def check(plan: Plan) -> Iterator[Issue]:
    for area, _, loc in iter_areas(plan):
        yield from _area(plan, area, loc)
    for measure, area, loc in iter_measures(plan):
        yield from _measure(plan, area, measure, loc)


def _area(plan: Plan, area: FocusArea, loc: Loc) -> Iterator[Issue]:
    if not area.measures:
        yield Issue("G401", loc, f"fokusområdet '{area.title}' har inga åtgärder")
    if area.track is AreaTrack.PRIORITERAT and area.cause_analysis is None:
        yield Issue("G402", loc, f"fokusområdet '{area.title}' saknar orsaksanalys (cause_analysis)")


def _measure(plan: Plan, area: FocusArea, measure: Measure, loc: Loc) -> Iterator[Issue]:
    prioritised = area.track is AreaTrack.PRIORITERAT
    name = f"åtgärden '{short_line(measure.title)}'"
    if not measure.owners:
        yield Issue("G404", loc, f"{name} har ingen ägare (owners)")
    follow = measure.follow_up
    if follow is None or not (follow.indicators or follow.forum or follow.text):
        yield Issue("G407", loc, f"{name} saknar uppföljning (follow_up)")
    if not prioritised:
        return
    if not measure.goals:
        yield Issue("G403", loc, f"{name} saknar mål (goals)")
    if measure.timing is None:
        yield Issue("G405", loc, f"{name} saknar tidsangivelse (När)")
    else:
        first = measure.timing.start
        last = measure.timing.end if measure.timing.end is not None else first
        period_end = plan.period.end if plan.period.end is not None else plan.period.start
        if first < plan.period.start or last > period_end:
            span = f"{first}" if first == last else f"{first}–{last}"
            yield Issue(
                "G406",
                (*loc, "timing"),
                f"{name} ligger {span}, utanför planperioden {plan.period.start}–{period_end}",
            )
    if follow is not None and not follow.indicators and (follow.forum or follow.text):
        how = follow.text or f"genom {follow.forum}"
        yield Issue("G408", loc, f"{name} följs bara upp i ord ('{short_line(how)}'), utan mätbar indikator")
    if not measure.addresses:
        yield Issue("G409", loc, f"{name} är inte kopplad till någon orsak i orsaksanalysen (addresses)")
    if measure.lead is None and len(measure.owners) > 1:
        yield Issue("G410", loc, f"{name} har {len(measure.owners)} ägare men ingen utpekad ansvarig (lead)")
