"""Setting up: ``init`` for a new plan repository, ``completion`` for the shell."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from planctl.cli.common import COMPLETE_VAR, guard


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
