"""``planctl render`` and ``planctl report``: the plans selected, checked, and written.

A plan with errors is not published: nothing is written until every plan named can be.
Findings that depend on today's date (an overdue follow-up) never stop a document, since the
same files must always give the same document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Literal, NamedTuple

from planctl.errors import UsageError
from planctl.files import PlanFiles, output_problem, select_plans
from planctl.lint.engine import blocking, keep_plans, map_units, not_a_plan, unreadable, validate_unit
from planctl.lint.findings import Finding
from planctl.lint.reporters.common import refuse_on_errors
from planctl.model import FollowUp, Plan
from planctl.model.sections import Layout
from planctl.publish.environment import DocumentFormat, render_template
from planctl.publish.output import encode, write_all
from planctl.publish.plan_document import build_document
from planctl.publish.report import FollowUpReport, build_report

OutputFormat = Literal["md", "html", "pdf"]

#: The template each format starts from; the others are included from it.
MAIN_TEMPLATE: dict[DocumentFormat, str] = {"md": "plan.md.j2", "html": "plan.html.j2"}
REPORT_TEMPLATE: dict[DocumentFormat, str] = {"md": "report.md.j2", "html": "report.html.j2"}
SUFFIX: dict[OutputFormat, str] = {"md": ".md", "html": ".html", "pdf": ".pdf"}


def render_document(
    plan: Plan, source_name: str, fmt: DocumentFormat, templates: Path | None = None, plan_path: Path | None = None
) -> str:
    """The document of ``plan`` as Markdown or HTML text (``plan_path``: for the pictures beside it)."""
    return render_template(MAIN_TEMPLATE[fmt], fmt, templates, doc=build_document(plan, source_name, plan_path))


def with_layout(plan: Plan, layout: str | None) -> Plan:
    """``plan`` with the repository's layout preset where it chooses no layout of its own."""
    if plan.layout is not None or layout is None:
        return plan
    return plan.model_copy(update={"layout": Layout.model_validate({"preset": layout})})


def render_report(report: FollowUpReport, fmt: DocumentFormat, templates: Path | None = None) -> str:
    """The follow-up report as Markdown or HTML text."""
    return render_template(REPORT_TEMPLATE[fmt], fmt, templates, rep=report)


def document_text(
    plan: Plan,
    plan_path: Path,
    follow_ups: Sequence[FollowUp] | None,
    fmt: DocumentFormat,
    templates: Path | None,
    layout: str | None,
) -> str:
    """The plan's document, or, given its ``follow_ups``, its follow-up report, as text;
    ``layout`` is the repository's preset for a plan that chooses none."""
    if follow_ups is not None:
        return render_report(build_report(plan, list(follow_ups), plan_path.name), fmt, templates)
    return render_document(with_layout(plan, layout), plan_path.name, fmt, templates, plan_path)


class _Prepared(NamedTuple):
    """One plan checked and, if nothing stops it, made into its document (in a worker process
    when there are many plans: only what is needed to decide and to write comes back)."""

    plan: Path
    #: what the file is when it is no plan (a follow-up outside a plan's folder, a lägesbild)
    not_a_plan: str | None
    #: the errors that stop the document
    errors: tuple[Finding, ...]
    #: None when something stops it: errors, or a file that could not be read at all
    document: bytes | None


def _prepare(
    unit: PlanFiles,
    today: date,
    *,
    report: bool,
    fmt: OutputFormat,
    templates: Path | None,
    layout: str | None,
) -> _Prepared | None:
    """Validate a plan with its follow-ups and make its document, or say what stops it."""
    results = validate_unit(unit, today)
    if not results:
        return None
    first = results[0]
    what = not_a_plan(first)
    if what is not None:
        return _Prepared(unit.plan, what, (), None)
    counted = results if report else results[:1]
    errors = tuple(blocking(counted))
    if errors or first.plan is None or unreadable(counted):
        return _Prepared(unit.plan, None, errors, None)
    follow_ups = [r.follow_up for r in results[1:] if r.follow_up is not None] if report else None
    text = document_text(first.plan, unit.plan, follow_ups, "md" if fmt == "md" else "html", templates, layout)
    return _Prepared(unit.plan, None, (), encode(text, fmt))


def _publish(
    plans: Sequence[Path], out: Path, today: date | None, suffix: str, jobs: int | None, **making: Any
) -> list[Path]:
    """Check and make the document of every plan named by ``plans``, then write them all.

    Raises, writing nothing, when a file named is no plan, when two plans would write the same
    file, when ``out`` lies in a plans folder, or when a plan (for a report, one of its
    follow-ups too) has errors that stop publishing.
    """
    made = map_units(partial(_prepare, **making), select_plans(plans), today or date.today(), jobs)
    prepared = keep_plans(plans, (p for p in made if p is not None), lambda item: (item.plan, item.not_a_plan))
    if not prepared:
        raise UsageError("inga planfiler att återge")
    targets: dict[str, Path] = {}
    for item in prepared:
        target = f"{item.plan.stem}{suffix}"
        if target in targets:
            raise UsageError(f"{targets[target]} och {item.plan} skulle skrivas till samma dokument ({target})")
        targets[target] = item.plan
        problem = output_problem(out, item.plan)
        if problem is not None:
            raise UsageError(problem)
    errors = [error for item in prepared for error in item.errors]
    refuse_on_errors(errors, any(item.document is None for item in prepared), "planen återges inte")
    documents = [(out / f"{item.plan.stem}{suffix}", item.document) for item in prepared if item.document is not None]
    write_all(out, documents)
    return [target for target, _ in documents]


def render_files(
    plans: list[Path],
    fmt: OutputFormat,
    out: Path,
    templates: Path | None,
    today: date | None = None,
    layout: str | None = None,
    jobs: int | None = None,
) -> list[Path]:
    """Render each plan to ``out/<plan file stem>.<fmt>``; nothing is written if any plan has errors.

    ``today`` is the date the plans are checked against (default: today); ``layout`` the preset
    for plans that choose no layout of their own (the repository's settings); ``jobs`` how many
    processes share the work when there are many plans (default: one per core).
    """
    return _publish(
        plans, out, today, SUFFIX[fmt], jobs, report=False, fmt=fmt, templates=templates, layout=layout
    )


def report_files(
    plans: list[Path],
    fmt: OutputFormat,
    out: Path,
    templates: Path | None,
    today: date | None = None,
    jobs: int | None = None,
) -> list[Path]:
    """Write ``out/<plan file stem>-uppfoljning.<fmt>`` for each plan, from its follow-up files.

    Nothing is written if a plan or one of its follow-ups has errors.
    """
    return _publish(
        plans, out, today, f"-uppfoljning{SUFFIX[fmt]}", jobs, report=True, fmt=fmt, templates=templates, layout=None
    )
