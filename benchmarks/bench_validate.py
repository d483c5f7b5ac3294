"""Time `planctl validate` on 290 plans beside check-jsonschema and a bare-loading floor.

    python benchmarks/bench_validate.py [--runs N] [--skip-jsonschema]

Builds benchmarks/corpus/ (one plan per Swedish municipality, from the shipped plan), then
times, on the same files in the same run:
  * planctl validate (all cores, as a user runs it);
  * planctl render of every plan (issue 9: about as long as validating them plus writing the files);
  * check-jsonschema with planctl's own exported schema (pip install '.[bench]');
  * the floor: a bare script that only loads the files with PyYAML's C loader on two processes.
Prints the times and the ratios. Targets (issue 2): at most 1/15 of check-jsonschema's time,
within 1.5x of the floor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from common import HERE, ROOT, build_corpus, time_command, time_interleaved

#: A fixed day: the corpus's lägesbild is then within its 24 months, and every run finds the same.
TODAY = ("--today", "2026-01-15")

FLOOR = """
import sys
from concurrent.futures import ProcessPoolExecutor
import yaml

def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.{function}(handle.read(), Loader=yaml.CSafeLoader) is not None

if __name__ == "__main__":
    paths = sys.argv[1:]
    with ProcessPoolExecutor(2) as pool:
        assert all(pool.map(load, paths, chunksize=max(1, len(paths) // 8)))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-jsonschema", action="store_true")
    args = parser.parse_args()

    paths = build_corpus(HERE / "corpus")
    files = [str(p) for p in paths]
    size = sum(p.stat().st_size for p in paths)
    bindir = Path(sys.executable).parent
    planctl = shutil.which("planctl", path=str(bindir)) or "planctl"
    print(
        f"corpus: {len(paths)} plans, {size / len(paths) / 1024:.0f} KB each, {size / 1e6:.1f} MB; {os.cpu_count()} cores"
    )

    commands: dict[str, Sequence[str]] = {
        "planctl validate": [planctl, "validate", *TODAY, str(HERE / "corpus")],
        "planctl render (validate + 290 HTML documents)": [
            planctl,
            "render",
            *TODAY,
            str(HERE / "corpus"),
            "--out",
            str(HERE / "corpus-render"),
        ],
        "planctl overview (validate + county page)": [
            planctl,
            "overview",
            *TODAY,
            str(HERE / "corpus"),
            "--out",
            str(HERE / "corpus-build"),
        ],
    }
    for function in ("load", "compose"):
        script = FLOOR.format(function=function)
        commands[f"floor: yaml.{function}, C loader, 2 processes"] = [sys.executable, "-c", script, *files]
    rows = list(time_interleaved(commands, args.runs).items())
    if not args.skip_jsonschema:
        checker = shutil.which("check-jsonschema", path=str(bindir))
        if checker is None:
            print("check-jsonschema is not installed: pip install -e '.[bench]' (or pass --skip-jsonschema)")
        else:
            schema = ROOT / "schema" / "plan.schema.json"
            rows.append(
                (
                    "check-jsonschema (planctl's schema)",
                    time_command([checker, "--schemafile", str(schema), *files], 1, ok_codes=(0, 1)),
                )
            )

    ours = rows[0][1]
    for name, seconds in rows:
        ratio = "" if name == rows[0][0] else f"  planctl = {ours / seconds:.2f} x this"
        print(f"{name:<45} {seconds:7.2f} s{ratio}")


if __name__ == "__main__":
    main()
