"""Ratios between the store and the baseline, and the printed report of a benchmark run."""

from __future__ import annotations

from typing import Any


def ratios(ours: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """``build``: our records/s over the baseline's; ``queries``: the baseline's p50 over
    ours, per query. A baseline query that timed out counts as its time-out (so the ratio is
    a lower bound, listed under ``lower_bounds``)."""
    build = ours["records_per_s"] / base["records_per_s"] if base["records_per_s"] else None
    queries: dict[str, float | None] = {}
    lower: list[str] = []
    for name, mine in ours["queries"].items():
        theirs = base["queries"].get(name, {})
        p50 = theirs.get("p50_ms")
        bound = p50 is None and bool(theirs.get("timed_out_s"))
        if bound:
            p50 = theirs["timed_out_s"] * 1000.0
        queries[name] = round(p50 / mine["p50_ms"], 1) if p50 and mine["p50_ms"] else None
        if bound and queries[name] is not None:
            lower.append(name)
    return {"build": round(build, 2) if build else None, "queries": queries, "lower_bounds": lower}


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def print_report(r: dict[str, Any]) -> None:
    base = r.get("baseline")
    print(f"trialkg benchmark: {r['n']} synthetic API v2 records (seed {r['seed']}), "
          f"kg build --jobs {r['jobs']}, commit {r['commit']}, {r['date']}")  # fmt: skip
    print(f"{'':24}{'trialkg':>14}" + (f"{'baseline':>14}{'ratio':>11}" if base else ""))
    rows = (("records/s", "records_per_s"), ("triples/s", "triples_per_s"),
            ("peak RSS (MiB)", "peak_rss_mib"), ("store on disk (MiB)", "store_mib"),
            ("build wall (s)", "build_wall_s"), ("build CPU (s)", "build_cpu_s"),
            ("records per CPU-s", "records_per_cpu_s"),
            ("triples", "triples"))  # fmt: skip
    for label, k in rows:
        line = f"{label:<24}{_num(r[k]):>14}"
        if base:
            ratio = f"{r['ratios']['build']}x" if k == "records_per_s" else ""
            line += f"{_num(base.get(k)):>14}{ratio:>11}"
        print(line)
    if base:
        print(f"baseline: rdflib Dataset, first {base['n']} records; rates compare directly, "
              f"its queries ran on a graph {base['n']}/{r['n']} the size (ratios conservative)")  # fmt: skip
    print(f"\nqueries (ms of CPU; params {r['query_params']})")
    print(f"{'query':<24}{'p50':>10}{'p95':>10}{'rows':>8}{'goal':>8}{'':>5}" + (f"{'base p50':>12}{'base p95':>12}{'ratio':>11}" if base else ""))  # fmt: skip
    for name, q in r["queries"].items():
        line = f"{name:<24}{_ms(q['p50_ms']):>10}{_ms(q['p95_ms']):>10}{str(q['rows']):>8}"
        line += f"{_ms(q.get('goal_ms')):>8}{_verdict(q):>5}"
        if base:
            b = base["queries"].get(name, {})
            ratio = r["ratios"]["queries"].get(name)
            mark = ">=" if name in r["ratios"]["lower_bounds"] else ""
            line += f"{_ms(b.get('p50_ms')):>12}{_ms(b.get('p95_ms')):>12}{mark + (f'{ratio}x' if ratio else '—'):>11}"  # fmt: skip
        print(line)

    met = [q for q in r["queries"].values() if q.get("within_goal")]
    print(f"{len(met)} of {len(r['queries'])} queries within their goal (50 ms for a look-up, "
          f"2 s for a whole-graph query)")  # fmt: skip
    if r.get("build_commit") and r["build_commit"] != r.get("commit"):
        print(f"store built at commit {r['build_commit']} ({r.get('build_date')}), reused")


def _verdict(q: dict[str, Any]) -> str:
    if "within_goal" not in q:
        return ""
    return "ok" if q["within_goal"] else "over"


def _num(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)
