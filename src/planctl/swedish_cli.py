"""The command line's own words in Swedish: typer's help panels and the click it vendors.

typer (from 0.26) ships its own copy of click, ``typer._click``, whose texts are plain English
f-strings; typer's own texts go through gettext's ``_`` in ``typer.core`` and
``typer.rich_utils``. Three hooks reach all of them:

* typer's ``_`` in those two modules answers from :data:`MESSAGES`, and the module constants
  typer built from it at import time are set again (:data:`RICH_CONSTANTS`);
* the group class (``typer.Typer(cls=SwedishGroup)``, typer's documented hook) gives every
  command a context that writes "Användning:" and a help option that says what it does in
  Swedish;
* the same group catches click's usage errors where they are raised and raises them again in
  Swedish (:func:`swedish`), so typer prints them in its usual panel with the usual exit code.

Whatever a future typer no longer has is listed by :func:`missing_hooks`; a test fails on it.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import typer
import typer.core
from typer._click import exceptions as click_exceptions
from typer._click.core import Context as ClickContext
from typer._click.formatting import HelpFormatter

HELP_OPTION_TEXT = "Visa den här hjälpen och avsluta."
USAGE_PREFIX = "Användning: "
OPTIONS_METAVAR = "[ALTERNATIV]"
SUBCOMMAND_METAVAR = "KOMMANDO [ARGUMENT]..."

#: typer's gettext messages (``_("…")`` in typer.core and typer.rich_utils), English to Swedish.
MESSAGES: dict[str, str] = {
    "(dynamic)": "(beräknas)",
    "(deprecated) ": "(föråldrat) ",
    "Aborted!": "Avbrutet.",
    "Aborted.": "Avbrutet.",
    "Arguments": "Argument",
    "Commands": "Kommandon",
    "Error": "Fel",
    "Missing command.": "Kommando saknas.",
    "No such command {name!r}.": "Okänt kommando {name!r}.",
    "Options": "Alternativ",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Kör [blue]'{command_path} {help_option}'[/] för hjälp.",
    "[default: {}]": "[standard: {}]",
    "[env var: {}]": "[miljövariabel: {}]",
    "[required]": "[krävs]",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljövariabel: {var}",
    "required": "krävs",
}

#: The constants typer.rich_utils computes from ``_`` when it is imported, with their English.
RICH_CONSTANTS: dict[str, str] = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


def gettext(message: str) -> str:
    """typer's ``_``: the Swedish for a message typer marks, or the message itself."""
    return MESSAGES.get(message, message)


# --- click's error messages -------------------------------------------------------------------

_KIND = {"argument": "Argumentet", "option": "Alternativet", "parameter": "Parametern"}
_PATH_KIND = {"file": "Filen", "directory": "Mappen", "path": "Sökvägen"}
_PATH_PROBLEM = {
    "does not exist": "finns inte",
    "is a file": "är en fil",
    "is a directory": "är en mapp",
    "is not readable": "går inte att läsa",
    "is not writable": "går inte att skriva till",
    "is not executable": "går inte att köra",
}
_TYPE = {
    "integer": "ett heltal",
    "integer range": "ett heltal",
    "int": "ett heltal",
    "float": "ett decimaltal",
    "float range": "ett decimaltal",
    "boolean": "sant eller falskt",
    "bool": "sant eller falskt",
    "number": "ett tal",
    "string": "en text",
    "str": "en text",
    "date": "ett datum (ÅÅÅÅ-MM-DD)",
    "datetime": "en tidpunkt",
    "UUID": "ett UUID",
}
_BOUND = {
    "greater than or equal to": "minst",
    "greater than": "större än",
    "less than or equal to": "högst",
    "less than": "mindre än",
}


def _or_list(choices: str) -> str | None:
    """``'a', 'b', 'c'`` as ``'a', 'b' eller 'c'``; None unless every choice is quoted."""
    quoted: list[str] = re.findall(r"'[^']*'|\"[^\"]*\"", choices)
    if not quoted or ", ".join(quoted) != choices:
        return None
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " eller " + quoted[-1]


def _not_one_of(match: re.Match[str]) -> str:
    value, choices = match["value"], match["choices"]
    listed = _or_list(choices)
    if listed is None:
        return f"{value} är inte ett av {choices}."
    return f"{value} är inte {listed}." if listed == choices else f"{value} är varken {listed}."


def _extra_arguments(match: re.Match[str]) -> str:
    words = match["args"].split()
    return f"{'Oväntat argument' if len(words) == 1 else 'Oväntade argument'}: {match['args']}"


def _missing(match: re.Match[str]) -> str:
    kind = _KIND[match["kind"]]
    text = f"{kind} {match['hint']} saknas." if match["hint"] else f"{kind} saknas."
    return f"{text} {swedish(match['rest'])}" if match["rest"] else text


def _not_valid(match: re.Match[str]) -> str:
    kind = _TYPE.get(match["type"])
    return (
        f"{match['value']} är inte {kind}."
        if kind
        else f"{match['value']} är inte ett giltigt värde ({match['type']})."
    )


def _input_should_be(match: re.Match[str]) -> str:
    kind = _TYPE.get(match["type"])
    return f"Värdet måste vara {kind}." if kind else f"Värdet måste vara av typen {match['type']}."


def _path_problem(match: re.Match[str]) -> str:
    return f"{_PATH_KIND[match['kind'].lower()]} {match['where']} {_PATH_PROBLEM[match['problem']]}."


def _literal(match: re.Match[str]) -> str:
    listed = _or_list(match["choices"].replace(" or ", ", "))
    return f"Värdet måste vara {listed}." if listed else match[0]


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _rule(pattern: str, answer: Callable[[re.Match[str]], str]) -> _Rule:
    return re.compile(pattern, re.DOTALL), answer


#: click's (and typer's coercion) messages, each matched whole; the first that matches answers.
_RULES: tuple[_Rule, ...] = (
    _rule(
        r"(?P<head>.+?)\.? Did you mean (?P<names>.+)\?",
        lambda m: f"{swedish(m['head'] + '.')} Menade du {m['names']}?",
    ),
    _rule(
        r"Invalid value for (?P<hint>.+?): (?P<rest>.+)",
        lambda m: f"Ogiltigt värde för {m['hint']}: {swedish(m['rest'])}",
    ),
    _rule(r"Invalid value: (?P<rest>.+)", lambda m: f"Ogiltigt värde: {swedish(m['rest'])}"),
    _rule(r"Missing (?P<kind>argument|option|parameter)(?: (?P<hint>.+?))?\.(?: (?P<rest>.+))?", _missing),
    _rule(r"Missing parameter: (?P<name>.+)", lambda m: f"Parametern {m['name']} saknas."),
    _rule(
        r"No such option: (?P<name>.+?)(?: \(Possible options: (?P<options>.+)\))?",
        lambda m: f"Okänt alternativ: {m['name']}" + (f" (möjliga alternativ: {m['options']})" if m["options"] else ""),
    ),
    _rule(r"No such command (?P<name>.+)\.", lambda m: f"Okänt kommando {m['name']}."),
    _rule(r"Missing command\.", lambda m: "Kommando saknas."),
    _rule(r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)", _extra_arguments),
    _rule(r"Option (?P<name>.+?) requires an argument\.", lambda m: f"Alternativet {m['name']} kräver ett värde."),
    _rule(
        r"Option (?P<name>.+?) requires (?P<n>\d+) arguments\.",
        lambda m: f"Alternativet {m['name']} kräver {m['n']} värden.",
    ),
    _rule(r"Option (?P<name>.+?) does not take a value\.", lambda m: f"Alternativet {m['name']} tar inget värde."),
    _rule(
        r"Argument (?P<name>.+?) takes (?P<n>\d+) values\.", lambda m: f"Argumentet {m['name']} tar {m['n']} värden."
    ),
    _rule(r"Choose from:(?P<rest>\s+.+)", lambda m: f"Välj bland:{m['rest']}"),
    _rule(r"Value error, (?P<rest>.+)", lambda m: swedish(m["rest"])),
    _rule(r"(?P<value>.+) is not one of (?P<choices>.+)\.", _not_one_of),
    _rule(r"(?:Value )?(?P<value>.+) is not a valid (?P<type>.+?)\.", _not_valid),
    _rule(
        r"(?P<value>.+) is not in the range (?P<range>.+)\.",
        lambda m: f"{m['value']} ligger utanför intervallet {m['range']}.",
    ),
    _rule(
        r"(?P<kind>File|Directory|Path|file|directory|path) (?P<where>.+) (?P<problem>does not exist|is a file|is a directory|is not readable|is not writable|is not executable)\.",
        _path_problem,
    ),
    _rule(
        r"Could not open file (?P<name>.+?): (?P<reason>.+)",
        lambda m: f"Kunde inte öppna filen {m['name']}: {swedish(m['reason'])}",
    ),
    _rule(r"Value must be an iterable\.", lambda m: "Värdet måste vara en lista."),
    _rule(
        r"Input should be (?P<bound>greater than or equal to|greater than|less than or equal to|less than) (?P<n>\S+?)\.?",
        lambda m: f"Värdet måste vara {_BOUND[m['bound']]} {m['n']}.",
    ),
    _rule(r"Input should be a valid (?P<type>\w+)(?:,.*)?\.?", _input_should_be),
    _rule(r"Input should be (?P<choices>'.*')\.?", _literal),
    _rule(r"unknown error", lambda m: "okänt fel"),
)


def swedish(message: str) -> str:
    """A click or typer message in Swedish; a message no rule knows comes back unchanged."""
    for pattern, answer in _RULES:
        match = pattern.fullmatch(message)
        if match:
            return answer(match)
    return message


class SwedishUsageError(click_exceptions.UsageError):
    """A click error already said in Swedish, with the exit code of the one it replaces."""

    def __init__(self, message: str, ctx: ClickContext | None, exit_code: int) -> None:
        super().__init__(message, ctx)
        self.exit_code = exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        # click's own show() writes "Try …" and "Error:"; this one is used when rich is off.
        hint = ""
        if self.ctx is not None:
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = f"Kör '{self.ctx.command_path} {self.ctx.help_option_names[0]}' för hjälp.\n"
            typer.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=file is None)
        typer.echo(f"Fel: {self.format_message()}", file=file, err=file is None)


@contextmanager
def _in_swedish() -> Iterator[None]:
    try:
        yield
    except click_exceptions.NoArgsIsHelpError:
        raise
    except SwedishUsageError:
        raise
    except click_exceptions.ClickException as error:
        raise SwedishUsageError(
            swedish(error.format_message()), getattr(error, "ctx", None), error.exit_code
        ) from error


class SwedishFormatter(HelpFormatter):
    """click's help formatter, with "Användning:" before the usage line."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE_PREFIX if prefix is None else prefix)


#: The value labels typer shows beside an option: typer 0.29 writes Python's type names
#: (``<int range>``), earlier ones click's (``INTEGER RANGE``). A choice lists its values
#: and is left alone; a flag takes no value and shows none.
TYPE_LABELS: dict[str, str] = {
    "<bool>": "",
    "<str>": "<text>",
    "<int>": "<heltal>",
    "<int range>": "<heltal>",
    "<float>": "<decimaltal>",
    "<float range>": "<decimaltal>",
    "<path>": "<sökväg>",
    "<file>": "<fil>",
    "<dir>": "<mapp>",
    "<datetime>": "<tidpunkt>",
    "BOOLEAN": "",
    "TEXT": "TEXT",
    "INTEGER": "HELTAL",
    "INTEGER RANGE": "HELTAL",
    "FLOAT": "DECIMALTAL",
    "FLOAT RANGE": "DECIMALTAL",
    "PATH": "SÖKVÄG",
    "FILE": "FIL",
    "DIRECTORY": "MAPP",
    "FILENAME": "FILNAMN",
}


def _type_label(option: Any, ctx: ClickContext) -> str | None:
    """The label this typer shows beside an option, or None if it cannot say."""
    show = getattr(option, "display_type_rich", None) or getattr(option, "make_metavar", None)
    label = show(ctx=ctx) if show else None
    return label if isinstance(label, str) else None


class SwedishContext(typer.Context):
    """A context whose formatter, help option and value labels speak Swedish."""

    formatter_class = SwedishFormatter

    def __init__(self, command: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(command, *args, **kwargs)
        # click builds the help option once per command and caches it; its text is English.
        option = command.get_help_option(self)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        for param in [*command.params, *([option] if option is not None else [])]:
            if getattr(param, "param_type_name", None) == "option" and param.metavar is None:
                label = _type_label(param, self)
                if label in TYPE_LABELS:
                    param.metavar = TYPE_LABELS[label]


def _localize_command(command: Any) -> None:
    command.context_class = SwedishContext
    if getattr(command, "options_metavar", None) == "[OPTIONS]":
        command.options_metavar = OPTIONS_METAVAR


class SwedishGroup(typer.core.TyperGroup):
    """planctl's top-level group: every command under it, and every error, in Swedish."""

    context_class = SwedishContext

    def __init__(self, **attrs: Any) -> None:
        install()
        super().__init__(**attrs)
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            self.subcommand_metavar = SUBCOMMAND_METAVAR
        for command in [self, *self.commands.values()]:
            _localize_command(command)

    def make_context(
        self, info_name: str | None, args: list[str], parent: ClickContext | None = None, **extra: Any
    ) -> ClickContext:
        with _in_swedish():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: ClickContext) -> Any:
        # A command's own parsing happens in here too (click makes its context in the group's invoke).
        with _in_swedish():
            return super().invoke(ctx)


def install() -> None:
    """Point typer's ``_`` at :func:`gettext` and set the constants typer built from it.

    typer.rich_utils imports rich, which a command that prints no help and no error never
    needs; it is put in Swedish the moment typer imports it (for help or an error), not before."""
    if hasattr(typer.core, "_"):
        typer.core._ = gettext
    if "typer.rich_utils" in sys.modules:
        _swedish_rich_utils(sys.modules["typer.rich_utils"])
    elif not any(isinstance(finder, _RichUtilsFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _RichUtilsFinder())


def _swedish_rich_utils(module: Any) -> None:
    if hasattr(module, "_"):
        module._ = gettext
    for name, english in RICH_CONSTANTS.items():
        if getattr(module, name, None) in (english, MESSAGES[english]):
            setattr(module, name, MESSAGES[english])


class _RichUtilsFinder(importlib.abc.MetaPathFinder):
    """Puts typer.rich_utils in Swedish as it is imported."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "typer.rich_utils":
            return None
        sys.meta_path.remove(self)  # find the real module the ordinary way
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module: Any) -> None:
            original(module)
            _swedish_rich_utils(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def missing_hooks() -> list[str]:
    """What this module expected of typer and did not find: empty while every text is Swedish."""
    import typer.rich_utils

    install()
    missing = [
        f"{module.__name__}._" for module in (typer.core, typer.rich_utils) if getattr(module, "_", None) is not gettext
    ]
    missing += [
        f"typer.rich_utils.{name}"
        for name, english in RICH_CONSTANTS.items()
        if getattr(typer.rich_utils, name, None) != MESSAGES[english]
    ]
    if not hasattr(HelpFormatter, "write_usage"):
        missing.append("HelpFormatter.write_usage")
    if not hasattr(typer.core.TyperCommand, "get_help_option"):
        missing.append("Command.get_help_option")
    return missing
