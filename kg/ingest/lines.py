"""JSON Lines (``.jsonl``, ``.ndjson``) -> one document per line, read one line at a time.

Each line is named ``file.jsonl#L<line number>`` (1-based, as an editor counts); a line may
be a study or a wrapper of studies (an API page), split as :mod:`kg.ingest.studies` does. A
line that is not JSON, or not a study, fails alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from kg.ingest.base import Failure, decode_text
from kg.ingest.studies import json_error, kind_of, value_documents
from kg.records import Document

_BOM = b"\xef\xbb\xbf"


def json_lines(name: str, lines: Iterable[bytes]) -> Iterator[Document | Failure]:
    """The documents of a JSON Lines stream; ``lines`` are read lazily, one at a time."""
    empty = True
    for number, raw in enumerate(lines, start=1):
        if number == 1:
            raw = raw.removeprefix(_BOM)
        if not raw.strip():
            continue
        empty = False
        yield from _line(f"{name}#L{number}", raw)
    if empty:
        yield Failure(name, "empty file")


def _line(name: str, raw: bytes) -> Iterator[Document | Failure]:
    text = decode_text(raw)
    if text is None:
        yield Failure(name, "not UTF-8 text")
        return
    text = text.strip()
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(name, json_error(exc, text))
        return
    if not isinstance(value, dict | list):
        yield Failure(name, f"line is not a JSON object but {kind_of(value)}")
        return
    yield from value_documents(name, value)
