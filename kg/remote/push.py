"""``kg push``: copy every named graph of a store to a SPARQL server (Graph Store Protocol)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pyoxigraph as ox

from kg.store.base import Store
from kg.store.sparql import SparqlStore


def push(
    local: Store, remote: SparqlStore, on_graph: Callable[[str, int], None] | None = None
) -> list[str]:
    """PUT each of ``local``'s named graphs to ``remote``, replacing what it held there.

    Each graph goes whole in one request, so each is swapped atomically on the server (the
    push as a whole is not: graphs already sent stay if a later one fails). Graphs the
    server holds that ``local`` does not are left alone. ``on_graph(name, bytes)`` is called
    after each. Returns the graphs pushed.
    """
    pushed = []
    for graph in local.graphs():
        out = io.BytesIO()
        local.dump(out, ox.RdfFormat.N_TRIPLES, graph)
        remote.put_graph(graph, out.getvalue())
        pushed.append(graph)
        if on_graph is not None:
            on_graph(graph, out.tell())
    return pushed
