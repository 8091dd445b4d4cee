"""The CONSTRUCT behind the page's graph view: one trial and what it connects to.

A drug's mechanisms are drawn at the level they were stated: drug → target, or drug → family
for a statement that named only the family (``tkg:targetFamily``; it claims no member).

Kept as a Python string (not a ``.rq`` file) so it ships with the package as it is. The
trial is pre-bound as ``?trial`` by :func:`kg.store.base.with_values`.
"""

from __future__ import annotations

NEIGHBOURHOOD = """\
PREFIX tkg: <https://w3id.org/trialkg/vocab#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
CONSTRUCT {
  ?trial a tkg:Trial ; tkg:nctId ?nct ; dcterms:title ?title ;
         tkg:hasIntervention ?iv ; tkg:hasCondition ?cond ; tkg:hasSponsorship ?sp .
  ?iv a tkg:Intervention ; rdfs:label ?ivl ; tkg:drug ?drug .
  ?drug a tkg:Drug ; rdfs:label ?dl .
  ?m a tkg:Mechanism ; tkg:drug ?drug ; tkg:target ?target ; tkg:action ?action .
  ?target a tkg:Target ; rdfs:label ?tl .
  ?fm a tkg:Mechanism ; tkg:drug ?fdrug ; tkg:targetFamily ?family ; tkg:action ?faction .
  ?family a tkg:TargetFamily ; rdfs:label ?fl .
  ?cond a tkg:Condition ; rdfs:label ?cl .
  ?sp a tkg:Sponsorship ; tkg:organization ?org ; tkg:sponsorRole ?role .
  ?org a tkg:Organization ; rdfs:label ?ol .
}
WHERE {
  ?trial a tkg:Trial .
  OPTIONAL { ?trial tkg:nctId ?nct }
  OPTIONAL { ?trial dcterms:title ?title }
  {
    ?trial tkg:hasIntervention ?iv .
    OPTIONAL { ?iv rdfs:label ?ivl }
    OPTIONAL {
      ?iv tkg:drug ?drug .
      OPTIONAL { ?drug rdfs:label ?dl }
      OPTIONAL {
        ?m a tkg:Mechanism ; tkg:drug ?drug ; tkg:target ?target ; tkg:action ?action .
        OPTIONAL { ?target rdfs:label ?tl }
      }
    }
  } UNION {
    # statements that named only a family ("blocking the PD-1 pathway"): drug → family
    ?trial tkg:hasIntervention ?fiv .
    ?fiv tkg:drug ?fdrug .
    ?fm a tkg:Mechanism ; tkg:drug ?fdrug ; tkg:targetFamily ?family ; tkg:action ?faction .
    OPTIONAL { ?family rdfs:label ?fl }
  } UNION {
    ?trial tkg:hasCondition ?cond .
    OPTIONAL { ?cond rdfs:label ?cl }
  } UNION {
    ?trial tkg:hasSponsorship ?sp .
    ?sp tkg:organization ?org .
    OPTIONAL { ?sp tkg:sponsorRole ?role }
    OPTIONAL { ?org rdfs:label ?ol }
  }
}
"""
