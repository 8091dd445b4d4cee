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
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.namespaces import ID, INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, TKG
from kg.rdf.statement_key import parse_statement_key
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

#: the IRIs of the document mechanisms folded for the reasoner
_FOLDED = "urn:trialkg:mechanism:"
#: the IRIs of the inferred graph's tkg:TargetHit nodes
HIT = f"{ID}hit/"
# The distinct mechanism statements of every document: one scan of tkg:statementKey (each
# document mechanism's (kind, drug, target or family, action) as one literal, written by
# kg build), held in memory once per distinct statement. A join of each mechanism's drug,
# target and action held every mechanism of every document instead: 811 MiB at 100,000
# trials, growing with the documents (docs/decisions/0013).
_STATEMENTS = f"""
PREFIX tkg: <{_TKG}>
SELECT DISTINCT ?key WHERE {{ ?m tkg:statementKey ?key }}
"""

Statement = tuple[ox.NamedNode, ox.NamedNode, Term | None]


@dataclass(frozen=True, slots=True)
class Statements:
    """What documents say drugs act on, each distinct, the action None where none is said."""

    #: (drug, target, action) of every mechanism a document stated
    targets: list[Statement]
    #: (drug, family, action) of every family-level mechanism a document stated
    families: list[Statement]


def statements(store: Store) -> Statements:
    """The document-stated and the family-level mechanism statements, in one scan."""
    targets: list[Statement] = []
    families: list[Statement] = []
    for (key,) in store.select(_STATEMENTS):
        parsed = parse_statement_key(key.value) if isinstance(key, ox.Literal) else None
        if parsed is None:
            continue
        kind, drug, what, action = parsed
        try:
            said = None if action is None else ox.Literal(action)
            statement = (ox.NamedNode(drug), ox.NamedNode(what), said)
        except ValueError:  # a key written by hand whose IRIs do not parse: not a statement
            continue
        (targets if kind == "target" else families).append(statement)
    return Statements(targets, families)


def document_statements(store: Store) -> list[Statement]:
    """(drug, target, action) of every mechanism a document stated, distinct."""
    return statements(store).targets


def family_statements(store: Store) -> list[Statement]:
    """(drug, family, action) of every family-level mechanism statement, distinct."""
    return statements(store).families


def reasoner_input(store: Store, stated: Iterable[Statement] | None = None) -> list[ox.Triple]:
    """The facts the reasoner needs: the reference drug/target graph + document mechanisms.

    Document mechanisms (``stated``, read from the store when not given: see
    :func:`document_statements`) are folded to one synthetic node per distinct (drug, target,
    action), typed as mechanisms, with the drug and target typed too (a document may name a
    drug the reference graph does not know).
    """
    facts = list(store.construct(_REFERENCE_FACTS))
    for drug, target, action in document_statements(store) if stated is None else stated:
        facts.extend(_mechanism_node(drug, target, action))
    return facts


def effective_targets(facts: Iterable[ox.Triple]) -> list[ox.Triple]:
    """``?drug tkg:hitsTarget ?target``: what each drug hits, one edge per pair.

    The reference mechanisms where the reference covers the drug, else the mechanisms
    documents stated; read from :func:`reasoner_input`'s facts, so the edges grow with the
    number of distinct drugs and targets, never with the number of trials. Queries that
    compare drugs (``mechanism-overlap``) join these few edges instead of every mechanism
    of every document.

    >>> T = lambda n: ox.NamedNode(f"{_TKG}{n}")
    >>> d, x, y, m = (ox.NamedNode(f"urn:{n}") for n in "dxym")
    >>> [str(t.object) for t in effective_targets([ox.Triple(m, T("drug"), d),
    ...                                            ox.Triple(m, T("target"), x)])]
    ['<urn:x>']
    """
    hits = ox.NamedNode(f"{_TKG}hitsTarget")
    effective, _ = _effective(_pairs(facts))
    return [ox.Triple(d, hits, t) for d, t in sorted(effective, key=_by_value)]


def target_hits(
    facts: Iterable[ox.Triple], family_statements: Iterable[Statement]
) -> list[ox.Triple]:
    """``tkg:TargetHit`` nodes: each (drug, target) of :func:`effective_targets` with the
    actions its source states (``tkg:byDrug``, ``tkg:onTarget``, ``tkg:hitAction``), and, for a
    drug the reference does not cover, each target family documents named it by
    (``tkg:onFamily``: "a VEGFR inhibitor"). One node per (drug, target or family), so a
    per-trial query looks the action up among a few nodes per drug, not among every
    document's mechanisms.

    >>> T = lambda n: ox.NamedNode(f"{_TKG}{n}")
    >>> d, x, m = (ox.NamedNode(f"urn:{n}") for n in "dxm")
    >>> hits = target_hits([ox.Triple(m, T("drug"), d), ox.Triple(m, T("target"), x),
    ...                     ox.Triple(m, T("action"), ox.Literal("inhibitor"))], [])
    >>> sorted(t.predicate.value.rsplit("#")[1] for t in hits)
    ['byDrug', 'hitAction', 'onTarget', 'type']
    """
    facts = list(facts)
    pairs = _pairs(facts)
    effective, covered = _effective(pairs)
    said = _actions(facts)
    actions: dict[tuple[ox.NamedNode, ox.NamedNode], set[str]] = {}
    for mechanism, (drug, target) in pairs.items():
        if (drug in covered) != _stated(mechanism):  # the pair's own source
            actions.setdefault((drug, target), set()).update(said.get(mechanism, ()))
    triples: list[ox.Triple] = []
    for drug, target in sorted(effective, key=_by_value):
        triples += _hit(drug, _ON_TARGET, target, actions.get((drug, target), set()))
    families: dict[tuple[ox.NamedNode, ox.NamedNode], set[str]] = {}
    for drug, family, action in family_statements:
        if drug not in covered:
            named = families.setdefault((drug, family), set())
            if isinstance(action, ox.Literal):
                named.add(action.value)
    for (drug, family), named in sorted(families.items(), key=lambda kv: _by_value(kv[0])):
        triples += _hit(drug, _ON_FAMILY, family, named)
    return triples


_ON_TARGET = ox.NamedNode(f"{_TKG}onTarget")
_ON_FAMILY = ox.NamedNode(f"{_TKG}onFamily")


def _hit(
    drug: ox.NamedNode, on: ox.NamedNode, what: ox.NamedNode, actions: set[str]
) -> list[ox.Triple]:
    key = "\x1f".join((drug.value, on.value, what.value))
    node = ox.NamedNode(f"{HIT}{hashlib.sha256(key.encode()).hexdigest()[:20]}")
    return [
        ox.Triple(node, RDF_TYPE, ox.NamedNode(f"{_TKG}TargetHit")),
        ox.Triple(node, ox.NamedNode(f"{_TKG}byDrug"), drug),
        ox.Triple(node, on, what),
        *(
            ox.Triple(node, ox.NamedNode(f"{_TKG}hitAction"), ox.Literal(a))
            for a in sorted(actions)
        ),
    ]


def _by_value(pair: tuple[ox.NamedNode, ox.NamedNode]) -> tuple[str, str]:
    return pair[0].value, pair[1].value


def _pairs(facts: Iterable[ox.Triple]) -> dict[str, tuple[ox.NamedNode, ox.NamedNode]]:
    """mechanism (as N-Triples text) -> its (drug, target)."""
    drug_of: dict[str, ox.NamedNode] = {}
    target_of: dict[str, ox.NamedNode] = {}
    drug_p, target_p = ox.NamedNode(f"{_TKG}drug"), ox.NamedNode(f"{_TKG}target")
    for t in facts:
        if t.predicate == drug_p and isinstance(t.object, ox.NamedNode):
            drug_of[str(t.subject)] = t.object
        elif t.predicate == target_p and isinstance(t.object, ox.NamedNode):
            target_of[str(t.subject)] = t.object
    return {m: (d, target_of[m]) for m, d in drug_of.items() if m in target_of}


def _actions(facts: Iterable[ox.Triple]) -> dict[str, list[str]]:
    action_p = ox.NamedNode(f"{_TKG}action")
    found: dict[str, list[str]] = {}
    for t in facts:
        if t.predicate == action_p and isinstance(t.object, ox.Literal):
            found.setdefault(str(t.subject), []).append(t.object.value)
    return found


def _stated(mechanism: str) -> bool:
    """Whether a mechanism (as N-Triples text) is a folded document statement."""
    return mechanism.startswith(f"<{_FOLDED}")


def _effective(
    pairs: dict[str, tuple[ox.NamedNode, ox.NamedNode]],
) -> tuple[set[tuple[ox.NamedNode, ox.NamedNode]], set[ox.NamedNode]]:
    """The reference's (drug, target) pairs and documents' pairs for drugs it does not
    cover; and the drugs it covers."""
    reference = {p for m, p in pairs.items() if not _stated(m)}
    covered = {drug for drug, _ in reference}
    stated = {(d, t) for m, (d, t) in pairs.items() if _stated(m) and d not in covered}
    return reference | stated, covered


def _mechanism_node(
    drug: ox.NamedNode, target: ox.NamedNode, action: Term | None
) -> list[ox.Triple]:
    key = "\x1f".join((drug.value, target.value, action.value if action is not None else ""))
    node = ox.NamedNode(f"{_FOLDED}{hashlib.sha256(key.encode()).hexdigest()[:20]}")
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

    The inferred graph holds the entailed mechanism classes, the drugs' target edges
    (:func:`effective_targets`) and the sha256 of the reasoner's input: when the input is
    unchanged (documents that state no new mechanism), the reasoner is not run again.
    Also replaces the ontology graph with the class definitions (:func:`ontology_quads`).
    """
    store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
    said = statements(store)
    facts = reasoner_input(store, said.targets)
    families = said.families
    digest = _digest(facts, families)
    known = store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g ?p ?h . ?s ?x ?o } }",
        {"g": ox.NamedNode(INFERRED_GRAPH), "p": INPUT_SHA256, "h": ox.Literal(digest)},
    )
    count = known.rows[0][0]
    if isinstance(count, ox.Literal) and int(count.value) > 0:
        return int(count.value)
    graph = ox.NamedNode(INFERRED_GRAPH)
    triples = [
        *classify(facts),
        *effective_targets(facts),
        *target_hits(facts, families),
        ox.Triple(graph, INPUT_SHA256, ox.Literal(digest)),
    ]
    store.replace_graph(
        INFERRED_GRAPH, [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    )
    return len(triples)


#: stated of a derived graph: the sha256 of the reasoner input it was made from
INPUT_SHA256 = ox.NamedNode(f"{_TKG}reasonerInputSha256")


def _digest(facts: list[ox.Triple], families: list[Statement]) -> str:
    """The sha256 of what the inferred graph is made from: the reasoner's facts and the
    family-level statements (in any order), and the class file."""
    lines = sorted(f"{t} ." for t in facts)
    lines += sorted(" ".join(str(x) for x in row) for row in families)
    h = hashlib.sha256(MECHANISM_CLASSES.read_bytes())
    for line in lines:
        h.update(line.encode())
    return h.hexdigest()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence owlready2's reasoner chatter on stdout/stderr."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield
