"""Time one incremental build into an existing store, phase by phase.

    .venv/bin/python benchmarks/incremental.py --store /tmp/bench100k/store NEW_RECORDS/

Runs what ``kg build NEW_RECORDS/ --store STORE`` runs (:func:`kg.pipeline.build`, one
process) and prints the wall and CPU seconds of each phase: opening the store, the reference
graph's refresh, the documents (reading, extraction, the store checks and writes), and
:func:`kg.analysis.classify.refresh_inferred` split into its reads (every document's mechanism
statements, the reference part of the reasoner's input), the reasoner (only when its input
changed) and its graph writes, and the redundant-combinations view's refresh
(:func:`kg.analysis.redundancy.refresh_redundant`: the new documents' arms, or the whole view
when the drugs' targets changed). It writes to the store (the new documents, the refreshed
reference, ontology, inferred and redundant-combinations graphs), as ``kg build`` does; the
``documents`` figure is the total minus the others.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kg.analysis.classify as classify  # noqa: E402
import kg.analysis.redundancy as redundancy  # noqa: E402
import kg.pipeline as pipeline  # noqa: E402
from benchmarks.measure import Spent, stopwatch  # noqa: E402
from kg.store import open_store  # noqa: E402

Clock = dict[str, Spent]


def _timed(clock: Clock, name: str) -> AbstractContextManager[Spent]:
    """A stopwatch adding to ``clock[name]``."""
    return stopwatch(clock.setdefault(name, Spent()))


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
        _wrap(clock, "redundant-combinations view", redundancy, "refresh_redundant")
        report = pipeline.build(args.paths, store)
        with _timed(clock, "close (flush)"):
            store.close()
    parts = [clock.get(p, Spent()) for p in ("open store", "reference graph (load_reference)",
                                             "refresh_inferred (all of it)",
                                             "redundant-combinations view", "close (flush)")]  # fmt: skip
    clock["documents (extract, checks, writes)"] = Spent(
        clock["total"].wall_s - sum(p.wall_s for p in parts),
        clock["total"].cpu_s - sum(p.cpu_s for p in parts),
    )
    print(f"built {report.built}, skipped {report.skipped}, failed {len(report.failures)}, "
          f"{report.triples} triples, {report.inferred} inferred")  # fmt: skip
    for name, spent in clock.items():
        print(f"{name:<40} wall {spent.wall_s:8.2f} s   cpu {spent.cpu_s:8.2f} s")


if __name__ == "__main__":
    main()
