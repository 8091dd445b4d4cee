"""The study's own endpoints stated in free text: "The primary endpoint was objective response
rate (ORR). The secondary endpoints included overall survival (OS), ... and safety."

A document with no outcome list often says its endpoints in its summary. A sentence that
names a cited study ("AK105-201 ..., the primary endpoint of the study was PFS") speaks of
that study, not of this one, and is skipped. The wordings are data
(``lexicon/endpoints.json``).

>>> [(e.kind, e.measure.value) for e in mine_endpoints(
...     "The primary endpoint was objective response rate (ORR). The secondary endpoints "
...     "included overall survival (OS), progression-free survival (PFS) and safety.")]
[('primary', 'objective response rate (ORR)'), ('secondary', 'overall survival (OS)'), \
('secondary', 'progression-free survival (PFS)'), ('secondary', 'safety')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.records import Outcome, Span, Spanned
from kg.text._lexicon import data
from kg.text._rebase import within
from kg.text.sentences import sentences
from kg.text.studies import find_studies


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One endpoint: ``primary`` | ``secondary`` | ``other``, and the measure as written."""

    kind: str
    measure: Spanned[str]


def _compile(rx: str) -> re.Pattern[str]:
    return re.compile(rx.removeprefix("re:"), re.IGNORECASE)


@cache
def _patterns() -> tuple[
    tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str], re.Pattern[str], re.Pattern[str]
]:
    lex = data("endpoints")
    heads = tuple((kind, _compile(rx)) for kind, rx in lex["heads"].items())
    return heads, _compile(lex["verbs"]), _compile(lex["list_stops"]), _compile(lex["separators"])


def mine_endpoints(text: str) -> list[Endpoint]:
    """Every endpoint ``text`` states for its own study, in order; spans index ``text``."""
    heads, verbs, stops, _ = _patterns()
    found: list[Endpoint] = []
    seen: set[tuple[str, str]] = set()
    for start, end in sentences(text):
        if find_studies(text, (), start, end):
            continue
        for kind, head in heads:
            for m in head.finditer(text, start, end):
                verb = verbs.match(text, m.end(), end)
                if not verb:
                    continue
                stop = stops.search(text, verb.end(), end)
                for item in _items(text, verb.end(), stop.start() if stop else end):
                    if (kind, item.value.lower()) not in seen:
                        seen.add((kind, item.value.lower()))
                        found.append(Endpoint(kind, item))
    return found


def _items(text: str, start: int, end: int) -> list[Spanned[str]]:
    """The items of a list ``text[start:end]``, split outside brackets."""
    separators = _patterns()[3]
    items: list[Spanned[str]] = []
    pos = start
    for m in separators.finditer(text, start, end):
        if _depth(text, start, m.start()) == 0:
            items.extend(_item(text, pos, m.start()))
            pos = m.end()
    items.extend(_item(text, pos, end))
    return items


def _depth(text: str, start: int, end: int) -> int:
    chunk = text[start:end]
    return chunk.count("(") - chunk.count(")") + chunk.count("[") - chunk.count("]")


def _item(text: str, start: int, end: int) -> list[Spanned[str]]:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip(" ,"))
    value = raw.strip(" ,")
    if not value or len(value) > 120:
        return []
    return [Spanned(value, Span(start + lead, start + lead + len(value)))]


def stated_outcomes(text: str, fields: tuple[Spanned[str] | None, ...]) -> tuple[Outcome, ...]:
    """The endpoints the first of ``fields`` (a summary, a description) that states any says,
    as outcomes of the record whose document is ``text``: for a record with no outcome list."""
    for field in fields:
        if field is None or not field.value:
            continue
        found = mine_endpoints(field.value)
        if found:
            return tuple(Outcome(e.kind, within(text, field, e.measure)) for e in found)
    return ()
