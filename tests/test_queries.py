"""kg/queries.py: the header of a named query file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.queries import library, parse_query
from kg.store.base import QueryError


def _query(tmp_path: Path, header: str) -> Path:
    path = tmp_path / "q.rq"
    path.write_text(f"# name: q\n{header}SELECT ?s WHERE {{ ?s ?p ?param_x }}\n")
    return path


def test_scope_is_item_unless_the_header_says_graph(tmp_path: Path) -> None:
    assert parse_query(_query(tmp_path, "")).scope == "item"
    assert parse_query(_query(tmp_path, "# scope: graph\n")).scope == "graph"


def test_a_bad_scope_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(
        QueryError, match=r"q\.rq: bad scope header 'all' \(want one of item, graph\)"
    ):
        parse_query(_query(tmp_path, "# scope: all\n"))


def test_the_whole_graph_queries_of_the_library() -> None:
    graph = {name for name, q in library().items() if q.scope == "graph"}
    assert graph == {
        "combination-trials", "drug-targets", "export-edges", "export-nodes",
        "mechanism-overlap", "redundant-combinations", "target-landscape", "trial-provenance",
        "trials", "unresolved-names",
    }  # fmt: skip
