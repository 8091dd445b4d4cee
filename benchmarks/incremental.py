"""Time one incremental build into an existing store, phase by phase.

    .venv/bin/python benchmarks/incremental.py --store /tmp/bench100k/store NEW_RECORDS/

Runs what ``kg build NEW_RECORDS/ --store STORE`` runs (:func:`kg.pipeline.build`, one
process) and prints the wall and CPU seconds of each phase: opening the store, the reference
graph's refresh, the documents (reading, extraction, the store checks and writes), and
:func:`kg.analysis.classify.refresh_inferred` split into its reads (every document's mechanism
statements, the reference part of the reasoner's input), the reasoner (only when its input changed) and its graph writes. It
writes to the store (the new documents, the refreshed reference, ontology and inferred
graphs), as ``kg build`` does; the ``documents`` figure is the total minus the others.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import kg.analysis.classify as classify
import kg.pipeline as pipeline
from kg.store import open_store

Clock = dict[str, list[float]]


@contextmanager
def _timed(clock: Clock, name: str) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        spent = clock.setdefault(name, [0.0, 0.0])
        spent[0] += time.perf_counter() - wall
        spent[1] += time.process_time() - cpu


def _wrap(clock: Clock, name: str, owner: Any, attribute: str) -> None:
    """Time every call of ``owner.attribute`` under ``name`` (if there is one: an older
    checkout run with ``PYTHONPATH`` may lack it)."""
    inner: Callable[..., Any] | None = getattr(owner, attribute, None)
    if inner is None:
        return

    def timed(*args: Any, **kwargs: Any) -> Any:
        with _timed(clock, name):
            return inner(*args, **kwargs)

    setattr(owner, attribute, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="the new documents (files or folders)")
    parser.add_argument("--store", required=True, help="an existing on-disk store (written to)")
    args = parser.parse_args()
    clock: Clock = {}
    with _timed(clock, "total"):
        with _timed(clock, "open store"):
            store = open_store(args.store)
        _wrap(clock, "reference graph (load_reference)", pipeline, "load_reference")
        _wrap(clock, "refresh_inferred (all of it)", classify, "refresh_inferred")
        _wrap(clock, "  reads: mechanism statements", classify, "statements")
        _wrap(clock, "  reads: reasoner_input (reference)", classify, "reasoner_input")
        _wrap(clock, "  reasoner (classify)", classify, "classify")
        report = pipeline.build(args.paths, store)
        with _timed(clock, "close (flush)"):
            store.close()
    total = clock["total"]
    parts = ("open store", "reference graph (load_reference)", "refresh_inferred (all of it)",
             "close (flush)")  # fmt: skip
    clock["documents (extract, checks, writes)"] = [
        total[i] - sum(clock.get(p, [0.0, 0.0])[i] for p in parts) for i in (0, 1)
    ]
    print(f"built {report.built}, skipped {report.skipped}, failed {len(report.failures)}, "
          f"{report.triples} triples, {report.inferred} inferred")  # fmt: skip
    for name, (wall, cpu) in clock.items():
        print(f"{name:<40} wall {wall:8.2f} s   cpu {cpu:8.2f} s")


if __name__ == "__main__":
    main()
