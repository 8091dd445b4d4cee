"""Mechanism statements: sentences saying that a drug acts on targets.

A drug is the subject of a statement when the sentence opens with it ("Anlotinib is a
... inhibitor that inhibits VEGFR, PDGFR ..."), describes it in apposition ("sotorasib,
a selective KRAS G12C inhibitor"), puts an action verb right after it ("osimertinib
irreversibly inhibits EGFR"), lists its targets ("the main targets of anlotinib include
...") or refers back to it ("It functions by inhibiting ..."); a target named just before
the drug with an action noun also counts ("the PD-1 inhibitor pembrolizumab"). Targets
named in another role are left out: biomarkers ("EGFR-sensitive mutations", "EGFR, MET
and BRAF gene alterations"), pathways joined with a slash ("the PD-1/PD-L1 pathway") when
the drug's own target is named, and anything after a combination cue ("combined with").
The action is the strongest cue of the statement, else the one the document gives the
drug elsewhere ("a tyrosine kinase inhibitor"), as a ChEMBL action type. Every cue list
is data (``lexicon/actions.tsv``, ``lexicon/mechanisms.json``).

>>> class Spots:
...     def spot(self, text):
...         from kg.text.spots import Spot
...         names = {"osimertinib": "drug", "EGFR": "target"}
...         at = {n: text.lower().index(n.lower()) for n in names}
...         return sorted((Spot(at[n], at[n] + len(n), text[at[n]:at[n] + len(n)], k, (n,), n)
...                        for n, k in names.items()), key=lambda s: s.start)
>>> [(m.drug.value, [t.value for t in m.targets], m.action)
...  for m in mine_mechanisms("Thereafter, osimertinib irreversibly inhibits EGFR.", Spots())]
[('osimertinib', ['EGFR'], 'inhibitor')]
>>> mine_mechanisms("Osimertinib is approved for EGFR-mutant NSCLC.", Spots())
[]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from kg.records import MechanismStatement, Span, Spanned
from kg.text._lexicon import Table, alternation, data, phrase_regex, rows, words
from kg.text.sentences import paragraphs, sentences
from kg.text.spots import Spot, Spotter
from kg.text.studies import find_studies

TARGET_KINDS = ("target", "family")
AGENT_KINDS = ("drug", "drug-class")


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    action: str
    rank: int
    role: str  # verb | noun


@cache
def _cue_table() -> tuple[Table, tuple[tuple[str, int, str], ...]]:
    table = rows("actions")
    return Table([r[0] for r in table]), tuple((a, int(rank), role) for _, a, rank, role in table)


def _cues(text: str, start: int, end: int) -> list[_Cue]:
    table, info = _cue_table()
    return [_Cue(m.start(), m.end(), *info[row]) for m, row, _ in table.finditer(text, start, end)]


@cache
def _rx(key: str, prefix: str = "", suffix: str = "") -> re.Pattern[str]:
    return re.compile(prefix + alternation(words("mechanisms", key)) + suffix, re.IGNORECASE)


@cache
def _variant() -> str:
    return phrase_regex(str(data("mechanisms")["variant"]))


_LIST_SEP = re.compile(
    r"(?:\s|,|/|\(|\)|\band\b|\bor\b|\bas well as\b|\band other\b|\b[A-Z][A-Z0-9\-]{1,9}\b)*"
)


def _lists(text: str, targets: list[Spot]) -> list[list[Spot]]:
    """Targets grouped into coordinated lists ("VEGFR, PDGFR, FGFR, c-Kit")."""
    out: list[list[Spot]] = []
    for t in targets:
        if out and _LIST_SEP.fullmatch(text, out[-1][-1].end, t.start):
            out[-1].append(t)
        else:
            out.append([t])
    return out


def _role(text: str, lst: list[Spot], limit: int) -> str:
    """ "biomarker", "pathway" or "target": the role a list of targets plays."""
    first, last = lst[0], lst[-1]
    tail = text[last.end : min(limit, last.end + 80)]
    tail = re.sub(r"^[\s)\]\-–]*", "", tail)
    tail = re.sub(r"^(?:" + _variant() + r")[\s\-–]*", "", tail)
    tail = _rx("skip_after", r"^(?:", r")\b[\s\-]*").sub("", tail, count=1)
    if _rx("biomarker_after", r"^[\s\-–]*").match(tail):
        return "biomarker"
    if _rx("biomarker_before", "", r"[\s\-]*$").search(text, max(0, first.start - 30), first.start):
        return "biomarker"
    if _rx("pathway_after", r"^[\s\-–]*").match(tail) or any(
        _rx("pathway_in_name", r"\b", r"\b").search(t.surface) for t in lst
    ):
        return "pathway"
    return "target"


def _usable(text: str, targets: list[Spot], end: int) -> tuple[list[list[Spot]], set[int]]:
    """Target lists of a sentence in the "target" role, and starts of single-target
    pathway mentions ("blocking PD-1 pathway") usable when nothing else is named."""
    keep, pathway = [], set()
    for lst in _lists(text, targets):
        role = _role(text, lst, end)
        if role == "target":
            keep.append(lst)
        elif role == "pathway" and len(lst) == 1 and "/" not in lst[0].surface:
            keep.append(lst)
            pathway.add(lst[0].start)
    return keep, pathway


def mine_mechanisms(text: str, spotter: Spotter) -> list[MechanismStatement]:
    """Every statement in ``text`` that a drug acts on targets, offsets into ``text``."""
    spots = spotter.spot(text)
    codes = find_studies(text, spots)
    spots = [sp for sp in spots if not any(c.start < sp.end and sp.start < c.end for c in codes)]
    starts = [sp.start for sp in spots]
    context: dict[tuple[str, ...], tuple[int, str]] = {}
    plans = []
    for p_start, p_end in paragraphs(text):
        topic: Spot | None = None
        for s, e in sentences(text[p_start:p_end]):
            s, e = s + p_start, e + p_start
            lo, hi = bisect_left(starts, s), bisect_left(starts, e)
            here = [sp for sp in spots[lo:hi] if sp.end <= e]
            subjects = _subjects(text, s, e, here, topic)
            for drug, r_start, r_end, mode in subjects:
                best = min(_cues(text, r_start, r_end), key=lambda c: c.rank, default=None)
                if best and best.rank < context.get(drug.ids, (99, ""))[0]:
                    context[drug.ids] = (best.rank, best.action)
                if mode in ("initial", "appositive"):
                    topic = drug
            plans.append((s, e, here, subjects))
    out = []
    for s, e, here, subjects in plans:
        out.extend(_statements(text, s, e, here, subjects, context, spotter))
    return out


def _subjects(
    text: str, s: int, e: int, here: list[Spot], topic: Spot | None
) -> list[tuple[Spot, int, int, str]]:
    """(drug, region start, region end, how) for every drug the sentence speaks about."""
    agents = [sp for sp in here if sp.kind in AGENT_KINDS]
    out = []
    for i, d in enumerate(agents):
        if d.kind != "drug":
            continue
        after = text[d.end : e]
        mode = None
        if i == 0 and _opens(text[s : d.start]):
            mode = "initial"
        elif _rx("appositive", r"^\s*(?:\([^()]{0,60}\)\s*)?", r"\b").match(after):
            mode = "appositive"
        elif _acts(after):
            mode = "verb"
        elif _rx("targets_of_before", r"\b", r"\s*$").search(text, max(s, d.start - 30), d.start):
            m = _rx("targets_of_after", r"^\s*", r"\b").match(after)
            if m:
                out.append(
                    (d, d.end + m.end(), _stop(text, d.end + m.end(), e, d, agents), "targets")
                )
            continue
        if mode:
            out.append((d, d.end, _stop(text, d.end, e, d, agents), mode))
    m = _rx("pronouns", r"\W*", r"\b").match(text, s, e)
    if topic is not None and m and not (agents and agents[0].start < m.end()):
        out.append((topic, m.end(), _stop(text, m.end(), e, topic, agents), "pronoun"))
    return out


def _opens(prefix: str) -> bool:
    """Does the sentence open with the drug (after "The", "Moreover," or "In X,")?"""
    prefix = prefix.strip()
    if not prefix or _rx("leading_words", r"^(?:", r")[\s,]*$").match(prefix):
        return True
    return bool(re.fullmatch(r"[^,;]{1,80},\s*(?:the\s+)?", prefix, re.IGNORECASE))


@cache
def _gap() -> re.Pattern[str]:
    words_ = _rx("gap_words").pattern
    return re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?,?\s*(?:" + words_ + r"\s+){0,4}", re.I)


def _acts(after: str) -> bool:
    """Is the drug followed by an action verb (adverbs, "which", "can" allowed between)?"""
    m = _gap().match(after)
    rest = after[m.end() if m else 0 : (m.end() if m else 0) + 40]
    return any(c.start == 0 and c.role == "verb" for c in _cues(rest, 0, len(rest)))


def _stop(text: str, start: int, end: int, drug: Spot, agents: list[Spot]) -> int:
    """Where a drug's region ends: another drug, a combination cue, a ";", or a class
    joined by "and"/"or"."""
    stop = end
    for sp in agents:
        if sp.start >= start and sp.ids != drug.ids:
            if sp.kind == "drug" or re.search(
                r"(?:\band|\bor|,)\s*(?:the\s+)?$", text[start : sp.start]
            ):
                stop = min(stop, sp.start)
                break
    m = _rx("combination", r"(?<![\w])", r"(?![\w])").search(text, start, stop)
    if m:
        stop = m.start()
    semi = text.find(";", start, stop)
    return semi if semi != -1 else stop


def _statements(
    text: str,
    s: int,
    e: int,
    here: list[Spot],
    subjects: list[tuple[Spot, int, int, str]],
    context: dict[tuple[str, ...], tuple[int, str]],
    spotter: Spotter,
) -> list[MechanismStatement]:
    found: dict[int, tuple[Spot, list[Spot], list[_Cue]]] = {}
    for drug, cls in _describing_classes(text, here, subjects):
        inner, cues = _class_targets(text, cls, spotter)
        if inner:
            entry = found.setdefault(drug.start, (drug, [], []))
            entry[1].extend(inner)
            entry[2].extend(cues)
    targets = [sp for sp in here if sp.kind in TARGET_KINDS]
    lists, pathway = _usable(text, targets, e) if targets else ([], set())
    for drug, r_start, r_end, mode in subjects:
        cues = _cues(text, r_start, r_end)
        chosen = [
            t
            for lst in lists
            if r_start <= lst[0].start and lst[-1].end <= r_end
            and (mode == "targets" or _governed(text, lst, cues))
            for t in lst
        ]  # fmt: skip
        if chosen:
            entry = found.setdefault(drug.start, (drug, [], []))
            entry[1].extend(t for t in chosen if t not in entry[1])
            entry[2].extend(cues)
    for drug in (sp for sp in here if sp.kind == "drug"):  # "the PD-1 inhibitor pembrolizumab"
        before = [lst for lst in lists if lst[-1].end <= drug.start]
        if before and _names_action(text, before[-1][-1].end, drug.start):
            entry = found.setdefault(drug.start, (drug, [], []))
            entry[1].extend(t for t in before[-1] if t not in entry[1])
            entry[2].extend(_cues(text, before[-1][-1].end, drug.start))
    out = []
    for drug, chosen, cues in sorted(found.values(), key=lambda f: f[0].start):
        direct = [t for t in chosen if t.start not in pathway]
        chosen = direct or chosen
        action = _action(cues, context.get(drug.ids))
        out.append(
            MechanismStatement(
                drug=Spanned(drug.surface, Span(drug.start, drug.end)),
                targets=tuple(
                    Spanned(t.surface, Span(t.start, t.end))
                    for t in sorted(chosen, key=lambda t: t.start)
                ),
                action=action,
                sentence=Spanned(text[s:e], Span(s, e)),
            )
        )
    return out


def _describing_classes(
    text: str, here: list[Spot], subjects: list[tuple[Spot, int, int, str]]
) -> list[tuple[Spot, Spot]]:
    """(drug, class) where the class describes the drug: "durvalumab, an anti-PD-L1
    antibody", "X is a KRAS G12C inhibitor", "the PD-1 inhibitor pembrolizumab"."""
    classes = [sp for sp in here if sp.kind == "drug-class"]
    out = []
    for drug, r_start, r_end, mode in subjects:
        if mode == "targets":
            continue
        for cls in classes:
            if r_start <= cls.start and cls.end <= r_end and _describes(text, r_start, cls.start):
                out.append((drug, cls))
    for drug in (sp for sp in here if sp.kind == "drug"):
        for cls in classes:
            if cls.end <= drug.start and re.fullmatch(
                r"\s*,?\s*\(?\s*", text[cls.end : drug.start]
            ):
                out.append((drug, cls))
    return out


def _describes(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` only the start of a description ("is a novel, oral", ", a")?"""
    gap = _NESTED.sub(" ", text[start:end])
    if re.search(r"[;:]", gap):
        return False
    return not _rx("description_breakers", r"(?<![\w\-])", r"(?![\w\-])").search(gap)


_NESTED = re.compile(r"\([^()]*\)")


def _class_targets(text: str, cls: Spot, spotter: Spotter) -> tuple[list[Spot], list[_Cue]]:
    """The targets a class name contains ("anti-PD-L1 antibody" -> PD-L1, "third-generation
    EGFR-TKI" -> EGFR) with the class's own action cues."""
    cues = _cues(text, cls.start, cls.end)
    start, end = cls.start, cls.end
    for c in cues:
        if c.start == start:  # "anti-", "antibody-drug conjugate"
            start = c.end
        elif c.role == "noun":
            end = min(end, c.start)
    inner = text[start:end]
    spots = [
        Spot(sp.start + start, sp.end + start, sp.surface, sp.kind, sp.ids, sp.label, sp.method)
        for sp in spotter.spot(inner)
        if sp.kind in TARGET_KINDS
    ]
    return spots, cues


def _governed(text: str, lst: list[Spot], cues: list[_Cue]) -> bool:
    """Is the target list the object of a verb cue or the modifier of a noun cue?"""
    for c in cues:
        if c.role == "verb" and c.end <= lst[0].start and lst[0].start - c.end <= 40:
            gap = text[c.end : lst[0].start]
            if not re.search(r"[;.]", gap):
                return True
        if (
            c.role == "noun"
            and c.start >= lst[-1].end
            and _noun_follows(text, lst[-1].end, c.start)
        ):
            return True
        if (
            c.role == "noun"
            and c.end <= lst[0].start
            and _of_object().fullmatch(text, c.end, lst[0].start)
        ):
            return True  # "a selective inhibitor of KRAS G12C", "an antibody against VEGF"
    return False


@cache
def _of_object() -> re.Pattern[str]:
    return _rx("noun_objects", r"s?\s+(?:", r")\s+(?:the\s+|both\s+|all\s+)?")


def _noun_follows(text: str, end: int, cue_start: int) -> bool:
    gap = text[end:cue_start]
    return bool(
        re.fullmatch(r"[\s\-–)]*(?:(?:" + _variant() + r")[\s\-–]*)?(?:[\w\-]+\s+){0,3}", gap)
    )


def _names_action(text: str, end: int, drug_start: int) -> bool:
    """ "<target> inhibitor <drug>": an action noun between the target and the drug."""
    gap = text[end:drug_start]
    cue = next((c for c in _cues(gap, 0, len(gap)) if c.role == "noun"), None)
    return (
        cue is not None
        and _noun_follows(gap, 0, cue.start)
        and bool(re.fullmatch(r"s?\s*[,(]?\s*", gap[cue.end :]))
    )


def _action(cues: list[_Cue], known: tuple[int, str] | None) -> str:
    best = min(cues, key=lambda c: c.rank, default=None)
    if best is not None and best.rank <= 4:
        return best.action
    if known is not None and known[0] <= 4:
        return known[1]
    if best is not None:
        return best.action
    return str(data("mechanisms")["default_action"])
