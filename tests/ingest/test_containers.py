"""Every container of the same studies builds the same graphs as the studies' single files.

The v2 records of ``../shared/ctgov/v2`` are built one file each, then as a zip (stored and
deflated), as JSON Lines, as an API page and as a bare JSON list; the classic records one
file each and as one ``FullStudiesResponse``; XML records one file each and zipped; a CSV
export row alone and inside a multi-row export. Only :data:`graphs.VARYING` (file name, source
path, extraction time) may differ.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store.oxigraph import OxigraphStore
from tests.ingest.graphs import (
    CLASSIC,
    DATA,
    DOCUMENTS,
    V2,
    XML,
    Graphs,
    built,
    difference,
    graphs,
    provenance,
)

pytestmark = pytest.mark.skipif(not V2 or not CLASSIC, reason="../shared/ctgov not found")


def _zip(files: list[Path], out: Path, compression: int) -> Path:
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for path in files:
            archive.write(path, path.name)
    return out


def _zip_stored(tmp: Path) -> Path:
    return _zip(V2, tmp / "ctg-studies.json.zip", zipfile.ZIP_STORED)


def _zip_deflated(tmp: Path) -> Path:
    return _zip(V2, tmp / "ctg-studies.json.zip", zipfile.ZIP_DEFLATED)


def _loads(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def _jsonl(tmp: Path) -> Path:
    out = tmp / "studies.jsonl"
    out.write_text("".join(json.dumps(_loads(p)) + "\n" for p in V2), encoding="utf-8")
    return out


def _page(tmp: Path) -> Path:
    out = tmp / "page.json"
    page = {"studies": [_loads(p) for p in V2], "nextPageToken": "x"}
    out.write_text(json.dumps(page, indent=2), encoding="utf-8")
    return out


def _list(tmp: Path) -> Path:
    out = tmp / "list.json"
    out.write_text(json.dumps([_loads(p) for p in V2]), encoding="utf-8")
    return out


def _jsonl_zipped(tmp: Path) -> Path:
    return _zip([_jsonl(tmp)], tmp / "studies.zip", zipfile.ZIP_DEFLATED)


FORMS: dict[str, Callable[[Path], Path]] = {
    "zip-stored": _zip_stored,
    "zip-deflated": _zip_deflated,
    "jsonl": _jsonl,
    "api-page": _page,
    "json-list": _list,
    "jsonl-in-zip": _jsonl_zipped,
}


@pytest.fixture(scope="module")
def v2_singles(no_reasoner: None) -> Graphs:
    store, report = built(V2)
    assert (report.built, report.failures) == (len(V2), [])
    return graphs(store)


def test_v2_singles_are_one_graph_each(v2_singles: Graphs) -> None:
    assert len([g for g in v2_singles if "/graph/doc/" in g]) == len(V2) == 12


@pytest.mark.parametrize("form", sorted(FORMS))
def test_v2_container_builds_the_same_graphs(form: str, tmp_path: Path, v2_singles: Graphs) -> None:
    container = FORMS[form](tmp_path)
    store, report = built([container])
    assert (report.built, report.failures) == (len(V2), [])
    found = graphs(store)
    assert found == v2_singles, difference(found, v2_singles)


def test_v2_member_names_say_where_they_came_from(tmp_path: Path) -> None:
    archive = _zip_deflated(tmp_path)
    lines, page = _jsonl(tmp_path), _page(tmp_path)
    names = [p.name for p in V2]
    where = {}
    for container in (archive, lines, page):
        where.update(provenance(built([container])[0]))
    assert {n: where[n] for n in names} == {p.name: f"{archive}!/{p.name}" for p in V2}
    for number in range(1, len(V2) + 1):
        assert where[f"studies.jsonl#L{number}"] == f"{lines}#L{number}"
        assert where[f"page.json#{number - 1}"] == f"{page}#{number - 1}"


def test_a_page_with_one_study_is_named_as_its_file(tmp_path: Path) -> None:
    out = tmp_path / "one.json"
    out.write_text(json.dumps({"studies": [_loads(V2[0])], "nextPageToken": "x"}))
    store, report = built([out])
    assert report.built == 1
    assert provenance(store) == {"one.json": str(out)}


def _classic_response(files: list[Path]) -> dict[str, object]:
    entries = []
    for rank, path in enumerate(files, start=1):
        response = _loads(path)["FullStudiesResponse"]  # type: ignore[index]
        entries.append({"Rank": rank, "Study": response["FullStudies"][0]["Study"]})
    return {"FullStudiesResponse": {"NStudiesReturned": len(entries), "FullStudies": entries}}


def test_classic_response_of_several_studies_builds_each_as_its_single_file(
    tmp_path: Path,
) -> None:
    singles, report = built(CLASSIC)
    assert (report.built, report.failures) == (3, [])
    out = tmp_path / "classic.json"
    out.write_text(json.dumps(_classic_response(list(reversed(CLASSIC)))), encoding="utf-8")
    together, report = built([out])
    assert (report.built, report.failures) == (3, [])
    assert graphs(together) == graphs(singles), difference(graphs(together), graphs(singles))
    assert provenance(together) == {f"classic.json#{i}": f"{out}#{i}" for i in range(3)}


def test_xml_zip_builds_the_same_graphs(tmp_path: Path) -> None:
    smallest = sorted(XML, key=lambda p: p.stat().st_size)[:3]
    singles, _ = built(smallest)
    archive = _zip(smallest, tmp_path / "AllPublicXML.zip", zipfile.ZIP_DEFLATED)
    zipped, report = built([archive])
    assert (report.built, report.failures) == (3, [])
    assert graphs(zipped) == graphs(singles), difference(graphs(zipped), graphs(singles))


def test_export_rows_build_one_trial_each_and_the_same_row_alone_gives_the_same_graph() -> None:
    alone, _ = built([DOCUMENTS / "rationale304_export.csv"])
    store, report = built([DATA / "three_studies_export.csv"])
    assert (report.built, report.failures) == (3, [])
    rows = store.select(
        "PREFIX tkg: <https://w3id.org/trialkg/vocab#> "
        "PREFIX prov: <http://www.w3.org/ns/prov#> "
        "SELECT ?nct ?file WHERE { GRAPH ?g { ?t a tkg:Trial ; tkg:nctId ?nct ; "
        "prov:wasDerivedFrom ?d . ?d tkg:fileName ?file } }"
    )
    found = sorted((str(r[0].value), str(r[1].value)) for r in rows if r[0] and r[1])
    assert found == [
        ("NCT03418623", "three_studies_export.csv#L3"),
        ("NCT03663205", "three_studies_export.csv#L2"),
        ("NCT06171568", "three_studies_export.csv#L4"),
    ]
    (graph,) = [g for g in graphs(alone) if "/graph/doc/" in g]
    assert graphs(store)[graph] == graphs(alone)[graph]


def test_tsv_export_rows_build_one_trial_each() -> None:
    store, report = built([DATA / "three_studies_export.tsv"])
    assert (report.built, report.failures) == (3, [])
    assert sorted(provenance(store)) == [f"three_studies_export.tsv#L{n}" for n in (2, 3, 4)]


def test_zip_built_by_two_workers_gives_the_same_graphs(tmp_path: Path, v2_singles: Graphs) -> None:
    store = OxigraphStore(None)
    report = build([_zip_deflated(tmp_path)], store, jobs=2)
    assert (report.built, report.failures) == (len(V2), [])
    assert graphs(store) == v2_singles, difference(graphs(store), v2_singles)
