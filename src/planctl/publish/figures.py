"""Overviews drawn from a plan's data: the pictures the source document draws by hand.

Four overviews: the "star" (which crime areas each measure belongs to and affects), the
measures by prevention level, a timeline over the plan period, and the load on each owner.
Everything here is plain data with the geometry of the SVG figures worked out, so the
templates only lay it out; nothing here knows about HTML or Markdown.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from planctl.model import AreaTrack, FocusArea, Measure, Plan, When, date_bounds
from planctl.model.fields import without_markers
from planctl.model.walk import owner_ids
from planctl.words import LEVEL_LABELS, ended_text, timing_text

MatrixMark = Literal["primary", "also", ""]
YearMark = Literal["on", "recurring", ""]
LoadKind = Literal["lead", "participant", "unknown"]


class MeasureRef(NamedTuple):
    """A measure as the overviews name it: its id (the HTML anchor), title and chapter."""

    id: str
    title: str
    area_id: str
    chapter: str


class AreaColumn(NamedTuple):
    id: str
    chapter: str
    title: str


class MatrixRow(NamedTuple):
    measure: MeasureRef
    #: one mark per column: "primary" (the area it belongs to), "also" (also_affects) or ""
    marks: tuple[MatrixMark, ...]


class StarMatrix(NamedTuple):
    """The source's "star" as a table: measures × prioritised crime areas."""

    columns: tuple[AreaColumn, ...]
    rows: tuple[MatrixRow, ...]
    #: per column: how many measures belong to it and how many more affect it
    primary_totals: tuple[int, ...]
    also_totals: tuple[int, ...]


class LevelGroup(NamedTuple):
    level: str
    measures: tuple[MeasureRef, ...]


class TimelineBar(NamedTuple):
    x: int
    width: int
    #: recurring from its start (årligen, löpande …) with no end: drawn to the edge with an arrow
    open_ended: bool


class TimelineRow(NamedTuple):
    y: int
    #: an area heading row has no measure
    measure: MeasureRef | None
    label: str
    full_label: str
    #: the timing in words, or None where the plan gives none (shown as "ej angiven")
    when: str | None
    bar: TimelineBar | None
    #: per year column: "on" (happens that year), "recurring" (again that year) or ""
    marks: tuple[YearMark, ...] = ()

    @property
    def when_in_bar(self) -> bool:
        """Whether an open-ended bar is long enough to carry its timing in words (white on the
        bar); a shorter one leaves it to the row's title and the table under the figure."""
        bar = self.bar
        return bool(bar and bar.open_ended and self.when and len(self.when) * TEXT_WIDTH + 12 <= bar.width)


class YearColumn(NamedTuple):
    year: int
    x: int
    width: int
    in_period: bool


class Timeline(NamedTuple):
    years: tuple[YearColumn, ...]
    rows: tuple[TimelineRow, ...]
    width: int
    height: int
    label_width: int
    header_height: int
    row_height: int
    #: the size of all its text, in the drawing's units
    text_size: int = 0

    @property
    def measure_rows(self) -> tuple[TimelineRow, ...]:
        return tuple(row for row in self.rows if row.measure is not None)

    @property
    def missing(self) -> tuple[TimelineRow, ...]:
        return tuple(row for row in self.measure_rows if row.when is None)


class LoadSegment(NamedTuple):
    kind: LoadKind
    #: how many measures the segment stands for
    measures: int
    x: int
    width: int


class OwnerLoad(NamedTuple):
    id: str
    name: str
    lead: int
    participant: int
    unknown: int
    y: int
    segments: tuple[LoadSegment, ...]

    @property
    def total(self) -> int:
        return self.lead + self.participant + self.unknown


class OwnerChart(NamedTuple):
    owners: tuple[OwnerLoad, ...]
    width: int
    height: int
    label_width: int
    top: int
    row_height: int
    bar_height: int
    #: the x of each scale tick and its count
    ticks: tuple[tuple[int, int], ...]
    #: the size of the organisations' names and of the smaller numbers, in the drawing's units
    text_size: int = 0
    small_text_size: int = 0


class Overviews(NamedTuple):
    matrix: StarMatrix
    levels: tuple[LevelGroup, ...]
    timeline: Timeline
    owners: OwnerChart


# -- words shared with the document -------------------------------------------------------


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] if " " in line[: limit - 1] else line[: limit - 1]
    return cut.rstrip(",.;:–- ") + "…"


# -- building -----------------------------------------------------------------------------


def _refs(plan: Plan, chapters: dict[str, str]) -> list[tuple[FocusArea, Measure, MeasureRef]]:
    return [
        (area, measure, MeasureRef(measure.id, measure.title, area.id, chapters.get(area.id, "")))
        for area in plan.focus_areas
        for measure in area.measures
    ]


def build_overviews(plan: Plan, chapters: dict[str, str]) -> Overviews:
    """All four overviews of ``plan``; ``chapters`` maps each area id to its chapter number.

    The overviews show the plan as it stands: a measure ended in a revision is left out of the
    matrix, the levels and the owners' load, and the timeline draws it only up to its end.
    """
    refs = _refs(plan, chapters)
    current = [ref for ref in refs if ref[1].ended is None]
    return Overviews(
        _matrix(plan, current, chapters), _levels(current), _timeline(plan, refs), _owner_chart(plan, current)
    )


def _matrix(plan: Plan, refs: list[tuple[FocusArea, Measure, MeasureRef]], chapters: dict[str, str]) -> StarMatrix:
    prioritised = [area for area in plan.focus_areas if area.track == AreaTrack.PRIORITERAT]
    referenced = {target for _, measure, _ in refs for target in measure.also_affects}
    # An area handled in another forum is a column only when some measure says it affects it.
    columns = [area for area in plan.focus_areas if area in prioritised or area.id in referenced]
    column_ids = [area.id for area in columns]
    rows: list[MatrixRow] = []
    for area, measure, ref in refs:
        if area.track != AreaTrack.PRIORITERAT and not set(measure.also_affects) & set(column_ids):
            continue
        marks: tuple[MatrixMark, ...] = tuple(
            "primary" if column == area.id or column in measure.also_in else ("also" if column in measure.also_affects else "")
            for column in column_ids
        )
        rows.append(MatrixRow(ref, marks))
    primary = tuple(sum(1 for row in rows if row.marks[i] == "primary") for i in range(len(columns)))
    also = tuple(sum(1 for row in rows if row.marks[i] == "also") for i in range(len(columns)))
    return StarMatrix(
        tuple(AreaColumn(area.id, chapters.get(area.id, ""), area.title) for area in columns),
        tuple(rows),
        primary,
        also,
    )


def _levels(refs: list[tuple[FocusArea, Measure, MeasureRef]]) -> tuple[LevelGroup, ...]:
    def level_of(measure: Measure) -> str:
        return measure.prevention_level.value if measure.prevention_level else LEVEL_LABELS[-1]

    return tuple(LevelGroup(level, tuple(ref for _, m, ref in refs if level_of(m) == level)) for level in LEVEL_LABELS)


# Printed, a figure fills the width of the A4 text column: 176 mm, about 499 pt. One unit of a
# drawing W units wide then prints at 499 / W pt, and its smallest text must come out at 8 pt
# or more: TEXT × 499 / W ≥ 8. The timeline (656 units for up to 7 years) and the owners chart
# (640 units) are drawn to that; on a screen they scale up from there. The timeline's rows are
# as low as its text allows, so 40 measures in nine areas still fit on one page with its heading.
PRINT_COLUMN_PT = 499
SMALLEST_PRINTED_PT = 8
TIMELINE_TEXT = 11
#: the average width of a character of TIMELINE_TEXT in the drawing's units (sans serif)
TEXT_WIDTH = 6.6
TIMELINE_LABEL_WIDTH = 340
TIMELINE_YEARS_WIDTH = 300
TIMELINE_ROW = 16
TIMELINE_HEADER = 24
LABEL_CHARS = 48


def _timeline(plan: Plan, refs: list[tuple[FocusArea, Measure, MeasureRef]]) -> Timeline:
    first = plan.period.start
    last = plan.period.end if plan.period.end is not None else plan.period.start
    spans = {measure.id: _ended(_years(measure.timing, plan), measure) for _, measure, _ in refs}
    for span in spans.values():
        if span is not None:
            first = min(first, span.start)
            last = max(last, span.end if span.end is not None else span.start)
    count = last - first + 1
    year_width = max(40, TIMELINE_YEARS_WIDTH // count)
    years = tuple(
        YearColumn(year, TIMELINE_LABEL_WIDTH + i * year_width, year_width, plan.period.start <= year <= last_of(plan))
        for i, year in enumerate(range(first, last + 1))
    )
    rows: list[TimelineRow] = []
    y = TIMELINE_HEADER
    current_area = ""
    for area, measure, ref in refs:
        if area.id != current_area:
            current_area = area.id
            title = without_markers(area.title)
            heading = f"{ref.chapter}. {title}" if ref.chapter else title
            rows.append(TimelineRow(y, None, shorten(heading, LABEL_CHARS), heading, None, None))
            y += TIMELINE_ROW
        rows.append(
            TimelineRow(
                y,
                ref,
                shorten(without_markers(measure.title), LABEL_CHARS),
                without_markers(measure.title),
                _when_text(measure),
                _bar(spans[measure.id], first, last, year_width),
                _year_marks(spans[measure.id], first, last),
            )
        )
        y += TIMELINE_ROW
    width = TIMELINE_LABEL_WIDTH + year_width * count + 16
    return Timeline(years, tuple(rows), width, y + 8, TIMELINE_LABEL_WIDTH, TIMELINE_HEADER, TIMELINE_ROW, TIMELINE_TEXT)


def last_of(plan: Plan) -> int:
    """The last year of the plan period."""
    return plan.period.end if plan.period.end is not None else plan.period.start


class YearSpan(NamedTuple):
    """A measure's timing in whole years, as the timeline draws it."""

    start: int
    end: int | None
    recurring: bool


def _years(timing: When | None, plan: Plan) -> YearSpan | None:
    if timing is None:
        return None
    if timing.throughout:
        return YearSpan(plan.period.start, last_of(plan), False)
    first, last = timing.first, timing.last
    if first is None:
        return None
    recurring = timing.recurrence is not None
    return YearSpan(first.year, last.year if last is not None else None, recurring)


def _ended(span: YearSpan | None, measure: Measure) -> YearSpan | None:
    """A measure's span cut at the year it ended in a revision."""
    if span is None or measure.ended is None:
        return span
    end_year = date_bounds(measure.ended.date)[0].year
    if end_year < span.start:
        return YearSpan(span.start, span.start, False)
    return YearSpan(span.start, min(span.end, end_year) if span.end is not None else end_year, span.recurring)


def _when_text(measure: Measure) -> str | None:
    when = timing_text(measure.timing)
    if measure.ended is None:
        return when
    ended = ended_text(measure.ended)
    return f"{when}; {ended}" if when else ended


def _year_marks(timing: YearSpan | None, first: int, last: int) -> tuple[YearMark, ...]:
    marks: list[YearMark] = []
    for year in range(first, last + 1):
        if timing is None or year < timing.start:
            marks.append("")
        elif year == timing.start or (timing.end is not None and year <= timing.end and not timing.recurring):
            marks.append("on")
        elif timing.recurring and (timing.end is None or year <= timing.end):
            marks.append("recurring")
        else:
            marks.append("")
    return tuple(marks)


def _bar(timing: YearSpan | None, first: int, last: int, year_width: int) -> TimelineBar | None:
    if timing is None:
        return None
    open_ended = timing.recurring and timing.end is None
    end = last if open_ended else (timing.end if timing.end is not None else timing.start)
    x = TIMELINE_LABEL_WIDTH + (timing.start - first) * year_width + 4
    return TimelineBar(x, (end - timing.start + 1) * year_width - 8, open_ended)


CHART_LABEL_WIDTH = 200
CHART_BARS_WIDTH = 400
CHART_TEXT = 12
CHART_SMALL_TEXT = 11
CHART_ROW = 26
CHART_BAR = 16
CHART_TOP = 34


def owner_roles(measure: Measure, all_responsible: bool = False) -> list[tuple[str, LoadKind]]:
    """Each owner of ``measure`` with its part: lead, participant, or lead unknown.

    ``all_responsible``: the measure's table names those responsible ("Ansvarig", an area handled
    in another forum), so every owner leads.
    """
    if all_responsible:
        return [(owner, "lead") for owner in dict.fromkeys([*measure.owners, *([measure.lead] if measure.lead else [])])]
    roles: list[tuple[str, LoadKind]] = []
    for owner in measure.owners:
        if measure.lead is None:
            roles.append((owner, "unknown"))
        else:
            roles.append((owner, "lead" if owner == measure.lead else "participant"))
    if measure.lead is not None and measure.lead not in measure.owners:
        roles.insert(0, (measure.lead, "lead"))
    return roles


def _owner_chart(plan: Plan, refs: list[tuple[FocusArea, Measure, MeasureRef]]) -> OwnerChart:
    names = {org.id: org.name for org in plan.organisations}
    canonical = owner_ids(plan)  # an alias (RTJ) counts for the organisation it names
    counts: dict[str, dict[LoadKind, int]] = {}
    for area, measure, _ in refs:
        for owner, kind in owner_roles(measure, area.track is not AreaTrack.PRIORITERAT):
            counts.setdefault(canonical.get(owner, owner), {"lead": 0, "participant": 0, "unknown": 0})[kind] += 1
    # The plan's own order of organisations; owners it does not list come after, sorted.
    order = [org.id for org in plan.organisations if org.id in counts] + sorted(set(counts) - set(names))
    peak = max((sum(c.values()) for c in counts.values()), default=0)
    scale = CHART_BARS_WIDTH / peak if peak else 0.0
    owners: list[OwnerLoad] = []
    for index, owner in enumerate(order):
        c = counts[owner]
        y = CHART_TOP + index * CHART_ROW
        segments: list[LoadSegment] = []
        x = CHART_LABEL_WIDTH
        for kind in ("lead", "participant", "unknown"):
            if c[kind]:
                width = round(c[kind] * scale)
                segments.append(LoadSegment(kind, c[kind], x, width))
                x += width
        owners.append(
            OwnerLoad(owner, names.get(owner, owner), c["lead"], c["participant"], c["unknown"], y, tuple(segments))
        )
    step = _tick_step(peak)
    ticks = tuple((CHART_LABEL_WIDTH + round(n * scale), n) for n in range(0, peak + 1, step)) if peak else ()
    height = CHART_TOP + len(owners) * CHART_ROW + 24
    return OwnerChart(
        tuple(owners),
        CHART_LABEL_WIDTH + CHART_BARS_WIDTH + 40,
        height,
        CHART_LABEL_WIDTH,
        CHART_TOP,
        CHART_ROW,
        CHART_BAR,
        ticks,
        CHART_TEXT,
        CHART_SMALL_TEXT,
    )


def _tick_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100):
        if peak / step <= 10:
            return step
    return 200
