"""Shared pytest options."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files in tests/golden/ from the output.",
    )
    parser.addoption(
        "--fuzz-examples",
        type=int,
        default=60,
        help="How many mutated plans and follow-ups the fuzz test tries per file (CI: 60).",
    )
