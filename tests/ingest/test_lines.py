"""JSON Lines (kg.ingest.lines), and JSON Lines saved under a ``.json`` name."""

from __future__ import annotations

import json

import pytest

from kg.ingest import Failure
from kg.ingest.reader import from_bytes
from kg.records import Document
from tests.ingest.graphs import V2

pytestmark = pytest.mark.skipif(not V2, reason="../shared/ctgov not found")


def _lines(*indices: int) -> list[bytes]:
    return [json.dumps(json.loads(V2[i].read_text())).encode() for i in indices]


def test_bom_crlf_blank_lines_and_line_numbers() -> None:
    a, b = _lines(0, 1)
    data = b"\xef\xbb\xbf" + a + b"\r\n\r\n   \r\n" + b + b"\r\n"
    found = list(from_bytes("s.jsonl", data, jsonl=True))
    assert [(d.path, type(d).__name__) for d in found] == [
        ("s.jsonl#L1", "Document"),
        ("s.jsonl#L4", "Document"),
    ]


def test_lines_that_are_not_studies_fail_alone() -> None:
    (a,) = _lines(0)
    data = b"\n".join([b"42", b'"NCT00465816"', a, b"{oops}", b"\xff\xfe{"])
    found = list(from_bytes("s.jsonl", data, jsonl=True))
    assert [str(f) for f in found if isinstance(f, Failure)] == [
        "s.jsonl#L1: line is not a JSON object but a number",
        "s.jsonl#L2: line is not a JSON object but a string",
        "s.jsonl#L4: malformed JSON at column 2: Expecting property name enclosed in double quotes",
        "s.jsonl#L5: malformed JSON at column 1: Expecting value",
    ]
    assert [d.path for d in found if isinstance(d, Document)] == ["s.jsonl#L3"]


def test_a_line_may_be_an_api_page() -> None:
    page = {"studies": [json.loads(p.read_text()) for p in V2[:2]], "nextPageToken": "x"}
    data = json.dumps(page).encode() + b"\n"
    found = list(from_bytes("pages.jsonl", data, jsonl=True))
    assert [d.path for d in found] == ["pages.jsonl#L1#0", "pages.jsonl#L1#1"]


@pytest.mark.parametrize("data", [b"", b"\n  \n\n"])
def test_no_line_at_all_is_an_empty_file(data: bytes) -> None:
    assert list(from_bytes("e.jsonl", data, jsonl=True)) == [Failure("e.jsonl", "empty file")]


def test_json_lines_saved_as_json_are_read_as_lines() -> None:
    a, b = _lines(0, 1)
    found = list(from_bytes("studies.json", a + b"\n" + b + b"\n"))
    assert [(d.path, isinstance(d, Document)) for d in found] == [
        ("studies.json#L1", True),
        ("studies.json#L2", True),
    ]


def test_two_objects_on_one_line_stay_malformed() -> None:
    assert list(from_bytes("x.json", b'{"a": 1} {"b": 2}')) == [
        Failure("x.json", "malformed JSON at column 10: Extra data")
    ]


def test_a_position_past_the_first_line_names_its_line() -> None:
    assert list(from_bytes("t.json", b'{"broken": \n')) == [
        Failure("t.json", "truncated JSON: the text ends at line 2 column 1 (expecting value)")
    ]
