"""Redundant combinations: arms that give two drugs hitting a common target, kept as a view.

The ``redundant-combinations`` question joins every arm's agents with the drug pairs that
share a target (``tkg:hitsTarget``, inferred graph), leaves out drugs listed as alternatives
to each other, and reads each answer row's arm name, trial and NCT id: at 100,000 trials
that is about 3 s, most of it one index seek per answer row (docs/decisions/0014). So
``kg build`` keeps the answer in its own graph, :data:`~kg.namespaces.REDUNDANCY_GRAPH`, one
``tkg:RedundantCombination`` node per (arm, drug pair) with the arm's name and the trial's
NCT id copied on it, and the named query reads those few thousand nodes by range scans.

The graph records the inferred graph's digest it was computed against
(``tkg:reasonerInputSha256``). A build removes that marker before it writes its first
document and puts it back when the view is refreshed, so a view left behind by an
interrupted build, or computed against other drug targets, is recomputed whole; otherwise
only the arms of the documents the build wrote are (:class:`Upkeep`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg.analysis.classify import INPUT_SHA256 as _DIGEST
from kg.analysis.classify import RDF_TYPE
from kg.namespaces import INFERRED_GRAPH, REDUNDANCY_GRAPH, TKG, mint
from kg.store.base import Store, values

#: at most this many written document graphs are refreshed arm by arm; beyond, the whole view
INCREMENTAL_GRAPHS = 1_000

_TKG = str(TKG)
_GRAPH = ox.NamedNode(REDUNDANCY_GRAPH)
#: removes the view's marker: until it is back, the view is not known to be current
_UNMARK = f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {_GRAPH} {_DIGEST} ?d }} }}"

# Each (arm, drug, other drug, shared target) with the arm's name, trial and NCT id: the
# arms' agents (tkg:armGivesAgent, a scan, or a seek per arm when {arms} binds them) hash-
# joined with the few hundred drug pairs sharing a target, minus the pairs one of the arm's
# interventions lists as alternatives ("cisplatin or carboplatin"). Oxigraph joins a block's
# patterns in the order written, so each block starts from its smallest set.
_ROWS = """
PREFIX tkg: <{tkg}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a ?arm ?trial ?nct ?da ?db ?t
WHERE {{
  {{ SELECT ?a ?da ?db ?t WHERE {{
      {{ SELECT ?a ?da WHERE {{ {arms} ?a tkg:armGivesAgent ?da }} }}
      {{ SELECT ?da ?db ?t
         WHERE {{ ?da tkg:hitsTarget ?t . ?db tkg:hitsTarget ?t . FILTER(STR(?da) < STR(?db)) }} }}
      {{ SELECT ?a ?db WHERE {{ {arms} ?a tkg:armGivesAgent ?db }} }}
      MINUS {{
        SELECT ?a ?da ?db WHERE {{
          ?ca tkg:alternativeTo ?cb .
          ?ca tkg:drug ?da .
          ?cb tkg:drug ?db .
          ?iv tkg:hasComponent ?ca .
          ?a tkg:hasIntervention ?iv .
          {arms}
        }}
      }}
  }} }}
  ?a rdfs:label ?arm .
  {{ SELECT ?trial ?a WHERE {{ {arms} ?trial tkg:hasArm ?a }} }}
  OPTIONAL {{ SELECT ?trial ?nct WHERE {{ ?trial tkg:nctId ?nct }} }}
}}
"""


@dataclass(frozen=True, slots=True)
class Row:
    """One arm giving two drugs that hit one target (``first`` has the smaller IRI)."""

    arm: ox.NamedNode
    arm_label: ox.Literal
    trial: ox.NamedNode
    nct: ox.Literal | None
    first: ox.NamedNode
    second: ox.NamedNode
    target: ox.NamedNode


def rows(store: Store, arms: Sequence[str] | None = None) -> list[Row]:
    """The redundant (arm, drug pair, target) rows of the whole graph, or of ``arms`` only."""
    if arms is not None and not arms:
        return []
    bound = "" if arms is None else _values("a", arms)
    found = []
    for a, arm, trial, nct, da, db, t in store.select(_ROWS.format(tkg=_TKG, arms=bound)):
        if (
            isinstance(a, ox.NamedNode)
            and isinstance(arm, ox.Literal)
            and isinstance(trial, ox.NamedNode)
            and isinstance(da, ox.NamedNode)
            and isinstance(db, ox.NamedNode)
            and isinstance(t, ox.NamedNode)
        ):
            found.append(
                Row(a, arm, trial, nct if isinstance(nct, ox.Literal) else None, da, db, t)
            )
    return found


def _values(name: str, iris: Iterable[str]) -> str:
    """``VALUES ?name { <iri> … }`` of IRIs given as strings."""
    return values(name, (ox.NamedNode(i) for i in iris))


def view_triples(found: Iterable[Row]) -> set[ox.Triple]:
    """One ``tkg:RedundantCombination`` node per (arm, drug pair), with every target the two
    drugs share (a node's IRI is minted from its arm and pair, so equal rows, equal triples).

    >>> N = lambda n: ox.NamedNode(f"urn:{n}")
    >>> row = Row(N("arm"), ox.Literal("A"), N("trial"), None, N("d1"), N("d2"), N("kdr"))
    >>> sorted(t.predicate.value.rsplit("#")[1] for t in view_triples([row, row]))
    ['redundantArm', 'redundantArmLabel', 'redundantFirstAgent', 'redundantSecondAgent', \
'redundantTarget', 'redundantTrial', 'type']
    """
    triples: set[ox.Triple] = set()
    for row in found:
        node = ox.NamedNode(mint("redundant-combination", row.arm.value, row.first.value,
                                 row.second.value))  # fmt: skip
        triples.update(
            [
                ox.Triple(node, RDF_TYPE, ox.NamedNode(f"{_TKG}RedundantCombination")),
                ox.Triple(node, _P["arm"], row.arm),
                ox.Triple(node, _P["armLabel"], row.arm_label),
                ox.Triple(node, _P["trial"], row.trial),
                ox.Triple(node, _P["firstAgent"], row.first),
                ox.Triple(node, _P["secondAgent"], row.second),
                ox.Triple(node, _P["target"], row.target),
            ]
        )
        if row.nct is not None:
            triples.add(ox.Triple(node, _P["nctId"], row.nct))
    return triples


_P = {
    name: ox.NamedNode(f"{_TKG}redundant{name[0].upper()}{name[1:]}")
    for name in ("arm", "armLabel", "trial", "nctId", "firstAgent", "secondAgent", "target")
}


def refresh_redundant(store: Store, arms: Sequence[str] | None = None) -> int:
    """Recompute the view, whole (``arms`` None) or the nodes of ``arms`` only, and mark it
    current with the inferred graph's digest. One update writes the difference from what the
    view held (usually little: a node's IRI is its arm and drug pair), or, into an empty
    view, one load. Returns the recomputed part's triple count (the marker included)."""
    digest = inferred_digest(store)
    new = view_triples(rows(store, arms))
    if digest is not None:
        new.add(ox.Triple(_GRAPH, _DIGEST, ox.Literal(digest)))
    old = _stored(store, arms)
    if arms is None and not old:
        quads = [ox.Quad(t.subject, t.predicate, t.object, _GRAPH) for t in new]
        store.replace_graph(REDUNDANCY_GRAPH, sorted(quads, key=str))
        return len(new)
    gone = "\n".join(f"{t} ." for t in sorted(old - new, key=str))
    came = "\n".join(f"{t} ." for t in sorted(new - old, key=str))
    store.update(
        f"{_UNMARK} ;\n"
        f"DELETE DATA {{ GRAPH {_GRAPH} {{ {gone} }} }} ;\n"
        f"INSERT DATA {{ GRAPH {_GRAPH} {{ {came} }} }}"
    )
    return len(new)


def _stored(store: Store, arms: Sequence[str] | None) -> set[ox.Triple]:
    """The view's triples: all, or those of the nodes of ``arms`` (the marker left out)."""
    bound = "" if arms is None else f"{_values('a', arms)} ?r {_P['arm']} ?a ."
    found = store.select(f"SELECT ?r ?p ?o WHERE {{ GRAPH {_GRAPH} {{ {bound} ?r ?p ?o }} }}")
    return {
        ox.Triple(r, p, o)
        for r, p, o in found
        if isinstance(r, ox.NamedNode)
        and isinstance(p, ox.NamedNode)
        and o is not None
        and r != _GRAPH
    }


def inferred_digest(store: Store) -> str | None:
    """The digest of the reasoner input the inferred graph was made from (None: no graph)."""
    return _digest(store, INFERRED_GRAPH)


def view_digest(store: Store) -> str | None:
    """The inferred digest the view was computed against (None: never, or being rebuilt)."""
    return _digest(store, REDUNDANCY_GRAPH)


def _digest(store: Store, graph: str) -> str | None:
    g = ox.NamedNode(graph)
    found = store.select(f"SELECT ?d WHERE {{ GRAPH {g} {{ {g} {_DIGEST} ?d }} }}")
    values = sorted(t.value for (t,) in found if isinstance(t, ox.Literal))
    return values[0] if len(values) == 1 else None


def arms_of(store: Store, graphs: Sequence[str]) -> list[str]:
    """The arms the given document graphs hold (one query)."""
    if not graphs:
        return []
    found = store.select(
        f"SELECT DISTINCT ?a WHERE {{ {_values('g', graphs)} GRAPH ?g {{ ?t <{_TKG}hasArm> ?a }} }}"
    )
    return sorted(t.value for (t,) in found if isinstance(t, ox.NamedNode))


class Upkeep:
    """Keeps the view in step with one ``kg build``: :meth:`writing` before each batch of
    documents is written, :meth:`refresh` after the inferred graph is.

    Incremental (the arms of the written graphs only) when the view was current before the
    build, the build replaced no stale graph, wrote at most :data:`INCREMENTAL_GRAPHS`
    graphs, and the inferred graph's digest is unchanged; else the whole view.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.was = view_digest(store)
        self.current = self.was is not None and self.was == inferred_digest(store)
        self.written: list[str] | None = []  # None: too many, or a stale graph replaced
        self.unmarked = False  # the marker removed by this build

    def writing(self, graphs: Sequence[str], drop: Sequence[str]) -> None:
        """Documents are about to be written (and ``drop`` replaced)."""
        if not self.unmarked:
            self.store.update(_UNMARK)
            self.unmarked = True
        if self.written is None or drop:
            self.written = None
        else:
            self.written.extend(graphs)
            if len(self.written) > INCREMENTAL_GRAPHS:
                self.written = None

    def refresh(self) -> int | None:
        """Bring the view up to date; None when it already was (nothing written)."""
        if self.current and not self.unmarked:
            return None
        written = self.written if self.current else None
        if written is not None and inferred_digest(self.store) == self.was:
            return refresh_redundant(self.store, arms_of(self.store, written))
        return refresh_redundant(self.store)
