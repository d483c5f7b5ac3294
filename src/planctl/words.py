"""The one home of planctl's Swedish: dates, periods, timing, intervals, targets, numbers,
lists, and singular and plural.

Both halves speak through it: the findings of ``planctl.lint`` and the documents of
``planctl.publish`` write "2025–2026", "senast juni 2026" and "årligen från 2025" the same
way. Nothing here decides anything; it only says what the model holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from planctl.model import (
    MONTH_NAMES,
    Ending,
    Indicator,
    LagesbildUpdate,
    Point,
    PreventionLevel,
    Range,
    TargetState,
    Trend,
    Unit,
    When,
    parse_point,
)
from planctl.model.cadence import Due, SetBy, Since, Start

#: The prevention levels in the order the sources explain them, then the gap.
LEVEL_LABELS: tuple[str, ...] = (*(level.value for level in PreventionLevel), "ej angiven")

#: A non-breaking space: a number and its unit, or a day and its month, stay on one line.
NBSP = "\u00a0"


def count(number: int, one: str, many: str) -> str:
    """``1 fil``, ``3 filer``: a number with the form of the word that goes with it."""
    return f"{number} {one if number == 1 else many}"


def clause(text: str) -> str:
    """A title as part of a sentence: without its closing full stop (``Inför rastvakter``)."""
    return text.rstrip().removesuffix(".").rstrip()


def and_list(items: Sequence[object]) -> str:
    """Items the Swedish way: ``2023``, ``2023 och 2026``, ``2023, 2024 och 2026``."""
    words = [str(item) for item in items]
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " och " + words[-1]


def number_text(value: float, unit: Unit | None = None) -> str:
    """A number the Swedish way: decimal comma, groups of thousands, the unit's sign."""
    rounded = round(value, 1)
    whole = float(rounded).is_integer()
    text = f"{int(rounded):,}" if whole else f"{rounded:,.1f}"
    text = text.replace(",", NBSP).replace(".", ",")
    suffix = {Unit.PROCENT: f"{NBSP}%", Unit.KRONOR: f"{NBSP}kr", Unit.TIMMAR: f"{NBSP}h"}.get(unit) if unit else None
    return text + (suffix or "")


def date_text(value: str) -> str:
    """A partial date as a document writes it: ``2024``, ``juni 2024``, ``2024-11-20``."""
    parts = value.split("-")
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return value


def ended_text(ending: Ending) -> str:
    """How and when a measure ended: ``ersatt mars 2026``."""
    return f"{ending.how} {date_text(ending.date)}"


def update_text(update: LagesbildUpdate) -> str:
    """A recorded update of the lägesbild: ``oktober 2026, Dnr KS 2026/120: Ny statistik``."""
    reference = f", Dnr {update.reference}" if update.reference else ""
    note = f": {update.note}" if update.note else ""
    return f"{date_text(update.date)}{reference}{note}"


def span_text(start: int, end: int | None) -> str:
    """A span of years: ``2025`` for one year (never ``2025–2025``), ``2025–2026`` for more."""
    return f"{start}–{end}" if end is not None and end != start else str(start)


def period_text(period: Range) -> str:
    """A plan's period: ``2025–2026``."""
    return span_text(period.start, period.end)


_QUARTERS = ("första", "andra", "tredje", "fjärde")


def point_text(point: Point) -> str:
    """A point in time in words: ``2025``, ``höstterminen 2025``, ``tredje kvartalet 2025``,
    ``september 2025``, ``15 september 2025``."""
    if point.precision == "term":
        return f"{'vårterminen' if point.part == 1 else 'höstterminen'}{NBSP}{point.year}"
    if point.precision == "quarter":
        return f"{_QUARTERS[point.part - 1]} kvartalet{NBSP}{point.year}"
    if point.precision == "month":
        return f"{MONTH_NAMES[point.part - 1]}{NBSP}{point.year}"
    if point.precision == "day":
        return f"{point.day}{NBSP}{MONTH_NAMES[point.part - 1]}{NBSP}{point.year}"
    return str(point.year)


def timing_text(timing: When | None) -> str | None:
    """När in words, or None where the plan gives none: ``2025``, ``2025–2026``,
    ``september 2025–juni 2026``, ``löpande under planperioden``, ``årligen från 2025``,
    or the plan's own words."""
    if timing is None:
        return None
    if timing.text:
        return timing.text
    if timing.throughout:
        return "löpande under planperioden"
    first = parse_point(timing.start) if timing.start else None
    last = parse_point(timing.end) if timing.end else None
    if timing.recurrence:
        since = f" från {point_text(first)}" if first else ""
        until = f" till {point_text(last)}" if last and last != first else ""
        return f"{timing.recurrence}{since}{until}"
    if first is None:
        return None
    if last is None or last == first:
        return point_text(first)
    return f"{point_text(first)}–{point_text(last)}"


def interval_text(months: int) -> str:
    """The follow-up interval in words: ``vartannat år (var 24:e månad)``, ``varannan månad``."""
    words = {
        1: "varje månad",
        2: "varannan månad",
        3: "varje kvartal",
        6: "varje halvår",
        12: "varje år",
        24: "vartannat år",
        36: "vart tredje år",
    }
    suffix = ":a" if months % 10 in (1, 2) and months % 100 not in (11, 12) else ":e"
    exact = f"var {months}{suffix} månad"
    if months in words and months not in (1, 2):
        return f"{words[months]} ({exact})"
    return words.get(months, exact)


def target_text(indicator: Indicator) -> str | None:
    """An indicator's target: ``60 % senast juni 2026``, or None where it has none."""
    target = indicator.target
    if target is None:
        return None
    by = f" senast {date_text(target.by)}" if target.by else ""
    return f"{number_text(target.value, indicator.unit)}{by}"


def baseline_text(indicator: Indicator) -> str | None:
    """An indicator's baseline: ``42 % (2024)``, or None."""
    baseline = indicator.baseline
    if baseline is None:
        return None
    return f"{number_text(baseline.value, indicator.unit)} ({baseline.period})"


def unit_text(indicator: Indicator) -> str | None:
    """What an indicator counts, where it says more than a count: ``procent``, ``skala 1–5``."""
    if indicator.unit is Unit.SKALA:
        low, high = indicator.scale or (1, 5)
        return f"skala {low}–{high}"
    if indicator.unit is None or indicator.unit is Unit.ANTAL:
        return None
    return indicator.unit.value


def indicator_text(indicator: Indicator) -> str | None:
    """An indicator's unit, baseline, target and direction in words, or None if it has none."""
    parts = [
        part
        for part in (
            unit_text(indicator),
            f"utgångsläge {baseline_text(indicator)}" if indicator.baseline else None,
            f"mål {target_text(indicator)}" if indicator.target else None,
            f"ska {indicator.direction.value}" if indicator.direction else None,
        )
        if part
    ]
    return "; ".join(parts) if parts else None


def since_text(start: Start) -> str:
    """What a follow-up deadline counts from: ``beslutet 2024-11-20``."""
    if start.since is Since.DECISION:
        return f"beslutet {start.day}"
    if start.since is Since.FOLLOW_UP:
        return f"uppföljningen {start.day}"
    return f"planperiodens början {start.day}, eftersom beslutsdatum saknas"


def day_text(day: date) -> str:
    """A whole date as planctl writes it everywhere: ``2024-11-20``."""
    return day.isoformat()


_TRENDS = {
    Trend.NO_VALUES: "inga värden redovisade",
    Trend.TOO_FEW: "för få värden för att se en riktning",
    Trend.UP: "ökar",
    Trend.DOWN: "minskar",
    Trend.UNCHANGED: "oförändrad",
    Trend.GOOD: "i önskad riktning",
    Trend.BAD: "i fel riktning",
    Trend.MOVED: "förändras, men ska bibehållas",
}


def trend_text(trend: Trend) -> str:
    """How an indicator's series has moved, in words."""
    return _TRENDS[trend]


_TARGET_STATES = {
    TargetState.REACHED: "målet nått",
    TargetState.NOT_YET: "målet ännu inte nått",
    TargetState.NOT_DUE: "målet ännu inte nått, men tiden har inte gått ut",
    TargetState.MISSED: "målet inte nått i tid",
}


def target_state_text(state: TargetState) -> str:
    return _TARGET_STATES[state]


def promise_text(months: int) -> str:
    """A plan's own follow-up rhythm, short: ``årligen``, ``varje halvår``, ``var 18:e månad``."""
    words = {1: "varje månad", 2: "varannan månad", 3: "varje kvartal", 6: "varje halvår", 12: "årligen"}
    if months in words:
        return words[months]
    suffix = ":a" if months % 10 in (1, 2) and months % 100 not in (11, 12) else ":e"
    return f"var {months}{suffix} månad"


def due_basis_text(due: Due) -> str:
    """What sets a follow-up deadline: ``6 §`` or ``enligt planen: årligen``."""
    if due.set_by is SetBy.PLAN:
        return f"enligt planen: {promise_text(due.months)}"
    return "6 §"


def due_text(due: Due) -> str:
    """A deadline with what sets it and what it counts from:
    ``2026-06-16 (enligt planen: årligen, räknat från beslutet 2025-06-16)``."""
    return f"{due.day} ({due_basis_text(due)}, räknat från {since_text(due.start)})"


def light_text(light: str) -> str:
    """What Brå's traffic light means: ``grön`` is ``enligt plan``."""
    from planctl.model import Light

    return {
        Light.GRON: "enligt plan",
        Light.GUL: "avvikelse",
        Light.ROD: "allvarlig avvikelse eller inte genomförd",
    }[Light(light)]


def cell_text(workbook: str, sheet: str, cell: str) -> str:
    """A place in a spreadsheet as findings name it: ``hagfors-BUF.xlsx:Åtgärder!F7``."""
    return f"{workbook}:{sheet}!{cell}" if sheet else workbook


def lights_text(one: str, many: str, green: int, yellow: int, red: int, unknown: int = 0) -> str:
    """A tally of traffic lights, each colour agreeing with its number:
    ``Av 41 åtgärder är 20 gröna, 1 gul, 3 röda och 17 utan status.``
    (``one``/``many``: the counted thing, ``åtgärd``/``åtgärder``). Colours that no one has
    are left out; with nothing to count the sentence is ``Inga åtgärder.``"""
    total = green + yellow + red + unknown
    if total == 0:
        return f"Inga {many}."
    parts = [
        count(number, single, plural)
        for number, single, plural in ((green, "grön", "gröna"), (yellow, "gul", "gula"), (red, "röd", "röda"))
        if number
    ]
    if unknown:
        parts.append(f"{unknown} utan status")
    return f"Av {count(total, one, many)} är {and_list(parts)}."
