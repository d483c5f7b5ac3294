"""The distribution: its name, version, packages and licence."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from planctl import __version__
from planctl.project import DISTRIBUTION, REPOSITORY, RULES_URI, TAG, pinned_requirement

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_distribution_name_and_version_agree_with_the_package() -> None:
    project = PYPROJECT["project"]
    assert (project["name"], project["version"]) == (DISTRIBUTION, __version__) == ("planctl-se", "0.2.0")
    assert project["scripts"] == {"planctl": "planctl.cli:main"}
    assert TAG == "v0.2.0"
    assert pinned_requirement() == "planctl-se==0.2.0"
    assert pinned_requirement("pdf") == "planctl-se[pdf]==0.2.0"


def test_project_urls_point_at_the_repository() -> None:
    urls = PYPROJECT["project"]["urls"]
    assert urls["Homepage"] == urls["Repository"] == REPOSITORY == "https://github.com/planctl-se/planctl"
    assert urls["Documentation"].startswith(REPOSITORY)
    assert RULES_URI == "https://github.com/planctl-se/planctl/blob/v0.2.0/README.md#rules"


def test_rules_anchor_is_a_heading_of_the_readme() -> None:
    # GitHub makes the anchor #rules from the heading "## Rules"
    assert "\n## Rules\n" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_package_folder_is_in_the_distribution() -> None:
    folders = sorted(
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src" / "planctl").rglob("__init__.py")
    )
    assert sorted(PYPROJECT["tool"]["setuptools"]["packages"]) == [*folders, "planctl.templates"]


def test_licence_is_mit_with_the_projects_name() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["license"] == {"text": "MIT"}
    assert text.startswith("MIT License\n\nCopyright (c) 2026 planctl-projektet\n")


def test_changelog_has_this_release() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## [{__version__}] - " in text
    assert f"[{__version__}]: {REPOSITORY}/releases/tag/{TAG}" in text


def test_no_install_line_names_the_unrelated_pypi_project() -> None:
    """``pip install planctl`` installs someone else's tool; every install line says planctl-se."""
    texts = [ROOT / "README.md", *sorted((ROOT / "src").rglob("*.py"))]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for needle in ("pip install planctl ", "pip install planctl\n", "pip install 'planctl[", "install planctl=="):
            assert needle not in text, f"{path}: {needle!r}"


def test_wheel_holds_every_module(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name == f"planctl_se-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {str(p.relative_to(ROOT / "src")) for p in (ROOT / "src" / "planctl").rglob("*.py")}
    assert sources <= names
    assert {"planctl/py.typed", "planctl/templates/plan.html.j2"} <= names
    assert any(name.endswith(".dist-info/licenses/LICENSE") or name.endswith(".dist-info/LICENSE") for name in names)


def test_no_module_under_src_is_over_450_lines() -> None:
    """Each module has one role its name says; one that grows past 450 lines holds two."""
    long = {
        str(path.relative_to(ROOT)): count
        for path in sorted((ROOT / "src" / "planctl").rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert long == {}
