"""The legacy XML extractor on real ``<clinical_study>`` records, and its refusals."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.extractors import ctgov_classic, ctgov_v2, ctgov_xml
from kg.records import Document, ExtractionError, Span, Spanned, TrialRecord

SHARED = Path(__file__).resolve().parents[3] / "shared" / "ctgov"
XML = SHARED / "xml"
FILES = sorted(XML.glob("*.xml")) if XML.is_dir() else []
needs_samples = pytest.mark.skipif(not FILES, reason=f"sample records not found in {XML}")

BOMB = """<?xml version="1.0"?>
<!DOCTYPE clinical_study [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info><brief_title>&c;</brief_title>
</clinical_study>"""


def _doc(text: str, name: str = "study.xml") -> Document:
    """A Document as ingest builds one (XML text is passed as read)."""
    return Document(name, text, hashlib.sha256(text.encode()).hexdigest(), ctgov_xml.LAYOUT)


def _record(nct: str) -> TrialRecord:
    path = XML / f"{nct}.xml"
    return ctgov_xml.extract(_doc(path.read_text(encoding="utf-8"), str(path)))


def _counts(record: TrialRecord) -> tuple[int, int]:
    assert record.eligibility is not None
    kinds = [c.kind for c in record.eligibility.criteria]
    return kinds.count("inclusion"), kinds.count("exclusion")


@needs_samples
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_sample_extracts_and_is_claimed_only_by_xml(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert ctgov_xml.sniff(text) == 0.95
    assert ctgov_v2.sniff(text) == 0.0
    assert ctgov_classic.sniff(text) == 0.0
    record = ctgov_xml.extract(_doc(text, str(path)))
    assert record.nct_id is not None
    assert record.nct_id.span == Span(path="/clinical_study/id_info/nct_id")
    # files are named by NCT id, or by an obsolete alias (NCT00980226 is NCT00081588)
    assert f"<nct_id>{record.nct_id.value}</nct_id>" in text
    assert path.stem == record.nct_id.value or f"<nct_alias>{path.stem}</nct_alias>" in text
    assert record.title is not None
    assert record.mesh_terms == ()  # the XML names MeSH terms without their ids


@needs_samples
def test_ingest_detects_xml_layout() -> None:
    from kg.ingest.reader import from_bytes

    path = XML / "NCT00001177.xml"
    (doc,) = list(from_bytes(str(path), path.read_bytes()))
    assert isinstance(doc, Document)
    assert doc.layout == "ctgov-xml"


@needs_samples
def test_nct00001177_observational_nih_study() -> None:
    r = _record("NCT00001177")
    assert r.title is not None
    assert r.title.value == "Study of Premenstrual Syndrome and Premenstrual Dysphoria"
    assert [s.value for s in r.org_study_ids] == ["810126"]
    assert [s.value for s in r.secondary_ids] == ["81-M-0126"]
    assert r.status is not None and r.status.value == "RECRUITING"
    assert r.study_type is not None and r.study_type.value == "OBSERVATIONAL"
    assert r.start_date == Spanned("1981-08-24", Span(path="/clinical_study/start_date"))
    assert r.enrollment == Spanned(1600, Span(path="/clinical_study/enrollment"))
    assert r.enrollment_type == "ESTIMATED"  # type="Anticipated"
    assert r.phases == ()
    assert [(s.name.value, s.role, s.agency_class) for s in r.sponsors] == [
        ("National Institute of Mental Health (NIMH)", "lead", "NIH")
    ]
    assert [c.value for c in r.conditions] == [
        "PMS",
        "Premenstrual Mood Disorder",
        "PMDD",
        "Depression",
    ]
    assert r.conditions[3].span == Span(path="/clinical_study/condition[4]")
    assert len(r.keywords) == 9
    assert [(ref.pmid, ref.type) for ref in r.references] == [
        ("1404717", None),
        ("9435325", None),
        ("7906420", None),
    ]
    assert [(p.name.value, p.role) for p in r.investigators] == [
        ("Peter J Schmidt, M.D.", "PRINCIPAL_INVESTIGATOR")
    ]
    assert [(p.name.value, p.role) for p in r.contacts] == [("Peter J Schmidt, M.D.", "CONTACT")]
    site = r.sites[0]
    assert (site.city, site.state, site.country, site.status) == (
        "Bethesda",
        "Maryland",
        "United States",
        "RECRUITING",
    )
    assert r.brief_summary is not None
    assert r.brief_summary.value.startswith(
        "The purpose of this study is to identify and describe the symptoms of premenstrual "
        "syndrome (PMS).\n\nWomen who experience"
    )
    assert r.brief_summary.span == Span(path="/clinical_study/brief_summary/textblock")


@needs_samples
def test_nct00001177_eligibility() -> None:
    r = _record("NCT00001177")
    e = r.eligibility
    assert e is not None
    assert (e.minimum_age and e.minimum_age.value, e.maximum_age and e.maximum_age.value) == (
        "18 Years",
        "50 Years",
    )
    assert e.sex is not None and e.sex.value == "FEMALE"
    assert e.healthy_volunteers is not None and e.healthy_volunteers.value is True
    # "-  INCLUSION CRITERIA:" is a bulleted heading; wrapped lines are joined
    assert _counts(r) == (10, 2)
    first = e.criteria[0]
    assert first.text.value == (
        "history within the last two years of at least six months with menstrually-related mood "
        "or behavioral disturbances of at least moderate severity - that is, disturbances that "
        "are distinct in appearance and associated with a notable degree of subjective distress;"
    )
    assert e.text is not None and first.text.span is not None
    start, end = first.text.span.start, first.text.span.end
    assert first.text.span.path == "/clinical_study/eligibility/criteria/textblock"
    assert start is not None and end is not None
    assert e.text.value[start : start + 12] == "history with"
    assert e.text.value[:end].endswith("subjective\n             distress;")
    assert e.criteria[-1].text.value.startswith("Current alcohol or substance use or dependence")


@needs_samples
def test_nct00734539_results_and_us_fed_sponsor() -> None:
    r = _record("NCT00734539")
    assert [p.value for p in r.phases] == ["PHASE3"]
    assert r.start_date is not None and r.start_date.value == "2008-11"
    assert [(s.name.value, s.agency_class) for s in r.sponsors][-1] == (
        "Food and Drug Administration (FDA)",
        "FED",  # "U.S. Fed"
    )
    assert [(a.label.value, a.type, a.intervention_names) for a in r.arms] == [
        ("1", "EXPERIMENTAL", ("fluconazole",)),
        ("2", "PLACEBO_COMPARATOR", ("placebo",)),
    ]
    fluconazole = r.interventions[0]
    assert [o.value for o in fluconazole.other_names] == ["Diflucan"]
    assert fluconazole.other_names[0].span == Span(
        path="/clinical_study/intervention[1]/other_name[1]"
    )
    assert len(r.result_outcomes) == 12
    primary = r.result_outcomes[0]
    assert (primary.kind, primary.title, primary.param_type) == (
        "PRIMARY",
        "Death or Candidiasis",
        "NUMBER",
    )
    assert [(m.group_id, m.value) for m in primary.measurements] == [("O1", "31"), ("O2", "37")]
    assert len(r.adverse_events) == 114
    assert _counts(r) == (4, 8)


@needs_samples
def test_nct00023673_phase_1_2_and_adverse_events() -> None:
    r = _record("NCT00023673")
    assert r.phases == (
        Spanned("PHASE1", Span(path="/clinical_study/phase")),
        Spanned("PHASE2", Span(path="/clinical_study/phase")),
    )
    assert r.start_date is not None and r.start_date.value == "2001-07"  # "July 2001"
    assert r.last_update is not None and r.last_update.value == "2017-12-22"
    assert len(r.adverse_events) == 328  # the "Total" rows are not events
    first = r.adverse_events[0]
    assert (first.term, first.serious, first.group_id, first.affected, first.at_risk) == (
        "Hemoglobin decreased",
        True,
        "E1",
        2,
        8,
    )
    assert [(ref.pmid, ref.type) for ref in r.references][:2] == [
        ("20368547", "RESULT"),
        ("20457350", "RESULT"),
    ]


@needs_samples
def test_nct01076361_confidence_interval_measurement() -> None:
    r = _record("NCT01076361")
    assert r.study_type is not None and r.study_type.value == "OBSERVATIONAL"  # [Patient Registry]
    outcome = r.result_outcomes[0]
    assert outcome.dispersion == "CONFIDENCE_95"
    assert [(m.group_id, m.value, m.lower, m.upper) for m in outcome.measurements] == [
        ("O1", "92.3", "88.3", "95.04")
    ]


@needs_samples
def test_status_spellings() -> None:
    assert _record("NCT02591940").status.value == "UNKNOWN"  # type: ignore[union-attr]
    assert _record("NCT03101111").status.value == "ACTIVE_NOT_RECRUITING"  # type: ignore[union-attr]
    expanded = _record("NCT03133988")
    assert expanded.status is not None and expanded.status.value == "AVAILABLE"
    assert expanded.study_type is not None and expanded.study_type.value == "EXPANDED_ACCESS"


@needs_samples
def test_nct03424005_arms_from_intervention_side() -> None:
    r = _record("NCT03424005")
    assert [p.value for p in r.phases] == ["PHASE1", "PHASE2"]
    arms = {a.label.value: a.intervention_names for a in r.arms}
    assert arms["Atezolizumab + Ipatasertib"] == ("Atezolizumab", "Ipatasertib")
    assert arms["Capecitabine"] == ("Capecitabine",)
    assert r.sites[0].status == "RECRUITING"
    assert r.oversight_fda_regulated is True


@needs_samples
def test_nct02028676_sub_items_and_repeated_sections() -> None:
    r = _record("NCT02028676")
    assert _counts(r) == (16, 9)
    assert r.eligibility is not None
    first = r.eligibility.criteria[0]
    assert first.text.value.startswith(
        "Children should have an adult carer in the household who is either:\n"
        "- participating in the DART trial OR\n- being treated with ART OR"
    )
    second_inclusion = [c for c in r.eligibility.criteria if c.kind == "inclusion"][6]
    assert (second_inclusion.ordinal, second_inclusion.text.value) == (7, "Participating in ARROW")


@needs_samples
def test_file_named_by_alias_gives_the_current_nct_id() -> None:
    assert _record("NCT00980226").nct_id == Spanned(
        "NCT00081588", Span(path="/clinical_study/id_info/nct_id")
    )


def test_entity_bomb_is_refused() -> None:
    assert ctgov_xml.sniff(BOMB) == 0.95  # claimed, so that the refusal names the problem
    with pytest.raises(ExtractionError) as caught:
        ctgov_xml.extract(_doc(BOMB))
    assert str(caught.value) == "XML with DTD or entity declarations is refused"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<clinical_study><id_info><nct_id>NCT1</nct_id></id_info>", "malformed XML at line 1"),
        (
            "<clinical_study><brief_title>x</brief_title></clinical_study>",
            "without clinical_study/id_info/nct_id",
        ),
        ("<other/>", "XML whose root is <other>, not <clinical_study>"),
        (
            "<clinical_study><id_info><nct_id>NCT1</nct_id></id_info>"
            "<enrollment>lots</enrollment></clinical_study>",
            "expected a whole number at /clinical_study/enrollment",
        ),
    ],
)
def test_malformed_input_raises_one_line_extraction_error(text: str, message: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        ctgov_xml.extract(_doc(text))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_sniffer() -> None:
    prolog = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment -->\n  <clinical_study>'
    assert ctgov_xml.sniff(prolog) == 0.95
    for text in (
        "<html><body/></html>",
        "clinical_study",
        '{"protocolSection": {}}',
        "<clinical_studyx/>",
    ):
        assert ctgov_xml.sniff(text) == 0.0
