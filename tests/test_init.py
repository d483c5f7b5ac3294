"""planctl init and planctl in other people's CI (pre-commit, workflow, Pages)."""

from __future__ import annotations

import os
import re
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
TEMPLATE = "mallar/uppfoljning/uppfoljning.yaml"
WORKFLOW = ".github/workflows/planctl.yml"
MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"

#: The only actions the workflow may use, each at the commit its release tag points to, as read
#: from the action's own repository (research, tools.md item 2).
PINNED = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), prog_name="planctl")
    return result.exit_code, result.stdout, result.stderr


def tool(name: str) -> str:
    """An outside program from the test extra: in this interpreter's environment, else on PATH.
    Missing, it skips the test, except in CI, where it fails."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} saknas i CI; det ingår i test-tillägget")
        pytest.skip(f"{name} saknas: pip install -e '.[test]'")
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    code, out, _ = cli("init", str(tmp_path / "planer"), "--kommun", "Upplands Väsby", "--start", "2027")
    assert code == 0
    assert f"skrev {tmp_path / 'planer' / PLAN}" in out.splitlines()
    return tmp_path / "planer"


def test_init_writes_a_repository_that_validates_as_it_stands(repo: Path) -> None:
    assert sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file()) == [
        ".github/dependabot.yml",
        WORKFLOW,
        ".gitignore",
        ".pre-commit-config.yaml",
        "README.md",
        TEMPLATE,
        PLAN,
        "requirements.txt",
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


def copy_template_beside_the_plan(repo: Path) -> Path:
    target = repo / "plans" / "upplands-vasby-atgardsplan-2027-2028" / "uppfoljning-2027-12.yaml"
    target.parent.mkdir()
    shutil.copy(repo / TEMPLATE, target)
    return target


def test_every_modeline_resolves_where_the_file_is_and_where_it_is_copied(repo: Path) -> None:
    copy_template_beside_the_plan(repo)
    seen = {}
    for path in sorted(repo.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found = MODELINE.findall(text)
        if "kind:" not in text:
            assert found == [], path
            continue
        (target,) = found
        assert text.startswith(f"# yaml-language-server: $schema={target}\n"), path
        schema = (path.parent / target).resolve()
        assert schema.is_file() and schema.is_relative_to(repo.resolve()), f"{path}: {target}"
        seen[str(path.relative_to(repo))] = str(schema.relative_to(repo.resolve()))
    assert seen == {
        TEMPLATE: "schema/followup.schema.json",
        PLAN: "schema/plan.schema.json",
        "plans/upplands-vasby-atgardsplan-2027-2028/uppfoljning-2027-12.yaml": "schema/followup.schema.json",
    }
    assert "stämmer både här" in (repo / TEMPLATE).read_text(encoding="utf-8")


def test_follow_up_template_validates_once_copied_beside_the_plan(repo: Path) -> None:
    copy_template_beside_the_plan(repo)
    code, out, _ = cli("validate", "--strict", "--today", "2028-01-10", str(repo / "plans"))
    assert out.splitlines() == [
        f"{repo / PLAN}:19:3: warning L303 planen anger inget beslutsdatum (decision.date); uppföljningskravet i 6 § räknas från beslutet",
        f"{repo / PLAN}:75:15: warning G413 indikatorn 'Andel elever som känner sig otrygga på skolgården' saknar utgångsvärde och mål",
        "2 filer granskade: 0 fel, 2 varningar, 0 tystade",
    ]
    assert code == 1


def test_init_never_overwrites(repo: Path) -> None:
    before = (repo / PLAN).read_text(encoding="utf-8")
    code, _, err = cli("init", str(repo), "--kommun", "Upplands Väsby", "--start", "2027")
    assert code == 2
    assert err.startswith("planctl: skriver inte över befintliga filer: ")
    assert (repo / PLAN).read_text(encoding="utf-8") == before


# --- the workflow -----------------------------------------------------------------------------


def load_workflow(repo: Path) -> dict[object, object]:
    loaded = yaml.safe_load((repo / WORKFLOW).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_workflow_installs_a_pinned_planctl_with_a_pip_cache(repo: Path) -> None:
    assert (repo / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == "planctl-se==0.2.0"
    steps = load_workflow(repo)["jobs"]["granska"]["steps"]  # type: ignore[index]
    assert steps[1]["with"] == {
        "python-version": "3.12",
        "cache": "pip",
        "cache-dependency-path": "requirements.txt",
    }
    assert steps[2] == {
        "name": "Installera planctl (planctl-se==0.2.0)",
        "run": "python -m pip install -r requirements.txt",
    }


def test_workflow_pins_every_action_to_a_known_commit(repo: Path) -> None:
    text = (repo / WORKFLOW).read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:- )?uses: (\S+)(.*)$", text, re.MULTILINE)
    assert [action.split("@")[0] for action, _ in uses] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    for action, comment in uses:
        name, sha = action.split("@")
        assert (sha, comment) == (PINNED[name][0], f" # {PINNED[name][1]}")


def test_workflow_grants_pages_only_to_the_deploy_job_and_never_on_pull_requests(repo: Path) -> None:
    workflow = load_workflow(repo)
    assert workflow[True] == {"push": None, "pull_request": None}  # YAML 1.1 reads the key on as true
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict) and set(jobs) == {"granska", "publicera"}
    assert "permissions" not in jobs["granska"]
    deploy = jobs["publicera"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == MAIN_PUSH and deploy["needs"] == "granska"
    assert deploy["environment"]["name"] == "github-pages"
    upload = [step for step in jobs["granska"]["steps"] if "upload-pages-artifact" in step.get("uses", "")]
    assert [(step["if"], step["with"]) for step in upload] == [(MAIN_PUSH, {"path": "build"})]


def test_workflow_summarises_annotates_renders_and_builds_the_start_page(repo: Path) -> None:
    runs = [step.get("run") for step in load_workflow(repo)["jobs"]["granska"]["steps"]]  # type: ignore[index]
    assert runs[3:6] == [
        'planctl validate plans/ --format markdown >> "$GITHUB_STEP_SUMMARY" || test $? -eq 1',
        "planctl validate plans/ --format github",
        "planctl render plans/ --format html --out build\n"
        "planctl report plans/ --format html --out build\n"
        "planctl overview plans/ --format html --out build\n"
        "planctl index build\n",
    ]


def test_workflow_and_dependabot_config_follow_their_schemas(repo: Path) -> None:
    check = tool("check-jsonschema")
    for schema, path in (("vendor.github-workflows", WORKFLOW), ("vendor.dependabot", ".github/dependabot.yml")):
        done = subprocess.run([check, "--builtin-schema", schema, str(repo / path)], capture_output=True, text=True)
        assert (done.returncode, done.stdout.strip()) == (0, "ok -- validation done"), done.stdout + done.stderr


def test_actionlint_finds_nothing_in_the_workflow(repo: Path) -> None:
    actionlint = tool("actionlint")
    done = subprocess.run([actionlint, "-no-color", str(repo / WORKFLOW)], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    # and it would find something: a misspelt property in a condition
    broken = repo / ".github" / "workflows" / "trasig.yml"
    broken.write_text(
        (repo / WORKFLOW).read_text(encoding="utf-8").replace("github.event_name", "github.event_nam"), encoding="utf-8"
    )
    done = subprocess.run([actionlint, "-no-color", str(broken)], capture_output=True, text=True)
    assert done.returncode == 1 and 'property "event_nam" is not defined' in done.stdout, done.stdout


def test_readme_says_how_to_switch_pages_to_github_actions(repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "**Settings → Pages**" in readme
    assert "välj **Source: GitHub Actions**" in readme
    assert "planctl-se==0.2.0" in readme and "pip install -r requirements.txt" in readme


# --- pre-commit -------------------------------------------------------------------------------


def hook_repository(tmp_path: Path) -> tuple[Path, str]:
    """This working tree as a git repository of its own, committed: what pre-commit clones and
    installs as the hook repository, so the test runs the hook as the working tree has it."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    copy = tmp_path / "planctl-hook"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    env = git_env(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=copy, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "planctl"], cwd=copy, check=True, env=env)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=copy, capture_output=True, text=True, check=True, env=env)
    return copy, sha.stdout.strip()


def git_env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }


def test_pre_commit_config_uses_planctls_own_hook(repo: Path) -> None:
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config == {
        "repos": [
            {"repo": "https://github.com/planctl-se/planctl", "rev": "v0.2.0", "hooks": [{"id": "planctl-validate"}]}
        ]
    }


def test_pre_commit_config_works_against_the_new_repository(repo: Path, tmp_path: Path) -> None:
    """The generated configuration, run for real: pre-commit clones the hook repository, installs
    planctl from it into its own environment (language: python) and runs the hook."""
    pre_commit = tool("pre-commit")
    hooks, sha = hook_repository(tmp_path)
    config = repo / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("repo: https://github.com/planctl-se/planctl", f"repo: {hooks}").replace(
            "rev: v0.2.0", f"rev: {sha}"
        ),
        encoding="utf-8",
    )
    env = git_env(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    passed = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, capture_output=True, text=True, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^planctl validate\.+Passed$", passed.stdout, re.MULTILINE), passed.stdout
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
    assert (hook["id"], hook["entry"], hook["language"], hook["files"], hook["pass_filenames"]) == (
        "planctl-validate",
        "planctl validate",
        "python",
        r"^plans/.*\.ya?ml$",
        True,
    )


def test_readme_code_scanning_example_is_a_valid_workflow_job(tmp_path: Path) -> None:
    """The README's upload-sarif example, as the steps of a job, passes both workflow checkers."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**GitHub code scanning.**") :]
    example = section[section.index("```yaml\n") + len("```yaml\n") : section.index("\n```\n")]
    assert "github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e # v4.36.2" in example
    job = "\n".join(f"    {line}" if line else "" for line in example.splitlines())
    workflow = tmp_path / ".github" / "workflows" / "kodskanning.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        f"name: kodskanning\non: push\njobs:\n  sarif:\n    runs-on: ubuntu-latest\n{job}\n", encoding="utf-8"
    )
    check = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    lint = subprocess.run([tool("actionlint"), "-no-color", str(workflow)], capture_output=True, text=True)
    assert (lint.returncode, lint.stdout) == (0, "")
