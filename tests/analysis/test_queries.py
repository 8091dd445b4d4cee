"""The named queries on the hand-made store (reference graph + data/trials.ttl)."""

from __future__ import annotations

from kg import queries
from kg.store import OxigraphStore

HEADERS = {
    "mechanism-overlap": ("drug_a", "drug_b", "shared_targets", "jaccard", "shared_families",
                          "shared_pathways"),
    "combination-trials": ("trial", "nct", "title", "agents_a", "agents_b"),
    "trial-mechanisms": ("trial", "arm", "drug", "target", "family", "pathway"),
    "target-landscape": ("target", "family", "pathway", "trials", "drugs"),
    "redundant-combinations": ("trial", "nct", "arm", "drug_a", "drug_b", "targets"),
}  # fmt: skip


def test_headers_declare_the_columns() -> None:
    for name, columns in HEADERS.items():
        q = queries.find(name)
        assert q.columns[: len(columns)] == columns, name


def _run(store: OxigraphStore, name: str, **params: str) -> list[dict[str, str | None]]:
    return queries.run(store, name, params).values()


def test_mechanism_overlap_pd1(fixture_store: OxigraphStore) -> None:
    rows = {r["drug_b"]: r for r in _run(fixture_store, "mechanism-overlap", drug="AK105")}
    assert rows["sintilimab"]["shared_targets"] == "PDCD1"
    assert rows["sintilimab"]["jaccard"] == "1"
    assert rows["benmelstobart"]["shared_targets"] == ""
    assert rows["benmelstobart"]["jaccard"] == "0"
    assert rows["benmelstobart"]["shared_families"] == "PD-1/PD-L1 axis"
    assert all(r["drug_a"] == "penpulimab" for r in rows.values())


def test_mechanism_overlap_each_pair_once(fixture_store: OxigraphStore) -> None:
    pairs = [(r["drug_a"], r["drug_b"]) for r in _run(fixture_store, "mechanism-overlap")]
    assert len(pairs) == len({frozenset(p) for p in pairs})


def test_combination_trials_defaults(fixture_store: OxigraphStore) -> None:
    rows = _run(fixture_store, "combination-trials")
    by_title = {r["title"]: r for r in rows}
    assert len(rows) == 4
    assert by_title["Anlotinib and immune checkpoint inhibitors"]["agents_b"] == (
        "immune checkpoint inhibitor"
    )
    assert {r["agents_a"] for r in rows} == {"anlotinib"}


def test_combination_trials_other_classes(fixture_store: OxigraphStore) -> None:
    rows = _run(fixture_store, "combination-trials", class_a="tkg:PlatinumAgent",
                class_b="tkg:PD1AxisBlocker")  # fmt: skip
    found = [(r["nct"], sorted(str(r["agents_a"]).split("|"))) for r in rows]
    assert found == [("NCT06931145", ["carboplatin", "cisplatin"])]


def test_trial_mechanisms(fixture_store: OxigraphStore) -> None:
    rows = _run(fixture_store, "trial-mechanisms", trial="NCT05001971")
    assert {(r["arm"], r["drug"], r["target"]) for r in rows if r["drug"] == "penpulimab"} == {
        ("anlotinib plus penpulimab", "penpulimab", "PDCD1")}  # fmt: skip
    classes = _run(fixture_store, "trial-mechanisms", trial="https://example.org/test/trial-class")
    assert {r["family"] for r in classes if r["drug"] == "immune checkpoint inhibitor"} == {
        "PD-1/PD-L1 axis", "CTLA-4"}  # fmt: skip
    # a family-level statement shows for a drug the reference does not cover, not for one it does
    family = _run(fixture_store, "trial-mechanisms", trial="https://example.org/test/trial-family")
    assert [(r["drug"], r["target"], r["family"], r["pathway"], r["action"]) for r in family] == [
        ("ZX-101", None, "VEGFR", "angiogenesis", "inhibitor"),
        ("ZX-101", None, "VEGFR", "receptor tyrosine kinase signalling", "inhibitor")]  # fmt: skip
    assert ("penpulimab", None) not in {(r["drug"], r["target"]) for r in rows}


def test_target_landscape_includes_sub_conditions(fixture_store: OxigraphStore) -> None:
    rows = {r["target"]: r for r in _run(fixture_store, "target-landscape", condition="SCLC")}
    assert rows["KDR"]["trials"] == "3"  # SCLC + two ES-SCLC trials
    assert rows["PDCD1"]["trials"] == "2"
    assert rows["CD274"]["trials"] == "1"
    lung = {
        r["target"]: r for r in _run(fixture_store, "target-landscape", condition="lung cancer")
    }
    assert lung["KDR"]["trials"] == "4"


def test_redundant_combinations_skip_alternatives(fixture_store: OxigraphStore) -> None:
    rows = _run(fixture_store, "redundant-combinations")
    assert [(r["arm"], r["drug_a"], r["drug_b"]) for r in rows] == [
        ("made-up redundant arm", "lenvatinib", "anlotinib")]  # fmt: skip
    assert "KDR" in str(rows[0]["targets"]).split("|")
