"""Query results as HTTP bodies: content negotiation and the SPARQL result and RDF formats.

SELECT rows go out as SPARQL 1.1 JSON, XML, CSV or TSV (the JSON, CSV and TSV writers are
:mod:`kg.formats`'); an ASK answer as JSON or XML (CSV/TSV carry the one word); CONSTRUCT
and DESCRIBE triples as Turtle, N-Triples, JSON-LD or RDF/XML, serialized by pyoxigraph.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.formats import to_csv, to_json, to_tsv
from kg.namespaces import PREFIXES
from kg.store.base import Rows, Term

#: result format name -> media type sent back, for SELECT and ASK
ROW_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
#: result format name -> (media type, pyoxigraph format), for CONSTRUCT and DESCRIBE
GRAPH_TYPES = {
    "turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}

# media types (and ``format=`` words) a client may ask for, per kind of result; the first
# entry of each table is the default for ``*/*``
_ROW_ACCEPT = {
    "application/sparql-results+json": "json", "application/json": "json", "json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "xml": "xml", "text/csv": "csv", "csv": "csv", "text/tab-separated-values": "tsv",
    "tsv": "tsv",
}  # fmt: skip
_GRAPH_ACCEPT = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "turtle": "turtle",
    "ttl": "turtle", "text/n3": "turtle", "text/rdf+n3": "turtle", "application/n3": "turtle",
    "n3": "turtle", "application/n-triples": "nt", "text/plain": "nt", "nt": "nt",
    "ntriples": "nt", "n-triples": "nt", "application/ld+json": "jsonld",
    "application/json": "jsonld", "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
    "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
    "rdfxml": "rdfxml", "rdf": "rdfxml", "xml": "rdfxml",
}  # fmt: skip


class NotAcceptable(ValueError):
    """No format the client accepts can carry this result."""


def negotiate(graph: bool, accept: str | None, fmt: str | None) -> str:
    """The format name for a result: ``fmt`` (``format=``) if given, else the best of Accept."""
    table = _GRAPH_ACCEPT if graph else _ROW_ACCEPT
    kinds = ", ".join(sorted(set(table.values())))
    if fmt:
        key = fmt.split(";")[0].strip().lower()
        if key not in table:
            raise NotAcceptable(f"unknown format {fmt!r} for this query; one of: {kinds}")
        return table[key]
    for media in _ranked(accept or "*/*"):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return next(iter(table.values()))
    raise NotAcceptable(f"cannot answer with {accept!r}; this query gives one of: {kinds}")


def _ranked(accept: str) -> list[str]:
    """The media types of an Accept header, best first (q=0 dropped)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, position, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def rows_body(rows: Rows, fmt: str) -> bytes:
    """SELECT rows in one of :data:`ROW_TYPES`."""
    writers = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
    return writers[fmt](rows).encode("utf-8")


def boolean_body(answer: bool, fmt: str) -> bytes:
    """An ASK answer in one of :data:`ROW_TYPES`."""
    word = "true" if answer else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}).encode()
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="{_RESULTS_NS}">\n<head/>\n'
                f"<boolean>{word}</boolean>\n</sparql>\n").encode()  # fmt: skip
    return f"{word}\n".encode()


def graph_body(triples: list[ox.Triple], fmt: str) -> bytes:
    """CONSTRUCT or DESCRIBE triples in one of :data:`GRAPH_TYPES`."""
    rdf_format = GRAPH_TYPES[fmt][1]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    out = ox.serialize(triples, format=rdf_format, prefixes=prefixes)
    return out or b""


def media_type(graph: bool, fmt: str) -> str:
    """The Content-Type of a result format."""
    return GRAPH_TYPES[fmt][0] if graph else ROW_TYPES[fmt]


_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def to_xml(rows: Rows) -> str:
    """SPARQL Query Results XML Format."""
    out = [f'<?xml version="1.0"?>\n<sparql xmlns="{_RESULTS_NS}">\n<head>']
    out += [f"<variable name={quoteattr(c)}/>" for c in rows.columns]
    out.append("</head>\n<results>")
    for row in rows:
        out.append("<result>")
        for column, term in zip(rows.columns, row, strict=True):
            if term is not None:
                out.append(f"<binding name={quoteattr(column)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out)


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"
