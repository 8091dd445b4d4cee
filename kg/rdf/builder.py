"""A quad builder for one document's named graph: Python values in, Oxigraph quads out."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pyoxigraph as ox

from kg.namespaces import ID, PROV, RDF, TKG, XSD, mint
from kg.records import Span, Spanned

_XSD = {name: ox.NamedNode(str(XSD[name])) for name in
        ("integer", "decimal", "boolean", "date", "gYearMonth", "gYear", "dateTime")}  # fmt: skip

Value = str | int | float | Decimal | bool | datetime | ox.NamedNode | ox.Literal


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def literal(value: Value) -> ox.NamedNode | ox.Literal:
    """The RDF term for a Python value (strings stay plain literals)."""
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_XSD["boolean"])
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


class GraphBuilder:
    """Collects the quads of one named graph and the text spans of their values."""

    def __init__(self, graph: str, document: str) -> None:
        self.graph = ox.NamedNode(graph)
        self.document = ox.NamedNode(document)
        self.quads: list[ox.Quad] = []
        self._derived = ox.NamedNode(str(PROV.wasDerivedFrom))

    def add(self, s: str | ox.NamedNode, p: str, o: Value | None) -> None:
        """One triple; ``None`` and empty strings are skipped."""
        if o is None or o == "":
            return
        subject = s if isinstance(s, ox.NamedNode) else ox.NamedNode(s)
        self.quads.append(ox.Quad(subject, ox.NamedNode(p), literal(o), self.graph))

    def link(self, s: str | ox.NamedNode, p: str, o: str | ox.NamedNode | None) -> None:
        """One triple whose object is an IRI."""
        if o:
            self.add(s, p, o if isinstance(o, ox.NamedNode) else ox.NamedNode(o))

    def node(self, s: str, rdf_type: str) -> str:
        """Declare a node this document produced: its type and its provenance."""
        self.link(s, str(RDF.type), rdf_type)
        self.quads.append(ox.Quad(ox.NamedNode(s), self._derived, self.document, self.graph))
        return s

    def spanned(
        self, s: str, p: str, value: Spanned[object] | None, *, as_date: bool = False
    ) -> None:
        """A value with its span: the triple, and a tkg:TextSpan saying where it was read."""
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
        node = mint("span", self.document.value, s, p, span.start, span.end, span.path)
        self.link(node, str(RDF.type), str(TKG.TextSpan))
        self.link(node, str(TKG.spanOf), s)
        self.link(node, str(TKG.spanProperty), p)
        self.link(node, str(TKG.inDocument), self.document)
        self.add(node, str(TKG.start), span.start)
        self.add(node, str(TKG.end), span.end)
        self.add(node, str(TKG.jsonPath), span.path)


AGENT = f"{ID}agent/trialkg"
