"""Follow-up files: where they live, and the checks that need a plan and its follow-ups together.

A plan ``plans/X.yaml`` keeps its follow-ups in ``plans/X/``, one file per occasion
(``uppfoljning-2025-12.yaml``). planctl finds them by itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from planctl.checks import Issue, Loc
from planctl.files import is_dir, is_file
from planctl.findings import short_line
from planctl.model import FollowUp, Indicator, Measure, Plan, number_text
from planctl.suggest import Names, suggest

PLAN_SUFFIXES = (".yaml", ".yml")
#: 6 §: at least every other year.
MAX_MONTHS = 24
DUE_SOON_DAYS = 90


def follow_up_folder(plan_path: Path) -> Path:
    return plan_path.with_suffix("")


def follow_up_files(plan_path: Path) -> list[Path]:
    folder = follow_up_folder(plan_path)
    if not is_dir(folder):
        return []
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in PLAN_SUFFIXES and is_file(p))
    except OSError:
        return []


def plan_of(path: Path) -> Path | None:
    """The plan a file in a follow-up folder belongs to, if the folder sits beside one."""
    folder = path.parent
    for suffix in PLAN_SUFFIXES:
        candidate = folder.parent / (folder.name + suffix)
        if is_file(candidate):
            return candidate
    return None


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, last)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def decision_day(plan: Plan) -> date | None:
    """The decision date where the plan gives one to the day."""
    if plan.decision and plan.decision.date and len(plan.decision.date) == 10:
        return date.fromisoformat(plan.decision.date)
    return None


def cadence_start(plan: Plan) -> tuple[date, str]:
    """Where the law's two years start: the decision, or else the start of the plan period."""
    decided = decision_day(plan)
    if decided is not None:
        return decided, f"beslutet {decided}"
    return date(plan.period.start, 1, 1), f"planperiodens början {plan.period.start}-01-01 (beslutsdatum saknas)"


def next_due(plan: Plan, follow_ups: Sequence[FollowUp]) -> tuple[date, str]:
    """The date by which the next follow-up is due under 6 §, and what it counts from."""
    if follow_ups:
        last = max(f.date for f in follow_ups)
        return add_months(last, MAX_MONTHS), f"uppföljningen {last}"
    start, label = cadence_start(plan)
    return add_months(start, MAX_MONTHS), label


def measures_by_id(plan: Plan) -> dict[str, Measure]:
    return {m.id: m for area in plan.focus_areas for m in area.measures}


def indicators_by_id(plan: Plan) -> dict[str, Indicator]:
    return {i.id: i for area in plan.focus_areas for m in area.measures if m.follow_up for i in m.follow_up.indicators}


def check_follow_ups(
    plan: Plan, follow_ups: Sequence[FollowUp], today: date, complete: bool = True
) -> tuple[list[Issue], list[list[Issue]]]:
    """Issues for the plan file and, per follow-up (in the order given), for each follow-up file.

    ``complete`` is False when a follow-up file beside the plan could not be read: then
    nothing is said about follow-ups being overdue or measures never followed up.
    """
    per_file: list[list[Issue]] = [[] for _ in follow_ups]
    measures = measures_by_id(plan)
    indicators = indicators_by_id(plan)
    for number, follow_up in enumerate(follow_ups):
        per_file[number].extend(_references(plan, follow_up, measures, indicators))
        per_file[number].extend(_dates(plan, follow_up, today))
    if plan.kind.value == "åtgärdsplan":
        order = sorted(range(len(follow_ups)), key=lambda n: follow_ups[n].date)
        previous, label = cadence_start(plan)
        for number in order:
            current = follow_ups[number].date
            if current > add_months(previous, MAX_MONTHS):
                per_file[number].append(
                    Issue(
                        "U505",
                        ("date",),
                        f"uppföljningen {current} kommer mer än två år efter {label}; 6 § kräver minst vartannat år",
                    )
                )
            previous, label = current, f"uppföljningen {current}"
    if not complete:
        return [], per_file
    plan_issues = list(_plan_cadence(plan, follow_ups, today)) if plan.kind.value == "åtgärdsplan" else []
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
    due, label = next_due(plan, [f for f in follow_ups if f.date <= today])
    where: Loc = ("follow_up",) if plan.follow_up else ()
    if today > due:
        yield Issue(
            "U506",
            where,
            f"uppföljning skulle ha gjorts senast {due} (24 månader efter {label}); 6 § kräver uppföljning minst vartannat år",
        )
    elif (due - today).days <= DUE_SOON_DAYS:
        yield Issue("U507", where, f"nästa uppföljning ska göras senast {due} (24 månader efter {label})")
