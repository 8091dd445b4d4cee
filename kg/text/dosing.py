"""Doses: per drug of an arm or intervention description, the dose, unit, route,
frequency, schedule, cycle length, cap and alternatives.

The text is cut into one phrase per drug or class name: from the words just before the
name ("oral daily anlotinib", "intravenous sintilimab") to the words before the next
name. A phrase gives its first dose ("10mg", "75-80mg/m2", "AUC 5"), a cap ("maximal dose
used is 750 mg"), an allowed increase ("adjusted upward to a dose of 12 mg" -> dose_high),
and route, frequency and schedule (:mod:`kg.text._schedule`). Names joined by "or" or
"/" ("carboplatin/cisplatin", "...; or cisplatin") share an ``alternative_group``; a drug
named twice keeps the mention that says most; a drug named with no dose still gives a
:class:`Dose` with only the drug. Cue words are data (``lexicon/dosing.json``).

>>> class Spots:
...     def spot(self, text):
...         from kg.text.spots import Spot
...         i = text.index("Anlotinib")
...         return [Spot(i, i + 9, "Anlotinib", "drug", ("a",), "anlotinib")]
>>> d = parse_doses("Anlotinib: 10mg orally daily on day 1 to 14 of a 21-day cycle.", Spots())[0]
>>> (d.dose, d.unit, d.route, d.frequency, d.cycle_days, d.schedule.value)
(Decimal('10'), 'mg', 'oral', 'QD', 21, 'daily on day 1 to 14 of a 21-day cycle')
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from kg.records import Dose, Span, Spanned
from kg.text._lexicon import alternation, data, words
from kg.text._schedule import Regimen, Scan, read_regimen
from kg.text.numbers import NUM, RANGE_SEP, Quantity, quantities, to_decimal
from kg.text.spots import Spot, Spotter

AGENT_KINDS = ("drug", "drug-class")


@cache
def _separators() -> re.Pattern[str]:
    items = words("dosing", "separators")
    puncts = [re.escape(p) + (r"(?!\d)" if p == "." else "") for p in items if not p[0].isalnum()]
    names = [p for p in items if p[0].isalnum()]
    return re.compile("|".join(puncts) + r"|(?<![\w])" + alternation(names) + r"(?![\w])", re.I)


@cache
def _cue(key: str) -> re.Pattern[str]:
    filler = alternation(words("dosing", "adjust_filler"))
    return re.compile(
        r"(?<![\w])"
        + alternation(words("dosing", key))
        + rf"\s*(?:is|of|:|=)?\s*(?:{filler}\s*)?$",
        re.I,
    )


@cache
def _auc() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w])" + alternation(words("dosing", "auc_words"))
        + rf"\s*(?:of|=|:)?\s*(?P<v>{NUM})(?:{RANGE_SEP}(?P<h>{NUM}))?"
        + r"(?:\s*mg\s*/\s*m[lL]\s*/\s*min)?",
        re.IGNORECASE,
    )  # fmt: skip


@cache
def _per_day() -> re.Pattern[str]:
    return re.compile(r"\s*/\s*" + alternation(words("dosing", "per_day")) + r"\b", re.I)


_ALTERNATIVE = re.compile(r"(?:(?<!and)(?<!and\s)/|(?<!/)\bor)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class _Said:
    """One drug mention and what its phrase ``text[pre:end]`` says."""

    spot: Spot
    dose: Dose
    pre: int
    end: int
    alternative: bool  # "or"/"/" joins it to the mention before
    informative: bool

    @property
    def said_end(self) -> int:
        span = self.dose.text.span if self.dose.text else None
        return span.end if span and span.end is not None else self.spot.end


def parse_doses(text: str, spotter: Spotter) -> list[Dose]:
    """One :class:`Dose` per drug or class the description gives, offsets into ``text``."""
    agents = [sp for sp in spotter.spot(text) if sp.kind in AGENT_KINDS]
    pres = [_pre_start(text, d, agents[i - 1].end if i else 0) for i, d in enumerate(agents)]
    all_doses, scan = _Doses(text), Scan(text)
    found: list[_Said] = []
    for i, d in enumerate(agents):
        end = max(pres[i + 1] if i + 1 < len(agents) else len(text), d.end)
        free = found[-1].said_end if found else 0  # what the drug before did not say
        pre = _dose_first(all_doses, free, pres[i], d, end, text)
        dose, informative = _read(text, d, pre, end, all_doses, scan)
        alt = i > 0 and bool(_ALTERNATIVE.search(text, agents[i - 1].end, pres[i]))
        found.append(_Said(d, dose, pre, end, alt, informative))
    _share(text, found, scan)
    return _merge(found)


def _dose_first(doses: _Doses, free: int, pre: int, drug: Spot, end: int, text: str) -> int:
    """Where the phrase of ``drug`` starts when its dose is written first ("200 mg
    intravenous (IV) camrelizumab on day 1"): at that dose, else at ``pre``."""
    if any(kind == "" for _, kind in doses.between(drug.end, end)):
        return pre
    before = [q for q, kind in doses.between(free, drug.start) if kind == ""]
    if before and not _HARD_STOP.search(text, before[-1].end, drug.start):
        return before[-1].start
    return pre


_HARD_STOP = re.compile(r"[;\n]|\.\s|\b(?:and|or|plus|with|then)\b", re.IGNORECASE)


def _pre_start(text: str, drug: Spot, lo: int) -> int:
    """Where the words that belong to ``drug`` before its name begin ("oral daily ")."""
    start = lo
    for m in _separators().finditer(text, lo, drug.start):
        start = m.end()
    spans = [m.start() for m in re.finditer(r"\S+", text[start : drug.start])]
    limit = int(data("dosing")["pre_words"])
    if len(spans) > limit:
        start += spans[-limit]
    while start < drug.start and text[start].isspace():
        start += 1
    return start


def _read(
    text: str, drug: Spot, pre: int, end: int, all_doses: _Doses, scan: Scan
) -> tuple[Dose, bool]:
    """The dose of ``drug`` said in ``text[pre:end]``, and whether anything was said."""
    doses = all_doses.between(drug.end, end) or all_doses.between(pre, drug.start)
    cap = next((q for q, kind in doses if kind == "max_cues"), None)
    up = next((q for q, kind in doses if kind == "adjust_cues"), None)
    main = next((q for q, kind in doses if kind == ""), None)
    regimen = read_regimen(text, pre, drug.end, end, scan)
    frequency = regimen.frequency
    if main is not None and frequency is None and _per_day().match(text, main.end):
        frequency = "QD"
    high = main.high if main else None
    if main is not None and up is not None and up.value > main.value and up.unit == main.unit:
        high = up.value
    last = max([drug.end, regimen.last, *(q.end for q, _ in doses)])
    while last > pre and text[last - 1] in " ,;.:(\n\t":
        last -= 1
    if text.count("(", pre, last) > text.count(")", pre, last):
        close = re.match(r"[^()]{0,10}\)", text[last:end])
        last += close.end() if close else 0
    informative = bool(main or cap or regimen.route or frequency or regimen.schedule)
    schedule = regimen.schedule
    dose = Dose(
        drug=Spanned(drug.surface, Span(drug.start, drug.end)),
        dose=main.value if main else None,
        dose_high=high,
        unit=main.unit if main else None,
        route=regimen.route,
        schedule=Spanned(text[schedule[0] : schedule[1]], Span(*schedule)) if schedule else None,
        frequency=frequency,
        cycle_days=regimen.cycle_days,
        max_dose=cap.value if cap else None,
        max_dose_unit=cap.unit if cap else None,
        text=Spanned(text[pre:last], Span(pre, last)) if informative else None,
    )
    return dose, informative


class _Doses:
    """Every dose of a text, read once, each tagged "max_cues" (a cap), "adjust_cues" (an
    allowed increase) or "" (a dose)."""

    def __init__(self, text: str) -> None:
        found = [q for q in quantities(text, "dose") if q.unit]
        for m in _auc().finditer(text):
            v = to_decimal(m.group("v")) or Decimal(0)
            h = to_decimal(m.group("h")) if m.group("h") else None
            found.append(Quantity(m.start(), m.end(), v, h if h and h > v else None, "AUC"))
        found.sort(key=lambda q: q.start)
        self._all = [
            (
                q,
                next(
                    (
                        k
                        for k in ("max_cues", "adjust_cues")
                        if _cue(k).search(text, max(0, q.start - 40), q.start)
                    ),
                    "",
                ),
            )
            for q in found
        ]
        self._starts = [q.start for q, _ in self._all]

    def between(self, start: int, end: int) -> list[tuple[Quantity, str]]:
        """The doses written inside ``[start, end)``."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [(q, k) for q, k in self._all[lo:hi] if q.end <= end]


@cache
def _share_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(r"\s*(?:" + alternation(words("dosing", "combination")) + r")\s*", re.I),
        re.compile(r",\s*(?:" + alternation(words("dosing", "shared_cues")) + r")\b", re.I),
    )


def _share(text: str, found: list[_Said], scan: Scan) -> None:
    """What a run of names joined by "plus"/"and" says once for all: "sintilimab plus
    anlotinib every 3 weeks", "A 200 mg plus B 175 mg/m2 and C AUC 5 on day 1,
    administered intravenously once every 3 weeks". Only missing fields are filled."""
    joiner, tail_rx = _share_patterns()
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and joiner.fullmatch(text, found[j].said_end, found[j + 1].pre):
            j += 1
        last = found[j]
        shared: Regimen | None = None
        start = last.spot.end
        if last.dose.dose is None and (
            last.dose.frequency or last.dose.cycle_days or last.dose.schedule
        ):
            shared = read_regimen(text, last.spot.end, last.spot.end, last.end, scan)
        else:
            tail = tail_rx.search(text, last.spot.end, last.end)
            if tail and last.dose.dose is not None:
                start = tail.start()
                shared = read_regimen(text, start, start, last.end, scan)
        if j > i and shared is not None:
            for said in found[i:j]:
                said.dose = _fill(text, said.dose, shared, said.spot.start, last.said_end)
                said.informative = True
        i = j + 1


def _fill(text: str, dose: Dose, shared: Regimen, start: int, end: int) -> Dose:
    schedule = shared.schedule
    return dataclasses.replace(
        dose,
        route=dose.route or shared.route,
        frequency=dose.frequency or shared.frequency,
        cycle_days=dose.cycle_days or shared.cycle_days,
        schedule=dose.schedule
        or (Spanned(text[schedule[0] : schedule[1]], Span(*schedule)) if schedule else None),
        text=dose.text if dose.dose is not None else Spanned(text[start:end], Span(start, end)),
    )


def _merge(found: list[_Said]) -> list[Dose]:
    """One dose per drug mention that says something (or per silent drug), alternatives
    numbered in order."""
    keys = [f.spot.ids or (f.spot.surface.lower(),) for f in found]
    says = {k for k, f in zip(keys, found, strict=True) if f.informative}
    kept: list[tuple[Dose, bool, int]] = []
    seen: set[tuple[str, ...]] = set()
    for idx, (key, f) in enumerate(zip(keys, found, strict=True)):
        dose, alt, informative = f.dose, f.alternative, f.informative
        if not informative and (key in says or key in seen):
            continue
        same = [d for d, _, i in kept if keys[i] == key and _same(d, dose)]
        if same:
            continue
        seen.add(key)
        kept.append((dose, alt and bool(kept) and kept[-1][2] == idx - 1, idx))
    out: list[Dose] = []
    group = 0
    for n, (dose, alt, _) in enumerate(kept):
        starts = not alt and n + 1 < len(kept) and kept[n + 1][1]
        if starts:
            group += 1
        if alt or starts:
            dose = dataclasses.replace(dose, alternative_group=group)
        out.append(dose)
    return out


def _same(a: Dose, b: Dose) -> bool:
    fields = ("dose", "dose_high", "unit", "route", "frequency", "cycle_days")
    return all(getattr(a, f) == getattr(b, f) for f in fields)
