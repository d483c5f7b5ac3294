"""The Markdown documents pass a Markdown linter (pymarkdown, markdownlint's rules in Python).

Every shipped plan, its follow-up report and the corpus's valid plans are rendered as Markdown
and checked with the real tool. Rules left out, and why: line length (MD013: tables and
paragraphs are one line each, as Markdown renderers want them); inline HTML (MD033: ``<br>`` is
the only way to break a line in a table cell); emphasis as a note (MD036: "_Avsnittet är
sammanställt av planctl…_" is a note, not a heading); ordered list numbers (MD029: footnotes keep
their numbers through the whole document); emphasis style, duplicate headings, trailing
punctuation in headings and bare URLs (MD049, MD050, MD024, MD026, MD034): these come from
the plan's own text and are kept as the source wrote them.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planctl.publish.documents import render_files, report_files

ROOT = Path(__file__).parent.parent
PLANS = sorted((ROOT / "plans").glob("*.yaml"))
CORPUS = [p for p in sorted((ROOT / "tests" / "data" / "valid").glob("*.yaml")) if "lagesbild" not in p.name]
LEFT_OUT = "md013,md033,md036,md029,md049,md050,md024,md026,md034"


def test_every_markdown_document_passes_the_linter(tmp_path: Path) -> None:
    pytest.importorskip("pymarkdown", reason="pymarkdownlnt is in the test extra")
    today = date(2026, 11, 23)
    written = [*render_files([*PLANS, *CORPUS], "md", tmp_path, None, today)]
    written += report_files(PLANS, "md", tmp_path, None, today)
    assert len(written) >= 2 * len(PLANS)
    done = subprocess.run(
        [sys.executable, "-m", "pymarkdown", "-d", LEFT_OUT, "scan", *map(str, written)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_linter_finds_what_it_should(tmp_path: Path) -> None:
    """The check can fail: a heading run into its text is found."""
    pytest.importorskip("pymarkdown", reason="pymarkdownlnt is in the test extra")
    broken = tmp_path / "trasig.md"
    broken.write_text("# Rubrik\n\n## Kapitel\nText direkt under rubriken.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pymarkdown", "-d", LEFT_OUT, "scan", str(broken)], capture_output=True, text=True, check=False
    )
    assert done.returncode != 0 and "MD022" in done.stdout
