"""CSV for ``neo4j-admin database import``: ``nodes.csv`` and ``relationships.csv``.

Headers follow the import tool: ``iri:ID`` (the node's IRI, kept as property ``iri``),
``:LABEL`` (the node type), ``label``, then typed properties (``enrollment:long``,
``dose:double`` — ``double`` rather than ``float``, which Neo4j would cut to 32 bits);
relationships have ``:START_ID``, ``:END_ID``, ``:TYPE`` (the edge label in upper case,
``GIVES``), ``label`` and ``predicate``. ``--out`` names a folder, or a ``.zip`` holding both::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from kg.export.model import PropertyGraph, Props, coerce, format_value
from kg.export.registry import register

NEO4J_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
NODE_FILE, EDGE_FILE = "nodes.csv", "relationships.csv"


def _header(fixed: list[str], fields: dict[str, type]) -> list[str]:
    return fixed + [f"{k}:{NEO4J_TYPES[t]}" for k, t in fields.items()]


def _cells(props: Props, fields: dict[str, type]) -> list[str]:
    return [format_value(coerce(props[k], t)) if k in props else "" for k, t in fields.items()]


def _csv(header: list[str], rows: Iterable[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def tables(graph: PropertyGraph) -> dict[str, str]:
    """File name -> CSV text."""
    nf, ef = graph.node_schema(), graph.edge_schema()
    nodes = _csv(
        _header(["iri:ID", ":LABEL", "label"], nf),
        ([n.id, n.type, n.label, *_cells(n.props, nf)] for n in graph.nodes),
    )
    rels = _csv(
        _header([":START_ID", ":END_ID", ":TYPE", "label", "predicate"], ef),
        (
            [e.source, e.target, e.label.upper(), e.label, e.predicate, *_cells(e.props, ef)]
            for e in graph.edges
        ),
    )
    return {NODE_FILE: nodes, EDGE_FILE: rels}


@register("neo4j-csv", "", "nodes.csv + relationships.csv for neo4j-admin import (folder or .zip)")
def write(graph: PropertyGraph, out: Path) -> None:
    """Write both CSV files into the folder ``out``, or into a zip if ``out`` ends in .zip."""
    files = tables(graph)
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, text in files.items():
                z.writestr(name, text)
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
