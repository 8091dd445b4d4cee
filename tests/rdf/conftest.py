"""Helpers for the kg/rdf tests: one document's quads in an in-memory store, queried as rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from kg.ingest import Failure, iter_documents
from kg.normalize.lexicon import Lexicon
from kg.pipeline import extract
from kg.rdf import document_quads
from kg.records import Document, TrialRecord

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
#: real ClinicalTrials.gov records (v2, classic, xml), beside the working tree
CTGOV = ROOT.parent / "shared" / "ctgov"
PREFIXES = """PREFIX tkg: <https://w3id.org/trialkg/vocab#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def seed(nct: str) -> Path:
    """The seed file whose text carries ``nct``."""
    (path,) = [p for p in sorted(SEEDS.iterdir()) if nct in p.read_text(encoding="utf-8")]
    return path


def store_of(path: Path) -> ox.Store:
    """The quads one document file contributes, in an in-memory store."""
    lexicon = Lexicon.load()
    (doc,) = list(iter_documents([path]))
    assert not isinstance(doc, Failure), doc
    return store_of_record(doc, extract(doc, lexicon))


def store_of_record(doc: Document, record: TrialRecord) -> ox.Store:
    store = ox.Store()
    store.extend(document_quads(doc, record, Lexicon.load(), now=NOW))
    return store


def rows(store: ox.Store, sparql: str) -> set[tuple[str, ...]]:
    """The solutions of a SELECT over the union of the graphs, as tuples of plain values."""
    found = store.query(PREFIXES + sparql, use_default_graph_as_union=True)
    assert isinstance(found, ox.QuerySolutions)
    return {tuple(t.value if t is not None else "" for t in row) for row in found}
