"""The lexicon spotter: exact spots (offsets, ids, labels, methods, scores) on tricky inputs.

The expected values are what the spotter returned before its vocabulary of prefixes and
its remembered spots were introduced; they must not change with any speed-up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.normalize.lexicon import Lexicon
from kg.normalize.spotter import LexiconSpotter
from kg.normalize.vocabulary import vocabulary
from tests.ids import BENMELSTOBART, FLT1, ICI_CLASS, KDR, PENPULIMAB

HGNC = "http://identifiers.org/hgnc/"
FLT4, FGFR1, FGFR2, FGFR3, FGFR4 = (HGNC + n for n in ("3767", "3688", "3689", "3690", "3691"))
PDGFRA, PDGFRB, MET, KIT, RET = (HGNC + n for n in ("8803", "8804", "7029", "6342", "9967"))
CHEMBL = "http://identifiers.org/chembl.compound/"
PEMBROLIZUMAB, TRASTUZUMAB, PACLITAXEL = (
    CHEMBL + n for n in ("CHEMBL3137343", "CHEMBL1201585", "CHEMBL428647")
)
T_DXD = "https://w3id.org/trialkg/id/drug/trastuzumab-deruxtecan"
ANLOTINIB = "https://w3id.org/trialkg/id/drug/anlotinib"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

Row = tuple[int, int, str, str, tuple[str, ...], str, str, float]


@pytest.fixture(scope="module")
def spotter() -> LexiconSpotter:
    return LexiconSpotter(Lexicon.load())


def rows(spotter: LexiconSpotter, text: str) -> list[Row]:
    return [
        (s.start, s.end, s.surface, s.kind, s.ids, s.label, s.method, s.score)
        for s in spotter.spot(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VEGFR1-3", [(0, 8, "VEGFR1-3", "target", (FLT1, KDR, FLT4), "FLT1/KDR/FLT4", "range", 1.0)]),
        ("FGFR 1-4", [(0, 8, "FGFR 1-4", "target", (FGFR1, FGFR2, FGFR3, FGFR4),
                       "FGFR1/FGFR2/FGFR3/FGFR4", "range", 1.0)]),
        ("FGFR1/2/3", [(0, 9, "FGFR1/2/3", "target", (FGFR1, FGFR2, FGFR3), "FGFR1/FGFR2/FGFR3",
                        "range", 1.0)]),
        ("FGFR1, 2, 3 & 4", [(0, 15, "FGFR1, 2, 3 & 4", "target", (FGFR1, FGFR2, FGFR3, FGFR4),
                              "FGFR1/FGFR2/FGFR3/FGFR4", "range", 1.0)]),
        ("VEGFR-1, 2 and 3", [(0, 16, "VEGFR-1, 2 and 3", "target", (FLT1, KDR, FLT4),
                               "FLT1/KDR/FLT4", "range", 1.0)]),
        ("PDGFR α and β", [(0, 13, "PDGFR α and β", "target", (PDGFRA, PDGFRB), "PDGFRA/PDGFRB",
                            "range", 1.0)]),
        # a Greek pair names both members (it was "PDGFR" + "β" alone, PDGFRB)
        ("PDGFRα/β", [(0, 8, "PDGFRα/β", "target", (PDGFRA, PDGFRB), "PDGFRA/PDGFRB", "range",
                       1.0)]),
        # ... which may start with a Greek word that begins no name
        ("α platelet derived growth factor receptor β",
         [(0, 43, "α platelet derived growth factor receptor β", "target", (PDGFRB,), "PDGFRB",
           "synonym", 1.0)]),
        ("pianpulimab", [(0, 11, "pianpulimab", "drug", (PENPULIMAB,), "penpulimab", "synonym", 1.0)]),
        ("péamplimab", [(0, 10, "péamplimab", "drug", (PENPULIMAB,), "penpulimab", "synonym", 1.0)]),
        ("pembrolizamab nivolumib sintilimabb",
         [(0, 13, "pembrolizamab", "drug", (PEMBROLIZUMAB,), "pembrolizumab", "fuzzy", 0.923)]),
        ("AK-105", [(0, 6, "AK-105", "drug", (PENPULIMAB,), "penpulimab", "code", 1.0)]),
        ("TQB2450", [(0, 7, "TQB2450", "drug", (BENMELSTOBART,), "benmelstobart", "code", 1.0)]),
        # short upper-case names need a capital
        ("ak105 and AK105", [(10, 15, "AK105", "drug", (PENPULIMAB,), "penpulimab", "code", 1.0)]),
        # ... written as a symbol: a capitalized word ("Met", "Kit") is not one
        ("met MET Met KIT kit Kit RET ret c-Met",
         [(4, 7, "MET", "target", (MET,), "MET", "exact", 1.0),
          (12, 15, "KIT", "target", (KIT,), "KIT", "exact", 1.0),
          (24, 27, "RET", "target", (RET,), "RET", "exact", 1.0),
          (32, 37, "c-Met", "target", (MET,), "MET", "synonym", 1.0)]),
        # overlapping names: the longest wins
        ("trastuzumab deruxtecan and trastuzumab",
         [(0, 22, "trastuzumab deruxtecan", "drug", (T_DXD,), "trastuzumab deruxtecan", "exact",
           1.0),
          (27, 38, "trastuzumab", "drug", (TRASTUZUMAB,), "trastuzumab", "exact", 1.0)]),
        ("nab-paclitaxel paclitaxel",
         [(0, 14, "nab-paclitaxel", "drug", (PACLITAXEL,), "paclitaxel", "synonym", 1.0),
          (15, 25, "paclitaxel", "drug", (PACLITAXEL,), "paclitaxel", "exact", 1.0)]),
        ("anlotinib hydrochloride capsules",
         [(0, 23, "anlotinib hydrochloride", "drug", (ANLOTINIB,), "anlotinib", "salt", 1.0)]),
        ("Immune checkpoint inhibitors", [(0, 28, "Immune checkpoint inhibitors", "drug-class",
                                          (ICI_CLASS,), "immune checkpoint inhibitor", "synonym",
                                          1.0)]),
        ("", []),
        ("αβγ", []),
    ],
)  # fmt: skip
def test_exact_spots(spotter: LexiconSpotter, text: str, expected: list[Row]) -> None:
    assert rows(spotter, text) == expected


def test_seed_paragraph(spotter: LexiconSpotter) -> None:
    text = (SEEDS / "000_9a5221bcea9ebcfb.txt").read_text(encoding="utf-8")[:700]
    assert [(s.start, s.surface, s.label, s.method) for s in spotter.spot(text)] == [
        (209, "epidermal growth factor receptor", "EGFR", "synonym"),
        (243, "EGFR", "EGFR", "exact"),
        (375, "EGFR Tyrosine Kinase Inhibitor", "EGFR tyrosine kinase inhibitor", "exact"),
        (407, "TKI", "tyrosine kinase inhibitor", "synonym"),
        (469, "EGFR", "EGFR", "exact"),
        (475, "MET", "MET", "exact"),
        (491, "BRAF", "BRAF", "exact"),
        (557, "EGFR-TKI", "EGFR tyrosine kinase inhibitor", "synonym"),
    ]


def test_kinds_restrict_what_is_found() -> None:
    drugs = LexiconSpotter(Lexicon.load(), ("drug", "drug-class"))
    assert [(s.surface, s.label) for s in drugs.spot("VEGFR1-3 and anlotinib")] == [
        ("anlotinib", "anlotinib")
    ]


def test_a_remembered_text_gives_a_fresh_equal_list(spotter: LexiconSpotter) -> None:
    text = "AK105 plus anlotinib"
    first = spotter.spot(text)
    first.clear()
    again = LexiconSpotter(Lexicon.load()).spot(text)
    assert [s.label for s in again] == ["penpulimab", "anlotinib"]
    spotter.vocabulary.forget()
    assert spotter.spot(text) == again


def test_vocabulary_is_shared_and_holds_prefixes() -> None:
    lexicon = Lexicon.load()
    v = vocabulary(lexicon, ("drug",))
    assert LexiconSpotter(lexicon, ("drug",)).vocabulary is v
    assert ("penpulimab" in v.names, "penpu" in v.prefixes, "penpu" in v.names) == (
        True,
        True,
        False,
    )
    assert "vegfr" not in v.prefixes  # a target's name is not a drug's prefix
