"""The law's clock: when a plan's next follow-up is due (6 §: at least every other year).

Dates only; what they are called in Swedish is ``planctl.words``'s business.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from planctl.model.dates import add_months, date_bounds
from planctl.model.followup import FollowUp
from planctl.model.plan import Plan

#: 6 §: at least every other year.
MAX_MONTHS = 24
#: A follow-up due within this many days is announced.
DUE_SOON_DAYS = 90


class Since(StrEnum):
    """What the count towards the next follow-up starts from."""

    DECISION = "decision"
    #: the plan gives no decision date to the day: the start of its period
    PERIOD_START = "period-start"
    FOLLOW_UP = "follow-up"


class Start(NamedTuple):
    day: date
    since: Since


class SetBy(StrEnum):
    """What sets a follow-up deadline: the law (6 §) or the plan's own, tighter promise."""

    LAW = "law"
    PLAN = "plan"


class Due(NamedTuple):
    """The last day for the next follow-up, what it is counted from and what sets it."""

    day: date
    start: Start
    months: int = MAX_MONTHS
    set_by: SetBy = SetBy.LAW


def decision_day(plan: Plan) -> date | None:
    """The decision date where the plan gives one to the day."""
    if plan.decision and plan.decision.date and len(plan.decision.date) == 10:
        return date.fromisoformat(plan.decision.date)
    return None


def cadence_start(plan: Plan) -> Start:
    """Where the law's two years start: the decision, or else the start of the plan period."""
    decided = decision_day(plan)
    if decided is not None:
        return Start(decided, Since.DECISION)
    return Start(date(plan.period.start, 1, 1), Since.PERIOD_START)


def law_due(plan: Plan, follow_ups: Sequence[FollowUp]) -> Due:
    """The date by which the next follow-up is due under 6 §, and what it counts from."""
    start = _since(plan, follow_ups)
    return Due(add_months(start.day, MAX_MONTHS), start)


def promised_months(plan: Plan) -> int | None:
    """The plan's own follow-up interval where it promises more than the law asks, else None."""
    months = plan.follow_up.interval_months if plan.follow_up else None
    return months if months is not None and months < MAX_MONTHS else None


def next_due(plan: Plan, follow_ups: Sequence[FollowUp]) -> Due:
    """The date by which the next follow-up is due: the earlier of the law's two years and the
    plan's own promise (``follow_up.interval_months``), and which of them sets it."""
    law = law_due(plan, follow_ups)
    months = promised_months(plan)
    if months is None:
        return law
    return Due(add_months(law.start.day, months), law.start, months, SetBy.PLAN)


def lagesbild_newest(plan: Plan, follow_ups: Sequence[FollowUp], day: date) -> date | None:
    """The last day, on or before ``day``, the plan's lägesbild was completed or recorded as
    updated (in the plan or in a follow-up held by then); None where it has no date."""
    lagesbild = plan.lagesbild
    dates = [date_bounds(lagesbild.completed)[1]] if lagesbild and lagesbild.completed else []
    dates += [date_bounds(update.date)[1] for update in lagesbild.updates] if lagesbild else []
    dates += [
        date_bounds(f.lagesbild_update.date)[1] for f in follow_ups if f.lagesbild_update is not None and f.date <= day
    ]
    known = [d for d in dates if d <= day]
    return max(known) if known else None


def lagesbild_due(plan: Plan, follow_ups: Sequence[FollowUp], day: date) -> date | None:
    """6 §: the day by which the lägesbild is next to be updated, as known on ``day``."""
    newest = lagesbild_newest(plan, follow_ups, day)
    return add_months(newest, MAX_MONTHS) if newest is not None else None


def _since(plan: Plan, follow_ups: Sequence[FollowUp]) -> Start:
    if follow_ups:
        return Start(max(f.date for f in follow_ups), Since.FOLLOW_UP)
    return cadence_start(plan)
