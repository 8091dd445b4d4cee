"""Seed 002 (a registry export row with no NCT id: title, summary, conditions, outcomes).

Expected values are read from ``seeds/002_71271f5b00fd4873.txt``, not from the output.
"""

from __future__ import annotations

from kg.store import OxigraphStore
from tests.ids import ANLOTINIB, ICI_CLASS
from tests.seeds.facts import one, rows, select

FILE = "002_71271f5b00fd4873.txt"
TITLE = (
    "The Combination of Anlotinib and Immune Checkpoint Inhibitors for Advanced NSCLC Patients"
    " With Muti-line Therapy"
)


def _trial(store: OxigraphStore) -> str:
    (row,) = [r for r in rows(store, "trials") if r["document"] == FILE]
    return str(row["trial"])


def test_no_nct_id_a_minted_iri_and_the_title(store: OxigraphStore) -> None:
    (row,) = [r for r in rows(store, "trials") if r["document"] == FILE]
    assert row["nct"] is None
    assert row["title"] == TITLE
    assert str(row["trial"]).startswith("https://w3id.org/trialkg/id/trial/")
    assert (row["phases"], row["status"], row["enrollment"]) == (None, None, None)


def test_conditions_as_listed(store: OxigraphStore) -> None:
    trial = _trial(store)
    found = {
        (r["condition"], r["unresolved"])
        for r in rows(store, "trial-conditions")
        if r["trial"] == trial
    }
    assert found == {
        ("non-small cell lung cancer", "false"),
        ("Angiogenesis", "true"),
        ("Immunotherapy", "true"),
    }
    ids = {r["condition_id"] for r in rows(store, "trial-conditions") if r["trial"] == trial}
    assert "D002289" in ids  # MeSH: Carcinoma, Non-Small-Cell Lung


def test_immune_checkpoint_inhibitors_is_a_class_node_not_a_drug(store: OxigraphStore) -> None:
    trial = _trial(store)
    found = {
        (r["drug"], r["drug_id"], r["surface"], r["match_method"])
        for r in rows(store, "trial-drugs")
        if r["trial"] == trial
    }
    assert found == {
        ("anlotinib", ANLOTINIB, "Anlotinib", "exact"),
        ("immune checkpoint inhibitor", ICI_CLASS, "Immune checkpoint inhibitors", "synonym"),
    }
    types = {
        r["t"]
        for r in select(
            store,
            f"""SELECT ?t WHERE {{ <{trial}> tkg:hasIntervention/tkg:drugClass ?c .
              ?c a ?t }}""",
        )
    }
    assert "https://w3id.org/trialkg/vocab#DrugClass" in types
    assert "https://w3id.org/trialkg/vocab#Drug" not in types
    name = one(store, f"SELECT ?n WHERE {{ <{trial}> tkg:hasIntervention/rdfs:label ?n }}")
    assert name == "Anlotinib in combination with Immune checkpoint inhibitors"


def test_three_outcomes_with_time_frames(store: OxigraphStore) -> None:
    trial = _trial(store)
    found = select(
        store,
        f"""SELECT ?kind ?measure ?frame WHERE {{ <{trial}> tkg:hasOutcome ?o .
          ?o tkg:outcomeKind ?kind ; tkg:measure ?measure ; tkg:timeFrame ?frame }}
          ORDER BY ?measure""",
    )
    assert [(r["kind"], r["measure"]) for r in found] == [
        ("primary", "AE"),
        ("primary", "OS"),
        ("primary", "PFS"),
    ]
    assert found[0]["frame"] == "through study completion, an average of 1 year"
    assert found[2]["frame"] == (
        "From date of randomization until the date of first documented progression or date of"
        " death from any cause, whichever came first, assessed up to 100 months"
    )


def test_anlotinib_families_stay_family_level_and_c_kit_is_kit(store: OxigraphStore) -> None:
    """'inhibits VEGFR, PDGFR, FGFR, c-Kit': three families (no member target claimed) and
    one target."""
    trial = _trial(store)
    found = select(
        store,
        f"""SELECT DISTINCT ?stated ?p ?label WHERE {{ <{trial}> tkg:statesMechanism ?m .
          ?m tkg:drug <{ANLOTINIB}> ; tkg:mechanismSource "document" ; tkg:statedAs ?stated ;
             tkg:action "inhibitor" ; ?p ?x . ?x rdfs:label ?label .
          FILTER(?p IN (tkg:target, tkg:targetFamily)) }}""",
    )
    assert {(r["stated"], str(r["p"]).rsplit("#")[-1], r["label"]) for r in found} == {
        ("VEGFR", "targetFamily", "VEGFR"),
        ("PDGFR", "targetFamily", "PDGFR"),
        ("FGFR", "targetFamily", "FGFR"),
        ("c-Kit", "target", "KIT"),
    }
