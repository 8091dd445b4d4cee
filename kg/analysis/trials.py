"""Trial–trial mechanism similarity and communities of mechanistically similar trials.

A trial's profile is the union of the profiles of what it gives
(:func:`kg.analysis.similarity.profile`), so a trial naming only a drug class still has a
family and pathway profile.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx

from kg.analysis.graph import label, nodes_of
from kg.analysis.similarity import profile, similarity


def trial_similarity_graph(
    g: nx.DiGraph, level: str = "target", threshold: float = 0.0
) -> nx.Graph:
    """Trials linked by mechanism similarity at ``level``.

    Params: ``threshold``, the Jaccard index an edge must exceed. Returns an undirected
    graph of every trial (isolated when alike to none) with ``weight`` = Jaccard index.

    >>> from kg.analysis.graph import mechanism_graph
    >>> g = mechanism_graph([("a", "T"), ("b", "U")], gives=[("t1", "a"), ("t2", "a"), ("t2", "b")])
    >>> sorted(trial_similarity_graph(g).edges(data="weight"))
    [('t1', 't2', 0.5)]
    """
    trials = nodes_of(g, "trial")
    out = nx.Graph()
    for t in trials:
        out.add_node(t, label=label(g, t))
    for a, b in combinations(trials, 2):
        score = similarity(g, a, b, level)
        if score > threshold:
            out.add_edge(a, b, weight=score)
    return out


def trial_communities(
    g: nx.DiGraph, level: str = "target", threshold: float = 0.0, seed: int = 0
) -> list[frozenset[str]]:
    """Communities of mechanistically similar trials (Louvain on the similarity graph).

    Params: ``level`` and ``threshold`` as for :func:`trial_similarity_graph`; ``seed``
    makes the result repeatable. Returns communities, largest first, then by first trial;
    trials with no mechanism at ``level`` are left out.

    >>> from kg.analysis.graph import mechanism_graph
    >>> g = mechanism_graph([("a", "T"), ("b", "U")],
    ...                     gives=[("t1", "a"), ("t2", "a"), ("t3", "b"), ("t4", "b")])
    >>> [sorted(c) for c in trial_communities(g)]
    [['t1', 't2'], ['t3', 't4']]
    """
    sim = trial_similarity_graph(g, level, threshold)
    sim.remove_nodes_from([t for t in list(sim) if not profile(g, t, level)])
    if sim.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(sim, weight="weight", seed=seed)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(c)))
