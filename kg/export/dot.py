"""Graphviz DOT: one statement per line, nodes filled by type, edges labelled.

Every property is written as a quoted attribute (DOT has no types; Graphviz ignores names
it does not know), so ``dot -Tsvg`` draws it and other tools can still read the data.
"""

from __future__ import annotations

from pathlib import Path

from kg.export.model import PropertyGraph, Value, format_value
from kg.export.registry import register
from kg.export.style import colour


def quote(value: Value) -> str:
    r"""A DOT quoted string (``"`` and ``\`` escaped, newlines as ``\n``).

    >>> quote('say "hi"')
    '"say \\"hi\\""'
    """
    text = format_value(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r", "").replace("\n", "\\n") + '"'


def _attrs(pairs: dict[str, Value]) -> str:
    return ", ".join(f"{quote(k)}={quote(v)}" for k, v in pairs.items())


@register("dot", ".dot", "Graphviz DOT (dot -Tsvg export.dot > export.svg)")
def write(graph: PropertyGraph, out: Path) -> None:
    """Write ``graph`` as a DOT digraph to ``out``."""
    lines = [
        "digraph trialkg {",
        '  graph [rankdir="LR", overlap="false"];',
        '  node [shape="box", style="rounded,filled", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize="9"];',
    ]
    for n in graph.nodes:
        attrs = {"label": n.label, "type": n.type, "fillcolor": colour(n.type), **n.props}
        lines.append(f"  {quote(n.id)} [{_attrs(attrs)}];")
    for e in graph.edges:
        attrs = {"label": e.label, "predicate": e.predicate, **e.props}
        lines.append(f"  {quote(e.source)} -> {quote(e.target)} [{_attrs(attrs)}];")
    lines.append("}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
