"""The projection of the tiny hand-made graph, exactly; the trial cut; CONSTRUCT projection."""

from __future__ import annotations

import pytest

from kg.export.cli import construct, select_graph
from kg.export.model import Edge, Node, PropertyGraph, schema
from kg.export.projection import from_triples, neighbourhood
from kg.store import OxigraphStore
from tests.export.conftest import DRUG_TARGETS

NCT1 = "https://clinicaltrials.gov/study/NCT00000001"
TKG = "https://w3id.org/trialkg/vocab#"
ANLOTINIB = "https://w3id.org/trialkg/id/drug/anlotinib"


def test_node_types(tiny_graph: PropertyGraph) -> None:
    types: dict[str, int] = {}
    for n in tiny_graph.nodes:
        types[n.type] = types.get(n.type, 0) + 1
    assert types == {"Arm": 2, "Condition": 2, "Drug": 2, "DrugClass": 2, "Organization": 2,
                     "Pathway": 1, "Target": 2, "TargetFamily": 1, "Trial": 2}  # fmt: skip


def test_trial_node(tiny_graph: PropertyGraph) -> None:
    trial = next(n for n in tiny_graph.nodes if n.id == NCT1)
    assert trial.label == "NCT00000001"
    assert trial.props["enrollment"] == 120
    assert sorted(str(trial.props["phase"]).split("|")) == ["PHASE2", "PHASE3"]
    assert trial.props["title"] == "Anlotinib & carboplatin in <ES-SCLC>"


def test_edges_carry_their_properties(tiny_graph: PropertyGraph) -> None:
    gives = [e for e in tiny_graph.edges if e.source == NCT1 and e.target == ANLOTINIB]
    assert gives == [
        Edge(NCT1, ANLOTINIB, TKG + "drug", "gives", {
            "arm": "Anlotinib + carboplatin", "dose": 12.0, "doseUnit": "mg",
            "intervention": "Anlotinib", "route": "oral", "schedule": "d1-14 q21d"}),
    ]  # fmt: skip
    targets = {e.props["mechanismSource"] for e in tiny_graph.edges if e.label == "targets"
               and e.source == ANLOTINIB}  # fmt: skip
    assert targets == {"document", "reference"}
    roles = {e.props["sponsorRole"]: e.props["agencyClass"] for e in tiny_graph.edges
             if e.label == "sponsored_by"}  # fmt: skip
    assert roles == {"lead": "INDUSTRY", "collaborator": "OTHER"}
    labels = {e.label for e in tiny_graph.edges}
    assert labels == {"has_arm", "gives", "targets", "has_condition", "sponsored_by", "member_of",
                      "class_targets_family", "in_family", "in_pathway", "broader"}  # fmt: skip


def test_schema_widens() -> None:
    assert schema([{"dose": 5}, {"dose": 12.5}, {"n": 1}, {"n": "x"}]) == {"dose": float, "n": str}


def test_trial_neighbourhood(tiny_store: OxigraphStore) -> None:
    one = select_graph(tiny_store, trial="NCT00000001")
    ids = {n.id for n in one.nodes}
    assert NCT1 in ids and "https://clinicaltrials.gov/study/NCT00000002" not in ids
    assert "https://w3id.org/trialkg/id/pathway/angio" in ids  # via drug -> target -> family
    assert "http://id.nlm.nih.gov/mesh/D008175" in ids  # via the broader condition
    assert (len(one.nodes), len(one.edges)) == (15, 17)


def test_neighbourhood_of_a_leaf_is_itself(tiny_graph: PropertyGraph) -> None:
    leaf = neighbourhood(tiny_graph, "https://w3id.org/trialkg/id/pathway/angio")
    assert [n.id for n in leaf.nodes] == ["https://w3id.org/trialkg/id/pathway/angio"]
    assert leaf.edges == ()


def test_construct_query(tiny_store: OxigraphStore) -> None:
    graph = from_triples(construct(tiny_store, DRUG_TARGETS, {}))
    by_label = {n.label: n.type for n in graph.nodes}
    assert by_label == {"anlotinib": "Drug", "carboplatin": "Drug", "KDR": "Target",
                        "DNA": "Target", "VEGFR": "TargetFamily", "angiogenesis": "Pathway"}  # fmt: skip
    assert sorted(e.label for e in graph.edges) == ["inFamily", "inPathway", "target", "target"]


def test_select_query_is_refused(tiny_store: OxigraphStore) -> None:
    from kg.cli import UserError

    with pytest.raises(UserError, match="CONSTRUCT"):
        construct(tiny_store, "export-nodes", {})


def test_reserved_property_names() -> None:
    with pytest.raises(ValueError, match="reserved"):
        Node("urn:a", "a", "Drug", {"label": "x"})
