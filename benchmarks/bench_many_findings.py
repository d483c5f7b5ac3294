"""Time `planctl validate` on files with thousands of findings: the cost must grow with the
findings, not with their square.

    python benchmarks/bench_many_findings.py [--runs N]

Builds, under the 2 MiB limit, plans with 5,000, 10,000 and 20,000 unknown keys, and one with
2,000 organisations and 5,000 unknown owners (each owner finding searches the organisations
for a suggestion). Prints the time of each and the time per finding.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import time_command

HEAD = "format_version: 1\nkind: åtgärdsplan\nid: a\nmunicipality: A\ntitle: T\nperiod: {start: 2025}\n"


def cases(folder: Path) -> dict[str, tuple[Path, int]]:
    made: dict[str, tuple[Path, int]] = {}
    for count in (5_000, 10_000, 20_000):
        path = folder / f"nycklar-{count}.yaml"
        path.write_text(HEAD + "".join(f"okand{i}: {i}\n" for i in range(count)), encoding="utf-8")
        made[f"{count:,} okända nycklar".replace(",", " ")] = (path, count)
    organisations = "organisations:\n" + "".join(f"  - {{id: org{i}, name: Org {i}}}\n" for i in range(2_000))
    owners = ", ".join(f"agare{i}" for i in range(5_000))
    measures = f"focus_areas:\n  - id: f\n    title: F\n    measures:\n      - id: m\n        title: M\n        owners: [{owners}]\n"
    path = folder / "agare.yaml"
    path.write_text(HEAD + organisations + measures, encoding="utf-8")
    made["2 000 organisationer × 5 000 okända ägare"] = (path, 5_000)
    return made


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        for label, (path, findings) in cases(Path(temp)).items():
            seconds = time_command([sys.executable, "-m", "planctl", "validate", str(path)], args.runs, ok_codes=(1,))
            size = path.stat().st_size / 1024
            print(f"{label:<45} {size:7.0f} KB  {seconds:6.2f} s  {seconds / findings * 1e6:6.0f} µs/fynd")


if __name__ == "__main__":
    main(sys.argv[1:])
