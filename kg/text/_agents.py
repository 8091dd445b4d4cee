"""Small facts about drug and class names shared by the miners.

>>> from kg.text.spots import Spot
>>> text = "PD-1 antibody (péamplimab) combined with anlotinib"
>>> cls = Spot(0, 13, "PD-1 antibody", "drug-class", ("c",), "PD-1 inhibitor")
>>> drug = Spot(15, 25, "péamplimab", "drug", ("p",), "penpulimab")
>>> describes_a_drug(text, cls, [cls, drug])
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.text.spots import Spot

_BEFORE_DRUG = re.compile(r"\s*\(\s*")
_AFTER_DRUG = re.compile(r"\s*(?:\([^()]{0,40}|,\s*(?:an?|the)\s+(?:[\w\-]+\s+){0,4})")


def describes_a_drug(text: str, cls: Spot, spots: Sequence[Spot]) -> bool:
    """Does the class name only describe a drug named beside it: "PD-1 antibody
    (péamplimab)", "camrelizumab (an anti-PD-1 antibody)", "durvalumab, an anti-PD-L1
    antibody"?"""
    for d in spots:
        if d.kind != "drug":
            continue
        if d.start >= cls.end and _BEFORE_DRUG.fullmatch(text, cls.end, d.start):
            return True
        if d.end <= cls.start and _AFTER_DRUG.fullmatch(text, d.end, cls.start):
            return True
    return False
