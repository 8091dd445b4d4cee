"""Text spans as the builder writes them, and read back through the ``fact-sources`` query:
a span node lives in its document's graph with no rdf:type and no tkg:inDocument."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg import queries
from kg.pipeline import build
from kg.rdf.builder import GraphBuilder
from kg.records import Span, Spanned
from kg.store import OxigraphStore
from tests.rdf.conftest import CTGOV

TKG = "https://w3id.org/trialkg/vocab#"
GRAPH = "https://w3id.org/trialkg/graph/doc/abc"
DOCUMENT = "https://w3id.org/trialkg/id/document/abc"
TRIAL = "https://clinicaltrials.gov/study/NCT05001971"
INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _span_quads(span: Span) -> set[tuple[str, object]]:
    builder = GraphBuilder(GRAPH, DOCUMENT)
    builder.spanned(TRIAL, TKG + "phase", Spanned("PHASE2", span))
    value, *spans = builder.quads
    assert (value.subject, value.predicate) == (ox.NamedNode(TRIAL), ox.NamedNode(TKG + "phase"))
    assert {q.subject for q in spans} == {spans[0].subject}
    assert {q.graph_name for q in builder.quads} == {ox.NamedNode(GRAPH)}
    return {(q.predicate.value.removeprefix(TKG), q.object) for q in spans}


def test_a_text_span_is_four_quads_without_type_or_document() -> None:
    assert _span_quads(Span(491, 497)) == {
        ("spanOf", ox.NamedNode(TRIAL)),
        ("spanProperty", ox.NamedNode(TKG + "phase")),
        ("start", ox.Literal("491", datatype=INTEGER)),
        ("end", ox.Literal("497", datatype=INTEGER)),
    }


def test_a_json_field_span_is_three_quads() -> None:
    assert _span_quads(Span(path="/protocolSection/designModule/phases/0")) == {
        ("spanOf", ox.NamedNode(TRIAL)),
        ("spanProperty", ox.NamedNode(TKG + "phase")),
        ("jsonPath", ox.Literal("/protocolSection/designModule/phases/0")),
    }


RECORD = CTGOV / "v2" / "NCT00973089.json"


@pytest.fixture(scope="module")
def record_rows() -> list[dict[str, str | None]]:
    if not RECORD.is_file():
        pytest.skip(f"{RECORD} not found")
    store = OxigraphStore(None)
    assert build([RECORD], store).ok
    return queries.run(store, "fact-sources", {"trial": "NCT00973089"}).values()


def test_fact_sources_of_a_v2_record_give_json_paths(
    record_rows: list[dict[str, str | None]],
) -> None:
    study = json.loads(RECORD.read_text(encoding="utf-8"))
    (title,) = [r for r in record_rows if r["property"] == "http://purl.org/dc/terms/title"]
    assert (title["value"], title["json_path"], title["start"], title["end"]) == (
        study["protocolSection"]["identificationModule"]["briefTitle"],
        "/protocolSection/identificationModule/briefTitle",
        None,
        None,
    )
    assert {r["document"] for r in record_rows} == {"NCT00973089.json"}


def test_criterion_offsets_are_into_the_json_field(
    record_rows: list[dict[str, str | None]],
) -> None:
    field = json.loads(RECORD.read_text(encoding="utf-8"))["protocolSection"]["eligibilityModule"][
        "eligibilityCriteria"
    ]
    criteria = [r for r in record_rows if r["property"] == TKG + "text"]
    assert len(criteria) == 8
    assert {r["json_path"] for r in criteria} == {
        "/protocolSection/eligibilityModule/eligibilityCriteria"
    }
    assert all(field[int(str(r["start"])) : int(str(r["end"]))] == r["value"] for r in criteria)
    assert ("Healthy children", "23", "39") in {
        (r["value"], r["start"], r["end"]) for r in criteria
    }


def test_a_field_span_of_a_multi_valued_property_pairs_with_every_value(
    record_rows: list[dict[str, str | None]],
) -> None:
    """A span names its node and property, not its value: the record's three keywords have
    three field spans, and nothing in the graph says which keyword each one read."""
    keywords = {
        (r["value"], r["json_path"]) for r in record_rows if r["property"] == TKG + "keyword"
    }
    values = {"Alternative treatment", "Caries, Dental", "Primary tooth"}
    paths = {f"/protocolSection/conditionsModule/keywords/{i}" for i in range(3)}
    assert keywords == {(v, p) for v in values for p in paths}
