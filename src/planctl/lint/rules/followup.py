"""U: a follow-up and its plan do not fit together, or the follow-up is late.

A follow-up file (``plans/<plan>/uppfoljning-ÅÅÅÅ-MM.yaml``) reports measures and
indicators of its plan; each must exist in the plan, once, with values its unit allows.
For an åtgärdsplan, 6 § asks for a follow-up at least every other year: from the decision
to the first and between follow-ups (U505), and up to today (U506, U507).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from planctl.lint.findings import short_line
from planctl.lint.rules.rule import E, Issue, Rule, W
from planctl.lint.suggest import Names, suggest
from planctl.model import FollowUp, Indicator, Loc, Measure, Plan, PlanKind, add_months, iter_indicators, iter_measures
from planctl.model.cadence import DUE_SOON_DAYS, MAX_MONTHS, Since, Start, cadence_start, decision_day, next_due
from planctl.words import number_text, since_text

RULES = [
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
]


def check_follow_ups(
    plan: Plan, follow_ups: Sequence[FollowUp], today: date, complete: bool = True
) -> tuple[list[Issue], list[list[Issue]]]:
    """Issues for the plan file and, per follow-up (in the order given), for each follow-up file.

    ``complete`` is False when a follow-up file beside the plan could not be read: then
    nothing is said about follow-ups being overdue or measures never followed up.
    """
    per_file: list[list[Issue]] = [[] for _ in follow_ups]
    measures = {measure.id: measure for measure, _, _ in iter_measures(plan)}
    indicators = {at.indicator.id: at.indicator for at in iter_indicators(plan)}
    for number, follow_up in enumerate(follow_ups):
        per_file[number].extend(_references(plan, follow_up, measures, indicators))
        per_file[number].extend(_dates(plan, follow_up, today))
    if plan.kind is PlanKind.ATGARDSPLAN:
        order = sorted(range(len(follow_ups)), key=lambda n: follow_ups[n].date)
        previous = cadence_start(plan)
        for number in order:
            current = follow_ups[number].date
            if current > add_months(previous.day, MAX_MONTHS):
                per_file[number].append(
                    Issue(
                        "U505",
                        ("date",),
                        f"uppföljningen {current} kommer mer än två år efter {since_text(previous)}; 6 § kräver minst vartannat år",
                    )
                )
            previous = Start(current, Since.FOLLOW_UP)
    if not complete:
        return [], per_file
    plan_issues = list(_plan_cadence(plan, follow_ups, today)) if plan.kind is PlanKind.ATGARDSPLAN else []
    if follow_ups:
        latest = max(range(len(follow_ups)), key=lambda n: follow_ups[n].date)
        mentioned = {r.measure for f in follow_ups for r in f.measures}
        loc: Loc = ("measures",) if follow_ups[latest].measures else ()
        for measure_id, measure in measures.items():
            if measure_id not in mentioned:
                per_file[latest].append(
                    Issue(
                        "U508",
                        loc,
                        f"åtgärden '{measure_id}' ({short_line(measure.title, 50)}) nämns inte i någon uppföljning",
                    )
                )
    return plan_issues, per_file


def _references(
    plan: Plan, follow_up: FollowUp, measures: dict[str, Measure], indicators: dict[str, Indicator]
) -> Iterator[Issue]:
    measure_names, indicator_names = Names(measures), Names(indicators)
    if follow_up.plan != plan.id:
        yield Issue(
            "U510", ("plan",), f"uppföljningen gäller planen '{follow_up.plan}', men ligger hos planen '{plan.id}'"
        )
    seen: set[str] = set()
    for n, report in enumerate(follow_up.measures):
        if report.measure not in measures:
            yield Issue(
                "U501",
                ("measures", n, "measure"),
                f"åtgärden '{report.measure}' finns inte i planen{suggest(report.measure, measure_names)}",
            )
        elif report.measure in seen:
            yield Issue("U509", ("measures", n, "measure"), f"åtgärden '{report.measure}' redovisas två gånger")
        seen.add(report.measure)
    seen = set()
    for n, values in enumerate(follow_up.indicators):
        indicator = indicators.get(values.indicator)
        if indicator is None:
            yield Issue(
                "U502",
                ("indicators", n, "indicator"),
                f"indikatorn '{values.indicator}' finns inte i planen{suggest(values.indicator, indicator_names)}",
            )
            continue
        if values.indicator in seen:
            yield Issue("U509", ("indicators", n, "indicator"), f"indikatorn '{values.indicator}' redovisas två gånger")
        seen.add(values.indicator)
        low, high = indicator.bounds()
        if low is None:
            continue  # no unit, nothing to hold the values to
        for v, measurement in enumerate(values.values):
            if measurement.value < low or (high is not None and measurement.value > high):
                allowed = f"{number_text(low)}–{number_text(high)}" if high is not None else f"minst {number_text(low)}"
                yield Issue(
                    "U503",
                    ("indicators", n, "values", v, "value"),
                    f"värdet {number_text(measurement.value)} passar inte enheten {indicator.unit} för '{indicator.id}' (tillåtet: {allowed})",
                )


def _dates(plan: Plan, follow_up: FollowUp, today: date) -> Iterator[Issue]:
    decided = decision_day(plan)
    if decided is not None and follow_up.date < decided:
        yield Issue("U504", ("date",), f"uppföljningen är daterad {follow_up.date}, före beslutet om planen {decided}")
    if follow_up.date > today:
        yield Issue("U511", ("date",), f"uppföljningen är daterad {follow_up.date}, efter dagens datum {today}")


def _plan_cadence(plan: Plan, follow_ups: Sequence[FollowUp], today: date) -> Iterator[Issue]:
    due = next_due(plan, [f for f in follow_ups if f.date <= today])
    where: Loc = ("follow_up",) if plan.follow_up else ()
    since = f"{due.months} månader efter {since_text(due.start)}"
    if today > due.day:
        yield Issue(
            "U506",
            where,
            f"uppföljning skulle ha gjorts senast {due.day} ({since}); 6 § kräver uppföljning minst vartannat år",
        )
    elif (due.day - today).days <= DUE_SOON_DAYS:
        yield Issue("U507", where, f"nästa uppföljning ska göras senast {due.day} ({since})")
