"""State as enums: what a follow-up says of a measure or an indicator.

These are values, never wording: the words and colours that show them belong to
``planctl.publish`` (and the terminal view), which map each member to its own text.
"""

from __future__ import annotations

from enum import StrEnum


class Light(StrEnum):
    """Brå's traffic light at a follow-up: grön = enligt plan, gul = avvikelse, röd = allvarlig
    avvikelse eller inte genomförd."""

    GRON = "grön"
    GUL = "gul"
    ROD = "röd"


class Trend(StrEnum):
    """How an indicator's series has moved."""

    NO_VALUES = "no-values"
    TOO_FEW = "too-few"
    UP = "up"
    DOWN = "down"
    UNCHANGED = "unchanged"
    GOOD = "good"
    BAD = "bad"
    #: it moved, but the plan wants it kept where it was
    MOVED = "moved"


class TargetState(StrEnum):
    """An indicator's latest value against its target, judged on the day it was reported."""

    REACHED = "reached"
    #: not reached, and the target has no date
    NOT_YET = "not-yet"
    #: not reached, but the target's date is still ahead
    NOT_DUE = "not-due"
    #: not reached, and the target's date has passed
    MISSED = "missed"
