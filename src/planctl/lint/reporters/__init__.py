"""Output formats for findings, one module each; ``--format`` choices are this registry's keys.

A reporter is imported only when its format is asked for, so ``planctl validate`` loads no
more than it prints with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TextIO

from planctl.lint.engine import FileResult

Reporter = Callable[[Sequence[FileResult], TextIO, bool], None]

#: format name -> (module, function)
REPORTERS: dict[str, tuple[str, str]] = {
    "text": ("planctl.lint.reporters.text", "report_text"),
    "json": ("planctl.lint.reporters.json_document", "report_json"),
    "github": ("planctl.lint.reporters.github", "report_github"),
    "sarif": ("planctl.lint.reporters.sarif", "report_sarif"),
    "markdown": ("planctl.lint.reporters.markdown", "report_markdown"),
}


def reporter(name: str) -> Reporter:
    module, function = REPORTERS[name]
    found: Reporter = getattr(import_module(module), function)
    return found
