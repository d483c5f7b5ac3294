"""The shape of a follow-up workbook, shared by the writer and the reader.

Columns are found again by their header text, so a spreadsheet program that reorders nothing
but rewrites everything (LibreOffice saving as .xlsx) still reads back the same. The hidden
sheet records which plan, owner and date the workbook was made for, and which measure or
indicator each row was made for, so a changed id is told from a measure that was asked about.
"""

from __future__ import annotations

from typing import NamedTuple

MEASURES_SHEET = "Åtgärder"
INDICATORS_SHEET = "Indikatorer"
INSTRUCTIONS_SHEET = "Instruktioner"
#: The hidden sheet with what the workbook was made for.
META_SHEET = "planctl"

#: The owner id of the coordinator's workbook, which asks about every measure and indicator.
COORDINATOR = "samtliga"

#: Which version of this layout a workbook has; a reader refuses others.
LAYOUT_VERSION = 1


class Column(NamedTuple):
    """One column of a data sheet."""

    key: str
    header: str
    #: the width a column gets at least, and at most, in characters
    min_width: int
    max_width: int
    #: True for the cells an owner fills in (unlocked, white)
    is_input: bool = False


MEASURE_COLUMNS: tuple[Column, ...] = (
    Column("id", "Id", 10, 20),
    Column("area", "Område", 10, 16),
    Column("title", "Åtgärd", 16, 30),
    Column("timing", "När", 8, 14),
    Column("goals", "Mål", 12, 26),
    Column("responsible", "Ansvar", 10, 20),
    Column("previous_status", "Förra status", 11, 11),
    Column("previous_comment", "Förra kommentaren", 14, 28),
    Column("status", "Status", 12, 12, True),
    Column("comment", "Kommentar", 34, 34, True),
    Column("money_sek", "Kostnad (kr)", 11, 11, True),
    Column("hours", "Timmar", 8, 8, True),
    Column("light", "Eget trafikljus", 9, 9, True),
    Column("light_reason", "Motivering för trafikljuset", 22, 22, True),
)

#: Columns a plan that sets lights only from status and time (allow_light_override: false) leaves out.
LIGHT_KEYS = ("light", "light_reason")

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("id", "Id", 10, 24),
    Column("name", "Indikator", 16, 34),
    Column("follows", "Följer upp", 10, 20),
    Column("unit", "Enhet", 7, 10),
    Column("baseline", "Utgångsvärde", 12, 16),
    Column("target", "Mål", 10, 20),
    Column("previous", "Tidigare värden", 14, 28),
    Column("value", "Värde", 10, 10, True),
    Column("period", "Period", 10, 10, True),
    Column("source", "Källa", 22, 22, True),
    Column("note", "Not", 26, 26, True),
)

#: Keys of the hidden sheet's first rows.
META_KEYS = ("layout", "plan", "plan_file", "owner", "date")
#: The first cell of a row of the hidden sheet that records which id a data row was made for.
META_ROW = "rad"


def measure_columns(allow_light: bool) -> tuple[Column, ...]:
    """The Åtgärder sheet's columns: without the light override where the plan does not allow it."""
    return tuple(c for c in MEASURE_COLUMNS if allow_light or c.key not in LIGHT_KEYS)
