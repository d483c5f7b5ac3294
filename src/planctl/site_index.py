"""``planctl index``: the start page of a folder of rendered documents.

GitHub Pages (or any web server) shows ``index.html`` at a site's address; without it a
published folder of plans has no front door. The page links every plan document, each plan's
follow-up report beneath it, and the county overview, by the titles the documents carry
themselves. It reads only the folder, so it works the same after ``render``, ``report`` and
``overview`` with any templates, and the same folder always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from planctl.errors import UsageError
from planctl.terminal import printable

INDEX = "index.html"
#: what ``planctl report`` adds to a plan file's stem, and the name of ``planctl overview``'s page
REPORT_SUFFIX = "-uppfoljning"
OVERVIEW = "oversikt"
TITLE = "Brottsförebyggande planer"


@dataclass(frozen=True)
class Document:
    name: str
    title: str


@dataclass
class PlanEntry:
    plan: Document | None = None
    reports: list[Document] = field(default_factory=list)


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.done = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.done:
            self.inside = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.parts.append(data)


def document_title(path: Path) -> str:
    """The text of the document's ``<title>``, on one line, or its file name where it has none."""
    parser = _TitleParser()
    try:
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    except OSError as error:
        raise UsageError(f"{printable(str(path))}: kan inte läsas ({error.strerror or error})") from None
    title = " ".join("".join(parser.parts).split())
    return title or path.name


def collect(folder: Path) -> tuple[list[PlanEntry], Document | None]:
    """The plans with their reports, in file-name order, and the overview, if there is one."""
    if not folder.is_dir():
        raise UsageError(f"{printable(str(folder))}: ingen mapp; kör planctl render och report först")
    entries: dict[str, PlanEntry] = {}
    overview = None
    for path in sorted(folder.glob("*.html")):
        if path.name == INDEX or not path.is_file():
            continue
        document = Document(path.name, document_title(path))
        if path.stem == OVERVIEW:
            overview = document
        elif path.stem.endswith(REPORT_SUFFIX):
            entries.setdefault(path.stem.removesuffix(REPORT_SUFFIX), PlanEntry()).reports.append(document)
        else:
            entries.setdefault(path.stem, PlanEntry()).plan = document
    if not entries and overview is None:
        raise UsageError(f"inga dokument (*.html) i {printable(str(folder))}; kör planctl render och report först")
    return [entries[stem] for stem in sorted(entries)], overview


def _link(document: Document) -> str:
    return f'<a href="{escape(quote(document.name))}">{escape(document.title)}</a>'


def _plan_item(entry: PlanEntry) -> list[str]:
    reports = [f"      <li>{_link(report)}</li>" for report in entry.reports]
    if entry.plan is None:
        return [f"  <li>{_link(report)}</li>" for report in entry.reports]
    if not reports:
        return [f"  <li>{_link(entry.plan)}</li>"]
    return [f"  <li>{_link(entry.plan)}", '    <ul aria-label="Uppföljning">', *reports, "    </ul>", "  </li>"]


_STYLE = """\
body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff;
       max-width: 46rem; margin: 0 auto; padding: 1rem; }
a { color: #0b4a8b; text-underline-offset: .15em; }
a:focus-visible { outline: 3px solid #0b4a8b; outline-offset: 2px; }
li { margin: .35rem 0; }"""


def index_html(entries: list[PlanEntry], overview: Document | None, title: str = TITLE) -> str:
    lines = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(title)}</h1>",
    ]
    if entries:
        lines += ["<h2>Planer och uppföljningsrapporter</h2>", "<ul>"]
        for entry in entries:
            lines += _plan_item(entry)
        lines.append("</ul>")
    if overview is not None:
        lines += ["<h2>Översikt</h2>", "<ul>", f"  <li>{_link(overview)}</li>", "</ul>"]
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def write_index(folder: Path) -> Path:
    """Write ``folder/index.html`` for the documents in ``folder``; replaces an earlier one whole,
    so a reader never sees half a page."""
    entries, overview = collect(folder)
    target = folder / INDEX
    temporary = folder / f".{INDEX}.tmp"
    try:
        temporary.write_text(index_html(entries, overview), encoding="utf-8", newline="\n")
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UsageError(f"{printable(str(target))}: kan inte skriva ({error.strerror or error})") from None
    return target
