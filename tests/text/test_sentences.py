"""Sentence boundaries: abbreviations, decimals, CIs, shouting, glued periods, bullets."""

from __future__ import annotations

from collections.abc import Callable

from kg.text.sentences import paragraphs, sentences


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_abbreviations_and_decimals_do_not_split() -> None:
    text = (
        "The results of Wang et al. demonstrated an ORR of 28.4% and an mPFS of 6.9 months "
        "(95% CI, 5.5-8.3 months), i.e. better than docetaxel, e.g. in Asia. It was developed "
        "by Zhongshan Akeso Biopharmaceutical Co., Ltd. and Prof. Li of the hospital."
    )
    assert split(text) == [
        "The results of Wang et al. demonstrated an ORR of 28.4% and an mPFS of 6.9 months "
        "(95% CI, 5.5-8.3 months), i.e. better than docetaxel, e.g. in Asia.",
        "It was developed by Zhongshan Akeso Biopharmaceutical Co., Ltd. and Prof. Li of the "
        "hospital.",
    ]


def test_versus_and_initials() -> None:
    assert split("Median PFS was 18.9 vs. 10.2 months. Soria J. Smith reported it.") == [
        "Median PFS was 18.9 vs. 10.2 months.",
        "Soria J. Smith reported it.",
    ]


def test_maybe_abbreviations_end_a_sentence_before_a_new_one() -> None:
    assert split("Drugs such as CD40, OX40, etc. The trial ended. Wang et al. The end.") == [
        "Drugs such as CD40, OX40, etc.",
        "The trial ended.",
        "Wang et al.",
        "The end.",
    ]


def test_glued_period_and_shouting() -> None:
    text = (
        "Immunotherapy has made a major progress in Lung cancer.However, challenges exist. "
        "IN MAY 2018, THE FDA APPROVED IT, CO., LTD. AND PARTNERS SAID SO IN 2019. Penpulimab "
        "is an antibody."
    )
    assert split(text) == [
        "Immunotherapy has made a major progress in Lung cancer.",
        "However, challenges exist.",
        "IN MAY 2018, THE FDA APPROVED IT, CO., LTD. AND PARTNERS SAID SO IN 2019.",
        "Penpulimab is an antibody.",
    ]


def test_bullets_and_line_breaks() -> None:
    text = (
        "Inclusion Criteria\n* 1\\. Age ≥ 18 years.\n* 2\\. ECOG PS: 0-1\n"
        "- Hemoglobin ≥ 90 g/L;\n1) Blood routine examination\n"
        "a) Hematology (no transfusion\nwithin 14 days)"
    )
    assert split(text) == [
        "Inclusion Criteria",
        "Age ≥ 18 years.",
        "ECOG PS: 0-1",
        "Hemoglobin ≥ 90 g/L;",
        "Blood routine examination",
        "Hematology (no transfusion\nwithin 14 days)",
    ]


def test_offsets_point_into_the_text(seed: Callable[[str], str]) -> None:
    text = seed("000")
    spans = sentences(text)
    assert all(text[s:e] == text[s:e].strip() and e > s for s, e in spans)
    found = [text[s:e] for s, e in spans]
    assert (
        "Anlotinib is a novel multi-target tyrosine kinase inhibitor (TKI) used to inhibit tumor "
        "angiogenesis and proliferative signaling." in found
    )
    penpulimab = next(x for x in found if x.startswith("Penpulimab is a humanized"))
    assert penpulimab.endswith("to achieve the purpose of treating tumors.")
    assert any(x.startswith("IN MAY 2018") and x.endswith("LUNG CANCER IN 2019.") for x in found)
    assert "Anlotinib Plus Penpulimab" in split(seed("001"))


def test_paragraphs() -> None:
    text = "First one.\nStill first.\n\n  \nSecond."
    assert [text[s:e] for s, e in paragraphs(text)] == ["First one.\nStill first.", "Second."]
