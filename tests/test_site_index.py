"""``planctl index``: the start page of a published folder of documents."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner, Result

from planctl.cli import app
from planctl.site_index import document_title, write_index


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="planctl")


def page(folder: Path, name: str, title: str) -> None:
    (folder / name).write_text(f"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body></body></html>\n")


def test_index_links_every_plan_with_its_reports_and_the_overview(tmp_path: Path) -> None:
    page(tmp_path, "vasteras-atgardsplan-2025-2026.html", "Åtgärdsplan 2025–2026 – Västerås stad")
    page(tmp_path, "vasteras-atgardsplan-2025-2026-uppfoljning.html", "Uppföljning av åtgärdsplanen 2025–2026")
    page(tmp_path, "a & b <plan>.html", "Plan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;citat&quot;")
    page(tmp_path, "utan-plan-uppfoljning.html", "Uppföljning utan plan")
    page(tmp_path, "oversikt.html", "Översikt över länets planer")
    (tmp_path / "ingen-titel.html").write_text("<p>Ingen titel</p>")
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-")
    result = run("index", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"skrev {tmp_path / 'index.html'}\n", "")
    assert (tmp_path / "index.html").read_text(encoding="utf-8").split("<style>")[0] + "<style>" == (
        "<!DOCTYPE html>\n"
        '<html lang="sv">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Brottsförebyggande planer</title>\n"
        "<style>"
    )
    body = (tmp_path / "index.html").read_text(encoding="utf-8").split("</style>\n</head>\n")[1]
    assert body == (
        "<body>\n"
        "<main>\n"
        "<h1>Brottsförebyggande planer</h1>\n"
        "<h2>Planer och uppföljningsrapporter</h2>\n"
        "<ul>\n"
        '  <li><a href="a%20%26%20b%20%3Cplan%3E.html">'
        "Plan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;citat&quot;</a></li>\n"
        '  <li><a href="ingen-titel.html">ingen-titel.html</a></li>\n'
        '  <li><a href="utan-plan-uppfoljning.html">Uppföljning utan plan</a></li>\n'
        '  <li><a href="vasteras-atgardsplan-2025-2026.html">Åtgärdsplan 2025–2026 – Västerås stad</a>\n'
        '    <ul aria-label="Uppföljning">\n'
        '      <li><a href="vasteras-atgardsplan-2025-2026-uppfoljning.html">Uppföljning av åtgärdsplanen 2025–2026</a></li>\n'
        "    </ul>\n"
        "  </li>\n"
        "</ul>\n"
        "<h2>Översikt</h2>\n"
        "<ul>\n"
        '  <li><a href="oversikt.html">Översikt över länets planer</a></li>\n'
        "</ul>\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
    # the same folder gives the same bytes, and the page does not list itself
    first = (tmp_path / "index.html").read_bytes()
    write_index(tmp_path)
    assert (tmp_path / "index.html").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._href, self._text = dict(attrs)["href"], ""

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, self._text))
            self._href = None


def test_index_is_accessible_and_every_link_resolves(tmp_path: Path) -> None:
    page(tmp_path, "plan.html", "Plan")
    page(tmp_path, "plan-uppfoljning.html", "Uppföljning")
    write_index(tmp_path)
    parser = _Links()
    parser.feed((tmp_path / "index.html").read_text(encoding="utf-8"))
    tags = [tag for tag, _ in parser.tags]
    assert parser.tags[0] == ("html", {"lang": "sv"})
    assert tags.count("main") == 1 and tags.count("h1") == 1 and tags.count("title") == 1
    assert parser.links == [("plan.html", "Plan"), ("plan-uppfoljning.html", "Uppföljning")]
    assert all((tmp_path / href).is_file() for href, _ in parser.links)


def test_document_title_is_one_line_of_text(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<title>\n  Åtgärdsplan\n  <b>2025</b> &amp; mer</title><title>Andra</title>")
    assert document_title(tmp_path / "a.html") == "Åtgärdsplan 2025 & mer"


def test_index_of_a_missing_or_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("index", str(tmp_path / "finns-inte"))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"planctl: {tmp_path / 'finns-inte'}: ingen mapp; kör planctl render och report först\n",
    )
    result = run("index", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"planctl: inga dokument (*.html) i {tmp_path}; kör planctl render och report först\n",
    )
    assert not (tmp_path / "index.html").exists()
