"""JSON Lines and zip archives are read one line / one member at a time, never whole.

Peak memory is measured with :mod:`tracemalloc` while a generated 8 MB container is read
(layout detection stubbed, so only the reader's own allocations count): it stays a small
fraction of the container, where reading the whole file would need at least its size.
"""

from __future__ import annotations

import json
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.extractors.registry import layouts
from kg.ingest import iter_documents
from kg.ingest.lines import json_lines
from kg.records import Document
from tests.ingest.graphs import V2

pytestmark = pytest.mark.skipif(not V2, reason="../shared/ctgov not found")

BIG = next((p for p in V2 if p.name == "NCT02210780.json"), V2[0])  # ~98 KB, results included
TARGET_BYTES = 8 * 2**20


def _studies() -> Iterator[tuple[str, str]]:
    study = json.loads(BIG.read_text(encoding="utf-8"))
    for number in range(10**6):
        nct = f"NCT9{number:07d}"
        study["protocolSection"]["identificationModule"]["nctId"] = nct
        yield nct, json.dumps(study)


def _jsonl(tmp: Path) -> Path:
    out = tmp / "big.jsonl"
    with out.open("w", encoding="utf-8") as stream:
        for _, text in _studies():
            stream.write(text + "\n")
            if stream.tell() > TARGET_BYTES:
                break
    return out


def _zip(tmp: Path) -> tuple[Path, int]:
    out, total = tmp / "big.zip", 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for nct, text in _studies():
            archive.writestr(f"{nct}.json", text)
            total += len(text)
            if total > TARGET_BYTES:
                break
    return out, total


@pytest.fixture()
def quick_detect(monkeypatch: pytest.MonkeyPatch) -> None:
    v2 = layouts()["ctgov-v2"]
    monkeypatch.setattr("kg.ingest.base.detect", lambda text: v2)


def _peak_while_reading(path: Path) -> tuple[int, int]:
    """(documents read, peak bytes allocated while reading them)."""
    tracemalloc.start()
    try:
        count = sum(1 for doc in iter_documents([path]) if isinstance(doc, Document))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_json_lines_pulls_one_line_per_document() -> None:
    pulled: list[int] = []

    def lines() -> Iterator[bytes]:
        for number, (_, text) in enumerate(_studies(), start=1):
            pulled.append(number)
            yield text.encode() + b"\n"

    documents = json_lines("endless.jsonl", lines())  # an endless stream: never read whole
    first = next(documents)
    second = next(documents)
    assert (first.path, second.path, pulled) == ("endless.jsonl#L1", "endless.jsonl#L2", [1, 2])


def test_jsonl_file_is_streamed(tmp_path: Path, quick_detect: None) -> None:
    path = _jsonl(tmp_path)
    size = path.stat().st_size
    count, peak = _peak_while_reading(path)
    assert count == 140
    assert peak < size / 4, f"peak {peak} bytes reading a {size}-byte file"


def test_zip_is_read_one_member_at_a_time(tmp_path: Path, quick_detect: None) -> None:
    path, total = _zip(tmp_path)
    count, peak = _peak_while_reading(path)
    assert count == 140
    assert peak < total / 4, f"peak {peak} bytes reading {total} bytes of members"
