"""The disease a trial title names, for a record that lists no condition:
"Anlotinib Plus Penpulimab as Second-line Treatment for Patients With Small Cell Lung Cancer
After Failure of Platinum-based Chemotherapy" -> "Small Cell Lung Cancer".

A name is read after a cue ("for", "with", "for patients with") and ends with a disease word
("cancer", "carcinoma", "lymphoma" ...) or is a disease abbreviation ("ES-SCLC", "NSCLC");
the cue, the head words and the abbreviations are data (``lexicon/title_conditions.json``).
The names stay as written: resolving them is the normalizer's work.

>>> [c.value for c in title_conditions(
...     "Benmelstobart, Anlotinib and Chemotherapy as First-line Treatment for "
...     "Extensive-stage Small-cell Lung Cancer")]
['Extensive-stage Small-cell Lung Cancer']
>>> [c.value for c in title_conditions("Sintilimab Plus Anlotinib for ES-SCLC Who Have Progressed")]
['ES-SCLC']
>>> title_conditions("Anlotinib Combined With Docetaxel as Second-line Therapy")
()
"""

from __future__ import annotations

import re
from functools import cache

from kg.records import Span, Spanned
from kg.text._lexicon import data
from kg.text._rebase import within

_WORD = re.compile(r"[A-Za-z0-9][\w\-/']*")


@cache
def _lexicon() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str], int, frozenset[str]]:
    lex = data("title_conditions")
    return (
        re.compile(lex["cue"].removeprefix("re:"), re.IGNORECASE),
        frozenset(lex["heads"]),
        re.compile(lex["abbreviation"].removeprefix("re:")),
        int(lex["max_words"]),
        frozenset(lex["stop_words"]),
    )


def title_conditions(title: str) -> tuple[Spanned[str], ...]:
    """The diseases ``title`` names, as written, with spans into ``title``."""
    cue, heads, abbreviation, max_words, stops = _lexicon()
    found: list[Spanned[str]] = []
    for m in cue.finditer(title):
        words = list(_WORD.finditer(title, m.end()))[:max_words]
        if words and words[0].start() != m.end():
            continue
        start = m.end()
        for w in words:
            token = w.group()
            if token.lower() in stops:
                break
            if token.lower() in heads or abbreviation.fullmatch(token):
                if not found or found[-1].span is None or found[-1].span.end != w.end():
                    found.append(Spanned(title[start : w.end()], Span(start, w.end())))
                break
    return tuple(found)


def conditions_of_title(text: str | None, title: Spanned[str] | None) -> tuple[Spanned[str], ...]:
    """:func:`title_conditions` of a record's title, spans moved into the document ``text``."""
    if title is None or not title.value:
        return ()
    return tuple(within(text, title, c) for c in title_conditions(title.value))
