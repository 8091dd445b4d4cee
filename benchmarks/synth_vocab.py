"""What the synthetic records talk about, read from the reference graph (never hard-coded).

Drugs with every name the lexicon knows them by (INN, codes, brands, salts, synonyms and
the misspellings curated as synonyms), their reference mechanisms (target symbol or
synonym, action), drug classes, and conditions with their MeSH ids and broader terms.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.namespaces import RDFS, SKOS, TKG
from kg.normalize.lexicon import Lexicon
from kg.normalize.reference import REFERENCE_DIR, reference_triples

_NAME_PREDICATES = {
    str(SKOS.altLabel): "synonyms",
    str(TKG.codeName): "codes",
    str(TKG.brandName): "brands",
    str(TKG.saltName): "salts",
}


@dataclass(frozen=True, slots=True)
class Target:
    iri: str
    symbol: str
    synonyms: tuple[str, ...]  # ASCII synonyms only ("VEGFR2", "FLK-1")


@dataclass(frozen=True, slots=True)
class Drug:
    iri: str
    name: str  # canonical lowercase INN
    drug_type: str
    codes: tuple[str, ...]
    brands: tuple[str, ...]
    salts: tuple[str, ...]
    synonyms: tuple[str, ...]  # ASCII synonyms (misspellings, abbreviations)
    classes: tuple[str, ...]  # labels of its drug classes
    mechanisms: tuple[tuple[Target, str], ...]  # (target, action)


@dataclass(frozen=True, slots=True)
class Condition:
    iri: str
    label: str
    names: tuple[str, ...]  # label, MeSH heading and ASCII synonyms
    mesh_id: str | None
    mesh_heading: str | None
    ancestors: tuple[tuple[str, str], ...]  # (MeSH id, heading) of broader MeSH conditions


@dataclass(frozen=True, slots=True)
class Vocabulary:
    drugs: tuple[Drug, ...]
    conditions: tuple[Condition, ...]
    targets: tuple[Target, ...]


def _ascii(names: set[str]) -> tuple[str, ...]:
    return tuple(sorted(n for n in names if n.isascii()))


@lru_cache(maxsize=2)
def vocabulary(folder: Path = REFERENCE_DIR) -> Vocabulary:
    """Drugs (those with at least one reference mechanism), conditions and targets."""
    lexicon = Lexicon.load(folder)
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    props: dict[str, dict[str, str]] = defaultdict(dict)
    member_of: dict[str, set[str]] = defaultdict(set)
    broader: dict[str, set[str]] = defaultdict(set)
    mech: dict[str, dict[str, str]] = defaultdict(dict)
    for t in reference_triples(folder):
        s, p, o = t.subject.value, t.predicate.value, t.object.value
        if p in _NAME_PREDICATES:
            names[s][_NAME_PREDICATES[p]].add(o)
        elif p == str(TKG.memberOf):
            member_of[s].add(o)
        elif p == str(SKOS.broader):
            broader[s].add(o)
        elif p in (str(TKG.drugType), str(TKG.meshId), str(SKOS.prefLabel), str(RDFS.label)):
            props[s][p] = o
        if p in (str(TKG.drug), str(TKG.target), str(TKG.action)):
            mech[s][p] = o
    targets = {
        iri: Target(iri, lexicon.labels[iri], _ascii(names[iri]["synonyms"]))
        for iri, kind in lexicon.kinds.items()
        if kind == "target"
    }
    by_drug: dict[str, list[tuple[Target, str]]] = defaultdict(list)
    for m in mech.values():
        target = targets.get(m.get(str(TKG.target), ""))
        if target is not None and str(TKG.drug) in m:
            by_drug[m[str(TKG.drug)]].append((target, m.get(str(TKG.action), "inhibitor")))
    drugs = tuple(
        Drug(
            iri=iri,
            name=lexicon.labels[iri],
            drug_type=props[iri].get(str(TKG.drugType), "other"),
            codes=_ascii(names[iri]["codes"]),
            brands=_ascii(names[iri]["brands"]),
            salts=_ascii(names[iri]["salts"]),
            synonyms=_ascii(names[iri]["synonyms"]),
            classes=tuple(sorted(lexicon.labels.get(c, "") for c in member_of[iri])),
            mechanisms=tuple(sorted(by_drug[iri], key=lambda m: m[0].symbol)),
        )
        for iri, kind in sorted(lexicon.kinds.items())
        if kind == "drug" and by_drug.get(iri)
    )
    conditions = tuple(
        _condition(iri, lexicon, names, props, broader)
        for iri, kind in sorted(lexicon.kinds.items())
        if kind == "condition"
    )
    return Vocabulary(drugs, conditions, tuple(targets[k] for k in sorted(targets)))


def _condition(
    iri: str,
    lexicon: Lexicon,
    names: dict[str, dict[str, set[str]]],
    props: dict[str, dict[str, str]],
    broader: dict[str, set[str]],
) -> Condition:
    heading = props[iri].get(str(SKOS.prefLabel))
    label = lexicon.labels[iri]
    written = {label, *(names[iri]["synonyms"])} | ({heading} if heading else set())
    ancestors: dict[str, str] = {}
    todo, seen = list(broader[iri]), set()
    while todo:
        up = todo.pop()
        if up in seen:
            continue
        seen.add(up)
        todo.extend(broader[up])
        mesh = props[up].get(str(TKG.meshId))
        if mesh:
            ancestors[mesh] = props[up].get(str(SKOS.prefLabel), lexicon.labels.get(up, mesh))
    return Condition(
        iri=iri,
        label=label,
        names=_ascii(written),
        mesh_id=props[iri].get(str(TKG.meshId)),
        mesh_heading=heading,
        ancestors=tuple(sorted(ancestors.items())),
    )
