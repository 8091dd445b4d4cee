"""Seed 001 (NCT05001971, a registry page with bare values under section headings).

Expected values are read from ``seeds/001_2a19d0d006134290.txt``, not from the output.
"""

from __future__ import annotations

import hashlib

from kg import __version__
from kg.store import OxigraphStore
from tests.ids import ANLOTINIB, PENPULIMAB
from tests.seeds.facts import (
    NCT,
    SEEDS,
    components,
    criteria,
    datatype,
    one,
    rows,
    select,
    text_of,
    trial_values,
)

FILE = "001_2a19d0d006134290.txt"
ID = "NCT05001971"
TRIAL = NCT + ID
ARM = "Anlotinib Plus Penpulimab"
XSD = "http://www.w3.org/2001/XMLSchema#"


def test_trial_row(store: OxigraphStore) -> None:
    (row,) = [r for r in rows(store, "trials") if r["nct"] == ID]
    assert row == {
        "trial": TRIAL,
        "nct": ID,
        "title": "Anlotinib Plus Penpulimab as Second-line Treatment for Patients With Small Cell"
        " Lung Cancer After Failure of Platinum-based Chemotherapy",
        "phases": "PHASE2",
        "status": "COMPLETED",
        "enrollment": "65",
        "start_date": "2021-01-30",
        "completion_date": "2025-04-15",
        "study_type": "INTERVENTIONAL",
        "document": FILE,
    }
    assert datatype(store, ID, "tkg:startDate") == XSD + "date"
    assert datatype(store, ID, "tkg:enrollment") == XSD + "integer"
    assert trial_values(store, ID, "tkg:lastUpdate") == ["2026-01-15"]


def test_design_and_org_study_id(store: OxigraphStore) -> None:
    assert trial_values(store, ID, "tkg:allocation") == ["NA"]
    assert trial_values(store, ID, "tkg:interventionModel") == ["SINGLE_GROUP"]
    assert trial_values(store, ID, "tkg:primaryPurpose") == ["TREATMENT"]
    assert trial_values(store, ID, "tkg:masking") == ["NONE"]
    assert trial_values(store, ID, "tkg:orgStudyId") == ["ALTER-L041"]


def test_eligibility(store: OxigraphStore) -> None:
    assert trial_values(store, ID, "tkg:minimumAge") == ["18 Years"]
    assert trial_values(store, ID, "tkg:maximumAge") == ["75 Years"]
    assert trial_values(store, ID, "tkg:minimumAgeYears") == ["18"]
    assert trial_values(store, ID, "tkg:maximumAgeYears") == ["75"]
    assert trial_values(store, ID, "tkg:sex") == ["ALL"]
    assert trial_values(store, ID, "tkg:healthyVolunteers") == ["false"]
    found = criteria(store, TRIAL)
    assert sum(k == "inclusion" for k, _ in found) == 6
    assert sum(k == "exclusion" for k, _ in found) == 24
    assert found["inclusion", 1] == (
        "Small cell lung cancer pathologically confirmed, with measurable nidus (RECIST 1.1)"
    )
    assert found["inclusion", 2] == "have failed for first-line chemotherapy"
    assert found["exclusion", 13] == (
        "urine routines show urine protein≥ ++, or urine protein quantity≥ 1.0 g during 24 hours"
    )
    assert found["exclusion", 24] == (
        "serious diseases that endanger patients' safety or affect patients' completion of"
        " research, according to the researchers' judgment"
    )


def test_sponsors_investigator_site_related(store: OxigraphStore) -> None:
    sponsors = {
        (r["sponsor"], r["role"], r["class"]) for r in rows(store, "trial-sponsors", trial=ID)
    }
    assert sponsors == {  # the page lists them without saying who leads
        ("Fuzhou Pulmonary Hospital of Fujian", None, "OTHER"),
        ("Chia Tai Tianqing Pharmaceutical Group Co., Ltd.", None, "INDUSTRY"),
        ("Hunan Cancer Hospital", None, "OTHER"),
    }
    (pi,) = select(
        store,
        f"""SELECT ?name ?role ?aff WHERE {{ <{TRIAL}> tkg:hasInvestigator ?p .
          ?p schema:name ?name ; tkg:role ?role ; tkg:affiliation ?aff }}""",
    )
    assert pi == {"name": "Nong Yang, PhD", "role": "PRINCIPAL_INVESTIGATOR",
                  "aff": "Hunan Cancer Hospital"}  # fmt: skip
    (site,) = select(
        store,
        f"""SELECT ?facility ?city ?state ?country WHERE {{ <{TRIAL}> tkg:hasSite ?s .
          ?s tkg:facility ?facility ; tkg:city ?city ; tkg:state ?state ; tkg:country ?country }}""",
    )
    assert site == {"facility": "Nong Yang", "city": "Changsha", "state": "Hunan",
                    "country": "China"}  # fmt: skip
    related = {r["related_nct"] for r in rows(store, "related-trials") if r["nct"] == ID}
    assert related == {"NCT03735264", "NCT04012619", "NCT05387109", "NCT03781869", "NCT03732846"}


def test_arm_and_intervention_doses(store: OxigraphStore) -> None:
    (arm,) = select(
        store,
        f"SELECT ?label ?d WHERE {{ <{TRIAL}> tkg:hasArm ?a . ?a rdfs:label ?label ;"
        " tkg:description ?d }",
    )
    assert arm == {
        "label": ARM,
        "d": "Anlotinib (10mg qd po d1-14, 21 days per cycle) and Penpulimab (200mg ivgtt d1)",
    }
    comp = components(store, TRIAL)
    assert set(comp) == {"anlotinib", "penpulimab"}
    anlotinib, penpulimab = comp["anlotinib"], comp["penpulimab"]
    assert (anlotinib["dose"], anlotinib["unit"], anlotinib["route"]) == ("10", "mg", "oral")
    assert anlotinib["schedule"] == "daily on day 1 to 14 of a 21-day cycle"
    assert (anlotinib["frequency"], anlotinib["cycle"]) == ("QD", "21")
    assert (penpulimab["dose"], penpulimab["unit"], penpulimab["route"]) == (
        "200",
        "mg",
        "intravenous",
    )
    assert penpulimab["schedule"] == "on day 1 of a 21-day cycle"
    assert penpulimab["cycle"] == "21"
    drugs = {
        (r["drug"], r["drug_id"], r["arm"], r["dose"], r["route"])
        for r in rows(store, "trial-drugs", trial=ID)
    }
    assert drugs == {
        ("anlotinib", ANLOTINIB, ARM, "10", "oral"),
        ("penpulimab", PENPULIMAB, ARM, "200", "intravenous"),
    }


def test_drugs_in_the_criteria_are_eligibility_mentions(store: OxigraphStore) -> None:
    found = select(
        store,
        f"""SELECT DISTINCT ?surface WHERE {{ <{TRIAL}> tkg:mentions ?m .
          ?m tkg:mentionContext "eligibility" ; tkg:surfaceForm ?surface }}""",
    )
    surfaces = {r["surface"] for r in found}
    assert {"Penpulimab", "anti-PD-1", "anti-CTLA-4 antibodies", "platinum"} <= surfaces
    assert not [r for r in rows(store, "trial-drugs", trial=ID) if r["drug"] == "platinum"]


def test_anti_pd_l1_in_the_criteria_is_a_mention(store: OxigraphStore) -> None:
    found = select(
        store,
        f"""SELECT ?class WHERE {{ <{TRIAL}> tkg:mentions ?m .
          ?m tkg:surfaceForm "anti-PD-L1" ; tkg:mentionOf ?class }}""",
    )
    assert [r["class"] for r in found] == ["https://w3id.org/trialkg/id/drugclass/pd-l1-inhibitor"]


def test_provenance_of_the_document(store: OxigraphStore) -> None:
    sha = hashlib.sha256((SEEDS / FILE).read_bytes()).hexdigest()
    (doc,) = select(
        store,
        f"""SELECT ?d ?sha ?layout ?version ?ended ?agent WHERE {{
          <{TRIAL}> prov:wasDerivedFrom ?d . ?d a tkg:Document ; tkg:fileName "{FILE}" ;
             tkg:sha256 ?sha ; tkg:layout ?layout ; prov:wasGeneratedBy ?x .
          ?x a tkg:Extraction ; prov:used ?d ; tkg:extractorVersion ?version ;
             prov:endedAtTime ?ended ; prov:wasAssociatedWith ?agent }}""",
    )
    assert doc["d"] == f"https://w3id.org/trialkg/id/document/{sha}"
    assert (doc["sha"], doc["layout"], doc["version"]) == (sha, "registry-page", __version__)
    assert doc["agent"] == "https://w3id.org/trialkg/id/agent/trialkg"
    graph = one(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ <{TRIAL}> tkg:nctId ?n }} }}")
    assert graph == f"https://w3id.org/trialkg/graph/doc/{sha}"


def test_spans_slice_the_values_out_of_the_document(store: OxigraphStore) -> None:
    text = text_of(FILE)
    found = select(
        store,
        f"""SELECT ?prop ?start ?end WHERE {{ ?s tkg:spanOf <{TRIAL}> ; tkg:spanProperty ?prop ;
          tkg:start ?start ; tkg:end ?end }}""",
    )
    sliced = {
        str(r["prop"]).rsplit("#", 1)[-1]: text[int(str(r["start"])) : int(str(r["end"]))]
        for r in found
    }
    assert sliced["nctId"] == ID
    assert sliced["orgStudyId"] == "ALTER-L041"
    assert sliced["startDate"] == "2021-01-30"
    assert sliced["enrollment"] == "65 participants"
    dose_text = one(
        store,
        f"""SELECT ?t WHERE {{ <{TRIAL}> tkg:hasIntervention/tkg:hasComponent ?c .
          ?c tkg:drug <{PENPULIMAB}> . ?s tkg:spanOf ?c ; tkg:spanProperty tkg:doseText ;
          tkg:start ?a ; tkg:end ?b . BIND(CONCAT(STR(?a), "-", STR(?b)) AS ?t) }}""",
    )
    start, end = (int(x) for x in str(dose_text).split("-"))
    assert text[start:end] == "Penpulimab: 200mg by intravenous drip on day 1 of a 21-day cycle"
