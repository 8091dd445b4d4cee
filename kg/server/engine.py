"""Running requests' SPARQL against a store, within the server's limits.

Every query is classified first (:func:`query_form`): SELECT, ASK, CONSTRUCT or DESCRIBE
run; updates (including LOAD) and SERVICE calls are refused unless the server was started
with ``--allow-update``. A query runs on a worker thread; the request waits at most
``timeout`` seconds for it and then answers 503 (an abandoned query keeps its worker until
it ends, and when every worker is taken, new queries get 503 at once). A result over
``max_results`` rows or triples is an error (422), never a silently cut table.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TypeVar

import pyoxigraph as ox

from kg.store.base import QueryError, Rows, Store, Term

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                "WITH")  # fmt: skip

# what may hide a keyword: comments, strings and IRIs (checked longest first)
_OPAQUE = re.compile(
    r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>",
    re.DOTALL,
)
_KEYWORD = re.compile(r"(?<![\w?$:])(" + "|".join(QUERY_FORMS + UPDATE_FORMS) + r")\b", re.I)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE\b", re.I)


class ServerError(Exception):
    """A request the server will not or cannot answer; ``status`` is its HTTP status."""

    status = 500


class Forbidden(ServerError):
    status = 403


class Unavailable(ServerError):
    status = 503


class TooLarge(ServerError):
    status = 422


DEFAULT_TIMEOUT = 30.0  # seconds
DEFAULT_LIMIT = 10_000  # rows or triples


@dataclass(frozen=True, slots=True)
class Limits:
    """How long a query may run, how big an answer may be, and whether writing is allowed."""

    timeout: float = DEFAULT_TIMEOUT
    max_results: int = DEFAULT_LIMIT
    allow_update: bool = False
    workers: int = 4


Result = Rows | bool | list[ox.Triple]
T = TypeVar("T")


def _bare(sparql: str) -> str:
    """The query text with comments, strings and IRIs blanked out."""
    return _OPAQUE.sub(" ", sparql)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for anything that writes.

    >>> query_form('PREFIX x: <http://e/> # ASK me\\nSELECT * WHERE { ?s x:p "CONSTRUCT" }')
    'SELECT'
    >>> query_form('DROP GRAPH <http://e/g>')
    'UPDATE'
    """
    match = _KEYWORD.search(_bare(sparql))
    if match is None:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE found")
    word = match.group(1).upper()
    return word if word in QUERY_FORMS else "UPDATE"


def uses_service(sparql: str) -> bool:
    """Whether the query calls out to another endpoint (``SERVICE``)."""
    return _SERVICE.search(_bare(sparql)) is not None


class Engine:
    """Runs SPARQL on ``store`` under ``limits``; one engine per server."""

    def __init__(self, store: Store, limits: Limits | None = None) -> None:
        self.store = store
        self.limits = limits or Limits()
        self._pool = ThreadPoolExecutor(self.limits.workers, thread_name_prefix="kg-query")
        self._slots = threading.BoundedSemaphore(self.limits.workers)

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Result:
        """Rows for SELECT, a bool for ASK, triples for CONSTRUCT and DESCRIBE."""
        form = query_form(sparql)
        if form == "UPDATE":
            raise Forbidden("this is a SPARQL update; send it as update= (and start kg serve "
                            "with --allow-update to accept updates)")  # fmt: skip
        if uses_service(sparql) and not self.limits.allow_update:
            raise Forbidden("SERVICE calls to other endpoints are disabled on this server "
                            "(start kg serve with --allow-update to allow them)")  # fmt: skip
        result = self._within_time(lambda: self._evaluate(form, sparql, bindings))
        size = len(result) if not isinstance(result, bool) else 1
        if size > self.limits.max_results:
            unit = "rows" if isinstance(result, Rows) else "triples"
            raise TooLarge(f"the result has {size} {unit}, over this server's limit of "
                           f"{self.limits.max_results}; add a LIMIT or narrow the query")  # fmt: skip
        return result

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (only with ``allow_update``)."""
        if not self.limits.allow_update:
            raise Forbidden("this server is read-only; start kg serve with --allow-update "
                            "to accept SPARQL updates")  # fmt: skip
        run = getattr(self.store, "update", None)
        if run is None:
            raise Forbidden("this store backend does not take SPARQL updates")
        self._within_time(lambda: run(sparql))

    def close(self) -> None:
        """Stop taking work (running queries are left to finish)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _evaluate(self, form: str, sparql: str, bindings: Mapping[str, Term] | None) -> Result:
        if form in ("CONSTRUCT", "DESCRIBE"):
            return self.store.construct(sparql, bindings)
        rows = self.store.select(sparql, bindings)
        if form == "ASK":
            return (
                bool(rows.rows) and rows.rows[0][0] is not None and rows.rows[0][0].value == "true"
            )
        return rows

    def _within_time(self, work: Callable[[], T]) -> T:
        if not self._slots.acquire(blocking=False):
            raise Unavailable(f"the server is busy: {self.limits.workers} queries are running; "
                              "try again shortly")  # fmt: skip
        future = self._pool.submit(work)
        future.add_done_callback(lambda _: self._slots.release())
        try:
            return future.result(timeout=self.limits.timeout)
        except FutureTimeout:
            raise Unavailable(f"the query ran longer than this server's timeout of "
                              f"{self.limits.timeout:g} s; narrow it or add a LIMIT") from None  # fmt: skip
