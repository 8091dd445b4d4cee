"""The files as the tools read them, on the seeds' graph: what Gephi and Cytoscape (GraphML,
GEXF), Cytoscape.js and ``neo4j-admin database import`` require of their structure.

No XML schema for GraphML or GEXF is available offline here (and no validating parser is
installed), so these check by hand what the schemas and the importers insist on: declared,
typed attributes; every value keyed to a declaration of its domain; ids unique; edges
between declared nodes; node and edge labels where each tool looks for them. The counts are
the projection's (the round trips compare every node and edge).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from kg.export import cytoscape, gexf, graphml, neo4j_csv
from kg.export.model import PropertyGraph

pytestmark = pytest.mark.slow

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
GEXF_NS = "{http://gexf.net/1.3}"
#: attr.type values of the GraphML attributes extension
GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}
#: attribute types of GEXF 1.3 (gexf.net/schema.html, data.xsd)
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string",
              "anyURI", "listboolean", "listinteger", "listlong", "listfloat", "listdouble",
              "listbyte", "byte", "short", "listshort", "char", "listchar", "bigdecimal",
              "biginteger", "date"}  # fmt: skip
#: property types neo4j-admin's CSV header accepts (arrays as type[])
NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string",
               "point", "date", "localtime", "time", "localdatetime", "datetime", "duration"}  # fmt: skip


def test_graphml_structure(seed_graph: PropertyGraph, tmp_path: Path) -> None:
    graphml.write(seed_graph, tmp_path / "g.graphml")
    root = ET.parse(tmp_path / "g.graphml").getroot()
    assert root.tag == f"{GRAPHML_NS}graphml"
    keys = {k.get("id"): k for k in root.findall(f"{GRAPHML_NS}key")}
    assert all(k.get("attr.type") in GRAPHML_TYPES for k in keys.values())
    assert all(k.get("for") in ("node", "edge") and k.get("attr.name") for k in keys.values())
    (graph,) = root.findall(f"{GRAPHML_NS}graph")
    assert graph.get("edgedefault") == "directed"
    nodes = graph.findall(f"{GRAPHML_NS}node")
    edges = graph.findall(f"{GRAPHML_NS}edge")
    ids = [n.get("id") for n in nodes]
    assert (len(set(ids)), len(edges)) == (len(seed_graph.nodes), len(seed_graph.edges))
    assert len({e.get("id") for e in edges}) == len(edges)
    assert all(e.get("source") in set(ids) and e.get("target") in set(ids) for e in edges)
    for element, domain in [(n, "node") for n in nodes] + [(e, "edge") for e in edges]:
        data = {
            keys[d.get("key")].get("attr.name"): d for d in element.findall(f"{GRAPHML_NS}data")
        }
        assert all(keys[d.get("key")].get("for") == domain for d in data.values())
        assert "label" in data and data["label"].text  # what Gephi and Cytoscape show
        if domain == "node":
            assert data["type"].text in {n.type for n in seed_graph.nodes}
    # values parse as their declared type
    for d in root.iter(f"{GRAPHML_NS}data"):
        kind = keys[d.get("key")].get("attr.type")
        if kind in ("int", "long"):
            int(d.text or "")
        elif kind in ("float", "double"):
            float(d.text or "")
        elif kind == "boolean":
            assert d.text in ("true", "false")


def test_gexf_structure(seed_graph: PropertyGraph, tmp_path: Path) -> None:
    gexf.write(seed_graph, tmp_path / "g.gexf")
    root = ET.parse(tmp_path / "g.gexf").getroot()
    assert (root.tag, root.get("version")) == (f"{GEXF_NS}gexf", "1.3")
    (graph,) = root.findall(f"{GEXF_NS}graph")
    assert graph.get("defaultedgetype") == "directed"
    declared: dict[str, dict[str, ET.Element]] = {}
    for block in graph.findall(f"{GEXF_NS}attributes"):
        attrs = block.findall(f"{GEXF_NS}attribute")
        declared[block.get("class") or ""] = {a.get("id") or "": a for a in attrs}
        assert all(a.get("type") in GEXF_TYPES and a.get("title") for a in attrs)
    assert set(declared) == {"node", "edge"}
    assert "type" in {a.get("title") for a in declared["node"].values()}
    nodes = graph.findall(f"{GEXF_NS}nodes/{GEXF_NS}node")
    edges = graph.findall(f"{GEXF_NS}edges/{GEXF_NS}edge")
    ids = {n.get("id") for n in nodes}
    assert (len(ids), len(edges)) == (len(seed_graph.nodes), len(seed_graph.edges))
    assert all(n.get("label") for n in nodes) and all(e.get("label") for e in edges)
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    for element, domain in [(n, "node") for n in nodes] + [(e, "edge") for e in edges]:
        values = element.findall(f"{GEXF_NS}attvalues/{GEXF_NS}attvalue")
        assert all(v.get("for") in declared[domain] for v in values)
        assert len({v.get("for") for v in values}) == len(values)


def test_cytoscape_js_structure(seed_graph: PropertyGraph, tmp_path: Path) -> None:
    cytoscape.write(seed_graph, tmp_path / "g.cyjs")
    doc = json.loads((tmp_path / "g.cyjs").read_text(encoding="utf-8"))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert (len(nodes), len(edges)) == (len(seed_graph.nodes), len(seed_graph.edges))
    ids = [n["data"]["id"] for n in nodes]
    assert len(set(ids)) == len(ids)
    for n in nodes:
        assert isinstance(n["data"]["label"], str) and n["data"]["label"]
        assert n["data"]["type"] in {"Trial", "Arm", "Drug", "DrugClass", "Target",
                                     "TargetFamily", "Pathway", "Condition", "Organization"}  # fmt: skip
    edge_ids = [e["data"]["id"] for e in edges]
    assert len(set(edge_ids)) == len(edge_ids) and not set(edge_ids) & set(ids)
    for e in edges:
        assert {e["data"]["source"], e["data"]["target"]} <= set(ids)
        assert e["data"]["label"] and e["data"]["interaction"] == e["data"]["label"]
    assert Counter(n["data"]["type"] for n in nodes) == Counter(n.type for n in seed_graph.nodes)


def test_neo4j_admin_import_headers(seed_graph: PropertyGraph, tmp_path: Path) -> None:
    neo4j_csv.write(seed_graph, tmp_path / "neo4j")
    nodes = list(csv.reader(io.StringIO((tmp_path / "neo4j/nodes.csv").read_text("utf-8"))))
    rels = list(csv.reader(io.StringIO((tmp_path / "neo4j/relationships.csv").read_text("utf-8"))))
    node_head, rel_head = nodes[0], rels[0]
    assert node_head[:3] == ["iri:ID", ":LABEL", "label"]
    assert rel_head[:3] == [":START_ID", ":END_ID", ":TYPE"]
    for header in node_head[2:] + rel_head[3:]:
        name, _, kind = header.partition(":")
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name), header
        assert kind.removesuffix("[]") in NEO4J_TYPES | {""}, header
    assert (len(nodes) - 1, len(rels) - 1) == (len(seed_graph.nodes), len(seed_graph.edges))
    ids = {row[0] for row in nodes[1:]}
    assert len(ids) == len(seed_graph.nodes)
    assert all(row[0] in ids and row[1] in ids for row in rels[1:])
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", row[2]) for row in rels[1:])
    assert all(re.fullmatch(r"[A-Za-z]+", row[1]) for row in nodes[1:])
    # one line per record, so neo4j-admin needs no --multiline-fields
    cells = [cell for row in nodes + rels for cell in row]
    assert not any("\n" in cell or "\r" in cell for cell in cells)
