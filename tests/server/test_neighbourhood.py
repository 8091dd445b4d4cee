"""The page's trial neighbourhood shows mechanisms at the level they were stated."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from kg.server.neighbourhood import NEIGHBOURHOOD
from kg.store import OxigraphStore
from tests.seeds.facts import build_seeds

ID = "https://w3id.org/trialkg/id/"
TKG = "https://w3id.org/trialkg/vocab#"


@pytest.fixture(scope="module")
def seeds() -> Iterator[OxigraphStore]:
    store, report = build_seeds()
    assert report.ok, report.failures
    yield store


def _drug_mechanisms(triples: list[ox.Triple]) -> set[tuple[str, str, str]]:
    """(drug, target or family, level) of every mechanism in the graph."""
    by_mech: dict[str, dict[str, str]] = {}
    for t in triples:
        by_mech.setdefault(t.subject.value, {})[t.predicate.value] = t.object.value
    return {
        (m[TKG + "drug"], m.get(TKG + "target") or m[TKG + "targetFamily"],
         "target" if TKG + "target" in m else "family")
        for m in by_mech.values()
        if m.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == TKG + "Mechanism"
    }  # fmt: skip


def test_seed_000_penpulimab_at_family_level(seeds: OxigraphStore) -> None:
    trial = ox.NamedNode("https://clinicaltrials.gov/study/NCT06048315")
    triples = seeds.construct(NEIGHBOURHOOD, {"trial": trial})
    found = {(d, o, level) for d, o, level in _drug_mechanisms(triples) if level == "family"}
    assert found == {
        (ID + "drug/penpulimab", ID + "family/pd-1-pd-l1-axis", "family"),
        (ID + "drug/anlotinib", ID + "family/vegfr", "family"),
        (ID + "drug/anlotinib", ID + "family/pdgfr", "family"),
        (ID + "drug/anlotinib", ID + "family/fgfr", "family"),
    }
    penpulimab = {o for d, o, _ in _drug_mechanisms(triples) if d == ID + "drug/penpulimab"}
    assert penpulimab == {"http://identifiers.org/hgnc/8760", ID + "family/pd-1-pd-l1-axis"}
    axis = ox.NamedNode(ID + "family/pd-1-pd-l1-axis")
    assert {(t.predicate.value, t.object.value) for t in triples if t.subject == axis} == {
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", TKG + "TargetFamily"),
        ("http://www.w3.org/2000/01/rdf-schema#label", "PD-1/PD-L1 axis"),
    }
