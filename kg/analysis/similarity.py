"""Drug–drug mechanism similarity at target, family and pathway level.

A drug's *profile* at a level is the set of targets it hits, the families of those targets,
or the pathways of those families. A drug class named in a trial has no targets; its
family profile is the families it targets. Similarity is the Jaccard index of profiles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from networkx.algorithms import bipartite

from kg.analysis.graph import label, nodes_of, related

LEVELS = ("target", "family", "pathway")


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard index ``|A ∩ B| / |A ∪ B|`` of two sets (0.0 when both are empty).

    Params: ``a``, ``b``, the two collections (duplicates ignored). Returns a float in [0, 1].

    >>> jaccard({"KDR", "FLT1"}, {"KDR"})
    0.5
    >>> jaccard(set(), set())
    0.0
    """
    sa, sb = set(a), set(b)
    union = sa | sb
    return len(sa & sb) / len(union) if union else 0.0


def profile(g: nx.DiGraph, node: str, level: str = "target") -> frozenset[str]:
    """What ``node`` (a drug, drug class or trial) reaches at ``level``.

    Formula: targets(d) = hits(d); families(d) = ∪ in_family(t) for t in targets(d), plus
    targets_family(d) for a class; pathways(d) = ∪ in_pathway(f) for f in families(d). A
    trial's profile is the union of the profiles of the drugs and classes it gives.

    >>> from kg.analysis.graph import mechanism_graph
    >>> g = mechanism_graph([("d", "KDR"), ("d", "FGFR1")], in_family=[("KDR", "VEGFR")],
    ...                     in_pathway=[("VEGFR", "angiogenesis")])
    >>> sorted(profile(g, "d")), sorted(profile(g, "d", "family")), sorted(profile(g, "d", "pathway"))
    (['FGFR1', 'KDR'], ['VEGFR'], ['angiogenesis'])
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if node in g and g.nodes[node].get("kind") == "trial":
        agents = related(g, node, "gives")
        return frozenset().union(*(profile(g, a, level) for a in agents))
    targets = related(g, node, "hits")
    if level == "target":
        return targets
    families = related(g, node, "targets_family").union(
        *(related(g, t, "in_family") for t in targets)
    )
    if level == "family":
        return families
    return frozenset().union(*(related(g, f, "in_pathway") for f in families))


def similarity(g: nx.DiGraph, a: str, b: str, level: str = "target") -> float:
    """Jaccard index of the profiles of ``a`` and ``b`` at ``level`` (drugs, classes, trials).

    >>> from kg.analysis.graph import mechanism_graph
    >>> g = mechanism_graph([("a", "T1"), ("a", "T2"), ("b", "T2")])
    >>> similarity(g, "a", "b")
    0.5
    """
    return jaccard(profile(g, a, level), profile(g, b, level))


@dataclass(frozen=True, slots=True)
class Overlap:
    """Two drugs' shared targets, families and pathways; Jaccard at each level."""

    drug_a: str
    drug_b: str
    shared_targets: tuple[str, ...]
    jaccard: float
    shared_families: tuple[str, ...]
    shared_pathways: tuple[str, ...]
    family_jaccard: float = 0.0
    pathway_jaccard: float = 0.0

    @property
    def overlaps(self) -> bool:
        """Whether the drugs meet at any level."""
        return bool(self.shared_targets or self.shared_families or self.shared_pathways)


def overlap(g: nx.DiGraph, a: str, b: str) -> Overlap:
    """The overlap of two drugs at every level, shared nodes named by label, sorted.

    >>> from kg.analysis.graph import mechanism_graph
    >>> g = mechanism_graph([("a", "PDCD1"), ("b", "CD274")],
    ...                     in_family=[("PDCD1", "PD-1 axis"), ("CD274", "PD-1 axis")])
    >>> o = overlap(g, "a", "b")
    >>> o.shared_targets, o.jaccard, o.shared_families
    ((), 0.0, ('PD-1 axis',))
    """

    def shared(level: str) -> tuple[str, ...]:
        common = profile(g, a, level) & profile(g, b, level)
        return tuple(sorted(label(g, n) for n in common))

    return Overlap(
        drug_a=label(g, a),
        drug_b=label(g, b),
        shared_targets=shared("target"),
        jaccard=similarity(g, a, b, "target"),
        shared_families=shared("family"),
        shared_pathways=shared("pathway"),
        family_jaccard=similarity(g, a, b, "family"),
        pathway_jaccard=similarity(g, a, b, "pathway"),
    )


def drug_overlaps(g: nx.DiGraph, drug: str | None = None) -> list[Overlap]:
    """Every pair of drugs that meet at some level (only pairs with ``drug`` if given).

    Returns overlaps sorted by Jaccard (highest first), then by the drugs' labels; with
    ``drug`` given, it is always ``drug_a``.
    """
    drugs = [d for d in nodes_of(g, "drug") if profile(g, d, "target")]
    if drug is not None:
        pairs = [(drug, other) for other in drugs if other != drug]
    else:
        pairs = list(combinations(drugs, 2))
    found = [o for o in (overlap(g, a, b) for a, b in pairs) if o.overlaps]
    return sorted(found, key=lambda o: (-o.jaccard, o.drug_a, o.drug_b))


def similarity_matrix(g: nx.DiGraph, nodes: list[str], level: str = "target") -> list[list[float]]:
    """Pairwise similarities of ``nodes`` (in that order) at ``level``; 1.0 on the diagonal.

    >>> from kg.analysis.graph import mechanism_graph
    >>> similarity_matrix(mechanism_graph([("a", "T"), ("b", "T"), ("b", "U")]), ["a", "b"])
    [[1.0, 0.5], [0.5, 1.0]]
    """
    return [[1.0 if a == b else similarity(g, a, b, level) for b in nodes] for a in nodes]


def drug_target_projection(g: nx.DiGraph) -> nx.Graph:
    """The drug–target bipartite graph projected onto drugs.

    Two drugs are linked when they hit a common target; ``weight`` is the number of shared
    targets and ``jaccard`` the target-level Jaccard index.

    >>> from kg.analysis.graph import mechanism_graph
    >>> p = drug_target_projection(mechanism_graph([("a", "T"), ("b", "T"), ("b", "U")]))
    >>> sorted(p.edges(data=True))
    [('a', 'b', {'weight': 1, 'jaccard': 0.5})]
    """
    drugs = [d for d in nodes_of(g, "drug") if profile(g, d)]
    bi = nx.Graph()
    bi.add_nodes_from(drugs, bipartite=0)
    bi.add_edges_from((d, t) for d in drugs for t in profile(g, d))
    projected = bipartite.weighted_projected_graph(bi, drugs)
    for a, b, data in projected.edges(data=True):
        data["jaccard"] = similarity(g, a, b)
    for node in projected:
        projected.nodes[node]["label"] = label(g, node)
    return projected
