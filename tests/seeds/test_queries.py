"""The query contract over all five seeds: drugs by any name, targets, conditions with their
sub-conditions (issue 2, "The query contract")."""

from __future__ import annotations

import pytest

from kg.store import OxigraphStore
from tests.seeds.facts import rows

ALL_FIVE = {"NCT06048315", "NCT05001971", "NCT07022301", "NCT06931145", None}


def _ncts(store: OxigraphStore, name: str, **params: str) -> set[str | None]:
    return {r["nct"] for r in rows(store, name, **params)}


def test_trials_columns_and_count(store: OxigraphStore) -> None:
    found = rows(store, "trials")
    assert len(found) == 5
    assert list(found[0]) == [
        "trial", "nct", "title", "phases", "status", "enrollment", "start_date",
        "completion_date", "study_type", "document",
    ]  # fmt: skip
    assert {r["nct"] for r in found} == ALL_FIVE


@pytest.mark.parametrize("name", ["AK105", "penpulimab", "PEAMPLIMAB", "pianpulimab", "péamplimab"])
def test_penpulimab_by_any_name(store: OxigraphStore, name: str) -> None:
    found = rows(store, "trials-by-drug", drug=name)
    assert {r["nct"] for r in found} == {"NCT05001971", "NCT06048315"}
    assert {r["drug"] for r in found} == {"penpulimab"}


@pytest.mark.parametrize(
    ("name", "trials"),
    [
        ("TQB2450", {"NCT06931145"}),
        ("IBI308", {"NCT07022301"}),
        ("AL3818", ALL_FIVE),
        ("anlotinib hydrochloride", ALL_FIVE),
        ("etoposide", {"NCT06931145"}),
        ("cisplatin", {"NCT06931145"}),
        ("pemetrexed", set()),  # named only in seed 000's background
        ("paclitaxel", set()),
    ],
)
def test_trials_by_drug_codes_and_salts(
    store: OxigraphStore, name: str, trials: set[str | None]
) -> None:
    assert _ncts(store, "trials-by-drug", drug=name) == trials


def test_trials_by_target_synonyms_and_families(store: OxigraphStore) -> None:
    anlotinib_trials = ALL_FIVE
    assert _ncts(store, "trials-by-target", target="VEGFR2") == anlotinib_trials
    assert _ncts(store, "trials-by-target", target="KDR") == anlotinib_trials
    assert _ncts(store, "trials-by-target", target="VEGFR") == anlotinib_trials
    assert _ncts(store, "trials-by-target", target="c-Kit") == anlotinib_trials
    assert _ncts(store, "trials-by-target", target="PD-1") == {
        "NCT05001971",
        "NCT06048315",
        "NCT07022301",
    }
    assert _ncts(store, "trials-by-target", target="TOP2A") == {"NCT06931145"}
    by_pd1 = {(r["drug"], r["source"]) for r in rows(store, "trials-by-target", target="PDCD1")}
    assert by_pd1 == {
        ("penpulimab", "document"),
        ("penpulimab", "reference"),
        ("sintilimab", "reference"),
    }


def test_trials_by_target_kit_and_pd_l1(store: OxigraphStore) -> None:
    assert _ncts(store, "trials-by-target", target="KIT") == ALL_FIVE
    assert _ncts(store, "trials-by-target", target="PD-L1") == {"NCT06931145"}


def test_only_benmelstobart_hits_pd_l1(store: OxigraphStore) -> None:
    found = {(r["nct"], r["drug"]) for r in rows(store, "trials-by-target", target="CD274")}
    assert found == {("NCT06931145", "benmelstobart")}


def test_trials_by_condition_includes_sub_conditions(store: OxigraphStore) -> None:
    es_sclc = {"NCT07022301", "NCT06931145"}
    assert (
        _ncts(store, "trials-by-condition", condition="extensive-stage small cell lung cancer")
        == es_sclc
    )
    assert _ncts(store, "trials-by-condition", condition="ES-SCLC") == es_sclc
    assert _ncts(store, "trials-by-condition", condition="SCLC") >= es_sclc
    assert _ncts(store, "trials-by-condition", condition="NSCLC") >= {None}  # seed 002
    assert _ncts(store, "trials-by-condition", condition="lung cancer") >= es_sclc | {None}


def test_seed_001_is_an_sclc_trial_by_its_title(store: OxigraphStore) -> None:
    """Seed 001's Conditions section is empty; its title names small cell lung cancer."""
    assert _ncts(store, "trials-by-condition", condition="SCLC") == {
        "NCT05001971",
        "NCT07022301",
        "NCT06931145",
    }
    found = rows(store, "trial-conditions", trial="NCT05001971")
    assert [(r["condition"], r["condition_id"]) for r in found] == [
        ("small cell lung cancer", "D055752")
    ]


def test_related_trials_exclude_the_trial_itself(store: OxigraphStore) -> None:
    found = rows(store, "related-trials")
    assert len(found) == 25  # 20 in seed 000, 5 in seed 001
    assert all(r["nct"] != r["related_nct"] for r in found)


def test_drug_targets_family_level_rows(store: OxigraphStore) -> None:
    """Statements that named only a family come out as `family` rows labelled by the family."""
    found = rows(store, "drug-targets")
    assert list(found[0]) == [
        "drug", "target", "action", "source", "drug_iri", "target_iri", "evidence", "level",
    ]  # fmt: skip
    family = {
        (r["drug"], r["target"], r["action"], r["source"], r["target_iri"])
        for r in found
        if r["level"] == "family"
    }
    tkgid = "https://w3id.org/trialkg/id/family/"
    assert family == {
        ("penpulimab", "PD-1/PD-L1 axis", "inhibitor", "document", tkgid + "pd-1-pd-l1-axis"),
        ("anlotinib", "VEGFR", "inhibitor", "document", tkgid + "vegfr"),
        ("anlotinib", "PDGFR", "inhibitor", "document", tkgid + "pdgfr"),
        ("anlotinib", "FGFR", "inhibitor", "document", tkgid + "fgfr"),
    }
    assert {r["level"] for r in found} == {"target", "family"}
    assert len(found) == len([r for r in found if r["level"] == "target"]) + 4
    # seed 000: "blocking PD-1 pathway" stays on the family, never on PD-L1
    penpulimab = {(r["target"], r["level"]) for r in rows(store, "drug-targets", drug="AK105")}
    assert penpulimab == {("PD-1/PD-L1 axis", "family"), ("PDCD1", "target")}


def test_trials_by_target_family_finds_family_level_statements(store: OxigraphStore) -> None:
    by_family = {
        (r["nct"], r["drug"], r["source"])
        for r in rows(store, "trials-by-target", target="VEGFR")
        if r["target"] == "VEGFR"
    }
    assert by_family == {(nct, "anlotinib", "document") for nct in ALL_FIVE}
    axis = {
        (r["nct"], r["drug"], r["target"], r["source"])
        for r in rows(store, "trials-by-target", target="PD-1 pathway")
    }
    assert axis == {
        ("NCT05001971", "penpulimab", "PD-1/PD-L1 axis", "document"),
        ("NCT06048315", "penpulimab", "PD-1/PD-L1 axis", "document"),
        ("NCT05001971", "penpulimab", "PDCD1", "document"),
        ("NCT05001971", "penpulimab", "PDCD1", "reference"),
        ("NCT06048315", "penpulimab", "PDCD1", "document"),
        ("NCT06048315", "penpulimab", "PDCD1", "reference"),
        ("NCT07022301", "sintilimab", "PDCD1", "reference"),
        ("NCT06931145", "benmelstobart", "CD274", "reference"),
    }


@pytest.mark.parametrize("target", ["PDCD1", "CD274", "KDR", "PDGFRB", "FGFR1"])
def test_a_target_does_not_match_family_level_statements(store: OxigraphStore, target: str) -> None:
    """A family-level statement claims no member: a target finds only target-level rows."""
    found = {r["target"] for r in rows(store, "trials-by-target", target=target)}
    assert found == {target}
