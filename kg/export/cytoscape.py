"""Cytoscape.js JSON (``elements``: ``nodes`` and ``edges``, each a ``data`` object).

Cytoscape desktop imports the same file (File → Import → Network from File): ``name`` is
its node label column and ``interaction`` its edge label, so both are written as well.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg import __version__
from kg.export.model import PropertyGraph, coerce
from kg.export.registry import register


def elements(graph: PropertyGraph) -> dict[str, list[dict[str, Any]]]:
    """The graph as Cytoscape.js elements (also what the HTML view draws)."""
    node_types, edge_types = graph.node_schema(), graph.edge_schema()
    nodes = [
        {
            "data": {
                "id": n.id,
                "label": n.label,
                "name": n.label,
                "type": n.type,
                **{k: coerce(v, node_types[k]) for k, v in n.props.items()},
            }
        }
        for n in graph.nodes
    ]
    edges = [
        {
            "data": {
                "id": f"e{i}",
                "source": e.source,
                "target": e.target,
                "label": e.label,
                "interaction": e.label,
                "predicate": e.predicate,
                **{k: coerce(v, edge_types[k]) for k, v in e.props.items()},
            }
        }
        for i, e in enumerate(graph.edges)
    ]
    return {"nodes": nodes, "edges": edges}


@register("cytoscape", ".cyjs", "Cytoscape.js JSON, also read by Cytoscape desktop")
def write(graph: PropertyGraph, out: Path) -> None:
    """Write ``graph`` as Cytoscape.js JSON to ``out``."""
    doc = {
        "format_version": "1.0",
        "generated_by": f"trialkg {__version__}",
        "target_cytoscapejs_version": "~3.2",
        "data": {"name": "trialkg"},
        "elements": elements(graph),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
