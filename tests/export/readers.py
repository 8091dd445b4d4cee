"""Independent readers for each export format, back into a PropertyGraph for comparison.

They use other people's parsers where there is one (networkx, json, csv, rdflib) so that a
round trip checks the files, not our writer against itself. ``TYPED`` lists the formats
that keep property types; the others are compared as text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from rdflib.namespace import RDF, RDFS

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


@reader("cytoscape")
def read_cytoscape(path: Path) -> PropertyGraph:
    doc = json.loads(path.read_text(encoding="utf-8"))
    nodes = []
    for el in doc["elements"]["nodes"]:
        d = dict(el["data"])
        assert d.pop("name") == d["label"]
        nodes.append(Node(d.pop("id"), d.pop("label"), d.pop("type"), d))
    edges = []
    for el in doc["elements"]["edges"]:
        d = dict(el["data"])
        d.pop("id")
        assert d.pop("interaction") == d["label"]
        edges.append(Edge(d.pop("source"), d.pop("target"), d.pop("predicate"), d.pop("label"), d))
    return PropertyGraph(tuple(nodes), tuple(edges))


_NEO4J = {"string": str, "long": int, "double": float, "boolean": lambda s: s == "true"}


def _typed(row: dict[str, str], fixed: set[str]) -> dict[str, Any]:
    """Properties of a neo4j-admin CSV row, parsed by their ``name:type`` headers."""
    out = {}
    for header, cell in row.items():
        if header in fixed or cell == "":
            continue
        name, _, kind = header.partition(":")
        out[name] = _NEO4J[kind or "string"](cell)  # type: ignore[operator]
    return out


@reader("neo4j-csv")
def read_neo4j(path: Path) -> PropertyGraph:
    files = {p.name: p.read_text(encoding="utf-8") for p in path.iterdir()}
    nodes = [
        Node(r["iri:ID"], r["label"], r[":LABEL"], _typed(r, {"iri:ID", ":LABEL", "label"}))
        for r in csv.DictReader(io.StringIO(files["nodes.csv"]))
    ]
    fixed = {":START_ID", ":END_ID", ":TYPE", "label", "predicate"}
    edges = []
    for r in csv.DictReader(io.StringIO(files["relationships.csv"])):
        assert r[":TYPE"] == r["label"].upper()
        edges.append(
            Edge(r[":START_ID"], r[":END_ID"], r["predicate"], r["label"], _typed(r, fixed))
        )
    return PropertyGraph(tuple(nodes), tuple(edges))


_DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
_DOT_NODE = re.compile(rf"^\s*{_DOT_STRING} \[(.*)\];$")
_DOT_EDGE = re.compile(rf"^\s*{_DOT_STRING} -> {_DOT_STRING} \[(.*)\];$")
_DOT_ATTR = re.compile(rf"{_DOT_STRING}={_DOT_STRING}")


def _unquote(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s)


def _dot_attrs(text: str) -> dict[str, str]:
    return {_unquote(k): _unquote(v) for k, v in _DOT_ATTR.findall(text)}


@reader("dot")
def read_dot(path: Path) -> PropertyGraph:
    """A reader for the subset of DOT the writer emits (quoted ids, one statement a line)."""
    nodes, edges = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := _DOT_EDGE.match(line):
            a = _dot_attrs(m.group(3))
            edges.append(Edge(_unquote(m.group(1)), _unquote(m.group(2)), a.pop("predicate"),
                              a.pop("label"), a))  # fmt: skip
        elif m := _DOT_NODE.match(line):
            a = _dot_attrs(m.group(2))
            a.pop("fillcolor")
            nodes.append(Node(_unquote(m.group(1)), a.pop("label"), a.pop("type"), a))
    return PropertyGraph(tuple(nodes), tuple(edges))


EXPORT_NS = "https://w3id.org/trialkg/export#"
TKG_NS = "https://w3id.org/trialkg/vocab#"


def _rdf_props(g: Any, subject: Any) -> dict[str, Any]:
    return {
        str(p)[len(EXPORT_NS) :]: o.toPython()
        for p, o in g.predicate_objects(subject)
        if str(p).startswith(EXPORT_NS)
    }


def _read_rdf(path: Path, rdflib_format: str) -> PropertyGraph:
    """rdflib's reading of the file: typed nodes, and edges from their rdf:Statement."""
    ds = rdflib.Dataset()
    ds.parse(path, format=rdflib_format)
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    nodes = []
    for s, t in g.subject_objects(RDF.type):
        if t == RDF.Statement:
            continue
        nodes.append(
            Node(str(s), str(g.value(s, RDFS.label)), str(t)[len(TKG_NS) :], _rdf_props(g, s))
        )
    edges = []
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        assert (s, p, o) in g, "each edge is also a plain triple"
        edges.append(Edge(str(s), str(o), str(p), str(g.value(st, RDFS.label)), _rdf_props(g, st)))
    return PropertyGraph(tuple(nodes), tuple(edges))


for _name, _rdflib_format in (
    ("turtle", "turtle"),
    ("trig", "trig"),
    ("nquads", "nquads"),
    ("jsonld", "json-ld"),
):
    READERS[_name] = lambda path, f=_rdflib_format: _read_rdf(path, f)


class _DataBlock(HTMLParser):
    """Collects the text of ``<script id="trialkg-data">``."""

    def __init__(self) -> None:
        super().__init__()
        self.inside, self.text = False, ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "script" and ("id", "trialkg-data") in attrs

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data


@reader("html")
def read_html(path: Path) -> PropertyGraph:
    """The graph inside the page, parsed by html.parser and json (as a browser would)."""
    block = _DataBlock()
    block.feed(path.read_text(encoding="utf-8"))
    tmp = path.with_suffix(".cyjs")
    tmp.write_text(json.dumps(json.loads(block.text)), encoding="utf-8")
    return read_cytoscape(tmp)
