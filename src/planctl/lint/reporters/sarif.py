"""SARIF 2.1.0, the format GitHub code scanning and other viewers of static analysis read.

One run: planctl as the tool, with every rule and its documentation (what it finds, why, an
example and what to write instead), and one result per finding. A silenced finding is a
result with an in-source suppression carrying the plan's written reason, so viewers show it
as dismissed, not as open. A finding about the whole file (line 0) has no region.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from planctl import __version__
from planctl.lint.engine import FileResult
from planctl.lint.findings import Finding, Severity
from planctl.lint.reporters.common import markdown_text, ordered
from planctl.lint.rules import RULES, Rule
from planctl.project import REPOSITORY, RULES_URI

SARIF_VERSION = "2.1.0"
#: the OASIS schema (errata 01), the one tests/schemas/ holds
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _applies_to(rule: Rule) -> str:
    return ", ".join(rule.kinds) if rule.kinds else "alla planer"


def help_text(rule: Rule) -> str:
    parts = [rule.summary, rule.explanation]
    if rule.example:
        parts.append(f"Exempel på vad regeln hittar:\n{rule.example}")
    if rule.instead:
        parts.append(f"Skriv i stället:\n{rule.instead}")
    parts.append(f"Gäller: {_applies_to(rule)}. Kan tystas med motivering: {'ja' if rule.silenceable else 'nej'}.")
    return "\n\n".join(parts)


def _yaml_block(text: str) -> str:
    fence = "`" * max(3, _longest_run(text, "`") + 1)
    return f"{fence}yaml\n{text.rstrip()}\n{fence}"


def _longest_run(text: str, char: str) -> int:
    longest = run = 0
    for c in text:
        run = run + 1 if c == char else 0
        longest = max(longest, run)
    return longest


def help_markdown(rule: Rule) -> str:
    parts = [f"**{markdown_text(rule.summary)}**", markdown_text(rule.explanation, one_line=False)]
    if rule.example:
        parts.append(f"Exempel på vad regeln hittar:\n\n{_yaml_block(rule.example)}")
    if rule.instead:
        parts.append(f"Skriv i stället:\n\n{_yaml_block(rule.instead)}")
    parts.append(
        f"Gäller: {markdown_text(_applies_to(rule))}. Kan tystas med motivering: {'ja' if rule.silenceable else 'nej'}."
    )
    return "\n\n".join(parts)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A SARIF reportingDescriptor: the rule and its documentation."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": help_text(rule), "markdown": help_markdown(rule)},
        "helpUri": RULES_URI,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def artifact_uri(file: str) -> str:
    """The file as a URI reference: a relative path stays relative (code scanning resolves it
    against the repository), with ``/`` between folders and other characters percent-encoded."""
    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.file)}}
    if finding.line:
        region = {"startLine": finding.line}
        if finding.column:
            region["startColumn"] = finding.column
        location["region"] = region
    found: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        found["ruleIndex"] = index[finding.code]
    found["level"] = LEVELS[finding.severity]
    found["message"] = {"text": finding.message}
    found["locations"] = [{"physicalLocation": location}]
    if finding.path:
        found["properties"] = {"path": finding.path}
    if finding.silenced_by is not None:
        found["suppressions"] = [{"kind": "inSource", "justification": finding.silenced_by}]
    return found


def sarif_log(results: Sequence[FileResult]) -> dict[str, Any]:
    rules = list(RULES.values())
    index = {rule.code: number for number, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "planctl",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": REPOSITORY,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                # planctl's messages are Swedish, and its columns count characters, not bytes
                "language": "sv-SE",
                "columnKind": "unicodeCodePoints",
                "results": [result(finding, index) for finding in ordered(results)],
            }
        ],
    }


def report_sarif(results: Sequence[FileResult], stream: TextIO, color: bool) -> None:
    json.dump(sarif_log(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
