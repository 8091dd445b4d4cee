"""What one drug's dosing phrase says besides the dose: route, frequency, the schedule
as written and the cycle length (the helper of :mod:`kg.text.dosing`).

Routes, frequencies and schedule parts are data (``lexicon/routes.tsv``,
``lexicon/frequencies.tsv``, ``lexicon/schedules.tsv``).

>>> r = read_regimen("10mg qd po d1-14, 21 days per cycle", 0, 0, 35)
>>> (r.route, r.frequency, r.cycle_days, r.schedule)
('oral', 'QD', 21, (5, 35))
>>> read_regimen("200 mg IV on day 1 of each 21-day cycle", 0, 0, 39).frequency
'Q3W'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from kg.text._lexicon import Table, data, rows, words
from kg.text.numbers import COUNT, count_value

_N = "{n}"


@dataclass(frozen=True, slots=True)
class Regimen:
    """Route, frequency, schedule span (into the text) and cycle length of a phrase."""

    route: str | None = None
    frequency: str | None = None
    schedule: tuple[int, int] | None = None
    cycle_days: int | None = None
    last: int = 0  # end of the last thing read


@cache
def _routes() -> tuple[Table, tuple[tuple[str, bool], ...]]:
    table = rows("routes")
    info = tuple((r[1], len(r) > 2 and r[2] == "abbr") for r in table)
    return Table([r[0] for r in table], re.IGNORECASE, r"(?<![\w.])"), info


@cache
def _frequencies() -> tuple[Table, tuple[tuple[str, str], ...]]:
    table = rows("frequencies")
    phrases = [r[0].replace(_N, rf"(?P<n>{COUNT})") for r in table]
    info = tuple((r[1], r[2] if len(r) > 2 else "") for r in table)
    return Table(phrases, re.IGNORECASE, r"(?<![\w/])"), info


@cache
def _schedules() -> tuple[Table, tuple[str, ...]]:
    table = rows("schedules")
    count = rf"(?:{COUNT})"
    return Table(["re:" + rx.replace(_N, count) for _, rx in table], 0, r"(?<![\w])", ""), tuple(
        kind for kind, _ in table
    )


@cache
def _roman_context() -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(words("dosing", "roman_context")) + r")\s*$", re.I)


Hit = tuple[int, int, str, int | None]  # start, end, what, days (interval or cycle)


def routes_in(text: str, start: int, end: int) -> list[Hit]:
    """(start, end, route, None) of every route named in ``text[start:end]``."""
    table, info = _routes()
    found: list[Hit] = []
    for m, row, _ in table.finditer(text, start, end):
        route, abbr = info[row]
        if abbr and _roman_context().search(text, max(0, m.start() - 12), m.start()):
            continue  # "stage IV"
        found.append((m.start(), m.end(), route, None))
    return found


class Scan:
    """Routes, frequencies and schedule parts of a whole text, read once and then asked
    for by phrase (the dose parser asks for one phrase per drug name)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._hits = {
            "routes": routes_in(text, 0, len(text)),
            "frequencies": frequencies_in(text, 0, len(text)),
            "parts": _parts(text, 0, len(text)),
        }
        self._starts = {k: [h[0] for h in v] for k, v in self._hits.items()}

    def get(self, kind: str, start: int, end: int) -> list[Hit]:
        """The hits of ``kind`` inside ``[start, end)``."""
        lo = bisect_left(self._starts[kind], start)
        hi = bisect_left(self._starts[kind], end)
        return [h for h in self._hits[kind][lo:hi] if h[1] <= end]


def frequencies_in(text: str, start: int, end: int) -> list[tuple[int, int, str, int | None]]:
    """(start, end, code, interval in days) of every frequency in ``text[start:end]``."""
    table, info = _frequencies()
    found = []
    for m, row, detail in table.finditer(text, start, end):
        n = detail.groupdict().get("n")
        found.append((m.start(), m.end(), *_code(*info[row], count_value(n) if n else None)))
    return found


def _code(code: str, unit: str, n: int | None) -> tuple[str, int | None]:
    """A frequency code with its count filled in, and its interval in days:
    ("Q{n}D", "day", 21) -> ("Q3W", 21)."""
    if n is None:
        return code, None
    if unit == "day" and n % 7 == 0:
        return f"Q{n // 7}W", n
    interval = n * 7 if unit == "week" else (n if unit == "day" else None)
    return code.replace(_N, str(n)), interval


def _parts(text: str, start: int, end: int) -> list[tuple[int, int, str, int | None]]:
    """(start, end, kind, cycle days) of every schedule part in ``text[start:end]``."""
    table, kinds = _schedules()
    return [
        (m.start(), m.end(), kinds[row], _cycle_of(detail))
        for m, row, detail in table.finditer(text, start, end)
    ]


def _cycle_of(m: re.Match[str]) -> int | None:
    groups = m.groupdict()
    if groups.get("days"):
        return count_value(groups["days"])
    if groups.get("weeks"):
        w = count_value(groups["weeks"])
        return w * 7 if w else None
    if groups.get("on") and groups.get("off"):
        on, off = count_value(groups["on"]), count_value(groups["off"])
        if on is None or off is None:
            return None
        to_days = {"w": 7, "d": 1}
        on_u = to_days[groups["on_unit"][0].lower()]
        off_u = to_days[groups["off_unit"][0].lower()]
        return on * on_u + off * off_u
    return None


def read_regimen(
    text: str, pre_start: int, drug_end: int, end: int, scan: Scan | None = None
) -> Regimen:
    """Route, frequency, schedule and cycle of the phrase ``text[pre_start:end]`` whose
    drug name ends at ``drug_end`` (words before the name count for route and frequency,
    the schedule is read after it). ``scan`` is the text's :class:`Scan` if made."""
    scan = scan or Scan(text[:end])
    routes = scan.get("routes", pre_start, end)
    route = (routes[0][2], routes[0][1]) if routes else None
    freqs = scan.get("frequencies", pre_start, end)
    parts = scan.get("parts", drug_end, end)
    interval = [f for f in freqs if f[3] is not None and f[3] >= 7]
    days = [p for p in parts if p[2] == "days"]
    within = [f for f in freqs if f[3] is None]  # daily, twice daily ...
    if interval and within and any(not _one_day(text[d[0] : d[1]]) for d in days):
        # "once daily on days 1-14, every 3 weeks": given on several days of each cycle, so
        # the interval is the cycle length and the daily rhythm is the frequency
        chosen = within
    else:
        chosen = interval or freqs
    frequency = chosen[0][2] if chosen else None
    cycle = next((p[3] for p in parts if p[2] == "cycle" and p[3]), None)
    cycle = cycle or next((p[3] for p in parts if p[2] == "onoff" and p[3]), None)
    cycle = cycle or (
        interval[0][3] if interval and interval[0][3] and interval[0][3] >= 14 else None
    )
    if frequency is None and cycle and len(days) == 1 and _one_day(text[days[0][0] : days[0][1]]):
        frequency = f"Q{cycle // 7}W" if cycle % 7 == 0 else f"Q{cycle}D"  # day 1 of each cycle
    elements = sorted(
        [(p[0], p[1]) for p in parts] + [(f[0], f[1]) for f in freqs if f[0] >= drug_end]
    )
    schedule = _cluster(text, elements)
    last = max([route[1] if route else 0, *(e for _, e in elements), *(f[1] for f in freqs)])
    return Regimen(route[0] if route else None, frequency, schedule, cycle, last)


def _one_day(days: str) -> bool:
    """Does a day list name a single day ("on day 1", "d1", "day one")?"""
    return len(_COUNTS.findall(days)) == 1


_COUNTS = re.compile(rf"(?<![\w])(?:{COUNT})(?![\w])|(?<=[dD])\d+", re.IGNORECASE)


def _cluster(text: str, elements: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first run of schedule parts written close together, brackets balanced."""
    if not elements:
        return None
    gap_max = int(data("dosing")["schedule_gap"])
    start, end = elements[0]
    for s, e in elements[1:]:
        gap = text[end:s]
        if s - end > gap_max or re.search(r"[;\n]|\.\s|\d", gap):
            break
        end = max(end, e)
    opened = text.count("(", start, end) - text.count(")", start, end)
    if opened > 0:
        close = re.match(r"[^()]{0,10}\)", text[end:])
        if close:
            end += close.end()
    return start, end
