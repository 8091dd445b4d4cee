"""Done means: exact results on the store built from seeds/ (kg.pipeline.build + classify)."""

from __future__ import annotations

from kg import queries
from kg.analysis.load import load_graph
from kg.analysis.similarity import overlap
from kg.store import OxigraphStore

PEN = "https://w3id.org/trialkg/id/drug/penpulimab"
SIN = "http://identifiers.org/chembl.compound/CHEMBL4297829"
BEN = "https://w3id.org/trialkg/id/drug/benmelstobart"
SEED_TRIALS = {"NCT05001971", "NCT06048315", "NCT06931145", "NCT07022301"}


def _overlaps(store: OxigraphStore, drug: str) -> dict[str, dict[str, str | None]]:
    rows = queries.run(store, "mechanism-overlap", {"drug": drug}).values()
    return {str(r["drug_b"]): r for r in rows}


def test_penpulimab_sintilimab_overlap_fully_on_pdcd1(seed_store: OxigraphStore) -> None:
    row = _overlaps(seed_store, "penpulimab")["sintilimab"]
    assert (row["shared_targets"], row["jaccard"]) == ("PDCD1", "1")
    o = overlap(load_graph(seed_store, trials=False), PEN, SIN)
    assert (o.shared_targets, o.jaccard) == (("PDCD1",), 1.0)


def test_benmelstobart_meets_them_at_the_axis_only(seed_store: OxigraphStore) -> None:
    rows = _overlaps(seed_store, "benmelstobart")
    for other in ("penpulimab", "sintilimab"):
        assert rows[other]["shared_targets"] == ""
        assert rows[other]["jaccard"] == "0"
        assert rows[other]["shared_families"] == "PD-1/PD-L1 axis"
        assert rows[other]["shared_pathways"] == "immune checkpoint"
    o = overlap(load_graph(seed_store, trials=False), BEN, PEN)
    assert (o.shared_targets, o.shared_families, o.family_jaccard) == (
        (),
        ("PD-1/PD-L1 axis",),
        1.0,
    )


def test_every_seed_trial_is_a_combination_trial(seed_store: OxigraphStore) -> None:
    rows = queries.run(seed_store, "combination-trials").values()
    assert len(rows) == 5
    assert {r["nct"] for r in rows if r["nct"]} == SEED_TRIALS
    (by_class,) = [r for r in rows if not r["nct"]]  # seed 002 names no NCT id
    assert by_class["agents_a"] == "anlotinib"
    assert by_class["agents_b"] == "immune checkpoint inhibitor"


def test_anlotinib_overlaps_the_other_vegfr_inhibitors(seed_store: OxigraphStore) -> None:
    rows = _overlaps(seed_store, "anlotinib")
    shared = {drug: set(str(r["shared_targets"]).split("|")) for drug, r in rows.items()}
    assert shared["lenvatinib"] == {"FLT1", "KDR", "FLT4", "FGFR1", "FGFR2", "FGFR3", "FGFR4",
                                    "PDGFRA", "KIT"}  # fmt: skip
    assert shared["axitinib"] == {"FLT1", "KDR", "FLT4"}
    assert shared["ramucirumab"] == {"KDR"}
    assert (rows["lenvatinib"]["jaccard"], rows["nintedanib"]["jaccard"]) == ("0.818", "0.8")
    vegfr = queries.run(seed_store, "mechanism-overlap", {"drug": "anlotinib"}).values()
    inhibitors = {
        str(r[0].value) for r in seed_store.select(
            "SELECT ?d WHERE { ?d a <https://w3id.org/trialkg/vocab#VEGFRInhibitor> ; a "
            "<https://w3id.org/trialkg/vocab#Drug> }")
        if r[0] is not None
    }  # fmt: skip
    reported = {str(r["drug_b_iri"]) for r in vegfr if "KDR" in str(r["shared_targets"])}
    assert inhibitors - reported == {"https://w3id.org/trialkg/id/drug/anlotinib"}
