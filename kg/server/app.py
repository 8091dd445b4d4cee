"""The WSGI application behind ``kg serve``.

* ``/sparql`` — the SPARQL 1.1 Protocol: GET or POST, ``query=`` (or an
  ``application/sparql-query`` body); results by content negotiation, ``format=`` overriding;
  ``update=`` (or an ``application/sparql-update`` body) only with ``--allow-update``.
* ``/queries`` — the named queries as JSON; ``/queries/<name>?param=…`` runs one.
* ``/graph?trial=NCT…`` — one trial's neighbourhood (drugs, targets, conditions, sponsors).
* ``/`` and ``/static/…`` — the query page, shipped in the package.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from kg import queries
from kg.normalize.lexicon import Lexicon
from kg.server.engine import Engine, Result, ServerError
from kg.server.neighbourhood import NEIGHBOURHOOD
from kg.server.results import (
    NotAcceptable,
    boolean_body,
    graph_body,
    media_type,
    negotiate,
    rows_body,
)
from kg.store.base import QueryError, Rows, StoreError

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 1 << 20  # bytes of request body read at most

StartResponse = Callable[..., Any]
Params = dict[str, list[str]]

_STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}  # fmt: skip
_CORS = [("Access-Control-Allow-Origin", "*"),
         ("Access-Control-Allow-Headers", "Content-Type, Accept"),
         ("Access-Control-Allow-Methods", "GET, POST, OPTIONS")]  # fmt: skip


class HttpError(ServerError):
    """A request error with its own status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class App:
    """The server's routes over one :class:`Engine`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            status, headers, body = self.route(environ)
        except (HttpError, ServerError) as exc:
            status, headers, body = exc.status, _text_type(), _message(exc)
        except NotAcceptable as exc:
            status, headers, body = 406, _text_type(), _message(exc)
        except QueryError as exc:
            status, headers, body = 400, _text_type(), _message(exc)
        except StoreError as exc:
            status, headers, body = 500, _text_type(), _message(exc)
        headers = [*headers, *_CORS, ("Content-Length", str(len(body)))]
        start_response(f"{status} {_REASONS.get(status, 'Status')}", headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    def route(self, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        """(status, headers, body) for one request."""
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        if method == "OPTIONS":
            return 204, [], b""
        if method not in ("GET", "HEAD", "POST"):
            raise HttpError(405, f"method {method} not allowed")
        if path == "/sparql":
            return self.sparql(environ)
        if method == "POST":
            raise HttpError(405, f"POST is only taken at /sparql, not {path}")
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if path in ("/", "/index.html"):
            return _static("index.html")
        if path.startswith("/static/"):
            return _static(path.removeprefix("/static/"))
        if path == "/queries":
            return 200, [("Content-Type", "application/json")], _query_list()
        if path.startswith("/queries/"):
            return self.named(path.removeprefix("/queries/"), params, environ)
        if path == "/graph":
            return self.neighbourhood(params, environ)
        raise HttpError(404, f"nothing at {path}; see / for the query page, /sparql, /queries")

    def sparql(self, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        """The SPARQL 1.1 Protocol endpoint."""
        params = _request_params(environ)
        if any(v for v in params.get("default-graph-uri", []) + params.get("named-graph-uri", [])):
            raise HttpError(400, "default-graph-uri and named-graph-uri are not supported: "
                                 "the default graph is the union of all graphs; use GRAPH or FROM")  # fmt: skip
        if "update" in params:
            if environ.get("REQUEST_METHOD") != "POST":
                raise HttpError(400, "a SPARQL update must be sent by POST")
            self.engine.update(_one(params, "update"))
            return 204, [], b""
        if "query" not in params:
            raise HttpError(400, "missing query: send query=… (GET or POST form) or an "
                                 "application/sparql-query body")  # fmt: skip
        result = self.engine.query(_one(params, "query"))
        return _answer(result, environ, _first(params, "format"))

    def named(
        self, name: str, params: Params, environ: dict[str, Any]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """Run one named query, its parameters from the query string."""
        query = queries.library().get(name)
        if query is None:
            raise HttpError(404, f"no named query {name!r}; see /queries")
        fmt = _first(params, "format")
        values = {k: v[-1] for k, v in params.items() if k != "format"}
        bindings = queries.bind(query, values, Lexicon.load())
        return _answer(self.engine.query(query.sparql, bindings), environ, fmt)

    def neighbourhood(
        self, params: Params, environ: dict[str, Any]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """One trial with its interventions, drugs, targets, conditions and sponsors."""
        trial = _first(params, "trial")
        if not trial:
            raise HttpError(400, "missing trial=NCT… (an NCT id or a trial IRI)")
        iri = queries.resolve_param(
            queries.Param("trial", "iri", ""), trial.strip(), Lexicon.load()
        )
        result = self.engine.query(NEIGHBOURHOOD, {"trial": iri})
        return _answer(result, environ, _first(params, "format"))


def _answer(
    result: Result, environ: dict[str, Any], fmt: str | None
) -> tuple[int, list[tuple[str, str]], bytes]:
    graph = isinstance(result, list)
    chosen = negotiate(graph, environ.get("HTTP_ACCEPT"), fmt)
    if isinstance(result, list):
        body = graph_body(result, chosen)
    elif isinstance(result, Rows):
        body = rows_body(result, chosen)
    else:
        body = boolean_body(result, chosen)
    return 200, [("Content-Type", media_type(graph, chosen)), ("Vary", "Accept")], body


def _request_params(environ: dict[str, Any]) -> Params:
    """Query-string parameters, plus a POST's form fields or its SPARQL body."""
    params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if environ.get("REQUEST_METHOD") != "POST":
        return params
    ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    body = _body(environ)
    if ctype == "application/x-www-form-urlencoded":
        for key, values in parse_qs(body, keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
    elif ctype == "application/sparql-query":
        params["query"] = [body]
    elif ctype == "application/sparql-update":
        params["update"] = [body]
    else:
        raise HttpError(415, f"POST wants application/x-www-form-urlencoded, "
                             f"application/sparql-query or application/sparql-update, not {ctype!r}")  # fmt: skip
    return params


def _body(environ: dict[str, Any]) -> str:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HttpError(400, "bad Content-Length") from None
    if length > MAX_BODY:
        raise HttpError(413, f"request body over {MAX_BODY} bytes")
    raw: bytes = environ["wsgi.input"].read(length) if length else b""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "the request body is not UTF-8") from None


def _one(params: Params, name: str) -> str:
    values = params[name]
    if len(values) != 1:
        raise HttpError(400, f"exactly one {name}= expected, got {len(values)}")
    return values[0]


def _first(params: Params, name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def _query_list() -> bytes:
    listing = [
        {
            "name": q.name,
            "description": q.description,
            "columns": list(q.columns),
            "scope": q.scope,
            "params": [
                {
                    "name": p.name,
                    "type": p.type,
                    "description": p.description,
                    "optional": p.optional,
                    "default": p.default,
                }
                for p in q.params
            ],
            "sparql": q.sparql,
        }  # fmt: skip
        for q in queries.library().values()
    ]
    return json.dumps(listing, ensure_ascii=False, indent=1).encode("utf-8")


def _static(name: str) -> tuple[int, list[tuple[str, str]], bytes]:
    path = STATIC / name
    if "/" in name or "\\" in name or name.startswith(".") or not path.is_file():
        raise HttpError(404, f"no static file {name!r}")
    ctype = _STATIC_TYPES.get(path.suffix, "application/octet-stream")
    return 200, [("Content-Type", ctype), ("Cache-Control", "no-cache")], path.read_bytes()


def _text_type() -> list[tuple[str, str]]:
    return [("Content-Type", "text/plain; charset=utf-8")]


def _message(exc: Exception) -> bytes:
    return (" ".join(str(exc).split()) + "\n").encode("utf-8")


_REASONS = {200: "OK", 204: "No Content", 400: "Bad Request", 403: "Forbidden",
            404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
            413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content",
            500: "Internal Server Error", 503: "Service Unavailable"}  # fmt: skip
