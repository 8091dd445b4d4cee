"""Mechanism classes: classify drugs and drug classes with an OWL reasoner.

The defined classes live in ``ontology/mechanism-classes.ttl`` (an anti-angiogenic agent is
a drug with an inhibiting mechanism on a target of a family in the angiogenesis pathway,
…). :func:`refresh_inferred` hands owlready2's reasoner (HermiT) the small drug/target part
of the graph only: the reference graph's drugs, drug classes, targets, families and
pathways, the reference mechanisms, and the mechanisms documents stated, folded to one
node per distinct (drug, target, action). Trials never reach the reasoner, so its input
grows with the number of distinct drugs, not with the number of trials. The entailed
``?x a tkg:<MechanismClass>`` triples replace the inferred graph, and the class definitions
themselves (labels, comments, the OWL equivalences) replace the ontology graph, so SPARQL
users can read what a class means beside the drugs it holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, TKG
from kg.store.base import Store, Term

MECHANISM_CLASSES = Path(__file__).resolve().parents[2] / "ontology" / "mechanism-classes.ttl"
AGENT = f"{TKG}MechanismAgent"
#: where the definitions' blank nodes (OWL restrictions and lists) get their stable IRIs
GENID = "https://w3id.org/trialkg/ontology/mechanism-classes/genid/"
_T = TypeVar("_T")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

_TKG = str(TKG)
_REFERENCE_FACTS = f"""
PREFIX tkg: <{_TKG}>
CONSTRUCT {{ ?s ?p ?o }}
WHERE {{
  GRAPH <{REFERENCE_GRAPH}> {{
    ?s ?p ?o .
    FILTER(?p IN (tkg:inFamily, tkg:inPathway, tkg:memberOf, tkg:classTargetsFamily,
                  tkg:drug, tkg:target, tkg:action)
           || (?p = rdf:type && ?o IN (tkg:Drug, tkg:DrugClass, tkg:Target, tkg:TargetFamily,
                                       tkg:Pathway, tkg:Mechanism)))
  }}
}}
""".replace("rdf:type", f"<{RDF_TYPE.value}>")

_DOCUMENT_MECHANISMS = f"""
PREFIX tkg: <{_TKG}>
SELECT DISTINCT ?drug ?target ?action
WHERE {{
  ?m tkg:mechanismSource "document" ; tkg:drug ?drug ; tkg:target ?target .
  OPTIONAL {{ ?m tkg:action ?action }}
}}
"""


def reasoner_input(store: Store) -> list[ox.Triple]:
    """The facts the reasoner needs: the reference drug/target graph + document mechanisms.

    Document mechanisms are folded to one synthetic node per distinct (drug, target,
    action), typed as mechanisms, with the drug and target typed too (a document may name a
    drug the reference graph does not know).
    """
    facts = list(store.construct(_REFERENCE_FACTS))
    for drug, target, action in store.select(_DOCUMENT_MECHANISMS):
        if not isinstance(drug, ox.NamedNode) or not isinstance(target, ox.NamedNode):
            continue
        facts.extend(_mechanism_node(drug, target, action))
    return facts


def _mechanism_node(
    drug: ox.NamedNode, target: ox.NamedNode, action: Term | None
) -> list[ox.Triple]:
    key = "\x1f".join((drug.value, target.value, action.value if action is not None else ""))
    node = ox.NamedNode(f"urn:trialkg:mechanism:{hashlib.sha256(key.encode()).hexdigest()[:20]}")
    triples = [
        ox.Triple(node, RDF_TYPE, ox.NamedNode(f"{_TKG}Mechanism")),
        ox.Triple(node, ox.NamedNode(f"{_TKG}drug"), drug),
        ox.Triple(node, ox.NamedNode(f"{_TKG}target"), target),
        ox.Triple(drug, RDF_TYPE, ox.NamedNode(f"{_TKG}Drug")),
        ox.Triple(target, RDF_TYPE, ox.NamedNode(f"{_TKG}Target")),
    ]
    if isinstance(action, ox.Literal):
        triples.append(ox.Triple(node, ox.NamedNode(f"{_TKG}action"), ox.Literal(action.value)))
    return triples


def classify(facts: Iterable[ox.Triple], classes: Path = MECHANISM_CLASSES) -> list[ox.Triple]:
    """``?x a C`` for every mechanism class ``C`` the reasoner entails for an individual.

    Params: ``facts``, the ABox (drugs, classes, targets, families, pathways, mechanisms);
    ``classes``, the Turtle file of defined classes. Returns the entailed type triples for
    the subclasses of ``tkg:MechanismAgent`` only, sorted (so equal input, equal output).
    Runs HermiT through owlready2 in a throw-away world (needs Java).
    """
    import owlready2

    tbox = list(ox.parse(path=str(classes), format=ox.RdfFormat.TURTLE))
    with tempfile.TemporaryDirectory(prefix="trialkg-owl-") as tmp:
        path = Path(tmp) / "input.nt"
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in tbox] + list(facts)
        path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        agent = world[AGENT]
        if agent is None:
            raise ValueError(f"{classes}: no class {AGENT}")
        with _quiet():
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        inferred: set[tuple[str, str]] = set()
        for cls in agent.descendants(include_self=False):
            for individual in cls.instances(world=world):
                inferred.add((individual.iri, cls.iri))
        world.close()
    return [ox.Triple(ox.NamedNode(i), RDF_TYPE, ox.NamedNode(c)) for i, c in sorted(inferred)]


def ontology_quads(classes: Path = MECHANISM_CLASSES) -> list[ox.Quad]:
    """The defined classes as quads of the ontology graph, blank nodes made IRIs.

    Each blank node becomes ``GENID<n>``, numbered in the order the file first names it, so
    the same file gives the same quads on every build and a SPARQL server given the graph
    (``kg push``) holds exactly it (servers rename blank nodes).
    """
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    names: dict[str, ox.NamedNode] = {}

    def term(t: _T) -> _T | ox.NamedNode:
        if isinstance(t, ox.BlankNode):
            return names.setdefault(t.value, ox.NamedNode(f"{GENID}{len(names)}"))
        return t

    return [
        ox.Quad(term(q.subject), q.predicate, term(q.object), graph)
        for q in ox.parse(path=str(classes), format=ox.RdfFormat.TURTLE)
    ]


def refresh_inferred(store: Store) -> int:
    """Re-run the classification and replace the inferred graph; returns its triple count.

    Also replaces the ontology graph with the class definitions (:func:`ontology_quads`).
    """
    store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
    triples = classify(reasoner_input(store))
    graph = ox.NamedNode(INFERRED_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    store.replace_graph(INFERRED_GRAPH, quads)
    return len(triples)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence owlready2's reasoner chatter on stdout/stderr."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield
