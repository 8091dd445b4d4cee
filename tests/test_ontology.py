"""ontology/trialkg.ttl: in step with docs/vocabulary.md, documented, and consistent (HermiT)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "trialkg.ttl"
VOCABULARY = ROOT / "docs" / "vocabulary.md"
TKG = "https://w3id.org/trialkg/vocab#"
XSD = "http://www.w3.org/2001/XMLSchema#"  # a str: rdflib's XSD namespace trips pytest

_TERM = re.compile(r"tkg:([A-Za-z][A-Za-z0-9]*)")
_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
_PROPERTIES = (OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def doc() -> str:
    return VOCABULARY.read_text(encoding="utf-8")


def _tkg(name: str) -> URIRef:
    return URIRef(TKG + name)


def _declared(g: Graph, *kinds: URIRef) -> set[str]:
    """Local names of the tkg: terms typed as one of ``kinds``."""
    return {
        str(s)[len(TKG) :]
        for kind in kinds
        for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(TKG)
    }


def test_declares_exactly_the_terms_of_the_vocabulary_page(onto: Graph, doc: str) -> None:
    documented = set(_TERM.findall(doc))
    declared = _declared(onto, *_KINDS)
    assert declared - documented == set(), "declared in trialkg.ttl but not in vocabulary.md"
    assert documented - declared == set(), "in vocabulary.md but not declared in trialkg.ttl"


def test_capitalised_terms_are_classes_and_the_rest_properties(onto: Graph, doc: str) -> None:
    for name in set(_TERM.findall(doc)):
        kinds = set(onto.objects(_tkg(name), RDF.type)) & set(_KINDS)
        if name[0].isupper():
            assert kinds == {OWL.Class}, name
        else:
            assert len(kinds & set(_PROPERTIES)) == 1, name


def test_every_term_has_a_label_and_a_real_comment(onto: Graph) -> None:
    for name in _declared(onto, *_KINDS):
        term = _tkg(name)
        assert isinstance(onto.value(term, RDFS.label), Literal), name
        comment = onto.value(term, RDFS.comment)
        assert isinstance(comment, Literal), name
        assert len(str(comment).split()) >= 4, f"{name}: comment is not a definition"


def test_every_property_has_a_domain_and_a_range(onto: Graph) -> None:
    for name in _declared(onto, *_PROPERTIES):
        term = _tkg(name)
        assert len(list(onto.objects(term, RDFS.domain))) == 1, name
        assert len(list(onto.objects(term, RDFS.range))) == 1, name


def _is_class_expression(g: Graph, node: Node | None) -> bool:
    """A named class, owl:Thing, or an anonymous owl:unionOf class."""
    if isinstance(node, BNode):
        return (node, OWL.unionOf, None) in g and (node, RDF.type, OWL.Class) in g
    return node == OWL.Thing or (node is not None and (node, RDF.type, OWL.Class) in g)


def test_object_properties_range_over_classes_datatype_properties_over_literals(
    onto: Graph,
) -> None:
    for name in _declared(onto, OWL.ObjectProperty):
        rng = onto.value(_tkg(name), RDFS.range)
        assert _is_class_expression(onto, rng), name
    for name in _declared(onto, OWL.DatatypeProperty):
        rng = onto.value(_tkg(name), RDFS.range)
        assert rng == RDFS.Literal or str(rng).startswith(XSD), name
    for name in _declared(onto, *_PROPERTIES):
        assert _is_class_expression(onto, onto.value(_tkg(name), RDFS.domain)), name


def test_arrows_on_the_vocabulary_page_are_object_properties(onto: Graph, doc: str) -> None:
    arrows = set(re.findall(r"`tkg:(\w+)`\s*→", doc))
    assert arrows, "the vocabulary page changed shape: no `tkg:x` → Y found"
    assert arrows <= _declared(onto, OWL.ObjectProperty)


def test_datatypes_stated_on_the_vocabulary_page(onto: Graph, doc: str) -> None:
    stated = re.findall(r"`tkg:(\w+)`\s*\((?:xsd:)?(string|integer|decimal|boolean)\b", doc)
    assert len(stated) >= 10, "the vocabulary page changed shape: few datatypes found"
    for name, datatype in stated:
        assert onto.value(_tkg(name), RDFS.range) == URIRef(XSD + datatype), name


def test_dates_are_literals_checked_by_the_shapes(onto: Graph) -> None:
    """xsd:date/gYearMonth/gYear are outside the OWL 2 datatype map: HermiT rejects them."""
    for name in ("startDate", "primaryCompletionDate", "completionDate", "lastUpdate"):
        assert onto.value(_tkg(name), RDFS.range) == RDFS.Literal, name
        assert "gYearMonth" in str(onto.value(_tkg(name), RDFS.comment)), name


def test_class_hierarchy(onto: Graph) -> None:
    assert (_tkg("InclusionCriterion"), RDFS.subClassOf, _tkg("Criterion")) in onto
    assert (_tkg("ExclusionCriterion"), RDFS.subClassOf, _tkg("Criterion")) in onto
    assert (_tkg("Document"), RDFS.subClassOf, PROV.Entity) in onto
    assert (_tkg("Extraction"), RDFS.subClassOf, PROV.Activity) in onto


def test_property_characteristics(onto: Graph) -> None:
    assert (_tkg("alternativeTo"), RDF.type, OWL.SymmetricProperty) in onto
    for name in ("nctId", "sha256", "start", "end"):
        assert (_tkg(name), RDF.type, OWL.FunctionalProperty) in onto, name


def test_header(onto: Graph) -> None:
    ontology = URIRef("https://w3id.org/trialkg/vocab")
    assert (ontology, RDF.type, OWL.Ontology) in onto
    assert onto.value(ontology, OWL.versionInfo) is not None
    assert onto.value(ontology, DCTERMS.title) is not None
    assert onto.value(ontology, DCTERMS.description) is not None
    assert onto.value(ontology, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )


def test_external_mappings_are_annotations_not_axioms(onto: Graph) -> None:
    for prop in (SKOS.exactMatch, SKOS.closeMatch):
        assert (prop, RDF.type, OWL.AnnotationProperty) in onto
    assert (_tkg("Trial"), SKOS.closeMatch, URIRef("https://schema.org/MedicalTrial")) in onto
    assert list(onto.subject_objects(OWL.equivalentClass)) == []
    external_parents = {
        o
        for s, o in onto.subject_objects(RDFS.subClassOf)
        if isinstance(o, URIRef) and not str(o).startswith(TKG)
    }
    assert external_parents == {PROV.Entity, PROV.Activity}


def test_skos_terms_are_declared_not_redefined(onto: Graph) -> None:
    assert (SKOS.broader, RDF.type, OWL.ObjectProperty) in onto
    for s in (SKOS.broader, SKOS.altLabel, SKOS.prefLabel):
        assert set(onto.predicates(s)) <= {RDF.type}


# ---------------------------------------------------------------- reasoner

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java")


def _reason(g: Graph, tmp_path: Path) -> list[object]:
    """Run HermiT (through owlready2) on ``g``; the classes it finds unsatisfiable."""
    owlready2 = pytest.importorskip("owlready2")
    rdfxml = tmp_path / "trialkg.owl"
    g.serialize(rdfxml, format="xml")
    world = owlready2.World()
    world.get_ontology(rdfxml.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return list(world.inconsistent_classes())


@needs_java
def test_hermit_finds_the_ontology_consistent_and_every_class_satisfiable(
    onto: Graph, tmp_path: Path
) -> None:
    assert _reason(onto, tmp_path) == []


@needs_java
def test_hermit_would_catch_an_unsatisfiable_class(onto: Graph, tmp_path: Path) -> None:
    """The check above has teeth: a drug that is also a target cannot exist."""
    broken = Graph()
    for triple in onto:
        broken.add(triple)
    chimera = _tkg("DrugTarget")
    broken.add((chimera, RDF.type, OWL.Class))
    broken.add((chimera, RDFS.subClassOf, _tkg("Drug")))
    broken.add((chimera, RDFS.subClassOf, _tkg("Target")))
    unsatisfiable = {c.iri for c in _reason(broken, tmp_path)}  # type: ignore[attr-defined]
    assert unsatisfiable - {str(OWL.Nothing)} == {str(chimera)}
