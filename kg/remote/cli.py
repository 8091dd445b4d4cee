"""``kg push``: upload the store's graphs to a SPARQL server; the ``--endpoint`` option of ``kg query``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kg.store import DEFAULT_STORE, StoreError


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
        help="its Graph Store Protocol endpoint (default: beside --endpoint: "
        "/store for …/query, /sparql-graph-crud for …/sparql)",
    )
    parser.add_argument("--user", help="user name for the server, if it wants one")
    parser.add_argument("--password", help="that user's password")  # fmt: skip


def remote_store(args: argparse.Namespace) -> Any:
    """The :class:`~kg.store.sparql.SparqlStore` the options name."""
    from kg.store.sparql import SparqlStore

    return SparqlStore(args.endpoint, graph_store=getattr(args, "graph_store", None),
                       user=getattr(args, "user", None), password=getattr(args, "password", None))  # fmt: skip


def add_commands(subparsers: Any) -> None:
    """Add ``kg push`` to the ``kg`` command line."""
    p = subparsers.add_parser("push", help="upload every named graph to a SPARQL server")
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
