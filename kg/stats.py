"""Counts computed from the graph itself, on every call: never stored, never stale."""

from __future__ import annotations

from kg.store.base import Store

PREFIX = "PREFIX tkg: <https://w3id.org/trialkg/vocab#>\n"

#: label -> SPARQL pattern whose distinct ?x are counted
COUNTS: dict[str, str] = {
    "documents": "?x a tkg:Document",
    "trials": "?x a tkg:Trial",
    "arms": "?x a tkg:Arm",
    "interventions": "?x a tkg:Intervention",
    "drugs in trials": "?t a tkg:Trial ; tkg:hasIntervention/tkg:drug ?x",
    "drug classes in trials": "?t a tkg:Trial ; tkg:hasIntervention/tkg:drugClass ?x",
    "targets hit by trial drugs": "?t tkg:hasIntervention/tkg:drug ?d . ?m tkg:drug ?d ; tkg:target ?x",
    # statements that named only a family ("a VEGFR inhibitor"): the family, no member target
    "families stated for trial drugs": (
        "?t tkg:hasIntervention/tkg:drug ?d . ?m tkg:drug ?d ; tkg:targetFamily ?x"
    ),
    "conditions": "?t a tkg:Trial ; tkg:hasCondition ?x",
    "sponsors": "?t tkg:hasSponsorship/tkg:organization ?x",
    "sites": "?x a tkg:Site",
    "eligibility criteria": "?t tkg:hasCriterion ?x",
    "mechanisms stated by documents": '?x a tkg:Mechanism ; tkg:mechanismSource "document"',
    "mechanisms in the reference graph": '?x a tkg:Mechanism ; tkg:mechanismSource "reference"',
    "family-level mechanisms": "?x a tkg:Mechanism ; tkg:targetFamily ?f",
    "cited results": "?x a tkg:CitedResult",
    "cited studies": "?x a tkg:CitedStudy",
    "drug mentions (not interventions)": "?x a tkg:Mention",
    "names left unresolved": "?x tkg:unresolved true",
}


def stats(store: Store) -> dict[str, int]:
    """Every count of :data:`COUNTS`, plus the number of triples and named graphs."""
    selects = " ".join(
        f"{{ SELECT (COUNT(DISTINCT ?x) AS ?c{i}) WHERE {{ {pattern} }} }}"
        for i, pattern in enumerate(COUNTS.values())
    )
    result = store.select(f"{PREFIX}SELECT * WHERE {{ {selects} }}")
    by_column = dict(zip(result.columns, result.rows[0], strict=True))
    out = {}
    for i, label in enumerate(COUNTS):
        term = by_column.get(f"c{i}")
        out[label] = int(term.value) if term is not None else 0
    triples = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]
    out["triples"] = int(triples.value) if triples is not None else 0
    out["named graphs"] = len(store.graphs())
    return out
