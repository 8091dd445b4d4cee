"""A self-contained interactive HTML view: the graph as JSON plus inline JS and CSS.

No CDN and no library: ``html_view.js`` (a small force-directed layout in SVG, with drag,
pan, zoom, search, a legend that hides types, and a details panel) and ``html_view.css``
are inlined. The graph travels as Cytoscape.js elements in a ``<script type=
"application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the script only ever
sets ``textContent``, so text from documents cannot become markup.
"""

from __future__ import annotations

import html
import json
from importlib.resources import files
from pathlib import Path

from kg import __version__
from kg.export.cytoscape import elements
from kg.export.model import PropertyGraph
from kg.export.registry import register
from kg.export.style import COLOURS, OTHER

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trialkg {version}">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<svg id="view" role="img" aria-label="{title}"></svg>
<aside id="panel">
<h1>{title}</h1>
<p>{summary}</p>
<input id="search" type="search" placeholder="find a node by label">
<h2>Types</h2>
<div id="legend"></div>
<div id="details"><p>Click a node for its properties and edges; double-click the
background to clear.</p></div>
</aside>
<script type="application/json" id="trialkg-data">{data}</script>
<script>
{js}</script>
</body>
</html>
"""


def script_json(value: object) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no ``<!--``).

    >>> script_json({"t": "</script>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(graph: PropertyGraph, title: str = "trialkg graph") -> str:
    """The whole HTML document."""
    here = files("kg.export")
    data = {"elements": elements(graph), "colours": COLOURS, "other": OTHER}
    return PAGE.format(
        version=html.escape(__version__),
        title=html.escape(title),
        summary=f"{len(graph.nodes)} nodes, {len(graph.edges)} edges",
        css=here.joinpath("html_view.css").read_text(encoding="utf-8"),
        js=here.joinpath("html_view.js").read_text(encoding="utf-8"),
        data=script_json(data),
    )


@register("html", ".html", "a self-contained interactive page (no network needed)")
def write(graph: PropertyGraph, out: Path) -> None:
    """Write the interactive view of ``graph`` to ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page(graph), encoding="utf-8")
