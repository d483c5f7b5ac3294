"""R: a reference points at nothing.

Measures name their owners, the areas they also affect and the causes they address by id;
related plans name other plan files beside this one. Each must exist, and a near miss gets
a "menade du …?". (R205, a silence of a rule that does not exist, is checked with the
silences in ``planctl.lint.silences``.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from planctl.files import PLAN_SUFFIXES, is_file
from planctl.lint.rules.rule import E, Issue, Rule
from planctl.lint.suggest import Names, suggest
from planctl.model import (
    Loc,
    Measure,
    Plan,
    PlanKind,
    iter_areas,
    iter_causes,
    iter_indicators,
    iter_measures,
    iter_problems,
    iter_texts,
)
from planctl.model.fields import FOOTNOTE_MARKER
from planctl.model.walk import iter_noted
from planctl.terminal import printable
from planctl.words import count

RULES = [
    Rule(
        "R201",
        "unknown-owner",
        E,
        "Okänd ansvarig eller medverkande.",
        "Varje ansvarig och medverkande måste finnas bland planens organisationer (förkortningslistan eller externa aktörer), med sitt id eller ett av sina andra namn (aliases).",
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
        "Den ansvariga står inte bland ansvariga och medverkande.",
        "Den ansvariga (lead) ska också stå i listan över ansvariga och medverkande (owners), så att dokumentet kan visa hela kolumnen Vem.",
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
        "R207",
        "unknown-lagesbild-file",
        E,
        "Lägesbildsfilen finns inte.",
        "En lägesbild som anges med file: ska vara en fil bredvid planen med kind: lägesbild, som håller lägesbildens problem och analys.",
        example="lagesbild: {title: Lägesbild 2024, file: lagesbild-2024.yaml}",
        instead="# lagesbild-2024.yaml bredvid planen:\nformat_version: 2\nkind: lägesbild\nmunicipality: Exempelstad\ntitle: Lägesbild 2024",
    ),
    Rule(
        "R208",
        "unknown-problem",
        E,
        "Okänt problem i lägesbilden.",
        "Ett fokusområde anger att det svarar mot ett problem (answers) som inte finns bland lägesbildens problem.",
        example="answers: [narkotka]",
        instead="answers: [narkotika]",
    ),
    Rule(
        "R209",
        "unknown-area-in-also-in",
        E,
        "Okänt fokusområde i also_in.",
        "En åtgärd som hör till flera fokusområden (also_in) ska ange andra områden som finns i planen.",
        example="also_in: [natverk]",
        instead="also_in: [natverkskriminalitet]",
    ),
    Rule(
        "R210",
        "unknown-shared-indicator",
        E,
        "Okänd delad indikator.",
        "En åtgärd som följs upp med en indikator som definieras på annat ställe (indicator_refs) ska ange en indikator som finns i planen.",
        example="follow_up: {indicator_refs: [trygghet]}",
        instead="follow_up: {indicator_refs: [andel-trygga]}",
    ),
    Rule(
        "R211",
        "unknown-replacement",
        E,
        "Den ersättande åtgärden finns inte.",
        "En åtgärd som avslutats som ersatt (ended.how: ersatt) anger vilken åtgärd som ersätter den (replaced_by); den måste finnas i planen.",
        example="ended: {date: 2026-03, how: ersatt, replaced_by: nya-atgarden, reason: …}",
        instead="ended: {date: 2026-03, how: ersatt, replaced_by: trygga-skolvagar, reason: …}",
    ),
    Rule(
        "R212",
        "alias-clash",
        E,
        "Ett annat namn krockar.",
        "En organisations andra namn (aliases) får inte vara en annan organisations id eller andra namn, eftersom planctl då inte vet vilken som avses.",
        example="- {id: RTJ, name: Räddningstjänsten}\n- {id: SF, name: Socialförvaltningen, aliases: [RTJ]}",
        instead="- {id: RTJ, name: Räddningstjänsten}\n- {id: SF, name: Socialförvaltningen, aliases: [SOC]}",
    ),
    Rule(
        "R213",
        "unknown-footnote",
        E,
        "Fotnotsmarkören pekar inte på någon not.",
        "En markör [^2] i en text pekar på elementets andra not (notes). Markörer fungerar i kapitel 1:s avsnitt (planens notes), "
        "i fokusområdets beskrivning, orsaksanalys och inledning till åtgärderna (områdets notes) och i åtgärdens titel, "
        "beskrivning och mål (åtgärdens notes). En markör utan not, eller på ett annat ställe, visas inte i dokumentet.",
        example="description: Våldet har ökat.[^3]\nnotes: [Lägesbild 2024, s. 12]",
        instead="description: Våldet har ökat.[^1]\nnotes: [Lägesbild 2024, s. 12]",
    ),
]

_MARKER = FOOTNOTE_MARKER


def check(plan: Plan) -> Iterator[Issue]:
    yield from _aliases(plan)
    yield from _markers(plan)
    organisations = Names(name for org in plan.organisations for name in (org.id, *org.aliases))
    areas = Names(area.id for area, _, _ in iter_areas(plan))
    causes = Names(cause.id for cause, _, _ in iter_causes(plan))
    indicators = Names(at.indicator.id for at in iter_indicators(plan))
    measures = Names(measure.id for measure, _, _ in iter_measures(plan))
    for measure, area, loc in iter_measures(plan):
        yield from _measure(measure, loc, organisations, areas, causes)
        for i, other in enumerate(measure.also_in):
            if other not in areas or other == area.id:
                why = "är åtgärdens eget område" if other == area.id else f"finns inte i planen{suggest(other, areas)}"
                yield Issue("R209", (*loc, "also_in", i), f"fokusområdet '{other}' {why}")
        if measure.follow_up is not None:
            for i, ref in enumerate(measure.follow_up.indicator_refs):
                if ref not in indicators:
                    yield Issue("R210", (*loc, "follow_up", "indicator_refs", i), f"indikatorn '{ref}' finns inte i planen{suggest(ref, indicators)}")
        ended = measure.ended
        if ended is not None and ended.replaced_by is not None and ended.replaced_by not in measures:
            others = [m for m in measures.options if m != measure.id]
            yield Issue(
                "R211",
                (*loc, "ended", "replaced_by"),
                f"åtgärden '{ended.replaced_by}' som ska ersätta denna finns inte i planen{suggest(ended.replaced_by, others)}",
            )
    problems = Names(problem.id for problem, _ in iter_problems(plan))
    if plan.lagesbild is not None and (plan.lagesbild.problems or plan.lagesbild.file is None):
        for area, _, loc in iter_areas(plan):
            for i, problem in enumerate(area.answers):
                if problem not in problems:
                    yield Issue(
                        "R208", (*loc, "answers", i), f"problemet '{problem}' finns inte i lägesbilden{suggest(problem, problems)}"
                    )


def _markers(plan: Plan) -> Iterator[Issue]:
    """Each ``[^k]`` points at a note of its element, in a text where the document resolves markers."""
    resolved: set[Loc] = set()
    for noted in iter_noted(plan):
        for where, text in noted.texts:
            loc = (*noted.loc, *where)
            resolved.add(loc)
            for match in _MARKER.finditer(text or ""):
                number = int(match.group(1))
                if not 1 <= number <= len(noted.notes):
                    has = f"har {count(len(noted.notes), 'not', 'noter')}" if noted.notes else "har inga noter (notes)"
                    yield Issue("R213", loc, f"markören {match.group()} pekar inte på någon not: elementet {has}")
    for text, loc in iter_texts(plan):
        stray = _MARKER.search(text)
        if stray is not None and loc not in resolved and "notes" not in loc:
            yield Issue("R213", loc, f"markören {stray.group()} står i en text där planctl inte visar fotnoter; flytta noten till texten den hör till")


def _aliases(plan: Plan) -> Iterator[Issue]:
    """An organisation's other names must name it alone."""
    taken = {org.id: org.id for org in plan.organisations}
    for o, org in enumerate(plan.organisations):
        for a, alias in enumerate(org.aliases):
            owner = taken.get(alias)
            if owner is not None and owner != org.id:
                yield Issue(
                    "R212", ("organisations", o, "aliases", a), f"'{alias}' är redan id eller annat namn för {owner}"
                )
            taken.setdefault(alias, org.id)


def _measure(measure: Measure, loc: Loc, organisations: Names, areas: Names, causes: Names) -> Iterator[Issue]:
    for o, owner in enumerate(measure.owners):
        if owner not in organisations:
            yield Issue(
                "R201",
                (*loc, "owners", o),
                f"'{owner}' (ansvarig eller medverkande) finns inte bland planens organisationer{suggest(owner, organisations)}",
            )
    if measure.lead is not None:
        if measure.lead not in organisations:
            yield Issue(
                "R201",
                (*loc, "lead"),
                f"den ansvariga '{measure.lead}' finns inte bland planens organisationer{suggest(measure.lead, organisations)}",
            )
        elif measure.lead not in measure.owners:
            yield Issue(
                "R204",
                (*loc, "lead"),
                f"den ansvariga '{measure.lead}' står inte bland åtgärdens ansvariga och medverkande (owners)",
            )
    for i, area in enumerate(measure.also_affects):
        if area not in areas:
            yield Issue(
                "R202", (*loc, "also_affects", i), f"fokusområdet '{area}' finns inte i planen{suggest(area, areas)}"
            )
    for i, cause in enumerate(measure.addresses):
        if cause not in causes:
            yield Issue(
                "R203",
                (*loc, "addresses", i),
                f"orsaken '{cause}' finns inte i någon orsaksanalys{suggest(cause, causes)}",
            )


def check_files(plan: Plan, path: Path) -> Iterator[Issue]:
    """Related plans named by file must be other plan files beside this one; a lägesbild file
    must be a lägesbild beside it."""
    if plan.lagesbild is not None and plan.lagesbild.file is not None:
        problem = _sibling_problem(plan.lagesbild.file, path, ("lägesbild",), "ingen lägesbild (kind: lägesbild)")
        if problem is None and not plan.lagesbild.problems and not plan.lagesbild.analysis:
            problem = f"lägesbildsfilen '{printable(plan.lagesbild.file)}' har fel och kan inte läsas; kör planctl validate på den"
        if problem is not None:
            yield Issue("R207", ("lagesbild", "file"), problem.replace("planfilen", "lägesbildsfilen"))
    for number, related in enumerate(plan.related_plans):
        if related.file is None:
            continue
        problem = _sibling_problem(related.file, path, tuple(k.value for k in PlanKind), "ingen plan (kind: åtgärdsplan eller handlingsplan)")
        if problem is not None:
            yield Issue("R206", ("related_plans", number, "file"), problem)


def _sibling_problem(name: str, path: Path, kinds: tuple[str, ...], not_kind: str) -> str | None:
    """Why ``name`` does not name another file of one of ``kinds`` beside ``path``, or None."""
    shown = printable(name)
    if "/" in name or "\\" in name or name in (".", ".."):
        return f"'{shown}' är inget filnamn bredvid {path.name}; ange bara filnamnet på en plan i samma mapp"
    target = path.parent / name
    if name == path.name:
        return f"'{shown}' är den här planen själv; ange en annan plan"
    if not is_file(target) or target.suffix not in PLAN_SUFFIXES:
        try:
            siblings = [p.name for p in path.parent.iterdir() if p.suffix in PLAN_SUFFIXES and p != path]
        except OSError:
            siblings = []
        return f"planfilen '{shown}' finns inte bredvid {path.name}{suggest(name, siblings)}"
    from planctl.lint.loader import load_file  # the loader places its findings with these rules

    loaded = load_file(target)
    kind = loaded.data.get("kind") if isinstance(loaded.data, dict) else None
    if not isinstance(kind, str) or kind not in kinds:
        return f"'{shown}' är {not_kind}"
    return None
