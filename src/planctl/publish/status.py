"""``planctl status``: the follow-up picture of each plan in the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from planctl.lint.engine import blocking, check_plans
from planctl.lint.reporters.common import line_of
from planctl.model import Light
from planctl.model.cadence import DUE_SOON_DAYS
from planctl.publish.report import FollowUpReport, build_report
from planctl.terminal import console as terminal_console
from planctl.terminal import printable
from planctl.words import count

_LIGHT_STYLE = {Light.GRON: "green", Light.GUL: "yellow", Light.ROD: "red"}


@dataclass
class PlanStatus:
    path: str
    report: FollowUpReport | None
    errors: list[str]


def collect(paths: Sequence[Path], today: date) -> list[PlanStatus]:
    """The report of every plan under ``paths``; plans with errors carry them instead."""
    statuses = []
    for _, results in check_plans(paths, today):
        plan_result, follow_up_results = results[0], results[1:]
        errors = [line_of(f) for f in blocking(results)]
        if plan_result.plan is None or errors:
            statuses.append(PlanStatus(plan_result.path, None, errors or ["planen kan inte läsas"]))
            continue
        follow_ups = [r.follow_up for r in follow_up_results if r.follow_up is not None]
        statuses.append(
            PlanStatus(plan_result.path, build_report(plan_result.plan, follow_ups, Path(plan_result.path).name), [])
        )
    return statuses


def show(statuses: Sequence[PlanStatus], today: date, stream: TextIO, color: bool, quiet: bool = False) -> None:
    """Print each plan's follow-up picture; every text from a file is printed as it is, never as markup.

    ``quiet``: only each plan's deadlines and what is late or off track, no tables.
    """
    from rich.table import Table
    from rich.text import Text

    console = terminal_console(stream, color, width=120)

    def line(text: str, style: str = "") -> None:
        console.print(Text(printable(text), style=style), soft_wrap=True)

    for status in statuses:
        if status.report is None:
            line(f"{status.path}: planen har fel och visas inte", "bold red")
            for error in status.errors:
                line(f"  {error}")
            continue
        report = status.report
        line(f"{report.municipality}: {report.title} ({report.period})", "bold")
        if report.example_data:
            line("EXEMPELDATA: uppföljningens siffror är påhittade.", "bold magenta")
        latest = report.latest
        line(
            f"Källa: {status.path}. Uppföljningar: {len(report.occasions)}"
            + (f", senast {latest.date}." if latest else ".")
        )
        due, basis, law = report.next_due, report.next_due_basis, report.law_due or report.next_due
        days = (due - today).days
        if not report.under_the_law:
            rhythm = "; ".join(report.cycle) if report.cycle else "ingen rytm angiven"
            line(f"Handlingsplan: följs upp enligt egen plan ({rhythm}), inte enligt 6 §.")
        elif today > law:
            line(f"Uppföljningen är försenad: enligt 6 § skulle den ha gjorts senast {law}.", "bold red")
        elif days < 0:
            promise = basis.removeprefix("enligt planen: ")
            line(
                f"Uppföljningen är försenad mot planens eget löfte ({promise}): den skulle ha gjorts senast {due}. "
                f"Lagens yttersta datum är {law}.",
                "yellow",
            )
        elif days <= DUE_SOON_DAYS:
            line(f"Nästa uppföljning ska göras inom {count(days, 'dag', 'dagar')}, senast {due} ({basis}).", "yellow")
        else:
            line(f"Nästa uppföljning ska göras senast {due} ({basis}).")
        if report.under_the_law and report.lagesbild_due is not None:
            if today > report.lagesbild_due:
                line(
                    f"Lägesbilden är för gammal: enligt 6 § skulle den ha uppdaterats senast {report.lagesbild_due}.",
                    "bold red",
                )
            else:
                line(f"Lägesbilden ska uppdateras senast {report.lagesbild_due}.")

        totals = report.totals
        tally = (
            f"Grön {totals.green}, gul {totals.yellow}, röd {totals.red}, utan status {totals.missing} "
            f"av {count(totals.total, 'åtgärd', 'åtgärder')}."
        )
        if quiet:
            line(tally)
            console.print()
            continue
        table = Table(title="Åtgärder", title_justify="left", show_lines=False, expand=True)
        for column in ("Område", "Åtgärd", "Ansvarig", "Status", "Kommentar"):
            table.add_column(column, overflow="fold")
        for row in report.measures:
            cell = row.latest
            if cell.light:
                light = Text(f"● {cell.status} ({cell.light})", style=_LIGHT_STYLE[cell.light])
            elif cell.outside:
                light = Text(f"ingår inte ({cell.outside})", style="dim")
            else:
                light = Text("ingen status", style="dim")
            table.add_row(
                Text(printable(row.area)),
                Text(printable(row.title)),
                Text(printable(row.lead or ", ".join(row.owners))),
                light,
                Text(printable(cell.comment or "", one_line=False)),
            )
        console.print(table)
        line(tally)

        off_track = [i for i in report.indicators if i.off_track]
        if off_track:
            title = "Indikatorer som går åt fel håll eller inte nått sitt mål i tid"
            indicators = Table(title=title, title_justify="left", expand=True)
            for column in ("Indikator", "Senaste värde", "Utveckling", "Mål"):
                indicators.add_column(column, overflow="fold")
            for view in off_track:
                last = view.values[-1] if view.values else None
                indicators.add_row(
                    Text(printable(view.name)),
                    Text(printable(f"{last.value_text} ({last.period})" if last else "–")),
                    view.trend_text,
                    view.on_target_text or "–",
                )
            console.print(indicators)
        console.print()


def exit_code(statuses: Sequence[PlanStatus], today: date) -> int:
    """1 when a plan has errors, or its follow-up or lägesbild update under 6 § is overdue
    (validate's U506 and L309), else 0: ``planctl status`` in a scheduled job fails on the same
    day ``planctl validate`` does."""
    overdue = any(
        s.report.under_the_law
        and (
            (s.report.law_due or s.report.next_due) < today
            or (s.report.lagesbild_due is not None and s.report.lagesbild_due < today)
        )
        for s in statuses
        if s.report
    )
    return 1 if overdue or any(s.report is None for s in statuses) else 0
