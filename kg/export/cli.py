"""``kg export``: write the property-graph projection (or part of it) in one format."""

from __future__ import annotations

import argparse
import contextlib
import re
from pathlib import Path

import pyoxigraph as ox

from kg.cli import UserError, parse_params, store_option
from kg.export.model import PropertyGraph
from kg.export.registry import formats, get
from kg.store.base import Store

NCT_STUDY = "https://clinicaltrials.gov/study/"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add ``kg export`` to the ``kg`` command line."""
    known = formats()
    p = subparsers.add_parser(
        "export",
        help="write the graph for Gephi, Cytoscape, Neo4j, Graphviz, a browser or RDF tools",
        description="Formats: " + "; ".join(f"{f.name}: {f.description}" for f in known.values()),
    )
    p.add_argument("--format", required=True, choices=list(known), help="the output format")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--trial", metavar="NCT", help="only this trial and what it reaches")
    which.add_argument("--query", metavar="NAME",
                       help="project the triples of a CONSTRUCT query (name or .rq)")  # fmt: skip
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter of --query (repeatable)")  # fmt: skip
    p.add_argument("--out", type=Path, required=True,
                   help="the file to write (a folder or .zip for neo4j-csv)")  # fmt: skip
    store_option(p)
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """Compute the projection asked for and write it."""
    from kg.store import open_store

    if args.param and not args.query:
        raise UserError("--param only goes with --query")
    if not args.store.exists():
        raise UserError(
            f"{args.store}: no store here yet; run `kg build FILES --store {args.store}`"
        )
    store = open_store(args.store, read_only=True)
    try:
        graph = select_graph(store, trial=args.trial, query=args.query, params=args.param)
    finally:
        with contextlib.suppress(RuntimeError):  # a read-only Oxigraph store refuses to flush
            store.close()
    get(args.format).write(graph, args.out)
    print(f"{len(graph.nodes)} nodes, {len(graph.edges)} edges -> {args.out}")
    return 0


def select_graph(
    store: Store,
    *,
    trial: str | None = None,
    query: str | None = None,
    params: list[str] | None = None,
) -> PropertyGraph:
    """The whole projection, one trial's neighbourhood, or a CONSTRUCT query's triples."""
    from kg.export.projection import from_triples, neighbourhood, project

    if query:
        return from_triples(construct(store, query, parse_params(params or [])))
    graph = project(store)
    if trial is None:
        return graph
    root = trial_iri(trial)
    if not any(n.id == root and n.type == "Trial" for n in graph.nodes):
        raise UserError(f"no trial {trial} in the store")
    return neighbourhood(graph, root)


def trial_iri(trial: str) -> str:
    """An NCT id's IRI; anything else is taken as an IRI already."""
    return NCT_STUDY + trial if re.fullmatch(r"NCT\d{8}", trial) else trial


def construct(store: Store, name: str, values: dict[str, str]) -> list[ox.Triple]:
    """Run a named CONSTRUCT query with its parameters bound."""
    from kg import queries

    q = queries.find(name)
    if not re.search(r"^\s*CONSTRUCT\b", _body(q.sparql), re.IGNORECASE | re.MULTILINE):
        raise UserError(f"--query needs a CONSTRUCT query; {q.name!r} is not one")
    bindings = {}
    if q.params:
        from kg.normalize.lexicon import Lexicon

        bindings = queries.bind(q, values, Lexicon.load())
    return store.construct(q.sparql, bindings)


def _body(sparql: str) -> str:
    return "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
