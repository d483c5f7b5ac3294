"""Date arithmetic on a plan's dates: what a partial date spans, and months later."""

from __future__ import annotations

from datetime import date


def date_bounds(value: str) -> tuple[date, date]:
    """The first and last day a partial date (``2024``, ``2024-06``, ``2024-06-15``) can mean."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
        return date(year, month, 1), date.fromordinal(last)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def add_months(day: date, months: int) -> date:
    """``day`` so many months later; the 31st becomes the month's last day where it has none."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, last)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
