"""The page extractor (layout "registry-page") on the four seed pages: exact values and spans."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.extractors import _values, page
from kg.extractors._page_lines import clean, unescape
from kg.extractors._page_values import age, date, enrollment, phases, sex, status, yes_no
from kg.records import Document, Span, Spanned, TrialRecord

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DOCUMENTS = ROOT / "tests" / "documents"
_ENUMS = (
    _values.STATUSES, _values.STUDY_TYPES, _values.ALLOCATIONS, _values.MODELS, _values.PURPOSES,
    _values.MASKINGS, _values.ARM_TYPES, _values.INTERVENTION_TYPES, _values.AGENCY_CLASSES,
)  # fmt: skip


def document(path: Path, layout: str = page.LAYOUT) -> Document:
    """A Document as ingest builds one."""
    text = path.read_text(encoding="utf-8")
    return Document(str(path), text, hashlib.sha256(text.encode()).hexdigest(), layout)


def seed(prefix: str) -> tuple[Document, TrialRecord]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    doc = document(path)
    return doc, page.extract(doc)


def spanned_values(value: object) -> Iterator[Spanned[object]]:
    """Every Spanned inside a record, however deeply nested."""
    if isinstance(value, Spanned):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from spanned_values(getattr(value, item.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from spanned_values(item)


def _forms(text: str) -> set[object]:
    """What a stretch of text may be normalized to."""
    forms: set[object] = {text, clean(text), unescape(text).strip(), status(text), date(text)}
    forms |= {sex(text), yes_no(text), enrollment(text, labelled=True), age(text)}
    forms |= set(phases(text))
    forms |= {_values.to_enum(text, allowed) for allowed in _ENUMS}
    forms |= {_values.to_enum(text.split("(")[0], allowed) for allowed in _ENUMS}
    return forms - {None}


def assert_spans(doc: Document, record: TrialRecord) -> None:
    """Every value's span holds the value as written, or a text that normalizes to it."""
    for item in spanned_values(record):
        span = item.span
        assert span is not None and span.start is not None and span.end is not None, item
        text = doc.text[span.start : span.end]
        value = item.value
        ok = value in _forms(text) or (isinstance(value, str) and value in text)
        assert ok, f"{value!r} not read from {text!r}"


def criteria(record: TrialRecord, kind: str) -> list[str]:
    assert record.eligibility is not None
    found = [c for c in record.eligibility.criteria if c.kind == kind]
    assert [c.ordinal for c in found] == list(range(1, len(found) + 1))
    return [c.text.value for c in found]


def values(items: tuple[Spanned[str], ...]) -> list[str]:
    return [item.value for item in items]


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_seed_is_claimed_and_spans_hold(prefix: str) -> None:
    doc, record = seed(prefix)
    assert page.sniff(doc.text) >= 0.9
    assert_spans(doc, record)


def test_seed_000_inclinicaltrials_page() -> None:
    doc, r = seed("000")
    assert r.nct_id and r.nct_id.value == "NCT06048315"
    assert r.title is None  # "Clinical Trials Logo" is chrome, not a title
    assert values(r.phases) == ["PHASE3"]
    assert r.status and r.status.value == "NOT_YET_RECRUITING"
    assert r.study_type and r.study_type.value == "INTERVENTIONAL"
    assert r.start_date and r.start_date.value == "2023-09"
    assert r.completion_date and r.completion_date.value == "2026-09"
    assert r.enrollment is None
    assert [(s.name.value, s.role, s.agency_class) for s in r.sponsors] == [
        ("Qianfoshan Hospital", None, None)
    ]
    assert [(p.name.value, p.role) for p in r.contacts] == [("Lu DeGan", "CONTACT")]
    assert r.conditions == ()
    related = values(r.related_ncts)
    assert len(related) == 20 and "NCT06048315" not in related
    assert related[0] == "NCT03918538" and related[-1] == "NCT05787522"
    assert r.brief_summary and r.brief_summary.value.startswith(
        "Lung cancer is the second most common"
    )
    assert r.brief_summary.value.endswith("patients with advanced NSCLC.")
    assert r.detailed_description and r.detailed_description.value.endswith(
        "clinical applicability. ;"
    )


def test_seed_001_unlabeled_values() -> None:
    _, r = seed("001")
    assert r.nct_id and r.nct_id.value == "NCT05001971"
    assert r.title and r.title.value.startswith(
        "Anlotinib Plus Penpulimab as Second-line Treatment"
    )
    assert values(r.phases) == ["PHASE2"]
    assert r.status and r.status.value == "COMPLETED"
    assert r.enrollment and r.enrollment.value == 65
    assert r.study_type and r.study_type.value == "INTERVENTIONAL"
    assert r.start_date and r.start_date.value == "2021-01-30"
    assert r.completion_date and r.completion_date.value == "2025-04-15"
    assert r.last_update and r.last_update.value == "2026-01-15"
    design = r.design
    assert [getattr(design, k).value for k in ("allocation", "model", "purpose", "masking")] == [
        "NA", "SINGLE_GROUP", "TREATMENT", "NONE",
    ]  # fmt: skip
    assert values(r.org_study_ids) == ["ALTER-L041"]
    assert r.brief_summary is None  # the section holds only the site's sentence
    assert r.detailed_description and r.detailed_description.value.startswith(
        "Eligible patients will"
    )
    # no condition list: the disease the title names
    assert [(c.value, c.span) for c in r.conditions] == [("Small Cell Lung Cancer", Span(69, 91))]
    assert values(r.related_ncts) == [
        "NCT03735264",
        "NCT04012619",
        "NCT05387109",
        "NCT03781869",
        "NCT03732846",
    ]
    [arm] = r.arms
    assert arm.label.value == "Anlotinib Plus Penpulimab" and arm.type is None
    assert arm.description and arm.description.value.startswith("Anlotinib (10mg qd po d1-14")
    assert arm.intervention_names == ("Anlotinib Plus Penpulimab",)
    [iv] = r.interventions
    assert iv.name.value == "Anlotinib Plus Penpulimab"
    assert iv.description and iv.description.value.startswith("Anlotinib: 10mg orally daily")
    assert iv.arm_labels == ("Anlotinib Plus Penpulimab",)
    assert [(s.name.value, s.role, s.agency_class) for s in r.sponsors] == [
        ("Fuzhou Pulmonary Hospital of Fujian", None, "OTHER"),
        ("Chia Tai Tianqing Pharmaceutical Group Co., Ltd.", None, "INDUSTRY"),
        ("Hunan Cancer Hospital", None, "OTHER"),
    ]
    [pi] = r.investigators
    assert (pi.name.value, pi.role) == ("Nong Yang, PhD", "PRINCIPAL_INVESTIGATOR")
    assert pi.affiliation and pi.affiliation.value == "Hunan Cancer Hospital"
    [site] = r.sites
    assert (site.city, site.state, site.country) == ("Changsha", "Hunan", "China")
    e = r.eligibility
    assert e and e.minimum_age and e.maximum_age and e.sex and e.healthy_volunteers
    assert (e.minimum_age.value, e.maximum_age.value, e.sex.value) == (
        "18 Years",
        "75 Years",
        "ALL",
    )
    assert e.healthy_volunteers.value is False
    inclusion, exclusion = criteria(r, "inclusion"), criteria(r, "exclusion")
    assert len(inclusion) == 6 and len(exclusion) == 24
    assert (
        inclusion[0]
        == "Small cell lung cancer pathologically confirmed, with measurable nidus (RECIST 1.1)"
    )
    assert inclusion[-1].startswith("the woman patients of childbearing age")
    assert exclusion[0].startswith("have used Penpulimab or other anti-PD-1")
    assert exclusion[10].startswith(
        "abnormal coagulation (INR > 1.5 or prothrombin time (PT) > ULN"
    )
    assert exclusion[-1] == (
        "serious diseases that endanger patients' safety or affect patients' completion of research, "
        "according to the researchers' judgment"
    )
    assert e.text and e.text.value.startswith("Inclusion Criteria\n* Small cell lung cancer")


def test_seed_003_labels_on_their_own_lines() -> None:
    _, r = seed("003")
    assert r.nct_id and r.nct_id.value == "NCT07022301"
    assert r.title and r.title.value.startswith(
        "Sintilimab Plus Anlotinib as Second or Further-line"
    )
    assert values(r.phases) == ["PHASE2"]
    assert r.status and r.status.value == "NOT_YET_RECRUITING"
    assert r.enrollment and r.enrollment.value == 25
    assert r.start_date and r.start_date.value == "2025-07-31"
    assert r.completion_date and r.completion_date.value == "2029-05-31"
    assert r.study_type and r.study_type.value == "INTERVENTIONAL"
    assert r.design.allocation and r.design.allocation.value == "NA"
    assert r.design.model and r.design.model.value == "SINGLE_GROUP"
    assert r.design.purpose and r.design.purpose.value == "TREATMENT"
    assert r.design.masking and r.design.masking.value == "NONE"
    assert values(r.org_study_ids) == ["2025-ethics-48"]
    # one condition line as the registry page prints it
    assert values(r.conditions) == [
        "Small Cell Lung Cancer Extensive Stage Resistance to Immunotherapy"
    ]
    assert r.brief_summary and r.brief_summary.value.startswith(
        "The phase II study enrolled ES-SCLC"
    )
    assert r.detailed_description is None
    [arm] = r.arms
    assert (arm.label.value, arm.type) == ("Experimental arm", "EXPERIMENTAL")
    assert arm.intervention_names == ("sintilimab combined with anlotinib",)
    [iv] = r.interventions
    assert (iv.name.value, iv.type) == ("sintilimab combined with anlotinib", "DRUG")
    assert iv.description and iv.description.value.startswith(
        "Patients who met the inclusion criteria"
    )
    assert [(s.name.value, s.role, s.agency_class) for s in r.sponsors] == [
        ("First Affiliated Hospital of Wannan Medical College", "lead", "OTHER")
    ]
    assert r.investigators == ()  # the responsible party is the sponsor
    assert [(p.name.value, p.role) for p in r.contacts] == [("Yiping Zhu", "CONTACT")]
    e = r.eligibility
    assert e and e.minimum_age and e.minimum_age.value == "18 Years" and e.maximum_age is None
    assert (
        e.sex
        and e.sex.value == "ALL"
        and e.healthy_volunteers
        and e.healthy_volunteers.value is False
    )
    inclusion, exclusion = criteria(r, "inclusion"), criteria(r, "exclusion")
    # exclusion items 14-22 are printed before the exclusion heading: they go back to their list
    assert len(inclusion) == 8 and len(exclusion) == 21
    assert inclusion[0] == (
        "At the time of signing the informed consent form, both men and women must be at least 18 years old."
    )
    assert "1. Hemoglobin (HB) ≥ 90 g/L;" in inclusion[5] and "LVEF ≥ 50%" in inclusion[5]
    assert inclusion[-1].startswith("The patient voluntarily joined this clinical study")
    assert exclusion[0].startswith("Imaging shows that the tumor has invaded large blood vessels")
    assert exclusion[11].startswith("For individuals with a tendency towards thrombosis")
    assert exclusion[12].startswith("Within the first 6 months of randomization")
    assert exclusion[-1].startswith(
        "According to the researchers' assessment, there are other factors"
    )


def test_seed_004_arm_with_four_interventions() -> None:
    _, r = seed("004")
    assert r.nct_id and r.nct_id.value == "NCT06931145"
    assert r.title and r.title.value == (
        "Benmelstobart, Anlotinib and Chemotherapy as First-line Treatment for Extensive-stage "
        "Small-cell Lung Cancer"
    )
    assert values(r.phases) == ["PHASE4"]
    assert r.status and r.status.value == "NOT_YET_RECRUITING"
    assert r.enrollment and r.enrollment.value == 50
    assert r.start_date and r.start_date.value == "2025-04-15"
    assert r.completion_date and r.completion_date.value == "2027-12-31"
    assert values(r.org_study_ids) == ["K7820"]
    assert values(r.conditions) == ["Extensive-stage Small Cell Lung Cancer"]
    assert r.design.masking and r.design.masking.value == "NONE"
    [arm] = r.arms
    assert arm.label.value == "Benmelstobart in combination with anlotinib and chemotherapy"
    assert arm.type == "EXPERIMENTAL"
    assert arm.description and arm.description.value.startswith(
        "Patients who met the enrollment criteria"
    )
    names = ("Benmelstobart", "Anlotinib", "Carboplatin or cisplatin", "Etoposide")
    assert arm.intervention_names == names
    assert [(i.name.value, i.type) for i in r.interventions] == [(n, "DRUG") for n in names]
    anlotinib = r.interventions[1]
    assert anlotinib.description and anlotinib.description.value.startswith(
        "Anlotinib hydrochloride capsules"
    )
    assert anlotinib.description.value.endswith("due to drug-related adverse events.")
    assert "adjusted upward to a dose of 12 mg" in anlotinib.description.value
    assert r.interventions[3].description and r.interventions[3].description.value == (
        "Etoposide injection, 100mg/m2 on days 1, 2 and 3, IV."
    )
    assert all(i.arm_labels == (arm.label.value,) for i in r.interventions)
    assert [(s.name.value, s.role, s.agency_class) for s in r.sponsors] == [
        ("Chia Tai Tianqing Pharmaceutical Group Co., Ltd.", "collaborator", "INDUSTRY"),
        ("Peking Union Medical College Hospital", "lead", "OTHER"),
    ]
    assert [(p.name.value, p.role) for p in r.investigators] == [
        ("Wang mengzhao", "PRINCIPAL_INVESTIGATOR")
    ]
    assert [(p.name.value, p.role) for p in r.contacts] == [("Minjiang Chen", "CONTACT")]
    [site] = r.sites
    assert site.facility and site.facility.value == "Peking Union Medical College Hospital"
    assert (site.city, site.state, site.country) == ("Beijing", "Beijing Municipality", "China")
    e = r.eligibility
    assert e and e.minimum_age and e.maximum_age
    assert (e.minimum_age.value, e.maximum_age.value) == ("18 Years", "75 Years")
    inclusion, exclusion = criteria(r, "inclusion"), criteria(r, "exclusion")
    assert len(inclusion) == 7 and len(exclusion) == 10
    assert (
        inclusion[0]
        == "Patients with pathologically confirmed extensive stage small cell lung cancer (VALG stage)."
    )
    assert inclusion[5].startswith("Adequate hematology and organ function")
    assert (
        "e) Cardiac Function: i. Left Ventricular Ejection Fraction (LVEF) ≥ 50%." in inclusion[5]
    )
    assert inclusion[-1] == (
        "Subjects voluntarily enrolled in this study and signed an informed consent form, complied well "
        "and cooperated with the follow-up."
    )
    assert exclusion[0].startswith("Patients with symptomatic brain metastases.")
    assert exclusion[-1].startswith("Increased risk associated with participation in the study")


def test_sniff_refuses_json_and_plain_prose() -> None:
    assert page.sniff('{"protocolSection": {}}') == 0.0
    assert page.sniff("<clinical_study></clinical_study>") == 0.0
    assert page.sniff("The weather was fine. We walked to the river and back.") < 0.3


def test_text_without_trial_fields_is_an_extraction_error() -> None:
    text = "A short note.\nIt talks about lunch and the weather, nothing else.\n"
    doc = Document("note.txt", text, hashlib.sha256(text.encode()).hexdigest(), page.LAYOUT)
    with pytest.raises(page.ExtractionError, match="no trial fields"):
        page.extract(doc)
