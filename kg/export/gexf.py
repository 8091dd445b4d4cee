"""GEXF 1.3 (Gephi's own format): native node and edge labels, typed attribute columns.

Each node has ``label`` and an attribute ``type`` (partition by it in Gephi's Appearance
panel); each edge has ``label`` and attributes ``predicate`` plus its properties.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from kg import __version__
from kg.export.model import PropertyGraph, Props
from kg.export.registry import register
from kg.export.xmlutil import text, write_xml

NS = "http://gexf.net/1.3"
GEXF_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def _attributes(graph_el: ET.Element, domain: str, fields: dict[str, type]) -> dict[str, str]:
    el = ET.SubElement(graph_el, "attributes", {"class": domain, "mode": "static"})
    ids = {}
    for i, (name, kind) in enumerate(fields.items()):
        ids[name] = f"{domain[0]}{i}"
        ET.SubElement(el, "attribute", {"id": ids[name], "title": name, "type": GEXF_TYPES[kind]})
    return ids


def _values(
    parent: ET.Element, ids: dict[str, str], fields: dict[str, type], values: Props
) -> None:
    box = ET.SubElement(parent, "attvalues")
    for name, v in values.items():
        ET.SubElement(box, "attvalue", {"for": ids[name], "value": text(v, fields[name])})


@register("gexf", ".gexf", "GEXF 1.3 for Gephi")
def write(graph: PropertyGraph, out: Path) -> None:
    """Write ``graph`` as GEXF 1.3 to ``out``."""
    root = ET.Element("gexf", {"xmlns": NS, "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = f"trialkg {__version__}"
    g = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    node_fields = {"type": str, **graph.node_schema()}
    edge_fields = {"predicate": str, **graph.edge_schema()}
    node_ids = _attributes(g, "node", node_fields)
    edge_ids = _attributes(g, "edge", edge_fields)
    nodes = ET.SubElement(g, "nodes")
    for n in graph.nodes:
        el = ET.SubElement(nodes, "node", {"id": n.id, "label": n.label})
        _values(el, node_ids, node_fields, {"type": n.type, **n.props})
    edges = ET.SubElement(g, "edges")
    for i, e in enumerate(graph.edges):
        attrs = {"id": f"e{i}", "source": e.source, "target": e.target, "label": e.label}
        el = ET.SubElement(edges, "edge", attrs)
        _values(el, edge_ids, edge_fields, {"predicate": e.predicate, **e.props})
    write_xml(root, out)
