"""Fixtures for the free-text miners: a small fake spotter and the seed documents.

The fake spotter is a dict of names -> (kind, ids, label), matched case-insensitively on
word boundaries, longest name first, the way the real lexicon spotter behaves on the
seed texts (ranges and misspellings are simply listed as names here).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.text.spots import Spot

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

Entry = tuple[str, tuple[str, ...], str]


def _drug(label: str) -> Entry:
    return ("drug", (f"drug:{label}",), label)


def _cls(label: str) -> Entry:
    return ("drug-class", (f"class:{label}",), label)


def _target(label: str, *ids: str) -> Entry:
    return ("target", tuple(f"hgnc:{i}" for i in (ids or (label,))), label)


def _family(label: str) -> Entry:
    return ("family", (f"family:{label}",), label)


NAMES: dict[str, Entry] = {
    # drugs (misspellings and salts listed as the real spotter resolves them)
    "anlotinib": _drug("anlotinib"),
    "anlotinib hydrochloride": _drug("anlotinib"),
    "penpulimab": _drug("penpulimab"),
    "pianpulimab": _drug("penpulimab"),
    "peamplimab": _drug("penpulimab"),
    "péamplimab": _drug("penpulimab"),
    "ak105": _drug("penpulimab"),
    "sintilimab": _drug("sintilimab"),
    "benmelstobart": _drug("benmelstobart"),
    "carboplatin": _drug("carboplatin"),
    "cisplatin": _drug("cisplatin"),
    "paclitaxel": _drug("paclitaxel"),
    "nab-paclitaxel": _drug("nab-paclitaxel"),
    "pemetrexed": _drug("pemetrexed"),
    "etoposide": _drug("etoposide"),
    "docetaxel": _drug("docetaxel"),
    "pembrolizumab": _drug("pembrolizumab"),
    "nivolumab": _drug("nivolumab"),
    "ipilimumab": _drug("ipilimumab"),
    "atezolizumab": _drug("atezolizumab"),
    "durvalumab": _drug("durvalumab"),
    "osimertinib": _drug("osimertinib"),
    "gefitinib": _drug("gefitinib"),
    "erlotinib": _drug("erlotinib"),
    "bevacizumab": _drug("bevacizumab"),
    "sotorasib": _drug("sotorasib"),
    "trastuzumab": _drug("trastuzumab"),
    "trastuzumab deruxtecan": _drug("trastuzumab deruxtecan"),
    "lenvatinib": _drug("lenvatinib"),
    "gemcitabine": _drug("gemcitabine"),
    "apatinib": _drug("rivoceranib"),
    "tislelizumab": _drug("tislelizumab"),
    "camrelizumab": _drug("camrelizumab"),
    "ak112": _drug("ivonescimab"),
    "serplulimab": _drug("serplulimab"),
    "olaparib": _drug("olaparib"),
    "fulvestrant": _drug("fulvestrant"),
    # classes
    "immune checkpoint inhibitors": _cls("immune checkpoint inhibitor"),
    "egfr tyrosine kinase inhibitor": _cls("EGFR TKI"),
    "egfr-tki": _cls("EGFR TKI"),
    "egfr-tkis": _cls("EGFR TKI"),
    "egfr tki": _cls("EGFR TKI"),
    "egfr tkis": _cls("EGFR TKI"),
    "multi-target tyrosine kinase inhibitor": _cls("TKI"),
    "receptor tyrosine kinase inhibitor": _cls("TKI"),
    "tki": _cls("TKI"),
    "anti-pd-1": _cls("PD-1 inhibitor"),
    "pd-1 antibody": _cls("PD-1 inhibitor"),
    "pd-1/pd-l1 inhibitors": _cls("PD-1/PD-L1 inhibitor"),
    "anti-pd-1/l1 therapy": _cls("PD-1/PD-L1 inhibitor"),
    "chemotherapy": _cls("chemotherapy"),
    "platinum-containing chemotherapy": _cls("platinum agent"),
    "platinum-based chemotherapy": _cls("platinum agent"),
    "anti-angiogenic drugs": _cls("anti-angiogenic agent"),
    "antiangiogenic drugs": _cls("anti-angiogenic agent"),
    "anti-angiogenic agents": _cls("anti-angiogenic agent"),
    "anti-angiogenic therapy": _cls("anti-angiogenic agent"),
    # targets and families (ranges as the real spotter returns them, one spot each)
    "epidermal growth factor receptor": _target("EGFR"),
    "egfr": _target("EGFR"),
    "met": _target("MET"),
    "braf": _target("BRAF"),
    "kras": _target("KRAS"),
    "kras g12c": _target("KRAS"),
    "her2": _target("ERBB2"),
    "alk": _target("ALK"),
    "pd-1": _target("PDCD1"),
    "programmed death-1": _target("PDCD1"),
    "vegfr-2": _target("KDR"),
    "pd-l1": _target("CD274"),
    "pd-l2": _target("PDCD1LG2"),
    "ctla-4": _target("CTLA4"),
    "vegf": _family("VEGF"),
    "vegf-a": _target("VEGFA"),
    "vascular endothelial growth factor a": _target("VEGFA"),
    "fgfr1-4": _target("FGFR1-4", "FGFR1", "FGFR2", "FGFR3", "FGFR4"),
    "vegfr2": _target("KDR"),
    "c-kit": _target("KIT"),
    "stem cell factor receptor": _target("KIT"),
    "vascular endothelial growth factor receptor 1-3": _target("VEGFR1-3", "FLT1", "KDR", "FLT4"),
    "vegfr1-3": _target("VEGFR1-3", "FLT1", "KDR", "FLT4"),
    "fibroblast growth factor receptor 1-4": _target("FGFR1-4", "FGFR1", "FGFR2", "FGFR3", "FGFR4"),
    "platelet-β derived growth factor receptor α and β": _target("PDGFRA/B", "PDGFRA", "PDGFRB"),
    "vegfr": _family("VEGFR"),
    "pdgfr": _family("PDGFR"),
    "fgfr": _family("FGFR"),
    "pd-1 pathway": _family("PD-1/PD-L1 axis"),
    "pd-1/pd-l1 pathway": _family("PD-1/PD-L1 axis"),
    "estrogen receptor": _target("ESR1"),
    "parp": _family("PARP"),
    "tubulin": _family("tubulin"),
    # a condition, which no miner reports
    "nsclc": ("condition", ("mesh:D002289",), "NSCLC"),
}


class FakeSpotter:
    """A :class:`kg.text.spots.Spotter` over a dict of names."""

    def __init__(self, names: dict[str, Entry]) -> None:
        self.names = {k.lower(): v for k, v in names.items()}
        alts = sorted(self.names, key=len, reverse=True)
        self.rx = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alts)) + r")(?!\w)", re.I)
        self.calls = 0

    def spot(self, text: str) -> list[Spot]:
        self.calls += 1
        out = []
        for m in self.rx.finditer(text):
            kind, ids, label = self.names[m.group().lower()]
            out.append(Spot(m.start(), m.end(), m.group(), kind, ids, label))
        return out


@pytest.fixture(scope="session")
def spotter() -> FakeSpotter:
    return FakeSpotter(NAMES)


@pytest.fixture(scope="session")
def make_spotter() -> Callable[[dict[str, Entry]], FakeSpotter]:
    return FakeSpotter


@pytest.fixture(scope="session")
def seed() -> Callable[[str], str]:
    """The text of the seed document whose name starts with the given number ("000")."""

    def read(number: str) -> str:
        (path,) = SEEDS.glob(f"{number}_*.txt")
        return path.read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def between() -> Callable[[str, str, str], str]:
    """The part of a text from the first ``start`` to the first ``end`` after it."""

    def cut(text: str, start: str, end: str) -> str:
        i = text.index(start)
        return text[i : text.index(end, i)]

    return cut
