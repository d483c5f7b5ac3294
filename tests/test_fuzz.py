"""Fuzzing in the suite: mutated copies of the shipped plans and follow-ups never crash planctl.

Each example damages a real file the way people and tools do — a key deleted, a value of the
wrong type, an odd scalar (an impossible date, year 9999, digits of another script, 1e999,
.nan, no, 76,2, a huge string, control, right-to-left and zero-width characters), a tab, a
line cut or repeated, a stray anchor — and runs ``planctl validate`` on the plan with its
follow-ups, then ``render`` and ``status`` where the plan has no errors. Every run must end in
exit 0 or 1 (never 3, "internt fel"), every finding must name its file and a place inside it,
and no file may take more than 10 s.

CI tries ``--fuzz-examples`` (60) mutations of each file; ``pytest tests/test_fuzz.py
--fuzz-examples 2000`` runs a larger campaign.
"""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from planctl.cli import app

ROOT = Path(__file__).parent.parent
PLANS = ROOT / "plans"
VASTERAS = PLANS / "vasteras-atgardsplan-2025-2026.yaml"
#: (plan, the file of it that is mutated): each plan itself, and each follow-up beside its plan
TARGETS = [
    *((plan, plan) for plan in sorted(PLANS.glob("*.yaml"))),
    *((VASTERAS, follow_up) for follow_up in sorted((PLANS / VASTERAS.stem).glob("*.yaml"))),
]

ODD_SCALARS = [
    '"2024-02-30"',
    "2024-02-30",
    "9999-01-01",
    '"0000"',
    '"٢٠٢٤-11-20"',
    "1e999",
    "-1e999",
    ".nan",
    ".inf",
    "no",
    "yes",
    "~",
    "76,2",
    '"76,2"',
    "{value: 76,2}",
    "12:30",
    "0x7E9",
    "1.10",
    "[]",
    "{}",
    "''",
    '"' + "x" * 100_000 + '"',
    '"\\e]0;titel\\a\\e[2J"',
    '"rad\\nbrytning"',
    '"\u202ehögertillvänster\u202c"',
    '"noll\u200bbredd"',
    '"\u2028"',
    "&ankare värde",
    "*saknat",
    "!!python/object:os.system",
    "- lista",
    "2024-06-15 12:00:00",
    "-5",
    "3000",
    "true",
]

KEY_VALUE = re.compile(r"^(\s*-?\s*[\w\-åäöÅÄÖ]+:\s)(.+)$")


def mutate(text: str, data: st.DataObject) -> str:
    """One to three damages to ``text``, each at a line hypothesis picks."""
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3), label="antal")):
        number = data.draw(st.integers(0, len(lines) - 1), label="rad")
        line = lines[number]
        kind = data.draw(
            st.sampled_from(["scalar", "delete", "duplicate", "cut", "tab", "char", "anchor", "key", "indent"]),
            label="skada",
        )
        match = KEY_VALUE.match(line)
        if kind == "scalar" and match:
            lines[number] = match.group(1) + data.draw(st.sampled_from(ODD_SCALARS), label="värde")
        elif kind == "delete":
            del lines[number]
            if not lines:
                lines = [""]
        elif kind == "duplicate":
            lines.insert(number, line)
        elif kind == "cut":
            lines[number] = line[: data.draw(st.integers(0, len(line)), label="klipp")]
        elif kind == "tab":
            lines[number] = "\t" + line
        elif kind == "char":
            char = data.draw(st.sampled_from(["\x01", "\x1b", "\u202e", "\u200b", "\u2028", "\ufeff", "\x85", "😀"]))
            at = data.draw(st.integers(0, len(line)), label="plats")
            lines[number] = line[:at] + char + line[at:]
        elif kind == "anchor" and match:
            lines[number] = (
                match.group(1) + data.draw(st.sampled_from(["&a ", "*a", "&a *a", "<<: *a"])) + match.group(2)
            )
        elif kind == "key" and match:
            lines[number] = line.replace(
                match.group(1).strip(" -:"),
                data.draw(st.sampled_from(["goal", "cause", "yes", "~", "ÅÄÖ", "id", "kind"])),
                1,
            )
        elif kind == "indent":
            lines[number] = "  " + line
    return "\n".join(lines)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), prog_name="planctl")
    return result.exit_code, result.stdout, result.stderr


#: pydantic's and PyYAML's English, which must never reach a Swedish reader on its own
ENGLISH = re.compile(
    r"Input should|Field required|Extra inputs|should be a valid|Keys should be|Value error|validation error"
)


def check_places(output: str, files: dict[str, str | None]) -> None:
    """Each finding names a file of this run and a line and column inside that file, in Swedish."""
    for line in output.splitlines():
        assert ENGLISH.search(line) is None, line
        found = re.match(r"^(.*?):(\d+):(\d+): (error|warning|info|silenced) [A-Z]\d{3} ", line)
        if found is None:
            whole = re.match(r"^(.*?): (error|warning|info|silenced) [A-Z]\d{3} ", line)
            if whole is not None:
                assert whole.group(1) in files, line
                assert files[whole.group(1)] is None or " F001 " in line, f"a file with lines got no line: {line}"
            continue
        name, row, column = found.group(1), int(found.group(2)), int(found.group(3))
        assert name in files, line
        text = files[name]
        if text is None:
            continue
        lines = re.split(r"\r\n|\n|\r", text)
        assert 1 <= row <= len(lines), f"line {row} of {len(lines)}: {line}"
        assert 1 <= column <= len(lines[row - 1]) + 1, f"column {column} of {len(lines[row - 1])}: {line}"


@pytest.mark.parametrize(("plan", "target"), TARGETS, ids=lambda p: p.name)
def test_mutated_files_end_in_findings_never_in_a_crash(
    plan: Path, target: Path, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    examples = int(request.config.getoption("--fuzz-examples"))

    @settings(
        max_examples=examples,
        deadline=timedelta(seconds=10),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        derandomize=True,
        database=None,
    )
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        folder = tmp_path_factory.mktemp("fuzz")
        shutil.copy(plan, folder / plan.name)
        if (plan.parent / plan.stem).is_dir():
            shutil.copytree(plan.parent / plan.stem, folder / plan.stem)
        mutated = folder / target.relative_to(plan.parent)
        mutated.write_text(mutate(target.read_text(encoding="utf-8"), data), encoding="utf-8")
        files: dict[str, str | None] = {}
        for path in folder.rglob("*.yaml"):
            try:
                files[str(path)] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                files[str(path)] = None
        code, out, err = run("validate", "--today", "2026-11-30", str(folder / plan.name))
        assert code in (0, 1), (code, err)
        assert err == ""
        check_places(out, files)
        if code == 0 or "error" not in out.split("\n")[-2]:
            for command in (
                ("render", "--format", "md", "--out", str(folder.parent / f"{folder.name}-ut")),
                ("status",),
            ):
                code, _, err = run(command[0], "--today", "2026-11-30", *command[1:], str(folder / plan.name))
                assert code in (0, 1), (command[0], code, err)

    one()
