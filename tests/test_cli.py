"""The command line: every command, format and exit code."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest
from typer.testing import CliRunner, Result

from planctl import __version__
from planctl.cli import FindingFormat, app

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
MINIMAL = DATA / "valid" / "minimal.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="planctl")


def validate(*args: str) -> Result:
    """``planctl validate`` on a fixed day, so that the law's two-year clock does not move the results."""
    return run("validate", "--today", "2026-01-15", *args)


def test_version() -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"planctl {__version__}\n", "")


def test_version_fast_path_says_the_same_as_typer() -> None:
    import subprocess
    import sys

    fast = subprocess.run([sys.executable, "-m", "planctl", "--version"], capture_output=True, text=True, check=True)
    full = subprocess.run(
        [sys.executable, "-m", "planctl", "--debug", "--version"], capture_output=True, text=True, check=True
    )
    assert fast.stdout == full.stdout == f"planctl {__version__}\n"


def test_valid_file_exits_0_with_summary_only() -> None:
    result = validate(str(MINIMAL))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "1 fil granskad: 0 fel, 0 varningar, 0 tystade\n",
        "",
    )


def test_errors_exit_1_with_every_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = validate("invalid/unknown-owner.yaml", "valid/minimal.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        (DATA / "invalid" / "unknown-owner.expected").read_text(encoding="utf-8")
        + "2 filer granskade: 2 fel, 0 varningar, 0 tystade\n"
    )
    assert result.stderr == ""


def test_warnings_pass_unless_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    assert validate("invalid/dates-missing.yaml").exit_code == 0
    assert validate("--strict", "invalid/dates-missing.yaml").exit_code == 1


def test_silenced_findings_are_shown_and_counted_but_do_not_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = validate("--strict", "--today", "2026-01-15", "valid/silenced.yaml")
    assert result.exit_code == 0
    assert result.stdout.endswith("1 fil granskad: 0 fel, 0 varningar, 2 tystade\n")
    assert "[tystad: Orsakskopplingen görs i nästa revidering av planen.]" in result.stdout


def test_expired_silence_comes_back_on_its_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    before = validate("--today", "2025-06-30", "invalid/silence-expired.yaml").stdout
    after = validate("--today", "2025-07-01", "invalid/silence-expired.yaml").stdout
    assert "silenced G409" in before and "warning G409" not in before and "1 tystad" in before
    assert "warning G409" in after and "warning G411" in after and "0 tystade" in after


def test_github_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = validate("-f", "github", "invalid/follow-up-interval.yaml", "invalid/empty.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=invalid/empty.yaml,line=1,col=1,title=F006::filen är tom: den innehåller ingen plan",
        "::error file=invalid/follow-up-interval.yaml,line=10,col=30,title=L305::"
        "uppföljning var 36:e månad; 6 § kräver minst vartannat år (högst 24 månader)",
        "2 filer granskade: 2 fel, 0 varningar, 0 tystade",
    ]


def test_format_choices_match_the_reporter_registry() -> None:
    from planctl.lint.reporters import REPORTERS

    assert get_args(FindingFormat) == tuple(REPORTERS)


def test_folder_is_searched_and_bad_files_do_not_hide_good_ones(tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "a.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_bytes(b"\xff\xfe")
    (tmp_path / "notes.txt").write_text("inte en plan")
    result = validate(str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'sub' / 'b.yml'}:1:1: error F002 filen är inte giltig UTF-8 (byte 0xff); spara den som UTF-8",
        "2 filer granskade: 1 fel, 0 varningar, 0 tystade",
    ]


def test_many_files_in_parallel_give_the_same_findings(tmp_path: Path) -> None:
    for number in range(30):
        source = DATA / "invalid" / ("unknown-owner.yaml" if number % 3 == 0 else "dates-missing.yaml")
        shutil.copy(source, tmp_path / f"plan-{number:02}.yaml")
    serial = validate("--jobs", "1", str(tmp_path))
    parallel = validate("--jobs", "2", str(tmp_path))
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stdout == parallel.stdout
    assert serial.stdout.endswith("30 filer granskade: 20 fel, 40 varningar, 0 tystade\n")


@pytest.mark.parametrize("command", ["render", "report"])
def test_many_plans_render_with_jobs_as_with_one_process(tmp_path: Path, command: str) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    for number in range(25):
        (plans / f"plan-{number:02}.yaml").write_text(text.replace("exempelstad", f"stad-{number}"), encoding="utf-8")
    written = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"ut-{jobs}"
        result = run(command, str(plans), "--format", "md", "--today", "2026-01-15", "--jobs", jobs, "--out", str(out))
        assert (result.exit_code, result.stderr) == (0, "")
        assert len(result.stdout.splitlines()) == 25
        written[jobs] = {path.name: path.read_bytes() for path in out.iterdir()}
    assert written["1"] == written["2"]
    assert len(written["1"]) == 25


def test_missing_path_is_a_usage_error() -> None:
    result = validate("finns/inte.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "planctl: finns/inte.yaml: finns inte\n")


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = validate(str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"planctl: inga planfiler (*.yaml) hittades i {tmp_path}\n"


def test_bad_today_is_a_usage_error() -> None:
    result = run("validate", "--today", "igår", str(MINIMAL))
    assert (result.exit_code, result.stderr) == (2, "planctl: --today 'igår': ange ett datum som ÅÅÅÅ-MM-DD\n")


def test_unknown_option_is_a_usage_error() -> None:
    result = validate("--format", "xml", str(MINIMAL))
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_a_bug_exits_3_with_a_short_message_and_traceback_only_with_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("oväntat")

    monkeypatch.setattr("planctl.lint.engine.validate_paths", broken)
    quiet = validate(str(MINIMAL))
    assert quiet.exit_code == 3
    assert quiet.stderr.startswith("planctl: internt fel (RuntimeError: oväntat).")
    assert "Traceback" not in quiet.stderr
    loud = run("--debug", "validate", "--today", "2026-01-15", str(MINIMAL))
    assert loud.exit_code == 3
    assert "Traceback (most recent call last)" in loud.stderr


def test_schema_is_the_shipped_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Plan"
    assert "focus_areas" in schema["properties"]


def test_follow_up_schema_is_the_shipped_one() -> None:
    result = run("schema", "--follow-up")
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "schema" / "followup.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout)["title"] == "Uppföljning"


def test_lagesbild_schema_is_the_shipped_one() -> None:
    result = run("schema", "--lagesbild")
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "schema" / "lagesbild.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout)["properties"]["kind"]["const"] == "lägesbild"
    assert run("schema", "--lagesbild", "--follow-up").exit_code == 2


def test_schema_accepts_the_shipped_plan_and_rejects_unknown_keys() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(run("schema").stdout)
    plan = yaml.safe_load((ROOT / "plans" / "vasteras-atgardsplan-2025-2026.yaml").read_text(encoding="utf-8"))
    plan["document_date"] = str(plan["document_date"])  # JSON has no dates; editors see text
    jsonschema.validate(plan, schema)
    plan["titel"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, schema)


def test_rules_lists_every_rule() -> None:
    from planctl.lint.rules import RULES

    result = run("rules")
    assert result.exit_code == 0
    codes = re.findall(r"^([A-Z]\d{3}) ", result.stdout, flags=re.MULTILINE)
    assert codes == list(RULES)


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = run("rules", "--markdown").stdout
    start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
    assert readme[readme.index(start) + len(start) : readme.index(end)] == table


#: every command the app has, as typer registered it
COMMANDS = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]


def test_the_app_has_its_commands() -> None:
    assert len(COMMANDS) >= 9 and all(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Exempel: planctl " + command in " ".join(result.stdout.split())
    assert f"planctl {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_readme_example_output_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    """The validate example in the README is what planctl prints for the shipped plans."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme[readme.index("$ planctl validate plans/\n") :].split("```")[0].splitlines()[1:]
    output = run("validate", "--today", "2026-11-23", "plans/").stdout.splitlines()
    shown = [line for line in example if line != "…"]
    assert shown == [line for line in output if line in shown]
    assert shown[-1] == output[-1]


def test_output_closed_early_stops_quietly(tmp_path: Path) -> None:
    """More output than a pipe holds, read by head: planctl stops quietly with 141, as a shell expects."""
    import subprocess
    import sys

    for number in range(40):
        shutil.copy(ROOT / "plans" / "vasteras-atgardsplan-2025-2026.yaml", tmp_path / f"plan-{number:02}.yaml")
    command = f"{sys.executable} -m planctl validate --jobs 1 --today 2026-11-23 {tmp_path} | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False)
    assert done.stdout.startswith(f"{tmp_path / 'plan-00.yaml'}:")
    assert done.stderr == ""
    assert done.returncode == 141


def test_the_readme_links_nothing_outside_the_repository() -> None:
    from markdown_it import MarkdownIt

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(readme)
    targets = [
        str(child.attrGet("href"))
        for token in tokens
        if token.children
        for child in token.children
        if child.type == "link_open"
    ]
    for target in targets:
        assert "://" not in target and not target.startswith("mailto:"), target
        path = (ROOT / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT.resolve()) and path.exists(), target
    assert "../shared" not in readme


def test_repeated_findings_are_summarised_in_the_terminal_and_kept_elsewhere() -> None:
    """27 silenced G410s and eight U515s must not bury the few findings that matter."""
    plan = str(ROOT / "plans" / "vasteras-atgardsplan-2025-2026.yaml")
    short = validate("--today", "2026-12-01", plan).stdout
    full = validate("--today", "2026-12-01", "--all", plan).stdout
    assert short.count("silenced G410") == 1 and full.count("silenced G410") == 27
    assert f"{plan}: … och 26 tystade fynd till av G410 i filen (visa alla med --all)" in short.splitlines()
    assert short.count("warning U515") == 3 and full.count("warning U515") == 8
    assert f"{plan}: … och 5 fynd till av U515 i filen (visa alla med --all)" in short.splitlines()
    assert "warning G405" in short and "warning L303" in short  # the few that matter, all shown
    assert short.splitlines()[-1] == full.splitlines()[-1]  # the summary counts every finding
    document = json.loads(validate("--today", "2026-12-01", "--format", "json", plan).stdout)
    assert sum(f["code"] == "G410" for f in document["findings"]) == 27
