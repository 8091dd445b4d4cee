"""The lexicon: every name of every drug, class, target, family and condition in the
reference graph, and how a surface string resolves to them.

Matching goes exact -> synonym/code/brand/salt -> fuzzy, and every answer says which
method matched and with what score. Nothing here is hard-coded: the names are the
reference graph's labels (``ontology/reference/*.ttl``) and the formulation words are
``kg/normalize/data/formulation_words.txt``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rapidfuzz import fuzz, process

from kg.namespaces import RDF, RDFS, SKOS, TKG
from kg.normalize.keys import key, tokens
from kg.normalize.reference import REFERENCE_DIR, reference_triples

KINDS = {
    str(TKG.Drug): "drug",
    str(TKG.DrugClass): "drug-class",
    str(TKG.Target): "target",
    str(TKG.TargetFamily): "family",
    str(TKG.Pathway): "pathway",
    str(TKG.Condition): "condition",
}

#: label predicate -> match method it gives
METHODS = {
    str(RDFS.label): "exact",
    str(SKOS.prefLabel): "exact",
    str(TKG.hgncSymbol): "exact",
    str(SKOS.altLabel): "synonym",
    str(TKG.codeName): "code",
    str(TKG.brandName): "brand",
    str(TKG.saltName): "salt",
    str(TKG.chemblId): "code",
    str(TKG.meshId): "code",
}
_RANK = {"exact": 0, "code": 1, "synonym": 2, "brand": 3, "salt": 4}

_RANGE_LABEL = re.compile(r"\d\s*[-–/~]\s*\d|α\s*(and|/|&)\s*β", re.IGNORECASE)

DATA_DIR = Path(__file__).resolve().parent / "data"

#: fuzzy matches below this rapidfuzz ratio are refused
FUZZY_CUTOFF = 84.0
#: and so are those whose runner-up comes this close
FUZZY_MARGIN = 4.0
#: names whose resolution is remembered (the memory is emptied when full)
RESOLVED_MAX = 1 << 16


@dataclass(frozen=True, slots=True)
class Concept:
    """What a surface string resolved to."""

    iri: str
    label: str
    kind: str
    method: str
    score: float


@dataclass(frozen=True, slots=True)
class Entry:
    iri: str
    label: str
    kind: str
    method: str
    #: a short upper-case symbol ("MET", "KIT", "RET"): matched in text only when written
    #: with capitals, so the word "met" is not the MET receptor
    case_sensitive: bool = False


class Lexicon:
    """Names -> concepts. Build once with :meth:`load`; lookups are dictionary hits."""

    def __init__(self, triples: tuple[ox.Triple, ...]) -> None:
        types: dict[str, str] = {}
        labels: dict[str, str] = {}
        names: list[tuple[str, str, str]] = []
        self.broader: dict[str, set[str]] = defaultdict(set)
        self.members: dict[str, set[str]] = defaultdict(set)  # family -> targets
        for t in triples:
            s, p, o = _value(t.subject), t.predicate.value, _value(t.object)
            if p == str(RDF.type) and o in KINDS:
                types[s] = KINDS[o]
            elif p == str(RDFS.label):
                labels[s] = o
            if p in METHODS and isinstance(t.object, ox.Literal):
                names.append((s, p, o))
            elif p == str(SKOS.broader):
                self.broader[s].add(o)
            elif p == str(TKG.inFamily):
                self.members[o].add(s)
        self.labels = labels
        self.kinds = types
        self.index: dict[str, list[Entry]] = defaultdict(list)
        self.keys_of: dict[str, set[str]] = defaultdict(set)
        self.raw_names: list[tuple[str, str]] = [(s, o) for s, _, o in names]
        self.classes_of: dict[str, set[str]] = defaultdict(set)
        for t in triples:
            if t.predicate.value == str(TKG.memberOf):
                self.classes_of[_value(t.subject)].add(_value(t.object))
        for s, p, o in names:
            kind = types.get(s)
            if kind is None or (kind == "family" and _RANGE_LABEL.search(o)):
                continue  # "VEGFR1-3": the spotter expands ranges to the member targets
            entry = Entry(s, labels.get(s, o), kind, METHODS[p], _is_symbol(o))
            self.keys_of[s].add(key(o))
            bucket = self.index[key(o)]
            if all(e.iri != s for e in bucket):
                bucket.append(entry)
            else:  # keep the best method for an IRI reachable by two labels
                bucket[:] = [
                    entry if e.iri == s and _RANK[entry.method] < _RANK[e.method] else e
                    for e in bucket
                ]
        self.max_tokens = max((len(tokens(o)) for _, _, o in names), default=1)
        self._fuzzy_names = {
            k: v[0] for k, v in self.index.items() if v[0].kind == "drug" and len(k) >= 6
        }
        self.formulation_words = _words("formulation_words.txt")
        self._fuzzy_cache: dict[str, Concept | None] = {}
        #: (name, kinds) -> what :meth:`resolve` found; records name the same drugs over and over
        self._resolved: dict[tuple[str, tuple[str, ...]], Concept | None] = {}

    @classmethod
    def load(cls, folder: Path = REFERENCE_DIR) -> Lexicon:
        """The lexicon of a reference folder (cached)."""
        return _load(folder)

    # -- single names ---------------------------------------------------------------

    def lookup(self, name: str, kinds: tuple[str, ...] = ()) -> list[Entry]:
        """Exact-key entries for ``name``, optionally of the given kinds only."""
        return [e for e in self.index.get(key(name), ()) if not kinds or e.kind in kinds]

    def resolve(self, name: str, kinds: tuple[str, ...] = ("drug", "drug-class")) -> Concept | None:
        """The one concept ``name`` stands for, or None.

        Tries the whole name, then the name without formulation and salt words
        ("anlotinib hydrochloride capsules" -> anlotinib, method "salt"), then a fuzzy
        match for drug-like single words (misspellings), refusing close calls.
        """
        asked = (name, kinds)
        if asked in self._resolved:
            return self._resolved[asked]
        if len(self._resolved) >= RESOLVED_MAX:
            self._resolved.clear()
        self._resolved[asked] = found = self._resolve(name, kinds)
        return found

    def _resolve(self, name: str, kinds: tuple[str, ...]) -> Concept | None:
        found = _one(self.lookup(name, kinds), kinds)
        if found is not None:
            return _concept(found, 1.0)
        stripped = self.strip_formulation(name)
        if stripped and stripped != key(name):
            found = _one([e for e in self.index.get(stripped, ()) if e.kind in kinds], kinds)
            if found is not None:
                method = "salt" if found.method in {"exact", "synonym", "salt"} else found.method
                return Concept(found.iri, found.label, found.kind, method, 0.98)
        if "drug" in kinds:
            return self.fuzzy_drug(stripped or key(name))
        return None

    def strip_formulation(self, name: str) -> str:
        """The key of ``name`` without formulation and salt words."""
        return "".join(t[2] for t in tokens(name) if t[2] not in self.formulation_words)

    def fuzzy_drug(self, name_key: str) -> Concept | None:
        """A misspelled drug name: the closest drug name sharing its stem ending."""
        return _fuzzy(self, name_key)


def _one(entries: list[Entry], kinds: tuple[str, ...]) -> Entry | None:
    """The one concept among ``entries``, the earlier of ``kinds`` first ("KIT" the target,
    not the family of the same name); None when a kind holds two concepts."""
    for kind in kinds:
        of_kind = [e for e in entries if e.kind == kind]
        if of_kind:
            return of_kind[0] if len({e.iri for e in of_kind}) == 1 else None
    return None


def _value(term: object) -> str:
    """An IRI's or literal's string (the reference graph has no quoted triples)."""
    return str(getattr(term, "value", term))


def _is_symbol(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(key(name)) <= 5 and bool(letters) and all(c.isupper() for c in letters)


def _concept(entry: Entry, score: float) -> Concept:
    return Concept(entry.iri, entry.label, entry.kind, entry.method, score)


def _fuzzy(lexicon: Lexicon, name_key: str) -> Concept | None:
    if name_key in lexicon._fuzzy_cache:
        return lexicon._fuzzy_cache[name_key]
    lexicon._fuzzy_cache[name_key] = found = _fuzzy_search(lexicon, name_key)
    return found


def _fuzzy_search(lexicon: Lexicon, name_key: str) -> Concept | None:
    if len(name_key) < 6:
        return None
    candidates = {
        k: e
        for k, e in lexicon._fuzzy_names.items()
        if k[-3:] == name_key[-3:] and k[0] == name_key[0]
    }
    if not candidates:
        return None
    best = process.extract(name_key, list(candidates), scorer=fuzz.ratio, limit=2)
    if not best or best[0][1] < FUZZY_CUTOFF:
        return None
    top = candidates[best[0][0]]
    if len(best) > 1 and candidates[best[1][0]].iri != top.iri:
        if best[0][1] - best[1][1] < FUZZY_MARGIN:
            return None
    return Concept(top.iri, top.label, top.kind, "fuzzy", round(best[0][1] / 100, 3))


def _words(name: str) -> frozenset[str]:
    path = DATA_DIR / name
    words = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return frozenset(key(w) for w in words if w)


@lru_cache(maxsize=4)
def _load(folder: Path) -> Lexicon:
    return Lexicon(reference_triples(folder))
