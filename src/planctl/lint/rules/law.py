"""L: the plan does not meet Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete.

An åtgärdsplan rests on a lägesbild (4 §, 5 §), is decided, and is followed up at least every
other year (6 §). These rules apply to åtgärdsplaner only. The follow-up cadence itself, which
needs the follow-up files, is checked with them (U505-U507 in ``followup.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from planctl.lint.findings import short_line
from planctl.lint.rules.rule import E, Issue, Rule, W
from planctl.model import FollowUp, Plan, PlanKind, add_months, date_bounds
from planctl.model.cadence import MAX_MONTHS, lagesbild_newest

RULES = [
    Rule(
        "L301",
        "no-lagesbild",
        E,
        "Planen anger ingen lägesbild.",
        "Enligt 5 § Lag (2023:196) beslutar kommunen om åtgärdsplanen med lägesbilden (4 §) som underlag. Planen ska ange vilken lägesbild den bygger på.",
        kinds=("åtgärdsplan",),
    ),
    Rule(
        "L302",
        "lagesbild-after-decision",
        E,
        "Lägesbilden är daterad efter beslutet.",
        "Åtgärdsplanen ska bygga på lägesbilden (5 §), så lägesbilden måste vara färdig före beslutet om planen.",
        kinds=("åtgärdsplan",),
    ),
    Rule(
        "L303",
        "no-decision-date",
        W,
        "Beslutsdatum saknas.",
        "Lagens krav på uppföljning minst vartannat år (6 §) räknas från beslutet. Utan beslutsdatum kan planctl inte räkna ut när uppföljning senast ska ske.",
        kinds=("åtgärdsplan",),
    ),
    Rule(
        "L304",
        "document-before-lagesbild",
        W,
        "Dokumentets datum är tidigare än lägesbilden.",
        "Dokumentet bär ett datum som ligger före lägesbildens färdigställande, fast planen ska bygga på lägesbilden. Kontrollera datumen.",
        kinds=("åtgärdsplan",),
    ),
    Rule(
        "L305",
        "follow-up-interval",
        E,
        "Uppföljning mer sällan än vartannat år.",
        "Enligt 6 § ska åtgärdsplanen följas upp minst vartannat år: uppföljningsintervallet får vara högst 24 månader.",
        kinds=("åtgärdsplan",),
    ),
    Rule(
        "L306",
        "no-follow-up-arrangement",
        E,
        "Planen säger inte hur den följs upp.",
        "Enligt 6 § ska åtgärdsplanen följas upp minst vartannat år. Ange hur planen följs upp (follow_up) med intervall och forum.",
        kinds=("åtgärdsplan",),
    ),
    Rule(
        "L307",
        "decided-by-non-municipal-body",
        E,
        "Planen är beslutad av något annat än ett kommunalt organ.",
        "Enligt 5 § är det kommunen som beslutar om åtgärdsplanen: kommunfullmäktige, kommunstyrelsen eller en nämnd. Ett samverkansforum (t.ex. en samverkansledning med polisen) kan besluta om åtgärder, men det anges som measures_decision, inte som planens beslut.",
        kinds=("åtgärdsplan",),
        example="decision: {body: Samverkansledningen, date: 2024-11-20}",
        instead="decision: {body: Kommunstyrelsen, date: 2024-11-20, paragraph: § 312, reference: KS 2024/1}\nmeasures_decision: {body: Samverkansledningen}",
    ),
    Rule(
        "L308",
        "lagesbild-undated",
        W,
        "Lägesbilden saknar datum.",
        "Lägesbilden ska uppdateras minst vartannat år (6 §) och vara färdig före beslutet (5 §). Utan datum kan inget av det kontrolleras; ange när den färdigställdes.",
        kinds=("åtgärdsplan",),
        example="lagesbild: {title: Lägesbild 2024}",
        instead='lagesbild: {title: Lägesbild 2024, completed: "2024-06", reference: KS 2024/2}',
    ),
    Rule(
        "L309",
        "lagesbild-stale",
        E,
        "Lägesbilden är äldre än två år.",
        "Lägesbilden ska uppdateras minst vartannat år (6 §), inte bara planen följas upp. Ange uppdateringen med datum och diarienummer (lagesbild.updates eller lagesbild_update i en uppföljning). planctl räknar mot dagens datum; ange --today för en reproducerbar körning.",
        kinds=("åtgärdsplan",),
        depends_on_today=True,
        example='lagesbild: {title: Lägesbild 2022, completed: "2022-06"}',
        instead='lagesbild:\n  title: Lägesbild 2022\n  completed: "2022-06"\n  updates: [{date: 2024-05-30, reference: KS 2024/210}]',
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
    elif plan.lagesbild.completed is None:
        yield Issue(
            "L308",
            ("lagesbild",),
            "lägesbilden saknar datum (lagesbild.completed); utan det kan varken beslutet eller uppdateringen kontrolleras",
        )
    elif plan.lagesbild.completed and decided and date_bounds(plan.lagesbild.completed)[0] > date_bounds(decided)[1]:
        yield Issue(
            "L302",
            ("lagesbild", "completed"),
            f"lägesbilden färdigställdes {plan.lagesbild.completed}, efter beslutet om planen {decided}; planen ska bygga på lägesbilden",
        )
    body = plan.decision.body if plan.decision else None
    if body is not None and not is_municipal_body(body):
        yield Issue(
            "L307",
            ("decision", "body"),
            f"'{short_line(body)}' är inget kommunalt organ; planen beslutas av kommunfullmäktige, kommunstyrelsen "
            "eller en nämnd (ett samverkansforum som beslutat om åtgärderna anges som measures_decision)",
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


#: Words that name a municipal organ that can decide a plan.
_MUNICIPAL = ("fullmäktige", "kommunstyrelse", "nämnd", "kommunstyrelsen", "regionstyrelse")


def is_municipal_body(body: str) -> bool:
    """Whether ``body`` names kommunfullmäktige, kommunstyrelsen or a nämnd (or their committees)."""
    words = body.casefold()
    return any(word in words for word in _MUNICIPAL)


def check_today(plan: Plan, follow_ups: Sequence[FollowUp], today: date) -> Iterator[Issue]:
    """6 §: the lägesbild is updated at least every other year (the plan or its follow-ups
    record the updates)."""
    if plan.kind is not PlanKind.ATGARDSPLAN:
        return
    newest = lagesbild_newest(plan, follow_ups, today)
    if newest is None:
        return
    if add_months(newest, MAX_MONTHS) < today:
        yield Issue(
            "L309",
            ("lagesbild",),
            f"lägesbilden uppdaterades senast {newest}, mer än två år före {today}; 6 § kräver att den uppdateras "
            "minst vartannat år (ange uppdateringen med datum och diarienummer)",
        )
