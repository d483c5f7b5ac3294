"""Checking plan files: ``validate``, ``schema``, ``rules`` and ``migrate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from planctl.cli.common import STATE, FindingFormat, Jobs, Today, color_wanted, guard, parse_today, settings_used


def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Planfiler eller mappar (standard: plans/).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Låt även varningar ge felstatus.")] = False,
    output_format: Annotated[
        FindingFormat,
        typer.Option("--format", "-f", help="Utdataformat."),
    ] = "text",
    today: Today = None,
    jobs: Jobs = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all", help="Visa varje fynd; annars visas de tre första av varje regel i varje fil och resten räknas."
        ),
    ] = False,
) -> None:
    """Granska planfiler mot planformatet, lagen och Brås vägledning.

    Skriver varje fynd som FIL:RAD:KOLUMN: ALLVAR KOD meddelande och en
    sammanfattning. Avslutar med 0 utan fel, 1 vid fel (med --strict även
    varningar) och 2 vid felaktig användning.

    Exempel: planctl validate plans/ --format github
    """
    with guard():
        from planctl.lint.engine import exit_code, leave_out, validate_paths
        from planctl.lint.reporters import reporter

        settings = settings_used()
        targets = settings.targets(paths)
        results = leave_out(validate_paths(targets, parse_today(today), jobs), settings.ignore)
        if not results:
            from planctl.errors import UsageError

            raise UsageError(f"inga planfiler (*.yaml) hittades i {', '.join(map(str, targets))}")
        color = output_format == "text" and color_wanted(sys.stdout)
        if output_format == "text":
            from planctl.lint.reporters.text import report_text

            report_text(results, sys.stdout, color, every=every, quiet=bool(STATE["quiet"]))
        else:
            reporter(output_format)(results, sys.stdout, color)
        code = exit_code(results, strict or settings.strict)
    raise typer.Exit(code)


def schema(
    follow_up: Annotated[
        bool, typer.Option("--follow-up", help="Schemat för uppföljningsfiler i stället för planer.")
    ] = False,
    lagesbild: Annotated[
        bool, typer.Option("--lagesbild", help="Schemat för lägesbildsfiler (kind: lägesbild) i stället för planer.")
    ] = False,
) -> None:
    """Skriv formatets JSON Schema, för editorer och YAML-språkservern.

    Exempel: planctl schema > schema/plan.schema.json
    """
    with guard():
        from planctl.errors import UsageError
        from planctl.model.schema import schema_text

        if follow_up and lagesbild:
            raise UsageError("välj ett schema: --follow-up eller --lagesbild")
        sys.stdout.write(schema_text("uppföljning" if follow_up else "lägesbild" if lagesbild else "plan"))


def rules(
    markdown: Annotated[bool, typer.Option("--markdown", help="Skriv som Markdown-tabell (README).")] = False,
) -> None:
    """Lista alla kontroller med kod, allvar och förklaring.

    Exempel: planctl rules --markdown
    """
    with guard():
        from planctl.lint.rules.doc import rules_markdown, rules_text

        sys.stdout.write(rules_markdown() if markdown else rules_text())


def migrate(
    paths: Annotated[list[Path], typer.Argument(help="Planfiler, uppföljningar eller mappar att skriva om.")],
    check: Annotated[
        bool, typer.Option("--check", help="Skriv inget; avsluta med 1 om någon fil behöver skrivas om.")
    ] = False,
) -> None:
    """Skriv om filer till den nuvarande formatversionen; kommentarer, ordning och citattecken behålls.

    Exempel: planctl migrate plans/
    """
    with guard():
        from planctl.migrate import migrate_paths

        migrated = migrate_paths(paths, write=not check)
        changed = [m for m in migrated if m.changes]
        for item in changed:
            verb = "behöver skrivas om" if check else "skrev om"
            typer.echo(f"{item.path}: {verb} ({', '.join(item.changes)})")
        if not changed:
            typer.echo(f"{len(migrated)} {'fil' if len(migrated) == 1 else 'filer'} redan i formatversion 2")
        code = 1 if check and changed else 0
    raise typer.Exit(code)
