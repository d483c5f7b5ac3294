"""The command line speaks Swedish: its own help, typer's panels, click's errors, the summary."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from typer.main import get_command
from typer.testing import CliRunner, Result

from planctl.cli import app
from planctl.lint.engine import FileResult
from planctl.lint.findings import Finding, Severity
from planctl.lint.reporters.common import summary_line
from planctl.swedish_cli import SwedishUsageError, missing_hooks, swedish
from planctl.words import lights_text

COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback is not None]

#: What click and typer say in English; none of it may reach a user of planctl.
ENGLISH = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "default:",
    "required",
    "env var",
    "[OPTIONS]",
    "COMMAND",
    "[ARGS]",
    "Error",
    "Try ",
    "for help",
    "Missing",
    "No such",
    "Invalid value",
    "is not one of",
    "is not a valid",
    "unexpected extra",
    "requires an argument",
    "does not take a value",
    "Did you mean",
    "Input should be",
    "Aborted",
    # the value labels beside options (typer 0.29 and earlier)
    "<bool>",
    "<int",
    "range>",
    "INTEGER",
    "BOOLEAN",
    "RANGE",
)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="planctl")


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def error_panel(text: str) -> str:
    """The message inside typer's error panel, its wrapped lines joined again."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("╭─ Fel "))
    body: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("╰"):
            break
        body.append(line.strip("│").strip())
    return " ".join(body)


def test_every_hook_into_typer_is_still_there() -> None:
    """A new typer that renames a constant or drops a hook fails here, not in front of a user."""
    assert missing_hooks() == []


def test_the_command_list_is_the_apps() -> None:
    assert list(get_command(app).commands) == COMMANDS  # type: ignore[attr-defined]


def test_main_help_is_swedish() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert english_in(result.output) == []
    out = result.stdout
    assert out.lstrip().startswith("Användning: planctl [ALTERNATIV] KOMMANDO [ARGUMENT]...")
    for phrase in (
        "─ Alternativ ─",
        "─ Kommandon ─",
        "Visa den här hjälpen och avsluta.",
        "Visa versionen och avsluta.",
    ):
        assert phrase in out


def test_short_help_option_is_the_same_help() -> None:
    assert run("-h").stdout == run("--help").stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_is_swedish(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert english_in(result.output) == []
    assert result.stdout.lstrip().startswith(f"Användning: planctl {command} [ALTERNATIV]")
    assert "─ Alternativ ─" in result.stdout
    flat = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stdout).split())  # the panel's text, however it wraps
    assert "Visa den här hjälpen och avsluta." in flat


def test_defaults_arguments_and_value_labels_are_swedish_in_the_help() -> None:
    out = run("validate", "--help").stdout
    assert "[standard: text]" in out
    assert re.search(r"--jobs +-j +(<heltal>|HELTAL) \[x>=1\]", out)
    assert re.search(r"--today +(<text>|TEXT) ", out)
    assert "─ Argument ─" in out
    assert "[krävs]" in run("render", "--help").stdout


@pytest.mark.parametrize("args", [["--help"], *[[command, "--help"] for command in COMMANDS]], ids=" ".join)
def test_help_through_a_real_terminal_width_is_swedish(args: list[str]) -> None:
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "planctl", *args], capture_output=True, text=True, env=env, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert english_in(done.stdout) == []
    assert "Användning: planctl" in done.stdout
    assert "╭─ Alternativ " in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) == 100


def test_an_error_through_a_real_terminal_is_swedish() -> None:
    env = {**os.environ, "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-m", "planctl", "validate", "--format", "xml"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert english_in(done.stderr) == []
    assert done.stderr.splitlines()[1] == "Kör 'planctl validate -h' för hjälp."
    assert error_panel(done.stderr) == (
        "Ogiltigt värde för '--format' / '-f': 'xml' är varken 'text', 'json', 'github', 'sarif' eller 'markdown'."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--x"], "Okänt alternativ: --x"),
        (
            ["validate", "--format", "xml"],
            "Ogiltigt värde för '--format' / '-f': 'xml' är varken 'text', 'json', 'github', 'sarif' eller 'markdown'.",
        ),
        (["diff", "a", "b", "c"], "Oväntat argument: c"),
        (["diff", "a", "b", "c", "d"], "Oväntade argument: c d"),
        (["valdate"], "Okänt kommando 'valdate'. Menade du 'validate'?"),
        (["nosuch"], "Okänt kommando 'nosuch'."),
        (["--x"], "Okänt alternativ: --x"),
        (["validate", "--format"], "Alternativet '--format' kräver ett värde."),
        (["validate", "--strict=3"], "Alternativet '--strict' tar inget värde."),
        (["init", "--start", "x"], "Ogiltigt värde för '--start': 'x' är inte ett heltal."),
    ],
    ids=" ".join,
)
def test_wrong_use_is_told_in_swedish_with_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert english_in(result.stderr) == []
    # typer 0.29 reports a bad integer through pydantic ("Värdet måste vara ett heltal."), 0.26 through click.
    expected = {message, message.replace("'x' är inte ett heltal.", "Värdet måste vara ett heltal.")}
    assert error_panel(result.stderr) in expected


@pytest.mark.parametrize("command", ["render", "report", "migrate"])
def test_a_missing_argument_is_named_in_swedish(command: str) -> None:
    result = run(command)
    assert (result.exit_code, result.stdout) == (2, "")
    usage, hint = result.stderr.splitlines()[:2]
    assert usage.startswith(f"Användning: planctl {command} [ALTERNATIV] ")
    assert hint == f"Kör 'planctl {command} -h' för hjälp."
    name = "paths" if command == "migrate" else "plans"
    # typer 0.29 names an argument by its parameter, 0.26 by its upper-case metavar.
    assert error_panel(result.stderr) in {f"Argumentet '{name}' saknas.", f"Argumentet '{name.upper()}...' saknas."}


def test_a_number_below_its_minimum_is_told_in_swedish() -> None:
    result = run("validate", "--jobs", "0")
    assert result.exit_code == 2
    assert error_panel(result.stderr) in {
        "Ogiltigt värde för '--jobs' / '-j': Värdet måste vara minst 1.",
        "Ogiltigt värde för '--jobs' / '-j': 0 ligger utanför intervallet x>=1.",
    }


def test_without_rich_the_error_is_swedish_too() -> None:
    ctx = get_command(app).make_context("planctl", ["validate"])
    out = io.StringIO()
    SwedishUsageError("Okänt alternativ: --x", ctx, 2).show(out)
    assert out.getvalue() == (
        "Användning: planctl [ALTERNATIV] KOMMANDO [ARGUMENT]...\n"
        "Kör 'planctl -h' för hjälp.\n\n"
        "Fel: Okänt alternativ: --x\n"
    )


@pytest.mark.parametrize(
    ("english", "swedish_text"),
    [
        # click's own words, as typer 0.26–0.28 and click 8 write them
        ("Missing argument 'PATHS...'.", "Argumentet 'PATHS...' saknas."),
        ("Missing option '--kommun'.", "Alternativet '--kommun' saknas."),
        ("Missing parameter: name", "Parametern name saknas."),
        ("No such option: --x", "Okänt alternativ: --x"),
        (
            "No such option: --fo (Possible options: --follow-up, --format)",
            "Okänt alternativ: --fo (möjliga alternativ: --follow-up, --format)",
        ),
        ("Got unexpected extra argument (c)", "Oväntat argument: c"),
        ("Got unexpected extra arguments (c d)", "Oväntade argument: c d"),
        ("Got unexpected extra argument(s) (c)", "Oväntat argument: c"),
        ("Option '--out' requires 2 arguments.", "Alternativet '--out' kräver 2 värden."),
        ("Argument 'x' takes 2 values.", "Argumentet 'x' tar 2 värden."),
        (
            "Invalid value for '--format': 'xml' is not one of 'text', 'json', 'github'.",
            "Ogiltigt värde för '--format': 'xml' är varken 'text', 'json' eller 'github'.",
        ),
        (
            "Invalid value for '-j': 'x' is not a valid integer range.",
            "Ogiltigt värde för '-j': 'x' är inte ett heltal.",
        ),
        (
            "Invalid value for '-j': 0 is not in the range x>=1.",
            "Ogiltigt värde för '-j': 0 ligger utanför intervallet x>=1.",
        ),
        ("Invalid value: 'x' is not a valid float.", "Ogiltigt värde: 'x' är inte ett decimaltal."),
        (
            "Invalid value for 'PATHS...': Path 'nope' does not exist.",
            "Ogiltigt värde för 'PATHS...': Sökvägen 'nope' finns inte.",
        ),
        ("Invalid value for '--out': Directory 'x' is a file.", "Ogiltigt värde för '--out': Mappen 'x' är en fil."),
        ("Could not open file 'x': unknown error", "Kunde inte öppna filen 'x': okänt fel"),
        (
            "Missing option '--f'. Choose from:\n\ttext,\n\tjson",
            "Alternativet '--f' saknas. Välj bland:\n\ttext,\n\tjson",
        ),
        # typer 0.29's coercion through pydantic
        (
            "Value error, 'xml' is not one of 'text', 'json', 'github'.",
            "'xml' är varken 'text', 'json' eller 'github'.",
        ),
        ("Input should be greater than or equal to 1", "Värdet måste vara minst 1."),
        ("Input should be less than 10", "Värdet måste vara mindre än 10."),
        ("Input should be a valid integer, unable to parse string as an integer", "Värdet måste vara ett heltal."),
        ("Input should be a valid boolean, unable to interpret input", "Värdet måste vara sant eller falskt."),
        ("Input should be 'md' or 'html'", "Värdet måste vara 'md' eller 'html'."),
        ("Value 'x' is not a valid Foo.", "'x' är inte ett giltigt värde (Foo)."),
        ("Value must be an iterable.", "Värdet måste vara en lista."),
        # typer's own, already Swedish through its gettext hook, with its suggestion appended
        ("Okänt kommando 'valdate'. Did you mean 'validate'?", "Okänt kommando 'valdate'. Menade du 'validate'?"),
        # a message no rule knows stays as it is rather than being mangled
        ("planctl: något helt annat", "planctl: något helt annat"),
    ],
)
def test_click_messages_of_every_typer_generation(english: str, swedish_text: str) -> None:
    assert swedish(english) == swedish_text


def _results(files: int, errors: int, warnings: int, silenced: int) -> list[FileResult]:
    findings = [Finding("a.yaml", 1, 1, "X001", Severity.ERROR, "fel") for _ in range(errors)]
    findings += [Finding("a.yaml", 1, 1, "X002", Severity.WARNING, "varning") for _ in range(warnings)]
    findings += [Finding("a.yaml", 1, 1, "X003", Severity.WARNING, "tyst", silenced_by="skäl") for _ in range(silenced)]
    return [FileResult("a.yaml", findings), *(FileResult(f"{n}.yaml") for n in range(files - 1))]


@pytest.mark.parametrize(
    ("numbers", "line"),
    [
        ((1, 0, 0, 0), "1 fil granskad: 0 fel, 0 varningar, 0 tystade"),
        ((1, 1, 1, 1), "1 fil granskad: 1 fel, 1 varning, 1 tystad"),
        ((2, 2, 2, 2), "2 filer granskade: 2 fel, 2 varningar, 2 tystade"),
        ((2, 1, 0, 1), "2 filer granskade: 1 fel, 0 varningar, 1 tystad"),
    ],
)
def test_summary_line_agrees_with_its_numbers(numbers: tuple[int, int, int, int], line: str) -> None:
    assert summary_line(_results(*numbers)) == line


@pytest.mark.parametrize(
    ("lights", "text"),
    [
        ((20, 1, 3, 17), "Av 41 åtgärder är 20 gröna, 1 gul, 3 röda och 17 utan status."),
        ((1, 2, 1, 0), "Av 4 åtgärder är 1 grön, 2 gula och 1 röd."),
        ((1, 0, 0, 0), "Av 1 åtgärd är 1 grön."),
        ((0, 0, 0, 2), "Av 2 åtgärder är 2 utan status."),
        ((0, 0, 0, 0), "Inga åtgärder."),
    ],
)
def test_lights_agree_with_their_numbers(lights: tuple[int, int, int, int], text: str) -> None:
    assert lights_text("åtgärd", "åtgärder", *lights) == text


def test_the_swedish_hook_keeps_the_cli_import_light() -> None:
    """typer.rich_utils (and rich) load when the group is built, not when ``planctl --version`` starts."""
    code = "import sys, planctl.cli; print(sorted(m for m in ('rich', 'typer.rich_utils', 'pydantic') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
