"""``kg overlap``: mechanism overlap of drugs and trials on the command line.

Views: ``drugs`` (pairs of drugs that meet, at every level), ``trials`` (trial–trial
similarity), ``communities`` (groups of mechanistically similar trials), ``projection``
(the drug–target bipartite graph projected on drugs) and ``classify`` (recompute the
inferred mechanism classes of the store and, whole, its redundant-combinations view; it
warns of document graphs another extractor version wrote, whose statements it may miss
until ``kg build`` re-extracts them).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from kg.formats import FORMATS, render
from kg.store import open_store
from kg.store.base import Rows

VIEWS = ("drugs", "trials", "communities", "projection", "classify")


def add_commands(subparsers: Any) -> None:
    """Add ``kg overlap`` to the ``kg`` command line."""
    from kg.analysis.similarity import LEVELS
    from kg.cli import store_option

    p = subparsers.add_parser("overlap", help="mechanism overlap of drugs and trials")
    p.add_argument("view", nargs="?", choices=VIEWS, default="drugs",
                   help="what to compute (default: drugs); classify recomputes the store's "
                        "inferred graph and its redundant-combinations view")  # fmt: skip
    p.add_argument("--drug", help="only pairs with this drug (any name, code or misspelling)")
    p.add_argument("--level", choices=LEVELS, default="target",
                   help="similarity level for trials and communities (default: target)")  # fmt: skip
    p.add_argument("--min", type=float, default=0.0, dest="minimum",
                   help="keep similarities above this value (default 0)")  # fmt: skip
    p.add_argument("--format", choices=FORMATS, default="table", help="output format")
    store_option(p)
    p.set_defaults(handler=cmd_overlap)


def cmd_overlap(args: argparse.Namespace) -> int:
    """Run one view of ``kg overlap`` and print it."""
    from kg.analysis.classify import refresh_inferred
    from kg.analysis.load import load_graph
    from kg.analysis.redundancy import refresh_redundant
    from kg.cli import UserError
    from kg.pipeline import outdated

    if not args.store.exists():
        raise UserError(
            f"{args.store}: no store here yet; run `kg build FILES --store {args.store}`"
        )
    if args.view == "classify":
        store = open_store(args.store)
        try:
            print(f"{refresh_inferred(store)} inferred triple(s) -> {args.store}")
            print(f"{refresh_redundant(store)} redundant-combination triple(s) -> {args.store}")
            if older := outdated(store):
                print(
                    f"kg overlap classify: warning: {older} document graph(s) in {args.store} "
                    "were written by another extractor version, so some of their mechanism "
                    "statements are not classified; `kg build` on their files re-extracts them",
                    file=sys.stderr,
                )
        finally:
            store.close()
        return 0
    store = open_store(args.store, read_only=True)
    g = load_graph(store, trials=args.view in ("trials", "communities"))
    if args.view == "drugs":
        rows = drug_rows(g, _drug_iri(args.drug) if args.drug else None, args.minimum)
    elif args.view == "trials":
        rows = trial_rows(g, args.level, args.minimum)
    elif args.view == "communities":
        rows = community_rows(g, args.level, args.minimum)
    else:
        rows = projection_rows(g, args.minimum)
    sys.stdout.write(render(rows, args.format))
    return 0


def _drug_iri(name: str) -> str:
    from kg.cli import UserError
    from kg.normalize.lexicon import Lexicon

    concept = Lexicon.load().resolve(name, ("drug",))
    if concept is None:
        raise UserError(
            f"unknown drug {name!r}: not a name, code or synonym in the reference graph"
        )
    return concept.iri


def as_rows(columns: Sequence[str], data: Iterable[Sequence[object]]) -> Rows:
    """Plain values as :class:`Rows` (literals), so every ``kg`` output format works."""
    cells = tuple(tuple(ox.Literal(_text(v)) for v in row) for row in data)
    return Rows(tuple(columns), cells)


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"
    if isinstance(value, tuple | list | frozenset | set):
        return "|".join(str(v) for v in value)
    return str(value)


def drug_rows(g: Any, drug: str | None, minimum: float) -> Rows:
    """Pairs of drugs that meet, one row each (see :func:`kg.analysis.similarity.drug_overlaps`)."""
    from kg.analysis.similarity import drug_overlaps

    found = [
        o for o in drug_overlaps(g, drug) if o.pathway_jaccard > minimum or o.jaccard > minimum
    ]
    columns = ("drug_a", "drug_b", "shared_targets", "jaccard", "shared_families",
               "family_jaccard", "shared_pathways", "pathway_jaccard")  # fmt: skip
    return as_rows(columns, [
        (o.drug_a, o.drug_b, o.shared_targets, o.jaccard, o.shared_families, o.family_jaccard,
         o.shared_pathways, o.pathway_jaccard) for o in found
    ])  # fmt: skip


def trial_rows(g: Any, level: str, minimum: float) -> Rows:
    """Pairs of similar trials, most similar first."""
    from kg.analysis.graph import label
    from kg.analysis.trials import trial_similarity_graph

    sim = trial_similarity_graph(g, level, minimum)
    pairs = sorted(sim.edges(data="weight"), key=lambda e: (-e[2], label(g, e[0]), label(g, e[1])))
    return as_rows(("trial_a", "trial_b", "similarity"),
                   [(label(g, a), label(g, b), w) for a, b, w in pairs])  # fmt: skip


def community_rows(g: Any, level: str, minimum: float) -> Rows:
    """One row per community of trials, largest first."""
    from kg.analysis.graph import label
    from kg.analysis.trials import trial_communities

    found = trial_communities(g, level, minimum)
    return as_rows(("community", "size", "trials"), [
        (i, len(c), sorted(label(g, t) for t in c)) for i, c in enumerate(found, start=1)
    ])  # fmt: skip


def projection_rows(g: Any, minimum: float) -> Rows:
    """The drug–target projection's edges: drugs sharing targets, with counts and Jaccard."""
    from kg.analysis.similarity import drug_target_projection

    p = drug_target_projection(g)
    edges = sorted(
        (sorted((p.nodes[a]["label"], p.nodes[b]["label"])), d["weight"], d["jaccard"])
        for a, b, d in p.edges(data=True)
        if d["jaccard"] > minimum
    )
    return as_rows(("drug_a", "drug_b", "shared_targets", "jaccard"),
                   [(ab[0], ab[1], w, j) for ab, w, j in edges])  # fmt: skip
