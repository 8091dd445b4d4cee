"""RDF (Turtle, TriG, N-Quads, JSON-LD) of the projection, serialized by pyoxigraph.

Nodes keep their IRIs: ``rdf:type tkg:<Type>``, ``rdfs:label`` and one ``tkgx:<property>``
typed literal per property (``tkgx:`` = ``https://w3id.org/trialkg/export#``). Each edge is
the plain triple ``source predicate target`` (so the file is usable as ordinary RDF) and an
``rdf:Statement`` under ``id/edge/<hash>`` carrying its label and properties (so parallel
edges and their doses survive). The dataset formats put everything in ``graph/export``.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.export.model import Edge, PropertyGraph, Props, Value, coerce
from kg.export.registry import register
from kg.namespaces import GRAPH, PREFIXES, TKG, mint

EXPORT_NS = "https://w3id.org/trialkg/export#"
EXPORT_GRAPH = ox.NamedNode(f"{GRAPH}export")
RDF_NS = PREFIXES["rdf"]
_TYPE, _LABEL = ox.NamedNode(f"{RDF_NS}type"), ox.NamedNode(f"{PREFIXES['rdfs']}label")
_XSD = PREFIXES["xsd"]
_DATATYPES = {int: "integer", float: "double", bool: "boolean"}


def literal(value: Value) -> ox.Literal:
    """A typed literal for a property value (strings stay plain)."""
    if isinstance(value, str):
        return ox.Literal(value)
    text = str(value).lower() if isinstance(value, bool) else repr(value)
    return ox.Literal(text, datatype=ox.NamedNode(_XSD + _DATATYPES[type(value)]))


def edge_iri(edge: Edge) -> ox.NamedNode:
    """A stable IRI for an edge's statement, from everything that tells it apart."""
    return ox.NamedNode(mint("edge", repr(edge.key())))


def _props(subject: ox.NamedNode, props: Props, types: dict[str, type]) -> list[ox.Triple]:
    return [
        ox.Triple(subject, ox.NamedNode(EXPORT_NS + k), literal(coerce(v, types[k])))
        for k, v in props.items()
    ]


def triples(graph: PropertyGraph) -> list[ox.Triple]:
    """The projection as RDF triples."""
    out: list[ox.Triple] = []
    node_types, edge_types = graph.node_schema(), graph.edge_schema()
    for n in graph.nodes:
        s = ox.NamedNode(n.id)
        out += [ox.Triple(s, _TYPE, ox.NamedNode(f"{TKG}{n.type}")),
                ox.Triple(s, _LABEL, ox.Literal(n.label))]  # fmt: skip
        out += _props(s, n.props, node_types)
    for e in graph.edges:
        s, p, o = ox.NamedNode(e.source), ox.NamedNode(e.predicate), ox.NamedNode(e.target)
        st = edge_iri(e)
        out += [
            ox.Triple(s, p, o),
            ox.Triple(st, _TYPE, ox.NamedNode(f"{RDF_NS}Statement")),
            ox.Triple(st, ox.NamedNode(f"{RDF_NS}subject"), s),
            ox.Triple(st, ox.NamedNode(f"{RDF_NS}predicate"), p),
            ox.Triple(st, ox.NamedNode(f"{RDF_NS}object"), o),
            ox.Triple(st, _LABEL, ox.Literal(e.label)),
        ]
        out += _props(st, e.props, edge_types)
    return out


def _writer(name: str, fmt: ox.RdfFormat, dataset: bool) -> None:
    def write(graph: PropertyGraph, out: Path) -> None:
        data = triples(graph)
        quads = [ox.Quad(t.subject, t.predicate, t.object, EXPORT_GRAPH) for t in data]
        prefixes = {**PREFIXES, "tkgx": EXPORT_NS} if fmt in _PREFIXED else None
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as f:
            ox.serialize(quads if dataset else data, f, fmt, prefixes=prefixes)

    write.__doc__ = f"Write the projection as {fmt.name} to ``out``."
    register(name, f".{fmt.file_extension}",
             f"RDF {fmt.name} of the projection")(write)  # fmt: skip


_PREFIXED = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
for _name, _fmt, _dataset in (
    ("turtle", ox.RdfFormat.TURTLE, False),
    ("trig", ox.RdfFormat.TRIG, True),
    ("nquads", ox.RdfFormat.N_QUADS, True),
    ("jsonld", ox.RdfFormat.JSON_LD, False),
):
    _writer(_name, _fmt, _dataset)
