"""planctl preview: a real server on a free port, a plan edited while it runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "valid"

pytest.importorskip("watchfiles", reason="förhandsvisningen behöver watchfiles (test-tillägget)")


def get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    plan = tmp_path / "plans" / "followed-up.yaml"
    plan.parent.mkdir()
    shutil.copy(DATA / "followed-up.yaml", plan)
    shutil.copytree(DATA / "followed-up", tmp_path / "plans" / "followed-up")
    process = subprocess.Popen(
        [sys.executable, "-m", "planctl", "preview", str(plan), "--port", "0", "--today", "2026-01-15"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("Förhandsvisning på http://127.0.0.1:"), line + (process.stderr.read() if process.stderr else "")
        yield line.split()[2], plan
    finally:
        process.terminate()
        process.communicate(timeout=10)  # waits, and closes the pipes


def wait_for_change(base: str, before: str) -> None:
    for _ in range(100):
        if get(base + "_andringar")[1] != before:
            return
        time.sleep(0.1)
    pytest.fail("förhandsvisningen märkte inte att filen ändrades")


def test_the_plan_and_report_are_served_and_follow_an_edit(served: tuple[str, Path]) -> None:
    base, plan = served
    status, start = get(base)
    assert status == 200 and 'href="/plan.html"' in start and 'href="/uppfoljning.html"' in start
    status, page = get(base + "plan.html")
    assert status == 200 and "<h1>Åtgärdsplan 2025–2026</h1>" in page and "/_andringar" in page
    status, report = get(base + "uppfoljning.html")
    assert status == 200 and "uppföljning</h1>" in report
    before = get(base + "_andringar")[1]
    plan.write_text(plan.read_text(encoding="utf-8").replace("title: Åtgärdsplan 2025–2026", "title: Reviderad plan"), encoding="utf-8")
    wait_for_change(base, before)
    assert "<h1>Reviderad plan</h1>" in get(base + "plan.html")[1]


def test_a_file_with_errors_shows_its_findings_not_a_stale_page(served: tuple[str, Path]) -> None:
    base, plan = served
    before = get(base + "_andringar")[1]
    plan.write_text("title: [trasig\n", encoding="utf-8")
    wait_for_change(base, before)
    status, page = get(base + "plan.html")
    assert status == 200 and "followed-up.yaml har fel" in page and "F004" in page
    assert "Åtgärdsplan 2025–2026" not in page


def test_only_loopback_names_are_answered(served: tuple[str, Path]) -> None:
    base, _ = served
    status, _ = get(base, host="planctl.example")
    assert status == 403
    assert get(base + "saknas.html")[0] == 404
