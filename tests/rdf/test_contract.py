"""The graph keeps its own contract: everything the builder writes from the seeds, the test
documents and the real ClinicalTrials.gov records uses only declared terms, passes the SHACL
shapes and keeps every enumerated value inside its enumeration."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, SH

from kg.extractors.registry import layouts
from kg.pipeline import build
from kg.store import OxigraphStore, open_store
from kg.validation import validate_store
from tests.rdf.conftest import CTGOV, ROOT, SEEDS

TKG = "https://w3id.org/trialkg/vocab#"
TYPE = str(RDF.type)
INPUTS = [SEEDS, ROOT / "tests" / "documents", CTGOV / "v2", CTGOV / "classic", CTGOV / "xml"]
NOT_A_TRIAL = "not a clinical-trial document"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CTGOV.is_dir(), reason="../shared/ctgov not found"),
]


@pytest.fixture(scope="module")
def store() -> Iterator[OxigraphStore]:
    store = open_store(":memory:")
    report = build(INPUTS, store)
    assert [f for f in report.failures if not f.message.startswith(NOT_A_TRIAL)] == []
    inputs = sum(1 for folder in INPUTS for p in folder.iterdir() if p.is_file())
    assert report.built == inputs - len(report.failures)
    yield store


@pytest.fixture(scope="module")
def quads(store: OxigraphStore) -> list[ox.Quad]:
    return store.quads()


def _declared() -> set[str]:
    onto = Graph().parse(ROOT / "ontology" / "trialkg.ttl", format="turtle")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s) for kind in kinds for s in onto.subjects(RDF.type, kind)}


def test_every_tkg_predicate_and_class_in_the_data_is_declared(quads: list[ox.Quad]) -> None:
    used = {q.predicate.value for q in quads} | {
        q.object.value for q in quads if q.predicate.value == TYPE
    }
    assert sorted(t for t in used if t.startswith(TKG) and t not in _declared()) == []


def test_the_shapes_report_no_violation(store: OxigraphStore) -> None:
    report = validate_store(store)
    violations = [(str(r.focus), str(r.path), r.message, str(r.value)) for r in report.results
                  if r.severity == "Violation"]  # fmt: skip
    assert violations == []
    assert report.conforms


def _enumerations() -> dict[tuple[str, str], set[str]]:
    """(class, property) -> the values ``shapes.ttl`` allows there (``sh:in``)."""
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    found: dict[tuple[str, str], set[str]] = {}
    for prop_shape, values in shapes.subject_objects(SH["in"]):
        path = str(shapes.value(prop_shape, SH.path))
        for node_shape in shapes.subjects(SH.property, prop_shape):
            for cls in shapes.objects(node_shape, SH.targetClass):
                found.setdefault((str(cls), path), set()).update(
                    str(v) for v in shapes.collection(values)
                )
    return found


def test_every_enumerated_literal_is_in_its_enumeration(quads: list[ox.Quad]) -> None:
    """Also catches what SHACL cannot: an enumerated value on a node of no enumerating class."""
    enumerations = _enumerations()
    enumerated = {prop for _, prop in enumerations}
    types: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate.value == TYPE:
            types.setdefault(q.subject.value, set()).add(q.object.value)
    outside = set()
    for q in quads:
        prop = q.predicate.value
        if prop not in enumerated:
            continue
        lists = [v for (cls, p), v in enumerations.items()
                 if p == prop and cls in types.get(q.subject.value, ())]  # fmt: skip
        if not lists or any(q.object.value not in allowed for allowed in lists):
            outside.add((prop, q.object.value, tuple(sorted(types.get(q.subject.value, ())))))
    assert sorted(outside) == []


_ENUM_ON_PAGE = re.compile(r"`tkg:(\w+)`\s*\(\s*((?:`[^`]+`\s*\|\s*)+`[^`]+`)")


def test_the_vocabulary_page_and_the_shapes_give_the_same_enumerations() -> None:
    page = (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    stated = {
        TKG + name: set(re.findall(r"`([^`]+)`", values))
        for name, values in _ENUM_ON_PAGE.findall(page)
    }
    assert sorted(stated) == sorted(
        TKG + n
        for n in ("matchMethod", "drugType", "targetType", "mechanismSource", "sponsorRole",
                  "outcomeKind", "mentionContext")
    )  # fmt: skip
    shaped = _enumerations()
    for prop, values in stated.items():
        assert values in [v for (_, p), v in shaped.items() if p == prop], prop


def test_the_audit_reaches_every_registered_layout(quads: list[ox.Quad]) -> None:
    found = {q.object.value for q in quads if q.predicate.value == TKG + "layout"}
    assert found == set(layouts())
