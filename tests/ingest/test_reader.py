"""Walking folders and opening files (kg.ingest.reader)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.ingest import Failure, iter_documents
from kg.records import Document
from tests.ingest.graphs import V2

pytestmark = pytest.mark.skipif(len(V2) < 3, reason="../shared/ctgov not found")


def _paths(paths: list[Path]) -> list[str]:
    return [d.path for d in iter_documents(paths)]


def test_folders_are_walked_in_name_order_without_hidden_ones(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".trialkg" / "store").mkdir(parents=True)
    (tmp_path / ".trialkg" / "store" / "CURRENT").write_text("MANIFEST-000005\n")
    (tmp_path / ".hidden.json").write_text("{}")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    shutil.copy(V2[0], tmp_path / "b" / V2[0].name)
    shutil.copy(V2[1], tmp_path / V2[1].name)
    shutil.copy(V2[2], tmp_path / "a.json")
    assert _paths([tmp_path]) == [
        str(tmp_path / V2[1].name),  # code-point order: "NCT..." before "a.json"
        str(tmp_path / "a.json"),
        str(tmp_path / "b" / V2[0].name),
    ]


def test_a_folder_linked_into_itself_is_walked_once(tmp_path: Path) -> None:
    shutil.copy(V2[0], tmp_path / V2[0].name)
    os.symlink(tmp_path, tmp_path / "loop")
    assert _paths([tmp_path]) == [str(tmp_path / V2[0].name)]


def test_a_missing_path_is_one_failure_and_the_rest_still_come(tmp_path: Path) -> None:
    found = list(iter_documents([tmp_path / "nope.json", V2[0]]))
    assert found[0] == Failure(str(tmp_path / "nope.json"), "no such file or folder")
    assert isinstance(found[1], Document)


def test_a_json_file_holding_zip_bytes_is_not_opened_as_an_archive(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "study.json"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(V2[0], V2[0].name)
    assert list(iter_documents([path])) == [Failure(str(path), "binary file, not a text document")]
