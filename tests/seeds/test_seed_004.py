"""Seed 004 (NCT06931145, a registry page with labelled values and four interventions).

Expected values are read from ``seeds/004_78907bef003bf639.txt``, not from the output.
"""

from __future__ import annotations

from kg.store import OxigraphStore
from tests.ids import ANLOTINIB, BENMELSTOBART
from tests.seeds.facts import NCT, components, criteria, rows, select, text_of, trial_values

FILE = "004_78907bef003bf639.txt"
ID = "NCT06931145"
TRIAL = NCT + ID
ARM = "Benmelstobart in combination with anlotinib and chemotherapy"


def test_trial_row(store: OxigraphStore) -> None:
    (row,) = [r for r in rows(store, "trials") if r["nct"] == ID]
    assert row == {
        "trial": TRIAL,
        "nct": ID,
        "title": "Benmelstobart, Anlotinib and Chemotherapy as First-line Treatment for"
        " Extensive-stage Small-cell Lung Cancer",
        "phases": "PHASE4",
        "status": "NOT_YET_RECRUITING",
        "enrollment": "50",
        "start_date": "2025-04-15",
        "completion_date": "2027-12-31",
        "study_type": "INTERVENTIONAL",
        "document": FILE,
    }
    assert trial_values(store, ID, "tkg:orgStudyId") == ["K7820"]
    assert trial_values(store, ID, "tkg:lastUpdate") == ["2025-04-23"]
    design = ("tkg:allocation", "tkg:interventionModel", "tkg:primaryPurpose", "tkg:masking")
    assert [trial_values(store, ID, p) for p in design] == [
        ["NA"],
        ["SINGLE_GROUP"],
        ["TREATMENT"],
        ["NONE"],
    ]


def test_eligibility(store: OxigraphStore) -> None:
    assert trial_values(store, ID, "tkg:minimumAgeYears") == ["18"]
    assert trial_values(store, ID, "tkg:maximumAgeYears") == ["75"]
    assert trial_values(store, ID, "tkg:sex") == ["ALL"]
    assert trial_values(store, ID, "tkg:healthyVolunteers") == ["false"]
    found = criteria(store, TRIAL)
    assert sum(k == "inclusion" for k, _ in found) == 7
    assert sum(k == "exclusion" for k, _ in found) == 10
    assert (
        found["inclusion", 2]
        == "No prior systemic therapy for extensive-stage small cell lung cancer;"
    )
    assert found["inclusion", 7] == (
        "Subjects voluntarily enrolled in this study and signed an informed consent form,"
        " complied well and cooperated with the follow-up."
    )
    assert found["exclusion", 4] == (
        "Uncontrollable pleural effusion, pericardial effusion, or ascites that requires repeated"
        " drainage;"
    )


def test_sponsors_with_roles_investigator_site_contact(store: OxigraphStore) -> None:
    sponsors = {
        (r["sponsor"], r["role"], r["class"]) for r in rows(store, "trial-sponsors", trial=ID)
    }
    assert sponsors == {
        ("Chia Tai Tianqing Pharmaceutical Group Co., Ltd.", "collaborator", "INDUSTRY"),
        ("Peking Union Medical College Hospital", "lead", "OTHER"),
    }
    investigators = select(
        store,
        f"SELECT ?name ?role WHERE {{ <{TRIAL}> tkg:hasInvestigator ?p . ?p schema:name ?name ;"
        " tkg:role ?role }",
    )
    assert investigators == [{"name": "Wang mengzhao", "role": "PRINCIPAL_INVESTIGATOR"}]
    sites = select(
        store,
        f"""SELECT ?facility ?city ?country WHERE {{ <{TRIAL}> tkg:hasSite ?s .
          ?s tkg:facility ?facility ; tkg:city ?city ; tkg:country ?country }}""",
    )
    assert sites == [
        {"facility": "Peking Union Medical College Hospital", "city": "Beijing", "country": "China"}
    ]
    contacts = select(store, f"SELECT ?n WHERE {{ <{TRIAL}> tkg:hasContact/schema:name ?n }}")
    assert contacts == [{"n": "Minjiang Chen"}]


def test_condition(store: OxigraphStore) -> None:
    found = {r["condition"] for r in rows(store, "trial-conditions", trial=ID)}
    assert found == {"extensive-stage small cell lung cancer"}


def test_four_interventions_with_doses(store: OxigraphStore) -> None:
    comp = components(store, TRIAL)
    assert set(comp) == {"benmelstobart", "anlotinib", "carboplatin", "cisplatin", "etoposide"}
    ben = comp["benmelstobart"]
    assert (ben["dose"], ben["unit"], ben["route"], ben["schedule"], ben["frequency"]) == (
        "1200",
        "mg",
        "intravenous",
        "once every 21 days",
        "Q3W",
    )
    anl = comp["anlotinib"]
    # a salt and formulation name resolves to the INN
    assert (anl["surface"], anl["method"]) == ("Anlotinib hydrochloride", "salt")
    # 8 mg, adjusted up to 12 mg: both kept
    assert (anl["dose"], anl["high"], anl["unit"], anl["route"]) == ("8", "12", "mg", "oral")
    assert anl["schedule"] == "for 2 consecutive weeks and stopped for 1 week"
    assert anl["cycle"] == "21"
    eto = comp["etoposide"]
    assert (eto["dose"], eto["unit"], eto["route"], eto["schedule"]) == (
        "100",
        "mg/m2",
        "intravenous",
        "on days 1, 2 and 3",
    )


def test_carboplatin_or_cisplatin_are_two_alternative_drugs(store: OxigraphStore) -> None:
    comp = components(store, TRIAL)
    carbo, cis = comp["carboplatin"], comp["cisplatin"]
    assert carbo["intervention"] == cis["intervention"] == "Carboplatin or cisplatin"
    assert (carbo["alt_label"], cis["alt_label"]) == ("cisplatin", "carboplatin")
    assert (carbo["dose"], carbo["unit"], carbo["route"], carbo["schedule"]) == (
        "5",
        "AUC",
        "intravenous",
        "on day 1",
    )
    assert (carbo["max"], carbo["max_unit"]) == ("750", "mg")
    assert (cis["dose"], cis["high"], cis["unit"], cis["route"]) == (
        "75",
        "80",
        "mg/m2",
        "intravenous",
    )


def test_trial_drugs_row_per_drug_in_the_arm(store: OxigraphStore) -> None:
    found = {(r["drug"], r["drug_id"], r["arm"]) for r in rows(store, "trial-drugs", trial=ID)}
    assert found == {
        ("benmelstobart", BENMELSTOBART, ARM),
        ("anlotinib", ANLOTINIB, ARM),
        ("carboplatin", "CHEMBL1351", ARM),  # drug_id: the ChEMBL id where there is one
        ("cisplatin", "CHEMBL11359", ARM),
        ("etoposide", "CHEMBL44657", ARM),
    }
    # seed 000 names carboplatin only in its background: not a trial giving it
    assert {r["nct"] for r in rows(store, "trials-by-drug", drug="carboplatin")} == {ID}


def test_reference_mechanisms_for_drugs_the_document_does_not_explain(
    store: OxigraphStore,
) -> None:
    found = {
        (r["drug"], r["target"], r["action"], r["source"]) for r in rows(store, "drug-targets")
    }
    assert {
        ("benmelstobart", "CD274", "inhibitor", "reference"),
        ("etoposide", "TOP2A", "inhibitor", "reference"),
        ("etoposide", "TOP2B", "inhibitor", "reference"),
        ("carboplatin", "DNA", "cross-linking agent", "reference"),
        ("cisplatin", "DNA", "cross-linking agent", "reference"),
    } <= found
    said = {(d, t) for d, t, _, s in found if s == "document"}
    assert not {d for d, _ in said} & {"benmelstobart", "etoposide", "carboplatin", "cisplatin"}


def test_exclusion_drugs_are_mentions_only(store: OxigraphStore) -> None:
    found = select(
        store,
        f"""SELECT ?surface WHERE {{ <{TRIAL}> tkg:mentions ?m .
          ?m tkg:mentionContext "eligibility" ; tkg:surfaceForm ?surface }}""",
    )
    assert {"apatinib", "bevacizumab"} <= {r["surface"] for r in found}
    given = {r["drug"] for r in rows(store, "trial-drugs", trial=ID)}
    assert not given & {"apatinib", "bevacizumab"}


def test_criterion_span(store: OxigraphStore) -> None:
    (found,) = select(
        store,
        f"""SELECT ?start ?end WHERE {{ <{TRIAL}> tkg:hasCriterion ?c .
          ?c a tkg:ExclusionCriterion ; tkg:ordinal 4 .
          ?s tkg:spanOf ?c ; tkg:spanProperty tkg:text ; tkg:start ?start ; tkg:end ?end }}""",
    )
    text = text_of(FILE)
    assert text[int(str(found["start"])) : int(str(found["end"]))] == (
        "Uncontrollable pleural effusion, pericardial effusion, or ascites that requires repeated"
        " drainage;"
    )
