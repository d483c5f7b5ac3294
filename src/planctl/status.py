"""``planctl status``: the follow-up picture of each plan in the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from planctl.followup import DUE_SOON_DAYS
from planctl.report import FollowUpReport, build_report
from planctl.validate import Unit, blocking, discover, units, validate_unit

_LIGHT_STYLE = {"grön": "green", "gul": "yellow", "röd": "red"}


@dataclass
class PlanStatus:
    path: str
    report: FollowUpReport | None
    errors: list[str]


def collect(paths: Sequence[Path], today: date) -> list[PlanStatus]:
    """The report of every plan under ``paths``; plans with errors carry them instead."""
    from planctl.reporters import line_of

    statuses = []
    for unit in units(discover(paths)):
        results = validate_unit(Unit(unit.plan, unit.follow_ups, True), today)
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


def show(statuses: Sequence[PlanStatus], today: date, stream: TextIO, color: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, force_terminal=color, no_color=not color, width=120, highlight=False)
    for status in statuses:
        if status.report is None:
            console.print(Text(f"{status.path}: planen har fel och visas inte", style="bold red"))
            for line in status.errors:
                console.print(f"  {line}", markup=False, soft_wrap=True)
            continue
        report = status.report
        console.print(Text(f"{report.municipality}: {report.title} ({report.period})", style="bold"))
        if report.example_data:
            console.print(Text("EXEMPELDATA: uppföljningens siffror är påhittade.", style="bold magenta"))
        latest = report.latest
        console.print(
            f"Källa: {status.path}. Uppföljningar: {len(report.occasions)}"
            + (f", senast {latest.date}." if latest else ".")
        )
        days = (report.next_due - today).days
        if not report.under_the_law:
            rhythm = "; ".join(report.cycle) if report.cycle else "ingen rytm angiven"
            console.print(f"Handlingsplan: följs upp enligt egen plan ({rhythm}), inte enligt 6 §.")
        elif days < 0:
            console.print(
                Text(
                    f"Uppföljningen är försenad: den skulle ha gjorts senast {report.next_due} (6 §).", style="bold red"
                )
            )
        elif days <= DUE_SOON_DAYS:
            console.print(
                Text(f"Nästa uppföljning ska göras inom {days} dagar, senast {report.next_due} (6 §).", style="yellow")
            )
        else:
            console.print(f"Nästa uppföljning ska göras senast {report.next_due} (6 §).")

        table = Table(title="Åtgärder", title_justify="left", show_lines=False, expand=True)
        for column in ("Område", "Åtgärd", "Ansvarig", "Status", "Kommentar"):
            table.add_column(column, overflow="fold")
        for row in report.measures:
            cell = row.latest
            light = (
                Text(f"● {cell.status} ({cell.light})", style=_LIGHT_STYLE[cell.light])
                if cell.light
                else Text("ingen status", style="dim")
            )
            table.add_row(row.area, row.title, row.lead or ", ".join(row.owners), light, cell.comment or "")
        console.print(table)
        totals = report.totals
        console.print(
            f"Grön {totals.green}, gul {totals.yellow}, röd {totals.red}, utan status {totals.missing} av {totals.total} åtgärder."
        )

        off_track = [
            i for i in report.indicators if i.trend == "i fel riktning" or i.on_target == "målet ännu inte nått"
        ]
        if off_track:
            indicators = Table(title="Indikatorer som inte går åt rätt håll", title_justify="left", expand=True)
            for column in ("Indikator", "Senaste värde", "Utveckling", "Mål"):
                indicators.add_column(column, overflow="fold")
            for view in off_track:
                last = view.values[-1] if view.values else None
                indicators.add_row(
                    view.name, f"{last.value_text} ({last.period})" if last else "–", view.trend, view.on_target or "–"
                )
            console.print(indicators)
        console.print()


def exit_code(statuses: Sequence[PlanStatus]) -> int:
    return 1 if any(s.report is None for s in statuses) else 0
