"""Where a finding stands: the line and column an editor shows, from PyYAML's node marks.

libyaml's marks are 0-based and count U+2028 as a line break; :class:`Lines` turns them into
what an editor shows. :func:`finding_at` places a finding at a location in the document
(``("focus_areas", 0, "measures", 1)``), at the alias where the way passes through one, at a
cost that does not grow with the number of findings.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import yaml

from planctl.lint.findings import Finding, path_text
from planctl.lint.rules import RULES
from planctl.model import Loc

if TYPE_CHECKING:
    from planctl.lint.loader import LoadedFile


class Mark(Protocol):
    """A position in a file as PyYAML's marks give it, 0-based (pure-Python and libyaml marks alike)."""

    line: int
    column: int
    index: int


#: Characters YAML 1.1 (and so libyaml) takes as line breaks but editors and ``grep -n`` do not.
_EXOTIC_BREAKS = ("\u2028", "\u2029", "\x85")
EDITOR_BREAK = re.compile("\r\n|\n|\r")


class Lines:
    """Places as an editor shows them: 1-based lines and columns counted in characters.

    libyaml counts U+2028, U+2029 and U+0085 as line breaks, so in a file holding one every
    later line would be off by one. Only such files pay for a table of line starts.
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] | None = None
        if any(mark in text for mark in _EXOTIC_BREAKS):
            self.starts = [0, *(match.end() for match in EDITOR_BREAK.finditer(text))]
        # libyaml ends a stream without a final line break on a line of its own; an editor
        # shows no such line, so a mark there is placed at the end of the last line.
        self.count = len(EDITOR_BREAK.findall(text)) + 1 if "\r" in text else text.count("\n") + 1
        self.last = len(text) - (max(text.rfind("\n"), text.rfind("\r")) + 1)

    def place(self, mark: Mark) -> tuple[int, int]:
        if self.starts is None:
            line, column = mark.line + 1, mark.column + 1
        else:
            index = bisect.bisect_right(self.starts, mark.index) - 1
            line, column = index + 1, mark.index - self.starts[index] + 1
        if line > self.count and self is not PLAIN:
            return self.count, self.last + 1
        return line, column

    @staticmethod
    def of_index(text: str, index: int) -> tuple[int, int]:
        """The line and column of character ``index`` in ``text``, by editor line breaks."""
        line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
        return len(EDITOR_BREAK.findall(text, 0, line_start)) + 1, index - line_start + 1


PLAIN = Lines("")


def finding(
    path: str, code: str, message: str, mark: Mark | None = None, doc_path: str = "", lines: Lines = PLAIN
) -> Finding:
    """A finding of rule ``code`` at a libyaml mark (0-based), or at the start of the file."""
    line, column = lines.place(mark) if mark is not None else (1, 1)
    return Finding(path, line, column, code, RULES[code].severity, message, doc_path)


def file_finding(path: str, code: str, message: str) -> Finding:
    """A finding about a file planctl could not read at all: it has no line to point at."""
    return Finding(path, 0, 0, code, RULES[code].severity, message)


def locate(loaded: LoadedFile, loc: Sequence[str | int], key: bool = False) -> tuple[yaml.Node, bool]:
    """The node at ``loc`` (or its key node), and whether all of ``loc`` was found."""
    node, found, _ = _walk(loaded, loc, key)
    return node, found


def _walk(loaded: LoadedFile, loc: Sequence[str | int], key: bool) -> tuple[yaml.Node, bool, int | None]:
    """The node at ``loc``, whether all of it was found, and where the alias (``*name``) that
    led there stands, if the way passed through one: a finding belongs at the alias, not at
    the anchor it repeats.

    Each mapping's keys are looked up in a table made once per file, so placing many findings
    costs no more per finding than placing one.
    """
    assert loaded.root is not None
    node = loaded.root
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            pair = _keys(loaded, node).get(str(part))
            if pair is None:
                return node, False, None
            child = pair[0] if (key and last) else pair[1]
            slot = pair[0].end_mark.index
            if id(child) in loaded.shared and child.start_mark.index < slot:
                return child, True, loaded.text.find("*", slot)  # its anchor stands earlier: an alias
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            if id(child) in loaded.shared:
                alias = _item_aliases(loaded, node)[part]
                if alias is not None:
                    return child, True, alias
        else:
            return node, False, None
        node = child
    return node, True, None


_ALIAS = re.compile(r"\*[^\s,\[\]{}]+")


def _item_aliases(loaded: LoadedFile, sequence: yaml.SequenceNode) -> list[int | None]:
    """For each item of ``sequence``: where its alias stands, or None where it is written out.

    The node tree keeps one node for an anchor and all its aliases, so the text is read from
    item to item: an item whose node starts before the reading point is an alias there.
    """
    at = sequence.start_mark.index
    places: list[int | None] = []
    for item in sequence.value:
        if item.start_mark.index >= at:
            places.append(None)
            at = item.end_mark.index
            continue
        match = _ALIAS.search(loaded.text, at)
        places.append(match.start() if match else None)
        at = match.end() if match else at
    return places


def _keys(loaded: LoadedFile, mapping: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    table = loaded.key_tables.get(id(mapping))
    if table is None:
        # YAML keeps the last of two equal keys, and so does this table.
        table = {k.value: (k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode)}
        loaded.key_tables[id(mapping)] = table
    return table


def finding_at(loaded: LoadedFile, code: str, loc: Loc, message: str, key: bool = False) -> Finding:
    node, _, alias = _walk(loaded, loc, key)
    if alias is not None and alias >= 0:
        line, column = Lines.of_index(loaded.text, alias)
    else:
        line, column = loaded.place(node.start_mark)
    return Finding(loaded.path, line, column, code, RULES[code].severity, message, path_text(loc))
