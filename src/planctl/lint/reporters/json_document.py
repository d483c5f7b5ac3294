"""The JSON format: the summary and every finding, for programs.

The document names its format and version, so a program can tell what it reads:

* version 2 (planctl 0.2.0): ``format``, ``version`` and ``tool``; each finding's ``rule``
  with its code, name and the address of its documentation.
* version 1 (planctl 0.1.0) had only ``summary`` and ``findings``.

A finding about the whole file (it is empty, unreadable, not UTF-8 …) has line 0 and column 0.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from planctl import __version__
from planctl.lint.engine import FileResult, counts
from planctl.lint.findings import Finding
from planctl.lint.reporters.common import ordered, rule_reference

FORMAT_NAME = "planctl-findings"
FORMAT_VERSION = 2


def finding_document(finding: Finding) -> dict[str, object]:
    return {**finding.as_dict(), "rule": rule_reference(finding)}


def report_json(results: Sequence[FileResult], stream: TextIO, color: bool) -> None:
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "tool": {"name": "planctl", "version": __version__},
        "summary": counts(results),
        "findings": [finding_document(f) for f in ordered(results)],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
