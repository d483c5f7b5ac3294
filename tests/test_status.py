"""planctl status: the follow-up picture in the terminal."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from planctl.cli import app

DATA = Path(__file__).parent / "data"


def status(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["status", *args], prog_name="planctl")
    return result.exit_code, result.stdout


def test_status_shows_lights_next_due_and_indicators_off_target() -> None:
    code, out = status("--today", "2026-01-15", str(DATA / "valid" / "followed-up.yaml"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Exempelstad: Åtgärdsplan 2025–2026 (2025–2026)"
    assert lines[1] == "EXEMPELDATA: uppföljningens siffror är påhittade."
    assert lines[3] == "Nästa uppföljning ska göras senast 2027-12-12 (6 §)."
    assert "● genomförd (grön)" in out
    assert "Grön 1, gul 0, röd 0, utan status 0 av 1 åtgärder." in lines
    assert "Andel elever som känner sig otrygga" in out and "målet ännu inte nått" in out


def test_status_flags_overdue_and_due_soon_follow_up() -> None:
    overdue = status("--today", "2028-01-01", str(DATA / "valid" / "followed-up.yaml"))
    soon = status("--today", "2027-11-01", str(DATA / "valid" / "followed-up.yaml"))
    assert "Uppföljningen är försenad: den skulle ha gjorts senast 2027-12-12 (6 §)." in overdue[1]
    assert "Nästa uppföljning ska göras inom 41 dagar, senast 2027-12-12 (6 §)." in soon[1]
    assert (overdue[0], soon[0]) == (1, 0)


def test_status_of_a_plan_with_errors_lists_them_and_exits_1() -> None:
    code, out = status("--today", "2026-01-15", str(DATA / "invalid" / "followup-references.yaml"))
    assert code == 1
    assert out.splitlines()[0] == f"{DATA / 'invalid' / 'followup-references.yaml'}: planen har fel och visas inte"
    assert "U501 åtgärden 'rastvakt' finns inte i planen" in out


def test_status_of_a_handlingsplan_names_its_own_rhythm() -> None:
    plan = Path(__file__).parent.parent / "plans" / "vasteras-familjecentrum-handlingsplan-2022-2027.yaml"
    code, out = status("--today", "2026-11-23", str(plan))
    assert code == 0
    assert (
        "Handlingsplan: följs upp enligt egen plan (i vardagen; årligen; vid årlig brukarenkät; "
        "vid fördjupad uppföljning 2023 och 2026), inte enligt 6 §." in " ".join(out.split())
    )
    assert "(6 §)." not in out
