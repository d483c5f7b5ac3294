"""The command line: parse arguments, call one core function, turn its result into an exit code.

Each command lives with the others of its role (``checking``, ``publishing``, ``follow_up``,
``repository``) and is registered below in the order ``planctl --help`` lists them. Core
modules are imported inside the commands, so ``planctl --help`` and ``--version`` stay as fast
as typer itself.
"""

from __future__ import annotations

import sys
from typing import Annotated, Literal

import typer

from planctl import __version__
from planctl.cli import checking, follow_up, publishing, repository
from planctl.cli.common import COMPLETE_VAR, STATE, FindingFormat, RenderFormat
from planctl.swedish_cli import SwedishGroup

__all__ = ["COMPLETE_VAR", "FindingFormat", "RenderFormat", "app", "main"]

app = typer.Typer(
    cls=SwedishGroup,  # every command, help panel and usage error in Swedish
    help="planctl: skriv, granska, publicera och följ upp kommunens brottsförebyggande planer.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    STATE.update(debug=debug, quiet=quiet, color=color)



for command in (
    checking.validate,
    checking.schema,
    checking.rules,
    publishing.render,
    publishing.report,
    publishing.preview,
    repository.completion,
    publishing.templates,
    publishing.diff,
    repository.init,
    publishing.overview,
    publishing.index,
    follow_up.status,
    checking.migrate,
    follow_up.forms,
    follow_up.collect,
):
    app.command()(command)


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
