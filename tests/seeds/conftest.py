"""The five seeds built once per session by ``kg.pipeline.build`` into an in-memory store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import OxigraphStore
from tests.seeds.facts import SEEDS, build_seeds


@pytest.fixture(scope="session")
def store() -> Iterator[OxigraphStore]:
    built, report = build_seeds()
    if not report.ok or report.built != len(list(SEEDS.glob("*.txt"))):
        pytest.fail(f"the seeds did not build: {report.failures}")
    yield built


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
