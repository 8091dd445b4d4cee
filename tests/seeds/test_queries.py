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
