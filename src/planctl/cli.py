"""The command line: parse arguments, call one core function, turn its result into an exit code.

Core modules are imported inside the commands, so ``planctl --help`` and
``--version`` stay as fast as typer itself.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from planctl import __version__
from planctl.swedish_cli import SwedishGroup

if TYPE_CHECKING:
    from planctl.settings import Settings

#: Kept here, not taken from the reporter registry, so that --help imports nothing heavy;
#: a test checks that the two agree.
FindingFormat = Literal["text", "json", "github", "sarif", "markdown"]
RenderFormat = Literal["md", "html", "pdf"]

app = typer.Typer(
    cls=SwedishGroup,  # every command, help panel and usage error in Swedish
    help="planctl: skriv, granska, publicera och följ upp kommunens brottsförebyggande planer.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state: dict[str, object] = {"debug": False, "quiet": False, "color": "auto"}


@contextmanager
def guard() -> Iterator[None]:
    """Map planctl's errors to exit codes; a bug gets exit 3 and a short message."""
    from planctl.errors import PlanctlError

    try:
        yield
    except PlanctlError as error:
        typer.echo(f"planctl: {error}", err=True)
        raise typer.Exit(error.exit_code) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        # The reader went away (planctl validate | head): stop quietly, as a killed pipe would.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(141) from None
    except Exception as error:  # noqa: BLE001 - the last line of defence is meant to be broad
        if _state["debug"]:
            import traceback

            traceback.print_exc()
        typer.echo(
            f"planctl: internt fel ({type(error).__name__}: {error}). Detta är en bugg i planctl; "
            "kör igen med --debug för detaljer och rapportera det.",
            err=True,
        )
        raise typer.Exit(3) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planctl {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen och avsluta.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Visa inställningarna som används och hela felspårningen vid interna fel.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Skriv bara fel och sammanfattningen, inga varningar eller 'skrev …'.")
    ] = False,
    color: Annotated[
        Literal["auto", "always", "never"],
        typer.Option("--color", help="Färg i terminalen: auto (om utdata är en terminal och NO_COLOR inte är satt)."),
    ] = "auto",
) -> None:
    """planctl: skriv, granska, publicera och följ upp kommunens brottsförebyggande planer.

    Inställningar för ett planförråd läses från planctl.toml eller [tool.planctl] i pyproject.toml.
    """
    _state.update(debug=debug, quiet=quiet, color=color)


def _color(stream: object) -> bool:
    """Whether to colour ``stream``: --color, then NO_COLOR (https://no-color.org), then a terminal."""
    import os

    if _state["color"] != "auto":
        return _state["color"] == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _say(text: str) -> None:
    """A line of information ("skrev …"), left out with --quiet."""
    if not _state["quiet"]:
        typer.echo(text)


def _settings() -> Settings:
    """The repository's settings (planctl.toml or [tool.planctl]); with --debug, said on stderr."""
    from planctl.settings import load

    settings = load()
    if _state["debug"]:
        typer.echo(f"planctl: {settings.describe()}", err=True)
    return settings


def _parse_today(value: str | None) -> date:
    from planctl.errors import UsageError

    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today {value!r}: ange ett datum som ÅÅÅÅ-MM-DD") from None


@app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Planfiler eller mappar (standard: plans/).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Låt även varningar ge felstatus.")] = False,
    output_format: Annotated[
        FindingFormat,
        typer.Option("--format", "-f", help="Utdataformat."),
    ] = "text",
    today: Annotated[
        str | None, typer.Option("--today", help="Dagens datum (ÅÅÅÅ-MM-DD) för reproducerbara körningar.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Antal processer (standard: en per kärna).")
    ] = None,
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

        settings = _settings()
        targets = settings.targets(paths)
        results = leave_out(validate_paths(targets, _parse_today(today), jobs), settings.ignore)
        if not results:
            from planctl.errors import UsageError

            raise UsageError(f"inga planfiler (*.yaml) hittades i {', '.join(map(str, targets))}")
        color = output_format == "text" and _color(sys.stdout)
        if output_format == "text":
            from planctl.lint.reporters.text import report_text

            report_text(results, sys.stdout, color, every=every, quiet=bool(_state["quiet"]))
        else:
            reporter(output_format)(results, sys.stdout, color)
        code = exit_code(results, strict or settings.strict)
    raise typer.Exit(code)


@app.command()
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


@app.command()
def rules(
    markdown: Annotated[bool, typer.Option("--markdown", help="Skriv som Markdown-tabell (README).")] = False,
) -> None:
    """Lista alla kontroller med kod, allvar och förklaring.

    Exempel: planctl rules --markdown
    """
    with guard():
        from planctl.lint.rules.doc import rules_markdown, rules_text

        sys.stdout.write(rules_markdown() if markdown else rules_text())


@app.command()
def render(
    plans: Annotated[list[Path], typer.Argument(help="Planfiler eller mappar att återge.")],
    output_format: Annotated[RenderFormat, typer.Option("--format", "-f", help="Dokumentformat.")] = "html",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Mapp för dokumenten (standard: build).")] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Mapp med egna mallar; det den saknar tas från planctls (planctl templates)."),
    ] = None,
    today: Annotated[
        str | None, typer.Option("--today", help="Dagens datum (ÅÅÅÅ-MM-DD) som planerna granskas mot.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Antal processer för många planer (standard: en per kärna).")
    ] = None,
) -> None:
    """Återge planer som publiceringsklara dokument (Markdown, HTML eller PDF).

    Skriver UT/<planfilens namn>.md, .html eller .pdf. En plan med fel
    återges inte; varningar går bra.

    Exempel: planctl render plans/vasteras-atgardsplan-2025-2026.yaml --format html --out build
    """
    with guard():
        from planctl.publish.documents import render_files

        settings = _settings()
        for written in render_files(
            plans,
            output_format,
            settings.output(out),
            templates or settings.templates,
            _parse_today(today),
            settings.layout,
            jobs,
        ):
            _say(f"skrev {written}")


@app.command()
def report(
    plans: Annotated[list[Path], typer.Argument(help="Planfiler eller mappar.")],
    output_format: Annotated[RenderFormat, typer.Option("--format", "-f", help="Rapportformat.")] = "html",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Mapp för rapporterna (standard: build).")] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="Mapp med egna mallar.")] = None,
    today: Annotated[
        str | None, typer.Option("--today", help="Dagens datum (ÅÅÅÅ-MM-DD) som planerna granskas mot.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Antal processer för många planer (standard: en per kärna).")
    ] = None,
) -> None:
    """Skriv uppföljningsrapporten för planer: status, sammanställningar, indikatorer med diagram.

    Skriver UT/<planfilens namn>-uppfoljning.md, .html eller .pdf från planen och
    uppföljningsfilerna i mappen bredvid den (plans/<plan>/uppfoljning-*.yaml).

    Exempel: planctl report plans/vasteras-atgardsplan-2025-2026.yaml --format html --out build
    """
    with guard():
        from planctl.publish.documents import report_files

        settings = _settings()
        target = settings.output(out)
        for written in report_files(
            plans, output_format, target, templates or settings.templates, _parse_today(today), jobs
        ):
            _say(f"skrev {written}")


@app.command()
def preview(
    plan: Annotated[Path, typer.Argument(help="Planfilen att förhandsvisa.")],
    port: Annotated[int, typer.Option("--port", help="Port på 127.0.0.1 (0: en ledig).")] = 8000,
    templates: Annotated[Path | None, typer.Option("--templates", help="Mapp med egna mallar.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Dagens datum (ÅÅÅÅ-MM-DD).")] = None,
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
        settings = _settings()
        fixed = _parse_today(today) if today else None
        preview_of = Preview(plan, templates or settings.templates, lambda: fixed or date.today(), settings.layout)
        serve(preview_of, port, lambda text: typer.echo(text))


#: The variable the shell sets when it asks planctl for completions.
COMPLETE_VAR = "_PLANCTL_COMPLETE"


@app.command()
def completion(
    shell: Annotated[Literal["bash", "zsh", "fish", "powershell"], typer.Argument(help="Skalet.")] = "bash",
) -> None:
    """Skriv skriptet för tabbkomplettering av kommandon, alternativ och filer i skalet.

    Lägg till i skalets startfil, t.ex. för bash i ~/.bashrc:
    eval "$(planctl completion bash)"

    Exempel: planctl completion zsh > ~/.zfunc/_planctl
    """
    with guard():
        from typer._completion_classes import completion_init
        from typer._completion_shared import get_completion_script

        completion_init()
        sys.stdout.write(get_completion_script(prog_name="planctl", complete_var=COMPLETE_VAR, shell=shell) + "\n")


@app.command()
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
            _say(f"skrev {written}")


@app.command()
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


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Mappen för det nya planförrådet.")] = Path(),
    municipality: Annotated[str, typer.Option("--kommun", help="Kommunens namn.")] = "Exempelkommun",
    start: Annotated[int | None, typer.Option("--start", help="Planperiodens första år (standard: i år).")] = None,
) -> None:
    """Skapa ett nytt planförråd: startplan, uppföljningsmall, pre-commit och CI-flöde.

    Befintliga filer skrivs aldrig över. Resultatet granskas utan fel av planctl validate.

    Exempel: planctl init min-kommun --kommun Västerås --start 2027
    """
    with guard():
        from datetime import date

        from planctl.scaffold import init_repository

        for written in init_repository(folder, municipality, date.today().year if start is None else start):
            typer.echo(f"skrev {written}")


@app.command()
def overview(
    paths: Annotated[list[Path] | None, typer.Argument(help="Planfiler eller mappar (standard: plans/).")] = None,
    output_format: Annotated[Literal["md", "html"], typer.Option("--format", "-f", help="Format.")] = "html",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Mapp för översikten (standard: build).")] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="Mapp med egna mallar.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Dagens datum (ÅÅÅÅ-MM-DD).")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Antal processer.")] = None,
) -> None:
    """Skriv en översikt över många planer för länsstyrelsen: planer, uppföljning, områden, metoder.

    Skriver UT/oversikt.html eller .md.

    Exempel: planctl overview plans/ --out build
    """
    with guard():
        from planctl.publish.county import write_overview

        settings = _settings()
        written = write_overview(
            settings.targets(paths),
            output_format,
            settings.output(out),
            templates or settings.templates,
            _parse_today(today),
            jobs,
        )
        _say(f"skrev {written}")


@app.command()
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


@app.command()
def status(
    paths: Annotated[list[Path] | None, typer.Argument(help="Planfiler eller mappar (standard: plans/).")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Dagens datum (ÅÅÅÅ-MM-DD).")] = None,
) -> None:
    """Visa uppföljningsläget i terminalen: åtgärdernas trafikljus, försenad uppföljning, indikatorer.

    Avslutar med 1 om en plan har fel eller om uppföljningen enligt 6 § är försenad
    (samma dag som planctl validate ger U506), annars 0.

    Exempel: planctl status plans/vasteras-atgardsplan-2025-2026.yaml
    """
    with guard():
        from planctl.publish.status import collect, exit_code, show

        day = _parse_today(today)
        statuses = collect(_settings().targets(paths), day)
        show(statuses, day, sys.stdout, _color(sys.stdout), quiet=bool(_state["quiet"]))
        code = exit_code(statuses, day)
    raise typer.Exit(code)


@app.command()
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


@app.command()
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


@app.command()
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


def main() -> None:
    # typer builds every command (and imports pydantic) before it reads --version; answering
    # it here keeps the most common scripted call as fast as the interpreter allows.
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"planctl {__version__}\n")
        return
    import os

    if COMPLETE_VAR in os.environ:  # the shell asks for completions (planctl completion)
        from typer._completion_classes import completion_init

        completion_init()
        app(prog_name="planctl")
        return
    _only_the_command(sys.argv[1:])(prog_name="planctl")


#: Options before the command, and whether each takes a value.
_GLOBAL_OPTIONS = {"--debug": False, "--quiet": False, "-q": False, "--color": True}


def _only_the_command(args: list[str]) -> typer.Typer:
    """The app with just the command being run: typer builds every command's parameters before
    it runs one, which costs as much as checking a plan. Help, and anything that is not plainly
    one known command, gets the whole app (its listing, its "did you mean")."""
    rest = list(args)
    while rest and rest[0] in _GLOBAL_OPTIONS:
        rest = rest[2:] if _GLOBAL_OPTIONS[rest[0]] else rest[1:]
    if not rest or "--help" in args or "-h" in args:
        return app
    chosen = [info for info in app.registered_commands if (info.name or info.callback.__name__) == rest[0]]  # type: ignore[union-attr]
    if len(chosen) != 1:
        return app
    slim = typer.Typer(
        cls=SwedishGroup,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    slim.registered_callback = app.registered_callback
    slim.registered_commands = chosen
    return slim
