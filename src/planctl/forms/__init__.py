"""The follow-up collected from the owners: spreadsheets out, a follow-up file back.

``planctl forms`` writes one workbook per organisation that leads a measure (and one for the
coordinator) from :mod:`questions` (who is asked what) and :mod:`workbook` (the layout);
``planctl collect`` reads them back with :mod:`returned`, puts the answers together and writes
the plan's next follow-up file with :mod:`collect`, checked like any other. :mod:`layout` is the
shape both sides share.
"""

from __future__ import annotations

from datetime import date

from planctl.errors import UsageError


def parse_day(value: str | None, option: str = "--date") -> date | None:
    """A date given on the command line, or None where none was given."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r}: ange ett datum som ÅÅÅÅ-MM-DD") from None
