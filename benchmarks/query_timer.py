"""Time named queries against an on-disk store, in a child process the caller can kill.

A query evaluated inside Oxigraph cannot be interrupted from Python, so ``bench.py`` runs
this script and gives each query a time-out: the child prints ``{"start": name}`` before a
query and its figures after it (one JSON object a line); when a query overruns, the parent
kills the child, records the time-out and starts a new child for the queries left.

    python benchmarks/query_timer.py --store DIR --plan plan.json [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import percentile, time_calls  # noqa: E402

HERE = Path(__file__).resolve().parent


class TimerError(RuntimeError):
    """The timing child failed before timing anything; the message is one line."""


def child(store: Path, plan: dict[str, str], runs: int, budget_s: float) -> None:
    from kg.store import OxigraphStore

    db = OxigraphStore(store, read_only=True)
    for name, sparql in plan.items():
        print(json.dumps({"start": name}), flush=True)
        times = time_calls(lambda s=sparql: db.select(s), runs, budget_s, time.process_time,
                           lambda t: print(json.dumps({"warm": t}), flush=True))  # fmt: skip
        print(json.dumps({"name": name, "p50_ms": round(percentile(times, 50) * 1000, 3),
                          "p95_ms": round(percentile(times, 95) * 1000, 3),
                          "runs": len(times), "rows": len(db.select(sparql))}), flush=True)  # fmt: skip
    db.close()


def time_queries(
    store: Path, plan_file: Path, runs: int, budget_s: float, timeout_s: float
) -> dict[str, Any]:
    """Figures per query, in plan order. A query whose warm-up run overruns ``timeout_s`` is
    ``{"p50_ms": None, ..., "timed_out_s": timeout_s}``; after the warm-up, the timed runs get
    ``budget_s`` of CPU time (at least one timed run is always made)."""
    names = list(json.loads(plan_file.read_text()))
    results: dict[str, Any] = {}
    while len(results) < len(names):
        left = [n for n in names if n not in results]
        cmd = [sys.executable, str(HERE / "query_timer.py"), "--store", str(store),
               "--plan", str(plan_file), "--runs", str(runs), "--budget", str(budget_s),
               "--only", *left]  # fmt: skip
        errors = tempfile.TemporaryFile(mode="w+")  # a file, so a chatty child never blocks
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, text=True)
        lines: queue.Queue[str | None] = queue.Queue()

        def pump(p: subprocess.Popen[str] = proc, q: queue.Queue[str | None] = lines) -> None:
            assert p.stdout is not None
            for line in p.stdout:
                q.put(line)
            q.put(None)

        threading.Thread(target=pump, daemon=True).start()
        current: str | None = None
        started = False
        wait = 300.0
        while True:
            try:
                line = lines.get(timeout=wait)
            except queue.Empty:
                proc.kill()
                proc.wait()
                name = current or left[0]
                results[name] = {"p50_ms": None, "p95_ms": None, "runs": 0, "rows": None,
                                 "timed_out_s": timeout_s}  # fmt: skip
                break
            if line is None:
                proc.wait()
                errors.seek(0)
                last = (errors.read().strip().splitlines() or [f"exit {proc.returncode}"])[-1]
                if current is None and len(results) < len(names) and not started:
                    raise TimerError(f"the query timer stopped before a query: {last}")
                if current is not None and current not in results:
                    results[current] = {"p50_ms": None, "p95_ms": None, "runs": 0,
                                        "rows": None, "error": last}  # fmt: skip
                break
            message = json.loads(line)
            if "start" in message:
                current, wait, started = message["start"], timeout_s, True
            elif "warm" in message:
                # CPU seconds reported, wall seconds waited: leave room for a loaded machine
                wait = max(timeout_s, 3 * (budget_s + 2 * message["warm"]))
            else:
                results[message.pop("name")] = message
                current, wait = None, 300.0
        errors.close()
    return {n: results[n] for n in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="time named queries (run by bench.py)")
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--plan", type=Path, required=True, help="JSON {query name: SPARQL}")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--budget", type=float, default=10.0)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args(argv)
    plan = json.loads(args.plan.read_text())
    if args.only is not None:
        plan = {n: s for n, s in plan.items() if n in set(args.only)}
    child(args.store, plan, args.runs, args.budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
