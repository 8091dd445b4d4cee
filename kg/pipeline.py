"""Build: documents -> records -> quads -> store, written in batches of whole documents.

Documents are read in windows (:data:`WINDOW`): one query per window finds those already
stored by this extractor version, which are skipped, so re-running is idempotent and cheap.
The rest are extracted (in ``jobs`` worker processes, each sending back its document's
quads as N-Quads bytes) and written in batches: up to :data:`BATCH_QUADS` quads of whole
documents in ONE transaction (:meth:`kg.store.base.Store.replace_graphs`). Each document's
graph is therefore still all-or-nothing, because its batch commits entirely or not at all;
a store failure on a batch reports every document of that batch as failed and leaves the
store as it was (``docs/decisions/0008-batched-store-writes.md``). A file whose content
changed replaces the graph it produced before in the same transaction; a document that
fails to extract is reported and the others still build.

Memory is bounded by the windows in flight (at most ``AHEAD + 1`` windows of documents and
their N-Quads), not by the number of documents.

Once the documents are written, the derived graphs follow: the inferred graph
(:func:`kg.analysis.classify.refresh_inferred`) and the redundant-combinations view
(:class:`kg.analysis.redundancy.Upkeep`: the arms of the documents written, or all of it).
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import __version__
from kg.enrich import enrich
from kg.extractors.registry import layouts
from kg.ingest import Failure, iter_documents
from kg.namespaces import REFERENCE_GRAPH, TKG, doc_graph
from kg.normalize.lexicon import Lexicon
from kg.normalize.reference import REFERENCE_DIR, reference_triples
from kg.rdf import document_nquads
from kg.records import Document, ExtractionError, TrialRecord
from kg.store.base import Store, values

if TYPE_CHECKING:
    from kg.analysis.redundancy import Upkeep

#: documents read, checked against the store and handed to the workers together
WINDOW = 64
#: windows handed to the workers beyond the one being written (keeps them busy meanwhile)
AHEAD = 2
#: most quads written in one transaction (whole documents; a larger document goes alone)
BATCH_QUADS = 200_000
#: documents per task sent to a worker process
CHUNKSIZE = 4


@dataclass
class BuildReport:
    """What a build did: counts, and one line per failed document."""

    built: int = 0
    skipped: int = 0
    triples: int = 0
    inferred: int = 0  # triples written to the inferred graph (mechanism classes, target hits)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def extract(doc: Document, lexicon: Lexicon) -> TrialRecord:
    """The enriched record of one document (pure: no store, no I/O)."""
    record = layouts()[doc.layout].extract(doc)
    return enrich(record, lexicon)


def build(
    paths: Iterable[str | Path],
    store: Store,
    *,
    jobs: int = 1,
    force: bool = False,
    on_document: Callable[[str, str], None] | None = None,
) -> BuildReport:
    """Extract every document under ``paths`` into ``store``."""
    from kg.analysis.classify import refresh_inferred
    from kg.analysis.redundancy import Upkeep

    report = BuildReport()
    tell = on_document or _silent
    load_reference(store)
    upkeep = Upkeep(store)
    in_flight: set[str] = set()  # graphs handed to the workers and not yet written
    windows = _pending(iter_documents(paths), store, force, report, tell, in_flight)
    for window, outcomes in _extracted(windows, jobs):
        _write(store, outcomes, report, tell, upkeep)
        in_flight.difference_update(doc_graph(doc.sha256) for doc in window)
    if report.built:
        report.inferred = refresh_inferred(store)
    upkeep.refresh()
    return report


def load_reference(store: Store, folder: Path = REFERENCE_DIR) -> int:
    """Put the curated reference graph in its own named graph (replacing the old one)."""
    graph = ox.NamedNode(REFERENCE_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in reference_triples(folder)]
    store.replace_graph(REFERENCE_GRAPH, quads)
    return len(quads)


@dataclass(frozen=True, slots=True)
class Built:
    """One document extracted: what the writer needs of it, and its quads as N-Quads."""

    path: str
    sha256: str
    layout: str
    source: str  # the absolute path of the file read (see :func:`source_path`)
    quads: int
    nquads: bytes


def _pending(
    documents: Iterator[Document | Failure],
    store: Store,
    force: bool,
    report: BuildReport,
    tell: Callable[[str, str], None],
    in_flight: set[str],
) -> Iterator[list[Document]]:
    """Windows of the documents to extract: not stored yet by this extractor version (unless
    ``force``), and not a copy of one already on its way to the store in this run."""
    while window := list(islice(documents, WINDOW)):
        docs = [d for d in window if isinstance(d, Document)]
        for failure in (d for d in window if isinstance(d, Failure)):
            report.failures.append(failure)
            tell(failure.path, f"error: {failure.message}")
        current = set() if force else _current(store, [doc_graph(d.sha256) for d in docs])
        todo = []
        for doc in docs:
            graph = doc_graph(doc.sha256)
            if graph in current or graph in in_flight:
                report.skipped += 1
                tell(doc.path, "unchanged, skipped")
                continue
            in_flight.add(graph)
            todo.append(doc)
        if todo:
            yield todo


def _current(store: Store, graphs: Sequence[str]) -> set[str]:
    """Those of ``graphs`` already stored by this extractor version (one query)."""
    if not graphs:
        return set()
    version = f"{ox.NamedNode(str(TKG.extractorVersion))} {ox.Literal(__version__)}"
    given = values("g", (ox.NamedNode(g) for g in graphs))
    rows = store.select(f"SELECT DISTINCT ?g WHERE {{ {given} GRAPH ?g {{ ?a {version} }} }}")
    return {r[0].value for r in rows if r[0] is not None}


def outdated(store: Store) -> int:
    """How many document graphs another extractor version wrote (one scan of the versions).

    ``kg build`` re-extracts them from their files; until then they lack what this version
    writes (the statement keys the classification reads, say).
    """
    version = ox.Literal(__version__)
    rows = store.select(
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ "
        f"?a {ox.NamedNode(str(TKG.extractorVersion))} ?v FILTER(?v != {version}) }} }}"
    )
    count = rows.rows[0][0]
    return int(count.value) if isinstance(count, ox.Literal) else 0


def _stale(store: Store, built: Sequence[Built]) -> list[str]:
    """Graphs built earlier from the same files, whose content has changed since (one query).

    Members of a container (``a.zip!/x.json``, ``a.jsonl#L3``) are identified by content
    only, so they never make a graph stale.
    """
    paths = {b.source for b in built if "#" not in b.path and "!/" not in b.path}
    if not paths:
        return []
    given = values("p", (ox.Literal(p) for p in sorted(paths)))
    prop = ox.NamedNode(str(TKG.sourcePath))
    rows = store.select(f"SELECT DISTINCT ?g WHERE {{ {given} GRAPH ?g {{ ?d {prop} ?p }} }}")
    own = {doc_graph(b.sha256) for b in built}
    return sorted({r[0].value for r in rows if r[0] is not None} - own)


def _write(
    store: Store,
    outcomes: Sequence[Built | Failure],
    report: BuildReport,
    tell: Callable[[str, str], None],
    upkeep: Upkeep,
) -> None:
    """Write the extracted documents in batches of whole documents, one transaction each
    (``upkeep`` told of each batch first: see :class:`kg.analysis.redundancy.Upkeep`)."""
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            report.failures.append(outcome)
            tell(outcome.path, f"error: {outcome.message}")
    for batch in _batches([o for o in outcomes if isinstance(o, Built)]):
        try:
            graphs = [doc_graph(b.sha256) for b in batch]
            drop = _stale(store, batch)
            upkeep.writing(graphs, drop)
            store.replace_graphs(list(zip(graphs, (b.nquads for b in batch), strict=True)),
                                 drop=drop)  # fmt: skip
        except (OSError, ValueError, RuntimeError, SyntaxError) as exc:
            message = f"store write failed: {' '.join(str(exc).split())}"
            for b in batch:
                report.failures.append(Failure(b.path, message))
                tell(b.path, f"error: {message}")
            continue
        for b in batch:
            report.built += 1
            report.triples += b.quads
            tell(b.path, f"{b.quads} triples ({b.layout})")


def _batches(built: Sequence[Built]) -> Iterator[list[Built]]:
    batch: list[Built] = []
    size = 0
    for b in built:
        if batch and size + b.quads > BATCH_QUADS:
            yield batch
            batch, size = [], 0
        batch.append(b)
        size += b.quads
    if batch:
        yield batch


def _silent(path: str, what: str) -> None:
    """No progress wanted."""


def source_path(doc: Document) -> str:
    """The absolute path of the file a document came from (archive members keep their suffix)."""
    head, sep, tail = doc.path.partition("!/")
    return str(Path(head).resolve()) + sep + tail


Outcome = tuple[Document, list[ox.Quad]] | Failure

_LEXICON: Lexicon | None = None


def process(doc: Document | Failure) -> Outcome:
    """Extract one document into its quads, or say in one line why it failed."""
    if isinstance(doc, Failure):
        return doc
    built = extract_serialized(doc)
    if isinstance(built, Failure):
        return built
    return doc, list(ox.parse(built.nquads, format=ox.RdfFormat.N_QUADS))


def extract_serialized(doc: Document | Failure) -> Built | Failure:
    """:func:`process`, with the quads as N-Quads bytes (what a worker sends back): the
    builder writes N-Quads directly, never making an ``ox.Quad`` of each."""
    if isinstance(doc, Failure):
        return doc
    record = _record(doc)
    if isinstance(record, Failure):
        return record
    source = source_path(doc)
    try:
        count, nquads = document_nquads(doc, record, _lexicon(), source_path=source)
    except ValueError as exc:  # a value no RDF term can hold (an invalid IRI, …)
        return _unwritable(doc, exc)
    return Built(doc.path, doc.sha256, doc.layout, source, count, nquads)


def _unwritable(doc: Document, exc: ValueError) -> Failure:
    return Failure(doc.path, f"cannot write its graph: {' '.join(str(exc).split())}")


def _lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon.load()
    return _LEXICON


def _record(doc: Document) -> TrialRecord | Failure:
    """The enriched record of a document, or why there is none."""
    try:
        record = extract(doc, _lexicon())
    except ExtractionError as exc:
        return Failure(doc.path, str(exc))
    if record.nct_id is None and record.title is None and not record.interventions:
        return Failure(doc.path, "no trial found: neither an NCT id, a title nor interventions")
    return record


Extracted = tuple[list[Document], list[Built | Failure]]


def _extracted(windows: Iterator[list[Document]], jobs: int) -> Iterator[Extracted]:
    """Each window with its outcomes, in order; with ``jobs > 1`` by a pool of worker
    processes that is always handed up to :data:`AHEAD` windows more than the one being
    written."""
    if jobs <= 1:
        for window in windows:
            yield window, [extract_serialized(doc) for doc in window]
        return
    with mp.get_context("fork").Pool(jobs) as pool:
        queued: deque[tuple[list[Document], AsyncResult[list[Built | Failure]]]] = deque()
        for window in windows:
            queued.append((window, pool.map_async(extract_serialized, window, CHUNKSIZE)))
            if len(queued) > AHEAD:
                done, result = queued.popleft()
                yield done, result.get()
        while queued:
            done, result = queued.popleft()
            yield done, result.get()
