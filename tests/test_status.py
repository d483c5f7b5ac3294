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
    # the plan promises a yearly follow-up, which comes before the law's two years
    assert lines[3] == "Nästa uppföljning ska göras senast 2026-12-12 (enligt planen: årligen)."
    assert "● genomförd (grön)" in out
    assert "Grön 1, gul 0, röd 0, utan status 0 av 1 åtgärd." in lines
    # its one indicator goes the right way and its target's year has not passed: not off track
    assert "Indikatorer som går åt fel håll" not in out


def test_status_lists_only_the_indicators_that_are_off_track() -> None:
    plan = Path(__file__).parent.parent / "plans" / "vasteras-atgardsplan-2025-2026.yaml"
    code, out = status("--today", "2026-11-23", str(plan))
    assert code == 0
    listed = out.split("Indikatorer som går åt fel håll eller inte nått sitt mål i tid", 1)[1]
    assert listed.count("i fel riktning") == 3
    assert "i önskad riktning" not in listed


def test_status_flags_overdue_and_due_soon_follow_up() -> None:
    path = str(DATA / "valid" / "followed-up.yaml")
    overdue = status("--today", "2028-01-01", path)
    promise_passed = status("--today", "2027-11-01", path)
    soon = status("--today", "2026-11-01", path)
    assert "Uppföljningen är försenad: enligt 6 § skulle den ha gjorts senast 2027-12-12." in overdue[1]
    assert (
        "Uppföljningen är försenad mot planens eget löfte (årligen): den skulle ha gjorts senast 2026-12-12. "
        "Lagens yttersta datum är 2027-12-12." in promise_passed[1]
    )
    assert "Nästa uppföljning ska göras inom 41 dagar, senast 2026-12-12 (enligt planen: årligen)." in soon[1]
    # only the law's date fails a scheduled job, on the day validate's U506 does
    assert (overdue[0], promise_passed[0], soon[0]) == (1, 0, 0)


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
