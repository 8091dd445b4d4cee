"""A ``.zip`` archive (such as ``ctg-studies.json.zip``) read in place, one member at a time.

Members are named ``archive.zip!/member.json``. Only one member's bytes are in memory at a
time (a JSON Lines member is read line by line); a member that cannot be read (bad CRC,
corrupt compressed data, encrypted, empty, binary, not JSON) fails alone and the others
are still read. Members are read in name order; folders and hidden files are skipped.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.ingest.base import Failure
from kg.ingest.lines import json_lines
from kg.records import Document

#: what reading a damaged member can raise
MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError)
#: a member declaring more bytes than this is refused, not read (a zip bomb, not a study)
MAX_MEMBER_BYTES = 256 * 2**20
#: endings of members read as JSON Lines
JSONL_SUFFIXES = (".jsonl", ".ndjson")

FromBytes = Callable[[str, bytes], Iterator[Document | Failure]]


def zip_documents(path: Path, from_bytes: FromBytes) -> Iterator[Document | Failure]:
    """Every document in the archive at ``path``; ``from_bytes`` reads one member's bytes."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        yield Failure(str(path), "not a zip archive (or a damaged one)")
        return
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with archive:
        members = sorted(
            (info for info in archive.infolist() if _wanted(info)), key=lambda i: i.filename
        )
        if not members:
            yield Failure(str(path), "zip archive without any member file")
        for info in members:
            yield from _member(archive, info, f"{path}!/{info.filename}", from_bytes)


def _wanted(info: zipfile.ZipInfo) -> bool:
    name = info.filename.rstrip("/").rsplit("/", 1)[-1]
    return not info.is_dir() and not name.startswith(".") and "__MACOSX/" not in info.filename


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, from_bytes: FromBytes
) -> Iterator[Document | Failure]:
    jsonl = info.filename.lower().endswith(JSONL_SUFFIXES)
    if info.file_size > MAX_MEMBER_BYTES and not jsonl:
        size, limit = info.file_size / 2**20, MAX_MEMBER_BYTES / 2**20
        yield Failure(name, f"archive member of {size:.0f} MiB, over the {limit:.0f} MiB limit")
        return
    try:
        if jsonl:
            with archive.open(info) as stream:
                # documents are produced while the member is read, so errors surface here
                yield from json_lines(name, stream)
            return
        data = archive.read(info)
    except MEMBER_ERRORS as exc:
        yield Failure(name, f"cannot read archive member: {_reason(exc)}")
        return
    yield from from_bytes(name, data)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, zlib.error):
        return f"corrupt compressed data ({exc})"
    return str(exc) or type(exc).__name__
