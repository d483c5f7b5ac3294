"""Markdown in plan text fields: safe HTML for the web page, safe Markdown for the .md document.

Text typed into a plan never becomes markup or script: raw HTML is escaped, and only
http(s) and mailto links survive (``javascript:``, ``data:``, ``file:`` … stay plain text).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

from planctl.model.fields import FOOTNOTE_MARKER, without_markers

#: The only link targets a published plan may point to.
SAFE_SCHEMES = ("http://", "https://", "mailto:")


#: Spaces and line breaks that may be joined into one space; a no-break space is not one of
#: them, since it keeps a number with its unit (15 %) and a day with its month.
_BREAKABLE = re.compile(r"[ \t\r\n\f\v]+")


def one_line(text: str) -> str:
    """``text`` on one line: runs of spaces and line breaks become one space, no-break spaces stay."""
    return _BREAKABLE.sub(" ", text).strip(" ")


def is_safe_url(url: str) -> bool:
    """Whether ``url`` is an http(s) or mailto link (the only kinds a plan may link to)."""
    return url.strip().lower().startswith(SAFE_SCHEMES)


class _PlanMarkdown(MarkdownIt):
    """CommonMark without raw HTML or images, and with links limited to :data:`SAFE_SCHEMES`."""

    def validateLink(self, url: str) -> bool:
        return is_safe_url(url)


#: A bare web address in running text: http(s) only, up to a space, a quote or an angle bracket
#: (and never into a footnote marker).
_BARE_URL = re.compile(r"https?://[^\s<>\"\ue000\ue001]+", re.IGNORECASE)
#: What a sentence puts after an address, not part of it.
_TRAILING = ".,;:!?'’”»"


def _url_end(url: str) -> str:
    """``url`` without the punctuation that ends the sentence around it; a closing parenthesis
    stays when the address opened one itself (Wikipedia's ``…_(stad)``)."""
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count(")") > url.count("("))):
        url = url[:-1]
    return url


def _link_bare_urls(state: StateCore) -> None:
    """A bare http(s) address in a text (a footnote's source, a reference) becomes a link to
    itself, as markdown-it's linkify would, without its fuzzy matching ("www.x.se" stays text)
    and without a dependency. Runs after ``text_join``, so an address is one text token."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        in_link = 0
        for token in block.children:
            if token.type == "link_open":
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            if token.type != "text" or in_link or not _BARE_URL.search(token.content):
                children.append(token)
                continue
            text, last = token.content, 0
            for match in _BARE_URL.finditer(text):
                url = _url_end(match.group())
                href = state.md.normalizeLink(url)
                if len(url) <= len("https://") or not state.md.validateLink(href):
                    continue
                if match.start() > last:
                    children.append(_text_token(text[last : match.start()], token.level))
                opening = Token("link_open", "a", 1, attrs={"href": href}, level=token.level, markup="linkify", info="auto")
                children.append(opening)
                children.append(_text_token(state.md.normalizeLinkText(url), token.level + 1))
                children.append(Token("link_close", "a", -1, level=token.level, markup="linkify", info="auto"))
                last = match.start() + len(url)
            if last < len(text):
                children.append(_text_token(text[last:], token.level))
        block.children = children


def _text_token(content: str, level: int) -> Token:
    return Token("text", "", 0, content=content, level=level)


#: A table in a text field may be wider than a phone: like planctl's own tables it scrolls in a
#: region that the keyboard reaches (it has no caption to be named by, so it is named "Tabell").
_TABLE_BOX = '<div class="tabell" role="region" aria-label="Tabell" tabindex="0">\n'


def _table_open(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return _TABLE_BOX + str(renderer.renderToken(tokens, idx, options, env))


def _table_close(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return str(renderer.renderToken(tokens, idx, options, env)) + "</div>\n"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Images are off: the HTML document is self-contained and loads nothing from elsewhere.
    parser = _PlanMarkdown("commonmark", {"html": False}).enable(["table", "strikethrough"]).disable("image")
    parser.core.ruler.push("planctl_bare_urls", _link_bare_urls)
    parser.add_render_rule("table_open", _table_open)
    parser.add_render_rule("table_close", _table_close)
    return parser


def _shift_headings(tokens: list[Token], top: int | None) -> None:
    """A ``#`` heading in a text field sits below the document's own headings (h``top``…h6).

    With ``top`` None (text inside a table cell, where HTML allows no headings) it becomes a
    paragraph of class ``rubrik``.
    """
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            if top is None:
                token.tag = "p"
                if token.type == "heading_open":
                    token.attrSet("class", "rubrik")
            else:
                token.tag = f"h{min(6, top + int(token.tag[1]) - 1)}"
        elif token.type == "th_open":
            token.attrSet("scope", "col")


#: A text is converted once per run: a measure's title stands in its table, the matrix, the
#: timeline and every link to it (in the Västerås plan 589 conversions, 276 different texts).
_CACHED = 4096


@lru_cache(maxsize=_CACHED)
def to_html(text: str, heading_level: int | None = 4) -> Markup:
    """A text field as HTML blocks (paragraphs, lists, quotes, tables)."""
    parser = _parser()
    tokens = parser.parse(without_markers(text))
    _shift_headings(tokens, heading_level)
    return Markup(_html_markers(parser.renderer.render(tokens, parser.options, {}).strip()))


def to_html_in_cell(text: str) -> Markup:
    """A text field inside a table cell: blocks as :func:`to_html`, but no headings."""
    return to_html(text, None)


@lru_cache(maxsize=_CACHED)
def to_html_inline(text: str) -> Markup:
    """A short text field (a title, a goal) as inline HTML, without a paragraph around it."""
    parser = _parser()
    return Markup(_html_markers(parser.renderInline(without_markers(text)).strip()))


@lru_cache(maxsize=_CACHED)
def to_plain(text: str) -> str:
    """A short text field as plain words (a picture's title, an SVG title): no markup at all."""
    html = _parser().renderInline(without_markers(text))
    return one_line(unescape(re.sub(r"<[^>]*>", "", html)))


# -- Markdown output ----------------------------------------------------------------------

_SAFE_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]*)>", re.IGNORECASE)
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
#: A link reference definition anywhere: at the start of a line, inside a quote (``> [x]: …``)
#: or a list item (``- [x]: …``), its label over several lines, its target on the next line.
_REFERENCE = re.compile(r"\[((?:[^\]\\]|\\.){1,999})\]:[ \t]*(?:\r?\n[ \t>]*)?<?([^\s>]*)")
_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)", re.MULTILINE)


def _escape_raw_html(text: str) -> str:
    """``<`` becomes ``&lt;`` except in an http(s)/mailto autolink, so no tag survives."""
    parts: list[str] = []
    last = 0
    for match in _SAFE_AUTOLINK.finditer(text):
        parts.append(text[last : match.start()].replace("<", "&lt;"))
        parts.append(match.group(0))
        last = match.end()
    parts.append(text[last:].replace("<", "&lt;"))
    return "".join(parts)


def _neutralise_links(text: str) -> str:
    """Links to anything but http(s)/mailto are broken up, so they stay text in any renderer."""

    def inline(match: re.Match[str]) -> str:
        return match.group(0) if is_safe_url(match.group(1)) else "]\\(" + match.group(0)[2:]

    def reference(match: re.Match[str]) -> str:
        # An escaped bracket reads the same to a person and is never a definition.
        return match.group(0) if is_safe_url(match.group(2)) else "\\" + match.group(0)

    return _REFERENCE.sub(reference, _INLINE_LINK.sub(inline, text))


def to_markdown(text: str, heading_level: int = 4) -> str:
    """A text field as Markdown blocks, with raw HTML escaped and unsafe links broken up."""
    safe = _md_markers(_neutralise_links(_escape_raw_html(without_markers(text).strip())))
    return _HEADING.sub(lambda m: m.group(1) + "#" * min(6, heading_level + len(m.group(2)) - 1), safe)


def to_markdown_line(text: str) -> str:
    """A text field on one line (a heading, a list item): newlines become spaces."""
    return one_line(to_markdown(text))


def to_markdown_cell(text: str) -> str:
    """A text field inside a Markdown table cell: ``|`` escaped, paragraphs joined with ``<br>``."""
    safe = to_markdown(text).replace("|", "\\|")
    paragraphs = [one_line(part) for part in re.split(r"\n[ \t]*\n", safe)]
    return "<br>".join(p for p in paragraphs if p)


def to_markdown_code(text: str) -> str:
    """Text shown exactly as it is (a file name) as a Markdown code span, on one line.

    The span is fenced with one backtick more than the longest run inside the text, so a
    backtick in a file name cannot close it; nothing in a code span is markup or a link.
    """
    line = one_line(text)
    runs = [len(run) for run in re.findall(r"`+", line)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if line.startswith(("`", " ")) or line.endswith(("`", " ")) or not line else ""
    return f"{fence}{pad}{line}{pad}{fence}"


# -- footnote markers ---------------------------------------------------------------------

_MARKER = FOOTNOTE_MARKER
#: A resolved marker between planctl's own private-use characters, which no plan text keeps.
_RESOLVED = re.compile("\ue000([0-9]+)\ue001")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def resolve_markers(text: str, numbers: tuple[int, ...]) -> str:
    """``text`` with each ``[^k]`` that names one of its element's notes turned into that note's
    number in the document (``numbers[k - 1]``); other brackets stay text."""
    text = text.replace("\ue000", "").replace("\ue001", "")

    def number(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return f"\ue000{numbers[index - 1]}\ue001" if 1 <= index <= len(numbers) else match.group(0)

    return _MARKER.sub(number, text)


def marked_notes(texts: tuple[str | None, ...], count: int) -> frozenset[int]:
    """Which of an element's notes (1-based) a marker in ``texts`` points at."""
    return frozenset(
        int(m.group(1)) for text in texts if text for m in _MARKER.finditer(text) if 1 <= int(m.group(1)) <= count
    )


def _html_markers(html: str) -> str:
    """Resolved markers as superscript links to their notes (the note links back)."""
    return _RESOLVED.sub(
        lambda m: f'<sup class="notref"><a href="#not-{m.group(1)}" id="notref-{m.group(1)}" '
        f'aria-label="Not {m.group(1)}">{m.group(1)}</a></sup>',
        html,
    )


def _md_markers(text: str) -> str:
    """Resolved markers as superscript digits, which read as note numbers in any renderer."""
    return _RESOLVED.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), text)
