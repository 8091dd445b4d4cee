"""The HTTP server: the stdlib's WSGI server, one thread per request."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pyoxigraph as ox

from kg.server.app import App
from kg.server.engine import Engine, Limits, query_form
from kg.store.base import QueryError, Rows, Store, Term
from kg.store.oxigraph import OxigraphStore


class ThreadingServer(ThreadingMixIn, WSGIServer):
    """A WSGI server answering each request on its own thread."""

    daemon_threads = True
    allow_reuse_address = True


class QuietHandler(WSGIRequestHandler):
    """Logs one line per request to stderr, or nothing when ``quiet``."""

    quiet = False

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the stdlib's name)
        if not self.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


class ServedOxigraphStore(OxigraphStore):
    """The embedded store as the server needs it: ASK answered, SPARQL updates taken.

    ``OxigraphStore.select`` expects a bool for ASK but pyoxigraph 0.5 returns a
    ``QueryBoolean``; this override goes once the base class handles it.
    """

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        if query_form(sparql) != "ASK":
            return super().select(sparql, bindings)
        answer = "true" if bool(self._query(sparql, bindings)) else "false"
        return Rows(("ask",), ((ox.Literal(answer, datatype=_BOOLEAN),),))

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (the engine allows it only with ``--allow-update``)."""
        store: ox.Store = self._store
        try:
            store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {' '.join(str(exc).split())}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"update failed: {' '.join(str(exc).split())}") from exc


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def build_server(store: Store, host: str = "127.0.0.1", port: int = 8000,
                 limits: Limits | None = None, quiet: bool = False) -> WSGIServer:  # fmt: skip
    """A server for ``store`` bound to ``host:port`` (port 0 picks a free one); not started."""
    handler = type("Handler", (QuietHandler,), {"quiet": quiet})
    app = App(Engine(store, limits))
    return make_server(host, port, app, server_class=ThreadingServer, handler_class=handler)
