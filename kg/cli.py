"""``kg``: the command line. Each command parses its arguments and makes one library call.

A user's mistake (a missing file, a bad query, an unknown parameter) is reported as one
line on stderr with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg import __version__
from kg.store import DEFAULT_STORE, OxigraphStore, QueryError, Store, StoreError, open_store

#: modules that add commands of their own (``add_commands(subparsers)``), if installed
EXTENSIONS = ("kg.server.cli", "kg.export.cli", "kg.analysis.cli", "kg.remote.cli")

Handler = Callable[[argparse.Namespace], int]


class UserError(Exception):
    """A mistake in what the user asked for; printed as one line."""


def store_option(parser: argparse.ArgumentParser) -> None:
    """The ``--store PATH`` option every command takes."""
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE,
                        help=f"the embedded store folder (default: {DEFAULT_STORE})")  # fmt: skip


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``["drug=AK105"]`` -> ``{"drug": "AK105"}``."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UserError(f"--param wants NAME=VALUE, got {pair!r}")
        out[name.strip()] = value
    return out


def cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    def progress(path: str, what: str) -> None:
        if what.startswith("error:"):
            print(f"{path}: {what[7:]}", file=sys.stderr)
        elif args.verbose:
            print(f"{path}: {what}")

    store = open_store(args.store)
    try:
        report = build(args.paths, store, jobs=args.jobs, force=args.force, on_document=progress)
        if args.nquads:
            from kg.remote.nquads import write_shards

            write_shards(store, args.nquads, args.shard_size)
    finally:
        store.close()
    print(f"built {report.built} document(s), {report.triples} triples; "
          f"{report.skipped} unchanged; {len(report.failures)} failed; "
          f"{report.inferred} inferred triples (mechanism classes, target hits) -> {args.store}")  # fmt: skip
    return 0 if report.ok else 1


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.stats import stats

    store = _existing_store(args.store)
    for label, count in stats(store).items():
        print(f"{label:<36} {count:>10}")
    return 0


def cmd_queries(args: argparse.Namespace) -> int:
    from kg.queries import library

    for q in library().values():
        print(f"{q.name}\n    {q.description}")
        for p in q.params:
            kind = f", default {p.default}" if p.default else ", optional" if p.optional else ""
            print(f"    --param {p.name}=…  ({p.type}{kind}) {p.description}")
        print(f"    columns: {', '.join(q.columns)}")
        if q.scope == "graph":
            print("    scope: the whole graph (an aggregation or listing)")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg import queries
    from kg.formats import render

    params = parse_params(args.param)
    queries.find(args.name)  # an unknown name fails before the store is opened
    store: Store
    if args.endpoint:
        from kg.store.sparql import SparqlStore

        store = SparqlStore(args.endpoint)
    else:
        store = _existing_store(args.store)
    rows = queries.run(store, args.name, params)
    sys.stdout.write(render(rows, args.format))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from kg.show import card

    sys.stdout.write(card(_existing_store(args.store), args.trial))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.validation import validate_store

    report = validate_store(_existing_store(args.store))
    print(
        report.text
        if not report.conforms
        else f"conforms: {report.warnings} warning(s), 0 violations"
    )
    return 0 if report.conforms else 1


def _existing_store(path: Path) -> OxigraphStore:
    if not path.exists():
        raise UserError(f"{path}: no store here yet; run `kg build FILES --store {path}` first")
    return open_store(path, read_only=True)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg",
        description="trialkg: a knowledge graph of cancer drugs, their targets, the clinical "
        "trials that test them and the conditions they treat.",
    )
    p.add_argument("--version", action="version", version=f"trialkg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build", help="extract documents (files, folders, .zip, .jsonl) into the store"
    )
    b.add_argument("paths", nargs="+", help="files or folders to read")
    b.add_argument("--jobs", type=int, default=1, help="parallel extraction processes (default 1)")
    b.add_argument("--force", action="store_true", help="rebuild documents already stored")
    b.add_argument("-v", "--verbose", action="store_true", help="one line per document")
    b.add_argument("--nquads", type=Path, metavar="DIR",
                   help="also write the store as sharded N-Quads for a server's bulk loader")  # fmt: skip
    b.add_argument("--shard-size", type=int, default=1_000_000, help="quads per N-Quads shard")
    store_option(b)
    b.set_defaults(handler=cmd_build)

    s = sub.add_parser("stats", help="counts computed from the graph")
    store_option(s)
    s.set_defaults(handler=cmd_stats)

    qs = sub.add_parser("queries", help="the named queries, their parameters and columns")
    qs.set_defaults(handler=cmd_queries)

    q = sub.add_parser("query", help="run a named query or a .rq file")
    q.add_argument("name", help="a named query (see `kg queries`) or a path to a .rq file")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a query parameter (repeatable)")  # fmt: skip
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table",
                   help="table (default), or the SPARQL 1.1 CSV, TSV or JSON results format")  # fmt: skip
    q.add_argument("--endpoint", metavar="URL",
                   help="run it on this SPARQL endpoint instead of the embedded store")  # fmt: skip
    store_option(q)
    q.set_defaults(handler=cmd_query)

    sh = sub.add_parser("show", help="a readable card of one trial, read back from the store")
    sh.add_argument("trial", help="an NCT id or a trial IRI")
    store_option(sh)
    sh.set_defaults(handler=cmd_show)

    v = sub.add_parser("validate", help="check the graph against the SHACL shapes")
    store_option(v)
    v.set_defaults(handler=cmd_validate)

    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue
            raise
        module.add_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (UserError, QueryError, StoreError) as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
