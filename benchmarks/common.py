"""Shared helpers for the benchmark scripts: corpus building and timing of whole commands."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
SHIPPED = ROOT / "plans" / "vasteras-atgardsplan-2025-2026.yaml"


def municipalities() -> list[str]:
    lines = (HERE / "kommuner.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def slug(name: str) -> str:
    table = str.maketrans("åäöéÅÄÖÉ ", "aaoeAAOE-")
    return re.sub(r"[^a-z0-9-]", "", name.translate(table).lower())


def build_corpus(folder: Path) -> list[Path]:
    """One plan per Swedish municipality, made from the shipped plan by changing the names."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SHIPPED.read_text(encoding="utf-8")
    paths = []
    for name in municipalities():
        plan = text.replace("vasteras-atgardsplan", f"{slug(name)}-atgardsplan").replace("Västerås", name)
        path = folder / f"{slug(name)}-atgardsplan-2025-2026.yaml"
        if not path.exists() or path.read_text(encoding="utf-8") != plan:
            path.write_text(plan, encoding="utf-8")
        paths.append(path)
    return paths


def time_command(command: Sequence[str], runs: int, ok_codes: Sequence[int] = (0,)) -> float:
    """The fastest of ``runs`` wall-clock times of a command, in seconds (after one warm-up run)."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - started)
        if done.returncode not in ok_codes:
            sys.exit(f"{' '.join(command[:3])} … exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return min(times)


def time_interleaved(commands: dict[str, Sequence[str]], runs: int) -> dict[str, float]:
    """The fastest wall-clock time of each command, running them in turn ``runs`` times.

    Taking turns gives every command the same share of a noisy machine's slow moments.
    """
    for command in commands.values():  # warm the file cache and the bytecode; a failing command has no time
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    best = {name: float("inf") for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def median_time(command: Sequence[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)
