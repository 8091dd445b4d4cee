"""Family-level mechanism statements (``tkg:targetFamily``) in the loaded mechanism graph:
drug → family edges that count at family level and never as target overlap."""

from __future__ import annotations

import pyoxigraph as ox

from kg.analysis.classify import effective_targets, family_statements, reasoner_input, target_hits
from kg.analysis.graph import related
from kg.analysis.load import load_graph
from kg.analysis.similarity import profile, similarity
from kg.namespaces import INFERRED_GRAPH, REFERENCE_GRAPH
from kg.normalize.reference import reference_triples
from kg.store import OxigraphStore, open_store

ID = "https://w3id.org/trialkg/id/"
DOC_GRAPH = "https://example.org/graph/doc"
EXAMPLIMAB = "https://example.org/drug/examplimab"  # a drug the reference does not know
AXIS = ID + "family/pd-1-pd-l1-axis"
PENPULIMAB = ID + "drug/penpulimab"

DOC = f"""
@prefix tkg: <https://w3id.org/trialkg/vocab#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{EXAMPLIMAB}> a tkg:Drug ; rdfs:label "examplimab" .
<https://example.org/mechanism/1> a tkg:Mechanism ; tkg:drug <{EXAMPLIMAB}> ;
    tkg:targetFamily <{AXIS}> ; tkg:action "inhibitor" ; tkg:mechanismSource "document" ;
    tkg:statementKey "targetFamily {EXAMPLIMAB} {AXIS} inhibitor" .
<https://example.org/mechanism/2> a tkg:Mechanism ; tkg:drug <{PENPULIMAB}> ;
    tkg:targetFamily <{ID}family/vegfr> ; tkg:action "inhibitor" ; tkg:mechanismSource "document" ;
    tkg:statementKey "targetFamily {PENPULIMAB} {ID}family/vegfr inhibitor" .
"""


def _store() -> OxigraphStore:
    store = open_store(":memory:")
    ref, doc = ox.NamedNode(REFERENCE_GRAPH), ox.NamedNode(DOC_GRAPH)
    store.replace_graph(REFERENCE_GRAPH, [ox.Quad(t.subject, t.predicate, t.object, ref)
                                          for t in reference_triples()])  # fmt: skip
    store.replace_graph(DOC_GRAPH, [ox.Quad(t.subject, t.predicate, t.object, doc)
                                    for t in ox.parse(DOC, format=ox.RdfFormat.TURTLE)])  # fmt: skip
    # the drugs' target edges and target hits kg build writes to the inferred graph (without
    # the reasoner)
    inferred, facts = ox.NamedNode(INFERRED_GRAPH), reasoner_input(store)
    edges = [*effective_targets(facts), *target_hits(facts, family_statements(store))]
    store.replace_graph(INFERRED_GRAPH, [ox.Quad(t.subject, t.predicate, t.object, inferred)
                                         for t in edges])  # fmt: skip
    return store


def test_a_family_level_statement_is_a_drug_to_family_edge() -> None:
    g = load_graph(_store(), trials=False)
    assert g.nodes[EXAMPLIMAB]["kind"] == "drug"
    assert g.nodes[EXAMPLIMAB]["label"] == "examplimab"
    assert g.edges[EXAMPLIMAB, AXIS]["relation"] == "targets_family"
    assert g.nodes[AXIS]["label"] == "PD-1/PD-L1 axis"
    assert profile(g, EXAMPLIMAB) == frozenset()
    assert profile(g, EXAMPLIMAB, "family") == {AXIS}
    # penpulimab hits PDCD1 (reference): the same family, no shared target
    assert similarity(g, EXAMPLIMAB, PENPULIMAB, "target") == 0.0
    assert similarity(g, EXAMPLIMAB, PENPULIMAB, "family") == 1.0


def test_reference_covered_drugs_keep_the_reference_mechanisms() -> None:
    """Same rule as target-level hits: the curated reference wins over a document."""
    g = load_graph(_store(), trials=False)
    assert related(g, PENPULIMAB, "targets_family") == frozenset()
    assert profile(g, PENPULIMAB, "family") == {AXIS}


def test_seeds_family_statements_are_about_reference_covered_drugs(
    seed_store: OxigraphStore,
) -> None:
    """Seeds 000 and 002 state families for penpulimab and anlotinib, both covered by the
    reference: no drug → family edge, and the target profiles are the reference's."""
    g = load_graph(seed_store, trials=False)
    drug_family = {
        (a, b)
        for a, b, rel in g.edges(data="relation")
        if rel == "targets_family" and g.nodes[a]["kind"] == "drug"
    }
    assert drug_family == set()
    assert profile(g, PENPULIMAB) == {"http://identifiers.org/hgnc/8760"}
