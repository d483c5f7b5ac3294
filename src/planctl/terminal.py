"""Text from plan files made safe to print: no terminal escapes, one finding per line.

A plan's text reaches a terminal through messages and tables. Control characters
(``ESC ] 0 ; … BEL`` sets the window title, ``ESC [ 2 J`` clears the screen), bidirectional
overrides that reorder what the reader sees, and line breaks that would make one finding
look like two are shown as visible escapes instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

#: C0 and C1 controls except tab and newline, DEL, and the invisible direction and
#: byte-order marks that can make text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
#: Every character a terminal or an editor may take as the end of a line.
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, one_line: bool = True) -> str:
    """``text`` with control characters shown as ``\\x1b``; with ``one_line``, line breaks as ``⏎``."""
    if one_line:
        text = _BREAKS.sub(" ⏎ ", text)
    return _UNSAFE.sub(_escape, text)


def console(stream: TextIO, color: bool, **options: Any) -> Console:
    """A rich console that prints text as it is: no markup, no emoji codes, no highlighting.

    A reader that goes away (``planctl status | head``) ends the command the way it does
    everywhere else in planctl (exit 141), not with rich's own exit 1.
    """
    from rich.console import Console as RichConsole

    class _Console(RichConsole):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        **options,
    )
