"""Read a plan file safely: one parse, values and positions from the same node tree.

The file is composed once into PyYAML's node tree (libyaml's C parser where
present). Values are built from that tree by ``_Builder``, which also refuses
what a plan file never needs: duplicate keys, explicit tags, alias bombs and
absurd nesting. The tree is kept so that any finding can be placed at
``line:col``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from planctl.files import kind_of
from planctl.lint.findings import Finding, path_text
from planctl.lint.positions import EDITOR_BREAK, PLAIN, Lines, Mark, file_finding, finding
from planctl.lint.rules import RULES

try:  # libyaml is 15x faster; the pure-Python loader is a correct fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

#: Plans are text documents; 80 KB is a large one. Anything near this is not a plan.
MAX_BYTES = 2 * 1024 * 1024
#: A plan nests about eight levels deep.
MAX_DEPTH = 40
#: Values built after expanding aliases; a large plan has about 10,000.
MAX_NODES = 200_000

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_TYPE_WORDS = {
    _TAG + "bool": "ett sanningsvärde (ja/nej)",
    _TAG + "int": "ett heltal",
    _TAG + "float": "ett decimaltal",
    _TAG + "timestamp": "ett datum",
    _TAG + "null": "ett tomt värde",
}
_DEEP_BLOCK = re.compile(r"^[ \-?:]{300,}", re.MULTILINE)


class _Loader(_BaseLoader):
    """The safe loader with a leaner tag resolver.

    libyaml's composer calls back into Python for every node to resolve its tag; plans never
    use path resolvers, so those hooks are skipped and plain scalars go straight to the
    implicit resolvers for their first character. Same tags as PyYAML's (tested).
    """

    _implicit = yaml.resolver.Resolver.yaml_implicit_resolvers

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self._implicit.get(value[:1], ()):
                    if pattern.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


@dataclass
class LoadedFile:
    """A plan file as read: its values, its node tree, and what went wrong."""

    path: str
    data: Any = None
    root: yaml.Node | None = None
    findings: list[Finding] = field(default_factory=list)
    #: False when the file could not be read into values at all
    usable: bool = False
    #: turns the tree's marks into editor lines
    lines: Lines = field(default_factory=lambda: PLAIN)
    #: the decoded text, for the places the tree does not keep (an alias's own position)
    text: str = ""
    #: nodes reached more than once through aliases (``*name``)
    shared: set[int] = field(default_factory=set)
    #: each mapping's keys, made when a finding is first placed in it
    key_tables: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict)

    def place(self, mark: Mark) -> tuple[int, int]:
        return self.lines.place(mark)


def type_word(node: yaml.Node) -> str | None:
    """How YAML 1.1 read an unquoted scalar, in words; None when it stayed text."""
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag != _TAG + "str":
        return _TYPE_WORDS.get(node.tag)
    return None


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read ``path``; never raises for anything the file holds."""
    name = display if display is not None else str(path)
    what = kind_of(path)
    if what is not None:  # opening a FIFO would wait for a writer forever
        message = f"filen kan inte läsas: det är {what}, ingen vanlig fil"
        return LoadedFile(name, findings=[file_finding(name, "F001", message)])
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        return LoadedFile(name, findings=[file_finding(name, "F001", f"filen kan inte läsas: {reason}")])
    if len(raw) > MAX_BYTES:
        return LoadedFile(
            name,
            findings=[
                finding(
                    name, "F003", f"filen är större än {MAX_BYTES // (1024 * 1024)} MiB; en plan är ett textdokument"
                )
            ],
        )
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> LoadedFile:
    """Decode and parse one file's bytes."""
    loaded = LoadedFile(name)
    text = _decode(raw, loaded)
    if text is None:
        return loaded
    control = _NON_PRINTABLE.search(text)
    if control is not None:
        # Found here rather than from libyaml's error, whose position counts bytes, not characters.
        line, column = Lines.of_index(text, control.start())
        message = f"filen innehåller ett styrtecken (U+{ord(control.group()):04X}) som inte får stå i en YAML-fil"
        loaded.findings.append(Finding(name, line, column, "F002", RULES["F002"].severity, message))
        return loaded
    loaded.text = text
    loaded.lines = Lines(text)
    if _too_deep(text, loaded):
        return loaded
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        loaded.findings.append(_syntax_finding(error, text, name, loaded.lines))
        return loaded
    finally:
        loader.dispose()
    if root is None or _is_empty_document(root):
        loaded.findings.append(finding(name, "F006", "filen är tom: den innehåller ingen plan"))
        return loaded
    loaded.root = root
    if not isinstance(root, yaml.MappingNode):
        what = "en lista" if isinstance(root, yaml.SequenceNode) else "ett enskilt värde"
        loaded.findings.append(
            finding(
                name,
                "F007",
                f"filen innehåller {what}; en plan börjar med nycklar som 'kind:' och 'title:'",
                root.start_mark,
                lines=loaded.lines,
            )
        )
        return loaded
    builder = _Builder(name, loader, loaded.lines)
    try:
        loaded.data = builder.build(root, 0)
        loaded.usable = True
    except _Refused:
        pass
    loaded.findings.extend(builder.findings)
    loaded.shared = builder.shared
    return loaded


#: Characters a YAML file may not hold (YAML 1.1's printable set, as PyYAML's reader has it).
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _is_empty_document(root: yaml.Node) -> bool:
    """A document that is only ``---`` (or nothing) holds no value: it is empty, not "a value"."""
    return isinstance(root, yaml.ScalarNode) and root.tag == _TAG + "null" and root.value == "" and not root.style


def _byte_place(raw: bytes, offset: int) -> tuple[int, int]:
    """The line and the column (in characters, not bytes) of byte ``offset``."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def _decode(raw: bytes, loaded: LoadedFile) -> str | None:
    if b"\x00" in raw:
        line, column = _byte_place(raw, raw.index(b"\x00"))
        loaded.findings.append(
            Finding(
                loaded.path,
                line,
                column,
                "F002",
                RULES["F002"].severity,
                "filen innehåller binära data (NUL-tecken), inte text",
            )
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_place(raw, error.start)
        loaded.findings.append(
            Finding(
                loaded.path,
                line,
                column,
                "F002",
                RULES["F002"].severity,
                f"filen är inte giltig UTF-8 (byte 0x{raw[error.start]:02x}); spara den som UTF-8",
            )
        )
        return None
    return text.removeprefix("\ufeff")


def _too_deep(text: str, loaded: LoadedFile) -> bool:
    """Refuse absurd nesting before libyaml's recursive composer sees it."""
    # Nesting needs an opening bracket per flow level, or indentation and indicators per block
    # level (at most two levels per column). Below these counts the composer is safe.
    if text.count("[") + text.count("{") < 300 and _DEEP_BLOCK.search(text) is None:
        return False
    # Only suspicious files get here: walk the event stream, which is not recursive.
    try:
        mark = _deeper_than_allowed(_Loader(text))
    except yaml.MarkedYAMLError as error:
        if error.problem != _LIBYAML_DEPTH_LIMIT:
            return False  # the composer reports the error with its position
        # Newer libyaml (PyYAML >= 6.0.3) stops at its own nesting limit while scanning ahead,
        # before the event at our limit is seen; the pure-Python parser has no such limit and
        # finds the same position. Only files nested hundreds of levels deep come here.
        try:
            mark = _deeper_than_allowed(yaml.SafeLoader(text))
        except yaml.YAMLError:
            mark = error.problem_mark
    if mark is None:
        return False
    message = f"strukturen är nästlad djupare än {MAX_DEPTH} nivåer"
    loaded.findings.append(finding(loaded.path, "F012", message, mark, lines=loaded.lines))
    return True


#: What libyaml says when a document nests deeper than it allows (PyYAML >= 6.0.3).
_LIBYAML_DEPTH_LIMIT = "exceeded maximum nesting depth"


def _deeper_than_allowed(loader: Any) -> Mark | None:
    """The start of the first collection nested deeper than MAX_DEPTH, or None."""
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None


def _syntax_finding(error: yaml.MarkedYAMLError, text: str, name: str, lines: Lines) -> Finding:
    mark = error.problem_mark or error.context_mark
    if error.context == "expected a single document in the stream":
        message = "filen innehåller flera YAML-dokument (---); en fil ska hålla en plan"
        return finding(name, "F008", message, mark, lines=lines)
    if mark is not None:
        # A tab in the indentation of the line where reading stopped; a tab elsewhere (inside
        # a | block of text, where YAML allows it) is not what went wrong.
        index = min(mark.index, len(text))
        line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
        content = EDITOR_BREAK.split(text[line_start:], maxsplit=1)[0]
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        if "\t" in indent:
            line, _ = lines.place(mark)
            message = "tabbtecken i indraget; YAML kräver mellanslag för indrag"
            return Finding(name, line, indent.index("\t") + 1, "F005", RULES["F005"].severity, message)
    problem = error.problem or error.context or "okänt fel"
    words = next((swedish for english, swedish in _SYNTAX_WORDS if english in problem), None)
    message = f"YAML-syntaxfel: {words} ({problem})" if words else f"YAML-syntaxfel: {problem}"
    if error.context_mark is not None and mark is not None and error.context_mark.line != mark.line:
        message += f"; sammanhanget börjar på rad {lines.place(error.context_mark)[0]}"
    return finding(name, "F004", message, mark, lines=lines)


#: PyYAML's most common complaints in plain Swedish; the original stays in parentheses.
_SYNTAX_WORDS = (
    (
        "found unexpected end of stream",
        "filen tar slut mitt i ett värde, troligen saknas ett avslutande citattecken eller en parentes",
    ),
    (
        "mapping values are not allowed",
        "ett kolon följt av mellanslag står där det inte får stå; sätt texten inom citattecken",
    ),
    ("could not find expected ':'", "ett kolon (:) saknas efter en nyckel"),
    (
        "found character that cannot start any token",
        "ett tecken som inte får inleda ett värde; sätt texten inom citattecken",
    ),
    ("expected <block end>, but found", "indraget stämmer inte med raderna ovanför"),
    ("did not find expected key", "indraget stämmer inte med raderna ovanför"),
    ("did not find expected '-' indicator", "indraget i listan stämmer inte"),
    ("found undefined alias", "aliaset (*) hänvisar till ett ankare (&) som inte finns"),
    ("expected ',' or ']'", "en lista inom [ ] avslutas inte rätt"),
    ("expected ',' or '}'", "ett uppslag inom { } avslutas inte rätt"),
    ("found unknown escape character", "okänd kod efter \\ i en text inom dubbla citattecken"),
    ("found duplicate anchor", "samma ankare (&) används två gånger"),
)


class _Refused(Exception):
    """The file holds something planctl will not build values from."""


class _Builder:
    """Builds plain values from a node tree, refusing what a plan never needs.

    This runs for every node of every file, so it keeps to the bare minimum: the path in
    the document is kept as a list of parts and only turned into text for a finding.
    """

    def __init__(self, name: str, loader: Any, lines: Lines) -> None:
        self.name = name
        self.loader = loader
        self.lines = lines
        self.findings: list[Finding] = []
        self.count = 0
        self.active: set[int] = set()
        self.trail: list[str | int] = []
        #: collections already built once: reached again, they came through an alias
        self.built: set[int] = set()
        self.shared: set[int] = set()

    def refuse(self, code: str, message: str, node: yaml.Node) -> _Refused:
        self.findings.append(finding(self.name, code, message, node.start_mark, path_text(self.trail), self.lines))
        return _Refused()

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            message = f"filen expanderar till fler än {MAX_NODES} värden genom alias (&/*); det ser ut som en aliasbomb"
            raise self.refuse("F011", message, node)
        if depth > MAX_DEPTH:
            raise self.refuse("F012", f"strukturen är nästlad djupare än {MAX_DEPTH} nivåer", node)
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):  # most values: skip PyYAML's constructor
            return node.value
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            raise self.refuse("F011", "ett alias (*) pekar på sig självt", node)
        if tag not in (_SEQ, _MAP):
            raise self.refuse("F010", f"taggen {_short_tag(tag)} är inte tillåten", node)
        self.active.add(id(node))
        if id(node) in self.built:
            self.shared.add(id(node))
        self.built.add(id(node))
        trail = self.trail
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                trail.append(index)
                items.append(self.build(item, depth + 1))
                trail.pop()
            self.active.discard(id(node))
            return items
        assert isinstance(node, yaml.MappingNode)
        result: dict[Any, Any] = {}
        first_keys: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, depth + 1)
            if isinstance(key, (list, dict)):
                raise self.refuse("F004", "en nyckel måste vara text, inte en lista eller ett uppslag", key_node)
            if not isinstance(key, str):
                # yes:, ~: and 0x7E9: are keys as written; as a boolean, nothing or a number
                # they could not be named in a message, nor found again for its position.
                key = key_node.value
            trail.append(str(key))
            if key in result:
                self.duplicate(first_keys[key], key_node, key)
            else:
                first_keys[key] = key_node
            result[key] = self.build(value_node, depth + 1)
            trail.pop()
        self.active.discard(id(node))
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            message = (
                f"taggen {_short_tag(node.tag)} är inte tillåten; en plan innehåller bara text, tal, datum och listor"
            )
            raise self.refuse("F010", message, node)
        try:
            return self.loader.construct_object(node)
        except yaml.constructor.ConstructorError as error:
            raise self.refuse("F004", f"värdet kan inte läsas: {error.problem}", node) from None
        except (ValueError, OverflowError):
            if node.tag == _TAG + "timestamp":
                # 2024-02-30 has the shape of a date but is none: keep the text, so that the
                # model says what is wrong with it at its place ("30 februari 2024 finns inte").
                return node.value
            message = (
                f"'{node.value}' ser ut som ett datum eller tal men är inget giltigt; sätt citattecken om det är text"
            )
            raise self.refuse("F004", message, node) from None

    def duplicate(self, first: yaml.Node, key_node: yaml.Node, key: Any) -> None:
        message = (
            f"nyckeln '{key}' förekommer två gånger (första gången på rad {self.lines.place(first.start_mark)[0]}); "
            "YAML behåller bara den sista"
        )
        self.findings.append(
            finding(self.name, "F009", message, key_node.start_mark, path_text(self.trail), self.lines)
        )


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
