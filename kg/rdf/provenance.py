"""PROV-O for one document: what was read, by which extractor version, when."""

from __future__ import annotations

from datetime import UTC, datetime

from kg import __version__
from kg.namespaces import ID, PROV, RDF, TKG
from kg.rdf.builder import AGENT, GraphBuilder
from kg.records import Document


def document_iri(sha256: str) -> str:
    """The IRI of a document, from the sha256 of its text."""
    return f"{ID}document/{sha256}"


def add_provenance(
    b: GraphBuilder, doc: Document, source_path: str, now: datetime | None = None
) -> None:
    """The document (file name, path, sha256, layout) and the extraction that read it."""
    d = document_iri(doc.sha256)
    activity = f"{ID}extraction/{doc.sha256}"
    b.link(d, str(RDF.type), str(TKG.Document))
    b.add(d, str(TKG.fileName), doc.name)
    b.add(d, str(TKG.sourcePath), source_path)
    b.add(d, str(TKG.sha256), doc.sha256)
    b.add(d, str(TKG.layout), doc.layout)
    b.link(d, str(PROV.wasGeneratedBy), activity)
    b.link(activity, str(RDF.type), str(TKG.Extraction))
    b.link(activity, str(PROV.used), d)
    b.link(activity, str(PROV.wasAssociatedWith), AGENT)
    b.add(activity, str(TKG.extractorVersion), __version__)
    b.add(activity, str(PROV.endedAtTime), now or datetime.now(UTC).replace(microsecond=0))
