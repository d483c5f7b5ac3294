"""Shared pytest options, and the shipped documents rendered once per session."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files in tests/golden/ from the output.",
    )
    parser.addoption(
        "--fuzz-examples",
        type=int,
        default=60,
        help="How many mutated plans and follow-ups the fuzz test tries per file (CI: 60).",
    )


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
            pytest.fail(f"WeasyPrint fungerar inte i CI ({error}); .ci/run installerar planctl[pdf] och Pango")
        pytest.skip(f"WeasyPrint saknas eller kan inte starta ({type(error).__name__}): pip install 'planctl[pdf]'")
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
