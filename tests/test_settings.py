"""A plan repository's settings (planctl.toml, [tool.planctl]) and the options every command shares."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli import app

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "valid" / "minimal.yaml"
SILENCE_EXPIRED = DATA / "invalid" / "silence-expired.yaml"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), prog_name="planctl", env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # the search for settings stops at the repository's root
    (tmp_path / "planer").mkdir()
    shutil.copy(MINIMAL, tmp_path / "planer" / "plan.yaml")
    shutil.copy(SILENCE_EXPIRED, tmp_path / "planer" / "tystad.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_without_settings_the_defaults_hold(repo: Path) -> None:
    code, _, err = run("validate", "--today", "2026-01-15")
    assert (code, err) == (2, "planctl: plans: finns inte\n")


def test_planctl_toml_sets_paths_strict_ignore_layout_and_out(repo: Path) -> None:
    (repo / "planctl.toml").write_text(
        'paths = ["planer"]\nstrict = true\nignore = ["G412"]\nlayout = "brå"\nout = "ut"\n', encoding="utf-8"
    )
    code, out, _ = run("validate", "--today", "2026-01-15")
    assert "G412" not in out  # switched off for this repository
    assert "warning G409" in out and code == 1  # strict: the expired silence's warnings fail
    code, out, _ = run("render", "--today", "2026-01-15", "planer/plan.yaml")
    assert code == 0 and out == f"skrev {Path('ut') / 'plan.html'}\n"
    html = (repo / "ut" / "plan.html").read_text(encoding="utf-8")
    assert '<th scope="col">Orsak</th>' in html and "Operativa mål" in html  # Brå's layout
    code, out, _ = run("render", "--today", "2026-01-15", "--out", "annat", "planer/plan.yaml")
    assert out == f"skrev {Path('annat') / 'plan.html'}\n"  # the command line wins


def test_pyproject_tool_planctl_is_read_and_shown_with_debug(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.planctl]\npaths = ["planer"]\n', encoding="utf-8")
    _, out, err = run("--debug", "validate", "--today", "2026-01-15")
    assert "2 filer granskade" in out
    assert f"planctl: inställningar från {repo / 'pyproject.toml'}: paths = ['planer']" in err


def test_settings_are_found_from_a_subfolder_but_not_beyond_the_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "planctl.toml").write_text('paths = ["planer"]\n', encoding="utf-8")
    monkeypatch.chdir(repo / "planer")
    _, out, _ = run("validate", "--today", "2026-01-15")
    assert "2 filer granskade" in out


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("pahts = []\n", "okänd inställning 'pahts'"),
        ('layout = "göteborg"\n', "layout ska vara 'västerås' eller 'brå'"),
        ('strict = "ja"\n', "strict ska vara true eller false"),
        ('ignore = ["L305"]\n', "L305 kan inte stängas av"),
        ('ignore = ["X9"]\n', "ingen regel heter eller börjar med 'X9'"),
        ("paths = [\n", "är inte giltig TOML"),
    ],
)
def test_a_broken_settings_file_is_a_usage_error_that_names_it(repo: Path, text: str, words: str) -> None:
    (repo / "planctl.toml").write_text(text, encoding="utf-8")
    code, _, err = run("validate", "--today", "2026-01-15", "planer")
    assert code == 2
    assert err.startswith(f"planctl: {repo / 'planctl.toml'}: ") and words in err


def test_quiet_keeps_errors_and_the_summary_only(repo: Path) -> None:
    _, out, _ = run("--quiet", "validate", "--today", "2026-01-15", "planer")
    assert out.splitlines() == ["2 filer granskade: 0 fel, 3 varningar, 0 tystade"]
    code, out, _ = run("-q", "render", "--today", "2026-01-15", "--out", "ut", "planer/plan.yaml")
    assert (code, out) == (0, "")
    assert (repo / "ut" / "plan.html").is_file()


def test_color_follows_the_option_and_no_color(repo: Path) -> None:
    escape = "\x1b["
    assert escape in run("--color", "always", "validate", "--today", "2026-01-15", "planer")[1]
    assert escape not in run("--color", "never", "validate", "--today", "2026-01-15", "planer")[1]
    assert escape not in run("validate", "--today", "2026-01-15", "planer")[1]  # not a terminal
    assert escape in run("--color", "always", "status", "--today", "2026-01-15", "planer/plan.yaml")[1]
    assert escape not in run("status", "--today", "2026-01-15", "planer/plan.yaml", env={"NO_COLOR": "1"})[1]


def test_shell_completion_works_in_a_real_bash(tmp_path: Path) -> None:
    """planctl completion bash, sourced in bash, completes commands and options."""
    import os
    import subprocess
    import sys

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash saknas")
    planctl = Path(sys.executable).parent / "planctl"
    if not planctl.exists():
        pytest.skip("planctl är inte installerat som kommando i denna miljö")
    script = (
        f'eval "$({planctl} completion bash)"\n'
        "COMP_WORDS=(planctl val); COMP_CWORD=1; _planctl_completion planctl; echo \"${COMPREPLY[@]}\"\n"
        "COMP_WORDS=(planctl validate --st); COMP_CWORD=2; _planctl_completion planctl; echo \"${COMPREPLY[@]}\"\n"
    )
    done = subprocess.run(
        [bash, "--norc", "-c", script.replace("_planctl_completion planctl", f"_planctl_completion {planctl}")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": f"{planctl.parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    assert done.stdout.splitlines() == ["validate", "--strict"], done.stderr


def test_the_command_line_as_a_shell_runs_it(repo: Path) -> None:
    """Through ``python -m planctl`` (main(), which builds only the command being run): global
    options before the command, errors and help in Swedish, a typo answered with the command meant."""
    import subprocess
    import sys

    def shell(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "planctl", *args], capture_output=True, text=True, check=False)

    done = shell("-q", "--color", "never", "validate", "--today", "2026-01-15", "planer")
    assert (done.returncode, done.stdout) == (0, "2 filer granskade: 0 fel, 3 varningar, 0 tystade\n")
    done = shell("validate", "--okänd")
    assert done.returncode == 2 and "Okänt alternativ: --okänd" in done.stderr
    done = shell("valdate")
    assert done.returncode == 2 and "Menade du 'validate'?" in done.stderr
    done = shell("validate", "--help")
    assert done.returncode == 0 and "Granska planfiler" in done.stdout
    done = shell("--help")
    assert done.returncode == 0 and "preview" in done.stdout and "collect" in done.stdout


def test_select_keeps_only_the_guidance_rules_named_and_always_the_law(repo: Path) -> None:
    (repo / "planctl.toml").write_text('paths = ["planer"]\nselect = ["G409"]\n', encoding="utf-8")
    _, out, _ = run("validate", "--today", "2026-07-01")
    assert "warning G409" in out and "G412" not in out
    assert "warning G411" in out  # about the plan's own silence: not a rule one can leave out
    (repo / "planctl.toml").write_text('paths = ["planer"]\nselect = ["Q"]\n', encoding="utf-8")
    code, _, err = run("validate", "--today", "2026-07-01")
    assert code == 2 and "select: ingen regel heter eller börjar med 'Q'" in err
