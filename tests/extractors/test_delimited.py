"""The export-row extractor (layout "registry-export-row"): seed 002 and a real CSV export."""

from __future__ import annotations

import hashlib

import pytest

from kg.extractors import delimited, page
from kg.records import Document, ExtractionError
from tests.extractors.test_page import DOCUMENTS, SEEDS, assert_spans, document, values


def test_seed_002_lines_of_an_export_row() -> None:
    doc = document(next(SEEDS.glob("002_*.txt")), delimited.LAYOUT)
    assert delimited.sniff(doc.text) >= 0.5 > page.sniff(doc.text)
    r = delimited.extract(doc)
    assert_spans(doc, r)
    assert r.nct_id is None
    assert r.title and r.title.value == (
        "The Combination of Anlotinib and Immune Checkpoint Inhibitors for Advanced NSCLC Patients "
        "With Muti-line Therapy"
    )
    assert values(r.conditions) == ["NSCLC", "Angiogenesis", "Immunotherapy"]
    [iv] = r.interventions
    assert (iv.name.value, iv.type) == (
        "Anlotinib in combination with Immune checkpoint inhibitors",
        "DRUG",
    )
    assert [(o.kind, o.measure.value) for o in r.outcomes] == [
        ("primary", "PFS"), ("primary", "OS"), ("primary", "AE"),
    ]  # fmt: skip
    pfs, os_, ae = r.outcomes
    assert pfs.description and pfs.description.value == "the progression-free survival"
    assert pfs.time_frame and pfs.time_frame.value == (
        "From date of randomization until the date of first documented progression or date of death "
        "from any cause, whichever came first, assessed up to 100 months"
    )
    assert os_.time_frame and os_.time_frame.value.endswith("assessed up to 100 months")
    assert ae.description and ae.description.value == "adverse event caused by the combination"
    assert ae.time_frame and ae.time_frame.value == "through study completion, an average of 1 year"
    assert r.brief_summary and r.brief_summary.value.startswith(
        "Immunotherapy has made a major progress"
    )
    assert r.detailed_description and r.detailed_description.value.endswith(
        "anti-angiogenic agents and immunotherapy."
    )


def test_csv_export_with_header() -> None:
    doc = document(DOCUMENTS / "rationale304_export.csv", delimited.LAYOUT)
    assert delimited.sniff(doc.text) >= 0.9 and page.sniff(doc.text) < 0.3
    r = delimited.extract(doc)
    assert_spans(doc, r)
    assert r.nct_id and r.nct_id.value == "NCT03663205"
    assert r.title and r.title.value.startswith(
        "A Study Evaluating the Efficacy and Safety of Tislelizumab"
    )
    assert r.status and r.status.value == "COMPLETED"
    assert values(r.phases) == ["PHASE3"]
    assert r.enrollment and r.enrollment.value == 334
    assert r.study_type and r.study_type.value == "INTERVENTIONAL"
    assert r.start_date and r.start_date.value == "2018-07-23"
    assert r.primary_completion_date and r.primary_completion_date.value == "2020-10-26"
    assert r.completion_date and r.completion_date.value == "2023-04-26"
    d = r.design
    assert [v.value if v else None for v in (d.allocation, d.model, d.purpose, d.masking)] == [
        "RANDOMIZED", "PARALLEL", "TREATMENT", "NONE",
    ]  # fmt: skip
    assert values(r.conditions) == ["Non-Small Cell Lung Cancer"]
    assert [(i.name.value, i.type) for i in r.interventions] == [
        ("Tislelizumab,Cisplatin or Carboplatin ,Pemetrexed", "DRUG"),
        ("Cisplatin or Carboplatin,Pemetrexed", "DRUG"),
    ]
    assert [(s.name.value, s.role, s.agency_class) for s in r.sponsors] == [
        ("BeiGene", "lead", "INDUSTRY")
    ]
    assert values(r.org_study_ids) == ["BGB-A317-304"]
    assert r.eligibility and r.eligibility.sex and r.eligibility.sex.value == "ALL"


def test_tsv_export_first_row_of_several() -> None:
    text = (
        "NCT Number\tStudy Title\tStudy Status\tConditions\tInterventions\tPhases\tEnrollment\n"
        "NCT03594747\tA Study of Tislelizumab\tCOMPLETED\tNon-Small Cell Lung Cancer\tDRUG: Tislelizumab\tPHASE3\t360\n"
        "NCT03663205\tAnother trial\tCOMPLETED\tNSCLC\tDRUG: X\tPHASE3\t334\n"
    )
    doc = Document("export.tsv", text, hashlib.sha256(text.encode()).hexdigest(), delimited.LAYOUT)
    assert delimited.sniff(text) >= 0.9
    r = delimited.extract(doc)
    assert_spans(doc, r)
    assert r.nct_id and r.nct_id.value == "NCT03594747"
    assert r.enrollment and r.enrollment.value == 360
    assert [i.name.value for i in r.interventions] == ["Tislelizumab"]


def test_header_without_row_is_an_error() -> None:
    text = "NCT Number,Study Title,Study Status,Conditions\n"
    doc = Document("empty.csv", text, hashlib.sha256(text.encode()).hexdigest(), delimited.LAYOUT)
    with pytest.raises(ExtractionError):
        delimited.extract(doc)


def test_pages_are_not_export_rows() -> None:
    for path in sorted(SEEDS.glob("00[0134]_*.txt")):
        assert delimited.sniff(path.read_text(encoding="utf-8")) < 0.3
    assert delimited.sniff('{"studies": []}') == 0.0
