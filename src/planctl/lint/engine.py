"""The engine: check every file named, each plan with its follow-ups, and decide the outcome.

:func:`validate_paths` loads each file once, checks it against the model, then each plan
across itself and with its follow-ups; every finding of every file is returned, placed and
with the plan's silences applied. Large sets run on one process per core. Nothing a file
holds makes it raise.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from planctl.errors import UsageError
from planctl.files import PlanFiles, discover, follow_up_files, group, is_dir, is_file, select_plans
from planctl.lint.findings import Finding, Severity
from planctl.lint.loader import LoadedFile, load_file
from planctl.lint.model_errors import model_findings
from planctl.lint.positions import finding_at
from planctl.lint.rules import RULES, check_plan, references
from planctl.lint.rules.followup import check_follow_ups
from planctl.lint.silences import place
from planctl.model import FollowUp, LagesbildFile, Plan
from planctl.terminal import printable

#: Below this many files a second process costs more than it saves.
PARALLEL_THRESHOLD = 24

T = TypeVar("T")


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    plan: Plan | None = None
    follow_up: FollowUp | None = None
    lagesbild: LagesbildFile | None = None

    @property
    def is_plan(self) -> bool:
        """Whether the file was read as a plan (and not as a follow-up or a lägesbild file)."""
        return self.plan is not None

def validate_paths(paths: Sequence[Path], today: date, jobs: int | None = None) -> list[FileResult]:
    """Validate every file under ``paths``; one process per core for large sets."""
    work = group(discover(paths))
    if not _parallel(work, jobs):
        return [result for unit in work for result in validate_unit(unit, today)]
    batches = map_units(_validate_for_pool, work, today, jobs)
    return [FileResult(path, [Finding.from_tuple(f) for f in found]) for batch in batches for path, found in batch]


def _parallel(work: Sequence[PlanFiles], jobs: int | None) -> int:
    """How many processes to use: none (0) below the threshold or on one core."""
    workers = min(jobs if jobs is not None else (os.cpu_count() or 1), 8)
    return workers if workers > 1 and len(work) >= PARALLEL_THRESHOLD else 0


def map_units(
    function: Callable[[PlanFiles, date], T], work: Sequence[PlanFiles], today: date, jobs: int | None
) -> list[T]:
    """``function`` over every unit, in order; on one process per core where there is enough work.

    ``function`` must be a module-level function, and what it returns small: it crosses
    between processes.
    """
    workers = _parallel(work, jobs)
    if not workers:
        return [function(unit, today) for unit in work]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        chunk = max(1, len(work) // (workers * 4))
        return list(pool.map(function, work, [today] * len(work), chunksize=chunk))


def _validate_for_pool(
    unit: PlanFiles, today: date
) -> list[tuple[str, list[tuple[str, int, int, str, int, str, str, str | None]]]]:
    """Findings only, as plain tuples: models are costly to send back, dataclasses slow to pickle."""
    return [(r.path, [f.as_tuple() for f in r.findings]) for r in validate_unit(unit, today)]


def validate_file(path: Path, today: date) -> FileResult:
    """Validate one plan file together with its follow-ups; the plan's own result."""
    return validate_unit(PlanFiles(path, tuple(follow_up_files(path))), today)[0]


def validate_unit(unit: PlanFiles, today: date) -> list[FileResult]:
    """Validate a plan and its follow-ups, each on its own and then together."""
    plan_loaded, plan_result = _check_document(unit.plan)
    if plan_result.lagesbild is not None:  # a lägesbild file of its own: read with the plan naming it
        plan_result.findings.sort(key=Finding.sort_key)
        return [plan_result] if unit.report_plan else []
    checked = [_check_document(path) for path in unit.follow_ups]
    plan = plan_result.plan
    if plan is not None:
        plan = with_lagesbild_file(plan, unit.plan)
        plan_result.plan = plan
    if plan_result.follow_up is not None:
        plan_result.findings.append(
            finding_at(
                plan_loaded, "U510", ("kind",), "uppföljningen ligger inte i en mapp bredvid sin plan (plans/<plan>/)"
            )
        )
    for loaded, result in checked:
        if result.plan is not None:
            message = f"filen ligger i uppföljningsmappen för {unit.plan.name} men är en plan, inte en uppföljning"
            result.findings.append(finding_at(loaded, "U510", ("kind",), message))
            result.findings.extend(place(loaded, result.plan, check_plan(result.plan), today))
    follow_ups = [(loaded, result) for loaded, result in checked if result.follow_up is not None]
    if plan is None and plan_result.follow_up is None:
        for loaded, result in follow_ups:
            message = (
                f"planen {unit.plan.name} har fel och kan inte läsas, så uppföljningen kan inte kontrolleras mot den"
            )
            result.findings.append(finding_at(loaded, "U512", ("plan",), message))
    if plan is not None:
        # A follow-up file that could not be read is not a missing follow-up: the checks that
        # count follow-ups (overdue, measures never mentioned) wait until it can be read.
        complete = all(result.follow_up is not None for _, result in checked if result.plan is None)
        plan_issues, per_file = check_follow_ups(
            plan, [r.follow_up for _, r in follow_ups if r.follow_up], today, complete
        )
        related = list(references.check_files(plan, unit.plan))
        plan_result.findings.extend(place(plan_loaded, plan, [*check_plan(plan), *plan_issues, *related], today))
        for (loaded, result), issues in zip(follow_ups, per_file, strict=True):
            result.findings.extend(finding_at(loaded, i.code, i.loc, i.message) for i in issues)
    results = ([plan_result] if unit.report_plan else []) + [result for _, result in checked]
    for result in results:
        result.findings.sort(key=Finding.sort_key)
    return results


def check_plans(paths: Sequence[Path], today: date) -> list[tuple[PlanFiles, list[FileResult]]]:
    """The plans a command works on (:func:`select_plans`), each validated with its follow-ups.

    A file that is no plan is left out, or refused where named (:func:`keep_plans`).
    """
    checked = [(files, results) for files in select_plans(paths) if (results := validate_unit(files, today))]
    return keep_plans(paths, checked, lambda item: (item[0].plan, not_a_plan(item[1][0])))


def keep_plans(paths: Sequence[Path], items: Iterable[T], what: Callable[[T], tuple[Path, str | None]]) -> list[T]:
    """``items`` (one per file found under ``paths``) without those whose file is no plan.

    ``what`` gives an item's file and what it is instead of a plan (:func:`not_a_plan`). A
    follow-up outside any plan's folder, or a lägesbild, is passed over where a folder was
    given (``planctl validate`` reports it, U510) and is a usage error where it was named.
    """
    named = {path for path in paths if not is_dir(path)}
    kept = []
    for item in items:
        path, instead = what(item)
        if instead is None:
            kept.append(item)
        elif path in named:
            raise UsageError(f"{printable(str(path))}: är {instead}; ange planfilen")
    return kept


def check_one_plan(path: Path, today: date) -> tuple[PlanFiles, list[FileResult]]:
    """The plan at ``path`` validated with its follow-ups, for a command that works on one plan."""
    checked = check_plans([path], today)
    if len(checked) != 1:
        raise UsageError(f"{printable(str(path))}: ange en planfil (en plan åt gången)")
    return checked[0]


def unreadable(results: Iterable[FileResult]) -> bool:
    """Whether a file among ``results`` could be read neither as a plan nor as a follow-up."""
    return any(r.plan is None and r.follow_up is None for r in results)


def not_a_plan(result: FileResult) -> str | None:
    """What a file given where a plan is expected is instead, in words; None for a plan."""
    if result.follow_up is not None:
        return "en uppföljning som inte ligger i en mapp bredvid sin plan"
    if result.lagesbild is not None:
        return "en lägesbild, som visas med den plan som bygger på den"
    return None


def with_lagesbild_file(plan: Plan, path: Path) -> Plan:
    """``plan`` with the problems, information and analysis of its lägesbild file (``lagesbild.file``)
    in place, so checks and documents see the whole chain; the plan as it is where there is none."""
    lagesbild = plan.lagesbild
    if lagesbild is None or lagesbild.file is None or "/" in lagesbild.file or "\\" in lagesbild.file:
        return plan
    target = path.parent / lagesbild.file
    if not is_file(target):
        return plan
    loaded = load_file(target)
    try:
        found = LagesbildFile.model_validate(loaded.data) if loaded.usable else None
    except ValidationError:
        found = None
    if found is None:
        return plan
    merged = lagesbild.model_copy(
        update={
            "problems": found.problems,
            "other_information": found.other_information,
            "analysis": found.analysis,
            "updates": [*lagesbild.updates, *found.updates],
            "completed": lagesbild.completed or found.completed,
            "reference": lagesbild.reference or found.reference,
        }
    )
    return plan.model_copy(update={"lagesbild": merged})


def _check_document(path: Path) -> tuple[LoadedFile, FileResult]:
    """Load a file and check it on its own, as a plan or a follow-up after its ``kind``."""
    loaded = load_file(path)
    result = FileResult(loaded.path, list(loaded.findings))
    if not loaded.usable or loaded.root is None:
        return loaded, result
    kind = loaded.data.get("kind") if isinstance(loaded.data, dict) else None
    model: type[Plan] | type[FollowUp] | type[LagesbildFile] = MODELS.get(kind, Plan) if isinstance(kind, str) else Plan
    if isinstance(loaded.data, dict) and loaded.data.get("format_version") == 1:
        message = "filen är i formatversion 1; planctl migrate skriver om den till version 2 och behåller kommentarerna"
        result.findings.append(finding_at(loaded, "F013", ("format_version",), message))
    try:
        document = model.model_validate(loaded.data)
    except ValidationError as error:
        result.findings.extend(model_findings(loaded, error, model))
        return loaded, result
    if isinstance(document, FollowUp):
        result.follow_up = document
    elif isinstance(document, LagesbildFile):
        result.lagesbild = document
    else:
        result.plan = document
    return loaded, result


#: The model a file is read with, by its ``kind`` (a plan's kind is åtgärdsplan or handlingsplan).
MODELS: dict[object, type[Plan] | type[FollowUp] | type[LagesbildFile]] = {
    "uppföljning": FollowUp,
    "lägesbild": LagesbildFile,
}


def counts(results: Sequence[FileResult]) -> dict[str, int]:
    """How many findings of each severity, and how many were silenced."""
    total = {"error": 0, "warning": 0, "info": 0, "silenced": 0, "files": len(results)}
    for result in results:
        for item in result.findings:
            if item.silenced_by is not None:
                total["silenced"] += 1
            else:
                total[item.severity.label] += 1
    return total


def blocking(results: Iterable[FileResult]) -> list[Finding]:
    """The findings that stop a document from being made: unsilenced errors that do not depend on
    today's date (the same files must always give the same document)."""
    return [
        f
        for result in results
        for f in result.findings
        if f.severity is Severity.ERROR and f.silenced_by is None and not RULES[f.code].depends_on_today
    ]


def exit_code(results: Sequence[FileResult], strict: bool) -> int:
    """0 when nothing fails, 1 when an error (or, with ``strict``, a warning) remains."""
    worst = Severity.WARNING if strict else Severity.ERROR
    failing = any(f.silenced_by is None and f.severity >= worst for r in results for f in r.findings)
    return 1 if failing else 0


def leave_out(results: list[FileResult], ignore: Sequence[str]) -> list[FileResult]:
    """The results without the findings of rules a repository's settings switch off (``ignore``:
    codes or their beginnings; the settings refuse the law's rules)."""
    if ignore:
        for result in results:
            result.findings = [f for f in result.findings if not any(f.code.startswith(code) for code in ignore)]
    return results
