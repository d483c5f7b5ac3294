"""Every HTML document planctl renders, checked for WCAG 2.1 A/AA in a real browser.

Each shipped plan, each follow-up report and the overview are rendered by the planctl CLI
(``render``, ``report``, ``overview``; see ``shipped_html`` in conftest.py) and opened in the
headless Debian Chromium through Playwright, at 1280, 390 and 320 CSS pixels wide:

- axe-core's WCAG 2.0/2.1 A and AA rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa) find nothing;
- at 390 and 320 px the page is no wider than the window (WCAG 1.4.10 Reflow: nothing scrolls
  sideways at 320 CSS px, except parts such as data tables that need two dimensions);
- a full-page screenshot of each document at each width is kept in tests/artifacts/a11y/
  (git-ignored), with axe's full answer beside it as JSON, to look at.

axe-core comes from the PyPI package axe-playwright-python, which ships axe.min.js; Playwright
drives the system Chromium (``executable_path``), so no browser is downloaded. Like
tests/test_browser.py, the tests are skipped where Chromium is missing, except in CI (the ``CI``
variable is set), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, sync_playwright

pytestmark = pytest.mark.browser

TESTS = Path(__file__).parent
SHIPPED_PLANS = sorted((TESTS.parent / "plans").glob("*.yaml"))
ARTIFACTS = TESTS / "artifacts" / "a11y"

DOCUMENTS = [
    *(plan.stem for plan in SHIPPED_PLANS),
    *(f"{plan.stem}-uppfoljning" for plan in SHIPPED_PLANS),
    "oversikt",
]
WIDTHS = (1280, 390, 320)  # a desktop, a common phone, and WCAG 1.4.10's 320 CSS px
NARROW = (390, 320)
HEIGHT = 900
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The flags tests/test_browser.py gives Chromium: headless, no sandbox (CI runs as root), and no
# network chatter on a closed network. Playwright adds --headless and --no-sandbox itself too.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

# What sticks out past the window's right edge and is not inside a box that scrolls or clips it:
# the parts that make the page scroll sideways. Elements (outermost only, as "tag#id.class
# right=<px>") and runs of text (a long word that overflows its own box, as "tag: 'text'
# right=<px>"). An absolutely positioned element is clipped only by boxes from its containing
# block outwards, so a visually hidden span inside a scrolling table is found too.
OVERFLOWING_JS = """() => {
  const limit = document.documentElement.clientWidth + 0.5;
  const top = (el) => el === null || el === document.body || el === document.documentElement;
  const clipped = (start, position) => {
    let escaping = position;  // 'absolute' or 'fixed' while no containing block has been passed
    for (let p = start; !top(p); p = p.parentElement) {
      const style = getComputedStyle(p);
      if (escaping === 'fixed') return false;
      if (escaping === 'absolute' && style.position === 'static') continue;
      if (style.overflowX !== 'visible') return true;
      escaping = style.position === 'absolute' || style.position === 'fixed' ? style.position : 'static';
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map((c) => '.' + c).join('');
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= limit) continue;
    if (clipped(el.parentElement, getComputedStyle(el).position)) continue;
    const parent = el.parentElement;
    if (!top(parent) && parent.getBoundingClientRect().right > limit &&
        !clipped(parent.parentElement, getComputedStyle(parent).position)) continue;
    found.push(name(el) + ' right=' + Math.round(box.right));
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.textContent.trim() || clipped(text.parentElement, 'static')) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    const right = Math.max(0, ...[...range.getClientRects()].map((r) => r.right));
    if (right > limit) {
      found.push(name(text.parentElement) + ": '" + text.textContent.trim().slice(0, 40) + "' right=" + Math.round(right));
    }
  }
  return found;
}"""


def find_chromium() -> str:
    """The system Chromium, as tests/test_browser.py finds it; in CI a missing one fails."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    if os.environ.get("CI"):
        pytest.fail("headless Chromium saknas i CI: apt-get install chromium")
    pytest.skip("headless Chromium saknas: apt-get install chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    chromium = find_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass(frozen=True)
class Visit:
    """What one document showed at one width."""

    document: str
    width: int
    axe: dict[str, Any]  # axe.run's answer: testEngine, violations with their nodes, ...
    scroll_width: int
    inner_width: int
    overflowing: list[str]
    screenshot: Path


def open_document(browser: Browser, html: Path, document: str, width: int) -> Visit:
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, device_scale_factor=1, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(html.as_uri(), wait_until="load")
        axe = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        overflowing = page.evaluate(OVERFLOWING_JS)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        screenshot = ARTIFACTS / f"{document}-{width}.png"
        page.screenshot(path=str(screenshot), full_page=True)
    finally:
        context.close()
    answer: dict[str, Any] = axe.response
    (ARTIFACTS / f"{document}-{width}.axe.json").write_text(
        json.dumps(
            {"scrollWidth": scroll_width, "innerWidth": inner_width, "overflowing": overflowing, "axe": answer},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return Visit(document, width, answer, scroll_width, inner_width, overflowing, screenshot)


@pytest.fixture(scope="session")
def visit(browser: Browser, shipped_html: Path) -> Callable[[str, int], Visit]:
    """Open a document at a width once; the axe, reflow and screenshot tests share the visit."""
    seen: dict[tuple[str, int], Visit] = {}

    def get(document: str, width: int) -> Visit:
        if (document, width) not in seen:
            html = shipped_html / f"{document}.html"
            assert html.is_file(), f"planctl wrote no {html.name}"
            seen[document, width] = open_document(browser, html, document, width)
        return seen[document, width]

    return get


def describe_violations(visit: Visit) -> str:
    """axe's violations, one rule a line: id, impact, how many nodes, the first nodes' selectors."""
    engine = visit.axe["testEngine"]
    lines = [
        f"{visit.document}.html at {visit.width} px: {len(visit.axe['violations'])} rule(s) violated "
        f"(axe-core {engine['version']}, tags {', '.join(AXE_TAGS)}); details in {visit.screenshot.with_suffix('.axe.json')}"
    ]
    for rule in visit.axe["violations"]:
        nodes = rule["nodes"]
        targets = ", ".join(" ".join(map(str, node["target"])) for node in nodes[:3])
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(f"  {rule['id']} [{rule['impact']}] {len(nodes)} node(s): {targets}{more}")
        lines.append(f"      {rule['help']} ({rule['helpUrl']})")
    return "\n".join(lines)


# -- the documents -------------------------------------------------------------------------


def test_every_rendered_document_is_checked(shipped_html: Path) -> None:
    """A new kind of document (or a new shipped plan) cannot slip past the checks below."""
    written = sorted(path.stem for path in shipped_html.glob("*.html"))
    assert written == sorted(DOCUMENTS)


def test_axe_core_version_is_recorded(visit: Callable[[str, int], Visit]) -> None:
    """The axe-core that ran, from its own answer, kept beside the screenshots."""
    answer = visit(DOCUMENTS[0], WIDTHS[0]).axe
    version = answer["testEngine"]["version"]
    assert re.fullmatch(r"4\.\d+\.\d+", version), version
    user_agent = answer["testEnvironment"]["userAgent"]
    (ARTIFACTS / "axe-version.txt").write_text(f"axe-core {version}\n{user_agent}\n", encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_wcag21_aa_violations(visit: Callable[[str, int], Visit], document: str, width: int) -> None:
    seen = visit(document, width)
    violated = [rule["id"] for rule in seen.axe["violations"]]
    assert violated == [], describe_violations(seen)


@pytest.mark.parametrize("width", NARROW)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_page_is_no_wider_than_the_window(visit: Callable[[str, int], Visit], document: str, width: int) -> None:
    seen = visit(document, width)
    scroll_width, inner_width = seen.scroll_width, seen.inner_width
    assert inner_width == width
    assert scroll_width <= inner_width, (
        f"{document}.html at {width} px scrolls sideways: scrollWidth {scroll_width} > innerWidth {inner_width}; "
        f"sticking out: {summarize(seen.overflowing)}"
    )


def summarize(overflowing: list[str], shown: int = 8) -> str:
    """The parts that stick out, the same kind of element counted once: "span.x right=688 (x22)"."""
    if not overflowing:
        return "(nothing found outside scroll boxes)"
    widest: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for part in overflowing:
        what, _, right = part.rpartition(" right=")
        counts[what] += 1
        widest[what] = max(widest.get(what, 0), int(right))
    parts = [f"{what} right={widest[what]}" + (f" (x{counts[what]})" if counts[what] > 1 else "") for what in counts]
    more = f"; +{len(parts) - shown} more" if len(parts) > shown else ""
    return "; ".join(parts[:shown]) + more


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_screenshot_is_kept(visit: Callable[[str, int], Visit], document: str, width: int) -> None:
    data = visit(document, width).screenshot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(data[16:20], "big") >= width  # a full page is at least as wide as the window
