"""The OWL mechanism classes, classified by HermiT (needs Java)."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from kg.analysis.classify import (
    MECHANISM_CLASSES,
    classify,
    document_statements,
    family_statements,
    ontology_quads,
    reasoner_input,
)
from kg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, TKG
from kg.store import OxigraphStore

ID = "https://w3id.org/trialkg/id/"
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _types(store: OxigraphStore, node: str) -> set[str]:
    rows = store.select(f"SELECT ?c WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ <{node}> a ?c }} }}")
    return {row[0].value.removeprefix(str(TKG)) for row in rows if row[0] is not None}


def test_seed_drugs_classified(fixture_store: OxigraphStore) -> None:
    assert _types(fixture_store, f"{ID}drug/anlotinib") == {"AntiAngiogenicAgent", "VEGFRInhibitor"}
    assert _types(fixture_store, f"{ID}drug/penpulimab") == {
        "PD1AxisBlocker",
        "ImmuneCheckpointBlocker",
    }
    assert _types(fixture_store, f"{ID}drug/benmelstobart") == {
        "PD1AxisBlocker",
        "ImmuneCheckpointBlocker",
    }
    assert "PlatinumAgent" in _types(
        fixture_store, "http://identifiers.org/chembl.compound/CHEMBL1351"
    )
    assert "TopoisomeraseInhibitor" in _types(
        fixture_store, "http://identifiers.org/chembl.compound/CHEMBL44657"
    )


def test_drug_classes_classified_through_their_families(fixture_store: OxigraphStore) -> None:
    ici = f"{ID}drugclass/immune-checkpoint-inhibitor"
    assert _types(fixture_store, ici) == {
        "PD1AxisBlocker",
        "CTLA4Blocker",
        "ImmuneCheckpointBlocker",
    }
    assert "AntiAngiogenicAgent" in _types(fixture_store, f"{ID}drugclass/anti-angiogenic-agent")


def test_cyclophosphamide_is_no_platinum_agent(fixture_store: OxigraphStore) -> None:
    assert "PlatinumAgent" not in _types(
        fixture_store, "http://identifiers.org/chembl.compound/CHEMBL88"
    )


def test_trials_never_reach_the_reasoner(fixture_store: OxigraphStore) -> None:
    facts = reasoner_input(fixture_store)
    nodes = {str(t.subject) for t in facts} | {str(t.object) for t in facts}
    assert not any("clinicaltrials.gov" in n or "example.org" in n for n in nodes)


def test_document_mechanisms_count_and_are_folded() -> None:
    """A drug unknown to the reference, stated by two documents to inhibit KDR."""
    store = OxigraphStore(None)
    kdr = "http://identifiers.org/hgnc/6307"
    fam = f"{ID}family/vegfr"
    quads = [
        (kdr, TYPE.value, f"{TKG}Target"), (kdr, f"{TKG}inFamily", fam),
        (fam, f"{TKG}inPathway", "http://purl.obolibrary.org/obo/GO_0001525"),
    ]  # fmt: skip
    for doc in ("d1", "d2"):
        m = f"https://example.org/{doc}/m"
        quads += [(m, TYPE.value, f"{TKG}Mechanism"), (m, f"{TKG}drug", f"{ID}drug/newinib"),
                  (m, f"{TKG}target", kdr)]  # fmt: skip
    reference = ox.NamedNode("https://w3id.org/trialkg/graph/reference")
    store.replace_graph(reference.value, [
        ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), reference) for s, p, o in quads[:3]
    ])  # fmt: skip
    document = ox.NamedNode("https://example.org/doc")
    store.replace_graph(document.value, [
        ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), document) for s, p, o in quads[3:]
    ] + [
        ox.Quad(ox.NamedNode(f"https://example.org/{d}/m"), ox.NamedNode(f"{TKG}{p}"), ox.Literal(v), document)
        for d in ("d1", "d2") for p, v in (
            ("mechanismSource", "document"), ("action", "inhibitor"),
            ("statementKey", f"target {ID}drug/newinib {kdr} inhibitor"),
        )
    ])  # fmt: skip
    facts = reasoner_input(store)
    assert sum(1 for t in facts if t.object == ox.NamedNode(f"{TKG}Mechanism")) == 1
    newinib = ox.NamedNode(f"{ID}drug/newinib")
    inferred = {str(t.object).strip("<>").removeprefix(str(TKG))
                for t in classify(facts) if t.subject == newinib}  # fmt: skip
    assert inferred == {"AntiAngiogenicAgent", "VEGFRInhibitor"}


@pytest.mark.parametrize("action", ["agonist"])
def test_a_non_inhibiting_action_is_no_blocker(action: str) -> None:
    m, d, t = (ox.NamedNode(f"https://example.org/{x}") for x in "mdt")
    facts = [
        ox.Triple(m, TYPE, ox.NamedNode(f"{TKG}Mechanism")),
        ox.Triple(m, ox.NamedNode(f"{TKG}drug"), d),
        ox.Triple(m, ox.NamedNode(f"{TKG}target"), t),
        ox.Triple(m, ox.NamedNode(f"{TKG}action"), ox.Literal(action)),
        ox.Triple(d, TYPE, ox.NamedNode(f"{TKG}Drug")),
        ox.Triple(t, ox.NamedNode(f"{TKG}inFamily"), ox.NamedNode(f"{ID}family/pd-1-pd-l1-axis")),
    ]
    assert [t for t in classify(facts) if t.subject == d] == []


def test_class_definitions_in_the_ontology_graph(fixture_store: OxigraphStore) -> None:
    """SPARQL users read what a class means beside the drugs it holds."""
    rows = fixture_store.select(
        f"""PREFIX tkg: <{TKG}>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label ?comment WHERE {{
          <{ID}drug/anlotinib> a ?c .
          GRAPH <{ONTOLOGY_GRAPH}> {{ ?c rdfs:label ?label ; rdfs:comment ?comment }}
        }} ORDER BY ?label"""
    )
    assert [(r[0].value, r[1].value) for r in rows if r[0] and r[1]] == [
        ("VEGFR inhibitor", "Inhibits a VEGF receptor (FLT1, KDR, FLT4)."),
        (
            "anti-angiogenic agent",
            "Inhibits a target of a family in the angiogenesis pathway (GO:0001525).",
        ),
    ]


def test_ontology_graph_is_the_whole_file_with_stable_iris() -> None:
    quads = ontology_quads()
    tbox = list(ox.parse(path=str(MECHANISM_CLASSES), format=ox.RdfFormat.TURTLE))
    assert len(quads) == len(set(quads)) == len(tbox)
    assert quads == ontology_quads()  # the same IRIs on every build
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
    assert {q.graph_name.value for q in quads} == {ONTOLOGY_GRAPH}  # type: ignore[union-attr]


def _hits(store: OxigraphStore, drug: str) -> set[str]:
    rows = store.select(
        f"""PREFIX tkg: <{TKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?l WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ <{drug}> tkg:hitsTarget ?t }}
                          ?t rdfs:label ?l }}"""
    )
    return {row[0].value for row in rows if row[0] is not None}


def test_drug_target_edges_follow_the_reference(fixture_store: OxigraphStore) -> None:
    assert _hits(fixture_store, f"{ID}drug/penpulimab") == {"PDCD1"}
    assert _hits(fixture_store, f"{ID}drug/benmelstobart") == {"CD274"}
    assert _hits(fixture_store, "http://identifiers.org/chembl.compound/CHEMBL44657") == {
        "TOP2A",
        "TOP2B",
    }


def test_an_unchanged_input_is_not_classified_again(
    fixture_store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.analysis import classify as module

    store = OxigraphStore()
    for graph in fixture_store.graphs():
        store.replace_graph(graph, fixture_store.quads(graph))
    before = set(store.quads(INFERRED_GRAPH))

    def no_reasoner(*_: object) -> list[ox.Triple]:
        raise AssertionError("the reasoner ran on an unchanged input")

    monkeypatch.setattr(module, "classify", no_reasoner)
    assert module.refresh_inferred(store) == len(before)
    assert set(store.quads(INFERRED_GRAPH)) == before


def _statement_store() -> OxigraphStore:
    """Statement keys of every shape the read meets, in two document graphs."""
    store = OxigraphStore(None)
    e = "https://example.org/"
    keys = {
        "https://example.org/doc1": [
            f"target {e}D {e}T inhibitor",
            f"target {e}D {e}T ",
            f"target {e}D {e}U inhibitor",
            f"target {e}D {e}U antagonist",
            f"targetFamily {e}D {e}F ",
            f"targetFamily {e}E {e}F inhibitor",
            f"hits {e}D {e}V inhibitor",
            f"target {e}D",
            "target not-an-iri <> inhibitor",
        ],
        "https://example.org/doc2": [  # the same statement in another document counts once
            f"target {e}D {e}T inhibitor",
            f"target {e}E {e}T ",
        ],
    }
    for graph, texts in keys.items():
        g = ox.NamedNode(graph)
        store.replace_graph(graph, [
            ox.Quad(ox.NamedNode(f"{graph}/m{i}"), ox.NamedNode(f"{TKG}statementKey"), ox.Literal(k), g)
            for i, k in enumerate(texts)
        ])  # fmt: skip
    return store


def _short(rows: list[tuple[ox.NamedNode, ox.NamedNode, object]]) -> list[tuple[str, ...]]:
    return sorted(
        (d.value[20:], w.value[20:], a.value if isinstance(a, ox.Literal) else "-")
        for d, w, a in rows
    )


def test_document_statements_keep_a_missing_action() -> None:
    assert _short(document_statements(_statement_store())) == [
        ("D", "T", "-"), ("D", "T", "inhibitor"), ("D", "U", "antagonist"),
        ("D", "U", "inhibitor"), ("E", "T", "-"),
    ]  # fmt: skip


def test_family_statements_keep_a_missing_action() -> None:
    assert _short(family_statements(_statement_store())) == [
        ("D", "F", "-"), ("E", "F", "inhibitor"),
    ]  # fmt: skip


def test_the_seeds_inferred_graph(seed_store: OxigraphStore) -> None:
    """What ``kg build seeds/`` infers (``make demo`` prints the 1,033): 176 target hits
    (one per drug and target), 152 mechanism-class types and the input's digest."""
    predicates = Counter(
        q.predicate.value.rsplit("#", 1)[-1] for q in seed_store.quads(INFERRED_GRAPH)
    )
    assert predicates == {
        "type": 176 + 152, "byDrug": 176, "onTarget": 176, "hitAction": 176, "hitsTarget": 176,
        "reasonerInputSha256": 1,
    }  # fmt: skip
    assert predicates.total() == 1033
