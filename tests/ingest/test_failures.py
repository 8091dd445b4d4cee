"""A malformed member fails alone, in one line naming its container and itself; the rest build.

Also: what was stored before a bad container is still there afterwards, and the CLI answers
bad files with exact one-line messages and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from kg.cli import main
from kg.ingest import Failure, iter_documents
from kg.pipeline import build
from kg.records import Document
from kg.store.oxigraph import OxigraphStore
from tests.ingest.graphs import V2, built, graphs

pytestmark = pytest.mark.skipif(not V2, reason="../shared/ctgov not found")

GOOD = V2[:2]  # NCT00465816, NCT00763412
LATER = V2[2]  # NCT00973089


def _line(path: Path) -> str:
    return json.dumps(json.loads(path.read_text(encoding="utf-8")))


def _jsonl_with_a_broken_line(tmp: Path) -> Path:
    out = tmp / "studies.jsonl"
    broken = '{"protocolSection": {"identificationModule": {"nctId": "NCT0'
    out.write_text(f"{_line(GOOD[0])}\n{_line(GOOD[1])}\n\n{broken}\n{_line(LATER)}\n")
    return out


def _zip_with_bad_members(tmp: Path) -> Path:
    out = tmp / "ctg-studies.json.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(GOOD[0], GOOD[0].name)
        archive.writestr("crc.json", _line(LATER), compress_type=zipfile.ZIP_STORED)
        archive.writestr("empty.json", "")
        archive.writestr("notes.json", "{not json")
        archive.writestr("scan.json", bytes(range(256)) * 4)
        archive.write(GOOD[1], GOOD[1].name)
    data = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as archive:
        info = archive.getinfo("crc.json")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10 : start + 14] = b"XXXX"  # the stored bytes change, the CRC stays
    out.write_bytes(bytes(data))
    return out


def _page_with_a_string_study(tmp: Path) -> Path:
    out = tmp / "page.json"
    studies = [json.loads(GOOD[0].read_text()), "NCT00973089", json.loads(GOOD[1].read_text())]
    out.write_text(json.dumps({"studies": studies, "nextPageToken": "x"}))
    return out


def test_jsonl_broken_line_fails_alone(tmp_path: Path) -> None:
    path = _jsonl_with_a_broken_line(tmp_path)
    store, report = built([path])
    assert report.built == 3
    assert report.failures == [
        Failure(f"{path}#L4", "truncated JSON: the text ends inside a string begun at column 56")
    ]
    assert len([g for g in graphs(store) if "/graph/doc/" in g]) == 3


def test_zip_corrupt_empty_and_non_json_members_fail_alone(tmp_path: Path) -> None:
    path = _zip_with_bad_members(tmp_path)
    store, report = built([path])
    assert report.built == 2
    assert [str(f) for f in report.failures] == [
        f"{path}!/crc.json: cannot read archive member: Bad CRC-32 for file 'crc.json'",
        f"{path}!/empty.json: empty file",
        f"{path}!/notes.json: malformed JSON at column 2: "
        "Expecting property name enclosed in double quotes",
        f"{path}!/scan.json: binary file, not a text document",
    ]


def test_corrupt_deflated_member_fails_alone(tmp_path: Path) -> None:
    out = tmp_path / "a.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bad.json", _line(LATER))
        archive.write(GOOD[0], GOOD[0].name)
    data = bytearray(out.read_bytes())
    data[45:60] = b"\xff" * 15  # inside bad.json's compressed stream
    out.write_bytes(bytes(data))
    found = list(iter_documents([out]))
    assert [getattr(d, "path", None) for d in found] == [
        f"{out}!/{GOOD[0].name}",  # members come in name order
        f"{out}!/bad.json",
    ]
    assert isinstance(found[1], Failure)
    assert found[1].message.startswith("cannot read archive member: ")
    assert "\n" not in found[1].message


def test_page_study_that_is_not_an_object_fails_alone(tmp_path: Path) -> None:
    path = _page_with_a_string_study(tmp_path)
    _, report = built([path])
    assert report.built == 2
    assert [str(f) for f in report.failures] == [
        f"{path}#1: study is not a JSON object but a string"
    ]


def test_bad_containers_leave_what_was_stored_intact(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    first = build([*GOOD, LATER], store)
    assert (first.built, first.failures) == (3, [])
    before = graphs(store)
    bad = [
        _jsonl_with_a_broken_line(tmp_path),
        _zip_with_bad_members(tmp_path),
        _page_with_a_string_study(tmp_path),
    ]
    report = build(bad, store)
    assert (report.built, report.skipped, len(report.failures)) == (0, 7, 6)
    after = graphs(store)
    assert {g: after[g] for g in before} == before
    assert after.keys() == before.keys()


# ------------------------------------------------------------------------- through the CLI


def _kg_build(
    paths: list[Path], store: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str], str]:
    status = main(["build", *map(str, paths), "--store", str(store)])
    out, err = capsys.readouterr()
    return status, err.splitlines(), out


@pytest.fixture()
def bad_files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    files = {
        "empty": folder / "empty.json",
        "binary": folder / "scan.txt",
        "truncated": folder / "truncated.json",
        "fake_zip": folder / "fake.zip",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    files["truncated"].write_text(GOOD[0].read_text()[:300])
    files["fake_zip"].write_text("not a zip, just text\n")
    (folder / GOOD[0].name).write_text(GOOD[0].read_text())
    return files


CLI_MESSAGES = {
    "empty": "empty file",
    "binary": "binary file, not a text document",
    "truncated": "truncated JSON: the text ends inside a string begun at line 12 column 23",
    "fake_zip": "not a zip archive (or a damaged one)",
}


@pytest.mark.parametrize("kind", sorted(CLI_MESSAGES))
def test_cli_one_bad_file(
    kind: str, bad_files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err, out = _kg_build([bad_files[kind]], tmp_path / "store", capsys)
    assert status == 1
    assert err == [f"{bad_files[kind]}: {CLI_MESSAGES[kind]}"]
    assert out.startswith("built 0 document(s), 0 triples; 0 unchanged; 1 failed;")


def test_cli_folder_of_good_and_bad_files(
    bad_files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = bad_files["empty"].parent
    status, err, out = _kg_build([folder], tmp_path / "store", capsys)
    assert status == 1
    assert err == [
        f"{bad_files[k]}: {CLI_MESSAGES[k]}" for k in ("empty", "fake_zip", "binary", "truncated")
    ]
    assert out.startswith("built 1 document(s), ")
    assert " 4 failed;" in out
    assert "Traceback" not in "\n".join(err)


def test_cli_container_members_fail_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _jsonl_with_a_broken_line(tmp_path)
    status, err, out = _kg_build([lines], tmp_path / "store", capsys)
    assert (status, err) == (
        1,
        [f"{lines}#L4: truncated JSON: the text ends inside a string begun at column 56"],
    )
    assert out.startswith("built 3 document(s), ")


def test_an_oversized_member_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kg.ingest.archive.MAX_MEMBER_BYTES", 2**20)
    out = tmp_path / "bomb.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.json", b" " * (3 * 2**20))
        archive.write(GOOD[0], GOOD[0].name)
    found = list(iter_documents([out]))
    assert isinstance(found[0], Document)
    assert found[1] == Failure(f"{out}!/huge.json", "archive member of 3 MiB, over the 1 MiB limit")
