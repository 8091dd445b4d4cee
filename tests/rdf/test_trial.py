"""kg/rdf/trial.py: the MeSH terms the registry assigned are typed, labelled nodes."""

from __future__ import annotations

import pytest

from kg.records import Document, MeshTerm, Spanned, TrialRecord
from tests.rdf.conftest import CTGOV, rows, store_of, store_of_record

RECORD = CTGOV / "v2" / "NCT02552212.json"
MESH = "http://id.nlm.nih.gov/mesh/"
TKG = "https://w3id.org/trialkg/vocab#"


@pytest.mark.skipif(not RECORD.exists(), reason="../shared/ctgov not found")
def test_registry_mesh_terms_are_typed_and_labelled() -> None:
    store = store_of(RECORD)
    found = rows(
        store,
        """SELECT ?p ?node ?type ?label ?id WHERE { ?t ?p ?node .
          FILTER(?p IN (tkg:meshCondition, tkg:meshIntervention))
          ?node a ?type ; rdfs:label ?label ; tkg:meshId ?id }""",
    )
    assert found == {
        (TKG + "meshIntervention", MESH + "D000068582", TKG + "MeshTerm", "Certolizumab Pegol",
         "D000068582"),
        (TKG + "meshCondition", MESH + "D013166", TKG + "Condition", "Spondylitis", "D013166"),
        (TKG + "meshCondition", MESH + "D025241", TKG + "Condition", "Spondylarthritis",
         "D025241"),
        (TKG + "meshCondition", MESH + "D000089183", TKG + "Condition", "Axial Spondyloarthritis",
         "D000089183"),
        (TKG + "meshCondition", MESH + "D000089202", TKG + "Condition",
         "Non-Radiographic Axial Spondyloarthritis", "D000089202"),
    }  # fmt: skip
    assert rows(store, "SELECT ?s WHERE { ?s schema:name ?n ; tkg:meshId ?id }") == set()


def test_a_registry_condition_the_reference_graph_knows_keeps_its_reference_label() -> None:
    """D055752 is a reference condition: the trial links to it; no second label is written."""
    doc = Document("a.json", "{}", "2" * 64, "ctgov_v2")
    record = TrialRecord(
        title=Spanned("A trial"),
        mesh_terms=(MeshTerm("D055752", "Small Cell Lung Carcinoma", "condition"),),
    )
    store = store_of_record(doc, record)
    assert rows(store, "SELECT ?c WHERE { ?t tkg:meshCondition ?c }") == {(MESH + "D055752",)}
    assert rows(store, f"SELECT ?p ?o WHERE {{ <{MESH}D055752> ?p ?o }}") == set()
