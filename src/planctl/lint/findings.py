"""Findings: what a check says about one place in one file."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

from planctl.model.fields import without_markers


class Severity(enum.IntEnum):
    """How serious a finding is; the order is used for sorting and exit codes."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Sorts by file, line, column, then code."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    #: where in the document, e.g. ``focus_areas[0].measures[1].timing``; "" for the file
    path: str = field(default="", compare=False)
    #: the written reason where the plan silenced this finding, else None
    silenced_by: str | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        """The sort order as a plain tuple: sorting thousands of findings by it is several times
        faster than through the dataclass's generated comparisons."""
        return (self.file, self.line, self.column, self.code)

    def as_tuple(self) -> tuple[str, int, int, str, int, str, str, str | None]:
        """The finding as plain values, cheap to send from a worker process."""
        return (
            self.file,
            self.line,
            self.column,
            self.code,
            int(self.severity),
            self.message,
            self.path,
            self.silenced_by,
        )

    @classmethod
    def from_tuple(cls, values: tuple[str, int, int, str, int, str, str, str | None]) -> Finding:
        file, line, column, code, severity, message, path, silenced_by = values
        return cls(file, line, column, code, Severity(severity), message, path, silenced_by)

    def silenced(self, reason: str) -> Finding:
        """The same finding, silenced by the plan with ``reason``."""
        return Finding(self.file, self.line, self.column, self.code, self.severity, self.message, self.path, reason)

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.label,
            "code": self.code,
            "message": self.message,
            "path": self.path,
            "silenced": self.silenced_by,
        }


def path_text(loc: Sequence[str | int]) -> str:
    """A place in the document as text: ``focus_areas[0].measures[1].timing``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def short_line(text: str, limit: int = 60) -> str:
    """``text`` on one line of at most ``limit`` characters, for naming an element in a message."""
    line = " ".join(without_markers(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
