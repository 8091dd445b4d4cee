"""Exact values of the similarity functions on tiny hand-made graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis.graph import mechanism_graph, nodes_of
from kg.analysis.similarity import (
    drug_overlaps,
    drug_target_projection,
    jaccard,
    overlap,
    profile,
    similarity,
    similarity_matrix,
)
from kg.analysis.trials import trial_communities, trial_similarity_graph


@pytest.fixture
def g() -> nx.DiGraph:
    """anlo: KDR, FGFR1; lenva: KDR, FGFR1, RET; pen: PDCD1; ben: CD274; a class on PD-1 axis."""
    return mechanism_graph(
        hits=[("anlo", "KDR"), ("anlo", "FGFR1"), ("lenva", "KDR"), ("lenva", "FGFR1"),
              ("lenva", "RET"), ("pen", "PDCD1"), ("sin", "PDCD1"), ("ben", "CD274")],
        in_family=[("KDR", "VEGFR"), ("FGFR1", "FGFR"), ("RET", "RET family"),
                   ("PDCD1", "PD-1 axis"), ("CD274", "PD-1 axis")],
        in_pathway=[("VEGFR", "angiogenesis"), ("FGFR", "angiogenesis"),
                    ("PD-1 axis", "checkpoint")],
        class_families=[("ici", "PD-1 axis")],
        gives=[("t1", "anlo"), ("t1", "pen"), ("t2", "anlo"), ("t2", "ici"), ("t3", "lenva")],
    )  # fmt: skip


def test_jaccard_exact() -> None:
    assert jaccard({"a", "b", "c"}, {"b", "c", "d"}) == 0.5
    assert jaccard({"a"}, set()) == 0.0


def test_profiles_per_level(g: nx.DiGraph) -> None:
    assert profile(g, "anlo") == {"KDR", "FGFR1"}
    assert profile(g, "anlo", "family") == {"VEGFR", "FGFR"}
    assert profile(g, "anlo", "pathway") == {"angiogenesis"}
    assert profile(g, "ici") == frozenset()
    assert profile(g, "ici", "family") == {"PD-1 axis"}
    assert profile(g, "t2", "pathway") == {"angiogenesis", "checkpoint"}
    with pytest.raises(ValueError):
        profile(g, "anlo", "organ")


def test_drug_similarity_levels(g: nx.DiGraph) -> None:
    assert similarity(g, "anlo", "lenva") == pytest.approx(2 / 3)
    assert similarity(g, "anlo", "lenva", "family") == pytest.approx(2 / 3)
    assert similarity(g, "anlo", "lenva", "pathway") == 1.0  # RET family: no pathway
    assert similarity(g, "pen", "sin") == 1.0
    assert similarity(g, "pen", "ben") == 0.0
    assert similarity(g, "pen", "ben", "family") == 1.0


def test_overlap_names_what_is_shared(g: nx.DiGraph) -> None:
    o = overlap(g, "pen", "ben")
    assert (o.shared_targets, o.jaccard, o.shared_families, o.shared_pathways) == (
        (), 0.0, ("PD-1 axis",), ("checkpoint",))  # fmt: skip
    assert overlap(g, "anlo", "lenva").shared_targets == ("FGFR1", "KDR")


def test_drug_overlaps(g: nx.DiGraph) -> None:
    pairs = [(o.drug_a, o.drug_b, round(o.jaccard, 3)) for o in drug_overlaps(g)]
    assert pairs == [("pen", "sin", 1.0), ("anlo", "lenva", 0.667), ("ben", "pen", 0.0),
                     ("ben", "sin", 0.0)]  # fmt: skip
    assert [o.drug_b for o in drug_overlaps(g, "ben")] == ["pen", "sin"]


def test_similarity_matrix(g: nx.DiGraph) -> None:
    assert similarity_matrix(g, ["pen", "sin", "ben"]) == [
        [1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]  # fmt: skip


def test_projection(g: nx.DiGraph) -> None:
    p = drug_target_projection(g)
    assert sorted(p.nodes) == ["anlo", "ben", "lenva", "pen", "sin"]
    assert sorted((a, b, d["weight"]) for a, b, d in p.edges(data=True)) == [
        ("anlo", "lenva", 2), ("pen", "sin", 1)]  # fmt: skip


def test_trial_similarity(g: nx.DiGraph) -> None:
    assert nodes_of(g, "trial") == ["t1", "t2", "t3"]
    assert g.nodes["ici"]["kind"] == "class"
    # t1: KDR FGFR1 PDCD1; t2: KDR FGFR1 (the class has no target); t3: KDR FGFR1 RET
    assert similarity(g, "t1", "t2") == pytest.approx(2 / 3)
    assert similarity(g, "t1", "t2", "family") == 1.0
    assert similarity(g, "t2", "t3") == pytest.approx(2 / 3)
    edges = sorted(trial_similarity_graph(g, threshold=0.6).edges())
    assert edges == [("t1", "t2"), ("t2", "t3")]  # t1~t3 = 2/4


def test_trial_communities() -> None:
    g = mechanism_graph(
        hits=[("a", "T"), ("b", "U"), ("c", "V")],
        gives=[("t1", "a"), ("t2", "a"), ("t3", "b"), ("t4", "b"), ("t5", "c")],
    )
    assert [sorted(c) for c in trial_communities(g)] == [["t1", "t2"], ["t3", "t4"], ["t5"]]
    assert trial_communities(mechanism_graph([])) == []
