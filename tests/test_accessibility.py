"""Every HTML document planctl renders, checked for WCAG 2.1 A/AA in a real browser.

Each shipped plan, each follow-up report and the overview are rendered by the planctl CLI
(``render``, ``report``, ``overview``; see ``shipped_html`` in conftest.py) and opened in the
headless Debian Chromium through Playwright, at 1280, 390 and 320 CSS pixels wide:

- axe-core's WCAG 2.0/2.1 A and AA rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa) find nothing;
- at 390 and 320 px the page is no wider than the window (WCAG 1.4.10 Reflow: nothing scrolls
  sideways at 320 CSS px, except parts such as data tables that need two dimensions);
- whatever scrolls sideways is a region named by its caption that the keyboard reaches, with a
  visible line saying that it scrolls; dates and ranges (.hel) stay on one line;
- on a phone the report's status table shows every measure's Status without scrolling, and
  Chromium's accessibility tree still has it as a table with its column headers;
- in the HTML itself: footnote markers and notes link both ways, addresses in notes are links,
  no marker is shown as typed, and every class the document uses has a rule in its style sheet;
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
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

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


# Every box that scrolls sideways at this width: how it is named and reached (WCAG 2.1.1, 4.1.2)
# and whether it says that it scrolls (the ::before line of plan.css, shown while it can scroll).
SCROLLING_JS = """() => [...document.body.querySelectorAll('*')].filter((el) => {
    const x = getComputedStyle(el).overflowX;
    return (x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1;
  }).map((el) => {
    const label = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)).filter(Boolean).map((l) => l.textContent.trim()).join(' ')
      || (el.getAttribute('aria-label') || '').trim();
    const cue = getComputedStyle(el, '::before').content;
    return {what: el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + (el.getAttribute('aria-labelledby') || ''),
            role: el.getAttribute('role'), tabindex: el.getAttribute('tabindex'), label: label,
            cue: cue === 'none' || cue === 'normal' ? '' : cue};
  })"""

# Values that must not break across lines (ui.keep: dates, periods, ranges): each .hel on one line.
BROKEN_KEEPS_JS = """() => [...document.querySelectorAll('.hel')]
  .filter((el) => el.getClientRects().length > 1).map((el) => el.textContent.trim())"""

# The report's status table on a phone: where each Status cell is, and whether its box scrolls.
STATUS_CELLS_JS = """() => [...document.querySelectorAll('table.status td[data-rubrik="Status"]')].map((td) => {
    const box = td.getBoundingClientRect();
    const region = td.closest('.tabell');
    return {left: box.left, right: box.right, width: box.width, text: td.textContent.trim(),
            label: getComputedStyle(td, '::before').content,
            scrolls: region !== null && region.scrollWidth > region.clientWidth + 1};
  })"""


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
    scrolling: list[dict[str, str]]
    broken_keeps: list[str]
    status_cells: list[dict[str, Any]]
    #: Chromium's own accessibility roles inside table.status (its tree, not the HTML's tags)
    status_roles: Counter[str]
    status_headers: list[str]


def open_document(browser: Browser, html: Path, document: str, width: int) -> Visit:
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, device_scale_factor=1, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(html.as_uri(), wait_until="load")
        axe = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        overflowing = page.evaluate(OVERFLOWING_JS)
        scrolling = page.evaluate(SCROLLING_JS)
        broken_keeps = page.evaluate(BROKEN_KEEPS_JS)
        status_cells = page.evaluate(STATUS_CELLS_JS)
        status_roles, status_headers = accessibility_roles(page, "table.status")
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
    return Visit(
        document,
        width,
        answer,
        scroll_width,
        inner_width,
        overflowing,
        screenshot,
        scrolling,
        broken_keeps,
        status_cells,
        status_roles,
        status_headers,
    )


def accessibility_roles(page: Page, selector: str) -> tuple[Counter[str], list[str]]:
    """The roles in Chromium's accessibility tree under the first element ``selector`` finds, and
    the names of its column headers: what a screen reader gets, whatever CSS did to the layout."""
    if page.query_selector(selector) is None:
        return Counter(), []
    session = page.context.new_cdp_session(page)
    try:
        root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        backend = session.send("DOM.describeNode", {"nodeId": node})["node"]["backendNodeId"]
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    by_id = {n["nodeId"]: n for n in nodes}
    top = next(n for n in nodes if n.get("backendDOMNodeId") == backend)
    roles: Counter[str] = Counter()
    headers: list[str] = []
    stack = [top]
    while stack:
        current = stack.pop()
        kind = current.get("role", {}).get("value", "")
        roles[kind] += 1
        if kind == "columnheader":
            headers.append(current.get("name", {}).get("value", ""))
        stack.extend(by_id[child] for child in reversed(current.get("childIds", [])) if child in by_id)
    return roles, headers


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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_what_scrolls_is_a_named_region_that_says_so(
    visit: Callable[[str, int], Visit], document: str, width: int
) -> None:
    """A table or chart wider than the window scrolls in a region named by its caption, which the
    keyboard reaches (WCAG 2.1.1, 4.1.2), and a line above it says that it scrolls."""
    problems = [
        f"{box['what']}: role={box['role']} tabindex={box['tabindex']} label={box['label'][:40]!r} cue={box['cue']!r}"
        for box in visit(document, width).scrolling
        if box["role"] != "region" or box["tabindex"] != "0" or not box["label"] or "Rulla i sidled" not in box["cue"]
    ]
    assert not problems, f"{document}.html at {width} px: " + "; ".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_dates_and_ranges_stay_on_one_line(visit: Callable[[str, int], Visit], document: str, width: int) -> None:
    """No "2025-12-" at the end of a line and "10" on the next: every ui.keep value is whole."""
    broken = visit(document, width).broken_keeps
    assert broken == [], f"{document}.html at {width} px: broken across lines: {broken[:10]}"


REPORTS = [document for document in DOCUMENTS if document.endswith("-uppfoljning")]


@pytest.mark.parametrize("width", NARROW)
@pytest.mark.parametrize("document", REPORTS)
def test_status_column_is_seen_on_a_phone(visit: Callable[[str, int], Visit], document: str, width: int) -> None:
    """The report's status table on a phone: every measure's status is on the screen, labelled
    Status, without scrolling sideways; to a screen reader it is still a table with its headers."""
    seen = visit(document, width)
    cells = seen.status_cells
    if not cells:
        pytest.skip(f"{document} has no status table (a plan without measures)")
    off = [cell["text"] for cell in cells if cell["left"] < 0 or cell["right"] > width or not cell["width"]]
    assert off == [], f"{document}.html at {width} px: Status cells outside the window: {off[:5]}"
    assert not any(cell["scrolls"] for cell in cells), f"{document}.html at {width} px: the status table scrolls"
    assert all("Status" in cell["label"] for cell in cells), cells[0]["label"]
    assert seen.status_roles["table"] == 1, seen.status_roles
    assert seen.status_roles["cell"] >= 4 * len(cells), seen.status_roles
    assert seen.status_roles["rowheader"] >= len(cells), seen.status_roles
    assert seen.status_headers == ["Åtgärd", "Status", "Kommentar", "Kostnad hittills", "Timmar hittills"]


# -- the HTML itself --------------------------------------------------------------------------


class _Notes(HTMLParser):
    """Footnote markers and notes, and the text of the notes outside links."""

    def __init__(self) -> None:
        super().__init__()
        self.markers: dict[str, str] = {}  # marker id -> the note it points at
        self.notes: dict[str, set[str]] = {}  # note id -> where its back links point
        self.note_text_outside_links: dict[str, str] = {}
        self.note: str | None = None
        self.depth = 0
        self.in_link = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        ident, href = found.get("id") or "", found.get("href") or ""
        if self.note is not None:
            self.depth += 1
        elif re.fullmatch(r"not-\d+", ident):
            self.note, self.depth = ident, 1
            self.notes[ident] = set()
            self.note_text_outside_links[ident] = ""
        if tag == "a":
            self.in_link += 1
            if re.fullmatch(r"notref-\d+", ident):
                self.markers[ident] = href.lstrip("#")
            if self.note is not None and href.startswith("#notref-"):
                self.notes[self.note].add(href.lstrip("#"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.in_link -= 1
        if self.note is not None:
            self.depth -= 1
            if self.depth == 0:
                self.note = None

    def handle_data(self, data: str) -> None:
        if self.note is not None and not self.in_link:
            self.note_text_outside_links[self.note] += data


def notes_of(html: Path) -> _Notes:
    parser = _Notes()
    parser.feed(html.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.mark.parametrize("document", DOCUMENTS)
def test_footnote_markers_and_notes_link_both_ways(shipped_html: Path, document: str) -> None:
    notes = notes_of(shipped_html / f"{document}.html")
    for marker, note in notes.markers.items():
        assert note in notes.notes, f"{document}.html: marker {marker} points at {note}, which is not a note"
        assert marker in notes.notes[note], f"{document}.html: note {note} does not link back to {marker}"
    for note, backs in notes.notes.items():
        assert backs <= set(notes.markers), f"{document}.html: note {note} links back to {backs - set(notes.markers)}"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_web_addresses_in_notes_are_links(shipped_html: Path, document: str) -> None:
    notes = notes_of(shipped_html / f"{document}.html")
    bare = {note: text for note, text in notes.note_text_outside_links.items() if re.search(r"https?://", text)}
    assert bare == {}, f"{document}.html: addresses that are not links: {bare}"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_class_is_styled(shipped_html: Path, document: str) -> None:
    """Each class the document uses has a rule in its style sheet (a class nobody styles is
    either a leftover or a part that looks unfinished)."""
    html = (shipped_html / f"{document}.html").read_text(encoding="utf-8")
    css = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
    used = {name for value in re.findall(r'class="([^"]*)"', html) for name in value.split()}
    unstyled = sorted(name for name in used if not re.search(r"\." + re.escape(name) + r"(?![\w-])", css))
    assert unstyled == [], f"{document}.html: classes without a rule: {unstyled}"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_footnote_marker_is_shown_as_typed(shipped_html: Path, document: str) -> None:
    """A marker [^1] becomes a superscript link to its note, or goes (in a chart's labels); a
    screen reader never reads out "hakparentes cirkumflex ett"."""
    html = (shipped_html / f"{document}.html").read_text(encoding="utf-8")
    assert re.findall(r".{0,30}\[\^\d+\].{0,10}", html) == []
