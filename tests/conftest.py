"""Shared pytest options and the golden-file check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

GOLDEN = Path(__file__).parent / "golden"
#: golden files written by this run with --update-golden
_WRITTEN: list[str] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Write the golden files in tests/golden/ from the output (and check nothing against them).",
    )
    parser.addoption(
        "--fuzz-examples",
        type=int,
        default=60,
        help="How many mutated plans and follow-ups the fuzz test tries per file (CI: 60).",
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _WRITTEN:
        terminalreporter.write_sep("-", f"--update-golden skrev {len(_WRITTEN)} filer")
        for name in _WRITTEN:
            terminalreporter.write_line(f"  tests/golden/{name}")


_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


def without_css(html: str) -> str:
    """An HTML document without its inlined style sheet: a CSS edit rewrites no golden file."""
    return _STYLE.sub("<style>…</style>", html)


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: the text must equal tests/golden/NAME; with --update-golden it is
    written instead (and reported at the end of the run), and nothing is asserted."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(exist_ok=True)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                _WRITTEN.append(name)
            return
        assert path.exists(), f"{path} saknas; kör pytest --update-golden"
        assert text == path.read_text(encoding="utf-8")

    return check


def snapshot(value: Any) -> Any:
    """The data handed to a template as plain JSON: dataclasses as objects, enums and dates as
    text, and a plan's own elements by their id (the plan itself is checked elsewhere)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: snapshot(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        ident = getattr(value, "id", None)
        return f"<{type(value).__name__} {ident}>" if ident else f"<{type(value).__name__}>"
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): snapshot(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [snapshot(v) for v in value]
    return value


def snapshot_text(value: Any) -> str:
    """The snapshot as readable JSON: anything that fits on a line of 110 characters stays on one."""
    return _compact(snapshot(value), 0) + "\n"


def _compact(value: Any, depth: int) -> str:
    inline = json.dumps(value, ensure_ascii=False)
    if len(inline) + depth <= 110 or not isinstance(value, (dict, list)) or not value:
        return inline
    pad = " " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_compact(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    return "[\n" + ",\n".join(pad + _compact(v, depth + 1) for v in value) + "\n" + " " * depth + "]"


@pytest.fixture
def as_snapshot() -> Callable[[Any], str]:
    """The template data as JSON text, for a golden file."""
    return snapshot_text


@pytest.fixture
def strip_css() -> Callable[[str], str]:
    return without_css
