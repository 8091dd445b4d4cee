"""Inside one sentence: the result measures, values and confidence intervals it names
(the reader behind :mod:`kg.text._results`).

Measures come from ``lexicon/measures.tsv`` (a misspelled abbreviation next to a value,
"mFS 3.7 months", is matched within one edit of a known one, preferring one the sentence
already uses); values are numbers with their range and unit; thresholds ("lower than
20%"), timepoints ("at 18 months", "5-year"), counts ("n = 124", "42 patients"), years
and p-values are never values (``lexicon/evidence_masks.tsv``, ``evidence.json``).

>>> ms, vs = read("an mPFS of 6.9 months (95% CI, 5.5-8.3 months)", 0, 47, [])
>>> [(m.measure, m.statistic) for m in ms], [(v.value, v.unit, v.ci) for v in vs]
([('PFS', 'median')], [(Decimal('6.9'), 'months', (Decimal('95'), Decimal('5.5'), Decimal('8.3')))])
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import accumulate

from kg.text._lexicon import Table, alternation, rows, words
from kg.text.numbers import NUM, RANGE_SEP, quantities, to_decimal, unit_regex

Path = tuple[int, ...]


@dataclass(slots=True)
class Measure:
    start: int
    end: int
    measure: str
    statistic: str | None
    kind: str  # rate | time | ratio
    match: str  # exact | synonym | fuzzy
    path: Path = ()


@dataclass(slots=True)
class Value:
    start: int
    end: int
    value: Decimal
    high: Decimal | None
    unit: str | None
    path: Path = ()
    comparator: Decimal | None = None
    comparator_unit: str | None = None
    ci: tuple[Decimal, Decimal | None, Decimal | None] | None = None  # level, low, high


def _is_abbreviation(phrase: str) -> bool:
    return " " not in phrase and not phrase.startswith("re:") and sum(map(str.isupper, phrase)) >= 2


@cache
def _measure_tables() -> tuple[tuple[Table, tuple[int, ...]], ...]:
    """Two one-pass patterns over ``lexicon/measures.tsv``: case-sensitive abbreviations
    (with a plural "s"; "mPFS" also as "MPFS") and case-insensitive phrases, each with the
    table rows its pattern rows stand for."""
    table = rows("measures")
    abbr = [i for i, r in enumerate(table) if _is_abbreviation(r[0])]
    phrases = [i for i, r in enumerate(table) if not _is_abbreviation(r[0])]

    variants = [(i, v) for i in abbr for v in _spellings(table[i][0])]
    return (
        (
            Table([f"re:{re.escape(v)}s?" for _, v in variants], 0, r"(?<![\w\-])", r"(?![\w\-])"),
            tuple(i for i, _ in variants),
        ),
        (Table([table[i][0] for i in phrases], re.IGNORECASE, r"(?<![\w\-])"), tuple(phrases)),
    )


def _spellings(abbreviation: str) -> list[str]:
    """ "mPFS" is also written "MPFS"."""
    if abbreviation[0].islower():
        return [abbreviation, abbreviation.upper()]
    return [abbreviation]


@cache
def abbreviations() -> tuple[tuple[str, int], ...]:
    """(abbreviation, row) of every single-token measure, for misspelling look-ups."""
    table = rows("measures")
    return tuple((r[0], i) for i, r in enumerate(table) if " " not in r[0] and ":" not in r[0])


@cache
def _masks() -> dict[str, re.Pattern[str]]:
    """One pattern per side ("before", "after", "self") of the contexts that make a number
    no value (``lexicon/evidence_masks.tsv``)."""
    sides: dict[str, list[str]] = {}
    for _, side, rx in rows("evidence_masks"):
        sides.setdefault(side, []).append(f"(?:{rx})")
    return {side: re.compile("|".join(rxs)) for side, rxs in sides.items()}


def _masked(text: str, start: int, q_start: int, q_end: int, unit: str | None) -> bool:
    masks = _masks()
    if "before" in masks and masks["before"].search(text, max(start, q_start - 40), q_start):
        return True
    if "after" in masks and masks["after"].match(text[q_end : q_end + 40]):
        return True
    return unit is None and "self" in masks and bool(masks["self"].match(text, q_start, q_end))


@cache
def _threshold() -> re.Pattern[str]:
    return re.compile(r"(?:^|[\s(\[,;:])" + alternation(words("evidence", "threshold_cues"))
                      + r"\s*(?:a|an|the|about|approximately|only)?\s*$", re.IGNORECASE)  # fmt: skip


@cache
def _count_after() -> re.Pattern[str]:
    return re.compile(r"\s*" + alternation(words("evidence", "count_nouns")) + r"\b")


_CI = re.compile(
    rf"(?P<level>{NUM})\s*%\s*(?:CI|C\.I\.|confidence\s+intervals?)(?:\s*[\[(]\s*CI\s*[\])])?"
    rf"\s*[:,=]?\s*(?:of\s+|from\s+)?(?P<lo>{NUM})(?:{unit_regex('any')})?"
    rf"(?:{RANGE_SEP}|\s*,\s*|\s+and\s+)"
    rf"(?P<hi>{NUM}|not\s+estimable|not\s+reached|NE|NR|NA)(?:{unit_regex('any')})?",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_PARENS = re.compile(r"[()\[\]]")
_TOKEN = re.compile(r"(?<![\w\-])([A-Za-z]{2,6})\s*(?:of|was|were|is|:|=|,)?\s*$")


# -- reading a sentence ------------------------------------------------------------------


def _paths(text: str, start: int, end: int) -> list[tuple[int, Path]]:
    """(position, parenthesis path from there on) for every bracket in ``text[start:end]``."""
    out: list[tuple[int, Path]] = [(start, ())]
    stack: list[int] = []
    n = 0
    for m in _PARENS.finditer(text, start, end):
        if m.group() in "([":
            n += 1
            stack.append(n)
        elif stack:
            stack.pop()
        out.append((m.end() if m.group() in ")]" else m.start() + 1, tuple(stack)))
    return out


def _path_at(paths: list[tuple[int, Path]], at: list[int], pos: int) -> Path:
    """The parenthesis path at ``pos`` (``at`` are the positions of ``paths``)."""
    return paths[max(0, bisect_right(at, pos) - 1)][1]


#: up to this many spans are looked through one by one (cheaper than indexing them)
_FEW = 8


class SpanSet:
    """Spans asked "does [s, e) overlap one of you?" many times (in log time when many).

    >>> SpanSet([(0, 5), (10, 20)]).overlaps(4, 6), SpanSet([(0, 5)]).overlaps(5, 9)
    (True, False)
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._few = spans if len(spans) <= _FEW else None
        self._spans = sorted(spans) if self._few is None else []
        self._starts = [a for a, _ in self._spans]
        self._max_end = list(accumulate((b for _, b in self._spans), max))

    def overlaps(self, s: int, e: int) -> bool:
        if self._few is not None:
            for a, b in self._few:
                if a < e and s < b:
                    return True
            return False
        j = bisect_left(self._starts, e) - 1  # spans starting before e
        while j >= 0 and self._max_end[j] > s:
            if self._spans[j][1] > s:
                return True
            j -= 1
        return False


def find_measures(text: str, start: int = 0, end: int = -1) -> list[Measure]:
    """Every measure named in ``text[start:end]``, overlaps resolved longest first."""
    table = rows("measures")
    hits = []
    for pattern, row_of in _measure_tables():
        for m, row, _ in pattern.finditer(text, start, end):
            _, measure, statistic, kind, match = table[row_of[row]]
            hits.append(Measure(m.start(), m.end(), measure, statistic or None, kind, match))
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken: list[tuple[int, int]] = []  # disjoint, sorted
    for h in hits:
        i = bisect_left(taken, (h.end, h.end))
        if (i == 0 or taken[i - 1][1] <= h.start) and (i == len(taken) or taken[i][0] >= h.end):
            taken.insert(i, (h.start, h.end))
    kept = {span for span in taken}
    return sorted((h for h in hits if (h.start, h.end) in kept), key=lambda x: x.start)


def _edit1(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` (case-folded) at most one insertion, deletion or change apart?"""
    a, b = a.lower(), b.lower()
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _fuzzy(
    text: str, v_start: int, start: int, known: list[Measure], blocked: SpanSet
) -> Measure | None:
    """A misspelled abbreviation just before a value ("mFS 3.7 months" beside "mPFS")."""
    m = _TOKEN.search(text, max(start, v_start - 16), v_start)
    if not m or blocked.overlaps(m.start(1), m.end(1)) or not any(c.isupper() for c in m.group(1)):
        return None
    token = m.group(1)
    table = rows("measures")
    close = [i for abbr, i in abbreviations() if len(token) >= 3 and _edit1(token, abbr)]
    if not close or any(token.lower() == abbr.lower() for abbr, _ in abbreviations()):
        return None
    present = {k.measure + (k.statistic or "") for k in known}
    preferred = [i for i in close if table[i][1] + table[i][2] in present]
    chosen = preferred if preferred else close
    if len({(table[i][1], table[i][2]) for i in chosen}) != 1:
        return None
    r = table[chosen[0]]
    return Measure(m.start(1), m.end(1), r[1], r[2] or None, r[3], "fuzzy")


def _is_value(text: str, start: int, s: int, e: int, unit: str | None) -> bool:
    if _threshold().search(text[max(start, s - 25) : s]):
        return False
    return not (unit is None and _count_after().match(text, e))


def read(
    text: str,
    start: int,
    end: int,
    blocked: list[tuple[int, int]],
    known: list[Measure] | None = None,
) -> tuple[list[Measure], list[Value]]:
    """The measures and values of the sentence ``text[start:end]``; numbers inside
    ``blocked`` spans (names, studies) are skipped; CIs are attached to their value.
    ``known`` are the measures of the whole text when the caller found them already."""
    if not _DIGIT.search(text, start, end):
        return [], []  # no number, no result
    cis = list(_CI.finditer(text, start, end))
    known = find_measures(text, start, end) if known is None else known
    names = SpanSet(blocked)
    measures = [
        dataclasses.replace(x)
        for x in known
        if start <= x.start and x.end <= end and not names.overlaps(x.start, x.end)
    ]
    named = SpanSet(blocked + [(x.start, x.end) for x in measures])
    no_values = SpanSet(blocked + [c.span() for c in cis] + [(x.start, x.end) for x in measures])
    values: list[Value] = []
    for q in quantities(text, "time", start, end):
        if no_values.overlaps(q.start, q.end) or _masked(text, start, q.start, q.end, q.unit):
            continue
        if not _is_value(text, start, q.start, q.end, q.unit):
            continue
        values.append(Value(q.start, q.end, q.value, q.high, q.unit))
        fuzzy = _fuzzy(text, q.start, start, measures, named)
        if fuzzy:
            measures.append(fuzzy)
    measures.sort(key=lambda x: x.start)
    ends = [v.end for v in values]
    for c in cis:
        k = bisect_right(ends, c.start()) - 1  # the last value before the CI
        owner = values[k] if k >= 0 and c.start() - values[k].end <= 60 else None
        if owner is not None and owner.ci is None:
            hi = c.group("hi")
            owner.ci = (to_decimal(c.group("level")) or Decimal(95), to_decimal(c.group("lo")),
                        to_decimal(hi) if hi[0].isdigit() else None)  # fmt: skip
    paths = _paths(text, start, end)
    at = [p for p, _ in paths]
    for x in measures:
        x.path = _path_at(paths, at, x.start)
    for v in values:
        v.path = _path_at(paths, at, v.start)
    return measures, values
