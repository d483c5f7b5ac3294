"""S: the plan does not have the format's structure.

S101-S103 and S105-S106 come from the model itself (``planctl.lint.model_errors`` turns
pydantic's errors into these findings, in Swedish, at their lines); the checks here look
across the document for what one field alone cannot show.
"""

from __future__ import annotations

from collections.abc import Iterator

from planctl.lint.findings import path_text
from planctl.lint.rules.rule import E, Issue, Rule
from planctl.model import Loc, Plan, iter_areas, iter_causes, iter_indicators, iter_measures

RULES = [
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
]


def check(plan: Plan) -> Iterator[Issue]:
    yield from _duplicate_ids(plan)
    if plan.period.end is not None and plan.period.end < plan.period.start:
        yield Issue(
            "S107", ("period",), f"planperioden slutar {plan.period.end}, före sitt startår {plan.period.start}"
        )


def _duplicate_ids(plan: Plan) -> Iterator[Issue]:
    """Ids must be unique within each kind of element, since other parts refer to them."""
    groups: dict[str, list[tuple[str, Loc]]] = {
        "en annan organisation": [(org.id, ("organisations", o, "id")) for o, org in enumerate(plan.organisations)],
        "ett annat fokusområde": [(area.id, (*loc, "id")) for area, _, loc in iter_areas(plan)],
        "en annan orsak": [(cause.id, (*loc, "id")) for cause, _, loc in iter_causes(plan)],
        "en annan åtgärd": [(measure.id, (*loc, "id")) for measure, _, loc in iter_measures(plan)],
        "en annan indikator": [(at.indicator.id, (*at.loc, "id")) for at in iter_indicators(plan)],
    }
    for what, entries in groups.items():
        first: dict[str, Loc] = {}
        for ident, loc in entries:
            if ident in first:
                yield Issue("S104", loc, f"id '{ident}' används redan för {what} ({path_text(first[ident])})")
            else:
                first[ident] = loc
