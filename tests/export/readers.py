"""Independent readers for each export format, back into a PropertyGraph for comparison.

They use other people's parsers where there is one (networkx, json, csv, rdflib) so that a
round trip checks the files, not our writer against itself. ``TYPED`` lists the formats
that keep property types; the others are compared as text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.model import Edge, Node, PropertyGraph

Reader = Callable[[Path], PropertyGraph]
READERS: dict[str, Reader] = {}
UNTYPED = {"dot"}


def reader(name: str) -> Callable[[Reader], Reader]:
    def add(f: Reader) -> Reader:
        READERS[name] = f
        return f

    return add


def _from_networkx(g: Any, node_keys: tuple[str, str], edge_drop: set[str]) -> PropertyGraph:
    label_key, type_key = node_keys
    nodes = []
    for nid, data in g.nodes(data=True):
        props = {k: v for k, v in data.items() if k not in {label_key, type_key}}
        nodes.append(Node(nid, data[label_key], data[type_key], props))
    edges = []
    for s, t, data in g.edges(data=True):
        props = {k: v for k, v in data.items() if k not in {"label", "predicate", *edge_drop}}
        edges.append(Edge(s, t, data["predicate"], data["label"], props))
    return PropertyGraph(tuple(nodes), tuple(edges))


@reader("graphml")
def read_graphml(path: Path) -> PropertyGraph:
    return _from_networkx(nx.read_graphml(path, force_multigraph=True), ("label", "type"), set())


@reader("gexf")
def read_gexf(path: Path) -> PropertyGraph:
    return _from_networkx(nx.read_gexf(path), ("label", "type"), {"id"})
