"""The study's own aim: the drugs and classes the study itself will give.

The aim is read from sentences that state it ("we expect to conduct an exploratory
clinical study of ...", "The goal of this clinical trial is to evaluate ...", "This phase
II study evaluates ...", "Eligible patients will receive ...", and, opening a sentence or
title, "A Phase 3 Study of ..."): the names after the cue
up to where the population or the purpose begins ("in patients with", "for advanced
NSCLC", "after", "to explore"). Names of prior therapy ("who have failed EGFR TKIs") and
of background sentences are never taken; a class named with its drug in brackets ("PD-1
antibody (péamplimab)") gives the drug only. Cue and stop phrases are data
(``lexicon/aims.json``).

>>> class Spots:
...     def spot(self, text):
...         from kg.text.spots import Spot
...         return [Spot(text.index(w), text.index(w) + len(w), w, "drug", (w,), w)
...                 for w in ("nivolumab", "docetaxel") if w in text]
>>> [s.surface for s in mine_aim("Docetaxel was standard. This phase II study evaluates "
...                             "nivolumab in patients after docetaxel.", Spots())]
['nivolumab']
"""

from __future__ import annotations

import re
from functools import cache

from kg.text._agents import describes_a_drug
from kg.text._lexicon import alternation, phrase_regex, words
from kg.text.sentences import sentences
from kg.text.spots import Spot, Spotter

AGENT_KINDS = ("drug", "drug-class")


@cache
def _cues() -> re.Pattern[str]:
    return re.compile("|".join(phrase_regex(c) for c in words("aims", "cues")), re.IGNORECASE)


@cache
def _openings() -> re.Pattern[str]:
    return re.compile("|".join(phrase_regex(c) for c in words("aims", "opening_cues")), re.I)


@cache
def _stops() -> re.Pattern[str]:
    items = words("aims", "stops")
    plain = [s for s in items if not s.startswith("re:") and s[0].isalnum()]
    other = [
        phrase_regex(s) if s.startswith("re:") else re.escape(s) for s in items if s not in plain
    ]
    return re.compile("|".join([r"(?<![\w])" + alternation(plain) + r"(?![\w])", *other]), re.I)


@cache
def _prior() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w])" + alternation(words("aims", "prior_therapy")) + r"\s+(?:\w+\s+){0,2}$", re.I
    )


def mine_aim(text: str, spotter: Spotter) -> list[Spot]:
    """The drug and class names of the aim sentences of ``text``, each drug once, in order."""
    spots = [sp for sp in spotter.spot(text) if sp.kind in AGENT_KINDS]
    out: list[Spot] = []
    seen: set[tuple[str, ...]] = set()
    for s, e in sentences(text):
        opening = _openings().match(text, s, e)
        for cue in [*([opening] if opening else []), *_cues().finditer(text, s, e)]:
            stop = _stops().search(text, cue.end(), e)
            end = stop.start() if stop else e
            region = [sp for sp in spots if cue.end() <= sp.start and sp.end <= end]
            for sp in region:
                if _prior().search(text, max(cue.end(), sp.start - 40), sp.start):
                    continue
                if sp.kind == "drug-class" and describes_a_drug(text, sp, region):
                    continue
                key = sp.ids or (sp.surface.lower(),)
                if key not in seen:
                    seen.add(key)
                    out.append(sp)
    return out
