"""The benchmark's measuring parts and the schema of ``benchmarks/results/latest.json``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from benchmarks import bench
from benchmarks.bench_report import ratios
from benchmarks.measure import percentile, run_measured
from kg.queries import library

FIGURES = {"n", "records_per_s", "triples_per_s", "peak_rss_mib", "store_mib", "queries"}


def test_percentile_is_nearest_rank() -> None:
    samples = [5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 7.0, 6.0, 9.0, 8.0]
    assert percentile(samples, 50) == 5.0
    assert percentile(samples, 95) == 10.0
    assert percentile([3.0], 95) == 3.0


def test_peak_rss_counts_the_children_of_the_process() -> None:
    """A parent that stays small while its child holds 200 MiB: the tree's peak sees it."""
    child = "b = bytearray(200 * 1024 * 1024); import time; time.sleep(1.5)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    run = run_measured([sys.executable, "-c", parent], interval=0.05)
    assert run.returncode == 0
    assert run.peak_rss_mib > 200


def test_ratios_build_and_queries_and_timeouts_as_lower_bounds() -> None:
    ours = {"records_per_s": 30.0, "queries": {"a": {"p50_ms": 2.0}, "b": {"p50_ms": 4.0}}}
    base = {
        "records_per_s": 3.0,
        "queries": {"a": {"p50_ms": 90.0}, "b": {"p50_ms": None, "timed_out_s": 120}},
    }
    assert ratios(ours, base) == {
        "build": 10.0,
        "queries": {"a": 45.0, "b": 30000.0},
        "lower_bounds": ["b"],
    }
    ours["queries"]["b"] = {"p50_ms": None}  # both timed out: no ratio, no bound
    assert ratios(ours, base)["queries"]["b"] is None
    assert ratios(ours, base)["lower_bounds"] == []


def test_query_plan_binds_every_named_query() -> None:
    values = bench.query_values(1)
    assert values == {
        "drug": "pertuzumab",
        "target": "ERBB2",
        "condition": "small cell lung cancer",
        "trial": "NCT90000000",
    }
    plan = bench.query_plan(values)
    assert set(plan) == set(library()) | {"drug-targets[drug]", "mechanism-overlap[drug]"}
    assert "VALUES ?param_drug" not in plan["drug-targets"]
    assert "VALUES ?param_drug" in plan["drug-targets[drug]"]
    assert (
        "VALUES ?param_trial { <https://clinicaltrials.gov/study/NCT90000000> }"
        in plan["trial-card"]
    )
    assert "VALUES ?param_drug { <http://identifiers.org/chembl.compound/CHEMBL2007641> }" in plan["trials-by-drug"]  # fmt: skip


def test_goals_by_scope_and_per_item_variants() -> None:
    """A whole-graph query has 2 s, its per-drug variant and every look-up 50 ms."""
    goals = bench.goals(bench.query_plan(bench.query_values(1)))
    assert goals["combination-trials"] == goals["redundant-combinations"] == 2000.0
    assert goals["trial-card"] == goals["trials-by-drug"] == 50.0
    assert goals["mechanism-overlap[drug]"] == goals["drug-targets[drug]"] == 50.0


def test_reuse_store_needs_a_kept_build_of_the_same_records(tmp_path: Path) -> None:
    args = bench.argparse.Namespace(n=6)
    with pytest.raises(bench.BenchError, match="no kept build to reuse"):
        bench.built_store(tmp_path / "v2-n6", tmp_path, args)
    (tmp_path / "store").mkdir()
    (tmp_path / "build.json").write_text(json.dumps({"n": 6, "data": "v2-n6-seed2-x"}))
    with pytest.raises(bench.BenchError, match="built from other records than v2-n6-seed1-x"):
        bench.built_store(tmp_path / "v2-n6-seed1-x", tmp_path, args)
    assert bench.built_store(tmp_path / "v2-n6-seed2-x", tmp_path, args)["n"] == 6


@pytest.mark.slow
def test_tiny_run_writes_the_issue_schema(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    code = bench.main(["--n", "6", "--baseline-n", "3", "--runs", "2", "--budget", "1",
                       "--query-timeout", "5", "--baseline-timeout", "5",
                       "--cache", str(tmp_path / "cache"), "--out", str(out)])  # fmt: skip
    assert code == 0
    result = json.loads(out.read_text())
    assert FIGURES | {"baseline", "ratios"} <= set(result)
    assert FIGURES <= set(result["baseline"])
    assert set(result["ratios"]) >= {"build", "queries"}
    names = set(library()) | {"drug-targets[drug]", "mechanism-overlap[drug]"}
    assert set(result["queries"]) == set(result["baseline"]["queries"]) == names
    assert set(result["ratios"]["queries"]) == names
    for figures in (*result["queries"].values(), *result["baseline"]["queries"].values()):
        assert {"p50_ms", "p95_ms"} <= set(figures)
    assert (result["n"], result["baseline"]["n"], result["baseline_n"]) == (6, 3, 3)
    assert result["scaled"] is True and result["jobs"] == 2
    assert result["triples"] > 0 and result["store_mib"] > 0 and result["peak_rss_mib"] > 0
    assert result["baseline"]["store_mib"] is None
    assert {q["goal_ms"] for q in result["queries"].values()} == {50.0, 2000.0}
    assert "build_commit" in result and "build_date" in result
    # the kept store is reused: same build figures, queries timed again
    again = tmp_path / "again.json"
    keep = ["--keep", str(tmp_path / "kept"), "--baseline-n", "0"]
    common = ["--n", "6", "--runs", "1", "--budget", "1", "--query-timeout", "5",
              "--cache", str(tmp_path / "cache"), *keep]  # fmt: skip
    assert bench.main([*common, "--out", str(tmp_path / "first.json")]) == 0
    assert bench.main([*common, "--reuse-store", "--out", str(again)]) == 0
    first, second = (json.loads((tmp_path / f).read_text()) for f in ("first.json", "again.json"))
    assert second["build_wall_s"] == first["build_wall_s"]
    assert second["build_date"] == first["build_date"]
    assert second["queries"]["trial-card"]["rows"] == first["queries"]["trial-card"]["rows"] == 1
