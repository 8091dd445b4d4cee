"""A quad builder for one document's named graph: Python values in, Oxigraph quads out.

The builder is on the hot path of every build (about a thousand quads per registry record),
so it builds pyoxigraph terms directly and keeps one ``NamedNode`` per vocabulary IRI
(predicates and classes) instead of re-creating it for every quad; instance IRIs (subjects,
linked nodes) are created as they come and not cached, so memory does not grow with the
number of documents.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pyoxigraph as ox

from kg.namespaces import ID, PROV, RDF, TKG, XSD, mint
from kg.records import Span, Spanned

_XSD = {name: ox.NamedNode(str(XSD[name])) for name in
        ("integer", "decimal", "boolean", "date", "gYearMonth", "gYear", "dateTime")}  # fmt: skip
_TRUE = ox.Literal("true", datatype=_XSD["boolean"])
_FALSE = ox.Literal("false", datatype=_XSD["boolean"])

Value = str | int | float | Decimal | bool | datetime | ox.NamedNode | ox.Literal

#: vocabulary IRIs (predicates, classes) -> their node; bounded by :data:`_VOCABULARY_MAX`
_VOCABULARY: dict[str, ox.NamedNode] = {}
_VOCABULARY_MAX = 4096


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def vocabulary(value: str) -> ox.NamedNode:
    """The node of a vocabulary IRI (a predicate or a class), created once and reused."""
    node = _VOCABULARY.get(value)
    if node is None:
        if len(_VOCABULARY) >= _VOCABULARY_MAX:
            _VOCABULARY.clear()  # only a caller passing instance IRIs as predicates gets here
        node = _VOCABULARY[value] = ox.NamedNode(value)
    return node


def literal(value: Value) -> ox.NamedNode | ox.Literal:
    """The RDF term for a Python value (strings stay plain literals)."""
    if type(value) is str:
        return ox.Literal(value)
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, bool):
        return _TRUE if value else _FALSE
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_XSD["integer"])
    if isinstance(value, float | Decimal):
        return ox.Literal(_decimal(value), datatype=_XSD["decimal"])
    if isinstance(value, datetime):
        return ox.Literal(value.isoformat(timespec="seconds"), datatype=_XSD["dateTime"])
    return ox.Literal(value)


def date_literal(iso: str) -> ox.Literal:
    """An ISO date at its precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(iso))
    return ox.Literal(iso, datatype=_XSD[kind]) if kind else ox.Literal(iso)


def _decimal(value: float | Decimal) -> str:
    text = format(Decimal(str(value)).normalize(), "f")
    return text if "." in text else text + ".0"


_TYPE = vocabulary(str(RDF.type))
_DERIVED = vocabulary(str(PROV.wasDerivedFrom))
_SPAN_OF = vocabulary(str(TKG.spanOf))
_SPAN_PROPERTY = vocabulary(str(TKG.spanProperty))
_START = vocabulary(str(TKG.start))
_END = vocabulary(str(TKG.end))
_JSON_PATH = vocabulary(str(TKG.jsonPath))
_INTEGER = _XSD["integer"]


class GraphBuilder:
    """Collects the quads of one named graph and the text spans of their values."""

    def __init__(self, graph: str, document: str) -> None:
        self.graph = ox.NamedNode(graph)
        self.document = ox.NamedNode(document)
        self.quads: list[ox.Quad] = []

    def add(self, s: str | ox.NamedNode, p: str, o: Value | None) -> None:
        """One triple; ``None`` and empty strings are skipped."""
        if o is None or o == "":
            return
        subject = s if isinstance(s, ox.NamedNode) else ox.NamedNode(s)
        self.quads.append(ox.Quad(subject, vocabulary(p), literal(o), self.graph))

    def link(self, s: str | ox.NamedNode, p: str, o: str | ox.NamedNode | None) -> None:
        """One triple whose object is an IRI."""
        if not o:
            return
        subject = s if isinstance(s, ox.NamedNode) else ox.NamedNode(s)
        target = o if isinstance(o, ox.NamedNode) else ox.NamedNode(o)
        self.quads.append(ox.Quad(subject, vocabulary(p), target, self.graph))

    def node(self, s: str, rdf_type: str) -> str:
        """Declare a node this document produced: its type and its provenance."""
        subject = ox.NamedNode(s)
        graph = self.graph
        self.quads.append(ox.Quad(subject, _TYPE, vocabulary(rdf_type), graph))
        self.quads.append(ox.Quad(subject, _DERIVED, self.document, graph))
        return s

    def spanned(
        self, s: str, p: str, value: Spanned[object] | None, *, as_date: bool = False
    ) -> None:
        """A value with its span: the triple, and a span node saying where it was read."""
        if value is None or value.value is None or value.value == "":
            return
        v = value.value
        if as_date and isinstance(v, str):
            self.add(s, p, date_literal(v))
        else:
            self.add(s, p, v)  # type: ignore[arg-type]
        if value.span is not None:
            self.span(s, p, value.span)

    def span(self, s: str, p: str, span: Span) -> None:
        """Where ``s``'s ``p`` was read: a span node in this document's graph. It carries no
        ``rdf:type`` (``tkg:spanOf`` has domain ``tkg:TextSpan``) and no link to the document
        (the graph it lives in is the document's), which saves two quads per span."""
        node = ox.NamedNode(
            mint("span", self.document.value, s, p, span.start, span.end, span.path)
        )
        graph = self.graph
        self.quads += (
            ox.Quad(node, _SPAN_OF, ox.NamedNode(s), graph),
            ox.Quad(node, _SPAN_PROPERTY, vocabulary(p), graph),
        )
        if span.start is not None:
            self.quads.append(ox.Quad(node, _START, _integer(span.start), graph))
        if span.end is not None:
            self.quads.append(ox.Quad(node, _END, _integer(span.end), graph))
        if span.path:
            self.quads.append(ox.Quad(node, _JSON_PATH, ox.Literal(span.path), graph))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


AGENT = f"{ID}agent/trialkg"
