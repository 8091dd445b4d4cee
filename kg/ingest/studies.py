"""JSON text -> one document per study, whatever wrapper holds the studies.

Wrappers split here (each member becomes the canonical JSON of one study, so the same study
is the same document whichever wrapper or container it came in):

- an API v2 page ``{"studies": [...], "nextPageToken": ...}`` and a bare JSON list: each
  element is a study;
- a classic API ``{"FullStudiesResponse": {"FullStudies": [{"Rank": 1, "Study": {...}}]}}``:
  each entry becomes ``{"Study": {...}}`` (its search ``Rank`` is not part of the study).

A wrapper holding several studies names each ``file.json#<index>`` (0-based, as in a JSON
pointer); a wrapper holding one study keeps the file's own name, as a one-study file does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from kg.ingest.base import Failure, canonical_json, make_document
from kg.records import Document

Member = object | Failure
"""A study's JSON value, or why a wrapper's entry is not one."""


def value_documents(name: str, value: object) -> Iterator[Document | Failure]:
    """The documents of one parsed JSON value."""
    found = wrapped_studies(value)
    if found is None:
        yield make_document(name, canonical_json(value))
        return
    kind, members = found
    if not members:
        yield Failure(name, f"{kind} holds no studies")
        return
    for index, member in enumerate(members):
        member_name = name if len(members) == 1 else f"{name}#{index}"
        if isinstance(member, Failure):
            yield Failure(member_name, member.message)
        else:
            yield make_document(member_name, canonical_json(member))


def wrapped_studies(value: object) -> tuple[str, list[Member]] | None:
    """What kind of wrapper ``value`` is and its members; None when it is not a wrapper."""
    if isinstance(value, list):
        return "JSON list", [_object(item) for item in value]
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("studies"), list):
        return "API page", [_object(item) for item in value["studies"]]
    response = value.get("FullStudiesResponse")
    if isinstance(response, dict) and len(value) == 1:
        entries = response.get("FullStudies")
        if not isinstance(entries, list):
            return "classic API FullStudiesResponse", []
        return "classic API FullStudiesResponse", [_classic(entry) for entry in entries]
    return None


def _object(item: object) -> Member:
    if isinstance(item, dict):
        return item
    return Failure("", f"study is not a JSON object but {kind_of(item)}")


def _classic(entry: object) -> Member:
    if isinstance(entry, dict) and isinstance(entry.get("Study"), dict):
        return {"Study": entry["Study"]}
    return Failure("", "classic API FullStudies entry without a Study object")


def kind_of(item: object) -> str:
    if item is None:
        return "null"
    if isinstance(item, bool):
        return "a boolean"
    if isinstance(item, int | float):
        return "a number"
    if isinstance(item, str):
        return "a string"
    return "a list"


def json_error(exc: json.JSONDecodeError, text: str) -> str:
    """One line saying where and why ``text`` is not JSON (a cut-off text says truncated)."""
    several = exc.lineno > 1 or "\n" in text.strip()
    where = f"line {exc.lineno} column {exc.colno}" if several else f"column {exc.colno}"
    if exc.msg.startswith("Unterminated string"):
        return f"truncated JSON: the text ends inside a string begun at {where}"
    if exc.pos >= len(text.rstrip()):
        return f"truncated JSON: the text ends at {where} ({exc.msg[:1].lower()}{exc.msg[1:]})"
    return f"malformed JSON at {where}: {exc.msg}"
