"""Following a plan up: ``status``, and ``forms`` and ``collect`` for the owners' spreadsheets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from planctl.cli.common import STATE, Today, color_wanted, guard, parse_today, settings_used


def status(
    paths: Annotated[list[Path] | None, typer.Argument(help="Planfiler eller mappar (standard: plans/).")] = None,
    today: Today = None,
) -> None:
    """Visa uppföljningsläget i terminalen: åtgärdernas trafikljus, försenad uppföljning, indikatorer.

    Avslutar med 1 om en plan har fel eller om uppföljningen enligt 6 § är försenad
    (samma dag som planctl validate ger U506), annars 0.

    Exempel: planctl status plans/vasteras-atgardsplan-2025-2026.yaml
    """
    with guard():
        from planctl.publish.status import collect, exit_code, show

        day = parse_today(today)
        statuses = collect(settings_used().targets(paths), day)
        show(statuses, day, sys.stdout, color_wanted(sys.stdout), quiet=bool(STATE["quiet"]))
        code = exit_code(statuses, day)
    raise typer.Exit(code)


def forms(
    plan: Annotated[Path, typer.Argument(help="Planfilen som följs upp.")],
    day: Annotated[
        str | None, typer.Option("--date", help="Uppföljningens datum och svarsdag (ÅÅÅÅ-MM-DD; standard: i dag).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Mapp för arbetsböckerna.")] = Path("build"),
) -> None:
    """Skriv uppföljningsblanketter (.xlsx) till åtgärdernas ägare, att fylla i och skicka tillbaka.

    Skriver UT/<planfilens namn>-<organisation>.xlsx för varje organisation som
    leder en åtgärd (åtgärder utan ansvarig går till var och en av ägarna) och
    UT/<planfilens namn>-samtliga.xlsx med alla åtgärder och indikatorer för
    samordnaren. Svaren läses in med planctl collect.

    Exempel: planctl forms plans/vasteras-atgardsplan-2025-2026.yaml --date 2026-11-30 --out blanketter
    """
    with guard():
        from datetime import date

        from planctl.forms import parse_day
        from planctl.forms.workbook import write_forms

        for written in write_forms(plan, parse_day(day) or date.today(), out):
            typer.echo(f"skrev {written}")


def collect(
    plan: Annotated[Path, typer.Argument(help="Planfilen som följs upp.")],
    workbooks: Annotated[list[Path], typer.Argument(help="Ifyllda arbetsböcker (.xlsx) från planctl forms.")],
    day: Annotated[
        str | None, typer.Option("--date", help="Uppföljningens datum (standard: det arbetsböckerna gjordes för).")
    ] = None,
    merge: Annotated[
        bool, typer.Option("--merge", help="För in svaren i en befintlig uppföljning för samma datum och visa ändringarna.")
    ] = False,
) -> None:
    """Läs in ifyllda uppföljningsblanketter och skriv planens nästa uppföljningsfil, granskad.

    Skriver plans/<plan>/uppfoljning-ÅÅÅÅ-MM.yaml bredvid planen och visar fynden
    som ARBETSBOK:BLAD!CELL: ALLVAR KOD meddelande. Avslutar med 1 vid fel (då
    skrivs inget), 2 om uppföljningen redan finns (utan --merge) och annars 0.

    Exempel: planctl collect plans/vasteras-atgardsplan-2025-2026.yaml svar/*.xlsx
    """
    with guard():
        from planctl.forms import parse_day
        from planctl.forms.collect import collect as collect_workbooks
        from planctl.forms.collect import summary
        from planctl.lint.reporters.common import line_of

        done = collect_workbooks(plan, workbooks, parse_day(day), merge)
        for finding in done.findings:
            typer.echo(line_of(finding))
        for change in done.changes:
            typer.echo(change)
        typer.echo(summary(done))
        code = 1 if done.failed else 0
    raise typer.Exit(code)
