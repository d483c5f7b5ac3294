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
from planctl.model import Loc, Measure, Plan, PlanKind, iter_areas, iter_causes, iter_measures
from planctl.terminal import printable

RULES = [
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
]


def check(plan: Plan) -> Iterator[Issue]:
    organisations = Names(org.id for org in plan.organisations)
    areas = Names(area.id for area, _, _ in iter_areas(plan))
    causes = Names(cause.id for cause, _, _ in iter_causes(plan))
    for measure, _, loc in iter_measures(plan):
        yield from _measure(measure, loc, organisations, areas, causes)


def _measure(measure: Measure, loc: Loc, organisations: Names, areas: Names, causes: Names) -> Iterator[Issue]:
    for o, owner in enumerate(measure.owners):
        if owner not in organisations:
            yield Issue(
                "R201",
                (*loc, "owners", o),
                f"ägaren '{owner}' finns inte bland planens organisationer{suggest(owner, organisations)}",
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
                "R204", (*loc, "lead"), f"den ansvariga '{measure.lead}' står inte bland åtgärdens ägare (owners)"
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
    """Related plans named by file must be other plan files beside this one (7 §)."""
    for number, related in enumerate(plan.related_plans):
        if related.file is None:
            continue
        problem = _related_problem(related.file, path)
        if problem is not None:
            yield Issue("R206", ("related_plans", number, "file"), problem)


def _related_problem(name: str, path: Path) -> str | None:
    """Why ``name`` does not name another plan file beside ``path``, or None."""
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
    if kind not in {k.value for k in PlanKind}:
        return f"'{shown}' är ingen plan (kind: åtgärdsplan eller handlingsplan)"
    return None
