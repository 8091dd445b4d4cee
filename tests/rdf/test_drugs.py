"""kg/rdf/drugs.py: how a dose component's drug was resolved is a value of the contract."""

from __future__ import annotations

from kg.records import Document, Intervention, Spanned, TrialRecord
from tests.ids import PENPULIMAB
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
