"""Read documents from paths, one :class:`Document` (or :class:`Failure`) at a time."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.extractors.registry import detect
from kg.records import Document, ExtractionError

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


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read; ``message`` is one line naming the problem."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | Failure]:
    """Every document under ``paths``, in a stable order, each with its layout detected."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in DOCUMENT_SUFFIXES and not child.name.startswith("."):
                    yield from _from_file(child)
        elif path.is_file():
            yield from _from_file(path)
        else:
            yield Failure(str(raw), "no such file or folder")


def _from_file(path: Path) -> Iterator[Document | Failure]:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip" or zipfile.is_zipfile(path):
            yield from _from_zip(path)
            return
        data = path.read_bytes()
    except (OSError, zipfile.BadZipFile) as exc:
        yield Failure(name, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        return
    yield from from_bytes(name, data, jsonl=suffix in {".jsonl", ".ndjson"})


def _from_zip(path: Path) -> Iterator[Document | Failure]:
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            member = f"{path}!/{info.filename}"
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                yield Failure(member, f"cannot read archive member: {exc}")
                continue
            yield from from_bytes(member, data, jsonl=info.filename.endswith((".jsonl", ".ndjson")))


def from_bytes(name: str, data: bytes, *, jsonl: bool = False) -> Iterator[Document | Failure]:
    """Documents in one file's bytes (several for JSON Lines and API pages)."""
    text = _decode(name, data)
    if isinstance(text, Failure):
        yield text
        return
    stripped = text.lstrip()
    if jsonl:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield from _from_json_text(f"{name}#L{number}", line)
        return
    if stripped.startswith(("{", "[")):
        yield from _from_json_text(name, text)
        return
    yield _document(name, text)


def _from_json_text(name: str, text: str) -> Iterator[Document | Failure]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(name, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    studies = _studies_in(value)
    if studies is None:
        yield _document(name, canonical_json(value))
        return
    for index, study in enumerate(studies):
        yield _document(f"{name}#{index}", canonical_json(study))


def _studies_in(value: object) -> list[object] | None:
    """The studies of an API v2 page (``{"studies": [...]}``) or a bare JSON list; else None."""
    if isinstance(value, dict) and isinstance(value.get("studies"), list):
        return list(value["studies"])
    if isinstance(value, list):
        return list(value)
    return None


def canonical_json(value: object) -> str:
    """The one serialization of a JSON value that trialkg hashes and extracts from."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _decode(name: str, data: bytes) -> str | Failure:
    if not data.strip():
        return Failure(name, "empty file")
    if b"\x00" in data[:8192]:
        return Failure(name, "binary file, not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return Failure(name, "not UTF-8 text")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 8:
        return Failure(name, "binary file, not a text document")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _document(name: str, text: str) -> Document | Failure:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        layout = detect(text)
    except ExtractionError as exc:
        return Failure(name, str(exc))
    return Document(path=name, text=text, sha256=sha, layout=layout.name)
