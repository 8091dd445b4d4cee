"""The classic API extractor on real records, and its agreement with the legacy XML of a study."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kg.extractors import ctgov_classic, ctgov_v2, ctgov_xml
from kg.ingest.reader import canonical_json
from kg.records import Document, ExtractionError, Span, Spanned, TrialRecord

SHARED = Path(__file__).resolve().parents[3] / "shared" / "ctgov"
CLASSIC = SHARED / "classic"
FILES = sorted(CLASSIC.glob("*.json")) if CLASSIC.is_dir() else []
needs_samples = pytest.mark.skipif(not FILES, reason=f"sample records not found in {CLASSIC}")
STUDY = "/FullStudiesResponse/FullStudies/0/Study"


def _doc(text: str, name: str = "study.json") -> Document:
    """A Document as ingest builds one (the whole response as canonical JSON)."""
    return Document(name, text, hashlib.sha256(text.encode()).hexdigest(), ctgov_classic.LAYOUT)


def _value(nct: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((CLASSIC / f"{nct}.json").read_text(encoding="utf-8"))
    return loaded


def _record(nct: str) -> TrialRecord:
    return ctgov_classic.extract(_doc(canonical_json(_value(nct)), nct))


@needs_samples
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_sample_extracts_and_is_claimed_only_by_classic(path: Path) -> None:
    doc = _doc(canonical_json(json.loads(path.read_text(encoding="utf-8"))), str(path))
    assert ctgov_classic.sniff(doc.text) == 0.95
    assert ctgov_v2.sniff(doc.text) == 0.0
    assert ctgov_xml.sniff(doc.text) == 0.0
    record = ctgov_classic.extract(doc)
    assert record.nct_id == Spanned(
        path.stem, Span(path=f"{STUDY}/ProtocolSection/IdentificationModule/NCTId")
    )


@needs_samples
def test_ingest_detects_classic_layout() -> None:
    from kg.ingest.reader import from_bytes

    path = CLASSIC / "NCT04780763.json"
    (doc,) = list(from_bytes(str(path), path.read_bytes()))
    assert isinstance(doc, Document)
    assert doc.layout == "ctgov-classic"


@needs_samples
def test_nct00023673_protocol() -> None:
    r = _record("NCT00023673")
    assert [p.value for p in r.phases] == ["PHASE1", "PHASE2"]
    assert r.phases[1].span == Span(path=f"{STUDY}/ProtocolSection/DesignModule/PhaseList/Phase/1")
    assert r.status is not None and r.status.value == "COMPLETED"
    assert r.start_date is not None and r.start_date.value == "2001-07"  # month precision
    assert r.completion_date is not None and r.completion_date.value == "2013-11"
    assert r.last_update is not None and r.last_update.value == "2017-12-22"
    assert r.enrollment is not None and (r.enrollment.value, r.enrollment_type) == (63, "ACTUAL")
    assert [(s.name.value, s.role, s.agency_class) for s in r.sponsors] == [
        ("Radiation Therapy Oncology Group", "lead", "NETWORK"),
        ("National Cancer Institute (NCI)", "collaborator", "NIH"),
    ]
    d = r.design
    assert [x.value for x in (d.allocation, d.model, d.purpose, d.masking) if x] == [
        "NON_RANDOMIZED",
        "SINGLE_GROUP",
        "TREATMENT",
        "NONE",
    ]
    assert [s.value for s in r.secondary_ids] == ["CDR0000068850", "NCI-2012-02401"]
    assert [a.label.value for a in r.arms] == [
        "Phase I: 75.25 Gy/36 fx + chemotherapy",
        "Phase I: 74 Gy/37 fx + chemotherapy",
        "Phase I: 70 Gy/35 fx + chemotherapy",
        "Phase II: 74 Gy/37 fx + chemotherapy",
    ]
    assert {a.intervention_names for a in r.arms} == {
        ("carboplatin", "paclitaxel", "three-dimensional conformal radiation therapy")
    }
    assert (r.interventions[0].name.value, r.interventions[0].type) == ("carboplatin", "DRUG")
    assert [(m.mesh_id, m.term, m.kind) for m in r.mesh_terms if not m.ancestor] == [
        ("D008175", "Lung Neoplasms", "condition"),
        ("D002289", "Carcinoma, Non-Small-Cell Lung", "condition"),
        ("D017239", "Paclitaxel", "intervention"),
        ("D016190", "Carboplatin", "intervention"),
    ]
    assert [(ref.pmid, ref.type) for ref in r.references] == [
        ("20368547", "RESULT"),
        ("20457350", "RESULT"),
        (None, "RESULT"),
    ]
    assert [(p.name.value, p.role) for p in r.investigators] == [
        ("Jeffrey Bradley, MD", "STUDY_CHAIR")
    ]


@needs_samples
def test_nct00023673_eligibility_without_headings() -> None:
    e = _record("NCT00023673").eligibility
    assert e is not None
    # no Inclusion/Exclusion headings: every requirement line is an inclusion item and
    # sub-headings such as "DISEASE CHARACTERISTICS:" or "Age:" are dropped
    assert {c.kind for c in e.criteria} == {"inclusion"}
    assert len(e.criteria) == 36
    assert e.criteria[0].text.value == (
        "Histologically or cytologically confirmed unresectable stage IIIB non-small cell lung "
        "cancer"
    )
    assert e.criteria[-1].text.value == "No prior complete tumor resection"
    assert e.healthy_volunteers is not None and e.healthy_volunteers.value is False
    assert e.minimum_age is None


@needs_samples
def test_nct00023673_results() -> None:
    r = _record("NCT00023673")
    assert [(o.kind, len(o.groups)) for o in r.result_outcomes] == [
        ("PRIMARY", 2),
        ("PRIMARY", 1),
        ("SECONDARY", 1),
        ("SECONDARY", 2),
        ("SECONDARY", 2),
        ("SECONDARY", 1),
    ]
    survival = r.result_outcomes[1]
    assert survival.title == "Percentage of Patients Who Survive at Least 12 Months"
    assert (survival.param_type, survival.dispersion) == ("NUMBER", "CONFIDENCE_95")
    assert [(m.group_id, m.value, m.lower, m.upper) for m in survival.measurements] == [
        ("OG000", "75.5", "61.5", "85.0")
    ]
    assert len(r.adverse_events) == 328
    first = r.adverse_events[0]
    assert (first.term, first.serious, first.group_id, first.affected, first.at_risk) == (
        "Hemoglobin decreased",
        True,
        "EG000",
        2,
        8,
    )
    assert first.organ_system == "Blood and lymphatic system disorders"


@needs_samples
def test_nct04780763_not_yet_recruiting() -> None:
    r = _record("NCT04780763")
    assert r.status is not None and r.status.value == "NOT_YET_RECRUITING"
    assert r.enrollment is not None and (r.enrollment.value, r.enrollment_type) == (
        168,
        "ESTIMATED",
    )
    assert r.start_date is not None and r.start_date.value == "2021-03-04"
    assert [p.value for p in r.phases] == ["NA"]
    assert r.acronym is not None and r.acronym.value == "Tara"
    assert r.oversight_fda_regulated is False
    assert r.design.masking is not None and r.design.masking.value == "QUADRUPLE"
    assert r.design.purpose is not None and r.design.purpose.value == "SUPPORTIVE_CARE"
    assert [(a.type, a.intervention_names) for a in r.arms] == [
        ("ACTIVE_COMPARATOR", ("Milk product fermented by lactic bacteria or not fermented",)),
        ("PLACEBO_COMPARATOR", ("Milk product fermented by lactic bacteria or not fermented",)),
    ]
    assert [(p.name.value, p.role) for p in r.contacts] == [
        ("Silvia MIRET-CATALAN", "CONTACT"),
        ("Jennifer LOURENCO", "CONTACT"),
    ]
    e = r.eligibility
    assert e is not None and e.sex is not None and e.sex.value == "FEMALE"
    assert e.healthy_volunteers is not None and e.healthy_volunteers.value is True
    assert e.healthy_volunteers.span == Span(
        path=f"{STUDY}/ProtocolSection/EligibilityModule/HealthyVolunteers"
    )
    kinds = [c.kind for c in e.criteria]
    assert (kinds.count("inclusion"), kinds.count("exclusion")) == (8, 8)
    assert e.criteria[1].text.value == "SI02: Women of 20 to 30 years of age inclusive"
    assert e.criteria[8].text.value.startswith("SE01: subject with chronic gastrointestinal")


@needs_samples
def test_nct02028676_other_names_and_padded_supplementary_ids() -> None:
    r = _record("NCT02028676")
    assert r.acronym is not None and r.acronym.value == "ARROW"
    arm_a = next(i for i in r.interventions if i.name.value == "Arm A: ABC+3TC+NNRTI")
    assert [o.value for o in arm_a.other_names][:2] == [
        "ABC: abacavir: Ziagen",
        "3TC: lamivudine: Epivir",
    ]
    drugs = {m.term: m.mesh_id for m in r.mesh_terms if m.kind == "intervention"}
    assert (drugs["Efavirenz"], drugs["Abacavir"], drugs["Lamivudine"]) == (
        "C098320",
        "C106538",
        "D019259",
    )


@needs_samples
def test_same_trial_in_classic_and_xml_agrees() -> None:
    xml_path = SHARED / "xml" / "NCT00023673.xml"
    text = xml_path.read_text(encoding="utf-8")
    x = ctgov_xml.extract(Document(str(xml_path), text, "", ctgov_xml.LAYOUT))
    c = _record("NCT00023673")
    for name in ("nct_id", "status", "enrollment", "start_date", "completion_date", "last_update"):
        assert getattr(x, name).value == getattr(c, name).value, name
    assert [p.value for p in x.phases] == [p.value for p in c.phases]
    assert [a.label.value for a in x.arms] == [a.label.value for a in c.arms]
    assert [a.intervention_names for a in x.arms] == [a.intervention_names for a in c.arms]
    assert [(s.name.value, s.role) for s in x.sponsors] == [
        (s.name.value, s.role) for s in c.sponsors
    ]
    # the two exports really disagree on the lead sponsor's class (XML "Other", classic NETWORK)
    assert [s.agency_class for s in x.sponsors] == ["OTHER", "NIH"]

    def events(r: TrialRecord) -> list[tuple[object, ...]]:
        return [
            (a.term, a.serious, a.affected, a.at_risk, a.organ_system) for a in r.adverse_events
        ]

    assert events(x) == events(c)
    assert [o.title for o in x.result_outcomes] == [o.title for o in c.result_outcomes]


@needs_samples
def test_bare_study_and_bare_protocol_section() -> None:
    study = _value("NCT04780763")["FullStudiesResponse"]["FullStudies"][0]["Study"]  # type: ignore[index]
    bare = ctgov_classic.extract(_doc(canonical_json({"Study": study})))
    assert bare.nct_id == Spanned(
        "NCT04780763", Span(path="/Study/ProtocolSection/IdentificationModule/NCTId")
    )
    protocol_only = canonical_json(study)
    assert ctgov_classic.sniff(protocol_only) == 0.95
    assert ctgov_classic.extract(_doc(protocol_only)).nct_id == Spanned(
        "NCT04780763", Span(path="/ProtocolSection/IdentificationModule/NCTId")
    )


@needs_samples
def test_several_full_studies_yield_the_first() -> None:
    first = _value("NCT04780763")
    second = _value("NCT00023673")
    response = first["FullStudiesResponse"]
    response["FullStudies"].append(second["FullStudiesResponse"]["FullStudies"][0])  # type: ignore[index]
    record = ctgov_classic.extract(_doc(canonical_json(first)))
    assert record.nct_id is not None and record.nct_id.value == "NCT04780763"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"FullStudiesResponse": {"FullStudies": []}}',
            "classic API FullStudiesResponse without any FullStudies",
        ),
        (
            '{"Study": {"ProtocolSection": {"IdentificationModule": {}}}}',
            "classic API study without ProtocolSection.IdentificationModule.NCTId",
        ),
        ('{"FullStudiesResponse": {"FullStudies": [{"Rank', "malformed JSON at line 1"),
        (
            '{"Study": {"ProtocolSection": {"IdentificationModule": {"NCTId": "NCT1"},'
            ' "DesignModule": {"PhaseList": {"Phase": "Phase 2"}}}}}',
            "expected a list at /Study/ProtocolSection/DesignModule/PhaseList/Phase",
        ),
        ('{"foo": 1}', "classic API document without FullStudiesResponse"),
    ],
)
def test_malformed_input_raises_one_line_extraction_error(text: str, message: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        ctgov_classic.extract(_doc(text))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_sniffer_ignores_other_json_and_text() -> None:
    for text in ('{"foo": 1}', '{"protocolSection": {"identificationModule": {}}}', "Phase 2"):
        assert ctgov_classic.sniff(text) == 0.0
    assert ctgov_classic.sniff('{"FullStudiesResponse": {"FullStudies": []}}') == 0.6
