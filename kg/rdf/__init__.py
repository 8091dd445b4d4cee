"""Records + concepts -> quads: one named graph per document, no blank nodes."""

from __future__ import annotations

from datetime import datetime

import pyoxigraph as ox

from kg.namespaces import doc_graph, trial_iri
from kg.normalize.lexicon import Lexicon
from kg.rdf.builder import GraphBuilder
from kg.rdf.drugs import add_arms_and_interventions
from kg.rdf.evidence import add_cited_results, add_mechanisms, add_mentions
from kg.rdf.provenance import add_provenance, document_iri
from kg.rdf.trial import add_trial
from kg.records import Document, TrialRecord

__all__ = ["document_iri", "document_nquads", "document_quads", "trial_of"]


def trial_of(doc: Document, record: TrialRecord) -> str:
    """The trial IRI a document describes (its NCT page, else minted from its title)."""
    return trial_iri(
        record.nct_id.value if record.nct_id else None,
        record.title.value if record.title else None,
        doc.sha256,
    )


def document_quads(
    doc: Document,
    record: TrialRecord,
    lexicon: Lexicon,
    *,
    source_path: str | None = None,
    now: datetime | None = None,
) -> list[ox.Quad]:
    """Every quad one document contributes, all in its own named graph."""
    _, nquads = document_nquads(doc, record, lexicon, source_path=source_path, now=now)
    return list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))


def document_nquads(
    doc: Document,
    record: TrialRecord,
    lexicon: Lexicon,
    *,
    source_path: str | None = None,
    now: datetime | None = None,
) -> tuple[int, bytes]:
    """:func:`document_quads` as N-Quads (each quad once), with the number of quads: what a
    build writes, without making an ``ox.Quad`` of each."""
    b = GraphBuilder(doc_graph(doc.sha256), document_iri(doc.sha256))
    trial = trial_of(doc, record)
    add_provenance(b, doc, source_path or doc.path, now)
    add_trial(b, trial, record, lexicon)
    add_arms_and_interventions(b, trial, record, lexicon)
    add_mechanisms(b, trial, record, lexicon)
    add_cited_results(b, trial, record, lexicon)
    add_mentions(b, trial, record, lexicon)
    lines = dict.fromkeys(b.lines)
    return len(lines), "".join(lines).encode()
