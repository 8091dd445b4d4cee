"""A small store for the server and remote tests: the reference graph plus one document."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from kg.queries import NamedQuery
from kg.store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).with_name("sample.trig")
REFERENCE_GRAPH = "https://w3id.org/trialkg/graph/reference"
TRIAL = "NCT09999901"


def sample_quads() -> dict[str, list[ox.Quad]]:
    """Every graph of the sample dataset, by name."""
    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    graph = ox.NamedNode(REFERENCE_GRAPH)
    for path in sorted((ROOT / "ontology" / "reference").glob("*.ttl")):
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            graphs[REFERENCE_GRAPH].append(ox.Quad(t.subject, t.predicate, t.object, graph))
    for q in ox.parse(path=str(SAMPLE), format=ox.RdfFormat.TRIG):
        assert isinstance(q.graph_name, ox.NamedNode)
        graphs[q.graph_name.value].append(q)
    return dict(graphs)


def sample_store(
    path: Path | None = None, cls: type[OxigraphStore] = OxigraphStore
) -> OxigraphStore:
    """The sample dataset in an embedded store (in memory unless ``path``)."""
    store = cls(path)
    for name, quads in sample_quads().items():
        store.replace_graph(name, quads)
    return store


#: a value for each parameter type that finds something in the sample
PARAM_VALUES = {
    "drug": "AK105",
    "target": "VEGFR2",
    "condition": "small cell lung cancer",
    "iri": TRIAL,
    "string": "anlotinib",
    "integer": "1",
}


def sample_params(query: NamedQuery) -> dict[str, str]:
    """Values for a named query's required parameters."""
    return {p.name: PARAM_VALUES[p.type] for p in query.params if not p.optional}
