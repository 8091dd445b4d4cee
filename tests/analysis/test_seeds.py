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
    got = {(r["nct"], r["agents_a"], r["agents_b"], r["class_a"], r["class_b"]) for r in rows}
    tkg = "https://w3id.org/trialkg/vocab#"
    classes = (f"{tkg}AntiAngiogenicAgent", f"{tkg}PD1AxisBlocker")
    assert got == {
        ("NCT05001971", "anlotinib", "penpulimab", *classes),
        ("NCT06048315", "anlotinib", "penpulimab", *classes),
        ("NCT06931145", "anlotinib", "benmelstobart", *classes),
        ("NCT07022301", "anlotinib", "sintilimab", *classes),
        # seed 002 names no NCT id and gives "immune checkpoint inhibitors": its drug class
        (None, "anlotinib", "immune checkpoint inhibitor", *classes),
    }
    assert len(rows) == 5 and {r["nct"] for r in rows if r["nct"]} == SEED_TRIALS


#: anlotinib's reference targets shared with each VEGFR inhibitor, and the Jaccard index
ANLOTINIB_VEGFR = {
    "lenvatinib": ("FGFR1 FGFR2 FGFR3 FGFR4 FLT1 FLT4 KDR KIT PDGFRA", "0.818"),
    "nintedanib": ("FGFR1 FGFR2 FGFR3 FLT1 FLT4 KDR PDGFRA PDGFRB", "0.8"),
    "pazopanib": ("FLT1 FLT4 KDR KIT PDGFRA PDGFRB", "0.6"),
    "regorafenib": ("FGFR1 FLT1 FLT4 KDR KIT PDGFRB", "0.462"),
    "sunitinib": ("FLT1 FLT4 KDR KIT PDGFRA PDGFRB", "0.462"),
    "surufatinib": ("FGFR1 FLT1 FLT4 KDR", "0.364"),
    "axitinib": ("FLT1 FLT4 KDR", "0.3"),
    "fruquintinib": ("FLT1 FLT4 KDR", "0.3"),
    "tivozanib": ("FLT1 FLT4 KDR", "0.3"),
    "sorafenib": ("FLT4 KDR KIT PDGFRB", "0.286"),
    "cabozantinib": ("KDR KIT", "0.154"),
    "ramucirumab": ("KDR", "0.1"),
    "rivoceranib": ("KDR", "0.1"),
    "vandetanib": ("KDR", "0.083"),
}


def test_anlotinib_overlaps_the_other_vegfr_inhibitors(seed_store: OxigraphStore) -> None:
    rows = _overlaps(seed_store, "anlotinib")
    reported = {
        drug: (" ".join(sorted(str(r["shared_targets"]).split("|"))), r["jaccard"])
        for drug, r in rows.items()
        if r["shared_targets"]
    }
    assert reported == ANLOTINIB_VEGFR
    assert {rows[d]["shared_families"] for d in ("axitinib", "ramucirumab", "vandetanib")} == {
        "VEGFR"
    }
    # the reference's VEGFR inhibitors (classified by the reasoner) are exactly those reported
    inhibitors = {
        str(r[0].value) for r in seed_store.select(
            "SELECT ?l WHERE { ?d a <https://w3id.org/trialkg/vocab#VEGFRInhibitor> ; a "
            "<https://w3id.org/trialkg/vocab#Drug> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
        if r[0] is not None
    }  # fmt: skip
    assert inhibitors - set(ANLOTINIB_VEGFR) == {"anlotinib"}
    assert set(ANLOTINIB_VEGFR) - inhibitors == set()
