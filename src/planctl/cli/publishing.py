"""Publishing: ``render``, ``report``, ``preview``, ``templates``, ``diff``, ``overview`` and ``index``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import typer

from planctl.cli.common import Jobs, RenderFormat, Today, guard, parse_today, say, settings_used


def render(
    plans: Annotated[list[Path], typer.Argument(help="Planfiler eller mappar att återge.")],
    output_format: Annotated[RenderFormat, typer.Option("--format", "-f", help="Dokumentformat.")] = "html",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Mapp för dokumenten (standard: build).")] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Mapp med egna mallar; det den saknar tas från planctls (planctl templates)."),
    ] = None,
    today: Today = None,
    jobs: Jobs = None,
) -> None:
    """Återge planer som publiceringsklara dokument (Markdown, HTML eller PDF).

    Skriver UT/<planfilens namn>.md, .html eller .pdf. En plan med fel
    återges inte; varningar går bra.

    Exempel: planctl render plans/vasteras-atgardsplan-2025-2026.yaml --format html --out build
    """
    with guard():
        from planctl.publish.documents import render_files

        settings = settings_used()
        for written in render_files(
            plans,
            output_format,
            settings.output(out),
            templates or settings.templates,
            parse_today(today),
            settings.layout,
            jobs,
        ):
            say(f"skrev {written}")


def report(
    plans: Annotated[list[Path], typer.Argument(help="Planfiler eller mappar.")],
    output_format: Annotated[RenderFormat, typer.Option("--format", "-f", help="Rapportformat.")] = "html",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Mapp för rapporterna (standard: build).")] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="Mapp med egna mallar.")] = None,
    today: Today = None,
    jobs: Jobs = None,
) -> None:
    """Skriv uppföljningsrapporten för planer: status, sammanställningar, indikatorer med diagram.

    Skriver UT/<planfilens namn>-uppfoljning.md, .html eller .pdf från planen och
    uppföljningsfilerna i mappen bredvid den (plans/<plan>/uppfoljning-*.yaml).

    Exempel: planctl report plans/vasteras-atgardsplan-2025-2026.yaml --format html --out build
    """
    with guard():
        from planctl.publish.documents import report_files

        settings = settings_used()
        target = settings.output(out)
        for written in report_files(
            plans, output_format, target, templates or settings.templates, parse_today(today), jobs
        ):
            say(f"skrev {written}")


def preview(
    plan: Annotated[Path, typer.Argument(help="Planfilen att förhandsvisa.")],
    port: Annotated[int, typer.Option("--port", help="Port på 127.0.0.1 (0: en ledig).")] = 8000,
    templates: Annotated[Path | None, typer.Option("--templates", help="Mapp med egna mallar.")] = None,
    today: Today = None,
) -> None:
    """Visa planen och uppföljningsrapporten i webbläsaren, omritade när filerna ändras.

    Servern lyssnar bara på 127.0.0.1. En fil med fel visar sina fynd i stället för sidan.

    Exempel: planctl preview plans/vasteras-atgardsplan-2025-2026.yaml
    """
    with guard():
        from planctl.errors import UsageError
        from planctl.files import is_file
        from planctl.preview import Preview, serve

        if not is_file(plan):
            raise UsageError(f"{plan}: finns inte")
        if not 0 <= port <= 65535:
            raise UsageError(f"--port {port}: ange en port mellan 0 och 65535")
        settings = settings_used()
        fixed = parse_today(today) if today else None
        preview_of = Preview(plan, templates or settings.templates, lambda: fixed or date.today(), settings.layout)
        serve(preview_of, port, lambda text: typer.echo(text))


#: The variable the shell sets when it asks planctl for completions.


def templates(
    folder: Annotated[Path, typer.Argument(help="Mappen att kopiera planctls mallar till.")],
) -> None:
    """Kopiera planctls mallar och stilmallar till en mapp, som utgångspunkt för egna (--templates).

    Mappen behöver bara behålla det kommunen ändrar; det som saknas tas från planctls egna.
    Befintliga filer skrivs aldrig över.

    Exempel: planctl templates mallar
    """
    with guard():
        from planctl.publish.environment import copy_templates

        for written in copy_templates(folder):
            say(f"skrev {written}")


def diff(
    old: Annotated[str, typer.Argument(help="Den äldre versionen: en fil eller REV:FIL (git).")],
    new: Annotated[str, typer.Argument(help="Den nyare versionen: en fil eller REV:FIL (git).")],
    output_format: Annotated[Literal["text", "md"], typer.Option("--format", "-f", help="Utdataformat.")] = "text",
) -> None:
    """Visa vad som ändrats mellan två versioner av en plan: åtgärder, tider, ägare, mål, indikatorer.

    Versioner anges som filer eller som git-revisioner av en fil (REV:FIL).

    Exempel: planctl diff HEAD~1:plans/vasteras-atgardsplan-2025-2026.yaml plans/vasteras-atgardsplan-2025-2026.yaml
    """
    with guard():
        from planctl.publish.changes import as_markdown, as_text, compare, load_plan

        changes = compare(load_plan(old), load_plan(new))
        sys.stdout.write((as_markdown if output_format == "md" else as_text)(old, new, changes))


def overview(
    paths: Annotated[list[Path] | None, typer.Argument(help="Planfiler eller mappar (standard: plans/).")] = None,
    output_format: Annotated[Literal["md", "html"], typer.Option("--format", "-f", help="Format.")] = "html",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Mapp för översikten (standard: build).")] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="Mapp med egna mallar.")] = None,
    today: Today = None,
    jobs: Jobs = None,
) -> None:
    """Skriv en översikt över många planer för länsstyrelsen: planer, uppföljning, områden, metoder.

    Skriver UT/oversikt.html eller .md.

    Exempel: planctl overview plans/ --out build
    """
    with guard():
        from planctl.publish.county import write_overview

        settings = settings_used()
        written = write_overview(
            settings.targets(paths),
            output_format,
            settings.output(out),
            templates or settings.templates,
            parse_today(today),
            jobs,
        )
        say(f"skrev {written}")


def index(
    folder: Annotated[Path, typer.Argument(help="Mappen med de återgivna dokumenten.")] = Path("build"),
) -> None:
    """Skriv en startsida (index.html) som länkar mappens planer, uppföljningsrapporter och översikt.

    Kör den efter render, report och overview, till exempel i flödet som publicerar på GitHub Pages.

    Exempel: planctl index build
    """
    with guard():
        from planctl.site_index import write_index

        typer.echo(f"skrev {write_index(folder)}")
