"""Measuring helpers: a subprocess with the peak RSS of its whole process tree, the wall and
CPU time of a block, percentiles, repeated timings, folder sizes.

The peak RSS is sampled: every ``interval`` seconds the resident sets of the process and of
all its descendants (a multiprocessing pool's workers are children of the build process)
are summed, and the largest sum is kept. psutil is used when installed (it is a dev
dependency), else ``/proc/<pid>/status`` and ``/proc/<pid>/task/*/children``.
"""

from __future__ import annotations

import math
import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import psutil
except ImportError:  # pragma: no cover - the fallback reads /proc
    psutil = None

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    wall_s: float
    cpu_s: float  # user + system time of the process and its waited-for children
    peak_rss_mib: float


@dataclass(slots=True)
class Spent:
    """Wall and CPU seconds (of this process) spent so far."""

    wall_s: float = 0.0
    cpu_s: float = 0.0


@contextmanager
def stopwatch(spent: Spent | None = None) -> Iterator[Spent]:
    """Adds the wall and CPU seconds the block takes to ``spent`` (a new one when not given),
    which it yields; blocks timed into the same ``Spent`` add up."""
    spent = Spent() if spent is None else spent
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield spent
    finally:
        spent.wall_s += time.perf_counter() - wall
        spent.cpu_s += time.process_time() - cpu


def tree_rss(pid: int) -> int:
    """Bytes resident in ``pid`` and all its descendants now (0 once it is gone)."""
    if psutil is not None:
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        return total
    return _proc_tree_rss(pid)


def _proc_tree_rss(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def run_measured(cmd: Sequence[str], interval: float = 0.1, cwd: Path | None = None) -> Run:
    """Run ``cmd`` to its end, sampling its process tree's RSS; CPU time from rusage."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return Run(proc.returncode, stdout, stderr, wall, cpu, peak / MIB)


def percentile(samples: Sequence[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile (0 < q <= 100) of ``samples``."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def time_calls(
    fn: Callable[[], object],
    runs: int,
    budget_s: float,
    clock: Callable[[], float],
    on_warm: Callable[[float], None] | None = None,
) -> list[float]:
    """Seconds per call of ``fn``: one warm-up (its time goes to ``on_warm``), then up to
    ``runs`` timed calls, stopping early (after at least one) once ``budget_s`` is spent."""
    start = clock()
    fn()
    if on_warm is not None:
        on_warm(clock() - start)
    times: list[float] = []
    spent = 0.0
    while len(times) < runs and (not times or spent < budget_s):
        start = clock()
        fn()
        times.append(clock() - start)
        spent += times[-1]
    return times


def folder_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / MIB
