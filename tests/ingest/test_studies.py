"""JSON wrappers split into one canonical study each (kg.ingest.studies)."""

from __future__ import annotations

import hashlib
import json

import pytest

from kg.ingest import Failure
from kg.ingest.base import canonical_json
from kg.ingest.reader import from_bytes
from kg.records import Document
from tests.ingest.graphs import CLASSIC, V2

pytestmark = pytest.mark.skipif(not V2 or not CLASSIC, reason="../shared/ctgov not found")


def _read(name: str, value: object) -> list[Document | Failure]:
    return list(from_bytes(name, json.dumps(value, indent=1).encode()))


def _study(nct: str) -> dict[str, object]:
    path = next(p for p in V2 if p.stem == nct)
    loaded: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def test_a_study_is_its_canonical_json_whatever_its_spacing() -> None:
    study = _study("NCT03453554")
    (doc,) = _read("s.json", study)
    assert isinstance(doc, Document)
    assert doc.text == canonical_json(study)
    assert doc.text.startswith('{"annotationSection":{"annotationModule":')
    assert doc.sha256 == hashlib.sha256(doc.text.encode()).hexdigest()
    assert doc.layout == "ctgov-v2"


def test_classic_response_members_are_bare_study_objects() -> None:
    response = json.loads(CLASSIC[2].read_text(encoding="utf-8"))  # NCT04780763
    study = response["FullStudiesResponse"]["FullStudies"][0]["Study"]
    (alone,) = list(from_bytes("one.json", CLASSIC[2].read_bytes()))
    assert isinstance(alone, Document)
    assert (alone.path, alone.text, alone.layout) == (
        "one.json",
        canonical_json({"Study": study}),
        "ctgov-classic",
    )
    twice = {"FullStudiesResponse": {"FullStudies": [{"Rank": 1, "Study": study}, {"Rank": 7}]}}
    first, second = _read("two.json", twice)
    assert isinstance(first, Document) and first.sha256 == alone.sha256
    assert second == Failure("two.json#1", "classic API FullStudies entry without a Study object")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"studies": [], "nextPageToken": "x"}, "API page holds no studies"),
        ([], "JSON list holds no studies"),
        (
            {"FullStudiesResponse": {"NStudiesFound": 0}},
            "classic API FullStudiesResponse holds no studies",
        ),
    ],
)
def test_a_wrapper_without_studies_fails(value: object, message: str) -> None:
    assert _read("w.json", value) == [Failure("w.json", message)]


def test_list_members_that_are_not_objects_fail_alone() -> None:
    found = _read("l.json", [None, 3, True, _study("NCT03453554"), ["x"]])
    assert [str(f) for f in found if isinstance(f, Failure)] == [
        "l.json#0: study is not a JSON object but null",
        "l.json#1: study is not a JSON object but a number",
        "l.json#2: study is not a JSON object but a boolean",
        "l.json#4: study is not a JSON object but a list",
    ]
    assert [d.path for d in found if isinstance(d, Document)] == ["l.json#3"]
