"""planctl diff: changes between two versions of a plan, in plan terms."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from planctl.cli import app

MINIMAL = Path(__file__).parent / "data" / "valid" / "minimal.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["diff", *args], prog_name="planctl")
    return result.exit_code, result.stdout, result.stderr


def revised(tmp_path: Path) -> Path:
    """The minimal plan as a board might revise it: every kind of change once."""
    plan = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    plan["period"] = {"start": 2025, "end": 2027}
    area = plan["focus_areas"][0]
    measure = area["measures"][0]
    measure["timing"] = {"start": 2025, "end": 2026}
    measure["owners"] = ["SK", "BUF"]
    measure["lead"] = "BUF"
    measure["goals"] = ["Ökad trygghet i skolan", "Färre kränkningar på rasterna"]
    indicator = measure["follow_up"]["indicators"][0]
    indicator["unit"] = "antal"
    indicator["target"] = {"value": 12, "by": "2027"}
    measure["follow_up"]["indicators"].append({"id": "antal-rastvakter", "name": "Antal rastvakter"})
    area["measures"].append(
        {
            "id": "trygga-vagar",
            "title": "Kartlägg otrygga skolvägar.",
            "goals": ["Tryggare skolvägar"],
            "timing": 2026,
            "owners": ["SK"],
            "lead": "SK",
            "addresses": ["vuxna"],
            "follow_up": {"text": "Redovisas för nämnden"},
        }
    )
    plan["organisations"].append({"id": "BUF", "name": "Barn- och utbildningsförvaltningen", "abbreviation": True})
    plan["focus_areas"].append({"id": "natet", "title": "Internet som brottsplats", "track": "annat forum"})
    path = tmp_path / "ny.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_every_kind_of_change_in_plain_words(tmp_path: Path) -> None:
    code, out, err = run(str(MINIMAL), str(revised(tmp_path)))
    assert (code, err) == (0, "")
    assert out == (
        f"Ändringar från {MINIMAL} till {tmp_path / 'ny.yaml'}\n"
        "\n"
        "Planen\n"
        "  ~ Åtgärdsplan 2025–2026 (ändrad)\n"
        "      planperiod: 2025–2026 → 2025–2027\n"
        "  + organisation BUF (Barn- och utbildningsförvaltningen) (tillagd)\n"
        "\n"
        "Fokusområden\n"
        "  + Internet som brottsplats (natet) (tillagd)\n"
        "      0 åtgärder\n"
        "\n"
        "Åtgärder\n"
        "  ~ Inför rastvakter. (rastvakter) (ändrad)\n"
        "      när: 2025 → 2025–2026\n"
        "      ansvarig: SK → BUF\n"
        "      ägare tillagda: BUF\n"
        "      ägare borttagna: Polisen\n"
        "      mål tillagt: Färre kränkningar på rasterna\n"
        "      indikator tillagd: Antal rastvakter\n"
        "      indikator ändrad (Andel elever som känner sig otrygga): enhet: procent → antal; utgångsvärde: 24 % (2024) → 24 (2024); mål: 15 % senast 2026 → 12 senast 2027\n"
        "  + Kartlägg otrygga skolvägar. (trygga-vagar) (tillagd)\n"
        "      i Otrygghet i skolan\n"
        "      när: 2026\n"
        "      ägare: SK, ansvarig SK\n"
        "\n"
        "Åtgärder: 1 tillagd, 0 borttagna, 1 ändrad och 0 avslutade. Ändringar totalt: 5.\n"
    )


def test_removed_measure_and_area_the_other_way(tmp_path: Path) -> None:
    code, out, _ = run(str(revised(tmp_path)), str(MINIMAL))
    assert code == 0
    assert "  - Kartlägg otrygga skolvägar. (trygga-vagar) (borttagen)\n      i Otrygghet i skolan\n" in out
    # deleting a measure breaks its follow-ups' history: the diff says how to end it instead
    assert "      uppföljningar som nämner åtgärden blir fel; avsluta den i stället med ended (datum, hur och varför)\n" in out
    assert "  - Internet som brottsplats (natet) (borttagen)\n" in out
    assert out.endswith("Åtgärder: 0 tillagda, 1 borttagen, 1 ändrad och 0 avslutade. Ändringar totalt: 5.\n")


def test_an_ended_and_an_added_measure_are_said_as_such(tmp_path: Path) -> None:
    """A revision ends a measure (kept in the file) and adds one with the day it was added."""
    plan = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    measure = plan["focus_areas"][0]["measures"][0]
    measure["ended"] = {"date": "2025-10", "how": "ersatt", "replaced_by": "trygga-vagar", "reason": "Rastvakterna ingår nu i skolornas ordinarie arbete."}
    plan["focus_areas"][0]["measures"].append(
        {
            "id": "trygga-vagar",
            "title": "Kartlägg otrygga skolvägar.",
            "goals": ["Tryggare skolvägar"],
            "timing": 2026,
            "owners": ["SK"],
            "added": "2025-10",
            "addresses": ["vuxna"],
            "follow_up": {"text": "Redovisas för nämnden"},
        }
    )
    path = tmp_path / "reviderad.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, _ = run(str(MINIMAL), str(path))
    assert code == 0
    assert (
        "  × Inför rastvakter. (rastvakter) (avslutad)\n"
        "      ersatt oktober 2025, ersatt av trygga-vagar: Rastvakterna ingår nu i skolornas ordinarie arbete.\n"
    ) in out
    assert "  + Kartlägg otrygga skolvägar. (trygga-vagar) (tillagd)\n      i Otrygghet i skolan\n      tillagd i planen oktober 2025\n" in out
    assert out.endswith("Åtgärder: 1 tillagd, 0 borttagna, 0 ändrade och 1 avslutad. Ändringar totalt: 2.\n")


def test_same_plan_has_no_changes() -> None:
    code, out, _ = run(str(MINIMAL), str(MINIMAL))
    assert code == 0
    assert "Inga ändringar i planens innehåll." in out


def test_markdown_format(tmp_path: Path) -> None:
    code, out, _ = run("--format", "md", str(MINIMAL), str(revised(tmp_path)))
    assert code == 0
    assert out.startswith(f"# Ändringar i planen\n\nFrån `{MINIMAL}` till `{tmp_path / 'ny.yaml'}`.\n\n## Planen\n")
    assert "- **Tillagd:** Kartlägg otrygga skolvägar. (trygga-vagar)\n  - i Otrygghet i skolan\n" in out


def test_git_revision_of_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git saknas")
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(MINIMAL, repo / "plans" / "plan.yaml")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "Första versionen"], cwd=repo, check=True)
    shutil.copy(revised(tmp_path), repo / "plans" / "plan.yaml")
    monkeypatch.chdir(repo)
    code, out, err = run("HEAD:plans/plan.yaml", "plans/plan.yaml")
    assert (code, err) == (0, "")
    assert out.startswith("Ändringar från HEAD:plans/plan.yaml till plans/plan.yaml\n")
    assert "Åtgärder: 1 tillagd, 0 borttagna, 1 ändrad och 0 avslutade." in out
    code, _, err = run("HEAD~5:plans/plan.yaml", "plans/plan.yaml")
    assert (code, err) == (2, "planctl: HEAD~5:plans/plan.yaml: revisionen 'HEAD~5' finns inte i git-förrådet\n")
    code, _, err = run("HEAD:plans/saknas.yaml", "plans/plan.yaml")
    assert code == 2
    assert err.startswith("planctl: HEAD:plans/saknas.yaml: kan inte hämtas ur git: fatal: path 'plans/saknas.yaml'")


def _repository(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git saknas; .ci/run installerar det")
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(MINIMAL, repo / "plans" / "x.yaml")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "Första versionen"], cwd=repo, check=True)
    return repo


@pytest.mark.parametrize(
    "revision",
    ["--output=stulen.txt", "--output=stulen.txt HEAD", "-p", "--end-of-options"],
)
def test_a_revision_never_reaches_git_as_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, revision: str
) -> None:
    repo = _repository(tmp_path)
    monkeypatch.chdir(repo)
    code, out, err = run("--", f"{revision}:plans/x.yaml", "plans/x.yaml")
    assert (code, out) == (2, "")
    assert err == f"planctl: {revision}:plans/x.yaml: '{revision}' är ingen git-revision\n"
    assert sorted(p.name for p in repo.iterdir()) == [".git", "plans"]


def test_a_revision_that_is_an_option_after_a_name_is_refused_by_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repository(tmp_path)
    monkeypatch.chdir(repo)
    code, _, err = run("HEAD --output=stulen.txt:plans/x.yaml", "plans/x.yaml")
    assert code == 2
    assert (
        err
        == "planctl: HEAD --output=stulen.txt:plans/x.yaml: revisionen 'HEAD --output=stulen.txt' finns inte i git-förrådet\n"
    )
    assert sorted(p.name for p in repo.iterdir()) == [".git", "plans"]


def test_a_revision_outside_a_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    shutil.copy(MINIMAL, tmp_path / "x.yaml")
    code, out, err = run("HEAD:x.yaml", "x.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("planctl: HEAD:x.yaml: kan inte hämtas ur git: fatal: not a git repository")


def test_a_version_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "stor.yaml"
    big.write_bytes(MINIMAL.read_bytes() + b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    code, out, err = run(str(big), str(MINIMAL))
    assert (code, out, err) == (1, "", f"planctl: {big}: filen är större än 2 MiB; en plan är ett textdokument\n")


def test_a_git_version_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repository(tmp_path)
    (repo / "plans" / "x.yaml").write_bytes(b"a: " + b"x" * (3 * 1024 * 1024) + b"\n")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "commit", "-qam", "Stor"], cwd=repo, check=True)
    monkeypatch.chdir(repo)
    code, out, err = run("HEAD:plans/x.yaml", str(MINIMAL))
    assert (code, out, err) == (
        1,
        "",
        "planctl: HEAD:plans/x.yaml: filen är större än 2 MiB; en plan är ett textdokument\n",
    )


def test_a_missing_file_is_a_usage_error() -> None:
    code, _, err = run("finns-inte.yaml", str(MINIMAL))
    assert (code, err) == (
        2,
        "planctl: finns-inte.yaml: finns inte; ange en fil eller REV:FIL, t.ex. HEAD~1:plans/plan.yaml\n",
    )


def test_a_plan_with_errors_is_not_compared() -> None:
    broken = Path(__file__).parent / "data" / "invalid" / "unknown-key.yaml"
    code, out, err = run(str(broken), str(MINIMAL))
    assert (code, out) == (1, "")
    assert err.endswith(
        "S103 okänd nyckel 'titel'; menade du 'title'?\nplanerna jämförs inte förrän felen är rättade\n"
    )
