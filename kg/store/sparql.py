"""A remote backend: any SPARQL 1.1 server, through the Protocol and the Graph Store Protocol.

Queries go through SPARQLWrapper with their parameters bound by
:func:`kg.store.base.with_values`, as on every backend, so a named query gives the same
rows here as on the embedded store, provided the server's default graph is the union of its
named graphs (Virtuoso's is; start Oxigraph with ``--union-default-graph``). Graphs are
written and read whole through the Graph Store Protocol (``PUT``/``GET``/``DELETE
?graph=IRI``).

Where the other endpoints are, when not given: an endpoint ending in ``/query`` (Oxigraph,
Fuseki) has ``/update`` and ``/store`` beside it (Fuseki users pass ``graph_store=…/data``);
one ending in ``/sparql`` (Virtuoso) takes updates itself and has ``/sparql-graph-crud``.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, BinaryIO
from urllib.parse import quote

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.store.base import QueryError, Rows, StoreError, Term, with_values

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def default_endpoints(endpoint: str) -> tuple[str, str]:
    """(update endpoint, graph store) beside a query endpoint, by the servers' conventions.

    >>> default_endpoints("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
    >>> default_endpoints("http://127.0.0.1:8890/sparql")
    ('http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql-graph-crud')
    """
    base = endpoint.rstrip("/")
    if base.endswith("/query"):
        root = base.removesuffix("/query")
        return f"{root}/update", f"{root}/store"
    if base.endswith("/sparql"):
        return base, f"{base}-graph-crud"
    return base, base


class SparqlStore:
    """A store behind a SPARQL 1.1 endpoint (and its Graph Store Protocol endpoint)."""

    def __init__(self, endpoint: str, update_endpoint: str | None = None,
                 graph_store: str | None = None, *, user: str | None = None,
                 password: str | None = None, timeout: float = 120.0) -> None:  # fmt: skip
        default_update, default_store = default_endpoints(endpoint)
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or default_update
        self.graph_store = graph_store or default_store
        self.user, self.password, self.timeout = user, password, timeout
        self._opener = urllib.request.build_opener(*self._auth_handlers())

    # -- the Store protocol ------------------------------------------------------------

    def replace_graph(
        self, graph: str, quads: Sequence[ox.Quad], *, drop: Iterable[str] = ()
    ) -> None:
        """PUT the graph (one request: the server swaps it whole), then drop ``drop``."""
        body = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
        self.put_graph(graph, body)
        for stale in drop:
            if stale != graph:
                self.drop_graph(stale)

    def replace_graphs(
        self, graphs: Sequence[tuple[str, bytes]], *, drop: Iterable[str] = ()
    ) -> None:
        """PUT each graph (the server swaps each whole), then drop ``drop``: one request per
        graph, so a failure part-way leaves the graphs before it written."""
        names = {g for g, _ in graphs}
        for graph, nquads in graphs:
            quads = ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
            body = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
            self.put_graph(graph, body or b"")
        for stale in drop:
            if stale not in names:
                self.drop_graph(stale)

    def drop_graph(self, graph: str) -> None:
        """DELETE the graph (a graph that is not there is no error)."""
        self._request("DELETE", graph, ok=(200, 204, 404))

    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(t.value for (t,) in rows.rows if isinstance(t, ox.NamedNode))

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        client = self._client(self.endpoint, with_values(sparql, bindings))
        client.setReturnFormat(JSON)
        result: Any = self._run(client).convert()
        if "boolean" in result:
            answer = "true" if result["boolean"] else "false"
            return Rows(("ask",), ((ox.Literal(answer, datatype=_BOOLEAN),),))
        columns = tuple(result["head"]["vars"])
        rows = tuple(
            tuple(_term(b[c]) if c in b else None for c in columns)
            for b in result["results"]["bindings"]
        )
        return Rows(columns, rows)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        client = self._client(self.endpoint, with_values(sparql, bindings))
        client.setReturnFormat(TURTLE)
        raw = self._run(client).response.read()
        return [q.triple for q in _parse(raw, "the CONSTRUCT result")]

    def dump(self, out: BinaryIO, fmt: ox.RdfFormat, graph: str | None = None) -> None:
        if graph is not None:
            ox.serialize(self.graph_triples(graph), out, format=fmt)
            return
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
            for g in self.graphs()
            for t in self.graph_triples(g)
        ]
        ox.serialize(quads, out, format=fmt)

    def close(self) -> None:
        """Nothing to release: every call is its own HTTP request."""

    # -- beyond the protocol -----------------------------------------------------------

    def update(self, sparql: str) -> None:
        """Run a SPARQL update at the update endpoint."""
        client = self._client(self.update_endpoint, sparql)
        self._run(client)

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace a graph with N-Triples (Graph Store Protocol PUT)."""
        self._request("PUT", graph, body=ntriples, ok=(200, 201, 204))

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one graph (Graph Store Protocol GET)."""
        raw = self._request("GET", graph, ok=(200,))
        return [q.triple for q in _parse(raw, f"graph {graph}")]

    # -- plumbing ----------------------------------------------------------------------

    def _client(self, url: str, sparql: str) -> SPARQLWrapper:
        client = SPARQLWrapper(url)
        client.setMethod(POST)
        client.setTimeout(int(self.timeout))
        client.setQuery(sparql)
        if self.user is not None:
            client.setCredentials(self.user, self.password)
        return client

    def _run(self, client: SPARQLWrapper) -> Any:
        try:
            return client.query()
        except SPARQLWrapperException as exc:
            raise QueryError(f"{client.endpoint}: {_one_line(exc)}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(
                f"{client.endpoint}: cannot reach the server: {_one_line(exc)}"
            ) from exc

    def _request(self, method: str, graph: str, body: bytes | None = None,
                 ok: tuple[int, ...] = (200,)) -> bytes:  # fmt: skip
        url = f"{self.graph_store}?graph={quote(graph, safe='')}"
        headers = {"Accept": "text/turtle, application/n-triples;q=0.9"} if method == "GET" else {}
        if body is not None:
            headers["Content-Type"] = "text/turtle"  # N-Triples is Turtle; every server takes it
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as exc:
            if exc.code in ok:
                return b""
            detail = _one_line(exc.read().decode("utf-8", "replace"))[:300]
            raise StoreError(f"{method} {url}: HTTP {exc.code} {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{method} {url}: cannot reach the server: {_one_line(exc)}") from exc

    def _auth_handlers(self) -> list[urllib.request.BaseHandler]:
        if self.user is None:
            return []
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.graph_store, self.user, self.password or "")
        return [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]


def _term(binding: Mapping[str, str]) -> Term:
    """A SPARQL JSON result term as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    datatype = binding.get("datatype", _XSD_STRING)
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


def _parse(raw: bytes, what: str) -> list[ox.Quad]:
    try:
        return list(ox.parse(io.BytesIO(raw), format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise StoreError(f"the server sent {what} as unreadable Turtle: {_one_line(exc)}") from exc


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())
