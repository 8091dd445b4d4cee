"""The default backend: an embedded Oxigraph store, on disk (or in memory for tests)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.store import journal
from kg.store.base import QueryError, Rows, StoreError, Term, with_values

#: N-Quads bytes written transactionally through :meth:`OxigraphStore.replace_graphs`
#: between two flushes
FLUSH_BYTES = 32 * 1024 * 1024

log = logging.getLogger(__name__)


class OxigraphStore:
    """Oxigraph embedded in this process. ``path=None`` keeps everything in memory.

    A writable on-disk store first undoes any bulk write that did not finish (its journal is
    still there, ``docs/decisions/0010``); a read-only one leaves it and lists it in
    :attr:`interrupted` (and says so once through this module's logger).
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self._unflushed = 0  # N-Quads bytes written transactionally since the last flush
        #: journals of unfinished bulk writes seen by a read-only open (left in place)
        self.interrupted: list[Path] = []
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        if self.path is not None:
            try:
                self._recover(self.path, read_only)
            except StoreError:
                del self._store  # let RocksDB's lock go with it
                raise

    def _recover(self, path: Path, read_only: bool) -> None:
        """Undo the bulk writes whose journal is still there (writable), or report them."""
        if read_only:
            self.interrupted = journal.pending(path)
            if self.interrupted:
                log.warning(
                    "%s: a write was interrupted (%s); open the store for writing (kg build) "
                    "to undo it",
                    path,
                    ", ".join(str(j) for j in self.interrupted),
                )
            return
        for temp in journal.leftovers(path):
            temp.unlink()  # never committed: its batch was never handed to the loader
        for pending in journal.pending(path):
            try:
                undone = journal.undo(self._store, pending)
            except OSError as exc:
                raise StoreError(f"{pending}: cannot undo this interrupted write: {exc}") from exc
            journal.discard(pending)
            log.warning(
                "%s: undid an interrupted write (%d quads, %d graph(s))",
                path,
                undone.quads,
                undone.graphs,
            )

    def replace_graph(
        self, graph: str, quads: Sequence[ox.Quad], *, drop: Iterable[str] = ()
    ) -> None:
        stale = self._existing({graph, *drop})
        if not stale:
            self._store.extend(quads)  # atomic on its own
            return
        self._store.update(_replacing(stale, [(graph, quads)]))

    def replace_graphs(
        self, graphs: Sequence[tuple[str, bytes]], *, drop: Iterable[str] = ()
    ) -> None:
        """Write several documents' graphs, the whole batch or nothing (``docs/decisions/0008``
        and ``0010``).

        Graphs that are new (the usual case) are bulk-loaded from their N-Quads through a
        journal on an on-disk store (:meth:`_bulk_load`), or loaded in one ``load``
        transaction in memory; when any of them or of ``drop`` is already stored, one SPARQL
        update drops those and inserts everything. If the write fails, nothing changes.
        """
        stale = self._existing({*(g for g, _ in graphs), *drop})
        data = b"".join(nquads for _, nquads in graphs)
        if not stale and self.path is not None:
            self._bulk_load(self.path, data)
            return
        if not stale:
            self._store.load(data, format=ox.RdfFormat.N_QUADS)
        else:
            by_graph: dict[str, list[ox.Quad]] = {g: [] for g, _ in graphs}
            for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
                by_graph.setdefault(quad.graph_name.value, []).append(quad)
            self._store.update(_replacing(stale, list(by_graph.items())))
        self._written(len(data))

    def _bulk_load(self, path: Path, data: bytes) -> None:
        """Oxigraph's bulk loader (not transactional) behind a journal: written durably
        first, deleted after. If the load fails, its quads are removed again before the
        error goes on; if the process dies, the next writable open removes them."""
        if not data:
            return
        written = journal.write(path, data)
        try:
            self._store.bulk_load(path=written, format=ox.RdfFormat.N_QUADS)
        except Exception:
            journal.undo(self._store, written, check=False)  # we wrote it: no checksum needed
            journal.discard(written)
            raise
        journal.discard(written)

    def _written(self, size: int) -> None:
        """Flush RocksDB's write buffers to disk every :data:`FLUSH_BYTES` of N-Quads written:
        left to themselves they grow with the store (measured: +260 MiB RSS and twice the
        CPU per write after each 260k quads), flushed they stay flat."""
        if self.path is None:
            return
        self._unflushed += size
        if self._unflushed >= FLUSH_BYTES:
            self._store.flush()
            self._unflushed = 0

    def _existing(self, graphs: Iterable[str]) -> list[str]:
        return [g for g in graphs if self._store.contains_named_graph(ox.NamedNode(g))]

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (one transaction)."""
        self._store.update(sparql)

    def drop_graph(self, graph: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        result = self._query(sparql, bindings)
        if isinstance(result, bool | ox.QueryBoolean):
            return Rows(("ask",), ((ox.Literal(str(bool(result)).lower(), datatype=_BOOLEAN),),))
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT or ASK query")
        columns = tuple(v.value for v in result.variables)
        rows = tuple(tuple(solution[c] for c in columns) for solution in result)
        return Rows(columns, rows)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        result = self._query(sparql, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return list(result)

    def dump(self, out: BinaryIO, fmt: ox.RdfFormat, graph: str | None = None) -> None:
        if graph is None:
            self._store.dump(out, fmt)
        else:
            self._store.dump(out, fmt, from_graph=ox.NamedNode(graph))

    def quads(self, graph: str | None = None) -> list[ox.Quad]:
        """Every quad, or those of one graph."""
        name = ox.NamedNode(graph) if graph else None
        return list(self._store.quads_for_pattern(None, None, None, name))

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if self.path is not None:
            try:
                self._store.flush()
            except (OSError, RuntimeError):
                pass  # read-only stores cannot flush
        del self._store

    def _query(self, sparql: str, bindings: Mapping[str, Term] | None) -> object:
        try:
            return self._store.query(with_values(sparql, bindings), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {_one_line(exc)}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from exc


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def _replacing(stale: Iterable[str], graphs: Iterable[tuple[str, Sequence[ox.Quad]]]) -> str:
    """One SPARQL update (one transaction): the stale graphs go and the new ones come, or
    nothing changes at all."""
    drops = " ".join(f"DROP SILENT GRAPH <{g}> ;" for g in sorted(stale))
    blocks = " ".join(
        f"GRAPH {ox.NamedNode(g)} {{ "
        + "\n".join(f"{ox.Triple(q.subject, q.predicate, q.object)} ." for q in quads)
        + " }"
        for g, quads in graphs
    )
    return f"{drops} INSERT DATA {{ {blocks} }}"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
