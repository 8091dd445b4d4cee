"""``kg serve``: serve the store over HTTP (SPARQL endpoint, named queries, query page)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kg.server.engine import DEFAULT_LIMIT, DEFAULT_TIMEOUT, Limits
from kg.store import DEFAULT_STORE, StoreError


def add_commands(subparsers: Any) -> None:
    """Add ``kg serve`` to the ``kg`` command line."""
    s = subparsers.add_parser("serve", help="a SPARQL endpoint, the named queries and a query page")
    s.add_argument(
        "--store",
        type=Path,
        default=DEFAULT_STORE,
        help=f"the embedded store folder (default: {DEFAULT_STORE})",
    )
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    s.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds a query may run (default {DEFAULT_TIMEOUT:g})",
    )
    s.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        help=f"most rows or triples in one answer (default {DEFAULT_LIMIT})",
    )
    s.add_argument(
        "--allow-update",
        action="store_true",
        help="accept SPARQL updates (incl. LOAD) and SERVICE calls; off by default",
    )
    s.add_argument("--quiet", action="store_true", help="do not log requests")
    s.set_defaults(handler=cmd_serve)  # fmt: skip


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    from kg.server.http import ServedOxigraphStore, build_server

    if not args.store.exists():
        raise StoreError(
            f"{args.store}: no store here yet; run `kg build FILES --store {args.store}` first"
        )
    store = ServedOxigraphStore(args.store, read_only=not args.allow_update)
    limits = Limits(timeout=args.timeout, max_results=args.limit, allow_update=args.allow_update)
    server = build_server(store, args.host, args.port, limits, quiet=args.quiet)
    print(
        f"kg serve: http://{args.host}:{server.server_port}/ (SPARQL at /sparql; "
        f"{'read-write' if args.allow_update else 'read-only'}); Ctrl-C stops",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    finally:
        server.server_close()
        store.close()
    return 0
