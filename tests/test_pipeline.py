"""kg.pipeline.build: batched writes keep each document all-or-nothing, skips, replacements."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

import kg.analysis.classify
import kg.pipeline
from kg import __version__
from kg.namespaces import REFERENCE_GRAPH, TKG
from kg.pipeline import build
from kg.store import OxigraphStore, StoreError
from kg.store.journal import FOLDER
from tests.store.failing import HalfLoadingStore

V2 = sorted((Path(__file__).resolve().parents[2] / "shared" / "ctgov" / "v2").glob("*.json"))[:4]


@pytest.fixture(autouse=True)
def no_reasoner(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The reasoner runs after the documents are written; these tests count its calls only."""
    calls: list[int] = []

    def refresh(store: object) -> int:
        calls.append(1)
        return 0

    monkeypatch.setattr(kg.analysis.classify, "refresh_inferred", refresh)
    return calls


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "in"
    out.mkdir()
    for path in V2:
        shutil.copy(path, out / path.name)
    return out


def document_graphs(store: OxigraphStore) -> set[str]:
    return {g for g in store.graphs() if "/graph/doc/" in g}


class FailingStore(OxigraphStore):
    """Refuses every batch write, as a full disk would."""

    def replace_graphs(
        self, graphs: Sequence[tuple[str, bytes]], *, drop: Iterable[str] = ()
    ) -> None:
        raise StoreError("disk full")


def test_builds_every_document_then_skips_them_all(folder: Path, no_reasoner: list[int]) -> None:
    store = OxigraphStore()
    first = build([folder], store)
    assert (first.built, first.skipped, first.failures) == (4, 0, [])
    assert len(document_graphs(store)) == 4
    size = len(store)
    again = build([folder], store)
    assert (again.built, again.skipped, again.failures) == (0, 4, [])
    assert len(store) == size
    assert no_reasoner == [1]  # the second build wrote nothing, so nothing to re-classify


@pytest.mark.parametrize("jobs", [1, 2])
def test_small_batches_and_workers_give_the_same_store(
    folder: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = OxigraphStore()
    report = build([folder], one)
    monkeypatch.setattr(kg.pipeline, "BATCH_QUADS", 1)  # one document per transaction
    monkeypatch.setattr(kg.pipeline, "WINDOW", 3)
    other = OxigraphStore()
    assert build([folder], other, jobs=jobs).triples == report.triples
    assert document_graphs(other) == document_graphs(one)
    assert len(other) == len(one)


def test_a_copy_of_a_document_in_the_same_run_is_skipped(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    shutil.copy(V2[0], copy)
    store = OxigraphStore()
    report = build([folder, copy], store, jobs=2)
    assert (report.built, report.skipped) == (4, 1)


def test_a_changed_file_replaces_its_old_graph(tmp_path: Path) -> None:
    path = tmp_path / "study.json"
    text = V2[0].read_text()
    path.write_text(text)
    store = OxigraphStore()
    build([path], store)
    (old,) = document_graphs(store)
    path.write_text(text.replace('"briefTitle": "', '"briefTitle": "Changed: ', 1))
    report = build([path], store)
    assert (report.built, report.failures) == (1, [])
    (new,) = document_graphs(store)
    assert new != old


def test_a_failed_batch_reports_each_document_and_keeps_the_store(folder: Path) -> None:
    store = FailingStore()
    report = build([folder], store)
    assert report.built == 0
    assert sorted(Path(f.path).name for f in report.failures) == [p.name for p in V2]
    assert {f.message for f in report.failures} == {"store write failed: disk full"}
    assert store.graphs() == [REFERENCE_GRAPH]


def test_a_bulk_load_failing_half_way_reports_each_document_and_keeps_the_store(
    folder: Path, tmp_path: Path
) -> None:
    store = OxigraphStore(tmp_path / "store")  # on disk: new graphs go through bulk_load
    store._store = HalfLoadingStore(store._store)  # type: ignore[assignment]
    report = build([folder], store)
    assert report.built == 0
    assert sorted(Path(f.path).name for f in report.failures) == [p.name for p in V2]
    assert {f.message for f in report.failures} == {"store write failed: No space left on device"}
    assert store.graphs() == [REFERENCE_GRAPH]
    assert list((tmp_path / "store" / FOLDER).iterdir()) == []


def test_force_rebuilds_in_place(folder: Path) -> None:
    store = OxigraphStore()
    build([folder], store)
    before, size = document_graphs(store), len(store)
    report = build([folder], store, force=True)
    assert (report.built, report.skipped) == (4, 0)
    assert document_graphs(store) == before
    assert len(store) == size


def agents(store: OxigraphStore, graph: str) -> int:
    """How many tkg:givesAgent links ``graph`` holds."""
    rows = store.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?t <{TKG.givesAgent}> ?d }} }}"
    )
    return int(rows.rows[0][0].value)  # type: ignore[union-attr]


def test_a_graph_an_earlier_extractor_version_wrote_is_extracted_again(folder: Path) -> None:
    """A store built by an older kg gains what the new extractors write (the agent
    shortcuts of 0.2.0, say) on its next build, in place: the same graph IRI, the version
    and the shortcut now there."""
    store = OxigraphStore()
    build([folder], store)
    given = {g: agents(store, g) for g in document_graphs(store)}
    graph = max(given, key=lambda g: (given[g], g))
    assert given[graph] > 0
    store.update(f"""PREFIX tkg: <https://w3id.org/trialkg/vocab#>
        DELETE {{ GRAPH <{graph}> {{ ?x tkg:extractorVersion ?v . ?t tkg:givesAgent ?d }} }}
        INSERT {{ GRAPH <{graph}> {{ ?x tkg:extractorVersion "0.1.0" }} }}
        WHERE {{ GRAPH <{graph}> {{ ?x tkg:extractorVersion ?v OPTIONAL {{ ?t tkg:givesAgent ?d }} }} }}""")
    assert agents(store, graph) == 0
    report = build([folder], store)
    assert (report.built, report.skipped) == (1, 3)
    assert graph in document_graphs(store)
    assert agents(store, graph) == given[graph]
    version = f"SELECT ?v WHERE {{ GRAPH <{graph}> {{ ?x <{TKG.extractorVersion}> ?v }} }}"
    assert [r[0].value for r in store.select(version).rows] == [__version__]  # type: ignore[union-attr]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_value_no_iri_can_hold_fails_that_document_alone(folder: Path, jobs: int) -> None:
    import json

    bad = folder / V2[0].name
    record = json.loads(bad.read_text())
    references = record["protocolSection"].setdefault("referencesModule", {})
    references["references"] = [{"pmid": "12 34>", "type": "BACKGROUND", "citation": "A."}]
    bad.write_text(json.dumps(record))
    store = OxigraphStore()
    report = build([folder], store, jobs=jobs)
    assert report.built == 3
    assert [(f.path, f.message) for f in report.failures] == [
        (str(bad), "cannot write its graph: Invalid IRI code point ' '")
    ]
    assert len(document_graphs(store)) == 3
