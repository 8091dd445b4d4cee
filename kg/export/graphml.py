"""GraphML (Gephi, Cytoscape, yEd, networkx): typed ``<key>`` declarations per attribute.

Nodes carry ``label`` and ``type``, edges ``label`` and ``predicate``, then each property
with its GraphML type (``string``, ``long``, ``double``, ``boolean``). Parallel edges
(a drug given in two arms) keep their own ids ``e0``, ``e1``, ….
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from kg.export.model import PropertyGraph
from kg.export.registry import register
from kg.export.xmlutil import text, write_xml

NS = "http://graphml.graphdrawing.org/xmlns"
GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def _keys(root: ET.Element, domain: str, fields: dict[str, type]) -> dict[str, str]:
    ids = {}
    for name, kind in fields.items():
        key = f"{domain[0]}_{name}"
        ET.SubElement(root, "key", {"id": key, "for": domain, "attr.name": name,
                                    "attr.type": GRAPHML_TYPES[kind]})  # fmt: skip
        ids[name] = key
    return ids


@register("graphml", ".graphml", "GraphML for Gephi, Cytoscape, yEd and networkx")
def write(graph: PropertyGraph, out: Path) -> None:
    """Write ``graph`` as GraphML to ``out``."""
    root = ET.Element("graphml", {"xmlns": NS})
    node_fields = {"label": str, "type": str, **graph.node_schema()}
    edge_fields = {"label": str, "predicate": str, **graph.edge_schema()}
    node_keys = _keys(root, "node", node_fields)
    edge_keys = _keys(root, "edge", edge_fields)
    g = ET.SubElement(root, "graph", {"id": "trialkg", "edgedefault": "directed"})
    for n in graph.nodes:
        el = ET.SubElement(g, "node", {"id": n.id})
        for name, v in {"label": n.label, "type": n.type, **n.props}.items():
            ET.SubElement(el, "data", {"key": node_keys[name]}).text = text(v, node_fields[name])
    for i, e in enumerate(graph.edges):
        el = ET.SubElement(g, "edge", {"id": f"e{i}", "source": e.source, "target": e.target})
        for name, v in {"label": e.label, "predicate": e.predicate, **e.props}.items():
            ET.SubElement(el, "data", {"key": edge_keys[name]}).text = text(v, edge_fields[name])
    write_xml(root, out)
