"""The journal of a bulk write: the N-Quads of a batch, on disk while Oxigraph's bulk loader
writes them (``docs/decisions/0010-journaled-bulk-writes.md``).

A journal is ``<store>/trialkg-journal/<n>.nq``: one header line (``# trialkg-journal
crc32=… bytes=…``, a comment to any N-Quads parser) and the batch's N-Quads. It is written
under a temporary name, fsync'd, then renamed: the rename is the moment from which the store
may hold part of the batch. The journal is deleted once the load is done. A journal still
there when the store is opened again is a batch that may be partly written: :func:`undo`
removes every quad it lists (they were all new when the batch started) from every index, and
the graphs that leaves empty.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.store.base import StoreError

#: the folder of journals inside an on-disk store
FOLDER = "trialkg-journal"
#: quads re-inserted then removed per step of :func:`undo` (bounds its memory)
UNDO_CHUNK = 50_000

_HEADER = b"# trialkg-journal crc32=%08x bytes=%d\n"
_TEMP = ".tmp"


class JournalError(StoreError):
    """A journal that cannot be read back as the batch it was written for."""


@dataclass(frozen=True)
class Undone:
    """What :func:`undo` removed: journal quads, and the graphs they leave empty."""

    journal: Path
    quads: int
    graphs: int


def pending(store_path: Path) -> list[Path]:
    """The journals of writes that did not finish, oldest first."""
    folder = store_path / FOLDER
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.nq"), key=_number)


def leftovers(store_path: Path) -> list[Path]:
    """Journals never committed (crash while writing them): nothing was loaded from them."""
    folder = store_path / FOLDER
    return sorted(folder.glob(f"*.nq{_TEMP}")) if folder.is_dir() else []


def write(store_path: Path, data: bytes) -> Path:
    """Write ``data`` as the next journal, durably; return its path."""
    folder = store_path / FOLDER
    folder.mkdir(exist_ok=True)
    number = max((_number(p) for p in pending(store_path)), default=0) + 1
    final = folder / f"{number}.nq"
    temp = final.with_name(final.name + _TEMP)
    with open(temp, "wb") as out:
        out.write(_HEADER % (zlib.crc32(data), len(data)))
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, final)  # the commit point: from now on the store may hold part of it
    _sync(folder)
    return final


def discard(journal: Path) -> None:
    """Delete a journal (its batch is either fully written or fully undone), durably."""
    journal.unlink(missing_ok=True)
    _sync(journal.parent)


def undo(store: ox.Store, journal: Path, *, check: bool = True) -> Undone:
    """Remove every quad of ``journal`` from ``store``, and the graphs that leaves empty.

    Each chunk of quads is first inserted (one transaction), then removed quad by quad:
    Oxigraph inserts a quad into all six quad indexes when its ``spog`` key is missing and
    removes it from all six when that key is there, so a quad the bulk loader left in some
    indexes only is gone from all of them afterwards. Undoing twice is harmless, so a crash
    during the undo is undone again at the next open.

    With ``check`` the header's checksum must match (a journal found at open); without it the
    caller vouches for the bytes (it has just written them). Either way the quads are read up
    to the first syntax error: the bulk loader parses the same bytes with the same parser and
    stops there, so nothing after it can be in the store.
    """
    graphs: set[ox.NamedNode | ox.BlankNode] = set()
    count = 0
    for chunk in _chunks(_quads(journal, check)):
        store.extend(chunk)
        for quad in chunk:
            store.remove(quad)
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                graphs.add(quad.graph_name)
        count += len(chunk)
    emptied = [
        g for g in graphs if next(store.quads_for_pattern(None, None, None, g), None) is None
    ]
    for graph in emptied:
        store.remove_graph(graph)
    return Undone(journal, count, len(emptied))


def _quads(journal: Path, check: bool) -> Iterator[ox.Quad]:
    try:
        with open(journal, "rb") as f:
            header = f.readline()
            data = f.read()
    except OSError as exc:
        raise JournalError(f"{journal}: cannot read this journal: {exc.strerror}") from exc
    if check and header != _HEADER % (zlib.crc32(data), len(data)):
        raise JournalError(
            f"{journal}: garbled journal of an interrupted write (its checksum does not match); "
            "the store may hold part of that write: rebuild the store, or move the file away "
            "to keep the store as it is"
        )
    parsed = ox.parse(data, format=ox.RdfFormat.N_QUADS)
    while True:
        try:
            yield next(parsed)
        except (StopIteration, SyntaxError):
            return


def _chunks(quads: Iterator[ox.Quad]) -> Iterator[list[ox.Quad]]:
    while chunk := list(islice(quads, UNDO_CHUNK)):
        yield chunk


def _number(journal: Path) -> int:
    stem = journal.name.split(".", 1)[0]
    return int(stem) if stem.isdigit() else 0


def _sync(folder: Path) -> None:
    """Make a rename or deletion in ``folder`` durable (fsync of the directory, POSIX)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
