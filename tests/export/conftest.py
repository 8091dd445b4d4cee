"""Fixtures: a tiny hand-made store and its projection."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export.model import PropertyGraph
from kg.export.projection import project
from kg.store import OxigraphStore, open_store

TINY = Path(__file__).with_name("tiny.trig")
#: a CONSTRUCT for --query (named queries in queries/ are SELECTs: the server runs them all)
DRUG_TARGETS = str(Path(__file__).with_name("drug-targets.rq"))


@pytest.fixture(scope="session")
def tiny_store() -> OxigraphStore:
    store = open_store(":memory:")
    quads = list(ox.parse(path=str(TINY), format=ox.RdfFormat.TRIG))
    for graph in {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}:
        store.replace_graph(graph, [q for q in quads if q.graph_name.value == graph])
    return store


@pytest.fixture(scope="session")
def tiny_graph(tiny_store: OxigraphStore) -> PropertyGraph:
    return project(tiny_store)


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory: pytest.TempPathFactory) -> PropertyGraph:
    """The projection of the seed documents, built into a fresh store."""
    from kg.pipeline import build

    store = open_store(tmp_path_factory.mktemp("seeds") / "store")
    report = build([str(SEEDS)], store)
    assert report.built > 0, report
    graph = project(store)
    store.close()
    return graph
