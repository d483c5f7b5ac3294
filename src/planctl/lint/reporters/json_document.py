"""The JSON format: the summary and every finding, for programs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from planctl.lint.engine import FileResult, counts
from planctl.lint.reporters.common import ordered


def report_json(results: Sequence[FileResult], stream: TextIO, color: bool) -> None:
    document = {"summary": counts(results), "findings": [f.as_dict() for f in ordered(results)]}
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
