"""The API v2 extractor on real ClinicalTrials.gov records (and the shared criteria splitter)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kg.extractors import ctgov_classic, ctgov_v2, ctgov_xml
from kg.extractors._ctgov_common import mesh_id, split_criteria
from kg.ingest.reader import canonical_json
from kg.records import Document, ExtractionError, Span, Spanned, TrialRecord

SHARED = Path(__file__).resolve().parents[3] / "shared" / "ctgov"
V2 = SHARED / "v2"
FILES = sorted(V2.glob("*.json")) if V2.is_dir() else []
needs_samples = pytest.mark.skipif(not FILES, reason=f"sample records not found in {V2}")


def _doc(text: str, name: str = "study.json") -> Document:
    """A Document as ingest builds one (canonical JSON of one study)."""
    return Document(name, text, hashlib.sha256(text.encode()).hexdigest(), ctgov_v2.LAYOUT)


def _load(nct: str) -> Document:
    path = V2 / f"{nct}.json"
    return _doc(canonical_json(json.loads(path.read_text(encoding="utf-8"))), str(path))


def _record(nct: str) -> TrialRecord:
    return ctgov_v2.extract(_load(nct))


def _criteria(record: TrialRecord, kind: str) -> list[str]:
    assert record.eligibility is not None
    return [c.text.value for c in record.eligibility.criteria if c.kind == kind]


@needs_samples
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_sample_extracts_and_is_claimed_only_by_v2(path: Path) -> None:
    doc = _doc(canonical_json(json.loads(path.read_text(encoding="utf-8"))), str(path))
    assert ctgov_v2.sniff(doc.text) == 0.95
    assert ctgov_classic.sniff(doc.text) == 0.0
    assert ctgov_xml.sniff(doc.text) == 0.0
    record = ctgov_v2.extract(doc)
    assert record.nct_id == Spanned(
        path.stem, Span(path="/protocolSection/identificationModule/nctId")
    )


@needs_samples
def test_ingest_detects_v2_layout() -> None:
    from kg.ingest.reader import from_bytes

    path = V2 / "NCT02210780.json"
    (doc,) = list(from_bytes(str(path), path.read_bytes()))
    assert isinstance(doc, Document)
    assert doc.layout == "ctgov-v2"
    assert ctgov_v2.extract(doc).nct_id.value == "NCT02210780"  # type: ignore[union-attr]


@needs_samples
def test_nct02210780_identification_status_design() -> None:
    r = _record("NCT02210780")
    assert r.title is not None
    assert r.title.value == (
        "Study of Dupilumab and Immune Responses in Adults With Atopic Dermatitis (AD)"
    )
    assert [s.value for s in r.org_study_ids] == ["R668-AD-1314"]
    assert r.phases == (Spanned("PHASE2", Span(path="/protocolSection/designModule/phases/0")),)
    assert r.status is not None and r.status.value == "COMPLETED"
    assert r.enrollment == Spanned(
        194, Span(path="/protocolSection/designModule/enrollmentInfo/count")
    )
    assert r.enrollment_type == "ACTUAL"
    assert r.start_date is not None and r.start_date.value == "2014-08-05"
    assert r.start_date.span == Span(path="/protocolSection/statusModule/startDateStruct/date")
    assert r.primary_completion_date is not None
    assert r.primary_completion_date.value == "2015-09-15"
    assert r.last_update is not None and r.last_update.value == "2020-05-07"
    assert r.study_type is not None and r.study_type.value == "INTERVENTIONAL"
    d = r.design
    assert (d.allocation and d.allocation.value, d.model and d.model.value) == (
        "RANDOMIZED",
        "PARALLEL",
    )
    assert (d.purpose and d.purpose.value, d.masking and d.masking.value) == ("TREATMENT", "TRIPLE")
    assert [(s.name.value, s.role, s.agency_class) for s in r.sponsors] == [
        ("Regeneron Pharmaceuticals", "lead", "INDUSTRY"),
        ("Sanofi", "collaborator", "INDUSTRY"),
    ]
    assert [c.value for c in r.conditions] == ["Atopic Dermatitis"]
    assert [(p.name.value, p.role) for p in r.investigators] == [
        ("Clinical Trial Management", "STUDY_DIRECTOR")
    ]
    assert len(r.sites) == 42
    assert (r.sites[0].city, r.sites[0].state, r.sites[0].country) == (
        "Birmingham",
        "Alabama",
        "United States",
    )
    assert len(r.outcomes) == 11
    assert [o.kind for o in r.outcomes].count("primary") == 1
    assert r.outcomes[0].time_frame is not None and r.outcomes[0].time_frame.value == "Week 16"


@needs_samples
def test_nct02210780_arms_and_interventions() -> None:
    r = _record("NCT02210780")
    # the placebo arm is typed EXPERIMENTAL by the registry; "Drug: " prefixes are gone
    assert [(a.label.value, a.type, a.intervention_names) for a in r.arms] == [
        ("Placebo qw", "EXPERIMENTAL", ("Placebo",)),
        ("Dupilumab 300 mg qw", "EXPERIMENTAL", ("Dupilumab",)),
    ]
    dupilumab, placebo = r.interventions
    assert (dupilumab.name.value, dupilumab.type) == ("Dupilumab", "DRUG")
    assert [o.value for o in dupilumab.other_names] == ["REGN668", "SAR231893", "Dupixent"]
    assert dupilumab.other_names[2].span == Span(
        path="/protocolSection/armsInterventionsModule/interventions/0/otherNames/2"
    )
    assert dupilumab.arm_labels == ("Dupilumab 300 mg qw",)
    assert dupilumab.description is not None
    assert dupilumab.description.value == "Administered via subcutaneous injection."
    assert (placebo.name.value, placebo.arm_labels, placebo.other_names) == (
        "Placebo",
        ("Placebo qw",),
        (),
    )


@needs_samples
def test_nct02210780_mesh_terms_drop_zero_padding() -> None:
    r = _record("NCT02210780")
    meshes = [(m.mesh_id, m.term) for m in r.mesh_terms if m.kind == "condition" and not m.ancestor]
    assert meshes == [
        ("D003876", "Dermatitis, Atopic"),
        ("D003872", "Dermatitis"),
        ("D004485", "Eczema"),
    ]
    ancestors = [m.mesh_id for m in r.mesh_terms if m.ancestor]
    assert ancestors[:3] == ["D012871", "D012873", "D030342"]
    assert len(ancestors) == 7
    assert not [m for m in r.mesh_terms if m.kind == "intervention"]


@needs_samples
def test_nct02210780_eligibility() -> None:
    r = _record("NCT02210780")
    e = r.eligibility
    assert e is not None
    assert (e.minimum_age and e.minimum_age.value, e.maximum_age and e.maximum_age.value) == (
        "18 Years",
        "64 Years",
    )
    assert e.sex is not None and e.sex.value == "ALL"
    assert e.healthy_volunteers is not None and e.healthy_volunteers.value is False
    inclusion, exclusion = _criteria(r, "inclusion"), _criteria(r, "exclusion")
    assert len(inclusion) == 5
    assert len(exclusion) == 7  # the closing disclaimer paragraph is not a criterion
    # "Key Inclusion Criteria:" heading; "\[Eichenfeld 2004\]" unescaped
    assert inclusion[0] == (
        "Male or female adults ages 18 to 64 years with Chronic AD (according to the American "
        "Academy of Dermatology Consensus Criteria, [Eichenfeld 2004])that has been present for "
        "at least 3 years before the screening visit"
    )
    assert exclusion[0] == "Prior treatment with dupilumab (REGN668/ SAR231893)"
    assert exclusion[1].startswith("Patients needing >10 mg of daily prednisone")
    first = e.criteria[0]
    assert (first.kind, first.ordinal) == ("inclusion", 1)
    assert e.text is not None
    assert first.text.span == Span(
        28, 245, "/protocolSection/eligibilityModule/eligibilityCriteria"
    )
    assert e.text.value[28:40] == "Male or fema"
    assert [c.ordinal for c in e.criteria if c.kind == "exclusion"] == [1, 2, 3, 4, 5, 6, 7]


@needs_samples
def test_nct02210780_results() -> None:
    r = _record("NCT02210780")
    assert len(r.result_outcomes) == 11
    primary = r.result_outcomes[0]
    assert primary.kind == "PRIMARY"
    assert primary.title == (
        "Percentage of Participants With a Positive Response (≥4-Fold Increase) to Tetanus "
        "Toxoid (the Adacel [Tdap] Vaccine) at Week 16"
    )
    assert (primary.param_type, primary.unit, primary.time_frame) == (
        "NUMBER",
        "Percentage of participants",
        "Week 16",
    )
    assert [(g.group_id, g.title) for g in primary.groups] == [
        ("OG000", "Placebo qw"),
        ("OG001", "Dupilumab 300 mg qw"),
    ]
    assert [(m.group_id, m.value) for m in primary.measurements] == [
        ("OG000", "83.7"),
        ("OG001", "83.3"),
    ]
    pruritus = r.result_outcomes[6]
    assert (pruritus.param_type, pruritus.dispersion) == ("LEAST_SQUARES_MEAN", "STANDARD_ERROR")
    assert [m.value for m in pruritus.measurements] == ["-2.11", "-4.24"]
    giss = r.result_outcomes[8]
    assert (giss.measurements[0].category, giss.measurements[0].value) == ("Erythema", "-0.4")
    assert len(r.adverse_events) == 18
    assert sum(a.serious for a in r.adverse_events) == 6
    first = r.adverse_events[0]
    assert (first.term, first.serious, first.group_id, first.affected, first.at_risk) == (
        "Serum sickness-like reaction",
        True,
        "EG000",
        0,
        97,
    )
    assert first.organ_system == "Immune system disorders"


@needs_samples
def test_sub_bullets_stay_inside_their_item() -> None:
    inclusion = _criteria(_record("NCT02552212"), "inclusion")
    assert len(inclusion) == 6
    assert inclusion[4] == (
        "Active disease at Screening as defined by\n"
        "* Bath Ankylosing Spondylitis Disease Activity Index (BASDAI) score >= 4\n"
        "* Spinal pain >= 4 on a 0 to 10 Numerical Rating Scale (NRS)"
    )


@needs_samples
def test_numbered_sub_items_and_empty_bullets() -> None:
    r = _record("NCT04207047")
    inclusion, exclusion = _criteria(r, "inclusion"), _criteria(r, "exclusion")
    assert (len(inclusion), len(exclusion)) == (9, 19)
    assert inclusion[6].endswith(
        "on the medical history:\n1. Postmenopausal for at least 12 months prior to study;\n"
        "2. Without a uterus and/or both ovaries; or\n"
        "3. Bilateral tubal ligation at least six months prior to study enrollment."
    )
    assert exclusion[18].count("\n") == 3  # three sub-items, the stray "-" bullet dropped


@needs_samples
def test_group_labels_are_not_criteria() -> None:
    r = _record("NCT03630471")  # "Eligibility criteria:" / "For adolescent participants:" ...
    inclusion, exclusion = _criteria(r, "inclusion"), _criteria(r, "exclusion")
    assert (len(inclusion), len(exclusion)) == (9, 8)
    assert inclusion[6] == "A primary parental caregiver or guardian for the index adolescent"
    assert exclusion[-1] == "Intoxicated at the point of consent or assessment"


@needs_samples
def test_markdown_escapes_undone() -> None:
    inclusion = _criteria(_record("NCT00763412"), "inclusion")
    assert inclusion[2] == (
        "Must have a glucose pattern by Oral Glucose Tolerance Test with fasting blood glucose "
        "<126 mg/dl and 2 hour: 140 - 199 mg/dl or >200 mg/dl."
    )


@needs_samples
def test_sparse_records() -> None:
    r = _record("NCT03453554")  # identification module only
    assert r.title is not None and r.title.value == "Evaluating a Digital..."
    assert r.eligibility is None and r.arms == () and r.phases == () and r.status is None
    refs = _record("NCT00465816").references
    assert refs and all(ref.citation.value for ref in refs)


@needs_samples
def test_ten_character_mesh_ids_are_kept() -> None:
    r = _record("NCT02552212")
    ids = {m.mesh_id: m.term for m in r.mesh_terms}
    assert ids["D000068582"] == "Certolizumab Pegol"  # a 10-character MeSH UI (since 2014)
    assert ids["D000089183"] == "Axial Spondyloarthritis"


def test_mesh_id_normalization() -> None:
    assert mesh_id("D000003876") == "D003876"
    assert mesh_id("D000002289") == "D002289"
    assert mesh_id("D055752") == "D055752"
    assert mesh_id("D000055752") == "D055752"
    assert mesh_id("C000098320") == "C098320"
    assert mesh_id("D000068582") == "D000068582"
    assert mesh_id("M6761") is None and mesh_id("") is None


def test_not_a_study_is_not_claimed() -> None:
    for text in ('{"foo": 1}', "[1, 2]", "Inclusion Criteria: adults", '{"studies": []}'):
        assert ctgov_v2.sniff(text) == 0.0
        assert ctgov_classic.sniff(text) == 0.0
        assert ctgov_xml.sniff(text) == 0.0
    with pytest.raises(ExtractionError, match="without protocolSection"):
        ctgov_v2.extract(_doc('{"foo":1}'))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"protocolSection": {}}',
            "API v2 study without protocolSection.identificationModule.nctId",
        ),
        ('{"protocolSection": {"identificationModule": {"nctId', "malformed JSON at line 1"),
        ('{"protocolSection": "x"}', "expected an object at /protocolSection, found text"),
        (
            '{"protocolSection": {"identificationModule": {"nctId": {"a": 1}}}}',
            "expected text at /protocolSection/identificationModule/nctId, found an object",
        ),
        (
            '{"protocolSection": {"identificationModule": {"nctId": "NCT1"},'
            ' "armsInterventionsModule": {"armGroups": {"label": "A"}}}}',
            "expected a list at /protocolSection/armsInterventionsModule/armGroups",
        ),
        (
            '{"protocolSection": {"identificationModule": {"nctId": "NCT1"},'
            ' "designModule": {"enrollmentInfo": {"count": "many"}}}}',
            "expected a whole number at /protocolSection/designModule/enrollmentInfo/count",
        ),
    ],
)
def test_malformed_input_raises_one_line_extraction_error(text: str, message: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        ctgov_v2.extract(_doc(text))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_study_without_identification_module_is_still_claimed_to_explain_itself() -> None:
    assert ctgov_v2.sniff('{"protocolSection": {}}') == 0.6


def test_splitter_headings_in_any_dress() -> None:
    text = (
        "**Inclusion Criteria:**\n\n* adults\n* ECOG 0\\-1\n\n"
        "NON-INCLUSION CRITERIA\n\n- pregnancy\n  - or breastfeeding\n- HIV"
    )
    got = [(c.kind, c.ordinal, c.text.value) for c in split_criteria(text, "/x")]
    assert got == [
        ("inclusion", 1, "adults"),
        ("inclusion", 2, "ECOG 0-1"),
        ("exclusion", 1, "pregnancy\n- or breastfeeding"),
        ("exclusion", 2, "HIV"),
    ]
    spans = [c.text.span for c in split_criteria(text, "/x")]
    assert spans[0] == Span(27, 33, "/x") and text[27:33] == "adults"


def test_splitter_paragraphs_and_inline_heading() -> None:
    text = (
        "Inclusion criteria: Age 18 or older\n\nDISEASE CHARACTERISTICS:\n\nStage IV\n"
        "Measurable disease\n\nExclusion Criteria: 1. Age under 40"
    )
    got = [(c.kind, c.ordinal, c.text.value) for c in split_criteria(text, "/x")]
    assert got == [
        ("inclusion", 1, "Age 18 or older"),
        ("inclusion", 2, "Stage IV"),
        ("inclusion", 3, "Measurable disease"),
        ("exclusion", 1, "1. Age under 40"),
    ]


def test_splitter_without_headings_counts_everything_as_inclusion() -> None:
    got = split_criteria("1. adults\n2. no prior therapy", "/x")
    assert [(c.kind, c.ordinal) for c in got] == [("inclusion", 1), ("inclusion", 2)]
    assert split_criteria("", "/x") == ()


def _paths(value: object, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@needs_samples
def test_wrong_types_anywhere_give_extraction_errors_only() -> None:
    """Seeded mutations of a real study: a field of the wrong type never escapes as a crash."""
    import copy
    import random

    base = json.loads((V2 / "NCT02210780.json").read_text(encoding="utf-8"))
    paths = _paths(base)[1:]
    rng = random.Random(20240601)
    for _ in range(300):
        study = copy.deepcopy(base)
        path = rng.choice(paths)
        parent = study
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = rng.choice([None, 1, "x", [], {}, [1], {"a": 1}, True])
        try:
            ctgov_v2.extract(_doc(canonical_json(study)))
        except ExtractionError as exc:
            assert "\n" not in str(exc)
            assert "cannot be read" not in str(exc), str(exc)  # a specific message, not a slip
