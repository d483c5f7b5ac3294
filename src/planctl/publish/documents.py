"""``planctl render`` and ``planctl report``: the plans selected, checked, and written.

A plan with errors is not published: nothing is written until every plan named can be.
Findings that depend on today's date (an overdue follow-up) never stop a document, since the
same files must always give the same document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from planctl.errors import PlanHasErrors, UsageError
from planctl.files import output_problem
from planctl.lint.engine import FileResult, blocking, check_plans
from planctl.lint.findings import Finding
from planctl.lint.reporters.common import line_of
from planctl.model import Plan
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


def _checked_plans(
    plans: Sequence[Path], out: Path, today: date | None, suffix: str, with_follow_ups: bool
) -> list[tuple[Path, list[FileResult]]]:
    """The plans named by ``plans``, each validated with its follow-ups, ready to be written.

    Raises, writing nothing, when two plans would write the same file, when ``out`` lies in a
    plans folder, or when a plan (and, with ``with_follow_ups``, one of its follow-ups) has
    errors that stop publishing.
    """
    checked = [(files.plan, results) for files, results in check_plans(plans, today or date.today())]
    if not checked:
        raise UsageError("inga planfiler att återge")
    targets: dict[str, Path] = {}
    for path, _ in checked:
        target = f"{path.stem}{suffix}"
        if target in targets:
            raise UsageError(f"{targets[target]} och {path} skulle skrivas till samma dokument ({target})")
        targets[target] = path
        problem = output_problem(out, path)
        if problem is not None:
            raise UsageError(problem)
    results = [r for _, found_results in checked for r in (found_results if with_follow_ups else found_results[:1])]
    errors = blocking(results)
    if errors or any(r.plan is None and r.follow_up is None for r in results):
        lines = "".join(line_of(f) + "\n" for f in sorted(errors, key=Finding.sort_key))
        raise PlanHasErrors(f"{lines}planen återges inte förrän felen är rättade")
    return checked


def render_files(
    plans: list[Path],
    fmt: OutputFormat,
    out: Path,
    templates: Path | None,
    today: date | None = None,
    layout: str | None = None,
) -> list[Path]:
    """Render each plan to ``out/<plan file stem>.<fmt>``; nothing is written if any plan has errors.

    ``today`` is the date the plans are checked against (default: today); ``layout`` the preset
    for plans that choose no layout of their own (the repository's settings).
    """
    documents: list[tuple[Path, bytes]] = []
    for path, results in _checked_plans(plans, out, today, SUFFIX[fmt], with_follow_ups=False):
        plan = results[0].plan
        assert plan is not None
        plan = with_layout(plan, layout)
        text = render_document(plan, path.name, "md" if fmt == "md" else "html", templates, path)
        documents.append((out / f"{path.stem}{SUFFIX[fmt]}", encode(text, fmt)))
    write_all(out, documents)
    return [target for target, _ in documents]


def report_files(
    plans: list[Path], fmt: OutputFormat, out: Path, templates: Path | None, today: date | None = None
) -> list[Path]:
    """Write ``out/<plan file stem>-uppfoljning.<fmt>`` for each plan, from its follow-up files.

    Nothing is written if a plan or one of its follow-ups has errors.
    """
    suffix = f"-uppfoljning{SUFFIX[fmt]}"
    documents: list[tuple[Path, bytes]] = []
    for path, results in _checked_plans(plans, out, today, suffix, with_follow_ups=True):
        plan = results[0].plan
        assert plan is not None
        follow_ups = [r.follow_up for r in results[1:] if r.follow_up is not None]
        text = render_report(build_report(plan, follow_ups, path.name), "md" if fmt == "md" else "html", templates)
        documents.append((out / f"{path.stem}{suffix}", encode(text, fmt)))
    write_all(out, documents)
    return [target for target, _ in documents]
