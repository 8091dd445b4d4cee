"""kg.validate and ontology/shapes.ttl: a correct graph conforms, each broken one says why."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS

from kg.store import open_store
from kg.validate import ValidationReport, validate
from kg.validation import validate_store

ROOT = Path(__file__).resolve().parent.parent
TKG = Namespace("https://w3id.org/trialkg/vocab#")
ID = "https://w3id.org/trialkg/id/"
SCHEMA_NAME = URIRef("https://schema.org/name")
XSD = "http://www.w3.org/2001/XMLSchema#"  # a str: rdflib's XSD namespace trips pytest

SHA = hashlib.sha256(b"a protocol").hexdigest()
DOC_GRAPH = URIRef(f"https://w3id.org/trialkg/graph/doc/{SHA}")
REF_GRAPH = URIRef("https://w3id.org/trialkg/graph/reference")
VIEW_GRAPH = URIRef("https://w3id.org/trialkg/graph/redundant-combinations")

DOC = URIRef(f"{ID}document/{SHA}")
EXTRACTION = URIRef(f"{ID}extraction/{SHA}")
TRIAL = URIRef("https://clinicaltrials.gov/study/NCT05001971")
RELATED = URIRef("https://clinicaltrials.gov/study/NCT04000000")
ARM = URIRef(f"{ID}arm/1")
INTERVENTION = URIRef(f"{ID}intervention/1")
COMPONENT = URIRef(f"{ID}component/1")
MECHANISM = URIRef(f"{ID}mechanism/1")
CRITERION = URIRef(f"{ID}criterion/1")
OUTCOME = URIRef(f"{ID}outcome/1")
SPONSORSHIP = URIRef(f"{ID}sponsorship/1")
ORG = URIRef(f"{ID}org/akeso")
PERSON = URIRef(f"{ID}person/1")
SITE = URIRef(f"{ID}site/1")
CITED = URIRef(f"{ID}cited/1")
STUDY = URIRef(f"{ID}study/ak105-201")
MENTION = URIRef(f"{ID}mention/1")
SPAN = URIRef(f"{ID}span/1")
JSON_SPAN = URIRef(f"{ID}span/2")
DRUG = URIRef("http://identifiers.org/chembl.compound/CHEMBL4297829")
DRUG_CLASS = URIRef(f"{ID}drugclass/pd-1-inhibitor")
TARGET = URIRef("http://identifiers.org/hgnc/8760")
FAMILY = URIRef(f"{ID}family/pd-1-pd-l1-axis")
PATHWAY = URIRef(f"{ID}pathway/immune-checkpoint")
CONDITION = URIRef("http://id.nlm.nih.gov/mesh/D055752")
BROADER = URIRef("http://id.nlm.nih.gov/mesh/D008175")
MESH_INTERVENTION = URIRef("http://id.nlm.nih.gov/mesh/D000068258")
COMBINATION = URIRef(f"{ID}redundant-combination/1")
OTHER_DRUG = URIRef(f"{ID}drug/penpulimab")


def _typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=URIRef(XSD + datatype))


def _reference(g: Graph) -> None:
    """What the reference graph knows: drug, class, target, family, pathway, conditions."""
    g.add((DRUG, RDF.type, TKG.Drug))
    g.add((DRUG, RDFS.label, Literal("sintilimab")))
    g.add((DRUG, TKG.chemblId, Literal("CHEMBL4297829")))
    g.add((DRUG, TKG.drugType, Literal("antibody")))
    g.add((DRUG, TKG.memberOf, DRUG_CLASS))
    g.add((OTHER_DRUG, RDF.type, TKG.Drug))
    g.add((OTHER_DRUG, RDFS.label, Literal("penpulimab")))
    g.add((DRUG_CLASS, RDF.type, TKG.DrugClass))
    g.add((DRUG_CLASS, RDFS.label, Literal("PD-1 inhibitor")))
    g.add((DRUG_CLASS, TKG.classTargetsFamily, FAMILY))
    g.add((TARGET, RDF.type, TKG.Target))
    g.add((TARGET, RDFS.label, Literal("PDCD1")))
    g.add((TARGET, TKG.hgncSymbol, Literal("PDCD1")))
    g.add((TARGET, TKG.hgncId, Literal("HGNC:8760")))
    g.add((TARGET, TKG.targetType, Literal("protein")))
    g.add((TARGET, TKG.inFamily, FAMILY))
    g.add((FAMILY, RDF.type, TKG.TargetFamily))
    g.add((FAMILY, RDFS.label, Literal("PD-1/PD-L1 axis")))
    g.add((FAMILY, TKG.inPathway, PATHWAY))
    g.add((PATHWAY, RDF.type, TKG.Pathway))
    g.add((PATHWAY, RDFS.label, Literal("immune checkpoint")))
    for node, label, mesh in ((CONDITION, "small cell lung carcinoma", "D055752"),
                              (BROADER, "lung neoplasms", "D008175")):  # fmt: skip
        g.add((node, RDF.type, TKG.Condition))
        g.add((node, RDFS.label, Literal(label)))
        g.add((node, TKG.meshId, Literal(mesh)))
    g.add((CONDITION, SKOS.broader, BROADER))


def _trial(g: Graph) -> None:
    """One document's graph: the trial and everything minted from it."""
    for node, kind in (
        (TRIAL, TKG.Trial), (ARM, TKG.Arm), (INTERVENTION, TKG.Intervention),
        (COMPONENT, TKG.DoseComponent), (MECHANISM, TKG.Mechanism),
        (CRITERION, TKG.InclusionCriterion), (OUTCOME, TKG.Outcome),
        (SPONSORSHIP, TKG.Sponsorship), (ORG, TKG.Organization), (PERSON, TKG.Person),
        (SITE, TKG.Site), (CITED, TKG.CitedResult), (STUDY, TKG.CitedStudy),
        (MENTION, TKG.Mention),
    ):  # fmt: skip
        g.add((node, RDF.type, kind))
        g.add((node, PROV.wasDerivedFrom, DOC))
    g.add((TRIAL, TKG.nctId, Literal("NCT05001971")))
    g.add((TRIAL, DCTERMS.title, Literal("Sintilimab in ES-SCLC")))
    g.add((TRIAL, TKG.phase, Literal("PHASE2")))
    g.add((TRIAL, TKG.overallStatus, Literal("RECRUITING")))
    g.add((TRIAL, TKG.enrollment, Literal(60)))
    g.add((TRIAL, TKG.enrollmentType, Literal("ESTIMATED")))
    g.add((TRIAL, TKG.startDate, _typed("2021-08", "gYearMonth")))
    g.add((TRIAL, TKG.completionDate, _typed("2024-12-31", "date")))
    g.add((TRIAL, TKG.studyType, Literal("INTERVENTIONAL")))
    g.add((TRIAL, TKG.allocation, Literal("NA")))
    g.add((TRIAL, TKG.interventionModel, Literal("SINGLE_GROUP")))
    g.add((TRIAL, TKG.masking, Literal("NONE")))
    g.add((TRIAL, TKG.sex, Literal("ALL")))
    g.add((TRIAL, TKG.minimumAgeYears, Literal(Decimal("18"))))
    g.add((TRIAL, TKG.healthyVolunteers, Literal(False)))
    for prop, node in (
        (TKG.hasArm, ARM), (TKG.hasIntervention, INTERVENTION), (TKG.hasCondition, CONDITION),
        (TKG.hasCriterion, CRITERION), (TKG.hasOutcome, OUTCOME),
        (TKG.hasSponsorship, SPONSORSHIP), (TKG.hasInvestigator, PERSON), (TKG.hasSite, SITE),
        (TKG.statesMechanism, MECHANISM), (TKG.citesResult, CITED), (TKG.mentions, MENTION),
        (TKG.relatedTrial, RELATED), (TKG.meshCondition, CONDITION),
        (TKG.meshIntervention, MESH_INTERVENTION),
    ):  # fmt: skip
        g.add((TRIAL, prop, node))
    g.add((RELATED, TKG.nctId, Literal("NCT04000000")))  # a stub: no type, no title
    g.add((MESH_INTERVENTION, RDF.type, TKG.MeshTerm))
    g.add((MESH_INTERVENTION, RDFS.label, Literal("Bevacizumab")))
    g.add((MESH_INTERVENTION, TKG.meshId, Literal("D000068258")))
    g.add((MESH_INTERVENTION, PROV.wasDerivedFrom, DOC))

    g.add((ARM, RDFS.label, Literal("Sintilimab")))
    g.add((ARM, TKG.armType, Literal("EXPERIMENTAL")))
    g.add((ARM, TKG.hasIntervention, INTERVENTION))
    g.add((INTERVENTION, RDFS.label, Literal("Sintilimab")))
    g.add((INTERVENTION, TKG.interventionType, Literal("DRUG")))
    g.add((INTERVENTION, TKG.hasComponent, COMPONENT))
    g.add((INTERVENTION, TKG.drug, DRUG))
    g.add((COMPONENT, TKG.drug, DRUG))
    g.add((COMPONENT, TKG.surfaceForm, Literal("Sintilimab")))
    g.add((COMPONENT, TKG.matchMethod, Literal("exact")))
    g.add((COMPONENT, TKG.matchScore, Literal(Decimal("1.0"))))
    g.add((COMPONENT, TKG.dose, Literal(Decimal("200"))))
    g.add((COMPONENT, TKG.doseHigh, Literal(Decimal("240"))))
    g.add((COMPONENT, TKG.doseUnit, Literal("mg")))
    g.add((COMPONENT, TKG.cycleDays, Literal(21)))

    g.add((MECHANISM, TKG.drug, DRUG))
    g.add((MECHANISM, TKG.target, TARGET))
    g.add((MECHANISM, TKG.action, Literal("inhibitor")))
    g.add((MECHANISM, TKG.mechanismSource, Literal("document")))
    g.add((MECHANISM, TKG.statementKey, Literal(f"target {DRUG} {TARGET} inhibitor")))
    g.add((MECHANISM, TKG.evidenceText, Literal("Sintilimab is a PD-1 inhibitor.")))

    g.add((CRITERION, TKG.text, Literal("Histologically confirmed ES-SCLC")))
    g.add((CRITERION, TKG.ordinal, Literal(1)))
    g.add((OUTCOME, TKG.outcomeKind, Literal("primary")))
    g.add((OUTCOME, TKG.measure, Literal("Objective response rate")))
    g.add((SPONSORSHIP, TKG.organization, ORG))
    g.add((SPONSORSHIP, TKG.sponsorRole, Literal("lead")))
    g.add((SPONSORSHIP, TKG.agencyClass, Literal("INDUSTRY")))
    g.add((ORG, RDFS.label, Literal("Akeso")))
    g.add((PERSON, SCHEMA_NAME, Literal("Wang Li")))
    g.add((SITE, TKG.facility, Literal("Cancer Hospital")))
    g.add((SITE, TKG.siteStatus, Literal("RECRUITING")))

    g.add((CITED, TKG.citedStudy, STUDY))
    g.add((STUDY, RDFS.label, Literal("AK105-201")))
    g.add((CITED, TKG.measure, Literal("ORR")))
    g.add((CITED, TKG.value, Literal(Decimal("31.0"))))
    g.add((CITED, TKG.ciLow, Literal(Decimal("22.5"))))
    g.add((CITED, TKG.ciHigh, Literal(Decimal("40.1"))))
    g.add((CITED, TKG.ciLevel, Literal(Decimal("95"))))
    g.add((CITED, TKG.aboutDrug, DRUG))
    g.add((CITED, TKG.evidenceText, Literal("ORR was 31.0% (95% CI 22.5-40.1).")))
    g.add((MENTION, TKG.mentionOf, TARGET))
    g.add((MENTION, TKG.surfaceForm, Literal("PD-1")))
    g.add((MENTION, TKG.mentionContext, Literal("background")))

    g.add((DOC, RDF.type, TKG.Document))
    g.add((DOC, TKG.fileName, Literal("protocol.pdf")))
    g.add((DOC, TKG.sha256, Literal(SHA)))
    g.add((DOC, TKG.layout, Literal("protocol_pdf")))
    g.add((DOC, PROV.wasGeneratedBy, EXTRACTION))
    g.add((EXTRACTION, RDF.type, TKG.Extraction))
    g.add((EXTRACTION, PROV.used, DOC))
    g.add((EXTRACTION, TKG.extractorVersion, Literal("0.1.0")))
    g.add((EXTRACTION, PROV.endedAtTime, _typed("2026-01-02T03:04:05+00:00", "dateTime")))
    g.add((EXTRACTION, PROV.wasAssociatedWith, URIRef(f"{ID}agent/trialkg")))

    # spans as the builder writes them: untyped, their document the graph they live in
    for span, spanned in ((SPAN, TKG.phase), (JSON_SPAN, DCTERMS.title)):
        g.add((span, TKG.spanOf, TRIAL))
        g.add((span, TKG.spanProperty, spanned))
    g.add((SPAN, TKG.start, Literal(120)))
    g.add((SPAN, TKG.end, Literal(127)))
    g.add((JSON_SPAN, TKG.jsonPath, Literal("/protocolSection/identificationModule/briefTitle")))


def _view(g: Graph) -> None:
    """The redundant-combinations view kg build keeps: the arm gives two drugs on PDCD1."""
    g.add((COMBINATION, RDF.type, TKG.RedundantCombination))
    g.add((COMBINATION, TKG.redundantArm, ARM))
    g.add((COMBINATION, TKG.redundantArmLabel, Literal("Sintilimab")))
    g.add((COMBINATION, TKG.redundantTrial, TRIAL))
    g.add((COMBINATION, TKG.redundantNctId, Literal("NCT05001971")))
    g.add((COMBINATION, TKG.redundantFirstAgent, OTHER_DRUG))
    g.add((COMBINATION, TKG.redundantSecondAgent, DRUG))
    g.add((COMBINATION, TKG.redundantTarget, TARGET))


def conforming() -> Dataset:
    """A small but complete dataset: one document graph, the reference graph and the view."""
    ds = Dataset()
    _reference(ds.graph(REF_GRAPH))
    _trial(ds.graph(DOC_GRAPH))
    _view(ds.graph(VIEW_GRAPH))
    return ds


def _doc(ds: Dataset) -> Graph:
    return ds.graph(DOC_GRAPH)


def _violations(report: ValidationReport) -> list[tuple[URIRef, str]]:
    return [(r.focus, r.message) for r in report.results if r.severity == "Violation"]  # type: ignore[misc]


def test_a_correct_graph_conforms_with_nothing_to_report() -> None:
    report = validate(conforming())
    assert report.conforms is True
    assert report.violations == 0
    assert report.warnings == 0
    assert report.results == ()


Mutation = Callable[[Dataset], object]
BAD_TRIAL = URIRef(f"{ID}trial/7e1f0c2a9d")


def _bad_nct(ds: Dataset) -> None:
    """A malformed NCT number does not give an NCT IRI, so the trial's IRI is minted."""
    g = _doc(ds)
    for triple in ((BAD_TRIAL, RDF.type, TKG.Trial), (BAD_TRIAL, PROV.wasDerivedFrom, DOC),
                   (BAD_TRIAL, DCTERMS.title, Literal("Anlotinib in SCLC")),
                   (BAD_TRIAL, TKG.phase, Literal("PHASE3")),
                   (BAD_TRIAL, TKG.nctId, Literal("NCT0500197"))):  # fmt: skip
        g.add(triple)


OLD_SPAN = URIRef(f"{ID}span/3")


def _old_span(ds: Dataset, *, with_node: bool = True) -> None:
    """A span as earlier builds wrote it: typed tkg:TextSpan, with tkg:inDocument."""
    g = _doc(ds)
    g.add((OLD_SPAN, RDF.type, TKG.TextSpan))
    g.add((OLD_SPAN, TKG.inDocument, DOC))
    g.add((OLD_SPAN, TKG.jsonPath, Literal("/protocolSection/identificationModule/nctId")))
    g.add((OLD_SPAN, TKG.spanProperty, TKG.nctId))
    if with_node:
        g.add((OLD_SPAN, TKG.spanOf, TRIAL))


BROKEN: list[tuple[str, Mutation, URIRef, str]] = [
    (
        "bad NCT id",
        _bad_nct,
        BAD_TRIAL,
        "Trial: tkg:nctId must be one string 'NCT' followed by 8 digits",
    ),
    (
        "NCT id that is not the one in the trial IRI",
        lambda ds: _doc(ds).set((TRIAL, TKG.nctId, Literal("NCT05001972"))),
        TRIAL,
        "Trial IRI is a ClinicalTrials.gov study page but tkg:nctId does not match it",
    ),
    (
        "phase PHASE9",
        lambda ds: _doc(ds).set((TRIAL, TKG.phase, Literal("PHASE9"))),
        TRIAL,
        "Trial: tkg:phase must be one of EARLY_PHASE1, PHASE1, PHASE2, PHASE3, PHASE4, NA",
    ),
    (
        "status as displayed, not in v2 spelling",
        lambda ds: _doc(ds).set((TRIAL, TKG.overallStatus, Literal("Recruiting"))),
        TRIAL,
        "Trial: tkg:overallStatus must be a ClinicalTrials.gov API v2 status (RECRUITING, "
        "COMPLETED, ...)",
    ),
    (
        "negative enrollment",
        lambda ds: _doc(ds).set((TRIAL, TKG.enrollment, Literal(-5))),
        TRIAL,
        "Trial: tkg:enrollment must be a non-negative xsd:integer",
    ),
    (
        "start date as a plain string",
        lambda ds: _doc(ds).set((TRIAL, TKG.startDate, Literal("August 2021"))),
        TRIAL,
        "Trial: tkg:startDate must be an xsd:date, xsd:gYearMonth or xsd:gYear",
    ),
    (
        "mechanism without target",
        lambda ds: _doc(ds).remove((MECHANISM, TKG.target, None)),
        MECHANISM,
        "Mechanism must have exactly one tkg:target or exactly one tkg:targetFamily, not both",
    ),
    (
        "mechanism with both a target and a target family",
        lambda ds: _doc(ds).add((MECHANISM, TKG.targetFamily, FAMILY)),
        MECHANISM,
        "Mechanism must have exactly one tkg:target or exactly one tkg:targetFamily, not both",
    ),
    (
        "match method outside the enumeration",
        lambda ds: _doc(ds).set((COMPONENT, TKG.matchMethod, Literal("other"))),
        COMPONENT,
        "tkg:matchMethod must be one of exact, synonym, code, brand, salt, fuzzy, other-name,"
        " unresolved (at most one)",
    ),
    (
        "registry MeSH intervention left untyped",
        lambda ds: _doc(ds).remove((MESH_INTERVENTION, RDF.type, None)),
        TRIAL,
        "Trial: tkg:meshIntervention must be a MeSH IRI typed tkg:MeshTerm",
    ),
    (
        "registry MeSH intervention without its id",
        lambda ds: _doc(ds).remove((MESH_INTERVENTION, TKG.meshId, None)),
        MESH_INTERVENTION,
        "MeshTerm must have a tkg:meshId",
    ),
    (
        "mechanism source not in its enumeration",
        lambda ds: _doc(ds).set((MECHANISM, TKG.mechanismSource, Literal("paper"))),
        MECHANISM,
        "Mechanism must have exactly one tkg:mechanismSource, document or reference",
    ),
    (
        "document mechanism without its statement key",
        lambda ds: _doc(ds).remove((MECHANISM, TKG.statementKey, None)),
        MECHANISM,
        "Mechanism stated by a document needs exactly one tkg:statementKey (kind, drug, target or family, action)",
    ),
    (
        "statement key of no known kind",
        lambda ds: _doc(ds).set(
            (MECHANISM, TKG.statementKey, Literal(f"hits {DRUG} {TARGET} inhibitor"))
        ),
        MECHANISM,
        "Mechanism stated by a document needs exactly one tkg:statementKey (kind, drug, target or family, action)",
    ),
    (
        "ciLow above ciHigh",
        lambda ds: _doc(ds).set((CITED, TKG.ciLow, Literal(Decimal("45.0")))),
        CITED,
        "CitedResult: tkg:ciLow must not exceed tkg:ciHigh",
    ),
    (
        "dose component with both a drug and a drug class",
        lambda ds: _doc(ds).add((COMPONENT, TKG.drugClass, DRUG_CLASS)),
        COMPONENT,
        "DoseComponent must have exactly one of tkg:drug or tkg:drugClass",
    ),
    (
        "match score above 1",
        lambda ds: _doc(ds).set((COMPONENT, TKG.matchScore, Literal(Decimal("1.5")))),
        COMPONENT,
        "tkg:matchScore must be one xsd:decimal between 0 and 1",
    ),
    (
        "dose as xsd:double",
        lambda ds: _doc(ds).set((COMPONENT, TKG.dose, Literal(200.0))),
        COMPONENT,
        "DoseComponent: tkg:dose must be one non-negative xsd:decimal, not above tkg:doseHigh",
    ),
    (
        "inclusion criterion without ordinal (Criterion shape reached via rdfs:subClassOf)",
        lambda ds: _doc(ds).remove((CRITERION, TKG.ordinal, None)),
        CRITERION,
        "Criterion must have exactly one tkg:ordinal, a positive xsd:integer",
    ),
    (
        "arm without label",
        lambda ds: _doc(ds).remove((ARM, RDFS.label, None)),
        ARM,
        "Arm must have exactly one rdfs:label",
    ),
    (
        "HGNC target without symbol",
        lambda ds: ds.graph(REF_GRAPH).remove((TARGET, TKG.hgncSymbol, None)),
        TARGET,
        "Target with an HGNC IRI must have a tkg:hgncSymbol",
    ),
    (
        "MeSH id of the wrong shape",
        lambda ds: ds.graph(REF_GRAPH).set((CONDITION, TKG.meshId, Literal("D55752"))),
        CONDITION,
        "tkg:meshId must be one MeSH id like D055752 or C000123",
    ),
    (
        "text span that ends before it starts",
        lambda ds: _doc(ds).set((SPAN, TKG.end, Literal(100))),
        SPAN,
        "TextSpan: tkg:start must be less than tkg:end",
    ),
    (
        "text span with a start but no end",
        lambda ds: _doc(ds).remove((SPAN, TKG.end, None)),
        SPAN,
        "TextSpan must give both tkg:start and tkg:end, or neither and a tkg:jsonPath",
    ),
    (
        "untyped text span with neither offsets nor a JSON path",
        lambda ds: _doc(ds).remove((JSON_SPAN, TKG.jsonPath, None)),
        JSON_SPAN,
        "TextSpan must give both tkg:start and tkg:end, or neither and a tkg:jsonPath",
    ),
    (
        "untyped text span that names no node",
        lambda ds: _doc(ds).remove((SPAN, TKG.spanOf, None)),
        SPAN,
        "TextSpan must have a tkg:spanOf (the node whose value it stated)",
    ),
    (
        "untyped text span with two properties",
        lambda ds: _doc(ds).add((SPAN, TKG.spanProperty, TKG.nctId)),
        SPAN,
        "TextSpan must have exactly one tkg:spanProperty, a property IRI",
    ),
    (
        "typed text span (as earlier versions wrote them) that names no node",
        lambda ds: _old_span(ds, with_node=False),
        OLD_SPAN,
        "TextSpan must have a tkg:spanOf (the node whose value it stated)",
    ),
    (
        "redundant combination without its arm",
        lambda ds: ds.graph(VIEW_GRAPH).remove((COMBINATION, TKG.redundantArm, None)),
        COMBINATION,
        "RedundantCombination must have exactly one tkg:redundantArm, a tkg:Arm",
    ),
    (
        "redundant combination naming no shared target",
        lambda ds: ds.graph(VIEW_GRAPH).remove((COMBINATION, TKG.redundantTarget, None)),
        COMBINATION,
        "RedundantCombination must name at least one tkg:redundantTarget",
    ),
    (
        "document digest in upper case",
        lambda ds: _doc(ds).set((DOC, TKG.sha256, Literal(SHA.upper()))),
        DOC,
        "Document must have exactly one tkg:sha256 of 64 lowercase hex characters",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "focus", "message"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_a_broken_graph_reports_exactly_what_broke(
    mutate: Mutation, focus: URIRef, message: str
) -> None:
    ds = conforming()
    mutate(ds)
    report = validate(ds)
    assert report.conforms is False
    assert _violations(report) == [(focus, message)]
    assert report.violations == 1


def test_a_span_written_by_earlier_versions_still_conforms() -> None:
    """Stores built before spans lost their rdf:type and tkg:inDocument stay valid."""
    ds = conforming()
    _old_span(ds)
    assert validate(ds).results == ()


def test_a_family_level_mechanism_conforms() -> None:
    """'Penpulimab blocks the PD-1 pathway': drug -> family, no member target claimed."""
    ds = conforming()
    _doc(ds).remove((MECHANISM, TKG.target, None))
    _doc(ds).add((MECHANISM, TKG.targetFamily, FAMILY))
    _doc(ds).set((MECHANISM, TKG.statementKey, Literal(f"targetFamily {DRUG} {FAMILY} inhibitor")))
    assert validate(ds).results == ()


def test_a_mention_of_a_family_and_an_other_name_match_conform() -> None:
    ds = conforming()
    _doc(ds).set((MENTION, TKG.mentionOf, FAMILY))
    _doc(ds).set((COMPONENT, TKG.matchMethod, Literal("other-name")))
    assert validate(ds).results == ()


def test_documents_that_disagree_on_a_sponsor_class_give_a_warning() -> None:
    """The classic record says OTHER, the XML fetched later OTHER_GOV: both kept, flagged."""
    ds = conforming()
    ds.graph(URIRef(f"https://w3id.org/trialkg/graph/doc/{'0' * 64}")).add(
        (SPONSORSHIP, TKG.agencyClass, Literal("OTHER"))
    )
    report = validate(ds)
    assert (report.conforms, report.violations) == (True, 0)
    assert [(r.focus, r.severity, r.message) for r in report.results] == [
        (
            SPONSORSHIP,
            "Warning",
            "Sponsorship has more than one tkg:agencyClass (documents disagree)",
        )
    ]


def test_the_offending_value_is_reported() -> None:
    ds = conforming()
    _doc(ds).set((TRIAL, TKG.phase, Literal("PHASE9")))
    (result,) = validate(ds).results
    assert (result.path, result.value) == (TKG.phase, Literal("PHASE9"))
    assert result.severity == "Violation"


def test_a_missing_phase_is_a_warning_not_a_violation() -> None:
    ds = conforming()
    _doc(ds).remove((TRIAL, TKG.phase, None))
    report = validate(ds)
    assert (report.conforms, report.violations, report.warnings) == (True, 0, 1)
    assert [(r.focus, r.severity, r.message) for r in report.results] == [
        (TRIAL, "Warning", "Trial has no tkg:phase")
    ]


def test_a_related_trial_stub_needs_no_title_or_phase() -> None:
    ds = conforming()
    _doc(ds).add((RELATED, RDF.type, TKG.Trial))
    assert validate(ds).results == ()


def test_without_the_reference_graph_only_warnings_remain() -> None:
    ds = conforming()
    ds.remove_graph(ds.graph(REF_GRAPH))
    report = validate(ds)
    assert report.conforms is True
    assert report.violations == 0
    assert report.warnings > 0
    assert {r.severity for r in report.results} == {"Warning"}


def test_typed_string_literals_from_a_store_are_the_plain_strings_they_equal() -> None:
    """Oxigraph returns "PHASE2"^^xsd:string; sh:in lists plain "PHASE2": RDF 1.1 says equal."""
    ds = conforming()
    _doc(ds).set((TRIAL, TKG.phase, _typed("PHASE2", "string")))
    assert validate(ds).results == ()


def test_a_plain_graph_is_validated_like_a_dataset() -> None:
    merged = Graph()
    for s, p, o, _ in conforming().quads((None, None, None, None)):
        merged.add((s, p, o))
    merged.set((TRIAL, TKG.enrollment, Literal(-1)))
    assert _violations(validate(merged)) == [
        (TRIAL, "Trial: tkg:enrollment must be a non-negative xsd:integer")
    ]


def test_rdfs_inference_keeps_a_correct_graph_conforming() -> None:
    report = validate(conforming(), inference="rdfs")
    assert (report.conforms, report.violations) == (True, 0)


def test_shapes_and_ontology_paths_can_be_given(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix tkg: <https://w3id.org/trialkg/vocab#> .
        [] a sh:NodeShape ; sh:targetClass tkg:Criterion ;
           sh:property [ sh:path tkg:text ; sh:maxCount 0 ; sh:message "no text" ] .
        """,
        encoding="utf-8",
    )
    without_hierarchy = tmp_path / "empty.ttl"
    without_hierarchy.write_text("", encoding="utf-8")
    assert _violations(validate(conforming(), shapes_path=shapes)) == [(CRITERION, "no text")]
    # the criterion is typed tkg:InclusionCriterion only: the ontology makes it a tkg:Criterion
    assert validate(conforming(), shapes_path=shapes, ontology_path=without_hierarchy).conforms


def test_the_report_is_immutable_and_readable() -> None:
    ds = conforming()
    _doc(ds).set((TRIAL, TKG.phase, Literal("PHASE9")))
    report = validate(ds)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.conforms = True  # type: ignore[misc]
    assert "Constraint Violation" in report.text


# ---------------------------------------------------------------- the shapes file itself

SHAPES = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY = ROOT / "ontology" / "trialkg.ttl"


def test_every_constraint_carries_a_message() -> None:
    g = Graph().parse(SHAPES, format="turtle")
    property_shapes = set(g.objects(None, SH.property)) | set(
        g.subjects(RDF.type, SH.PropertyShape)
    )
    targeted = set(g.subjects(SH.targetClass, None)) | set(g.subjects(SH.targetSubjectsOf, None))
    constrained_node_shapes = {  # helper shapes reached by sh:node report through their user
        s for p in (SH["or"], SH.xone, SH["and"], SH["not"]) for s in g.subjects(p, None)
    } & targeted
    for shape in property_shapes | constrained_node_shapes:
        assert g.value(shape, SH.message) is not None, g.value(shape, SH.path) or shape
    for constraint in g.objects(None, SH.sparql):
        assert g.value(constraint, SH.message) is not None


def test_shapes_only_use_terms_the_ontology_declares() -> None:
    onto = Graph().parse(ONTOLOGY, format="turtle")
    declared = {
        s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in onto.subjects(RDF.type, kind)
    }  # fmt: skip
    used = {URIRef(TKG + name) for name in re.findall(r"tkg:(\w+)", SHAPES.read_text("utf-8"))}
    assert used - declared == set()


def test_a_store_is_validated_over_all_its_graphs() -> None:
    """kg validate: the store's quads, graph names dropped, typed strings read as simple."""
    ds = conforming()
    _doc(ds).set((TRIAL, TKG.phase, _typed("PHASE2", "string")))
    _doc(ds).set((TRIAL, TKG.enrollment, Literal(-1)))
    store = open_store(":memory:")
    quads = list(ox.parse(ds.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS))
    for graph in (DOC_GRAPH, REF_GRAPH):
        store.replace_graph(str(graph), [q for q in quads if q.graph_name.value == str(graph)])
    assert _violations(validate_store(store)) == [
        (TRIAL, "Trial: tkg:enrollment must be a non-negative xsd:integer")
    ]
