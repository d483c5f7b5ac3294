"""Time rendering many small plans against validating them, as a county does for its kommuner.

    python benchmarks/bench_render_many.py [--plans N] [--runs N]

Builds N copies (default 300) of the corpus's minimal plan in benchmarks/corpus-minimal/ and
times `planctl validate` and `planctl render --format html` over them in the same run. Target
(issue "One walk per concept"): rendering takes about as long as validating plus writing the
files, since the templates are compiled once per run, not once per plan.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence

from common import HERE, ROOT, time_interleaved

MINIMAL = ROOT / "tests" / "data" / "valid" / "minimal.yaml"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    folder = HERE / "corpus-minimal"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    text = MINIMAL.read_text(encoding="utf-8")
    for number in range(args.plans):
        (folder / f"plan-{number:04}.yaml").write_text(
            text.replace("id: exempelstad-2025", f"id: stad-{number}"), encoding="utf-8"
        )
    planctl = [sys.executable, "-m", "planctl"]
    commands: dict[str, Sequence[str]] = {
        f"planctl validate ({args.plans} plans)": [*planctl, "validate", "--today", "2026-01-15", str(folder)],
        f"planctl render ({args.plans} HTML documents)": [
            *planctl, "-q", "render", "--today", "2026-01-15", str(folder), "--out", str(HERE / "corpus-minimal-build")
        ],
    }  # fmt: skip
    best = time_interleaved(commands, args.runs)
    for name, seconds in best.items():
        print(f"{name:<40} {seconds:6.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
