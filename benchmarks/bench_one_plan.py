"""Time one plan, the case pre-commit and an analyst's edit-render loop live in.

    python benchmarks/bench_one_plan.py [--runs N]

Times, interleaved in the same run on the shipped Västerås plan:
  * the floor: python with PyYAML and pydantic imported and the file loaded by the C loader;
  * planctl validate PLAN;
  * planctl render PLAN --format html (into a temporary folder).
Prints each time and its ratio to the floor. Targets (issue "One walk per concept"):
validate at most 2.0x the floor, render at most 2.5x.

References between the floor and planctl show what any run of a typer CLI that checks the file
with planctl's pydantic models must pay before it checks anything: importing typer (a fixed
choice; typer 0.29 also builds a pydantic TypeAdapter for each option when it parses the command
line), importing pydantic's model machinery (``import pydantic`` in the floor is lazy and loads
none of it), defining the format's models, and building their validator.

Run it with bytecode written (not under PYTHONDONTWRITEBYTECODE), as an installed planctl is.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence

from common import SHIPPED, time_interleaved

FLOOR = "import yaml, pydantic; yaml.load(open({path!r}, encoding='utf-8').read(), Loader=yaml.CSafeLoader)"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as out:
        commands: dict[str, Sequence[str]] = {
            "floor: python + PyYAML + pydantic, C loader": [sys.executable, "-c", FLOOR.format(path=str(SHIPPED))],
            "floor + import typer": [sys.executable, "-c", "import typer; " + FLOOR.format(path=str(SHIPPED))],
            "floor + pydantic.BaseModel": [
                sys.executable, "-c", "from pydantic import BaseModel; " + FLOOR.format(path=str(SHIPPED))
            ],
            "floor + the format's models defined": [
                sys.executable, "-c", "import planctl.model; " + FLOOR.format(path=str(SHIPPED))
            ],
            "floor + the format's models built": [
                sys.executable, "-c", "import planctl.model; planctl.model.Plan.model_rebuild(); " + FLOOR.format(path=str(SHIPPED))
            ],
            "planctl validate PLAN": [sys.executable, "-m", "planctl", "validate", str(SHIPPED)],
            "planctl render PLAN --format html": [
                sys.executable, "-m", "planctl", "render", str(SHIPPED), "--format", "html", "--out", out
            ],
        }  # fmt: skip
        best = time_interleaved(commands, args.runs)
    floor = best[next(iter(commands))]
    for name, seconds in best.items():
        print(f"{name:<48} {seconds * 1000:6.0f} ms  {seconds / floor:4.2f} x golvet")


if __name__ == "__main__":
    main(sys.argv[1:])
