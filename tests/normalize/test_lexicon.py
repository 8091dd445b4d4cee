import pytest

from kg.normalize.conditions import resolve_conditions
from kg.normalize.lexicon import Lexicon
from kg.normalize.spotter import LexiconSpotter
from tests.ids import ANLOTINIB, BENMELSTOBART, CARBOPLATIN, ICI_CLASS, PENPULIMAB, SINTILIMAB


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.mark.parametrize(
    ("name", "iri", "method"),
    [
        ("Penpulimab", PENPULIMAB, "exact"),
        ("PEAMPLIMAB", PENPULIMAB, "synonym"),
        ("pianpulimab", PENPULIMAB, "synonym"),
        ("péamplimab", PENPULIMAB, "synonym"),
        ("AK105", PENPULIMAB, "code"),
        ("AK-105", PENPULIMAB, "code"),
        ("TQB2450", BENMELSTOBART, "code"),
        ("IBI308", SINTILIMAB, "code"),
        ("Anlotinib hydrochloride capsules", ANLOTINIB, "salt"),
        ("Carboplatin for injection", CARBOPLATIN, "salt"),
        ("Immune checkpoint inhibitors", ICI_CLASS, "synonym"),
    ],
)
def test_resolve(lexicon: Lexicon, name: str, iri: str, method: str) -> None:
    concept = lexicon.resolve(name)
    assert concept is not None
    assert (concept.iri, concept.method) == (iri, method)


def test_fuzzy_catches_an_unlisted_misspelling(lexicon: Lexicon) -> None:
    concept = lexicon.resolve("pembrolizamab")
    assert concept is not None and concept.label == "pembrolizumab"
    assert concept.method == "fuzzy" and 0.84 <= concept.score < 1


def test_unknown_names_stay_unresolved(lexicon: Lexicon) -> None:
    assert lexicon.resolve("Placebo") is None
    assert lexicon.resolve("exercise counselling") is None


def test_spotter_expands_target_ranges(lexicon: Lexicon) -> None:
    spotter = LexiconSpotter(lexicon, ("target", "family"))
    text = (
        "vascular endothelial growth factor receptor 1-3 (VEGFr1-3), FGFR1/2/3, "
        "platelet-β derived growth factor receptor α and β, and stem cell factor receptor"
    )
    labels = [s.label for s in spotter.spot(text)]
    assert labels == [
        "FLT1/KDR/FLT4",
        "FLT1/KDR/FLT4",
        "FGFR1/FGFR2/FGFR3",
        "PDGFRA/PDGFRB",
        "KIT",
    ]


def test_short_symbols_need_capitals(lexicon: Lexicon) -> None:
    spotter = LexiconSpotter(lexicon, ("target",))
    assert [s.label for s in spotter.spot("patients who met the criteria; MET amplification")] == [
        "MET"
    ]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Extensive-stage Small Cell Lung Cancer", "extensive-stage small cell lung cancer"),
        ("Small Cell Lung Cancer Extensive Stage Resistance to Immunotherapy",
         "extensive-stage small cell lung cancer"),
        ("NSCLC", "non-small cell lung cancer"),
        ("Carcinoma, Non-Small-Cell Lung", "non-small cell lung cancer"),
        ("Hepatocellular Carcinoma", "hepatocellular carcinoma"),
    ],
)  # fmt: skip
def test_conditions(lexicon: Lexicon, text: str, label: str) -> None:
    assert [c.label for c in resolve_conditions(lexicon, text)] == [label]


def test_non_diseases_are_not_conditions(lexicon: Lexicon) -> None:
    assert resolve_conditions(lexicon, "Angiogenesis") == ()
    assert resolve_conditions(lexicon, "Immunotherapy") == ()
