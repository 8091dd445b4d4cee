"""The registry-scale benchmark (``make bench N=…``).

    .venv/bin/python benchmarks/bench.py --n N [--jobs 2] [--baseline-n M] [--keep DIR]

1. N synthetic API v2 records (``benchmarks/generate.py``, seed ``--seed``), cached under
   ``$TMPDIR/trialkg-bench/`` keyed by n, seed and a fingerprint of the generator and the
   reference data, so a second run reuses them.
2. The real ``kg build --jobs J`` into a fresh on-disk store, as a subprocess: records/s and
   triples/s (wall clock, end to end: reading, extraction, store writes, the reasoner), peak
   RSS of the build's whole process tree (the pool workers included), store size on disk.
3. Every named query (``kg.queries``) against ``OxigraphStore(path, read_only=True)``: one
   warm-up, then ``--runs`` timed runs (CPU time of the querying child, which is killed
   when a query overruns ``--query-timeout``), p50 and p95.
4. The baseline on the first M records (``benchmarks/baseline.py``, its own process): rdflib
   in-memory Dataset filled triple by triple from the same extraction code, rdflib's SPARQL
   for the same query texts. Rates are per record, so they compare directly; the baseline's
   queries run on a graph M/N the size of ours, which flatters the baseline (the query
   ratios are conservative).
5. Prints everything and the ratios, and writes ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402

from benchmarks import generate  # noqa: E402
from benchmarks.bench_report import print_report, ratios  # noqa: E402
from benchmarks.measure import Run, folder_mib, run_measured  # noqa: E402
from benchmarks.query_timer import TimerError, time_queries  # noqa: E402
from benchmarks.synth_study import nct_id, study  # noqa: E402
from benchmarks.synth_vocab import vocabulary  # noqa: E402
from kg.namespaces import INFERRED_GRAPH  # noqa: E402
from kg.normalize.lexicon import Lexicon  # noqa: E402
from kg.normalize.reference import reference_files  # noqa: E402
from kg.queries import bind, library  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402
from kg.store.base import with_values  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "latest.json"
CACHE = Path(tempfile.gettempdir()) / "trialkg-bench"
_BUILT = re.compile(r"built (\d+) document\(s\), (\d+) triples")


class BenchError(Exception):
    """A benchmark step failed; the message is one line."""


def fingerprint() -> str:
    """What the generated data depends on: the generator's code and data, the reference."""
    digest = hashlib.sha256()
    sources = sorted(HERE.glob("synth_*.py")) + [HERE / "generate.py", HERE / "data" / "cities.tsv"]
    for path in [*sources, *reference_files()]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def dataset(n: int, seed: int, cache: Path = CACHE) -> Path:
    """A folder of the N records for ``seed`` (generated once, then reused)."""
    folder = cache / f"v2-n{n}-seed{seed}-{fingerprint()}"
    if (folder / ".complete").exists():
        return folder
    partial = folder.with_name(folder.name + f".partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    generate.write(n, seed, partial, "dir")
    (partial / ".complete").write_text("")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder


def query_values(seed: int) -> dict[str, str]:
    """Parameter values that exist in the data: record 0's first drug, that drug's first
    reference target, record 0's condition and NCT id."""
    keywords = study(seed, 0)["protocolSection"]["conditionsModule"]["keywords"]
    drug = next(d for d in vocabulary().drugs if d.name == keywords[1])
    return {
        "drug": drug.name,
        "target": drug.mechanisms[0][0].symbol,
        "condition": keywords[0],
        "trial": nct_id(0),
    }


def query_plan(values: dict[str, str]) -> dict[str, str]:
    """Each named query's text with its parameters bound: the required ones, and an optional
    ``trial`` (the per-trial lookups ``kg show`` makes); other optional parameters stay
    unset, so those queries run over the whole graph. A query with another optional
    parameter the values give (``drug``) is also timed with it bound, as ``name[param]``:
    the per-item look-up an analyst makes beside the whole-graph listing."""
    lexicon = Lexicon.load()
    plan = {}
    for name, query in sorted(library().items()):
        wanted = {p.name: values[p.name] for p in query.params
                  if not p.optional or p.name == "trial"}  # fmt: skip
        plan[name] = with_values(query.sparql, bind(query, wanted, lexicon))
        for p in query.params:
            if p.optional and p.default is None and p.name not in wanted and p.name in values:
                narrowed = {**wanted, p.name: values[p.name]}
                plan[f"{name}[{p.name}]"] = with_values(
                    query.sparql, bind(query, narrowed, lexicon)
                )
    return plan


#: issue 3's query goals at 100,000 records, by a query's scope (``# scope:`` header)
GOAL_MS = {"item": 50.0, "graph": 2000.0}


def goals(plan: dict[str, str]) -> dict[str, float]:
    """Each timed query's p50 goal: a whole-graph query (``# scope: graph``) run over the
    whole graph has 2 s, anything narrowed to one item (a ``name[param]`` variant, a
    trial, drug, target or condition) 50 ms."""
    queries = library()
    return {name: GOAL_MS["item" if "[" in name else queries[name].scope] for name in plan}


def kg_command() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]


def build(data: Path, store: Path, jobs: int) -> tuple[Run, int]:
    run = run_measured([*kg_command(), "build", str(data), "--store", str(store),
                        "--jobs", str(jobs)], cwd=ROOT)  # fmt: skip
    found = _BUILT.search(run.stdout)
    if run.returncode != 0 or not found:
        tail = (run.stderr.strip().splitlines() or ["no output"])[-1]
        raise BenchError(f"kg build failed (exit {run.returncode}): {tail}")
    return run, int(found.group(2))


def fresh(data: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Build the records into a new store in ``work``; its figures, also kept in
    ``build.json`` for a later ``--reuse-store``."""
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    run, triples = build(data, store, args.jobs)
    figures = {
        "n": args.n,
        "records_per_s": round(args.n / run.wall_s, 3),
        "triples_per_s": round(triples / run.wall_s, 1),
        "peak_rss_mib": round(run.peak_rss_mib, 1),
        "store_mib": round(folder_mib(store), 1),
        "triples": triples,
        "build_wall_s": round(run.wall_s, 3),
        "build_cpu_s": round(run.cpu_s, 3),
        "records_per_cpu_s": round(args.n / run.cpu_s, 3) if run.cpu_s else None,
        "data": data.name,
        "build_commit": commit(),
        "build_date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (work / "build.json").write_text(json.dumps(figures, indent=2) + "\n")
    return figures


def built_store(data: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """``--reuse-store``: the build figures of the store an earlier run kept in ``work``
    (its ``build.json``), checked to be of these records."""
    try:
        figures: dict[str, Any] = json.loads((work / "build.json").read_text())
    except (OSError, ValueError) as exc:
        raise BenchError(f"{work}: no kept build to reuse ({exc})") from exc
    if not (work / "store").is_dir():
        raise BenchError(f"{work}: no kept store to reuse")
    if figures.get("n") != args.n or figures.get("data") != data.name:
        raise BenchError(f"{work}: its store was built from other records than {data.name}")
    return figures


def dump_inferred(store: Path, out: Path) -> None:
    """The store's inferred graph as N-Triples (the baseline copies it)."""
    db = OxigraphStore(store, read_only=True)
    try:
        with out.open("wb") as handle:
            db.dump(handle, ox.RdfFormat.N_TRIPLES, INFERRED_GRAPH)
    finally:
        db.close()


def baseline(data: Path, m: int, plan: dict[str, str], work: Path, args: argparse.Namespace) -> dict[str, Any]:  # fmt: skip
    out = work / "baseline.json"
    run = run_measured([sys.executable, str(HERE / "baseline.py"), "--data", str(data),
                        "--n", str(m), "--plan", str(work / "plan.json"),
                        "--inferred", str(work / "inferred.nt"), "--out", str(out),
                        "--runs", str(args.runs), "--budget", str(args.budget),
                        "--timeout", str(args.baseline_timeout)], cwd=ROOT)  # fmt: skip
    if run.returncode != 0:
        tail = (run.stderr.strip().splitlines() or ["no output"])[-1]
        raise BenchError(f"baseline failed (exit {run.returncode}): {tail}")
    raw = json.loads(out.read_text())
    return {
        "n": raw["records"],
        "records_per_s": round(raw["records"] / raw["build_wall_s"], 3),
        "triples_per_s": round(raw["triples"] / raw["build_wall_s"], 1),
        "peak_rss_mib": round(run.peak_rss_mib, 1),
        "store_mib": None,  # in memory: nothing on disk
        "queries": raw["queries"],
        "triples": raw["triples"],
        "build_wall_s": round(raw["build_wall_s"], 3),
        "build_cpu_s": round(raw["build_cpu_s"], 3),
        "records_per_cpu_s": round(raw["records"] / raw["build_cpu_s"], 3),
    }


def machine() -> dict[str, Any]:
    import rdflib

    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "pyoxigraph": getattr(ox, "__version__", "?"),
        "rdflib": rdflib.__version__,
    }


def commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                             capture_output=True, text=True, check=True)  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def bench(args: argparse.Namespace) -> dict[str, Any]:
    m = min(args.n, args.baseline_n if args.baseline_n is not None else 2000)
    data = dataset(args.n, args.seed, args.cache)
    work = Path(tempfile.mkdtemp(prefix="trialkg-bench-")) if args.keep is None else args.keep
    store = work / "store"
    try:
        figures = built_store(data, work, args) if args.reuse_store else fresh(data, work, args)
        values = query_values(args.seed)
        plan = query_plan(values)
        (work / "plan.json").write_text(json.dumps(plan))
        queries = time_queries(
            store, work / "plan.json", args.runs, args.budget, args.query_timeout
        )
        for name, goal in goals(plan).items():
            p50 = queries[name]["p50_ms"]
            queries[name] |= {"goal_ms": goal, "within_goal": p50 is not None and p50 <= goal}
        dump_inferred(store, work / "inferred.nt")
        result: dict[str, Any] = {**figures, "queries": queries}
        result["baseline"] = baseline(data, m, plan, work, args) if m > 0 else None
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    result["ratios"] = ratios(result, result["baseline"]) if result["baseline"] else None
    result |= {
        "seed": args.seed,
        "jobs": args.jobs,
        "baseline_n": m,
        "scaled": m < args.n,
        "query_params": values,
        "timing": "build: wall clock of the whole subprocess; queries: CPU time of the querying process",
        "query_timeout_s": args.query_timeout,
        "notes": [
            f"baseline on the first {m} of {args.n} records; its rates are per record/triple and compare directly",
            "baseline queries run on a graph that is baseline_n/n the size of ours: query ratios are conservative",
            "baseline skips the reasoner (its inferred graph is copied untimed): the build ratio is conservative",
        ],
        "machine": machine(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit(),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="trialkg registry-scale benchmark")
    parser.add_argument("--n", type=int, default=20000, help="records to generate and build")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="kg build --jobs")
    parser.add_argument("--baseline-n", type=int, default=None,
                        help="records for the rdflib baseline (default min(N, 2000); 0 skips it)")  # fmt: skip
    parser.add_argument("--keep", type=Path, default=None, help="keep the store etc. in this folder")  # fmt: skip
    parser.add_argument("--runs", type=int, default=10, help="timed runs per query (after a warm-up)")  # fmt: skip
    parser.add_argument("--budget", type=float, default=10.0, help="seconds of timed runs per query at most")  # fmt: skip
    parser.add_argument("--query-timeout", type=float, default=120.0, help="seconds for one query's runs")  # fmt: skip
    parser.add_argument("--baseline-timeout", type=int, default=60, help="seconds for one baseline query run")  # fmt: skip
    parser.add_argument("--cache", type=Path, default=CACHE, help="where generated records are kept")  # fmt: skip
    parser.add_argument("--reuse-store", action="store_true",
                        help="with --keep DIR: time the queries on the store an earlier run kept "
                             "there, and report that run's build figures (build_commit says which)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=RESULTS, help="the JSON results file")
    args = parser.parse_args(argv)
    if args.n < 1 or args.runs < 1 or args.jobs < 1:
        parser.error("--n, --runs and --jobs must be at least 1")
    if args.reuse_store and args.keep is None:
        parser.error("--reuse-store needs --keep DIR (the folder of the earlier run)")
    try:
        result = bench(args)
    except (BenchError, TimerError, OSError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    print_report(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
