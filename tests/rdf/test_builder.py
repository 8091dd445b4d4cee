"""The quad builder's shortcuts give what the plain construction gives: span IRIs minted
from the same hash input, and a node's type and provenance written once however often the
node is declared."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.namespaces import mint
from kg.rdf.builder import GraphBuilder
from kg.records import Span

TKG = "https://w3id.org/trialkg/vocab#"
GRAPH = "https://w3id.org/trialkg/graph/doc/abc"
DOCUMENT = "https://w3id.org/trialkg/id/document/abc"
TRIAL = "https://clinicaltrials.gov/study/NCT05001971"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


def test_span_iri_is_the_minted_one_for_every_kind_of_span() -> None:
    spans = [Span(491, 497), Span(None, None, "$.a[0].b"), Span(3, 9, "$.x"), Span(0, 0)]
    builder = GraphBuilder(GRAPH, DOCUMENT)
    for span in spans:
        builder.span(TRIAL, TKG + "phase", span)
    got = [q.subject.value for q in builder.quads if q.predicate.value == TKG + "spanOf"]
    assert got == [
        mint("span", DOCUMENT, TRIAL, TKG + "phase", s.start, s.end, s.path) for s in spans
    ]
    assert (
        got[0]
        == "https://w3id.org/trialkg/id/span/"
        + (mint("span", DOCUMENT, TRIAL, TKG + "phase", 491, 497, None).rsplit("/", 1)[1])
    )


def test_span_iri_of_a_non_ascii_document_and_subject() -> None:
    document = DOCUMENT + "é"
    builder = GraphBuilder(GRAPH, document)
    builder.span("https://w3id.org/trialkg/id/drug/péamplimab", TKG + "label", Span(1, 2))
    assert builder.quads[0].subject.value == mint(
        "span", document, "https://w3id.org/trialkg/id/drug/péamplimab", TKG + "label", 1, 2, None
    )


def test_a_node_declared_again_gets_one_type_and_one_provenance_quad() -> None:
    builder = GraphBuilder(GRAPH, DOCUMENT)
    for _ in range(3):
        assert builder.node(TRIAL, TKG + "Trial") == TRIAL
    builder.node(TRIAL, TKG + "Study")
    rows = [(q.subject.value, q.predicate.value, q.object.value) for q in builder.quads]
    assert rows == [
        (TRIAL, TYPE, TKG + "Trial"),
        (TRIAL, DERIVED, DOCUMENT),
        (TRIAL, TYPE, TKG + "Study"),
    ]
    assert {q.graph_name for q in builder.quads} == {ox.NamedNode(GRAPH)}


def test_subjects_given_as_strings_or_nodes_give_the_same_quads() -> None:
    by_string, by_node = GraphBuilder(GRAPH, DOCUMENT), GraphBuilder(GRAPH, DOCUMENT)
    by_string.add(TRIAL, TKG + "enrollment", 120)
    by_string.link(TRIAL, TKG + "hasSite", "https://w3id.org/trialkg/id/site/1")
    by_node.add(ox.NamedNode(TRIAL), TKG + "enrollment", 120)
    by_node.link(
        ox.NamedNode(TRIAL), TKG + "hasSite", ox.NamedNode(by_string.quads[1].object.value)
    )
    assert by_string.quads == by_node.quads
    assert str(by_string.quads[0].object) == '"120"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_lines_are_what_oxigraph_serializes_for_escaped_and_typed_literals() -> None:
    builder = GraphBuilder(GRAPH, DOCUMENT)
    texts = ['a "quoted" \\ back', "tab\there\nnew\rline", "\x00\x07\x1f\x7f", "é ≥ – 𝛼", " "]
    for text in texts:
        builder.add(TRIAL, TKG + "title", text)
    builder.add(TRIAL, TKG + "fdaRegulated", True)
    builder.add(TRIAL, TKG + "score", 0.25)
    builder.span(TRIAL, TKG + "title", Span(1, 5, '$.a["b"]'))
    quads = builder.quads
    assert [q.object.value for q in quads[: len(texts)]] == texts
    assert "".join(builder.lines).encode() == ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert len(quads) == len(builder.lines) == len(texts) + 2 + 5


def test_an_invalid_iri_is_refused_as_oxigraph_refuses_it() -> None:
    builder = GraphBuilder(GRAPH, DOCUMENT)
    with pytest.raises(ValueError):
        builder.link(TRIAL, TKG + "hasSite", "not an iri")
    assert builder.lines == []
