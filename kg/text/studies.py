"""Names of cited studies: trial codes ("AK105-201", "CheckMate 057", "IMpower133"),
acronyms called a study or trial ("the FLAURA trial") and author citations ("Wang et al.").

The patterns are data (``lexicon/studies.tsv``); so are the words that look like a code
but are not a study ("MAY 2018", "COVID-19", "ORR 45", see ``evidence.json``).

>>> [s.name for s in find_studies("In the CheckMate 057 and KEYNOTE-001 studies, and Wang et al.")]
['CheckMate 057', 'KEYNOTE-001', 'Wang et al.']
>>> find_studies("IN MAY 2018, the ORR 45% of COVID-19 patients")
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.text._lexicon import rows, words
from kg.text.spots import Spot

#: spots of these kinds are names of things, never of a study
_NAMED_THINGS = ("target", "family", "condition", "drug-class")


@dataclass(frozen=True, slots=True)
class Study:
    """A study named at ``[start, end)``; ``name`` is the text there."""

    start: int
    end: int
    name: str
    kind: str  # "code" | "named" | "author"


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(rx)) for kind, rx in rows("studies"))


@cache
def _stop() -> frozenset[str]:
    return frozenset(words("evidence", "not_study_words"))


def find_studies(
    text: str, spots: Sequence[Spot] = (), start: int = 0, end: int = -1
) -> list[Study]:
    """Every study named in ``text[start:end]``, in order, overlaps resolved longest first.

    A code that is a target, family, condition or class name (``spots``) is not a study; a
    drug code inside a trial code ("AK105" in "AK105-201") does not stop it.
    """
    named = tuple((sp.start, sp.end) for sp in spots if sp.kind in _NAMED_THINGS)
    return list(_find_studies(text, named, start, len(text) if end < 0 else end))


@lru_cache(maxsize=256)  # the miners of a record each look for the studies of one field
def _find_studies(
    text: str, named: tuple[tuple[int, int], ...], start: int, end: int
) -> tuple[Study, ...]:
    """:func:`find_studies`, ``named`` the spans of the names of things."""
    found: list[Study] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(text, start, end):
            if kind == "code" and not _plausible_code(m):
                continue
            if kind == "named" and not _plausible_acronym(m.group("name")):
                continue
            s, e = m.span("name")
            if any(a < e and s < b for a, b in named):
                continue
            found.append(Study(s, e, text[s:e], kind))
    found.sort(key=lambda st: (st.start, -(st.end - st.start)))
    kept: list[Study] = []
    for st in found:
        if not kept or st.start >= kept[-1].end:
            kept.append(st)
    return tuple(kept)


def _plausible_code(m: re.Match[str]) -> bool:
    letters, sep, num = m.group("letters"), m.group("sep"), m.group("num")
    alpha = re.sub(r"\d+$", "", letters)
    if alpha.lower() in _stop() or letters.lower() in _stop():
        return False
    if alpha == letters and len(alpha) < 3:
        return False  # "PD-1", "CD40", "MK-3475" are not studies
    if len(num) > 5 and alpha != "NCT":
        return False
    if sep == " ":
        is_year = len(num) == 4 and num[:2] in ("19", "20")
        mixed = any(c.islower() for c in alpha) and sum(c.isupper() for c in alpha) >= 2
        shouting = alpha.isupper() and len(alpha) >= 4
        return not is_year and (mixed or shouting)
    return True


def _plausible_acronym(name: str) -> bool:
    head = re.split(r"[\-\d]", name, maxsplit=1)[0]
    return name.lower() not in _stop() and head.lower() not in _stop() and len(name) >= 3
