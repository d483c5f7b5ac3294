"""Shared pytest options, the golden-file check, and the shipped documents rendered once per session."""

from __future__ import annotations

import datetime as dt
import enum
import importlib.util
import json
import os
import re
import subprocess
import sys
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
    """The data handed to a template as plain JSON: its records (named tuples) as objects, enums
    and dates as text, and a plan's own elements by their id (the plan itself is checked
    elsewhere)."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: snapshot(getattr(value, name)) for name in value._fields}
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


# -- the shipped documents, rendered once per session by the planctl CLI ----------------------
# tests/test_accessibility.py (a browser) and tests/test_pdf_structure.py (the PDF's tags) read
# the same documents a municipality publishes: each shipped plan, its follow-up report and the
# overview, written by ``python -m planctl`` exactly as CI and the README's commands write them.

ROOT = Path(__file__).resolve().parent.parent
# A fixed day, so the report's traffic lights and the overview's "next follow-up" never drift.
RENDER_DAY = "2026-12-01"


def planctl(*args: str) -> str:
    """Run the planctl CLI in its own process from the repository's top; fail with its output."""
    done = subprocess.run(
        [sys.executable, "-m", "planctl", *args], capture_output=True, text=True, timeout=600, check=False, cwd=ROOT
    )
    assert done.returncode == 0, f"planctl {' '.join(args)} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done.stdout


def render_shipped(out: Path, fmt: str, overview: bool) -> Path:
    """``planctl render plans/``, ``planctl report plans/`` (and ``planctl overview plans/``) into ``out``."""
    planctl("render", "plans/", "--format", fmt, "--out", str(out), "--today", RENDER_DAY)
    planctl("report", "plans/", "--format", fmt, "--out", str(out), "--today", RENDER_DAY)
    if overview:
        planctl("overview", "plans/", "--format", fmt, "--out", str(out), "--today", RENDER_DAY)
    return out


@pytest.fixture(scope="session")
def shipped_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every HTML document planctl renders from plans/: plans, reports, overview."""
    return render_shipped(tmp_path_factory.mktemp("shipped-html"), "html", overview=True)


@pytest.fixture(scope="session")
def shipped_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the PDF of each shipped plan and of its follow-up report (WeasyPrint).

    Skipped where WeasyPrint is missing or cannot start, except in CI, where it fails."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        if os.environ.get("CI"):
            pytest.fail(f"WeasyPrint fungerar inte i CI ({error}); .ci/run installerar planctl-se[pdf] och Pango")
        pytest.skip(f"WeasyPrint saknas eller kan inte starta ({type(error).__name__}): pip install 'planctl-se[pdf]'")
    return render_shipped(tmp_path_factory.mktemp("shipped-pdf"), "pdf", overview=False)


def pytest_report_header(config: pytest.Config) -> list[str]:
    """The axe-core that the accessibility tests inject, read from its file (nothing is imported)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        return ["axe-core: axe-playwright-python is not installed"]
    script = Path(spec.origin).with_name("axe.min.js")
    first = script.read_text(encoding="utf-8")[:200] if script.exists() else ""
    version = re.search(r"axe v(\d+\.\d+\.\d+)", first)
    return [f"axe-core: {version.group(1) if version else 'unknown'} (from {script})"]
