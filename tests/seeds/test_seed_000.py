"""Seed 000 (NCT06048315, a registry mirror page with a free-text rationale): exact facts.

Expected values are read from ``seeds/000_9a5221bcea9ebcfb.txt``, not from the output.
"""

from __future__ import annotations

import pytest

from kg.store import OxigraphStore
from tests.ids import ANLOTINIB, ANLOTINIB_TARGETS, PENPULIMAB
from tests.seeds.facts import NCT, components, datatype, one, rows, select, text_of, trial_values

FILE = "000_9a5221bcea9ebcfb.txt"
ID = "NCT06048315"
TRIAL = NCT + ID
XSD = "http://www.w3.org/2001/XMLSchema#"
SEE_ALSO = {
    "NCT03918538", "NCT05078918", "NCT04548830", "NCT04633850", "NCT06006390",
    "NCT06037954", "NCT05583916", "NCT00341939", "NCT06376253", "NCT05898594",
    "NCT05060432", "NCT03575793", "NCT03667716", "NCT01624090", "NCT03275688",
    "NCT04931420", "NCT06052449", "NCT06010862", "NCT06017271", "NCT05787522",
}  # fmt: skip
PENPULIMAB_SPELLINGS = {"Penpulimab", "PEAMPLIMAB", "pianpulimab", "peamplimab", "péamplimab"}


def test_the_trial_is_its_own_nct_id_not_a_see_also_one(store: OxigraphStore) -> None:
    (row,) = [r for r in rows(store, "trials") if r["document"] == FILE]
    assert row["trial"] == TRIAL
    assert row["nct"] == ID
    assert (row["phases"], row["status"], row["study_type"]) == (
        "PHASE3",
        "NOT_YET_RECRUITING",
        "INTERVENTIONAL",
    )
    assert row["title"] is None  # the page states no title
    assert row["enrollment"] is None  # nor an enrollment


def test_dates_keep_their_month_precision(store: OxigraphStore) -> None:
    assert trial_values(store, ID, "tkg:startDate") == ["2023-09"]
    assert trial_values(store, ID, "tkg:completionDate") == ["2026-09"]
    assert datatype(store, ID, "tkg:startDate") == XSD + "gYearMonth"
    assert datatype(store, ID, "tkg:completionDate") == XSD + "gYearMonth"


def test_the_twenty_see_also_ids_are_related_trials(store: OxigraphStore) -> None:
    related = {r["related_nct"] for r in rows(store, "related-trials") if r["nct"] == ID}
    assert related == SEE_ALSO
    assert ID not in related
    # the related trials are only referenced: no document makes them trials of their own
    titled = {r["nct"] for r in rows(store, "trials")}
    assert not SEE_ALSO & titled


def test_source_is_a_sponsor_without_a_role_and_the_contact_is_named(
    store: OxigraphStore,
) -> None:
    sponsors = [r for r in rows(store, "trial-sponsors") if r["nct"] == ID]
    assert [(r["sponsor"], r["role"], r["class"]) for r in sponsors] == [
        ("Qianfoshan Hospital", None, None)
    ]
    contacts = select(store, f"SELECT ?name WHERE {{ <{TRIAL}> tkg:hasContact/schema:name ?name }}")
    assert [r["name"] for r in contacts] == ["Lu DeGan"]


def test_the_intervention_is_the_stated_aim_penpulimab_plus_anlotinib(
    store: OxigraphStore,
) -> None:
    drugs = {(r["drug"], r["drug_id"]) for r in rows(store, "trial-drugs") if r["nct"] == ID}
    assert drugs == {("anlotinib", ANLOTINIB), ("penpulimab", PENPULIMAB)}
    assert (
        one(store, f"SELECT ?aim WHERE {{ <{TRIAL}> tkg:hasIntervention/tkg:statedInAim ?aim }}")
        == "true"
    )
    comp = components(store, TRIAL)
    assert (comp["penpulimab"]["surface"], comp["penpulimab"]["method"]) == (
        "péamplimab",
        "synonym",
    )
    assert (comp["anlotinib"]["surface"], comp["anlotinib"]["method"]) == ("anlotinib", "exact")


def test_five_penpulimab_spellings_resolve_to_one_node(store: OxigraphStore) -> None:
    found = select(
        store,
        f"""SELECT DISTINCT ?surface ?method ?score WHERE {{
          <{TRIAL}> tkg:mentions ?m . ?m tkg:mentionOf <{PENPULIMAB}> ; tkg:surfaceForm ?surface ;
             tkg:matchMethod ?method ; tkg:matchScore ?score }}""",
    )
    methods = {r["surface"]: (r["method"], r["score"]) for r in found}
    assert set(methods) == PENPULIMAB_SPELLINGS | {"AK105"}
    assert methods["Penpulimab"] == ("exact", "1")
    for spelling in PENPULIMAB_SPELLINGS - {"Penpulimab"}:
        assert methods[spelling] == ("synonym", "1")
    assert methods["AK105"] == ("code", "1")


@pytest.mark.parametrize("drug", ["carboplatin", "paclitaxel", "pemetrexed"])
def test_background_drugs_are_mentions_not_interventions(store: OxigraphStore, drug: str) -> None:
    given = {r["drug"] for r in rows(store, "trial-drugs") if r["nct"] == ID}
    assert drug not in given
    contexts = select(
        store,
        f"""SELECT ?surface ?context WHERE {{
          <{TRIAL}> tkg:mentions ?m . ?m tkg:mentionOf/rdfs:label "{drug}" ;
             tkg:surfaceForm ?surface ; tkg:mentionContext ?context }}""",
    )
    assert [(r["surface"], r["context"]) for r in contexts] == [(drug, "background")]
    assert not [r for r in rows(store, "trials-by-drug", drug=drug) if r["nct"] == ID]


def _document_mechanisms(store: OxigraphStore, drug: str) -> dict[str, set[str]]:
    found = select(
        store,
        f"""SELECT ?symbol ?stated ?action ?evidence WHERE {{
          <{TRIAL}> tkg:statesMechanism ?m . ?m tkg:drug <{drug}> ; tkg:target ?t ;
             tkg:action ?action ; tkg:mechanismSource "document" ; tkg:statedAs ?stated ;
             tkg:evidenceText ?evidence .
          ?t rdfs:label ?symbol }}""",
    )
    by_target: dict[str, set[str]] = {}
    for r in found:
        by_target.setdefault(str(r["symbol"]), set()).add(f"{r['action']}|{r['stated']}")
    return by_target


def test_the_ten_anlotinib_targets_come_from_the_document(store: OxigraphStore) -> None:
    targets = _document_mechanisms(store, ANLOTINIB)
    assert set(targets) == ANLOTINIB_TARGETS
    assert targets["KIT"] == {"inhibitor|stem cell factor receptor"}
    assert targets["PDGFRA"] == {"inhibitor|platelet-β derived growth factor receptor α and β"}
    assert "inhibitor|VEGFr1-3" in targets["KDR"]
    assert "inhibitor|Fibroblast Growth Factor Receptor 1-4" in targets["FGFR4"]
    evidence = {
        r["e"]
        for r in select(
            store,
            f"""SELECT DISTINCT ?e WHERE {{ <{TRIAL}> tkg:statesMechanism ?m .
              ?m tkg:drug <{ANLOTINIB}> ; tkg:evidenceText ?e }}""",
        )
    }
    assert evidence == {
        "The main targets of anlotinib include tyrosine kinase vascular endothelial growth factor"
        " receptor 1-3 (VEGFr1-3), fibroblast growth factor receptor 1-4 (Fibroblast Growth"
        " Factor Receptor 1-4), platelet-β derived growth factor receptor α and β, and stem cell"
        " factor receptor."
    }


def test_penpulimab_binds_pd1_says_the_document(store: OxigraphStore) -> None:
    assert "PDCD1" in _document_mechanisms(store, PENPULIMAB)
    sources = {
        r["source"] for r in rows(store, "drug-targets", drug="AK105") if r["target"] == "PDCD1"
    }
    assert sources == {"document", "reference"}


def test_penpulimab_is_not_said_to_hit_pd_l1(store: OxigraphStore) -> None:
    """'blocking PD-1 pathway' names the pathway: family level, no CD274 target."""
    assert set(_document_mechanisms(store, PENPULIMAB)) == {"PDCD1"}
    families = select(
        store,
        f"""SELECT DISTINCT ?stated ?family WHERE {{ <{TRIAL}> tkg:statesMechanism ?m .
          ?m tkg:drug <{PENPULIMAB}> ; tkg:statedAs ?stated ;
             tkg:targetFamily/rdfs:label ?family }}""",
    )
    assert families == [{"stated": "PD-1 pathway", "family": "PD-1/PD-L1 axis"}]


CITED = {
    # (study, measure, value, value_high, unit, ci_low, ci_high, comparator)
    (None, "ORR", "76", "80", "%", None, None, None),
    (None, "PFS", "2.8", "3.2", "months", None, None, None),
    (None, "OS", "7.5", "10.6", "months", None, None, None),
    ("AK105-201", "PFS", "7.6", None, "months", None, None, "4.2"),
    ("AK105-201", "HR", "0.44", None, None, None, None, None),
    ("AK105-201", "risk reduction", "56", None, "%", None, None, None),
    (None, "PFS", "2.83", None, "months", None, None, None),
    (None, "ORR", "22", None, "%", None, None, None),
    ("AK105-203", "follow-up", "23", None, "months", None, None, None),
    ("AK105-203", "PFS", "8.8", None, "months", None, None, None),
    (None, "OS rate", "16", None, "%", None, None, None),
    ("CheckMate 057", "ORR", "19", None, "%", None, None, None),
    ("CheckMate 057", "PFS", "2.3", None, "months", None, None, None),
    ("KEYNOTE-001", "ORR", "19.4", None, "%", None, None, None),
    ("KEYNOTE-001", "PFS", "3.7", None, "months", None, None, None),
    ("Wangpl et al.", "ORR", "28.4", None, "%", None, None, None),
    ("Wangpl et al.", "DCR", "86.6", None, "%", None, None, None),
    ("Wangpl et al.", "PFS", "6.9", None, "months", "5.5", "8.3", None),
}


def test_every_cited_number(store: OxigraphStore) -> None:
    found = [r for r in rows(store, "cited-evidence") if r["nct"] == ID]
    got = {
        (
            r["study"],
            r["measure"],
            r["value"],
            r["value_high"],
            r["unit"],
            r["ci_low"],
            r["ci_high"],
            r["comparator"],
        )
        for r in found
    }
    assert got == CITED
    assert len(found) == len(CITED)
    text = text_of(FILE)
    for r in found:
        assert str(r["text"]) in text  # the sentence, verbatim


def test_cited_results_name_their_regimen_and_sentence(store: OxigraphStore) -> None:
    found = {(r["study"], r["measure"]): r for r in rows(store, "cited-evidence") if r["nct"] == ID}
    ak201 = found[("AK105-201", "PFS")]
    assert set(str(ak201["regimen"]).split("|")) == {"penpulimab", "carboplatin", "paclitaxel"}
    assert str(ak201["text"]).startswith("AK105-201 is a multicenter, double-blind, randomized")
    assert str(ak201["text"]).endswith("reducing the risk of disease progression by 56%.")
    assert set(str(found[("AK105-203", "PFS")]["regimen"]).split("|")) == {
        "penpulimab",
        "anlotinib",
    }
    assert found[("CheckMate 057", "ORR")]["text"] == (
        "In the CheckMate 057 and KEYNOTE-001 studies, the ORRs of patients with advanced NSCLC"
        " treated with anti-PD-1 monotherapy were 19% (mPFS 2.3 months) and 19.4% (mFS 3.7"
        " months), respectively."
    )
    wang = found[("Wangpl et al.", "PFS")]
    assert (wang["statistic"], wang["ci_low"], wang["ci_high"]) == ("median", "5.5", "8.3")
    level = one(
        store,
        f"""SELECT ?level WHERE {{ <{TRIAL}> tkg:citesResult ?r . ?r tkg:ciLow 5.5 ;
            tkg:ciLevel ?level }}""",
    )
    assert level == "95"


def test_a_cited_value_span_slices_its_number_out_of_the_document(store: OxigraphStore) -> None:
    spans = select(
        store,
        f"""SELECT ?start ?end WHERE {{ <{TRIAL}> tkg:citesResult ?r .
          ?r tkg:measure "HR" . ?s tkg:spanOf ?r ; tkg:spanProperty tkg:value ;
             tkg:start ?start ; tkg:end ?end }}""",
    )
    text = text_of(FILE)
    assert [text[int(str(s["start"])) : int(str(s["end"]))] for s in spans] == ["0.44"]


def test_cited_results_name_their_population(store: OxigraphStore) -> None:
    found = select(
        store,
        f"""SELECT DISTINCT ?study ?population WHERE {{ <{TRIAL}> tkg:citesResult ?r .
          ?r tkg:citedStudy/rdfs:label ?study ; tkg:population ?population }}""",
    )
    assert {(r["study"], r["population"]) for r in found} == {
        ("AK105-201", "locally advanced or metastatic squamous non-small cell lung cancer"),
        ("AK105-203", "hepatocellular carcinoma"),
        ("CheckMate 057", "patients with advanced NSCLC"),
        ("KEYNOTE-001", "patients with advanced NSCLC"),
        ("Wangpl et al.", "previously treated patients with advanced NSCLC"),
    }
