"""The one Jinja environment: HTML autoescaped, undefined names fail, filters in one place,
each template compiled once.

A municipality's own templates (``--templates DIR``) run in Jinja's sandbox; templates it
does not override come from planctl's own. planctl's own templates alone are part of
planctl's code and run without the sandbox, which checks every attribute a template reads.
Compiled templates are kept for the whole run (a county rendering 290 plans compiles each
template once) and, where the user's cache folder can be written, between runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import traceback
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from planctl import __version__
from planctl.errors import UsageError
from planctl.files import is_dir
from planctl.publish import markdown
from planctl.publish.hyphens import hyphenate
from planctl.words import (
    and_list,
    clause,
    count,
    date_text,
    indicator_text,
    interval_text,
    lights_text,
    number_text,
    period_text,
)

DocumentFormat = Literal["md", "html"]

_BLANK_LINES = re.compile(r"\n{3,}")


def safe_url(value: str | None) -> str | None:
    """The URL if it may become a link (http, https, mailto), else None: then it stays text."""
    return value if value is not None and markdown.is_safe_url(value) else None


def md_label(text: str) -> str:
    """A text field as the words of a Markdown link: one line, its brackets escaped."""
    return markdown.to_markdown_line(text).replace("[", "\\[").replace("]", "\\]")


FILTERS: dict[str, Callable[..., Any]] = {
    "md_html": markdown.to_html,
    "md_inline": markdown.to_html_inline,
    "md_html_cell": markdown.to_html_in_cell,
    "md_block": markdown.to_markdown,
    "md_line": markdown.to_markdown_line,
    "md_cell": markdown.to_markdown_cell,
    "md_label": md_label,
    "md_code": markdown.to_markdown_code,
    "date_text": date_text,
    "safe_url": safe_url,
    "indicator_text": indicator_text,
    "number": number_text,
    "hyphenate": hyphenate,
    "md_plain": markdown.to_plain,
    "count": count,
    "and_list": and_list,
    "clause": clause,
}


def _packaged_template(name: str) -> tuple[str, str, Callable[[], bool]] | None:
    resource = files("planctl.templates").joinpath(name)
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8"), name, lambda: True


_ENVIRONMENTS: dict[Path | None, jinja2.Environment] = {}


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache in the user's cache folder; a folder that cannot be written only
    means templates are compiled again next time."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(sandboxed: bool) -> jinja2.BytecodeCache | None:
    """The cache for one kind of environment: a template compiled for the sandbox calls the
    sandbox's checks, so the two kinds never share compiled code."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "planctl" / f"jinja-{__version__}-{'sandbox' if sandboxed else 'own'}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietCache(str(folder))


def make_environment(templates: Path | None = None) -> jinja2.Environment:
    """The environment for ``templates`` (planctl's own when None), made once per run."""
    key = templates.resolve() if templates is not None else None
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = _new_environment(templates)
        _ENVIRONMENTS[key] = env
    return env


def _new_environment(templates: Path | None) -> jinja2.Environment:
    """The one Jinja environment: HTML autoescaped, undefined names fail, filters in one place."""
    loader: jinja2.BaseLoader
    packaged = jinja2.FunctionLoader(_packaged_template)
    if templates is None:
        loader = packaged
    else:
        # A municipality's folder need hold only what it changes: the rest is planctl's own, and
        # "planctl/plan.html.j2" always names planctl's, for a template that builds on it.
        own = jinja2.FileSystemLoader(str(templates), encoding="utf-8")
        loader = jinja2.ChoiceLoader([jinja2.PrefixLoader({"planctl": packaged}), own, packaged])
    # Municipalities share templates: a template may lay out what it is given, never reach
    # Python's internals (``"".__class__.__mro__``, ``os.popen``). The sandbox refuses that.
    kind = jinja2.Environment if templates is None else SandboxedEnvironment
    env = kind(
        loader=loader,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "svg", "svg.j2"), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=templates is not None,  # a municipality may edit its templates while previewing
        bytecode_cache=_bytecode_cache(sandboxed=kind is SandboxedEnvironment),
    )
    env.filters.update(FILTERS)
    env.globals.update(period_text=period_text, interval_text=interval_text, lights_text=lights_text, count=count)
    return env


def template_names() -> list[str]:
    """The names of planctl's own templates and style sheets."""
    return sorted(
        entry.name
        for entry in files("planctl.templates").iterdir()
        if entry.is_file() and entry.name.endswith((".j2", ".css"))
    )


def copy_templates(folder: Path) -> list[Path]:
    """Copy planctl's templates into ``folder`` to start a municipality's own; never overwrites."""
    existing = [folder / name for name in template_names() if (folder / name).exists()]
    if existing:
        raise UsageError(f"skriver inte över befintliga filer: {', '.join(map(str, existing))}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{folder}: kan inte skapas ({error.strerror or error})") from None
    written = []
    for name in template_names():
        target = folder / name
        target.write_text(files("planctl.templates").joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
        written.append(target)
    return written


def _template_place(error: BaseException) -> str:
    """``file, rad N`` for the innermost template frame of an error, if there is one."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name or 'mallen'}, rad {error.lineno}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    if frames:
        return f"{frames[-1].filename}, rad {frames[-1].lineno}"
    return "mallen"


def _undecodable_template(templates: Path | None) -> str | None:
    """The first template in ``templates`` that is not UTF-8, to name it in the message."""
    if templates is None:
        return None
    for path in sorted(templates.iterdir()):
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            return str(path)
        except OSError:
            continue
    return None


def render_template(name: str, fmt: DocumentFormat, templates: Path | None = None, **context: Any) -> str:
    """Render one main template with ``context``; a broken custom template is a usage error."""
    env = make_environment(templates)
    if templates is not None and not is_dir(templates):
        raise UsageError(f"mallmappen {templates} finns inte")
    try:
        text = env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        place = _template_place(error)
        raise UsageError(f"{place}: mallen '{error.name}' finns inte i {templates or 'planctls mallar'}") from None
    except SecurityError as error:
        raise UsageError(
            f"{_template_place(error)}: mallen försöker göra något som en mall inte får ({error}); "
            "en mall får bara visa det planctl ger den"
        ) from None
    except UnicodeDecodeError as error:
        raise UsageError(
            f"{_undecodable_template(templates) or 'mallen'}: mallen är inte sparad som UTF-8 "
            f"(byte 0x{error.object[error.start]:02x}); spara den som UTF-8"
        ) from None
    except jinja2.TemplateError as error:
        raise UsageError(f"{_template_place(error)}: fel i mallen: {error.message}") from None
    except Exception as error:
        # A municipality's own template can fail in other ways (a filter given the wrong thing);
        # that is theirs to fix, not a bug in planctl. Errors in the shipped templates are bugs.
        if templates is None:
            raise
        place = _template_place(error)
        if place == "mallen":
            raise
        raise UsageError(f"{place}: fel i mallen: {type(error).__name__}: {error}") from None
    # Optional parts of the Markdown template leave blank lines behind; one is enough.
    return _BLANK_LINES.sub("\n\n", text) if fmt == "md" else text
