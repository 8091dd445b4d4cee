"""Cited results: the numbers a trial document quotes from earlier or other studies.

For every value the sentence pairs with a result measure (see :mod:`kg.text._results`)
this adds the cited study (named in the sentence, distributed over a "respectively" list,
or carried from an earlier sentence that introduced it), the regimen (drug and class
names of the sentence, those describing the population left out), the population ("patients
with ...", else "in the treatment of <disease>") and the comparator. Epidemiology ("10% of patients have EGFR mutations"), planned endpoints
("the primary endpoint was ORR") and eligibility thresholds have no measure/value pair
and so give nothing; sentences of the study's own statistical plan ("powered to detect an
improvement in median PFS from 4 to 6 months") are skipped.

>>> class NoSpots:
...     def spot(self, text): return []
>>> r = mine_cited_results("In KEYNOTE-024, the ORR was 44.8% vs 27.8% with chemotherapy.", NoSpots())
>>> (r[0].study.value, r[0].measure, r[0].value, r[0].comparator_value, r[0].unit)
('KEYNOTE-024', 'ORR', Decimal('44.8'), Decimal('27.8'), '%')
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kg.records import CitedResult, Span, Spanned
from kg.text._agents import describes_a_drug
from kg.text._lexicon import alternation, compile_list, data, words
from kg.text._reading import find_measures
from kg.text._results import Item, pair
from kg.text.sentences import paragraphs, sentences
from kg.text.spots import Spot, Spotter
from kg.text.studies import Study, find_studies

REGIMEN_KINDS = ("drug", "drug-class")


@dataclass(frozen=True, slots=True)
class _Topic:
    """The study a sentence introduced, which a following sentence may go on about."""

    study: Study
    regimen: tuple[Spanned[str], ...]
    ids: frozenset[tuple[str, ...]]
    sentence: int


@cache
def _cue_lists() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (
        compile_list("evidence", "comparator_cues"),
        compile_list("evidence", "anaphora"),
        compile_list("evidence", "planning_cues"),
    )


@cache
def _population() -> re.Pattern[str]:
    return compile_list("evidence", "population_nouns")


@cache
def _population_end() -> re.Pattern[str]:
    return re.compile(r"\s" + alternation(words("evidence", "population_end")) + r"\b", re.I)


@cache
def _eligibility() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def header(key: str) -> re.Pattern[str]:
        return re.compile(r"^[\W\d]*" + alternation(words("evidence", key)) + r"\b[^\n]{0,20}$",
                          re.IGNORECASE | re.MULTILINE)  # fmt: skip

    return header("eligibility_headers"), header("section_headers")


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    """Eligibility blocks: from an "Inclusion Criteria" heading to the next other heading."""
    start_rx, end_rx = _eligibility()
    spans = []
    for m in start_rx.finditer(text):
        nxt = end_rx.search(text, m.end())
        spans.append((m.start(), nxt.start() if nxt else len(text)))
    return spans


def mine_cited_results(text: str, spotter: Spotter) -> list[CitedResult]:
    """Every result ``text`` quotes, with offsets into ``text``."""
    spots = spotter.spot(text)
    skipped = _skipped_spans(text)
    comparator, anaphora, planning = _cue_lists()
    max_gap = int(data("evidence")["max_gap"])
    spot_starts = [sp.start for sp in spots]
    known = find_measures(text)
    known_at = [x.start for x in known]
    all_studies = find_studies(text, spots)
    studies_at = [x.start for x in all_studies]
    out: list[CitedResult] = []
    si = 0
    for p_start, p_end in paragraphs(text):
        topic: _Topic | None = None
        for n, (s, e) in enumerate(sentences(text[p_start:p_end])):
            s, e = s + p_start, e + p_start
            if any(a <= s < b for a, b in skipped) or planning.search(text, s, e):
                continue  # eligibility, or the study's own statistical plan
            while si < len(spots) and spots[si].end <= s:
                si += 1
            here = spots[si : bisect_left(spot_starts, e, si)]
            studies = [
                x
                for x in all_studies[bisect_left(studies_at, s) : bisect_left(studies_at, e)]
                if x.end <= e
            ]
            blocked = [(x.start, x.end) for x in here] + [(x.start, x.end) for x in studies]
            cue = bool(comparator.search(text, s, e)) and len(studies) < 2
            mine = known[bisect_left(known_at, s) : bisect_left(known_at, e)]
            items = pair(text, s, e, blocked, cue, max_gap, mine)
            if studies:
                regimen = _regimen(text, s, e, here, studies)
                ids = {x.ids for x in here if x.kind in REGIMEN_KINDS}
                topic = _Topic(studies[0], regimen, frozenset(ids), n)
            if not items:
                continue
            inherited = None
            if not studies and topic is not None:
                own = {x.ids for x in here if x.kind in REGIMEN_KINDS}
                near = n == topic.sentence + 1 and (not topic.ids or own <= topic.ids)
                if anaphora.search(text, s, e) or near:
                    inherited = topic
            pops = _populations(text, s, e)
            wide = not pops  # no "patients with ...": the disease the sentence treats
            pops = pops or _treatment_populations(text, s, e)
            out.extend(
                _result(text, s, e, item, studies, here, inherited, pops, wide) for item in items
            )
    return out


def _result(
    text: str,
    s: int,
    e: int,
    item: Item,
    studies: list[Study],
    spots: Sequence[Spot],
    inherited: _Topic | None,
    populations: list[Population],
    wide: bool = False,
) -> CitedResult:
    m, v = item.measure, item.value
    study = _study_of(item, studies) or (inherited.study if inherited else None)
    pop = _population_near(populations, v.start, wide)
    regimen = _regimen(text, s, e, spots, studies, pop[1] if pop else None)
    if not regimen and inherited:
        regimen = inherited.regimen
    measure, statistic = m.measure, m.statistic
    if m.kind == "time" and v.unit == "%":
        measure, statistic = f"{measure} rate", "rate"
    ci = v.ci or (None, None, None)
    return CitedResult(
        measure=measure,
        value=v.value,
        sentence=Spanned(text[s:e], Span(s, e)),
        study=Spanned(study.name, Span(study.start, study.end)) if study else None,
        value_high=v.high,
        unit=v.unit,
        statistic=statistic,
        ci_low=ci[1],
        ci_high=ci[2],
        ci_level=ci[0],
        comparator_value=v.comparator,
        regimen=regimen,
        population=pop[0] if pop else None,
        value_span=Span(v.start, v.end),
        measure_match=m.match,
    )


def _study_of(item: Item, studies: list[Study]) -> Study | None:
    """The study a value belongs to: its slot in a "respectively" list of studies, else
    the last study named before it, else the sentence's only study."""
    if not studies:
        return None
    names = list(dict.fromkeys(st.name for st in studies))
    if item.slot is not None and len(names) > 1:
        if item.slot < len(names):
            return next(st for st in studies if st.name == names[item.slot])
        return None
    before = [st for st in studies if st.end <= item.value.start]
    if before:
        return before[-1]
    return studies[0] if len(names) == 1 else None


def _regimen(
    text: str,
    s: int,
    e: int,
    spots: Sequence[Spot],
    studies: Sequence[Study],
    population: tuple[int, int] | None = None,
) -> tuple[Spanned[str], ...]:
    """Drug and class names of the sentence, once each, leaving out names inside study
    codes ("AK105" of "AK105-201") and inside the population ("patients with EGFR TKIs
    resistance")."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for sp in spots:
        if sp.kind not in REGIMEN_KINDS or not (s <= sp.start and sp.end <= e):
            continue
        if any(st.start < sp.end and sp.start < st.end for st in studies):
            continue
        if population and population[0] <= sp.start < population[1]:
            continue
        if sp.kind == "drug-class" and describes_a_drug(text, sp, spots):
            continue  # "camrelizumab (an anti-PD-1 antibody)": the drug is the regimen
        key = sp.ids or (sp.surface.lower(),)
        if key not in seen:
            seen.add(key)
            out.append(Spanned(sp.surface, Span(sp.start, sp.end)))
    return tuple(out)


Population = tuple[str, tuple[int, int]]


def _populations(text: str, s: int, e: int) -> list[Population]:
    """Every population phrase of the sentence ``text[s:e]`` ("previously treated patients
    with advanced NSCLC"), with its span."""
    stop = _stop_words()
    limit = int(data("evidence")["population_max_chars"])
    out = []
    for n in _population().finditer(text, s, e):
        before = _WORDS_BEFORE.search(text, max(s, n.start() - 80), n.start())
        keep: list[str] = []
        for w in reversed(before.group().split() if before else []):
            if w.lower() in stop or any(c.isdigit() for c in w):
                break
            keep.insert(0, w)
        start = n.start() - len(" ".join(keep)) - (1 if keep else 0)
        end = n.end()
        post = _POST.match(text, n.end(), e)
        if post:
            cut = _population_end().search(text, n.end(), post.end())
            end = cut.start() if cut else post.end()
        while end > start and text[end - 1] in " .\n\t":
            end -= 1
        if (keep or post) and end - start <= limit:
            out.append((text[start:end], (start, end)))
    return out


def _treatment_populations(text: str, s: int, e: int) -> list[Population]:
    """ "in the first-line treatment of <disease>" phrases of the sentence ``text[s:e]``."""
    return [(m.group("p"), m.span("p")) for m in _treatment_of().finditer(text, s, e)]


@cache
def _treatment_of() -> re.Pattern[str]:
    return re.compile(str(data("evidence")["population_treatment_of"]).removeprefix("re:"), re.I)


def _population_near(found: list[Population], at: int, wide: bool = False) -> Population | None:
    """The population phrase nearest before ``at`` (within reach, unless it is ``wide``: the
    sentence's "treatment of <disease>", which holds for all its values), else the first after."""
    if not found:
        return None
    reach = int(data("evidence")["population_reach"])
    before = [p for p in found if p[1][0] <= at]
    if before:
        return before[-1] if at - before[-1][1][1] <= reach or wide else None
    return found[0]


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(words("evidence", "population_stop_words"))


_WORDS_BEFORE = re.compile(r"(?:[\w\-]+\s+){1,4}$")
_POST = re.compile(
    r"\s+(?:with|who|whose|harbou?ring|having|aged|previously|pretreated)\b[^,;:()\[\]]*", re.I
)
