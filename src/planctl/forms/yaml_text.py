"""A follow-up as YAML text that keeps every character people wrote, and says so.

Comments from a spreadsheet hold line breaks, quotes, å, ä, ö and emoji; they are written as
literal blocks where YAML allows it and quoted otherwise, never folded, and the text is read
back with planctl's own loader before it is used: what is written is what was collected.
"""

from __future__ import annotations

from typing import Any

import yaml

from planctl.lint.loader import load_bytes


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the shipped follow-ups write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_EXOTIC = ("\x85", "\u2028", "\u2029")


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A literal block shows a multi-line comment as it was typed; the emitter falls back to a
    # quoted scalar where a block cannot hold the text exactly (trailing blanks, odd breaks).
    # Breaks only YAML counts (NEL, LS, PS) go in double quotes, where they are escaped.
    style = '"' if any(c in value for c in _EXOTIC) else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any], header: str) -> str:
    """``header`` (comment lines) and ``data`` as YAML; raises if the text does not read back the same."""
    body = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )
    text = header + body
    loaded = load_bytes(text.encode("utf-8"), "uppföljning")
    if not loaded.usable or loaded.data != data:
        raise AssertionError("the collected follow-up does not read back as it was written")
    return text


def comment_lines(lines: list[str]) -> str:
    """Comment lines, each made one line (a file name may hold a line break)."""
    from planctl.terminal import printable

    return "".join(f"# {printable(line)}".rstrip() + "\n" if line else "#\n" for line in lines)
