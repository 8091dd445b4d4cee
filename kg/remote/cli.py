"""``kg push``: upload the store's graphs to a SPARQL server; the ``--endpoint`` option of ``kg query``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from kg.store import DEFAULT_STORE, StoreError

#: environment variables read when ``--user`` / ``--password`` are not given
USER_ENV, PASSWORD_ENV = "KG_SPARQL_USER", "KG_SPARQL_PASSWORD"

AUTH_HELP = f"""\
authentication: with --user (or ${USER_ENV}) every request to the graph store answers the
server's HTTP digest or basic challenge; give the password in ${PASSWORD_ENV} rather than
with --password, which other users of the machine can see in the process list. Against
Virtuoso (an endpoint ending in /sparql), a user switches the default graph store to its
authenticated /sparql-graph-crud-auth, e.g.
  KG_SPARQL_PASSWORD=dba kg push --endpoint http://127.0.0.1:8890/sparql --user dba
(the plain /sparql-graph-crud takes writes only after `GRANT SPARQL_UPDATE TO "SPARQL"`)."""


def endpoint_options(parser: argparse.ArgumentParser) -> None:
    """``--endpoint URL`` (and where its updates and graph store are, if not beside it)."""
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="a SPARQL 1.1 query endpoint (e.g. http://host:7878/query, http://host:8890/sparql)",
    )
    parser.add_argument(
        "--graph-store",
        metavar="URL",
        help="its Graph Store Protocol endpoint (default: beside --endpoint: /store for "
        "…/query, /sparql-graph-crud for …/sparql, /sparql-graph-crud-auth with --user)",
    )
    parser.add_argument(
        "--user", help=f"user name for the server, if it wants one (default: ${USER_ENV})"
    )
    parser.add_argument(
        "--password", help=f"that user's password (default: ${PASSWORD_ENV}, which is safer)"
    )


def graph_store_for(endpoint: str, graph_store: str | None, user: str | None) -> str | None:
    """The graph store to use: as given, else Virtuoso's authenticated one for a user.

    >>> graph_store_for("http://h:8890/sparql", None, "dba")
    'http://h:8890/sparql-graph-crud-auth'
    >>> graph_store_for("http://h:8890/sparql", None, None) is None
    True
    >>> graph_store_for("http://h:7878/query", None, "admin") is None
    True
    """
    if graph_store or user is None or not endpoint.rstrip("/").endswith("/sparql"):
        return graph_store
    return f"{endpoint.rstrip('/')}-graph-crud-auth"


def remote_store(args: argparse.Namespace) -> Any:
    """The :class:`~kg.store.sparql.SparqlStore` the options (and environment) name."""
    from kg.store.sparql import SparqlStore

    user = getattr(args, "user", None) or os.environ.get(USER_ENV) or None
    password = getattr(args, "password", None)
    if password is None:
        password = os.environ.get(PASSWORD_ENV)
    if password is not None and user is None:
        raise StoreError(f"a password needs a user name: give --user or set ${USER_ENV}")
    graph_store = graph_store_for(args.endpoint, getattr(args, "graph_store", None), user)
    return SparqlStore(args.endpoint, graph_store=graph_store, user=user, password=password)


def add_commands(subparsers: Any) -> None:
    """Add ``kg push`` to the ``kg`` command line."""
    p = subparsers.add_parser(
        "push",
        help="upload every named graph to a SPARQL server",
        description="Upload every named graph of the store to a SPARQL server through the "
        "SPARQL 1.1 Graph Store Protocol (one PUT per graph, replacing it there).",
        epilog=AUTH_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    endpoint_options(p)
    p.add_argument(
        "--store",
        type=Path,
        default=DEFAULT_STORE,
        help=f"the embedded store folder (default: {DEFAULT_STORE})",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="one line per graph")  # fmt: skip
    p.set_defaults(handler=cmd_push)


def cmd_push(args: argparse.Namespace) -> int:
    """Push every graph, then say how many went where."""
    from kg.remote.push import push
    from kg.store import open_store

    if not args.endpoint:
        raise StoreError("kg push needs --endpoint URL (a SPARQL query endpoint)")
    if not args.store.exists():
        raise StoreError(
            f"{args.store}: no store here yet; run `kg build FILES --store {args.store}` first"
        )
    local = open_store(args.store, read_only=True)
    remote = remote_store(args)

    def progress(graph: str, size: int) -> None:
        if args.verbose:
            print(f"{graph}: {size} bytes")

    try:
        graphs = push(local, remote, progress)
    finally:
        local.close()
    print(f"pushed {len(graphs)} graph(s) to {remote.graph_store}", file=sys.stderr)
    return 0
