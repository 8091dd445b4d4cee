"""Journaled bulk writes (docs/decisions/0010): a batch of new graphs on disk goes through
Oxigraph's bulk loader behind a journal, and whatever a failed or interrupted load left is
undone."""

from __future__ import annotations

import logging
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.analysis.classify
from kg.pipeline import build
from kg.store import OxigraphStore, StoreError, journal
from tests.store.failing import HalfLoadingStore

G1, G2, G3 = "http://example.org/g1", "http://example.org/g2", "http://example.org/g3"
P = ox.NamedNode("http://example.org/p")
ROOT = Path(__file__).resolve().parents[2]
ENDED = "<http://www.w3.org/ns/prov#endedAtTime>"


def quad(s: str, o: str, g: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"http://example.org/{s}"), P, ox.Literal(o), ox.NamedNode(g))


def nquads(*quads: ox.Quad) -> bytes:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def graph(g: str, n: int) -> bytes:
    """``n`` quads in graph ``g``."""
    return nquads(*(quad(f"s{i}", str(i), g) for i in range(n)))


def journals(path: Path) -> list[str]:
    folder = path / journal.FOLDER
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_batch_of_new_graphs_leaves_no_journal(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    store.replace_graphs([(G1, graph(G1, 3)), (G2, graph(G2, 2))])
    assert journals(tmp_path / "s") == []
    assert store.graphs() == [G1, G2]
    assert sorted(q.object.value for q in store.quads(G1)) == ["0", "1", "2"]
    store.close()
    again = OxigraphStore(tmp_path / "s", read_only=True)
    assert (len(again), again.interrupted) == (5, [])


def test_a_crash_mid_load_is_undone_at_the_next_open(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "s"
    store = OxigraphStore(path)
    store.replace_graphs([(G1, graph(G1, 4))])
    # the process dies after the journal's rename and half-way through the bulk load
    data = graph(G2, 6) + graph(G3, 4)
    written = journal.write(path, data)
    store._store.bulk_load(b"".join(data.splitlines(keepends=True)[:7]), ox.RdfFormat.N_QUADS)
    assert (len(store), store.graphs()) == (11, [G1, G2, G3])
    del store

    with caplog.at_level(logging.WARNING, logger="kg.store.oxigraph"):
        reader = OxigraphStore(path, read_only=True)
    assert reader.interrupted == [written]
    assert f"{path}: a write was interrupted ({written})" in caplog.text
    assert len(reader) == 11  # read-only: nothing undone
    del reader

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="kg.store.oxigraph"):
        store = OxigraphStore(path)
    assert f"{path}: undid an interrupted write (10 quads, 2 graph(s))" in caplog.text
    assert store.graphs() == [G1]
    assert sorted(q.object.value for q in store.quads(G1)) == ["0", "1", "2", "3"]
    assert (len(store), journals(path)) == (4, [])


def test_undo_twice_changes_nothing_more(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "s"))
    store.add(quad("a", "kept", G1))
    written = journal.write(tmp_path / "s", graph(G2, 3))
    store.bulk_load(path=written, format=ox.RdfFormat.N_QUADS)
    first = journal.undo(store, written)
    second = journal.undo(store, written)  # a crash during the first undo: done again
    assert (first.quads, first.graphs, second.quads, second.graphs) == (3, 1, 3, 1)
    assert list(store) == [quad("a", "kept", G1)]
    assert [g.value for g in store.named_graphs()] == [G1]


def test_a_failing_bulk_load_is_undone_in_the_same_call(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    store.replace_graphs([(G1, graph(G1, 2))])
    store._store = HalfLoadingStore(store._store)  # type: ignore[assignment]
    with pytest.raises(OSError, match="No space left on device"):
        store.replace_graphs([(G2, graph(G2, 5)), (G3, graph(G3, 5))])
    assert store.graphs() == [G1]
    assert (len(store), journals(tmp_path / "s")) == (2, [])


def test_bad_nquads_in_a_batch_leave_the_store_as_it_was(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    store.replace_graphs([(G1, graph(G1, 2))])
    with pytest.raises(SyntaxError):
        store.replace_graphs([(G2, graph(G2, 3)), (G3, b"<http://e/s> <not an iri .\n")])
    assert (store.graphs(), len(store), journals(tmp_path / "s")) == ([G1], 2, [])


def test_a_garbled_journal_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "s"
    OxigraphStore(path).close()
    written = journal.write(path, graph(G2, 3))
    written.write_bytes(written.read_bytes()[:-10])  # truncated after the commit point
    with pytest.raises(StoreError) as info:
        OxigraphStore(path)
    message = str(info.value)
    assert message.startswith(f"{written}: garbled journal of an interrupted write")
    assert "\n" not in message
    assert journals(path) == ["1.nq"]  # left for the user to decide
    assert len(OxigraphStore(path, read_only=True)) == 0


def test_a_journal_never_committed_is_just_deleted(tmp_path: Path) -> None:
    path = tmp_path / "s"
    store = OxigraphStore(path)
    store.replace_graphs([(G1, graph(G1, 2))])
    store.close()
    (path / journal.FOLDER / "2.nq.tmp").write_bytes(graph(G2, 3)[:20])
    again = OxigraphStore(path)
    assert (again.graphs(), len(again), journals(path)) == ([G1], 2, [])


@pytest.fixture
def no_reasoner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.analysis.classify, "refresh_inferred", lambda store: 0)


def dump(store: OxigraphStore) -> list[str]:
    """Every quad as an N-Quads line, sorted, build times aside."""
    lines = nquads(*store.quads()).decode().splitlines()
    return sorted(line for line in lines if ENDED not in line)


@pytest.mark.usefixtures("no_reasoner")
@pytest.mark.parametrize("folder", ["seeds", "../shared/ctgov/v2"])
def test_bulk_path_stores_what_the_transactional_path_stores(folder: str, tmp_path: Path) -> None:
    source = ROOT / folder
    in_memory = OxigraphStore()  # Store.load, one transaction per batch
    on_disk = OxigraphStore(tmp_path / "s")  # journaled bulk loads
    first, second = build([source], in_memory), build([source], on_disk)
    assert (second.built, second.failures) == (first.built, [])
    assert first.built == len(list(source.iterdir()))
    assert on_disk.graphs() == in_memory.graphs()
    assert dump(on_disk) == dump(in_memory)
    assert journals(tmp_path / "s") == []


@pytest.mark.usefixtures("no_reasoner")
def test_a_build_that_failed_mid_load_then_runs_again_equals_a_clean_build(
    tmp_path: Path,
) -> None:
    source = ROOT / "../shared/ctgov/v2"
    store = OxigraphStore(tmp_path / "crashed")
    store._store = HalfLoadingStore(store._store)  # type: ignore[assignment]
    failed = build([source], store)
    assert (failed.built, len(failed.failures)) == (0, 12)
    assert {f.message for f in failed.failures} == {"store write failed: No space left on device"}
    store._store = store._store.inner  # type: ignore[attr-defined]
    again = build([source], store)
    clean = OxigraphStore(tmp_path / "clean")
    assert (again.built, again.failures) == (build([source], clean).built, [])
    assert dump(store) == dump(clean)
