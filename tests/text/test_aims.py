"""The study's own drugs, from the sentence stating its aim, never from background."""

from __future__ import annotations

from collections.abc import Callable

from kg.text.aims import mine_aim
from tests.text.conftest import FakeSpotter


def names(text: str, spotter: FakeSpotter) -> list[tuple[str, str]]:
    return [(s.surface, s.kind) for s in mine_aim(text, spotter)]


def test_seeds(seed: Callable[[str], str], spotter: FakeSpotter) -> None:
    # "PD-1 antibody (péamplimab) combined with anlotinib in patients ... failed EGFR TKIs"
    assert names(seed("000"), spotter) == [("péamplimab", "drug"), ("anlotinib", "drug")]
    assert names(seed("001"), spotter) == [("Anlotinib", "drug"), ("Penpulimab", "drug")]
    assert names(seed("002"), spotter) == [
        ("anlotinib", "drug"),
        ("Immune checkpoint inhibitors", "drug-class"),
    ]
    # "after anti-PD-1/L1 therapy" is prior therapy; the aim is in "Participants received"
    assert names(seed("003"), spotter) == [("sintilimab", "drug"), ("anlotinib", "drug")]


def test_seed_004_summary(
    seed: Callable[[str], str], spotter: FakeSpotter, between: Callable[[str, str, str], str]
) -> None:
    summary = between(seed("004"), "The goal of this clinical trial", "\n")
    found = mine_aim(summary, spotter)
    assert [(s.surface, s.kind) for s in found] == [
        ("benmelstobart", "drug"),
        ("anlotinib", "drug"),
        ("chemotherapy", "drug-class"),
    ]
    assert all(summary[s.start : s.end] == s.surface for s in found)


def test_background_alone_gives_nothing(spotter: FakeSpotter) -> None:
    text = (
        "Pembrolizumab improved survival in KEYNOTE-189. Nivolumab is approved for second-line "
        "treatment, and the current study on immunotherapy and anti-angiogenic drugs is growing."
    )
    assert names(text, spotter) == []


# -- other wordings, modelled on public registry summaries --------------------------------


def test_other_aim_wordings(spotter: FakeSpotter) -> None:
    assert names(
        "This phase II study evaluates the efficacy of pembrolizumab plus lenvatinib in "
        "patients with advanced endometrial cancer who progressed after platinum-based "
        "chemotherapy.",
        spotter,
    ) == [("pembrolizumab", "drug"), ("lenvatinib", "drug")]
    assert names(
        "The purpose of this study is to compare osimertinib with gefitinib or erlotinib as "
        "first-line treatment of EGFR mutation-positive NSCLC.",
        spotter,
    ) == [("osimertinib", "drug"), ("gefitinib", "drug"), ("erlotinib", "drug")]
    assert names(
        "A Phase 3 Study of Tislelizumab Combined With Paclitaxel Plus Carboplatin Versus "
        "Paclitaxel Plus Carboplatin Alone in Squamous NSCLC",
        spotter,
    ) == [("Tislelizumab", "drug"), ("Paclitaxel", "drug"), ("Carboplatin", "drug")]
    assert names(
        "Patients will be randomized to receive durvalumab or placebo after chemoradiotherapy.",
        spotter,
    ) == [("durvalumab", "drug")]
    assert names(
        "The study is being conducted to evaluate the efficacy and safety of sintilimab "
        "combined with apatinib following failure of EGFR-TKIs.",
        spotter,
    ) == [("sintilimab", "drug"), ("apatinib", "drug")]
