"""One synthetic ClinicalTrials.gov API v2 study, a pure function of (seed, index).

The modules and field names are those of the real records in ``../shared/ctgov/v2``;
drugs, targets and conditions come from the reference graph; prose states mechanisms and
quotes earlier results; sites come from ``benchmarks/data/cities.tsv`` (the cities of the
real records). Sizes are steered into 10–40 KB (pretty-printed) by the number of sites.
"""

from __future__ import annotations

import json
import random
from functools import lru_cache
from pathlib import Path
from typing import Any

from benchmarks import synth_text as tx
from benchmarks.synth_results import results_section
from benchmarks.synth_vocab import Condition, Drug, Vocabulary, vocabulary

CITIES = Path(__file__).resolve().parent / "data" / "cities.tsv"
MIN_BYTES, MAX_BYTES = 10_240, 40_960

Study = dict[str, Any]

STATUSES = (("COMPLETED", 0.3), ("RECRUITING", 0.25), ("ACTIVE_NOT_RECRUITING", 0.12),
            ("NOT_YET_RECRUITING", 0.08), ("TERMINATED", 0.08), ("UNKNOWN", 0.12),
            ("WITHDRAWN", 0.05))  # fmt: skip
PHASES = (["PHASE1"], ["PHASE1", "PHASE2"], ["PHASE2"], ["PHASE2"], ["PHASE3"], ["PHASE3"])
SPONSOR_KINDS = ("Pharmaceuticals", "Biopharma", "Oncology", "Therapeutics", "Pharma Co., Ltd.")
FIRST = ("Wei", "Li", "Anna", "James", "Maria", "Hiroshi", "Elena", "David", "Sara", "Jun")
LAST = ("Zhang", "Wang", "Smith", "Novak", "Garcia", "Tanaka", "Ivanova", "Brown", "Chen", "Kim")


@lru_cache(maxsize=1)
def cities() -> tuple[tuple[str, str, str, float, float], ...]:
    rows = []
    for line in CITIES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            city, state, country, lat, lon = line.split("\t")
            rows.append((city, state, country, float(lat), float(lon)))
    return tuple(rows)


def nct_id(index: int) -> str:
    """Unique within a generated set of up to 10 million records (NCT9xxxxxxx)."""
    return f"NCT{90_000_000 + index:08d}"


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _date(rng: random.Random, year: int, month_only: bool) -> str:
    month = rng.randint(1, 12)
    return f"{year}-{month:02d}" if month_only else f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}, MD"


def _dose(rng: random.Random, drug: Drug, name: str) -> str:
    if drug.drug_type in ("antibody", "antibody-drug conjugate", "protein"):
        dose = rng.choice(("200 mg", "240 mg", "1200 mg", "3 mg/kg", "10 mg/kg"))
        return f"{tx.sentence_case(name)} {dose} intravenously on day 1 of each 21-day cycle."
    dose = rng.choice((8, 10, 12, 40, 80, 150, 250, 400))
    days = rng.choice(("on days 1 to 14 of each 21-day cycle", "continuously", "on days 1-21 of a 28-day cycle"))  # fmt: skip
    return f"{tx.sentence_case(name)} {dose} mg orally once daily {days}."


def _other_names(drug: Drug, used: str) -> list[str]:
    names = [drug.name, *drug.codes[:2], *drug.brands[:1]]
    return [n for n in dict.fromkeys(names) if n != used]


def study(seed: int, index: int, vocab: Vocabulary | None = None) -> Study:
    """Record ``index`` of the set generated with ``seed`` (deterministic)."""
    v = vocab or vocabulary()
    rng = random.Random(f"trialkg-bench/{seed}/{index}")
    condition = rng.choice(v.conditions)
    cond_name = rng.choice(condition.names)
    drugs = rng.sample(v.drugs, k=rng.choice((1, 2, 2, 3)))
    names = [tx.drug_name(rng, d) for d in drugs]
    randomized = rng.random() < 0.45
    comparator = rng.choice(v.drugs) if randomized else None
    status = _weighted(rng, STATUSES)
    start_year = rng.randint(2008, 2025)
    regimen = " Plus ".join(n for n, _ in names)
    phases = rng.choice(PHASES)
    phase_word = "/".join(p.replace("PHASE", "") for p in phases)
    sponsor = f"{tx.made_up_name(rng)} {rng.choice(SPONSOR_KINDS)}"
    arms, interventions = _arms(rng, drugs, names, comparator, cond_name)
    protocol: Study = {
        "identificationModule": {
            "nctId": nct_id(index),
            "orgStudyIdInfo": {"id": f"{tx.made_up_name(rng).upper()}-{rng.randint(100, 999)}"},
            "secondaryIdInfos": [
                {"id": f"CTR{start_year}{rng.randint(1000, 9999)}", "type": "REGISTRY"}
            ],  # fmt: skip
            "organization": {"fullName": sponsor, "class": "INDUSTRY"},
            "briefTitle": f"{regimen} in Patients With {cond_name}",
            "officialTitle": (
                f"A {'Randomized' if randomized else 'Single-arm'}, Open-label, "
                f"Multicenter Phase {phase_word} Study of {regimen} in Patients "
                f"With Advanced {cond_name}"
            ),  # fmt: skip
        },
        "statusModule": _status(rng, status, start_year),
        "sponsorCollaboratorsModule": {
            "responsibleParty": {"type": "SPONSOR"},
            "leadSponsor": {"name": sponsor, "class": "INDUSTRY"},
            "collaborators": [
                {"name": f"{tx.made_up_name(rng)} University Hospital", "class": "OTHER"}
            ],  # fmt: skip
        },
        "oversightModule": {
            "oversightHasDmc": rng.random() < 0.6,
            "isFdaRegulatedDrug": rng.random() < 0.3,
            "isFdaRegulatedDevice": False,
        },  # fmt: skip
        "descriptionModule": _description(rng, v, drugs, names, condition, cond_name),
        "conditionsModule": {
            "conditions": [cond_name],
            "keywords": [condition.label, *(d.name for d in drugs)],
        },  # fmt: skip
        "designModule": {
            "studyType": "INTERVENTIONAL",
            "phases": phases,
            "designInfo": {
                "allocation": "RANDOMIZED" if randomized else "NA",
                "interventionModel": "PARALLEL" if randomized else "SINGLE_GROUP",
                "primaryPurpose": "TREATMENT",
                "maskingInfo": {"masking": "NONE"},
            },
            "enrollmentInfo": {
                "count": rng.randint(20, 600),
                "type": "ACTUAL" if status == "COMPLETED" else "ESTIMATED",
            },  # fmt: skip
        },
        "armsInterventionsModule": {"armGroups": arms, "interventions": interventions},
        "outcomesModule": _outcomes(rng),
        "eligibilityModule": {
            "eligibilityCriteria": tx.eligibility(
                rng, cond_name, names[0][0], rng.choice(v.drugs).name
            ),  # fmt: skip
            "healthyVolunteers": False,
            "sex": "ALL",
            "minimumAge": "18 Years",
            "maximumAge": f"{rng.choice((70, 75, 80))} Years",
            "stdAges": ["ADULT", "OLDER_ADULT"],
        },
        "contactsLocationsModule": {
            "centralContacts": [
                {
                    "name": _person(rng),
                    "role": "CONTACT",
                    "phone": f"+1 555 {rng.randint(1000000, 9999999)}",
                    "email": f"trials{rng.randint(1, 999)}@example.org",
                }
            ],  # fmt: skip
            "overallOfficials": [
                {"name": _person(rng), "affiliation": sponsor, "role": "STUDY_CHAIR"}
            ],  # fmt: skip
            "locations": [],
        },
        "referencesModule": {
            "references": [
                {
                    "pmid": str(rng.randint(20_000_000, 39_000_000)),
                    "type": "BACKGROUND",
                    "citation": f"{rng.choice(LAST)} X, et al. {names[0][0]} in {cond_name}. J Clin Oncol. {start_year - 1};{rng.randint(20, 40)}({rng.randint(1, 30)}):{rng.randint(100, 9999)}.",
                }  # fmt: skip
                for _ in range(rng.randint(1, 4))
            ]
        },
    }
    record: Study = {"protocolSection": protocol}
    has_results = status in ("COMPLETED", "TERMINATED") and rng.random() < 0.5
    if has_results:
        record["resultsSection"] = results_section(rng, arms)
    record["derivedSection"] = _derived(condition, drugs, index)
    record["hasResults"] = has_results
    _fit_sites(rng, record, protocol["contactsLocationsModule"]["locations"])
    return record


def _status(rng: random.Random, status: str, year: int) -> Study:
    month_only = rng.random() < 0.35
    module: Study = {"statusVerifiedDate": _date(rng, min(year + 2, 2026), True), "overallStatus": status}  # fmt: skip
    if status == "UNKNOWN":
        module["lastKnownStatus"] = "RECRUITING"
    if status in ("TERMINATED", "WITHDRAWN"):
        module["whyStopped"] = rng.choice(("Sponsor decision", "Slow accrual", "Business reasons"))
    module["expandedAccessInfo"] = {"hasExpandedAccess": False}
    kind = "ACTUAL" if status in ("COMPLETED", "TERMINATED") else "ESTIMATED"
    module["startDateStruct"] = {"date": _date(rng, year, month_only), "type": "ACTUAL"}
    module["primaryCompletionDateStruct"] = {"date": _date(rng, year + 2, month_only), "type": kind}  # fmt: skip
    module["completionDateStruct"] = {"date": _date(rng, year + 3, month_only), "type": kind}
    module["studyFirstSubmitDate"] = _date(rng, year, False)
    module["lastUpdatePostDateStruct"] = {"date": _date(rng, min(year + 3, 2026), False), "type": "ACTUAL"}  # fmt: skip
    return module


def _arms(
    rng: random.Random,
    drugs: list[Drug],
    names: list[tuple[str, str]],
    comparator: Drug | None,
    cond: str,
) -> tuple[list[Study], list[Study]]:
    label = " + ".join(n for n, _ in names)
    arms = [{"label": f"Experimental: {label}", "type": "EXPERIMENTAL",
             "description": f"Patients with {cond} receive " + " ".join(_dose(rng, d, n) for d, (n, _) in zip(drugs, names, strict=True)),  # fmt: skip
             "interventionNames": [f"Drug: {n}" for n, _ in names]}]  # fmt: skip
    interventions = [
        {
            "type": "DRUG",
            "name": n,
            "description": _dose(rng, d, n),
            "armGroupLabels": [arms[0]["label"]],
            "otherNames": _other_names(d, n),
        }  # fmt: skip
        for d, (n, _) in zip(drugs, names, strict=True)
    ]
    if comparator is not None:
        cname = comparator.name.capitalize()
        arms.append({"label": f"Control: {cname}", "type": "ACTIVE_COMPARATOR",
                     "description": _dose(rng, comparator, cname),
                     "interventionNames": [f"Drug: {cname}"]})  # fmt: skip
        known = [i for i in interventions if i["name"] == cname]
        if known:
            known[0]["armGroupLabels"].append(arms[1]["label"])
        else:
            interventions.append({"type": "DRUG", "name": cname, "description": _dose(rng, comparator, cname),
                                  "armGroupLabels": [arms[1]["label"]], "otherNames": _other_names(comparator, cname)})  # fmt: skip
    return arms, interventions


def _description(
    rng: random.Random,
    v: Vocabulary,
    drugs: list[Drug],
    names: list[tuple[str, str]],
    condition: Condition,
    cond: str,
) -> Study:
    aim = (f"The purpose of this study is to evaluate the efficacy and safety of "
           f"{tx.listing([n for n, _ in names])} in patients with {cond}.")  # fmt: skip
    mechanisms = [tx.mechanism_sentence(rng, d, n) for d, (n, _) in zip(drugs, names, strict=True)]
    paragraphs = [" ".join(tx.background(rng, cond, rng.randint(2, 4)))]
    paragraphs.append(" ".join(mechanisms))
    for _ in range(rng.randint(1, 3)):
        drug = rng.choice(drugs)
        paragraphs.append(" ".join(tx.result_sentences(rng, tx.study_name(rng, drug), drug.name, cond)))  # fmt: skip
    other = rng.choice(v.drugs)
    paragraphs.append(tx.mechanism_sentence(rng, other, other.name.capitalize()) + " "
                      + " ".join(tx.result_sentences(rng, tx.study_name(rng, other), other.name, cond)))  # fmt: skip
    paragraphs.append(aim + " Eligible patients will receive study treatment until disease "
                      "progression, unacceptable toxicity or withdrawal of consent. Tumour "
                      "assessments will be performed every 6 weeks according to RECIST 1.1.")  # fmt: skip
    return {"briefSummary": f"{aim} {mechanisms[0]}", "detailedDescription": "\n\n".join(paragraphs)}  # fmt: skip


def _outcomes(rng: random.Random) -> Study:
    measures = [("Progression-free survival (PFS)", "Time from enrollment to progression or death."),
                ("Overall survival (OS)", "Time from enrollment to death from any cause."),
                ("Objective response rate (ORR)", "Proportion of patients with a complete or partial response per RECIST 1.1."),
                ("Disease control rate (DCR)", "Proportion of patients with a response or stable disease for at least 6 weeks."),
                ("Duration of response (DoR)", "Time from first response to progression."),
                ("Incidence of treatment-emergent adverse events", "Graded by NCI CTCAE version 5.0.")]  # fmt: skip
    rng.shuffle(measures)
    frame = rng.choice(("Up to 24 months", "Up to approximately 3 years", "Every 6 weeks until progression"))  # fmt: skip
    out = [{"measure": m, "description": d, "timeFrame": frame} for m, d in measures]
    return {"primaryOutcomes": out[:1], "secondaryOutcomes": out[1 : rng.randint(3, 6)]}


def _derived(condition: Condition, drugs: list[Drug], index: int) -> Study:
    meshes = [{"id": condition.mesh_id, "term": condition.mesh_heading}] if condition.mesh_id else []  # fmt: skip
    return {
        "miscInfoModule": {"versionHolder": "2025-01-01"},
        "conditionBrowseModule": {
            "meshes": meshes,
            "ancestors": [{"id": i, "term": t} for i, t in condition.ancestors],
        },
        "interventionBrowseModule": {
            "browseLeaves": [
                {"id": f"M{1000 + n}", "name": d.name.capitalize(), "relevance": "HIGH"}
                for n, d in enumerate(drugs)
            ],  # fmt: skip
        },
    }


def _site(rng: random.Random) -> Study:
    city, state, country, lat, lon = rng.choice(cities())
    site = {"facility": f"{city} {rng.choice(('Cancer Center', 'University Hospital', 'Oncology Institute', 'Medical Center'))}",  # fmt: skip
            "status": "RECRUITING", "city": city}  # fmt: skip
    if state:
        site["state"] = state
    site |= {"country": country, "contacts": [{"name": _person(rng), "role": "PRINCIPAL_INVESTIGATOR"}],
             "geoPoint": {"lat": lat, "lon": lon}}  # fmt: skip
    return site


def size(record: Study) -> int:
    """Bytes of the record as written to a file (pretty-printed like the registry's)."""
    return len(json.dumps(record, ensure_ascii=False, indent=2).encode())


def _fit_sites(rng: random.Random, record: Study, sites: list[Study]) -> None:
    """Add sites until the record reaches a drawn size in 10–40 KB (drop them if over)."""
    goal = int(rng.triangular(MIN_BYTES + 1024, MAX_BYTES - 4096, 16_000))
    current = size(record)
    while current < goal:
        site = _site(rng)
        sites.append(site)
        current += len(json.dumps(site, ensure_ascii=False, indent=8).encode()) + 2
    current = size(record)
    while current > MAX_BYTES - 512 and sites:
        sites.pop()
        current = size(record)
    while current < MIN_BYTES:
        sites.append(_site(rng))
        current = size(record)
