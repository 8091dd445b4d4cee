"""Build: documents -> records -> quads -> store, one transaction per document.

A document whose graph is already stored by this extractor version is skipped, so
re-running is idempotent and cheap; a file whose content changed replaces the graph it
produced before, in the same transaction; a document that fails is reported and leaves
the store as it was.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.enrich import enrich
from kg.extractors.registry import layouts
from kg.ingest import Failure, iter_documents
from kg.namespaces import REFERENCE_GRAPH, TKG, doc_graph
from kg.normalize.lexicon import Lexicon
from kg.normalize.reference import REFERENCE_DIR, reference_triples
from kg.rdf import document_quads
from kg.records import Document, ExtractionError, TrialRecord
from kg.store.base import Store


@dataclass
class BuildReport:
    """What a build did: counts, and one line per failed document."""

    built: int = 0
    skipped: int = 0
    triples: int = 0
    inferred: int = 0  # mechanism-class triples the reasoner wrote to the inferred graph
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
    report = BuildReport()
    load_reference(store)
    documents = _pending(iter_documents(paths), store, force, report, on_document)
    for outcome in _map(documents, jobs):
        if isinstance(outcome, Failure):
            report.failures.append(outcome)
            if on_document:
                on_document(outcome.path, f"error: {outcome.message}")
            continue
        doc, quads = outcome
        stale = _stale_graphs(store, doc)
        try:
            store.replace_graph(doc_graph(doc.sha256), quads, drop=stale)
        except (OSError, ValueError, RuntimeError) as exc:
            report.failures.append(Failure(doc.path, f"store write failed: {exc}"))
            continue
        report.built += 1
        report.triples += len(quads)
        if on_document:
            on_document(doc.path, f"{len(quads)} triples ({doc.layout})")
    if report.built:
        from kg.analysis.classify import refresh_inferred

        report.inferred = refresh_inferred(store)
    return report


def load_reference(store: Store, folder: Path = REFERENCE_DIR) -> int:
    """Put the curated reference graph in its own named graph (replacing the old one)."""
    graph = ox.NamedNode(REFERENCE_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in reference_triples(folder)]
    store.replace_graph(REFERENCE_GRAPH, quads)
    return len(quads)


def _pending(
    documents: Iterator[Document | Failure],
    store: Store,
    force: bool,
    report: BuildReport,
    on_document: Callable[[str, str], None] | None,
) -> Iterator[Document | Failure]:
    for doc in documents:
        if isinstance(doc, Document) and not force and _is_current(store, doc):
            report.skipped += 1
            if on_document:
                on_document(doc.path, "unchanged, skipped")
            continue
        yield doc


def _is_current(store: Store, doc: Document) -> bool:
    rows = store.select(
        "ASK WHERE { GRAPH ?g { ?a ?version ?v } }",
        {
            "g": ox.NamedNode(doc_graph(doc.sha256)),
            "version": ox.NamedNode(str(TKG.extractorVersion)),
            "v": ox.Literal(__version__),
        },
    )
    return rows.rows[0][0] is not None and rows.rows[0][0].value == "true"


def _stale_graphs(store: Store, doc: Document) -> list[str]:
    """Graphs built earlier from the same file, whose content has changed since."""
    if "#" in doc.path or "!/" in doc.path:
        return []  # members of a container are identified by content only
    rows = store.select(
        "SELECT ?g WHERE { GRAPH ?g { ?d ?path ?p } }",
        {"path": ox.NamedNode(str(TKG.sourcePath)), "p": ox.Literal(source_path(doc))},
    )
    own = doc_graph(doc.sha256)
    return [r[0].value for r in rows if r[0] is not None and r[0].value != own]


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
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon.load()
    try:
        record = extract(doc, _LEXICON)
    except ExtractionError as exc:
        return Failure(doc.path, str(exc))
    if record.nct_id is None and record.title is None and not record.interventions:
        return Failure(doc.path, "no trial found: neither an NCT id, a title nor interventions")
    return doc, document_quads(doc, record, _LEXICON, source_path=source_path(doc))


def _map(documents: Iterator[Document | Failure], jobs: int) -> Iterator[Outcome]:
    if jobs <= 1:
        yield from map(process, documents)
        return
    with mp.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(process, documents, chunksize=8)
