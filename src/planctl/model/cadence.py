"""The law's clock: when a plan's next follow-up is due (6 §: at least every other year).

Dates only; what they are called in Swedish is ``planctl.words``'s business.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from planctl.model.dates import add_months
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


class Due(NamedTuple):
    """The last day for the next follow-up, and what it is counted from."""

    day: date
    start: Start
    months: int = MAX_MONTHS


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


def next_due(plan: Plan, follow_ups: Sequence[FollowUp]) -> Due:
    """The date by which the next follow-up is due under 6 §, and what it counts from."""
    if follow_ups:
        last = max(f.date for f in follow_ups)
        return Due(add_months(last, MAX_MONTHS), Start(last, Since.FOLLOW_UP))
    start = cadence_start(plan)
    return Due(add_months(start.day, MAX_MONTHS), start)
