"""The baseline "built the plain way", run as its own process by ``bench.py``.

The same documents go through the same extraction code as ``kg build`` (``kg.pipeline.
process``: layout, extractor, normalization, quads); each quad is then added one by one to
an rdflib in-memory ``Dataset`` (``graph.add`` per triple, one named graph per document, the
reference graph too), and the named queries run with rdflib's own SPARQL over the union of
the graphs (``Dataset(default_union=True)``, which is what ``GRAPH ?g`` needs). The inferred
mechanism-class graph is copied from the real store untimed (the baseline skips the
reasoner, so its build time is an underestimate and the build ratio conservative).

    python benchmarks/baseline.py --data DIR --n M --plan plan.json --inferred g.nt --out r.json
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path
from types import FrameType

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402
from rdflib import Dataset, Literal, URIRef  # noqa: E402
from rdflib.term import Node  # noqa: E402

from benchmarks.measure import percentile, stopwatch, time_calls  # noqa: E402
from kg.ingest import Failure, iter_documents  # noqa: E402
from kg.namespaces import INFERRED_GRAPH, REFERENCE_GRAPH  # noqa: E402
from kg.normalize.reference import reference_triples  # noqa: E402
from kg.pipeline import process  # noqa: E402

_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Timeout(Exception):
    pass


def term(t: object) -> Node:
    """An Oxigraph term as rdflib's (plain literals stay plain, as in SPARQL results)."""
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value, datatype=None if dt in (_STRING, _LANG_STRING) else URIRef(dt))
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    raise TypeError(f"unexpected term {t!r} (the graph has no blank nodes)")


def build(files: list[Path]) -> tuple[Dataset, int]:
    """The dataset of ``files`` plus the reference graph; returns it and the number of
    document triples added (the reference graph's are not counted, as in ``kg build``)."""
    ds = Dataset(default_union=True)
    added = 0
    reference = ds.graph(URIRef(REFERENCE_GRAPH))
    for t in reference_triples():
        reference.add((term(t.subject), term(t.predicate), term(t.object)))
    for doc in iter_documents(files):
        outcome = process(doc)
        if isinstance(outcome, Failure):
            continue
        _, quads = outcome
        graph = ds.graph(URIRef(quads[0].graph_name.value)) if quads else None
        for q in quads:
            assert graph is not None
            graph.add((term(q.subject), term(q.predicate), term(q.object)))
            added += 1
    return ds, added


def run_queries(
    ds: Dataset, plan: dict[str, str], runs: int, budget_s: float, timeout_s: int
) -> dict[str, dict[str, object]]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Timeout

    signal.signal(signal.SIGALRM, alarm)
    out: dict[str, dict[str, object]] = {}
    for name, sparql in plan.items():
        signal.alarm(timeout_s)
        try:
            times = time_calls(
                lambda s=sparql: list(ds.query(s)), runs, budget_s, time.process_time
            )  # type: ignore[misc]
        except Timeout:
            out[name] = {"p50_ms": None, "p95_ms": None, "runs": 0, "timed_out_s": timeout_s}
            continue
        except Exception as exc:  # rdflib cannot run this query: say why, keep going
            error = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            out[name] = {"p50_ms": None, "p95_ms": None, "runs": 0, "error": error}
            continue
        finally:
            signal.alarm(0)
        out[name] = {
            "p50_ms": round(percentile(times, 50) * 1000, 3),
            "p95_ms": round(percentile(times, 95) * 1000, 3),
            "runs": len(times),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="rdflib baseline (run by bench.py)")
    parser.add_argument("--data", type=Path, required=True, help="folder of one JSON per study")
    parser.add_argument("--n", type=int, required=True, help="use the first N files")
    parser.add_argument("--plan", type=Path, required=True, help="JSON {query name: SPARQL}")
    parser.add_argument("--inferred", type=Path, required=True, help="N-Triples to copy")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per query")
    parser.add_argument("--timeout", type=int, default=120, help="seconds for one query run")
    args = parser.parse_args(argv)
    files = sorted(args.data.glob("*.json"))[: args.n]
    with stopwatch() as spent:
        ds, added = build(files)
    inferred = ds.graph(URIRef(INFERRED_GRAPH))
    with args.inferred.open("rb") as handle:
        for t in ox.parse(handle, ox.RdfFormat.N_TRIPLES):
            inferred.add((term(t.subject), term(t.predicate), term(t.object)))
    plan = json.loads(args.plan.read_text())
    result = {
        "records": len(files),
        "triples": added,
        "build_wall_s": spent.wall_s,
        "build_cpu_s": spent.cpu_s,
        "queries": run_queries(ds, plan, args.runs, args.budget, args.timeout),
    }
    args.out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
