"""planctl init and planctl in other people's CI (pre-commit, workflow)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from planctl.cli import app

ROOT = Path(__file__).parent.parent
PLAN = "plans/upplands-vasby-atgardsplan-2027-2028.yaml"


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), prog_name="planctl")
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    code, out, _ = cli("init", str(tmp_path / "planer"), "--kommun", "Upplands Väsby", "--start", "2027")
    assert code == 0
    assert f"skrev {tmp_path / 'planer' / PLAN}" in out.splitlines()
    return tmp_path / "planer"


def test_init_writes_a_repository_that_validates_as_it_stands(repo: Path) -> None:
    assert sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file()) == [
        ".github/workflows/planctl.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        "README.md",
        "mallar/uppfoljning.yaml",
        PLAN,
        "schema/followup.schema.json",
        "schema/lagesbild.schema.json",
        "schema/plan.schema.json",
    ]
    code, out, _ = cli("validate", "--strict", "--today", "2026-11-23", str(repo / "plans"))
    # the two reminders: fill in the decision date once the plan is decided, and the
    # indicator's baseline and target once they are known
    assert out.splitlines() == [
        f"{repo / PLAN}:19:3: warning L303 planen anger inget beslutsdatum (decision.date); uppföljningskravet i 6 § räknas från beslutet",
        f"{repo / PLAN}:75:15: warning G413 indikatorn 'Andel elever som känner sig otrygga på skolgården' saknar utgångsvärde och mål",
        "1 fil granskad: 0 fel, 2 varningar, 0 tystade",
    ]
    assert code == 1  # only because of --strict
    assert cli("validate", "--today", "2026-11-23", str(repo / "plans"))[0] == 0


def test_starter_plan_points_editors_at_the_schema(repo: Path) -> None:
    first = (repo / PLAN).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/plan.schema.json"
    assert (repo / PLAN).parent.joinpath("../schema/plan.schema.json").resolve().is_file()


def test_follow_up_template_validates_once_copied_beside_the_plan(repo: Path) -> None:
    target = repo / "plans" / "upplands-vasby-atgardsplan-2027-2028" / "uppfoljning-2027-12.yaml"
    target.parent.mkdir()
    shutil.copy(repo / "mallar" / "uppfoljning.yaml", target)
    code, out, _ = cli("validate", "--strict", "--today", "2028-01-10", str(repo / "plans"))
    assert out.splitlines()[-1] == "2 filer granskade: 0 fel, 2 varningar, 0 tystade"
    assert "L303" in out and code == 1


def test_init_never_overwrites(repo: Path) -> None:
    before = (repo / PLAN).read_text(encoding="utf-8")
    code, _, err = cli("init", str(repo), "--kommun", "Upplands Väsby", "--start", "2027")
    assert code == 2
    assert err.startswith("planctl: skriver inte över befintliga filer: ")
    assert (repo / PLAN).read_text(encoding="utf-8") == before


def test_workflow_validates_renders_and_publishes(repo: Path) -> None:
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "planctl.yml").read_text(encoding="utf-8"))
    steps = [step.get("run") for step in workflow["jobs"]["granska"]["steps"]]
    assert "planctl validate plans/ --format github" in steps
    assert "planctl render plans/ --format html --out build" in steps
    assert workflow["jobs"]["publicera"]["needs"] == "granska"


def test_pre_commit_config_works_against_the_new_repository(repo: Path, tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pre_commit is None:
        if os.environ.get("CI"):
            pytest.fail("pre-commit saknas i CI; den ingår i test-tillägget")
        pytest.skip("pre-commit saknas: pip install pre-commit")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    passed = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, capture_output=True, text=True, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "planctl validate" in passed.stdout and "Passed" in passed.stdout
    plan = repo / PLAN
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("title: Åtgärdsplan", "titel: Åtgärdsplan"), encoding="utf-8"
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    failed = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, capture_output=True, text=True, env=env)
    assert failed.returncode == 1
    assert "S103 okänd nyckel 'titel'; menade du 'title'?" in failed.stdout


def test_this_repository_offers_a_valid_pre_commit_hook() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    (hook,) = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("planctl-validate", "planctl validate", "python")
