"""What every command shares: the global options' state, the error guard, and the small
helpers that turn options into values (today's date, colour, the repository's settings)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    from planctl.settings import Settings

#: Kept here, not taken from the reporter registry, so that --help imports nothing heavy;
#: a test checks that the two agree.
FindingFormat = Literal["text", "json", "github", "sarif", "markdown"]
RenderFormat = Literal["md", "html", "pdf"]

#: ``--today``, in every command that judges plans against a day.
Today = Annotated[
    str | None,
    typer.Option("--today", help="Dagens datum (ÅÅÅÅ-MM-DD) som planerna granskas mot, för reproducerbara körningar."),
]
#: ``--jobs``, in every command that shares many plans between processes.
Jobs = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="Antal processer för många planer (standard: en per kärna).")
]

#: The variable the shell sets when it asks planctl for completions.
COMPLETE_VAR = "_PLANCTL_COMPLETE"

#: The global options (before the command), set by the app's callback.
STATE: dict[str, object] = {"debug": False, "quiet": False, "color": "auto"}


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
        if STATE["debug"]:
            import traceback

            traceback.print_exc()
        typer.echo(
            f"planctl: internt fel ({type(error).__name__}: {error}). Detta är en bugg i planctl; "
            "kör igen med --debug för detaljer och rapportera det.",
            err=True,
        )
        raise typer.Exit(3) from None



def color_wanted(stream: object) -> bool:
    """Whether to colour ``stream``: --color, then NO_COLOR (https://no-color.org), then a terminal."""
    import os

    if STATE["color"] != "auto":
        return STATE["color"] == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def say(text: str) -> None:
    """A line of information ("skrev …"), left out with --quiet."""
    if not STATE["quiet"]:
        typer.echo(text)


def settings_used() -> Settings:
    """The repository's settings (planctl.toml or [tool.planctl]); with --debug, said on stderr."""
    from planctl.settings import load

    settings = load()
    if STATE["debug"]:
        typer.echo(f"planctl: {settings.describe()}", err=True)
    return settings


def parse_today(value: str | None) -> date:
    from planctl.errors import UsageError

    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today {value!r}: ange ett datum som ÅÅÅÅ-MM-DD") from None
