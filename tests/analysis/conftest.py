"""Stores for the analysis tests: a hand-made one (reference graph + data/trials.ttl) and the
seeds built by the pipeline, each classified once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.analysis.classify import refresh_inferred
from kg.analysis.redundancy import refresh_redundant
from kg.namespaces import INFERRED_GRAPH, REFERENCE_GRAPH
from kg.normalize.reference import reference_triples
from kg.store import OxigraphStore, open_store

ROOT = Path(__file__).resolve().parents[2]
TRIALS = Path(__file__).with_name("data") / "trials.ttl"
TRIALS_GRAPH = "https://example.org/graph/trials"


def _graph(name: str, triples: object) -> list[ox.Quad]:
    g = ox.NamedNode(name)
    return [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def fixture_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store: reference graph + hand-made trials, classified (then closed)."""
    path = tmp_path_factory.mktemp("analysis") / "fixture-store"
    store = open_store(path)
    store.replace_graph(REFERENCE_GRAPH, _graph(REFERENCE_GRAPH, reference_triples()))
    store.replace_graph(TRIALS_GRAPH, _graph(TRIALS_GRAPH, ox.parse(path=str(TRIALS))))
    refresh_inferred(store)
    refresh_redundant(store)
    store.close()
    return path


@pytest.fixture(scope="session")
def fixture_store(fixture_path: Path) -> Iterator[OxigraphStore]:
    # not closed: OxigraphStore.close() flushes, which a read-only store refuses
    yield open_store(fixture_path, read_only=True)


@pytest.fixture(scope="session")
def seed_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built by ``kg.pipeline.build``, classified (the build may already do it)."""
    from kg.pipeline import build

    path = tmp_path_factory.mktemp("analysis") / "seed-store"
    store = open_store(path)
    report = build([ROOT / "seeds"], store)
    if not report.ok or report.built != 5:
        pytest.fail(f"the seeds did not build: {report.failures}")
    if INFERRED_GRAPH not in store.graphs():
        refresh_inferred(store)
        refresh_redundant(store)
    store.close()
    return path


@pytest.fixture(scope="session")
def seed_store(seed_path: Path) -> Iterator[OxigraphStore]:
    yield open_store(seed_path, read_only=True)
