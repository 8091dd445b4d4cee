"""The property-graph projection of the store, computed by the ``export-*`` named queries.

``queries/export-nodes.rq`` gives one row per node (``node``, ``type``, ``label`` and
property columns); ``queries/export-edges.rq`` one row per edge (``source``, ``target``,
``predicate``, ``label`` and property columns). Unbound columns are absent properties; a
literal's datatype decides its Python type. :func:`neighbourhood` cuts one trial out of it,
and :func:`from_triples` projects the triples of a CONSTRUCT query instead.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import pyoxigraph as ox

from kg.export.model import RESERVED, Edge, Node, PropertyGraph, Value
from kg.queries import find
from kg.store.base import Rows, Store, Term

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{XSD}{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger")}
_FLOATS = {f"{XSD}{t}" for t in ("decimal", "double", "float")}
_NODE_COLUMNS = ("node", "type", "label")
_EDGE_COLUMNS = ("source", "target", "predicate", "label")


def project(store: Store) -> PropertyGraph:
    """The whole projection: every node of the exported types and the edges between them."""
    nodes = _nodes(store.select(find("export-nodes").sparql))
    edges = _edges(store.select(find("export-edges").sparql))
    return PropertyGraph.of(nodes, edges)


def value(term: Term) -> Value:
    """A term as a Python value: numbers and booleans typed, everything else as text."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == f"{XSD}boolean":
            return term.value in ("true", "1")
    return term.value


def _props(columns: tuple[str, ...], row: tuple[Term | None, ...], skip: int) -> dict[str, Value]:
    return {
        c: value(t)
        for c, t in zip(columns[skip:], row[skip:], strict=True)
        if t is not None and not (isinstance(t, ox.Literal) and t.value == "")
    }


def _nodes(rows: Rows) -> list[Node]:
    assert rows.columns[:3] == _NODE_COLUMNS, rows.columns
    out = []
    for row in rows:
        node, type_, label = (t.value if t is not None else "" for t in row[:3])
        out.append(Node(node, label or node, type_, _props(rows.columns, row, 3)))
    return out


def _edges(rows: Rows) -> list[Edge]:
    assert rows.columns[:4] == _EDGE_COLUMNS, rows.columns
    out = []
    for row in rows:
        source, target, predicate, label = (t.value if t is not None else "" for t in row[:4])
        out.append(Edge(source, target, predicate, label, _props(rows.columns, row, 4)))
    return out


def neighbourhood(graph: PropertyGraph, root: str) -> PropertyGraph:
    """``root`` and everything reachable from it along edges (a trial's arms, drugs, their
    targets, families and pathways, its conditions and their broader ones, its sponsors)."""
    out: dict[str, list[Edge]] = {}
    for e in graph.edges:
        out.setdefault(e.source, []).append(e)
    seen, todo = {root}, deque([root])
    while todo:
        for e in out.get(todo.popleft(), []):
            if e.target not in seen:
                seen.add(e.target)
                todo.append(e.target)
    return PropertyGraph.of(
        (n for n in graph.nodes if n.id in seen),
        (e for e in graph.edges if e.source in seen),
    )


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "https://w3id.org/trialkg/vocab#nctId",
)


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/trialkg/vocab#hasArm")
    'hasArm'
    """
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def from_triples(triples: Iterable[ox.Triple]) -> PropertyGraph:
    """Project CONSTRUCT results: IRIs become nodes (typed by ``rdf:type``, labelled by
    ``rdfs:label``/``skos:prefLabel``/``dcterms:title``/``tkg:nctId``, else their local name),
    literal-valued triples become node properties named after the predicate's local name
    (repeated values joined with ``|``), and IRI-to-IRI triples become edges."""
    types: dict[str, str] = {}
    labels: dict[str, dict[str, str]] = {}
    props: dict[str, dict[str, Value]] = {}
    edges: list[Edge] = []
    ids: set[str] = set()
    for t in triples:
        s, p, o = t.subject, t.predicate.value, t.object
        if not isinstance(s, ox.NamedNode):
            continue
        ids.add(s.value)
        if isinstance(o, ox.NamedNode):
            if p == RDF_TYPE:
                types.setdefault(s.value, local_name(o.value))
            else:
                ids.add(o.value)
                edges.append(Edge(s.value, o.value, p, local_name(p)))
        elif isinstance(o, ox.Literal):
            if p in _LABELS:
                labels.setdefault(s.value, {}).setdefault(p, o.value)
                continue
            mine = props.setdefault(s.value, {})
            key = local_name(p) if local_name(p) not in RESERVED else "_" + local_name(p)
            mine[key] = f"{mine[key]}|{o.value}" if key in mine else value(o)
    nodes = (
        Node(
            i,
            next((labels[i][p] for p in _LABELS if p in labels.get(i, {})), local_name(i)),
            types.get(i, "Resource"),
            props.get(i, {}),
        )
        for i in ids
    )
    return PropertyGraph.of(nodes, edges)
