"""Mechanism overlap: OWL mechanism classes, drug and trial similarity, communities.

Read a store once with :func:`load_graph`, then everything is a pure function of the graph.
``kg.analysis.classify.refresh_inferred(store)`` recomputes the inferred mechanism classes.
"""

from kg.analysis.graph import mechanism_graph, nodes_of
from kg.analysis.load import load_graph
from kg.analysis.similarity import (
    LEVELS,
    Overlap,
    drug_overlaps,
    drug_target_projection,
    jaccard,
    overlap,
    profile,
    similarity,
    similarity_matrix,
)
from kg.analysis.trials import trial_communities, trial_similarity_graph

__all__ = [
    "LEVELS",
    "Overlap",
    "drug_overlaps",
    "drug_target_projection",
    "jaccard",
    "load_graph",
    "mechanism_graph",
    "nodes_of",
    "overlap",
    "profile",
    "similarity",
    "similarity_matrix",
    "trial_communities",
    "trial_similarity_graph",
]
