"""The mechanism graph: one networkx ``DiGraph`` of trials, drugs, targets, families, pathways.

Nodes are IRIs (or any strings) with a ``kind`` attribute (:data:`KINDS`) and a ``label``.
Edges carry a ``relation``:

- trial → drug or drug class: ``gives``
- drug → target: ``hits`` (with the ``action`` when known)
- drug class → family: ``targets_family``
- target → family: ``in_family``; family → pathway: ``in_pathway``

Everything in :mod:`kg.analysis` reads this graph; only :mod:`kg.analysis.load` reads a store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

KINDS = ("trial", "drug", "class", "target", "family", "pathway")
#: relation -> (kind of the source node, kind of the destination node)
RELATIONS: dict[str, tuple[str, str]] = {
    "gives": ("trial", "drug"),
    "hits": ("drug", "target"),
    "targets_family": ("class", "family"),
    "in_family": ("target", "family"),
    "in_pathway": ("family", "pathway"),
}


def mechanism_graph(
    hits: Iterable[tuple[str, str]],
    in_family: Iterable[tuple[str, str]] = (),
    in_pathway: Iterable[tuple[str, str]] = (),
    class_families: Iterable[tuple[str, str]] = (),
    gives: Iterable[tuple[str, str]] = (),
    labels: Mapping[str, str] | None = None,
    classes: Iterable[str] = (),
) -> nx.DiGraph:
    """The graph from edge lists (pairs of node ids); ``labels`` names nodes (default: the id).

    A trial may give a drug class: a ``gives`` edge whose destination is a node already
    seen as a class (in ``class_families`` or ``classes``) keeps the kind ``class``.

    >>> g = mechanism_graph([("d1", "T1")], in_family=[("T1", "F")], gives=[("t1", "d1")])
    >>> sorted(g.nodes(data="kind"))
    [('F', 'family'), ('T1', 'target'), ('d1', 'drug'), ('t1', 'trial')]
    >>> g.edges["d1", "T1"]["relation"]
    'hits'
    """
    g = nx.DiGraph()
    g.add_nodes_from(classes, kind="class")
    for relation, pairs in (
        ("hits", hits),
        ("in_family", in_family),
        ("in_pathway", in_pathway),
        ("targets_family", class_families),
        ("gives", gives),
    ):
        for source, dest in pairs:
            add_edge(g, relation, source, dest)
    for node, data in g.nodes(data=True):
        data["label"] = (labels or {}).get(node, node)
    return g


def add_edge(g: nx.DiGraph, relation: str, source: str, dest: str, **attrs: object) -> None:
    """Add one edge of ``relation``, typing both nodes (an existing kind is kept)."""
    source_kind, dest_kind = RELATIONS[relation]
    for node, kind in ((source, source_kind), (dest, dest_kind)):
        if node not in g:
            g.add_node(node, kind=kind, label=node)
    g.add_edge(source, dest, relation=relation, **attrs)


def nodes_of(g: nx.DiGraph, kind: str) -> list[str]:
    """The nodes of one kind, sorted.

    >>> nodes_of(mechanism_graph([("d2", "T"), ("d1", "T")]), "drug")
    ['d1', 'd2']
    """
    return sorted(n for n, k in g.nodes(data="kind") if k == kind)


def related(g: nx.DiGraph, node: str, relation: str) -> frozenset[str]:
    """The successors of ``node`` through edges of ``relation``."""
    if node not in g:
        return frozenset()
    return frozenset(n for n in g.successors(node) if g.edges[node, n]["relation"] == relation)


def label(g: nx.DiGraph, node: str) -> str:
    """The node's label (its id when it has none)."""
    return str(g.nodes[node].get("label", node)) if node in g else node
