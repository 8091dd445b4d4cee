"""Read documents from paths, one :class:`Document` (or :class:`Failure`) at a time.

Containers are opened here and split by their own modules: folders (walked in name order),
``.zip`` archives (:mod:`kg.ingest.archive`), JSON Lines (:mod:`kg.ingest.lines`), JSON
wrappers of several studies (:mod:`kg.ingest.studies`) and multi-row CSV/TSV exports
(:mod:`kg.ingest.rows`). Archives and JSON Lines are streamed; any other file is one text.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.ingest.archive import zip_documents
from kg.ingest.base import PROBE_BYTES, Failure, canonical_json, decode, is_binary, make_document
from kg.ingest.lines import json_lines
from kg.ingest.rows import export_rows
from kg.ingest.studies import json_error, value_documents
from kg.records import Document

__all__ = ["DOCUMENT_SUFFIXES", "Failure", "canonical_json", "from_bytes", "iter_documents"]

#: file endings read as documents when a folder is walked
DOCUMENT_SUFFIXES = {
    ".txt",
    ".md",
    ".markdown",
    ".json",
    ".jsonl",
    ".ndjson",
    ".xml",
    ".zip",
    ".html",
    ".htm",
    ".csv",
    ".tsv",
    "",
}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: endings never opened as zip archives, whatever their bytes
TEXT_SUFFIXES = DOCUMENT_SUFFIXES - {".zip", ""}


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | Failure]:
    """Every document under ``paths``, in a stable order, each with its layout detected."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                if isinstance(found, Failure):
                    yield found
                else:
                    yield from _from_file(found)
        elif path.is_file():
            yield from _from_file(path)
        else:
            yield Failure(str(raw), "no such file or folder")


def _walk(folder: Path, seen: set[str] | None = None) -> Iterator[Path | Failure]:
    """The document files under ``folder`` in name order, one folder listed at a time.

    Hidden files and folders (``.git``, a ``.trialkg`` store) are not walked; a folder
    reached twice through symbolic links is walked once.
    """
    seen = set() if seen is None else seen
    real = os.path.realpath(folder)
    if real in seen:
        return
    seen.add(real)
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        yield Failure(str(folder), f"cannot list the folder: {exc.strerror or exc}")
        return
    for name in names:
        if name.startswith("."):
            continue
        path = folder / name
        if path.is_dir():
            yield from _walk(path, seen)
        elif path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES:
            yield path


def _from_file(path: Path) -> Iterator[Document | Failure]:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip" or (suffix not in TEXT_SUFFIXES and zipfile.is_zipfile(path)):
            yield from zip_documents(path, from_bytes)
        elif suffix in JSONL_SUFFIXES:
            yield from _from_jsonl(path)
        else:
            yield from from_bytes(name, path.read_bytes())
    except OSError as exc:
        yield Failure(name, f"cannot read: {exc.strerror or exc}")


def _from_jsonl(path: Path) -> Iterator[Document | Failure]:
    with path.open("rb") as stream:
        head = stream.read(PROBE_BYTES)
        if is_binary(head):
            yield Failure(str(path), "binary file, not a text document")
            return
        stream.seek(0)
        yield from json_lines(str(path), stream)


def from_bytes(name: str, data: bytes, *, jsonl: bool = False) -> Iterator[Document | Failure]:
    """Documents in one file's bytes (several for JSON Lines, wrappers and exports)."""
    if jsonl:
        if is_binary(data[:PROBE_BYTES]):
            yield Failure(name, "binary file, not a text document")
        else:
            yield from json_lines(name, io.BytesIO(data))
        return
    text = decode(name, data)
    if isinstance(text, Failure):
        yield text
        return
    if text.lstrip().startswith(("{", "[")):
        yield from _from_json(name, text, data)
        return
    rows = export_rows(name, text)
    if rows is not None:
        yield from rows
        return
    yield make_document(name, text)


def _from_json(name: str, text: str, data: bytes) -> Iterator[Document | Failure]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if _json_lines_under_another_name(exc, text):
            yield from json_lines(name, io.BytesIO(data))
        else:
            yield Failure(name, json_error(exc, text))
        return
    yield from value_documents(name, value)


def _json_lines_under_another_name(exc: json.JSONDecodeError, text: str) -> bool:
    """True for JSON Lines saved as ``.json``: one JSON value per line, 2 or more."""
    if not exc.msg.startswith("Extra data"):
        return False
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return len(lines) > 1 and all(line.startswith(("{", "[")) for line in lines)
