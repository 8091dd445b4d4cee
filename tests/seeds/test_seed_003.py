"""Seed 003 (NCT07022301, a registry page with "Label" lines; criteria partly misplaced).

Expected values are read from ``seeds/003_bd84587517993276.txt``, not from the output.
"""

from __future__ import annotations

from kg.store import OxigraphStore
from tests.ids import ANLOTINIB, SINTILIMAB
from tests.seeds.facts import NCT, components, criteria, rows, select, text_of, trial_values

FILE = "003_bd84587517993276.txt"
ID = "NCT07022301"
TRIAL = NCT + ID


def test_trial_row(store: OxigraphStore) -> None:
    (row,) = [r for r in rows(store, "trials") if r["nct"] == ID]
    assert row == {
        "trial": TRIAL,
        "nct": ID,
        "title": "Sintilimab Plus Anlotinib as Second or Further-line Therapy for ES-SCLC Who"
        " Have Progressed After Anti-PD-1/L1 Therapy",
        "phases": "PHASE2",
        "status": "NOT_YET_RECRUITING",
        "enrollment": "25",
        "start_date": "2025-07-31",
        "completion_date": "2029-05-31",
        "study_type": "INTERVENTIONAL",
        "document": FILE,
    }
    assert trial_values(store, ID, "tkg:orgStudyId") == ["2025-ethics-48"]
    assert trial_values(store, ID, "tkg:interventionModel") == ["SINGLE_GROUP"]
    assert trial_values(store, ID, "tkg:masking") == ["NONE"]


def test_eligibility_only_a_minimum_age(store: OxigraphStore) -> None:
    assert trial_values(store, ID, "tkg:minimumAge") == ["18 Years"]
    assert trial_values(store, ID, "tkg:maximumAge") == []
    assert trial_values(store, ID, "tkg:sex") == ["ALL"]
    assert trial_values(store, ID, "tkg:healthyVolunteers") == ["false"]


def test_criteria_numbered_14_to_22_are_exclusions(store: OxigraphStore) -> None:
    """The page prints exclusion items 14-22 under 'Inclusion Criteria' (their numbers
    continue the exclusion list): 8 inclusion criteria, 12 + 9 exclusion criteria."""
    found = criteria(store, TRIAL)
    inclusion = [t for (k, _), t in sorted(found.items()) if k == "inclusion"]
    exclusion = [t for (k, _), t in sorted(found.items()) if k == "exclusion"]
    assert len(inclusion) == 8
    assert len(exclusion) == 21
    assert inclusion[3] == "ECOG PS score: 0-1 points."
    assert inclusion[4] == "Expected survival period ≥ 3 months."
    # criterion 6 keeps its lab-value sub-items
    assert inclusion[5].startswith("Important organ functions must meet the following standards:")
    assert "12. Male QTc<450 ms, female QTc<470 ms, LVEF ≥ 50%" in inclusion[5]
    assert exclusion[0] == (
        "Imaging shows that the tumor has invaded large blood vessels or has unclear boundaries"
        " with blood vessels."
    )
    assert any(t.startswith("are known to have experienced allergic reactions") for t in exclusion)


def test_sponsor_contact(store: OxigraphStore) -> None:
    sponsors = [
        (r["sponsor"], r["role"], r["class"]) for r in rows(store, "trial-sponsors", trial=ID)
    ]
    assert sponsors == [("First Affiliated Hospital of Wannan Medical College", "lead", "OTHER")]
    contacts = select(
        store,
        f"SELECT ?n ?role WHERE {{ <{TRIAL}> tkg:hasContact ?p . ?p schema:name ?n ; tkg:role ?role }}",
    )
    assert contacts == [{"n": "Yiping Zhu", "role": "CONTACT"}]


def test_condition_is_extensive_stage_sclc(store: OxigraphStore) -> None:
    found = {(r["condition"], r["unresolved"]) for r in rows(store, "trial-conditions", trial=ID)}
    assert found == {("extensive-stage small cell lung cancer", "false")}


def test_arm_gives_sintilimab_and_anlotinib(store: OxigraphStore) -> None:
    found = {(r["drug"], r["drug_id"], r["arm"]) for r in rows(store, "trial-drugs", trial=ID)}
    assert found == {
        ("sintilimab", "CHEMBL4297829", "Experimental arm"),
        ("anlotinib", ANLOTINIB, "Experimental arm"),
    }
    arm_type = select(store, f"SELECT ?t WHERE {{ <{TRIAL}> tkg:hasArm/tkg:armType ?t }}")
    assert arm_type == [{"t": "EXPERIMENTAL"}]
    assert {r["nct"] for r in rows(store, "trials-by-drug", drug="IBI308")} == {ID}
    assert SINTILIMAB.endswith("CHEMBL4297829")


def test_doses_from_the_brief_summary(store: OxigraphStore) -> None:
    comp = components(store, TRIAL)
    assert (comp["sintilimab"]["dose"], comp["sintilimab"]["route"]) == ("200", "intravenous")
    assert (comp["anlotinib"]["dose"], comp["anlotinib"]["high"], comp["anlotinib"]["route"]) == (
        "8",
        "12",
        "oral",
    )


def test_schedule_from_the_intervention(store: OxigraphStore) -> None:
    comp = components(store, TRIAL)
    assert {(d, c["schedule"], c["frequency"], c["cycle"]) for d, c in comp.items()} == {
        ("sintilimab", "every 3 weeks", "Q3W", "21"),
        ("anlotinib", "every 3 weeks", "Q3W", "21"),
    }


def test_sintilimab_hits_pd1_by_reference(store: OxigraphStore) -> None:
    found = {
        (r["target"], r["action"], r["source"])
        for r in rows(store, "drug-targets", drug="sintilimab")
    }
    assert found == {("PDCD1", "inhibitor", "reference")}


def test_endpoints_stated_in_the_summary_are_its_outcomes(store: OxigraphStore) -> None:
    """The page has no outcome list; its brief summary states the endpoints."""
    found = select(
        store,
        f"""SELECT ?kind ?measure ?start ?end WHERE {{ <{TRIAL}> tkg:hasOutcome ?o .
          ?o tkg:outcomeKind ?kind ; tkg:measure ?measure .
          ?s tkg:spanOf ?o ; tkg:spanProperty tkg:measure ; tkg:start ?start ; tkg:end ?end }}""",
    )
    assert {(r["kind"], r["measure"]) for r in found} == {
        ("primary", "objective response rate (ORR)"),
        ("secondary", "overall survival (OS)"),
        ("secondary", "progression-free survival (PFS)"),
        ("secondary", "disease control rate (DCR)"),
        ("secondary", "safety"),
    }
    text = text_of(FILE)
    for r in found:
        assert text[int(str(r["start"])) : int(str(r["end"]))] == r["measure"]
