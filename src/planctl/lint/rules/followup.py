"""U: a follow-up and its plan do not fit together, or the follow-up is late.

A follow-up file (``plans/<plan>/uppfoljning-ÅÅÅÅ-MM.yaml``) reports measures and
indicators of its plan; each must exist in the plan, once, with values its unit allows.
For an åtgärdsplan, 6 § asks for a follow-up at least every other year: from the decision
to the first and between follow-ups (U505), and up to today (U506, U507).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from planctl.lint.findings import short_line
from planctl.lint.rules import law
from planctl.lint.rules.rule import E, Issue, Rule, W
from planctl.lint.suggest import Names, suggest
from planctl.model import (
    FollowUp,
    Indicator,
    Loc,
    Measure,
    Plan,
    PlanKind,
    Status,
    add_months,
    date_bounds,
    iter_indicators,
    iter_measures,
)
from planctl.model.cadence import (
    DUE_SOON_DAYS,
    MAX_MONTHS,
    Since,
    Start,
    cadence_start,
    decision_day,
    lagesbild_newest,
    law_due,
    next_due,
)
from planctl.words import due_text, number_text, promise_text, since_text, timing_text

RULES = [
    Rule(
        "U501",
        "unknown-measure",
        E,
        "Uppföljningen nämner en åtgärd som inte finns i planen.",
        "Varje åtgärd i en uppföljning måste finnas i planen, med samma id. En åtgärd som har följts upp tas aldrig bort ur planen när den revideras: den avslutas (ended: datum, hur och skäl) och står kvar, så att tidigare uppföljningar behåller sin mening.",
        example="# planen: åtgärden rastvakter är borttagen\nmeasures: [{measure: rastvakter, status: genomförd}]",
        instead="# planen:\n- id: rastvakter\n  ended: {date: 2026-03, how: avslutad, reason: Genomförd och klar.}",
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
        depends_on_today=True,
    ),
    Rule(
        "U507",
        "follow-up-due",
        W,
        "Uppföljning ska göras inom 90 dagar.",
        "Tidsgränsen på 24 månader (6 §) nås inom 90 dagar: planera uppföljningen.",
        kinds=("åtgärdsplan",),
        depends_on_today=True,
    ),
    Rule(
        "U508",
        "measure-not-followed-up",
        W,
        "En åtgärd nämns inte i någon uppföljning.",
        "Brå: uppföljningen ska visa om alla delar av åtgärderna genomfördes. Ge varje åtgärd en status i uppföljningen. En åtgärd som lades till efter den senaste uppföljningen (added) eller avslutades före den första (ended) räknas inte.",
        silenceable=True,
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
        "U513",
        "promised-follow-up-overdue",
        W,
        "Planens egen uppföljning är försenad.",
        "Planen lovar uppföljning oftare än lagen kräver (follow_up.interval_months under 24); den tidpunkten har passerat. planctl räknar mot dagens datum; ange --today för en reproducerbar körning.",
        kinds=("åtgärdsplan",),
        depends_on_today=True,
        example="follow_up: {interval_months: 12}\n# ingen uppföljning på 13 månader",
        instead="# lägg uppföljningen i plans/<plan>/uppfoljning-ÅÅÅÅ-MM.yaml",
    ),
    Rule(
        "U514",
        "lagesbild-stale-at-follow-up",
        E,
        "Lägesbilden var äldre än två år vid uppföljningen.",
        "6 §: lägesbilden ska uppdateras minst vartannat år, inte bara planen följas upp. Vid uppföljningens datum var lägesbilden äldre än 24 månader utan en uppdatering med datum och diarienummer.",
        kinds=("åtgärdsplan",),
        example="date: 2026-11-10\n# lägesbilden färdigställdes 2024-06 och har inte uppdaterats",
        instead="lagesbild_update: {date: 2026-10-01, reference: KS 2026/120}",
    ),
    Rule(
        "U515",
        "timing-passed-not-done",
        W,
        "Åtgärdens tid har gått ut men den är inte genomförd.",
        "Åtgärdens tidsangivelse (När) har passerat, men den senaste uppföljningen säger inte att den är genomförd eller avbruten. Följ upp den, eller avsluta eller flytta den i planen. planctl räknar mot dagens datum.",
        silenceable=True,
        depends_on_today=True,
        example="timing: 2025\n# senaste status: pågår",
        instead="# i nästa uppföljning: {measure: x, status: genomförd}",
    ),
    Rule(
        "U516",
        "reported-outside-lifetime",
        W,
        "Uppföljningen redovisar en åtgärd utanför dess tid i planen.",
        "Åtgärden lades till i planen (added) efter uppföljningens datum, eller avslutades (ended) före det. Kontrollera datumen.",
        example="# planen: added: 2026-03\ndate: 2025-12-10",
        instead="# redovisa åtgärden först i uppföljningar efter 2026-03",
    ),
    Rule(
        "U517",
        "lagesbild-update-without-record",
        W,
        "Lägesbildens uppdatering anges bara med ja eller nej.",
        "6 §: lägesbilden ska uppdateras minst vartannat år. Ett ja säger inte när eller vilken lägesbild; ange uppdateringen med datum och diarienummer.",
        kinds=("åtgärdsplan",),
        example="lagesbild_updated: true",
        instead="lagesbild_update: {date: 2026-10-01, reference: KS 2026/120}",
    ),
    Rule(
        "U518",
        "light-override-not-allowed",
        E,
        "Planen tillåter inte egna trafikljus.",
        "Planen säger att trafikljusen bara följer status och tid (follow_up.allow_light_override: false); uppföljningen sätter ändå ett eget trafikljus.",
        example="- {measure: x, status: pågår, light: grön, light_reason: …}",
        instead="- {measure: x, status: pågår}",
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
    measures = {measure.id: (measure, loc) for measure, _, loc in iter_measures(plan)}
    indicators = {at.indicator.id: at.indicator for at in iter_indicators(plan)}
    names = Names(measures), Names(indicators)
    allow = plan.follow_up is None or plan.follow_up.allow_light_override
    for number, follow_up in enumerate(follow_ups):
        per_file[number].extend(_references(plan, follow_up, measures, indicators, names, allow))
        per_file[number].extend(_dates(plan, follow_up, today))
    under_the_law = plan.kind is PlanKind.ATGARDSPLAN
    if under_the_law:
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
        for number in order:
            per_file[number].extend(_lagesbild_at(plan, follow_ups[number], follow_ups))
    if not complete:
        return [], per_file
    plan_issues: list[Issue] = []
    if under_the_law:
        plan_issues.extend(_plan_cadence(plan, follow_ups, today))
        plan_issues.extend(law.check_today(plan, follow_ups, today))
    if follow_ups:
        plan_issues.extend(_timing_passed(plan, follow_ups, measures, today))
        first = min(f.date for f in follow_ups)
        latest = max(range(len(follow_ups)), key=lambda n: follow_ups[n].date)
        mentioned = {r.measure for f in follow_ups for r in f.measures}
        loc: Loc = ("measures",) if follow_ups[latest].measures else ()
        for measure_id, (measure, _) in measures.items():
            expected = (measure.added is None or date_bounds(measure.added)[0] <= follow_ups[latest].date) and (
                measure.ended is None or date_bounds(measure.ended.date)[1] >= first
            )
            if expected and measure_id not in mentioned:
                per_file[latest].append(
                    Issue(
                        "U508",
                        loc,
                        f"åtgärden '{measure_id}' ({short_line(measure.title, 50)}) nämns inte i någon uppföljning",
                    )
                )
    return plan_issues, per_file


def _references(
    plan: Plan,
    follow_up: FollowUp,
    measures: dict[str, tuple[Measure, Loc]],
    indicators: dict[str, Indicator],
    names: tuple[Names, Names],
    allow_light: bool,
) -> Iterator[Issue]:
    measure_names, indicator_names = names
    if follow_up.plan != plan.id:
        yield Issue(
            "U510", ("plan",), f"uppföljningen gäller planen '{follow_up.plan}', men ligger hos planen '{plan.id}'"
        )
    seen: set[str] = set()
    for n, report in enumerate(follow_up.measures):
        found = measures.get(report.measure)
        if found is None:
            yield Issue(
                "U501",
                ("measures", n, "measure"),
                f"åtgärden '{report.measure}' finns inte i planen{suggest(report.measure, measure_names)}; "
                "en åtgärd som följts upp tas inte bort ur planen utan avslutas där (ended: datum, hur och skäl)",
            )
        elif report.measure in seen:
            yield Issue("U509", ("measures", n, "measure"), f"åtgärden '{report.measure}' redovisas två gånger")
        else:
            measure = found[0]
            if measure.added is not None and date_bounds(measure.added)[0] > follow_up.date:
                yield Issue(
                    "U516",
                    ("measures", n, "measure"),
                    f"åtgärden '{report.measure}' lades till i planen {measure.added}, efter uppföljningen {follow_up.date}",
                )
            elif (
                measure.ended is not None
                and date_bounds(measure.ended.date)[1] < follow_up.date
                and report.status not in (Status.GENOMFORD, Status.AVBRUTEN)
            ):
                yield Issue(
                    "U516",
                    ("measures", n, "status"),
                    f"åtgärden '{report.measure}' avslutades {measure.ended.date} ({measure.ended.how}), "
                    f"före uppföljningen {follow_up.date}, men redovisas som {report.status.value}",
                )
        if report.light is not None and not allow_light:
            yield Issue("U518", ("measures", n, "light"), "planen tillåter inte egna trafikljus (follow_up.allow_light_override: false)")
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
    if follow_up.lagesbild_updated is not None and follow_up.lagesbild_update is None and plan.kind is PlanKind.ATGARDSPLAN:
        yield Issue(
            "U517",
            ("lagesbild_updated",),
            "ange lägesbildens uppdatering med datum och diarienummer (lagesbild_update: {date: …, reference: …}), "
            "inte bara ja eller nej",
        )


def _dates(plan: Plan, follow_up: FollowUp, today: date) -> Iterator[Issue]:
    decided = decision_day(plan)
    if decided is not None and follow_up.date < decided:
        yield Issue("U504", ("date",), f"uppföljningen är daterad {follow_up.date}, före beslutet om planen {decided}")
    if follow_up.date > today:
        yield Issue("U511", ("date",), f"uppföljningen är daterad {follow_up.date}, efter dagens datum {today}")


def _lagesbild_at(plan: Plan, follow_up: FollowUp, follow_ups: Sequence[FollowUp]) -> Iterator[Issue]:
    """6 §: at the follow-up's date the lägesbild is at most two years old (plan or follow-ups record updates)."""
    newest = lagesbild_newest(plan, follow_ups, follow_up.date)
    if newest is not None and add_months(newest, MAX_MONTHS) < follow_up.date:
        yield Issue(
            "U514",
            ("date",),
            f"vid uppföljningen {follow_up.date} var lägesbilden från {newest}, mer än två år gammal, och ingen "
            "uppdatering är angiven (lagesbild_update med datum och diarienummer); 6 § kräver att den uppdateras minst vartannat år",
        )


def _plan_cadence(plan: Plan, follow_ups: Sequence[FollowUp], today: date) -> Iterator[Issue]:
    done = [f for f in follow_ups if f.date <= today]
    law_date = law_due(plan, done)
    due = next_due(plan, done)
    where: Loc = ("follow_up",) if plan.follow_up else ()
    if today > law_date.day:
        yield Issue(
            "U506",
            where,
            f"uppföljning skulle ha gjorts senast {law_date.day}, två år efter {since_text(law_date.start)}; "
            "6 § kräver uppföljning minst vartannat år",
        )
    elif today > due.day:
        yield Issue(
            "U513",
            where,
            f"uppföljning skulle ha gjorts senast {due.day} enligt planens eget löfte "
            f"({promise_text(due.months)}, räknat från {since_text(due.start)})",
        )
    elif (due.day - today).days <= DUE_SOON_DAYS:
        yield Issue("U507", where, f"nästa uppföljning ska göras senast {due_text(due)}")


def _timing_passed(
    plan: Plan, follow_ups: Sequence[FollowUp], measures: dict[str, tuple[Measure, Loc]], today: date
) -> Iterator[Issue]:
    """Measures whose time has run out while their latest status says they are not done."""
    latest: dict[str, Status] = {}
    for follow_up in sorted(follow_ups, key=lambda f: f.date):
        for report in follow_up.measures:
            latest[report.measure] = report.status
    period_end = plan.period.end or plan.period.start
    for measure_id, (measure, loc) in measures.items():
        status = latest.get(measure_id)
        if measure.ended is not None or measure.timing is None or status is None:
            continue
        last = measure.timing.last
        if last is None or measure.timing.recurrence is not None:
            continue
        if last.last_day < today and last.last_day < date(period_end, 12, 31) + timedelta(days=1) and status not in (
            Status.GENOMFORD,
            Status.AVBRUTEN,
        ):
            yield Issue(
                "U515",
                (*loc, "timing"),
                f"åtgärden '{short_line(measure.title, 50)}' skulle vara klar {timing_text(measure.timing)}, "
                f"men senaste status är {status.value}",
            )
