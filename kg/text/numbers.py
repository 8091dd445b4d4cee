"""Numbers, ranges and units as trial texts write them; shared by every miner.

"2.8-3.2 months", "76% to 80%", "7.6m", "75-80mg/m2", "1,200 mg" and "every three weeks"
all go through here, so a value is read the same way in a cited result and in a dose.
Units and number words are data (``lexicon/units.tsv``, ``lexicon/numbers.tsv``).

>>> q = next(quantities("mPFS 2.8-3.2 months", "time"))
>>> (q.value, q.high, q.unit)
(Decimal('2.8'), Decimal('3.2'), 'months')
>>> [(q.value, q.unit) for q in quantities("7.6m and 4.2m", "time")]
[(Decimal('7.6'), 'months'), (Decimal('4.2'), 'months')]
>>> next(quantities("75-80mg/m2, IV", "dose")).unit
'mg/m2'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from kg.text._lexicon import phrase_regex, rows

#: one number as written: "2.8", "0.44", "1,200", "2·8"
NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:[.·]\d+)?"
#: what joins the two ends of a range: "2.8-3.2", "76% to 80%", "8~12"
RANGE_SEP = r"\s*(?:[-–—~]|\bto\b)\s*"
#: a number must not continue a word, a code or a decimal ("IgG1", "VEGFR1-3", "AK105-201")
NUM_START = r"(?<![\w.·\-–/])"

WORD_NUMBERS: dict[str, int] = {w.lower(): int(v) for w, v in rows("numbers")}
#: a number in digits or in words ("21", "three", "twenty-one")
COUNT = r"(?:\d+|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or range with its unit, at ``[start, end)`` of the text it was read from."""

    start: int
    end: int
    value: Decimal
    high: Decimal | None = None
    unit: str | None = None


def to_decimal(text: str) -> Decimal | None:
    """``"1,200"`` -> ``Decimal("1200")``; None when ``text`` is not a number.

    >>> to_decimal("2·8"), to_decimal("1,200"), to_decimal("x")
    (Decimal('2.8'), Decimal('1200'), None)
    """
    try:
        return Decimal(text.replace(",", "").replace("·", "."))
    except InvalidOperation:
        return None


def count_value(text: str) -> int | None:
    """A whole number written in digits or words: ``"three"`` -> 3.

    >>> count_value("three"), count_value("21"), count_value("many")
    (3, 21, None)
    """
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    return WORD_NUMBERS.get(text)


@cache
def _units(kind: str) -> tuple[tuple[str, str, bool], ...]:
    """(regex, canonical, attached-only) of every unit of ``kind``, longest first."""
    found = [
        (phrase_regex(r[0]), r[1], len(r) > 3 and r[3] == "yes")
        for r in rows("units")
        if r[2] == kind or kind == "any"
    ]
    return tuple(sorted(found, key=lambda u: -len(u[0])))


@cache
def unit_regex(kind: str) -> str:
    """An alternation matching a unit of ``kind`` ("time", "percent", "dose", "any"),
    optional leading spaces included; units marked attached must follow the number."""
    spaced = [u for u, _, attached in _units(kind) if not attached]
    tight = [u for u, _, attached in _units(kind) if attached]
    alts = []
    if spaced:
        alts.append(r"\s*(?:" + "|".join(spaced) + r")(?![\w²])")
    if tight:
        alts.append(r"(?:" + "|".join(tight) + r")(?![\w/])")
    return "(?:" + "|".join(alts) + ")"


@cache
def _canon(kind: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    flags = re.IGNORECASE
    return tuple((re.compile(u + r"\Z", flags), c) for u, c, _ in _units(kind))


@cache
def canonical_unit(surface: str | None, kind: str = "any") -> str | None:
    """The canonical spelling of a unit as written: ``"mos"`` -> ``"months"``.

    >>> canonical_unit("mg/m²"), canonical_unit(" m"), canonical_unit("mcg")
    ('mg/m2', 'months', 'µg')
    """
    if not surface:
        return None
    surface = surface.strip()
    for pattern, canonical in _canon(kind):
        if pattern.match(surface):
            return canonical
    return None


@cache
def quantity_pattern(kind: str) -> re.Pattern[str]:
    """Numbers with an optional range and optional unit of ``kind`` (``percent`` and
    ``time`` go together as "time")."""
    units = unit_regex("any") if kind == "any" else _merged(kind)
    return re.compile(
        NUM_START
        + rf"(?P<v>{NUM})(?P<u>{units})?"
        + rf"(?:(?P<sep>{RANGE_SEP})(?P<h>{NUM})(?P<u2>{units})?)?",
        re.IGNORECASE,
    )


def _merged(kind: str) -> str:
    if kind == "time":
        return "(?:" + unit_regex("percent") + "|" + unit_regex("time") + ")"
    return unit_regex(kind)


def quantity_from(m: re.Match[str], kind: str) -> Quantity | None:
    """The :class:`Quantity` a match of :func:`quantity_pattern` read; a range keeps both
    ends only when they share a unit (or the first has none) and go upwards."""
    value = to_decimal(m.group("v"))
    if value is None:
        return None
    unit_kind = "any" if kind == "any" else ("time" if kind == "time" else kind)
    u1 = canonical_unit(m.group("u"), unit_kind) or canonical_unit(m.group("u"), "percent")
    high = to_decimal(m.group("h")) if m.group("h") else None
    u2 = canonical_unit(m.group("u2"), unit_kind) or canonical_unit(m.group("u2"), "percent")
    if high is not None and (high <= value or (u1 and u2 and u1 != u2)):
        # not a range: "19% (mPFS" never gets here; "2-1" or "5%-3 months" is two numbers
        return Quantity(m.start(), m.start("v") + len(m.group("v")) + len(m.group("u") or ""),
                        value, None, u1)  # fmt: skip
    end = m.end()
    return Quantity(m.start(), end, value, high, u2 or u1 if high is not None else u1)


def quantities(text: str, kind: str = "any", start: int = 0, end: int = -1) -> Iterator[Quantity]:
    """Every number (or range) in ``text[start:end]`` with its unit of ``kind``, in order."""
    end = len(text) if end < 0 else end
    for m in quantity_pattern(kind).finditer(text, start, end):
        q = quantity_from(m, kind)
        if q is not None:
            yield q
