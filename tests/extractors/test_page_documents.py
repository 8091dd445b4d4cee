"""The page extractor on pages written for these tests, in layouts the seeds do not use.

Facts are those of the real registry records (NCT03594747, NCT04203485, NCT06396065,
NCT05184712, NCT02578680); the layouts are ours: markdown with a field table, "Key: value",
relabelled and reordered sections, a classic registry table page, a truncated page, and a
news item that mentions trials without being one.
"""

from __future__ import annotations

import hashlib

from kg.extractors import page
from kg.ingest.reader import Failure, from_bytes
from kg.records import Document, TrialRecord
from tests.extractors.test_page import DOCUMENTS, assert_spans, criteria, document, values


def read(name: str) -> tuple[Document, TrialRecord]:
    doc = document(DOCUMENTS / name)
    assert page.sniff(doc.text) >= 0.5
    record = page.extract(doc)
    assert_spans(doc, record)
    return doc, record


def sponsors(record: TrialRecord) -> list[tuple[str, str | None, str | None]]:
    return [(s.name.value, s.role, s.agency_class) for s in record.sponsors]


def design(record: TrialRecord) -> list[str | None]:
    d = record.design
    return [v.value if v else None for v in (d.allocation, d.model, d.purpose, d.masking)]


def test_markdown_page_with_field_table() -> None:
    _, r = read("rationale307_markdown.md")
    assert r.nct_id and r.nct_id.value == "NCT03594747"
    assert r.title and r.title.value == (
        "A Study of Tislelizumab in Combination With Chemotherapy Versus Chemotherapy in Advanced Lung Cancer"
    )
    assert r.official_title and r.official_title.value.startswith(
        "A Phase 3, Multicenter, Randomized Open-Label"
    )
    assert values(r.phases) == ["PHASE3"]
    assert r.status and r.status.value == "COMPLETED"
    assert r.enrollment and r.enrollment.value == 360 and r.enrollment_type == "ACTUAL"
    assert r.start_date and r.start_date.value == "2018-07-30"
    assert r.completion_date and r.completion_date.value == "2023-04-28"
    assert r.study_type and r.study_type.value == "INTERVENTIONAL"
    assert design(r) == ["RANDOMIZED", "PARALLEL", "TREATMENT", "NONE"]
    assert values(r.conditions) == ["Non-Small Cell Lung Cancer"]
    assert [(a.label.value, a.type, a.intervention_names) for a in r.arms] == [
        ("Tislelizumab + Paclitaxel + Carboplatin", "EXPERIMENTAL", ("Tislelizumab", "Paclitaxel", "Carboplatin")),
        ("Tislelizumab + nab-Paclitaxel + Carboplatin", "EXPERIMENTAL", ("Tislelizumab", "Nab-paclitaxel", "Carboplatin")),
        ("Paclitaxel + Carboplatin", "ACTIVE_COMPARATOR", ("Paclitaxel", "Carboplatin")),
    ]  # fmt: skip
    first = r.arms[0].description
    assert first and first.value.startswith("Tislelizumab 200 mg plus paclitaxel 175 mg/m^2")
    assert [(i.name.value, i.type) for i in r.interventions] == [
        ("Tislelizumab", "DRUG"), ("Paclitaxel", "DRUG"), ("Carboplatin", "DRUG"), ("Nab-paclitaxel", "DRUG"),
    ]  # fmt: skip
    assert r.interventions[2].arm_labels == tuple(a.label.value for a in r.arms)
    e = r.eligibility
    assert e and e.minimum_age and e.maximum_age and e.sex and e.healthy_volunteers
    assert (e.minimum_age.value, e.maximum_age.value, e.sex.value, e.healthy_volunteers.value) == (
        "18 Years", "75 Years", "ALL", False,
    )  # fmt: skip
    inclusion, exclusion = criteria(r, "inclusion"), criteria(r, "exclusion")
    assert len(inclusion) == 8 and len(exclusion) == 12
    assert (
        inclusion[0]
        == "Age 18-75 years old, male or female, and signed informed consent form (ICF)"
    )
    assert exclusion[-1] == "History of allergic reactions to chemotherapy"
    assert sponsors(r) == [("BeiGene", "lead", "INDUSTRY")]
    assert values(r.org_study_ids) == ["BGB-A317-307"] and values(r.secondary_ids) == [
        "CTR20180292"
    ]


def test_key_value_page() -> None:
    _, r = read("camrelizumab_keyvalue.txt")
    assert r.nct_id and r.nct_id.value == "NCT04203485"
    assert r.title and r.title.value.startswith(
        "Camrelizumab Combined With Apatinib Mesylate or Camrelizumab Alone"
    )
    assert r.official_title and r.official_title.value.startswith(
        "A Randomized, Open-Label, Controlled"
    )
    assert values(r.org_study_ids) == ["SHR-1210-III-315"]
    assert r.status and r.status.value == "NOT_YET_RECRUITING"
    assert values(r.phases) == ["PHASE3"]
    assert r.enrollment and r.enrollment.value == 762 and r.enrollment_type == "ESTIMATED"
    assert r.start_date is None
    assert r.completion_date and r.completion_date.value == "2022-05-31"
    assert design(r) == ["RANDOMIZED", None, "TREATMENT", "NONE"]
    assert values(r.conditions) == ["PD-L1 Positive Non-small Cell Lung Cancer"]
    assert sponsors(r) == [("Jiangsu HengRui Medicine Co., Ltd.", "lead", None)]
    assert [(a.label.value, a.type, a.intervention_names) for a in r.arms] == [
        ("Camrelizumab 200mg + Apatinib Mesylate 250mg", "EXPERIMENTAL", ("Camrelizumab 200mg", "Apatinib Mesylate 250mg")),
        ("Camrelizumab 200mg", "EXPERIMENTAL", ("Camrelizumab 200mg",)),
        ("Pemetrexed/Paclitaxel injection+ Carboplatin", "ACTIVE_COMPARATOR",
         ("Pemetrexed disodium for injection", "Paclitaxel injection", "Carboplatin")),
    ]  # fmt: skip
    assert len(r.interventions) == 5
    assert r.interventions[0].arm_labels == (
        "Camrelizumab 200mg + Apatinib Mesylate 250mg",
        "Camrelizumab 200mg",
    )
    inclusion, exclusion = criteria(r, "inclusion"), criteria(r, "exclusion")
    assert len(inclusion) == 6 and len(exclusion) == 3
    assert inclusion[5] == "Eastern Cooperative Oncology Group (ECOG) performance status of 0-1."
    assert (
        exclusion[1]
        == "Untreated central nervous system metastases (such as brain or meningeal metastases)."
    )
    e = r.eligibility
    assert (
        e
        and e.sex
        and e.sex.value == "ALL"
        and e.healthy_volunteers
        and e.healthy_volunteers.value is False
    )


def test_relabelled_and_reordered_page() -> None:
    _, r = read("harmoni_reordered.txt")
    assert r.nct_id and r.nct_id.value == "NCT06396065"
    assert r.title and r.title.value == "Phase III Study of AK112 for NSCLC Patients"
    assert values(r.org_study_ids) == ["AK112-301"]
    assert r.status and r.status.value == "ACTIVE_NOT_RECRUITING"
    assert values(r.phases) == ["PHASE3"]
    assert r.enrollment and r.enrollment.value == 420
    assert r.start_date and r.start_date.value == "2023-05-04"
    assert r.completion_date and r.completion_date.value == "2025-12-31"
    assert r.study_type and r.study_type.value == "INTERVENTIONAL"
    assert design(r) == ["RANDOMIZED", "PARALLEL", "TREATMENT", "QUADRUPLE"]
    assert values(r.conditions) == ["Non-Squamous Non-small Cell Lung Cancer"]
    assert values(r.keywords) == ["NSCLC", "EGFR Positive", "ivonescimab"]
    assert r.brief_summary and r.brief_summary.value.startswith(
        "A Randomized, Double-blind, Multi-center"
    )
    assert [(a.label.value, a.type, a.intervention_names) for a in r.arms] == [
        (
            "AK112 in combination with Pemetrexed and Carboplatin",
            "EXPERIMENTAL",
            ("AK112 Injection",),
        ),
        (
            "Placebo in combination with Pemetrexed and Carboplatin",
            "PLACEBO_COMPARATOR",
            ("Placebo Injection",),
        ),
    ]
    ak112 = r.interventions[0]
    assert (ak112.name.value, ak112.type) == ("AK112 Injection", "DRUG")
    assert ak112.description and ak112.description.value.endswith("up to 2 years.")
    e = r.eligibility
    assert e and e.minimum_age and e.minimum_age.value == "18 Years" and e.maximum_age is None
    assert (
        e.sex
        and e.sex.value == "ALL"
        and e.healthy_volunteers
        and e.healthy_volunteers.value is False
    )
    inclusion = criteria(r, "inclusion")
    assert len(inclusion) == 4 and criteria(r, "exclusion") == []
    assert inclusion[3] == "Expected survival ≥3 months."
    assert sponsors(r) == [("Summit Therapeutics", None, "INDUSTRY")]
    assert [(p.name.value, p.role) for p in r.contacts] == [("Lori Styles, MD", "CONTACT")]


def test_code_names_on_a_classic_registry_table_page() -> None:
    _, r = read("ak112_codenames.txt")
    assert r.nct_id and r.nct_id.value == "NCT05184712"
    assert r.title and r.title.value == "Phase 3 Clinical Study of AK112 for NSCLC Patients"
    assert r.status and r.status.value == "RECRUITING"
    assert values(r.phases) == ["PHASE3"]
    assert r.enrollment and r.enrollment.value == 470 and r.enrollment_type == "ESTIMATED"
    assert r.study_type and r.study_type.value == "INTERVENTIONAL"
    assert design(r) == ["RANDOMIZED", "PARALLEL", "TREATMENT", "QUADRUPLE"]
    assert r.start_date and r.start_date.value == "2022-01-01"
    assert r.primary_completion_date and r.primary_completion_date.value == "2025-01-01"
    assert r.completion_date and r.completion_date.value == "2026-01-01"
    assert r.last_update and r.last_update.value == "2023-05-25"
    assert values(r.conditions) == ["Non-Squamous Non-small Cell Lung Cancer"]
    assert [(i.name.value, i.type) for i in r.interventions] == [
        ("AK112 Injection", "DRUG"), ("Placebo Injection", "DRUG"),
    ]  # fmt: skip
    assert [(a.label.value, a.type, a.intervention_names) for a in r.arms] == [
        (
            "AK112 in combination with Pemetrexed and Carboplatin",
            "EXPERIMENTAL",
            ("AK112 Injection",),
        ),
        (
            "Placebo in combination with Pemetrexed and Carboplatin",
            "PLACEBO_COMPARATOR",
            ("Placebo Injection",),
        ),
    ]
    placebo = r.interventions[1].description
    assert placebo and placebo.value.startswith("Subjects will receive Placebo Plus Pemetrexed")
    e = r.eligibility
    assert e and e.minimum_age and e.maximum_age
    assert (e.minimum_age.value, e.maximum_age.value) == ("18 Years", "75 Years")
    inclusion, exclusion = criteria(r, "inclusion"), criteria(r, "exclusion")
    assert len(inclusion) == 10 and len(exclusion) == 6
    assert (
        inclusion[1]
        == "Males or females aged ≥ 18 to ≤ 75 years at the time of signing informed consent."
    )
    assert exclusion[4] == "Currently enrolled in any other clinical study"
    assert sponsors(r) == [("Akeso", None, None)]


def test_truncated_page_keeps_what_it_has() -> None:
    _, r = read("keynote189_truncated.txt")
    assert r.nct_id and r.nct_id.value == "NCT02578680"
    assert r.title and r.title.value.endswith("(MK-3475-189/KEYNOTE-189)")
    assert r.status and r.status.value == "ACTIVE_NOT_RECRUITING"
    assert r.enrollment and r.enrollment.value == 616 and r.enrollment_type == "ACTUAL"
    assert r.study_type and r.study_type.value == "INTERVENTIONAL"
    assert design(r) == [
        "RANDOMIZED",
        "PARALLEL",
        None,
        "QUADRUPLE",
    ]  # "Primary Purpose: Tr" cut off
    assert sponsors(r) == [("Merck Sharp & Dohme LLC", None, "INDUSTRY")]  # "Collaborator (none)"
    assert r.brief_summary and r.brief_summary.value.startswith(
        "This is an efficacy and safety study"
    )
    assert r.eligibility is None and r.arms == () and r.phases == ()


def test_page_with_only_a_title_and_a_summary() -> None:
    text = (
        "Phase III Study of AK112 for NSCLC Patients\n\nNCT ID: NCT06396065\n\nBrief Summary\n\n"
        "A Randomized, Double-blind, Multi-center, Phase III Clinical Study of AK112 or Placebo"
    )
    doc = Document("cut.txt", text, hashlib.sha256(text.encode()).hexdigest(), page.LAYOUT)
    assert page.sniff(text) >= 0.3
    r = page.extract(doc)
    assert r.nct_id and r.nct_id.value == "NCT06396065"
    assert r.title and r.title.value == "Phase III Study of AK112 for NSCLC Patients"
    assert r.brief_summary and r.brief_summary.value.endswith("AK112 or Placebo")


def test_news_item_mentioning_trials_is_not_claimed() -> None:
    path = DOCUMENTS / "sotorasib_approval_news.txt"
    text = path.read_text(encoding="utf-8")
    assert page.sniff(text) < 0.3
    [result] = list(from_bytes(str(path), path.read_bytes()))
    assert isinstance(result, Failure), result


def test_labels_on_their_own_lines_with_colons() -> None:
    _, r = read("harmoni_label_lines.txt")
    assert r.nct_id and r.nct_id.value == "NCT06396065"
    assert r.title and r.title.value == "Phase III Study of AK112 for NSCLC Patients"
    assert values(r.phases) == ["PHASE3"]
    assert r.status and r.status.value == "ACTIVE_NOT_RECRUITING"
    assert design(r) == ["RANDOMIZED", "PARALLEL", "TREATMENT", "QUADRUPLE"]
    assert values(r.conditions) == ["Non-Squamous Non-small Cell Lung Cancer"]  # not the MeSH terms
    assert values(r.keywords) == ["NSCLC", "EGFR Positive", "ivonescimab"]
    # "Intervention type: Drug" comes before each intervention's name
    assert [(i.name.value, i.type) for i in r.interventions] == [
        ("AK112 Injection", "DRUG"), ("Placebo Injection", "DRUG"),
    ]  # fmt: skip
    assert values(r.interventions[0].other_names) == ["Pemetrexed", "Carboplatin"]
    desc = r.interventions[0].description
    assert desc and desc.value.endswith("up to 2 years.") and "\nQ3W, up to 4 cycles" in desc.value
    # arms named only by "Arm group label:" under each intervention
    assert [(a.label.value, a.intervention_names) for a in r.arms] == [
        ("AK112 in combination with Pemetrexed and Carboplatin", ("AK112 Injection",)),
        ("Placebo in combination with Pemetrexed and Carboplatin", ("Placebo Injection",)),
    ]
    assert r.brief_summary and r.brief_summary.value.startswith("A Randomized, Double-blind")


def test_administrative_data_page_with_inline_criteria() -> None:
    _, r = read("harmoni_admin_data.txt")
    assert (
        r.title is None
    )  # "Clinical Trials Logo", "Clinical Trial Details — Status: ..." are chrome
    assert r.nct_id and r.nct_id.value == "NCT06396065"
    assert values(r.org_study_ids) == ["AK112-301 (HARMONi)"]
    assert r.status and r.status.value == "RECRUITING"
    assert values(r.phases) == ["PHASE3"]
    assert r.enrollment and r.enrollment.value == 420
    assert r.start_date and r.start_date.value == "2023-05-04"
    assert r.primary_completion_date and r.primary_completion_date.value == "2025-12-31"
    assert r.completion_date and r.completion_date.value == "2025-12-31"
    assert r.study_type and r.study_type.value == "INTERVENTIONAL"
    assert r.oversight_fda_regulated is False
    assert sponsors(r) == [("Summit Therapeutics", None, None)]
    assert [(p.name.value, p.role) for p in r.contacts] == [("Lori Styles, MD", "CONTACT")]
    e = r.eligibility
    assert (
        e and e.minimum_age and e.minimum_age.value == "18 Years" and e.healthy_volunteers is None
    )
    inclusion, exclusion = criteria(r, "inclusion"), criteria(r, "exclusion")
    assert len(inclusion) == 3 and len(exclusion) == 2
    assert inclusion[2] == "ECOG performance status score of 0 or 1."
    assert exclusion[1] == "Currently enrolled in any other clinical study."
    assert e.text and e.text.value.startswith("Inclusion Criteria: 1. Ability")


def test_ingest_routes_every_page_and_row_to_its_layout() -> None:
    from tests.extractors.test_page import SEEDS

    expected = {"002": "registry-export-row", "rationale304_export.csv": "registry-export-row"}
    for path in [*sorted(SEEDS.glob("*.txt")), *sorted(DOCUMENTS.iterdir())]:
        if path.name.startswith("sotorasib"):
            continue
        [found] = list(from_bytes(str(path), path.read_bytes()))
        assert isinstance(found, Document), found
        want = expected.get(path.name[:3], expected.get(path.name, "registry-page"))
        assert found.layout == want, path.name


def test_outcomes_sites_and_inline_time_frames() -> None:
    text = (
        "# Example\n\n**NCT ID:** NCT00000001\n**Status:** Completed\n\n"
        "## Primary Outcome Measures\n"
        "1. Progression Free Survival (PFS) [ Time Frame: Up to 3 years ]\n"
        "   PFS is the time from randomization until progression or death.\n\n"
        "## Secondary Outcome Measures\n"
        "- Overall Survival (OS) [Time Frame: Up to 5 years]\n"
        "- Objective Response Rate\n  - Time Frame: 18 months\n\n"
        "## Locations\n"
        "- Memorial Sloan Kettering Cancer Center, New York, New York, 10065, United States\n"
        "- Seoul National University Hospital, Seoul, Korea, Republic of\n"
    )
    doc = Document("x.md", text, hashlib.sha256(text.encode()).hexdigest(), page.LAYOUT)
    r = page.extract(doc)
    assert_spans(doc, r)
    assert [
        (o.kind, o.measure.value, o.time_frame.value if o.time_frame else None) for o in r.outcomes
    ] == [
        ("primary", "Progression Free Survival (PFS)", "Up to 3 years"),
        ("secondary", "Overall Survival (OS)", "Up to 5 years"),
        ("secondary", "Objective Response Rate", "18 months"),
    ]
    assert r.outcomes[0].description and r.outcomes[0].description.value.startswith(
        "PFS is the time"
    )
    assert [
        (s.facility.value if s.facility else None, s.city, s.state, s.country) for s in r.sites
    ] == [
        ("Memorial Sloan Kettering Cancer Center", "New York", "New York", "United States"),
        ("Seoul National University Hospital", "Seoul", None, "Korea, Republic of"),
    ]
