"""Condition names -> conditions of the reference graph, most specific first.

"Extensive-stage Small Cell Lung Cancer" and "Small Cell Lung Cancer Extensive Stage" both
reach extensive-stage SCLC: a condition matches when every word of one of its names occurs
in the text, in any order, and a match whose words are all inside another match's words
("small cell lung cancer" inside "non-small cell lung cancer") gives way to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from kg.normalize.keys import fold
from kg.normalize.lexicon import Concept, Lexicon

#: words that do not decide which condition a name means
STOPWORDS = frozenset(
    {"of", "the", "and", "with", "in", "or", "patients", "patient", "disease", "stage", "type",
     "advanced", "metastatic", "recurrent", "refractory", "relapsed", "unresectable",
     "locally", "previously", "treated", "untreated", "a", "an", "to", "for"}
)  # fmt: skip


def words(text: str) -> frozenset[str]:
    """The deciding words of a name: folded, hyphens split, stopwords dropped.

    >>> sorted(words("Extensive-stage Small Cell Lung Cancer"))
    ['cancer', 'cell', 'extensive', 'lung', 'small']
    """
    folded = fold(text).replace("-", " ").replace("/", " ").replace(",", " ").split()
    return frozenset(_stem(w) for w in folded if w.isalnum() and w not in STOPWORDS)


#: spellings and inflections that name the same idea
_SAME = {"mutation": "mutant", "mutations": "mutant", "mutated": "mutant", "tumour": "tumor",
         "tumours": "tumor", "positive": "positive", "carcinomas": "carcinoma"}  # fmt: skip


def _stem(word: str) -> str:
    if word in _SAME:
        return _SAME[word]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return word[:-1]
    return word


def resolve_conditions(lexicon: Lexicon, text: str) -> tuple[Concept, ...]:
    """The conditions ``text`` names, most specific only; empty when none is known."""
    exact = lexicon.lookup(text, ("condition",))
    if exact:
        return tuple(Concept(e.iri, e.label, e.kind, e.method, 1.0) for e in exact[:1])
    return _by_words(lexicon, words(text))


def _by_words(lexicon: Lexicon, have: frozenset[str]) -> tuple[Concept, ...]:
    matches: dict[str, tuple[frozenset[str], str]] = {}
    for name_words, iri, label in _condition_names(lexicon):
        if name_words and name_words <= have:
            best = matches.get(iri)
            if best is None or len(name_words) > len(best[0]):
                matches[iri] = (name_words, label)
    kept = [
        (iri, w, label)
        for iri, (w, label) in matches.items()
        if not any(w < other for o_iri, (other, _) in matches.items() if o_iri != iri)
        and not _is_ancestor_of_any(lexicon, iri, matches)
    ]
    kept.sort(key=lambda m: (-len(m[1]), m[2]))
    return tuple(Concept(iri, label, "condition", "words", round(len(w) / max(len(have), 1), 3))
                 for iri, w, label in kept)  # fmt: skip


def _is_ancestor_of_any(lexicon: Lexicon, iri: str, matches: Mapping[str, object]) -> bool:
    return any(other != iri and iri in _ancestors(lexicon, other) for other in matches)


def _ancestors(lexicon: Lexicon, iri: str) -> set[str]:
    out: set[str] = set()
    todo = [iri]
    while todo:
        for parent in lexicon.broader.get(todo.pop(), ()):
            if parent not in out:
                out.add(parent)
                todo.append(parent)
    return out


@lru_cache(maxsize=4)
def _condition_names(lexicon: Lexicon) -> tuple[tuple[frozenset[str], str, str], ...]:
    """(deciding words, IRI, label) for every name of every condition."""
    return tuple(
        (words(raw), iri, lexicon.labels.get(iri, raw))
        for iri, raw in lexicon.raw_names
        if lexicon.kinds.get(iri) == "condition"
    )


__all__ = ["resolve_conditions", "words"]
