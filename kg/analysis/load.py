"""Read the mechanism graph (:mod:`kg.analysis.graph`) out of a store with a few SELECTs.

A mechanism is read at the level it was stated: a drug's targets (``hits``) are the inferred
graph's ``tkg:hitsTarget`` edges, which ``kg build`` writes; its family-level
``tkg:TargetHit`` nodes (``tkg:onFamily``) give drug → family (``targets_family``). Each query reads
one kind of edge, so the drug/target part is read without touching trials; ``trials=False``
skips the trial part entirely.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from kg.analysis.graph import mechanism_graph
from kg.namespaces import TKG
from kg.store.base import Store

_PREFIXES = f"""PREFIX tkg: <{TKG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

QUERIES = {
    # curated reference mechanisms for drugs the reference covers, else what documents stated:
    # the inferred graph's edges (kg.analysis.classify.effective_targets applies the rule)
    "hits": "SELECT DISTINCT ?a ?b WHERE { ?a tkg:hitsTarget ?b }",
    # statements that named only a family ("a VEGFR inhibitor"), by the same rule as "hits":
    # drug → family edges, so they count at family level and never as target overlap (the
    # inferred graph's family-level tkg:TargetHit nodes, written by classify.target_hits)
    "family_hits": "SELECT DISTINCT ?a ?b WHERE { ?h tkg:byDrug ?a ; tkg:onFamily ?b }",
    "in_family": "SELECT DISTINCT ?a ?b WHERE { ?a a tkg:Target ; tkg:inFamily ?b }",
    "in_pathway": "SELECT DISTINCT ?a ?b WHERE { ?a a tkg:TargetFamily ; tkg:inPathway ?b }",
    "class_families": "SELECT DISTINCT ?a ?b WHERE { ?a tkg:classTargetsFamily ?b }",
    "classes": "SELECT DISTINCT ?a WHERE { ?a a tkg:DrugClass }",
    "gives": """SELECT DISTINCT ?a ?b WHERE {
        ?a a tkg:Trial ; tkg:hasIntervention ?iv . ?iv tkg:drug|tkg:drugClass ?b }""",
    "labels": """SELECT ?a (SAMPLE(?l) AS ?b) WHERE {
        ?a a ?type ; rdfs:label ?l .
        VALUES ?type { tkg:Drug tkg:DrugClass tkg:Target tkg:TargetFamily tkg:Pathway }
      } GROUP BY ?a""",
    "trial_labels": """SELECT ?a (COALESCE(SAMPLE(?n), SAMPLE(?t), STR(?a)) AS ?b) WHERE {
        ?a a tkg:Trial . OPTIONAL { ?a tkg:nctId ?n } OPTIONAL { ?a dcterms:title ?t }
      } GROUP BY ?a""",
}


def _pairs(store: Store, name: str) -> list[tuple[str, str]]:
    rows = store.select(_PREFIXES + QUERIES[name])
    return [(a.value, b.value) for a, b in rows if a is not None and b is not None]


def load_graph(store: Store, *, trials: bool = True) -> nx.DiGraph:
    """The mechanism graph of everything in ``store`` (without trials if ``trials=False``)."""
    labels = dict(_pairs(store, "labels"))
    if trials:
        labels.update(_pairs(store, "trial_labels"))  # the NCT id, else the title
    classes = [row[0].value for row in store.select(_PREFIXES + QUERIES["classes"]) if row[0]]
    g = mechanism_graph(
        hits=_pairs(store, "hits"),
        in_family=_pairs(store, "in_family"),
        in_pathway=_pairs(store, "in_pathway"),
        class_families=_pairs(store, "class_families"),
        gives=_pairs(store, "gives") if trials else (),
        labels=labels,
        classes=classes,
    )
    add_family_hits(g, _pairs(store, "family_hits"), labels)
    return g


def add_family_hits(
    g: nx.DiGraph, pairs: Iterable[tuple[str, str]], labels: Mapping[str, str]
) -> None:
    """Drug → family edges (relation ``targets_family``) for family-level statements.

    The drug keeps the kind ``drug`` (:func:`kg.analysis.graph.add_edge` would make a new
    source node a ``class``); :func:`kg.analysis.similarity.profile` counts the family at
    family and pathway level only, so no target overlap comes from it.

    >>> g = nx.DiGraph()
    >>> add_family_hits(g, [("d", "VEGFR")], {"d": "drug d"})
    >>> sorted(g.nodes(data="kind")), g.edges["d", "VEGFR"]["relation"]
    ([('VEGFR', 'family'), ('d', 'drug')], 'targets_family')
    """
    for drug, family in pairs:
        for node, kind in ((drug, "drug"), (family, "family")):
            if node not in g:
                g.add_node(node, kind=kind, label=labels.get(node, node))
        g.add_edge(drug, family, relation="targets_family")
