"""Golden graphs: each seed document's named graph, as sorted N-Triples in ``golden/``.

``test_golden.py`` builds the seeds and compares every document's graph with its golden file
through :func:`rdflib.compare.isomorphic`, printing what is only in the expected graph and
only in the actual one when they differ.

The values that change from build to build are normalized before writing and comparing:
``prov:endedAtTime`` (when the extraction ran) becomes ``2000-01-01T00:00:00Z`` and
``tkg:sourcePath`` (the absolute path read) becomes the path relative to the repository.

When the RDF output changes on purpose, regenerate the files and review them as a git diff::

    .venv/bin/python -m tests.seeds.golden --update
    git diff tests/seeds/golden/

Without ``--update`` the command only reports which golden files differ (exit status 1).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.namespaces import PROV, TKG, doc_graph
from kg.store import OxigraphStore
from tests.seeds.facts import ROOT, SEEDS, build_seeds

GOLDEN_DIR = Path(__file__).with_name("golden")
DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
BUILD_TIME = Literal("2000-01-01T00:00:00Z", datatype=DATETIME)
DIFF_LINES = 40


def seed_files() -> list[Path]:
    """The seed documents, in name order."""
    return sorted(p for p in SEEDS.iterdir() if p.is_file() and not p.name.startswith("."))


def golden_path(seed: Path) -> Path:
    return GOLDEN_DIR / f"{seed.stem}.nt"


def document_graphs(store: OxigraphStore) -> dict[str, Graph]:
    """Each document's named graph, normalized, by the document's file stem."""
    docs = store.select(
        f"SELECT ?file ?sha WHERE {{ ?d <{TKG.fileName}> ?file ; <{TKG.sha256}> ?sha }}"
    ).values()
    graphs = {}
    for row in docs:
        out = io.BytesIO()
        store.dump(out, ox.RdfFormat.N_TRIPLES, graph=doc_graph(str(row["sha"])))
        graph = Graph()
        graph.parse(data=out.getvalue().decode("utf-8"), format="nt")
        graphs[Path(str(row["file"])).stem] = normalize(graph)
    return graphs


def normalize(graph: Graph) -> Graph:
    """The graph with its volatile values (build time, absolute path) made constant."""
    for s, _, o in list(graph.triples((None, PROV.endedAtTime, None))):
        graph.remove((s, PROV.endedAtTime, o))
        graph.add((s, PROV.endedAtTime, BUILD_TIME))
    for s, _, o in list(graph.triples((None, TKG.sourcePath, None))):
        graph.remove((s, TKG.sourcePath, o))
        graph.add((s, TKG.sourcePath, Literal(_relative(str(o)))))
    return graph


def _relative(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).name


def serialize(graph: Graph) -> str:
    """Sorted N-Triples, one triple a line (stable, so changes show as a line diff)."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def load(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="nt")
    return graph


def difference(expected: Graph, actual: Graph, limit: int = DIFF_LINES) -> str:
    """What only the expected graph and only the actual graph hold (first ``limit`` lines)."""
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {line}" for line in serialize(only_expected).splitlines() if line]
    lines += [f"+ {line}" for line in serialize(only_actual).splitlines() if line]
    more = f"\n… {len(lines) - limit} more lines" if len(lines) > limit else ""
    head = (
        f"{len(only_expected)} triples only in expected (-), {len(only_actual)} only in actual (+)"
    )
    return head + "\n" + "\n".join(lines[:limit]) + more


def same(expected: Graph, actual: Graph) -> bool:
    return isomorphic(expected, actual)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.seeds.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    args = parser.parse_args(argv)
    store, report = build_seeds()
    if not report.ok:
        print(f"the seeds did not build: {report.failures}", file=sys.stderr)
        return 2
    graphs = document_graphs(store)
    stale = 0
    for seed in seed_files():
        path = golden_path(seed)
        actual = graphs[seed.stem]
        if args.update:
            GOLDEN_DIR.mkdir(exist_ok=True)
            path.write_text(serialize(actual), encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({len(actual)} triples)")
        elif not path.exists() or not same(load(path), actual):
            stale += 1
            print(f"differs: {path.relative_to(ROOT)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
