"""Time `planctl --version` against `python -c "import typer"` (median of N runs each).

    python benchmarks/bench_startup.py [--runs N]

Target (issue 2): planctl --version within 1.5x of importing typer; --help and --version
must import nothing they do not use.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from common import median_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    planctl = shutil.which("planctl", path=str(bindir)) or "planctl"
    typer = median_time([sys.executable, "-c", "import typer"], args.runs)
    version = median_time([planctl, "--version"], args.runs)
    helps = median_time([planctl, "--help"], args.runs)
    bare = median_time([sys.executable, "-c", "pass"], args.runs)
    print(f"python -c pass            {bare * 1000:6.0f} ms")
    print(f"python -c 'import typer'  {typer * 1000:6.0f} ms")
    print(f"planctl --version         {version * 1000:6.0f} ms  ({version / typer:.2f} x import typer)")
    print(f"planctl --help            {helps * 1000:6.0f} ms  ({helps / typer:.2f} x import typer)")


if __name__ == "__main__":
    main()
