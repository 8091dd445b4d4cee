"""Family-level mechanism statements (``tkg:targetFamily``) are drug → family edges."""

from __future__ import annotations

from kg.export.model import PropertyGraph

ID = "https://w3id.org/trialkg/id/"
TARGET_FAMILY = "https://w3id.org/trialkg/vocab#targetFamily"


def test_seed_family_level_statements_are_edges(seed_graph: PropertyGraph) -> None:
    found = {
        (e.source, e.target, e.predicate, e.props.get("action"), e.props.get("mechanismSource"),
         e.props.get("statedAs"))
        for e in seed_graph.edges
        if e.label == "targets_family"
    }  # fmt: skip
    assert found == {
        (ID + "drug/penpulimab", ID + "family/pd-1-pd-l1-axis", TARGET_FAMILY, "inhibitor",
         "document", "PD-1 pathway"),
        (ID + "drug/anlotinib", ID + "family/vegfr", TARGET_FAMILY, "inhibitor", "document", "VEGFR"),
        (ID + "drug/anlotinib", ID + "family/pdgfr", TARGET_FAMILY, "inhibitor", "document", "PDGFR"),
        (ID + "drug/anlotinib", ID + "family/fgfr", TARGET_FAMILY, "inhibitor", "document", "FGFR"),
    }  # fmt: skip
    # a family-level statement adds no drug → member edge: penpulimab never targets PD-L1
    penpulimab = {e.target for e in seed_graph.edges
                  if e.source == ID + "drug/penpulimab" and e.label == "targets"}  # fmt: skip
    assert penpulimab == {"http://identifiers.org/hgnc/8760"}
