"""Helpers for the ingest tests: build paths into an in-memory store, read its graphs back."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import PROV, REFERENCE_GRAPH, TKG
from kg.pipeline import BuildReport, build
from kg.store.oxigraph import OxigraphStore

SHARED = Path(__file__).resolve().parents[3] / "shared" / "ctgov"
V2 = sorted((SHARED / "v2").glob("*.json"))
CLASSIC = sorted((SHARED / "classic").glob("*.json"))
XML = sorted((SHARED / "xml").glob("*.xml"))
DATA = Path(__file__).resolve().parent / "data"
DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"

#: the only values that legitimately differ between containers of the same study: where it
#: was read from (file name, source path) and when it was extracted
VARYING = {str(TKG.fileName), str(TKG.sourcePath), str(PROV.endedAtTime)}

Graphs = dict[str, frozenset[str]]


def built(paths: Sequence[str | Path]) -> tuple[OxigraphStore, BuildReport]:
    """A fresh in-memory store with ``paths`` built into it, and the build's report."""
    store = OxigraphStore(None)
    return store, build(paths, store)


def graphs(store: OxigraphStore) -> Graphs:
    """Every named graph but the reference graph, as N-Triples lines, minus :data:`VARYING`."""
    out: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads():
        graph = quad.graph_name
        if not isinstance(graph, ox.NamedNode) or graph.value == REFERENCE_GRAPH:
            continue
        assert not isinstance(quad.subject, ox.BlankNode), "blank nodes need rdflib.compare"
        assert not isinstance(quad.object, ox.BlankNode), "blank nodes need rdflib.compare"
        if quad.predicate.value not in VARYING:
            out[graph.value].add(str(ox.Triple(quad.subject, quad.predicate, quad.object)))
    return {name: frozenset(triples) for name, triples in out.items()}


def provenance(store: OxigraphStore) -> dict[str, str]:
    """tkg:sourcePath of every document, by tkg:fileName."""
    rows = store.select(
        "SELECT ?name ?path WHERE { GRAPH ?g { ?d ?fileName ?name ; ?sourcePath ?path } }",
        {
            "fileName": ox.NamedNode(str(TKG.fileName)),
            "sourcePath": ox.NamedNode(str(TKG.sourcePath)),
        },
    )
    return {str(r[0].value): str(r[1].value) for r in rows if r[0] and r[1]}


def difference(left: Graphs, right: Graphs) -> str:
    """A short account of how two sets of graphs differ (for assertion messages)."""
    lines = [f"only left: {g}" for g in sorted(left.keys() - right.keys())]
    lines += [f"only right: {g}" for g in sorted(right.keys() - left.keys())]
    for g in sorted(left.keys() & right.keys()):
        for t in sorted(left[g] - right[g])[:3]:
            lines.append(f"{g} only left: {t}")
        for t in sorted(right[g] - left[g])[:3]:
            lines.append(f"{g} only right: {t}")
    return "\n".join(lines[:30])
