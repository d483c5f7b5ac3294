"""The machine and summary formats of ``planctl validate``: json, sarif and markdown."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner, Result

from planctl import __version__
from planctl.cli import app
from planctl.lint.engine import FileResult
from planctl.lint.findings import Finding, Severity
from planctl.lint.reporters.markdown import markdown_summary
from planctl.lint.reporters.sarif import artifact_uri, help_markdown, help_text, sarif_log
from planctl.lint.rules import RULES

DATA = Path(__file__).parent / "data"
SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RULES_URI = "https://github.com/planctl-se/planctl/blob/v0.2.0/README.md#rules"

#: a plan whose measure titles hold Markdown, HTML and a table cell separator, and two measures
#: without a date (G405 twice) and two indicators without baseline (G413 twice)
HOSTILE = """\
format_version: 2
kind: åtgärdsplan
id: exempelstad-2025
municipality: Exempelstad
title: Åtgärdsplan 2025–2026
period: {start: 2025, end: 2026}
decision: {body: Kommunstyrelsen, date: 2024-11-20, reference: KS 2024/1}
lagesbild: {title: Lägesbild 2024, completed: "2024-06", reference: KS 2024/2}
follow_up: {interval_months: 24, forum: Trygghetsrådet}
organisations:
  - {id: SK, name: Stadsledningskontoret, abbreviation: true}
focus_areas:
  - id: skola
    title: Otrygghet i skolan
    cause_analysis:
      text: Vuxennärvaron har minskat.
      causes:
        - {id: vuxna, name: Färre vuxna i skolmiljön}
    measures:
      - id: rastvakter
        title: "Rastvakter | <script>alert(1)</script>"
        goals: [Ökad trygghet]
        owners: [SK]
        addresses: [vuxna]
        follow_up: {indicators: [{id: andel, name: Andel otrygga, unit: procent, direction: minska}]}
      - id: belysning
        title: "[Belysning](javascript:alert(1)) *nu*"
        goals: [Ökad trygghet]
        owners: [SK]
        addresses: [vuxna]
        follow_up: {indicators: [{id: lampor, name: Antal lampor, unit: antal, direction: öka}]}
"""


def validate(*args: str) -> Result:
    return CliRunner().invoke(app, ["validate", "--today", "2026-01-15", *args], prog_name="planctl")


def sarif_errors(log: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


# --- json -------------------------------------------------------------------------------------


def test_json_names_its_format_version_and_each_findings_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = validate("--format", "json", "invalid/timing-outside-period.yaml")
    assert (result.exit_code, result.stderr) == (1, "")
    assert json.loads(result.stdout) == {
        "format": "planctl-findings",
        "version": 2,
        "tool": {"name": "planctl", "version": __version__},
        "summary": {"error": 1, "warning": 0, "info": 0, "silenced": 0, "files": 1},
        "findings": [
            {
                "file": "invalid/timing-outside-period.yaml",
                "line": 25,
                "column": 17,
                "severity": "error",
                "code": "G406",
                "message": "åtgärden 'Inför rastvakter.' är planerad till 2029, utanför planperioden 2025–2026",
                "path": "focus_areas[0].measures[0].timing",
                "silenced": None,
                "rule": {"code": "G406", "name": "timing-outside-period", "help_uri": RULES_URI},
            }
        ],
    }


def test_json_whole_file_finding_has_line_0(tmp_path: Path) -> None:
    fifo = tmp_path / "ror.yaml"
    os.mkfifo(fifo)
    result = validate("--format", "json", str(fifo))
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["code"]) == (0, 0, "F001")


# --- sarif ------------------------------------------------------------------------------------


def test_sarif_results_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = validate("--format", "sarif", "invalid/timing-outside-period.yaml", "valid/silenced.yaml")
    assert (result.exit_code, result.stderr) == (1, "")
    log = json.loads(result.stdout)
    (run,) = log["runs"]
    codes = list(RULES)
    assert run["results"] == [
        {
            "ruleId": "G406",
            "ruleIndex": codes.index("G406"),
            "level": "error",
            "message": {"text": "åtgärden 'Inför rastvakter.' är planerad till 2029, utanför planperioden 2025–2026"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "invalid/timing-outside-period.yaml"},
                        "region": {"startLine": 25, "startColumn": 17},
                    }
                }
            ],
            "properties": {"path": "focus_areas[0].measures[0].timing"},
        },
        {
            "ruleId": "G412",
            "ruleIndex": codes.index("G412"),
            "level": "warning",
            "message": {"text": "ingen åtgärd riktas mot orsaken 'Färre vuxna i skolmiljön' (addresses: [vuxna])"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "valid/silenced.yaml"},
                        "region": {"startLine": 22, "startColumn": 11},
                    }
                }
            ],
            "properties": {"path": "focus_areas[0].cause_analysis.causes[0]"},
            "suppressions": [
                {"kind": "inSource", "justification": "Vuxennärvaron tas upp av skolans egen plan (påhittat exempel)."}
            ],
        },
        {
            "ruleId": "G409",
            "ruleIndex": codes.index("G409"),
            "level": "warning",
            "message": {
                "text": "åtgärden 'Inför rastvakter.' är inte kopplad till någon orsak i orsaksanalysen (addresses)"
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "valid/silenced.yaml"},
                        "region": {"startLine": 24, "startColumn": 9},
                    }
                }
            ],
            "properties": {"path": "focus_areas[0].measures[0]"},
            "suppressions": [
                {"kind": "inSource", "justification": "Orsakskopplingen görs i nästa revidering av planen."}
            ],
        },
    ]
    assert {key: value for key, value in log.items() if key != "runs"} == {
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
    }
    assert run["language"] == "sv-SE" and run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert {key: value for key, value in driver.items() if key != "rules"} == {
        "name": "planctl",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": "https://github.com/planctl-se/planctl",
    }
    assert sarif_errors(log) == []


def test_sarif_describes_every_rule() -> None:
    rules = sarif_log([])["runs"][0]["tool"]["driver"]["rules"]
    assert [descriptor["id"] for descriptor in rules] == list(RULES)
    g405 = rules[list(RULES).index("G405")]
    assert g405 == {
        "id": "G405",
        "name": "measure-without-timing",
        "shortDescription": {"text": RULES["G405"].summary},
        "fullDescription": {"text": RULES["G405"].explanation},
        "help": {"text": help_text(RULES["G405"]), "markdown": help_markdown(RULES["G405"])},
        "helpUri": RULES_URI,
        "defaultConfiguration": {"level": "warning"},
    }
    levels = {"error": Severity.ERROR, "warning": Severity.WARNING}
    for descriptor, rule in zip(rules, RULES.values(), strict=True):
        assert levels[descriptor["defaultConfiguration"]["level"]] == rule.severity
        for part in (rule.example, rule.instead):
            assert part.rstrip() in descriptor["help"]["text"]
            assert f"```yaml\n{part.rstrip()}\n```" in descriptor["help"]["markdown"] or not part


def test_sarif_help_with_example_and_instead_exactly() -> None:
    rule = RULES["F013"]
    assert help_text(rule) == (
        "Filen är i en äldre formatversion.\n\n"
        f"{rule.explanation}\n\n"
        "Exempel på vad regeln hittar:\nformat_version: 1\n\n"
        "Skriv i stället:\nformat_version: 2\n\n"
        "Gäller: alla planer. Kan tystas med motivering: nej."
    )
    assert help_markdown(rule) == (
        "**Filen är i en äldre formatversion.**\n\n"
        f"{rule.explanation}\n\n"
        "Exempel på vad regeln hittar:\n\n```yaml\nformat_version: 1\n```\n\n"
        "Skriv i stället:\n\n```yaml\nformat_version: 2\n```\n\n"
        "Gäller: alla planer. Kan tystas med motivering: nej."
    )
    # a path with <plan> in an explanation is text, not an HTML tag
    assert "plans/\\<plan\\>/uppfoljning-ÅÅÅÅ-MM.yaml" in help_markdown(RULES["U510"])


def test_sarif_whole_file_finding_has_no_region_and_uris_are_encoded() -> None:
    findings = [
        Finding("plans/rör.yaml", 0, 0, "F001", Severity.ERROR, "filen kan inte läsas"),
        Finding("plans/med mellanslag #1.yaml", 3, 0, "F004", Severity.ERROR, "YAML-syntaxfel"),
        Finding("/srv/planer/a.yaml", 2, 5, "F005", Severity.ERROR, "tabb"),
    ]
    log = sarif_log([FileResult(f.file, [f]) for f in findings])
    locations = [r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"]]
    assert locations == [
        {"artifactLocation": {"uri": "file:///srv/planer/a.yaml"}, "region": {"startLine": 2, "startColumn": 5}},
        {"artifactLocation": {"uri": "plans/med%20mellanslag%20%231.yaml"}, "region": {"startLine": 3}},
        {"artifactLocation": {"uri": "plans/r%C3%B6r.yaml"}},
    ]
    assert artifact_uri("./plans/a.yaml") == "plans/a.yaml"
    assert sarif_errors(log) == []


def test_sarif_of_the_whole_corpus_is_valid_sarif(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA.parent.parent)
    result = validate("--format", "sarif", "tests/data/invalid", "tests/data/valid", "plans")
    log = json.loads(result.stdout)
    results = log["runs"][0]["results"]
    assert len(results) > 50
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert sarif_errors(log) == []


def test_the_sarif_schema_catches_a_wrong_level() -> None:
    log = sarif_log([FileResult("a.yaml", [Finding("a.yaml", 1, 1, "F006", Severity.ERROR, "tom")])])
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert sarif_errors(log) == [
        "['runs', 0, 'results', 0, 'level']: 'fatal' is not one of ['none', 'note', 'warning', 'error']"
    ]


# --- markdown ---------------------------------------------------------------------------------


def test_markdown_groups_a_rules_findings_in_a_file_and_escapes_plan_text(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(HOSTILE, encoding="utf-8")
    shutil.copy(DATA / "valid" / "minimal.yaml", tmp_path / "ren.yaml")
    result = validate("--format", "markdown", str(tmp_path))
    assert (result.exit_code, result.stderr) == (0, "")
    escaped_dir = str(tmp_path).replace("_", "\\_")
    assert result.stdout == (
        "## Granskning med planctl\n"
        "\n"
        "**2 filer granskade: 0 fel, 4 varningar, 0 tystade**\n"
        "\n"
        f"### {escaped_dir}/plan.yaml\n"
        "\n"
        "| Rad | Kod | Allvar | Meddelande |\n"
        "|---|---|---|---|\n"
        f"| 20, 26 | [G405]({RULES_URI}) | varning | <details><summary>2 fynd: Åtgärden saknar tidsangivelse (När).</summary>"
        "rad 20: åtgärden 'Rastvakter \\| \\<script\\>alert(1)\\</script\\>' saknar tidsangivelse (När)<br>"
        "rad 26: åtgärden '\\[Belysning\\](javascript:alert(1)) \\*nu\\*' saknar tidsangivelse (När)</details> |\n"
        f"| 25, 31 | [G413]({RULES_URI}) | varning | <details><summary>2 fynd: Indikatorn saknar utgångsvärde, mål eller datakälla.</summary>"
        "rad 25: indikatorn 'Andel otrygga' saknar utgångsvärde, mål och datakälla<br>"
        "rad 31: indikatorn 'Antal lampor' saknar utgångsvärde, mål och datakälla</details> |\n"
    )
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<script>" not in html and 'href="javascript' not in html and "<em>" not in html
    assert html.count("<tr>") == 3 and html.count("<td>") == 8  # the header, then two rows of four cells


def test_markdown_single_findings_whole_file_and_silenced() -> None:
    results = [
        FileResult("plans/a|b.yaml", [Finding("plans/a|b.yaml", 0, 0, "F001", Severity.ERROR, "filen kan inte läsas")]),
        FileResult(
            "plans/c.yaml",
            [
                Finding(
                    "plans/c.yaml",
                    4,
                    9,
                    "G409",
                    Severity.WARNING,
                    "åtgärden 'x' saknar orsak",
                    silenced_by="Görs *sen*.",
                ),
                Finding("plans/c.yaml", 7, 9, "G409", Severity.WARNING, "åtgärden 'y' saknar orsak"),
            ],
        ),
    ]
    assert markdown_summary(results) == (
        "## Granskning med planctl\n"
        "\n"
        "**2 filer granskade: 1 fel, 1 varning, 1 tystad**\n"
        "\n"
        "### plans/a\\|b.yaml\n"
        "\n"
        "| Rad | Kod | Allvar | Meddelande |\n"
        "|---|---|---|---|\n"
        f"| hela filen | [F001]({RULES_URI}) | fel | filen kan inte läsas |\n"
        "\n"
        "### plans/c.yaml\n"
        "\n"
        "| Rad | Kod | Allvar | Meddelande |\n"
        "|---|---|---|---|\n"
        f"| 4 | [G409]({RULES_URI}) | tystad (varning) | åtgärden 'x' saknar orsak (tystad: Görs \\*sen\\*.) |\n"
        f"| 7 | [G409]({RULES_URI}) | varning | åtgärden 'y' saknar orsak |\n"
    )


def test_markdown_without_findings() -> None:
    assert markdown_summary([FileResult("plans/a.yaml")]) == (
        "## Granskning med planctl\n\n**1 fil granskad: 0 fel, 0 varningar, 0 tystade**\n\nInga fynd.\n"
    )
