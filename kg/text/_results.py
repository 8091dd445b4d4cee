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

import re
from dataclasses import dataclass, field
from functools import cache

from kg.text._lexicon import alternation, compile_list, words
from kg.text._reading import Measure, Path, Value, read

#: "80% with osimertinib and 76% with standard EGFR-TKIs": values tagged by their arm
_ARM_TAGGED = re.compile(r"\s*(?:with|in|for|on)\s+[^,;\d]{1,50}?\s*,?\s*and\s*", re.IGNORECASE)
_NESTED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


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
    tagged: bool = False  # values each named with their group ("34% in A and 22% in B")


@cache
def _respectively() -> re.Pattern[str]:
    return re.compile(r"^[\s,;:]*" + alternation(words("evidence", "respectively")), re.I)


@cache
def _joiner() -> re.Pattern[str]:
    return re.compile(r"\s*(?:" + alternation(words("evidence", "list_joiners")) + r")?\s*", re.I)


@cache
def versus() -> re.Pattern[str]:
    return compile_list("evidence", "versus")


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
    seen: dict[Path, int] = {}  # where the latest value at each bracket path starts
    for i, ev in enumerate(events):
        if i in skip:
            continue
        if i in first:
            m = events[first[i]]
            assert isinstance(m, Measure) and isinstance(ev, Value)
            groups.append(_Group([m], m.path, m.end, [ev]))
            seen[ev.path] = ev.start
            continue
        if isinstance(ev, Measure):
            _add_measure(text, groups, ev)
            continue
        target = _target(text, groups, ev, seen, max_gap)
        if target is not None:
            target.values.append(ev)
            last[ev.path] = (target, ev)
        elif ev.path in last:
            g, prev = last[ev.path]
            gap = _between(text, prev.end, ev.start) if ev.start - prev.end < 160 else ";"
            tagged = bool(_ARM_TAGGED.fullmatch(gap))
            if (_joiner().fullmatch(gap) or tagged) and _compatible(g.measures[0], ev):
                g.tagged = g.tagged or tagged
                g.values.append(ev)
                last[ev.path] = (g, ev)
            elif versus().search(gap) and len(gap) <= 60 and not re.search(r"\d|;", gap):
                prev.comparator, prev.comparator_unit = ev.value, ev.unit
                last.pop(ev.path)
        seen[ev.path] = ev.start
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
    text: str, groups: list[_Group], ev: Value, seen: dict[Path, int], max_gap: int
) -> _Group | None:
    """The group a value reports: the nearest before it with no value in between, in the
    same bracket or an enclosing one, within ``max_gap`` characters and the same clause."""
    for g in reversed(groups):
        if ev.start - g.end > max_gap:
            return None
        if g.values or not _prefix(g.path, ev.path):
            continue
        if max(seen.get(g.path, -1), seen.get(ev.path, -1)) > g.end:
            return None
        if ";" in _between(text, g.end, ev.start):
            return None
        return g if _compatible(g.measures[0], ev) else None
    return None


def followed_by_respectively(text: str, g: _Group, end: int) -> bool:
    after = g.values[-1].end
    return bool(_respectively().search(_between(text, after, min(end, after + 160))[:40]))


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
        elif len(g.values) == 1 or not (respectively or comparator_cue or g.tagged):
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
