"""A quad builder for one document's named graph: Python values in, Oxigraph quads out.

The builder is on the hot path of every build (about a thousand quads per registry record),
so it builds pyoxigraph terms directly and keeps one ``NamedNode`` per vocabulary IRI
(predicates and classes) instead of re-creating it for every quad; instance IRIs (subjects,
linked nodes) are kept only by the builder of one document, so memory does not grow with
the number of documents.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from decimal import Decimal

import pyoxigraph as ox

from kg.namespaces import ID, PROV, RDF, TKG, XSD
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
_SPAN_BASE = f"{ID}span/"


class GraphBuilder:
    """Collects the quads of one named graph and the text spans of their values.

    Instance nodes are created once per document (:attr:`_nodes`, dropped with the
    builder), and :meth:`node` writes a node's type and provenance once however often it is
    declared, so :func:`kg.rdf._unique` has fewer duplicates to remove."""

    def __init__(self, graph: str, document: str) -> None:
        self.graph = ox.NamedNode(graph)
        self.document = ox.NamedNode(document)
        self.quads: list[ox.Quad] = []
        self._nodes: dict[str, ox.NamedNode] = {}
        self._typed: set[tuple[str, str]] = set()
        # the span IRIs' hash input starts with the document IRI: hashed once, copied per span
        self._span_hash = hashlib.sha256(f"{document}\x1f".encode())

    def _node(self, value: str) -> ox.NamedNode:
        node = self._nodes.get(value)
        if node is None:
            node = self._nodes[value] = ox.NamedNode(value)
        return node

    def add(self, s: str | ox.NamedNode, p: str, o: Value | None) -> None:
        """One triple; ``None`` and empty strings are skipped."""
        if o is None or o == "":
            return
        if type(s) is str:
            subject = self._nodes.get(s) or self._node(s)
        else:
            subject = s  # type: ignore[assignment]
        obj = ox.Literal(o) if type(o) is str else literal(o)
        self.quads.append(ox.Quad(subject, _VOCABULARY.get(p) or vocabulary(p), obj, self.graph))

    def link(self, s: str | ox.NamedNode, p: str, o: str | ox.NamedNode | None) -> None:
        """One triple whose object is an IRI."""
        if not o:
            return
        subject = self._node(s) if type(s) is str else s
        target = self._node(o) if type(o) is str else o
        self.quads.append(ox.Quad(subject, vocabulary(p), target, self.graph))  # type: ignore[arg-type]

    def node(self, s: str, rdf_type: str) -> str:
        """Declare a node this document produced: its type and its provenance."""
        typed = self._typed
        if (s, rdf_type) in typed:
            return s
        typed.add((s, rdf_type))
        subject = self._node(s)
        graph = self.graph
        self.quads.append(ox.Quad(subject, _TYPE, vocabulary(rdf_type), graph))
        if (s, "") not in typed:  # its provenance, once whatever its types
            typed.add((s, ""))
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
        (the graph it lives in is the document's), which saves two quads per span.

        Its IRI is ``mint("span", document, s, p, start, end, path)``, computed from the
        document's hash state instead of re-hashing the document IRI for every span."""
        start, end, path = span.start, span.end, span.path
        digest = self._span_hash.copy()
        digest.update(f"{s}\x1f{p}\x1f{start}\x1f{end}\x1f{path}".encode())
        node = ox.NamedNode(_SPAN_BASE + digest.hexdigest()[:20])
        graph = self.graph
        quads = self.quads
        quads.append(ox.Quad(node, _SPAN_OF, self._nodes.get(s) or self._node(s), graph))
        quads.append(ox.Quad(node, _SPAN_PROPERTY, vocabulary(p), graph))
        if start is not None:
            quads.append(ox.Quad(node, _START, _integer(start), graph))
        if end is not None:
            quads.append(ox.Quad(node, _END, _integer(end), graph))
        if path:
            quads.append(ox.Quad(node, _JSON_PATH, ox.Literal(path), graph))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


AGENT = f"{ID}agent/trialkg"
