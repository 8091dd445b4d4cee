"""How fast can any build be that stores these quads in Oxigraph? The store's own floor.

    .venv/bin/python benchmarks/store_floor.py [--n 2000] [--seed 1] [--jobs 2]

On N synthetic records (the same cached set as ``make bench``):

1. **extraction**: every record through :func:`kg.pipeline.extract_serialized` in this
   process (reading, extraction, normalization, N-Quads), CPU seconds;
2. **store floor**: the resulting N-Quads, already made, loaded by Oxigraph's own bulk loader
   (``Store.bulk_load``, its fastest path, threads included) into a fresh on-disk store, wall
   and CPU: no build that keeps these quads in Oxigraph can write faster;
3. **kg build**: the real ``kg build --jobs J`` of the same records into another fresh store.

It prints records/s and µs per quad of each, and the ratio of ``kg build`` to the floor.
Issue 3's goal, 800 records/s with two cores, needs the whole build, extraction included, in
2.5 ms of CPU per record.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402

from benchmarks.bench import CACHE, BenchError, build, dataset  # noqa: E402
from benchmarks.measure import stopwatch  # noqa: E402
from kg import pipeline  # noqa: E402
from kg.ingest import Failure, iter_documents  # noqa: E402


def extract_all(data: Path, out: Path) -> tuple[int, int, float]:
    """Every record's N-Quads into ``out``; (records, quads, CPU seconds)."""
    records = quads = 0
    with stopwatch() as spent, out.open("wb") as handle:
        for doc in iter_documents(sorted(data.glob("*.json"))):
            built = pipeline.extract_serialized(doc)
            if isinstance(built, Failure):
                raise BenchError(f"{built.path}: {built.message}")
            handle.write(built.nquads)
            records, quads = records + 1, quads + built.quads
    return records, quads, spent.cpu_s


def bulk_load(nquads: Path, store: Path) -> tuple[float, float]:
    """Oxigraph's bulk loader on ready N-Quads into a fresh store; (wall, CPU) seconds."""
    with stopwatch() as spent:
        db = ox.Store(str(store))
        db.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        db.flush()
        del db
    return spent.wall_s, spent.cpu_s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Oxigraph's bulk-load floor vs kg build")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    try:
        data = dataset(args.n, args.seed, args.cache)
        with tempfile.TemporaryDirectory(prefix="trialkg-floor-") as tmp:
            work = Path(tmp)
            n, quads, extract_cpu = extract_all(data, work / "all.nq")
            load_wall, load_cpu = bulk_load(work / "all.nq", work / "floor")
            run, _ = build(data, work / "kg", args.jobs)
    except (BenchError, OSError) as exc:
        print(f"store_floor: {exc}", file=sys.stderr)
        return 1
    per = 1e6 / quads
    print(f"{n} synthetic v2 records, {quads:,} quads ({quads / n:,.0f} per record)")
    print(f"{'':34}{'records/s':>11}{'CPU µs/quad':>13}{'CPU ms/record':>15}")
    rows = (
        ("extraction (one process)", n / extract_cpu, extract_cpu),
        ("store floor: Oxigraph bulk_load", n / load_wall, load_cpu),
        (f"kg build --jobs {args.jobs}", n / run.wall_s, run.cpu_s),
    )
    for label, rate, cpu in rows:
        print(f"{label:<34}{rate:>11.1f}{cpu * per:>13.2f}{cpu * 1000 / n:>15.2f}")
    print(f"kg build / store floor: {load_wall / run.wall_s:.2f}x (records/s, wall)")
    print(f"CPU per record the goal allows (800 records/s, 2 cores): 2.50 ms; the floor alone "
          f"spends {load_cpu * 1000 / n:.2f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
