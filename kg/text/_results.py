"""Inside one sentence: find result measures, values and confidence intervals, and pair
each value with the measure it reports (the engine of :mod:`kg.text.evidence`).

Pairing follows the sentence's structure rather than its wording: a value belongs to the
nearest measure before it with no other value in between, inside the same parenthesis or
an enclosing one ("the ORRs were 19% (mPFS 2.3 months) and 19.4% (...)"); further values
joined by "and" belong to the same measure only when "respectively" or a comparison
("vs", "versus") says so. Thresholds ("lower than 20%"), timepoints ("at 18 months"),
counts ("n = 124") and years are never values.

>>> [(i.measure.measure, i.value.value, i.value.unit) for i in pair("an ORR of 28.4%, a DCR of 86.6%")]
[('ORR', Decimal('28.4'), '%'), ('DCR', Decimal('86.6'), '%')]
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from kg.text._lexicon import Table, alternation, compile_list, rows, words
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


@dataclass(slots=True)
class Item:
    """One value with its measure; ``slot`` is its place in a "respectively" list."""

    measure: Measure
    value: Value
    slot: int | None = None


@dataclass(slots=True)
class _Group:
    measures: list[Measure]
    path: Path
    end: int
    values: list[Value] = field(default_factory=list)


# -- lexicons -------------------------------------------------------------------------------


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
_NESTED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_TOKEN = re.compile(r"(?<![\w\-])([A-Za-z]{2,6})\s*(?:of|was|were|is|:|=|,)?\s*$")


@cache
def _respectively() -> re.Pattern[str]:
    return re.compile(r"^[\s,;:]*" + alternation(words("evidence", "respectively")), re.I)


@cache
def _joiner() -> re.Pattern[str]:
    return re.compile(r"\s*(?:" + alternation(words("evidence", "list_joiners")) + r")?\s*", re.I)


@cache
def versus() -> re.Pattern[str]:
    return compile_list("evidence", "versus")


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


def _path_at(paths: list[tuple[int, Path]], pos: int) -> Path:
    current: Path = ()
    for p, path in paths:
        if p > pos:
            break
        current = path
    return current


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def find_measures(text: str, start: int = 0, end: int = -1) -> list[Measure]:
    """Every measure named in ``text[start:end]``, overlaps resolved longest first."""
    table = rows("measures")
    hits = []
    for pattern, row_of in _measure_tables():
        for m, row, _ in pattern.finditer(text, start, end):
            _, measure, statistic, kind, match = table[row_of[row]]
            hits.append(Measure(m.start(), m.end(), measure, statistic or None, kind, match))
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken: list[tuple[int, int]] = []
    for h in hits:
        if not _overlaps(taken, h.start, h.end):
            taken.append((h.start, h.end))
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
    text: str, v_start: int, start: int, known: list[Measure], blocked: list[tuple[int, int]]
) -> Measure | None:
    """A misspelled abbreviation just before a value ("mFS 3.7 months" beside "mPFS")."""
    m = _TOKEN.search(text, max(start, v_start - 16), v_start)
    if (
        not m
        or _overlaps(blocked, m.start(1), m.end(1))
        or not any(c.isupper() for c in m.group(1))
    ):
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
    measures = [
        dataclasses.replace(x)
        for x in known
        if start <= x.start and x.end <= end and not _overlaps(blocked, x.start, x.end)
    ]
    no_values = blocked + [c.span() for c in cis] + [(x.start, x.end) for x in measures]
    values: list[Value] = []
    for q in quantities(text, "time", start, end):
        if _overlaps(no_values, q.start, q.end) or _masked(text, start, q.start, q.end, q.unit):
            continue
        if not _is_value(text, start, q.start, q.end, q.unit):
            continue
        values.append(Value(q.start, q.end, q.value, q.high, q.unit))
        fuzzy = _fuzzy(
            text, q.start, start, measures, blocked + [(x.start, x.end) for x in measures]
        )
        if fuzzy:
            measures.append(fuzzy)
    measures.sort(key=lambda x: x.start)
    for c in cis:
        owner = next(
            (v for v in reversed(values) if v.end <= c.start() and c.start() - v.end <= 60), None
        )
        if owner is not None and owner.ci is None:
            hi = c.group("hi")
            owner.ci = (to_decimal(c.group("level")) or Decimal(95), to_decimal(c.group("lo")),
                        to_decimal(hi) if hi[0].isdigit() else None)  # fmt: skip
    paths = _paths(text, start, end)
    for x in measures:
        x.path = _path_at(paths, x.start)
    for v in values:
        v.path = _path_at(paths, v.start)
    return measures, values


# -- pairing ---------------------------------------------------------------------------------


def _compatible(measure: Measure, value: Value) -> bool:
    if measure.kind == "ratio":
        return value.unit is None
    if measure.kind == "rate":
        return value.unit in (None, "%")
    return True


def _between(text: str, a: int, b: int) -> str:
    """``text[a:b]`` with parenthesised parts removed."""
    chunk = text[a:b]
    while True:
        reduced = _NESTED.sub(" ", chunk)
        if reduced == chunk:
            return chunk
        chunk = reduced


def _prefix(short: Path, long: Path) -> bool:
    return long[: len(short)] == short


def _value_first(text: str, events: list[Measure | Value]) -> dict[int, int]:
    """Indices (value -> measure) of values written before their measure ("a 56% risk
    reduction", "a 44% reduction in the risk of death")."""
    out = {}
    for i, (ev, nxt) in enumerate(zip(events, events[1:], strict=False)):
        if (
            isinstance(ev, Value)
            and isinstance(nxt, Measure)
            and ev.unit is not None
            and _compatible(nxt, ev)
            and re.fullmatch(r"[\s\-]*", text[ev.end : nxt.start])
        ):
            out[i] = i + 1
    return out


def group(text: str, measures: list[Measure], values: list[Value], max_gap: int) -> list[_Group]:
    """Measures gathered into groups ("ORR and DCR"), each with the values it reports."""
    events: list[Measure | Value] = sorted([*measures, *values], key=lambda x: x.start)
    first = _value_first(text, events)
    skip = set(first.values())
    groups: list[_Group] = []
    last: dict[Path, tuple[_Group, Value]] = {}
    seen_values: list[Value] = []
    for i, ev in enumerate(events):
        if i in skip:
            continue
        if i in first:
            m = events[first[i]]
            assert isinstance(m, Measure) and isinstance(ev, Value)
            groups.append(_Group([m], m.path, m.end, [ev]))
            seen_values.append(ev)
            continue
        if isinstance(ev, Measure):
            _add_measure(text, groups, ev)
            continue
        target = _target(text, groups, ev, seen_values, max_gap)
        if target is not None:
            target.values.append(ev)
            last[ev.path] = (target, ev)
        elif ev.path in last:
            g, prev = last[ev.path]
            gap = _between(text, prev.end, ev.start)
            if _joiner().fullmatch(gap) and _compatible(g.measures[0], ev):
                g.values.append(ev)
                last[ev.path] = (g, ev)
            elif versus().search(gap) and len(gap) <= 60 and not re.search(r"\d|;", gap):
                prev.comparator, prev.comparator_unit = ev.value, ev.unit
                last.pop(ev.path)
        seen_values.append(ev)
    return [g for g in groups if g.values]


def _add_measure(text: str, groups: list[_Group], ev: Measure) -> None:
    g = groups[-1] if groups else None
    if g and not g.values and g.path == ev.path and _joiner().fullmatch(text[g.end : ev.start]):
        g.measures.append(ev)  # "ORR and DCR were ..."
        g.end = ev.end
    elif (
        g
        and not g.values
        and ev.measure == g.measures[-1].measure
        and re.fullmatch(r"\s*[(\[]\s*", text[g.end : ev.start])
    ):  # "objective response rates (ORRs)": one mention
        close = re.match(r"\s*[)\]]", text[ev.end :])
        g.end = ev.end + (close.end() if close else 0)
        if ev.match == "exact":
            g.measures[-1].match = "exact"
    else:
        groups.append(_Group([ev], ev.path, ev.end))


def _target(
    text: str, groups: list[_Group], ev: Value, seen: list[Value], max_gap: int
) -> _Group | None:
    """The group a value reports: the nearest before it with no value in between."""
    for g in reversed(groups):
        if g.values or not _prefix(g.path, ev.path) or ev.start - g.end > max_gap:
            continue
        if any(v.start > g.end and v.path in (g.path, ev.path) for v in seen):
            return None
        if ";" in _between(text, g.end, ev.start):
            return None
        return g if _compatible(g.measures[0], ev) else None
    return None


def followed_by_respectively(text: str, g: _Group, end: int) -> bool:
    return bool(_respectively().search(_between(text, g.values[-1].end, end)[:40]))


def pair(
    text: str,
    start: int = 0,
    end: int = -1,
    blocked: list[tuple[int, int]] | None = None,
    comparator_cue: bool = False,
    max_gap: int = 160,
    known: list[Measure] | None = None,
) -> list[Item]:
    """Every (measure, value) the sentence ``text[start:end]`` states, in order of value."""
    end = len(text) if end < 0 else end
    measures, values = read(text, start, end, blocked or [], known)
    items: list[Item] = []
    slotted: list[tuple[Path, list[Value]]] = []
    for g in group(text, measures, values, max_gap):
        unit = next((v.unit for v in reversed(g.values) if v.unit), None)
        for v in g.values:
            v.unit = v.unit or unit or v.comparator_unit
        respectively = followed_by_respectively(text, g, end)
        if len(g.measures) > 1 and len(g.values) == len(g.measures):
            items.extend(Item(m, v) for m, v in zip(g.measures, g.values, strict=True))
        elif len(g.values) == 1 or not (respectively or comparator_cue):
            items.append(Item(g.measures[-1], g.values[0]))
        elif len(g.values) == 2 and comparator_cue:
            first, second = g.values
            first.comparator, first.comparator_unit = second.value, second.unit
            items.append(Item(g.measures[0], first))
        else:
            items.extend(Item(g.measures[0], v, slot) for slot, v in enumerate(g.values))
            slotted.append((g.path, g.values))
    for path, slot_values in slotted:  # "19% (mPFS 2.3 months) and 19.4% (...)": same slots
        for item in items:
            if item.slot is None and len(item.measure.path) > len(path):
                item.slot = _slot_of(item, slot_values)
    return sorted(items, key=lambda it: it.value.start)


def _slot_of(item: Item, slot_values: list[Value]) -> int | None:
    for k, v in enumerate(slot_values):
        nxt = slot_values[k + 1].start if k + 1 < len(slot_values) else None
        if v.end <= item.measure.start and (nxt is None or item.value.end <= nxt):
            return k
    return None
