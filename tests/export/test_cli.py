"""``kg export`` end to end on a store on disk, and its one-line errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.export.registry import formats
from kg.store import open_store
from tests.export.conftest import DRUG_TARGETS, TINY


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    store = open_store(path)
    quads = list(ox.parse(path=str(TINY), format=ox.RdfFormat.TRIG))
    for graph in {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}:
        store.replace_graph(graph, [q for q in quads if q.graph_name.value == graph])
    store.close()
    return path


@pytest.mark.parametrize("name", sorted(formats()))
def test_every_format_from_the_command_line(
    name: str, store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out{formats()[name].extension}"
    assert main(["export", "--format", name, "--trial", "NCT00000001", "--out", str(out),
                 "--store", str(store_path)]) == 0  # fmt: skip
    assert out.exists()
    assert capsys.readouterr().out.startswith("15 nodes, 17 edges")


def test_neo4j_zip(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.zip"
    assert main(["export", "--format", "neo4j-csv", "--out", str(out),
                 "--store", str(store_path)]) == 0  # fmt: skip
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == ["nodes.csv", "relationships.csv"]
        header = z.read("relationships.csv").decode().splitlines()[0]
    assert header.startswith(":START_ID,:END_ID,:TYPE,label,predicate,")
    assert "dose:double" in header


def test_query_export(store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "q.graphml"
    assert main(["export", "--format", "graphml", "--query", DRUG_TARGETS,
                 "--out", str(out), "--store", str(store_path)]) == 0  # fmt: skip
    assert capsys.readouterr().out.startswith("6 nodes, 4 edges")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--trial", "NCT09999999"], "no trial NCT09999999"),
        (["--query", "trials"], "needs a CONSTRUCT query"),
        (["--query", "no-such-query"], "unknown query"),
        (["--param", "drug=x"], "--param only goes with --query"),
    ],
)
def test_user_errors(
    args: list[str], message: str, store_path: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    code = main(["export", "--format", "dot", "--out", str(tmp_path / "x.dot"),
                 "--store", str(store_path), *args])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--format", "dot", "--out", str(tmp_path / "x.dot"),
                 "--store", str(tmp_path / "nowhere")])  # fmt: skip
    assert code == 2 and "no store here yet" in capsys.readouterr().err
