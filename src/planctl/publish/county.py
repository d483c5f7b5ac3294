"""``planctl overview``: one page over many plans, for a county board (länsstyrelse).

Each plan is validated with its follow-ups and boiled down to a small row in the worker
that read it, so a county's or the whole country's plans fit in a few seconds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

from planctl.errors import UsageError
from planctl.files import PlanFiles, discover, output_problem, select_plans
from planctl.lint.engine import blocking, map_units, validate_unit
from planctl.model import PREVENTION_STEPS, READINESS_STAGES, AreaTrack, FollowUp, Plan, PlanKind, iter_measures
from planctl.model.cadence import next_due
from planctl.words import LEVEL_LABELS, due_basis_text, period_text


class PlanRow(NamedTuple):
    """What the county view needs of one plan."""

    file: str
    errors: int
    municipality: str = ""
    title: str = ""
    kind: str = ""
    period: str = ""
    current: bool = False
    decided: str | None = None
    follow_ups: int = 0
    last_follow_up: str | None = None
    next_due: str | None = None
    overdue: bool = False
    areas: tuple[str, ...] = ()
    protective_factors: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    #: measures at each prevention level, in the order of LEVEL_LABELS
    levels: tuple[int, ...] = (0, 0, 0, 0)
    measures: int = 0
    readiness: str | None = None
    prevention_step: str | None = None


class Spread(NamedTuple):
    """How many plans, in which municipalities, name one area, method or protective factor."""

    label: str
    plans: int
    municipalities: tuple[str, ...]


class Overview(NamedTuple):
    today: date
    rows: tuple[PlanRow, ...]
    areas: tuple[Spread, ...]
    methods: tuple[Spread, ...]
    protective_factors: tuple[Spread, ...]
    levels: tuple[tuple[str, int], ...]

    @property
    def atgardsplaner(self) -> tuple[PlanRow, ...]:
        return tuple(r for r in self.rows if r.kind == PlanKind.ATGARDSPLAN.value)

    @property
    def broken(self) -> tuple[PlanRow, ...]:
        return tuple(r for r in self.rows if r.errors)


def plan_row(files: PlanFiles, today: date) -> PlanRow | None:
    """Validate one plan with its follow-ups and keep only what the overview shows; None for a
    follow-up outside any plan's folder, which is no plan."""
    results = validate_unit(files, today)
    plan_result = results[0]
    if plan_result.follow_up is not None:
        return None
    errors = len(blocking(results))
    plan = plan_result.plan
    if plan is None or errors:
        return PlanRow(file=plan_result.path, errors=max(errors, 1))
    follow_ups = [r.follow_up for r in results[1:] if r.follow_up is not None and r.follow_up.date <= today]
    return _row(plan_result.path, plan, follow_ups, today)


def _row(path: str, plan: Plan, done: Sequence[FollowUp], today: date) -> PlanRow:
    end = plan.period.end or plan.period.start
    measures = [measure for measure, _, _ in iter_measures(plan)]
    levels = Counter(m.prevention_level.value if m.prevention_level else LEVEL_LABELS[-1] for m in measures)
    is_action_plan = plan.kind is PlanKind.ATGARDSPLAN
    due_at = next_due(plan, done)
    due = due_at.day
    return PlanRow(
        file=path,
        errors=0,
        municipality=plan.municipality,
        title=plan.title,
        kind=plan.kind.value,
        period=period_text(plan.period),
        current=plan.period.start <= today.year <= end,
        decided=plan.decision.date if plan.decision and plan.decision.date else None,
        follow_ups=len(done),
        last_follow_up=max(f.date for f in done).isoformat() if done else None,
        next_due=f"{due.isoformat()} ({due_basis_text(due_at)})" if is_action_plan else None,
        overdue=is_action_plan and due < today,
        areas=tuple(a.title for a in plan.focus_areas if a.track is AreaTrack.PRIORITERAT),
        protective_factors=tuple(plan.protective_factors),
        methods=tuple(sorted({m.method.name for m in measures if m.method})),
        levels=tuple(levels[label] for label in LEVEL_LABELS),
        measures=len(measures),
        readiness=f"{plan.community_readiness}. {READINESS_STAGES[plan.community_readiness]}"
        if plan.community_readiness
        else None,
        prevention_step=(
            f"{plan.prevention_cycle_step}. {PREVENTION_STEPS[plan.prevention_cycle_step]}"
            if plan.prevention_cycle_step
            else None
        ),
    )


def collect(paths: Sequence[Path], today: date, jobs: int | None = None) -> Overview:
    """The overview of every plan under ``paths``; follow-up files come with their plans."""
    work = select_plans(paths)
    rows = [row for row in map_units(plan_row, work, today, jobs) if row is not None]
    if not rows:
        raise UsageError(f"inga planfiler hittades i {', '.join(map(str, paths))}")
    rows.sort(key=lambda r: (r.municipality, r.kind, r.title, r.file))
    return Overview(
        today=today,
        rows=tuple(rows),
        areas=_tallies(rows, lambda r: r.areas),
        methods=_tallies(rows, lambda r: r.methods),
        protective_factors=_tallies(rows, lambda r: r.protective_factors),
        levels=tuple((label, sum(r.levels[i] for r in rows)) for i, label in enumerate(LEVEL_LABELS)),
    )


def _tallies(rows: Sequence[PlanRow], values: Callable[[PlanRow], Sequence[str]]) -> tuple[Spread, ...]:
    found: dict[str, list[str]] = {}
    for row in rows:
        for value in values(row):
            found.setdefault(value, []).append(row.municipality)
    ordered = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple(Spread(label, len(names), tuple(sorted(set(names)))) for label, names in ordered)


def write_overview(
    paths: Sequence[Path], fmt: Literal["md", "html"], out: Path, templates: Path | None, today: date, jobs: int | None
) -> Path:
    from planctl.publish.environment import render_template
    from planctl.publish.output import write_atomic

    for plan in discover(paths):
        problem = output_problem(out, plan)
        if problem is not None:
            raise UsageError(problem)
    overview = collect(paths, today, jobs)
    text = render_template(
        f"overview.{fmt}.j2", fmt, templates, ov=overview, crm=READINESS_STAGES, steps=PREVENTION_STEPS
    )
    target = out / f"oversikt.{fmt}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode("utf-8"))
    except OSError as error:
        raise UsageError(f"{target}: kan inte skriva översikten ({error.strerror or error})") from None
    return target
