"""L: the plan does not meet Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete.

An åtgärdsplan rests on a lägesbild (4 §, 5 §), is decided, and is followed up at least every
other year (6 §). These rules apply to åtgärdsplaner only. The follow-up cadence itself, which
needs the follow-up files, is checked with them (U505-U507 in ``followup.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

from planctl.lint.rules.rule import E, Issue, Rule, W
from planctl.model import Plan, PlanKind, date_bounds

RULES = [
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
]


def check(plan: Plan) -> Iterator[Issue]:
    """The law's demands on an åtgärdsplan (a handlingsplan is not under Lag 2023:196)."""
    if plan.kind is not PlanKind.ATGARDSPLAN:
        return
    decided = plan.decision.date if plan.decision else None
    if plan.lagesbild is None:
        yield Issue(
            "L301",
            (),
            "planen anger inte vilken lägesbild den bygger på (lagesbild:); 5 § kräver lägesbilden som underlag",
        )
    elif plan.lagesbild.completed and decided and date_bounds(plan.lagesbild.completed)[0] > date_bounds(decided)[1]:
        yield Issue(
            "L302",
            ("lagesbild", "completed"),
            f"lägesbilden färdigställdes {plan.lagesbild.completed}, efter beslutet om planen {decided}; planen ska bygga på lägesbilden",
        )
    if decided is None:
        yield Issue(
            "L303",
            ("decision",) if plan.decision else (),
            "planen anger inget beslutsdatum (decision.date); uppföljningskravet i 6 § räknas från beslutet",
        )
    if (
        plan.document_date
        and plan.lagesbild
        and plan.lagesbild.completed
        and date_bounds(plan.document_date)[1] < date_bounds(plan.lagesbild.completed)[0]
    ):
        yield Issue(
            "L304",
            ("document_date",),
            f"dokumentet är daterat {plan.document_date}, före lägesbilden ({plan.lagesbild.completed}) som planen bygger på",
        )
    if plan.follow_up is None:
        yield Issue(
            "L306", (), "planen säger inte hur den följs upp (follow_up:); 6 § kräver uppföljning minst vartannat år"
        )
    elif plan.follow_up.interval_months is None:
        yield Issue(
            "L306",
            ("follow_up",),
            "planen anger inte hur ofta den följs upp (follow_up.interval_months); 6 § kräver minst vartannat år",
        )
    elif plan.follow_up.interval_months > 24:
        yield Issue(
            "L305",
            ("follow_up", "interval_months"),
            f"uppföljning var {plan.follow_up.interval_months}:e månad; 6 § kräver minst vartannat år (högst 24 månader)",
        )
