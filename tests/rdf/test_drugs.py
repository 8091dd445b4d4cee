"""kg/rdf/drugs.py: how a dose component's drug was resolved is a value of the contract."""

from __future__ import annotations

from kg.records import Arm, Document, Intervention, Spanned, TrialRecord
from tests.ids import ANLOTINIB, PENPULIMAB
from tests.rdf.conftest import rows, store_of_record


def test_a_drug_resolved_through_an_other_name_says_so() -> None:
    """'Study drug A' resolves through its otherName 'AK105': method other-name, not exact."""
    doc = Document("a.json", "{}", "1" * 64, "ctgov_v2")
    record = TrialRecord(
        title=Spanned("A trial"),
        interventions=(
            Intervention(Spanned("Study drug A"), "DRUG", other_names=(Spanned("AK105"),)),
        ),
    )
    found = rows(
        store_of_record(doc, record),
        "SELECT ?drug ?surface ?method ?score WHERE { ?c a tkg:DoseComponent ; tkg:drug ?drug ;"
        " tkg:surfaceForm ?surface ; tkg:matchMethod ?method ; tkg:matchScore ?score }",
    )
    assert found == {(PENPULIMAB, "Study drug A", "other-name", "1")}


def test_trials_and_arms_carry_the_agents_their_interventions_give() -> None:
    """givesAgent (trial) and armGivesAgent (arm): each drug or drug class once, resolved
    from salts and codes; an arm gets only its own interventions' agents; a procedure gives
    none."""
    doc = Document("a.json", "{}", "2" * 64, "ctgov_v2")
    record = TrialRecord(
        title=Spanned("A trial"),
        interventions=(
            Intervention(Spanned("Anlotinib hydrochloride"), "DRUG", arm_labels=("A", "B")),
            Intervention(Spanned("AK105"), "BIOLOGICAL", arm_labels=("A",)),
            Intervention(Spanned("PD-1 inhibitor"), "DRUG", arm_labels=("B",)),
            Intervention(Spanned("Thoracic radiotherapy"), "RADIATION", arm_labels=("B",)),
        ),
        arms=(Arm(Spanned("A")), Arm(Spanned("B"))),
    )
    store = store_of_record(doc, record)
    pd1 = "https://w3id.org/trialkg/id/drugclass/pd-1-inhibitor"
    assert rows(store, "SELECT ?d WHERE { ?t a tkg:Trial ; tkg:givesAgent ?d }") == {
        (ANLOTINIB,),
        (PENPULIMAB,),
        (pd1,),
    }
    assert rows(
        store, "SELECT ?arm ?d WHERE { ?a a tkg:Arm ; rdfs:label ?arm ; tkg:armGivesAgent ?d }"
    ) == {("A", ANLOTINIB), ("A", PENPULIMAB), ("B", ANLOTINIB), ("B", pd1)}
    assert rows(store, "SELECT (COUNT(*) AS ?n) WHERE { ?t tkg:givesAgent ?d }") == {("3",)}
