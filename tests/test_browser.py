"""The rendered Västerås plan in a real browser: headless Chromium loads, prints and draws it.

Skipped where Chromium is missing, except in CI (the ``CI`` variable is set), where it fails:
CI must run these. Screenshots are kept in ``tests/artifacts/`` (git-ignored) to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from planctl.publish.documents import render_files

pytestmark = pytest.mark.browser

TESTS = Path(__file__).parent
VASTERAS = TESTS.parent / "plans" / "vasteras-atgardsplan-2025-2026.yaml"
ARTIFACTS = TESTS / "artifacts"
TIMEOUT = 60


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    if os.environ.get("CI"):
        pytest.fail("headless Chromium saknas i CI: apt-get install chromium")
    pytest.skip("headless Chromium saknas: apt-get install chromium")


@pytest.fixture(scope="module")
def chromium() -> str:
    return find_chromium()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (path,) = render_files([VASTERAS], "html", tmp_path_factory.mktemp("html"), None, date(2025, 6, 1))
    return path


def run(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One headless Chromium run with its own profile, no network chatter, and a time limit."""
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profil'}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def console_lines(stderr: str) -> list[str]:
    """Lines where the page wrote to the console or threw; a page without script has none."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def test_dom_has_the_document_and_no_console_output(chromium: str, page: Path, tmp_path: Path) -> None:
    result = run(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr
    dom = result.stdout
    assert "<h1>Åtgärdsplan för brottsförebyggande arbete 2025–2026</h1>" in dom.replace("\u00ad", "").replace("&shy;", "")
    assert dom.count("<table") == 15
    assert dom.count("<svg") == 2
    assert 'lang="sv"' in dom
    assert "<script" not in dom
    assert console_lines(result.stderr) == []


def test_console_check_catches_a_script_error(chromium: str, tmp_path: Path) -> None:
    """The check above would see a script error: a page that throws is caught by it."""
    bad = tmp_path / "fel.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="sv"><body><script>odefinierad();</script></body></html>', encoding="utf-8"
    )
    result = run(chromium, tmp_path, "--dump-dom", bad.as_uri())
    assert any("Uncaught" in line for line in console_lines(result.stderr)), result.stderr


def test_prints_to_a_pdf_of_several_pages(chromium: str, page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    result = run(chromium, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert result.returncode == 0, result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert pages >= 15  # title page, contents, a page or more per chapter, the overviews
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(pdf, ARTIFACTS / "plan-chromium.pdf")


@pytest.mark.parametrize(("name", "size"), [("plan.png", "1280,2000"), ("plan-mobil.png", "390,1800")])
def test_screenshot(chromium: str, page: Path, tmp_path: Path, name: str, size: str) -> None:
    """A picture of the first screen, on a desktop and on a phone, kept to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / name
    target.unlink(missing_ok=True)
    result = run(chromium, tmp_path, f"--screenshot={target}", f"--window-size={size}", page.as_uri())
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    assert width == int(size.split(",")[0])


# -- the follow-up report -----------------------------------------------------------------


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from planctl.publish.documents import report_files

    (path,) = report_files([VASTERAS], "html", tmp_path_factory.mktemp("rapport"), None, date(2026, 11, 23))
    return path


def test_report_dom_has_charts_tables_and_no_console_output(chromium: str, report_page: Path, tmp_path: Path) -> None:
    result = run(chromium, tmp_path, "--dump-dom", report_page.as_uri())
    assert result.returncode == 0, result.stderr
    dom = result.stdout
    assert "<h1>Åtgärdsplan för brottsförebyggande arbete 2025–2026: uppföljning</h1>" in dom.replace("\u00ad", "").replace("&shy;", "")
    assert dom.count("<svg") == 31  # one chart per quantitative indicator with values
    assert dom.count("<table") == 36  # status, two tallies, history, the light table, one per indicator with values
    assert "Exempeldata." in dom
    assert console_lines(result.stderr) == []


def test_report_prints_and_is_kept_as_pictures(chromium: str, report_page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "rapport.pdf"
    result = run(chromium, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report_page.as_uri())
    assert result.returncode == 0, result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) >= 10
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(pdf, ARTIFACTS / "rapport-chromium.pdf")
    shot = ARTIFACTS / "rapport.png"
    shot.unlink(missing_ok=True)
    result = run(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", report_page.as_uri())
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
