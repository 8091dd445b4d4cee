"""Mechanism statements: the seeds' drug -> target statements exactly, no statement for
targets named as biomarkers, pathways or partners, and other wordings."""

from __future__ import annotations

from collections.abc import Callable

from kg.records import MechanismStatement
from kg.text.mechanisms import mine_mechanisms
from tests.text.conftest import NAMES, FakeSpotter


def rows(found: list[MechanismStatement]) -> list[tuple[str, list[str], str]]:
    return [(m.drug.value, [t.value for t in m.targets], m.action) for m in found]


def test_seed_000(seed: Callable[[str], str], spotter: FakeSpotter) -> None:
    text = seed("000")
    found = mine_mechanisms(text, spotter)
    assert rows(found) == [
        (
            "anlotinib",
            [
                "vascular endothelial growth factor receptor 1-3",
                "VEGFr1-3",
                "fibroblast growth factor receptor 1-4",
                "Fibroblast Growth Factor Receptor 1-4",
                "platelet-β derived growth factor receptor α and β",
                "stem cell factor receptor",
            ],
            "inhibitor",
        ),
        ("Penpulimab", ["PD-1"], "inhibitor"),
        ("PEAMPLIMAB", ["PD-1 pathway"], "inhibitor"),
        ("péamplimab", ["PD-1"], "inhibitor"),  # "PD-1 antibody (péamplimab)"
    ]
    first = found[0]
    assert first.sentence.value.startswith("The main targets of anlotinib include")
    for m in found:  # spans point at the surfaces
        for t in (m.drug, *m.targets, m.sentence):
            assert t.span is not None and text[t.span.start : t.span.end] == t.value
    pd1 = found[1].targets[0]
    assert pd1.span is not None and text[pd1.span.end : pd1.span.end + 10] == " molecules"


def test_seed_002_and_no_statement_in_eligibility(
    seed: Callable[[str], str], spotter: FakeSpotter
) -> None:
    found = mine_mechanisms(seed("002"), spotter)
    assert rows(found) == [("Anlotinib", ["VEGFR", "PDGFR", "FGFR", "c-Kit"], "inhibitor")] * 2
    # "anti-angiogenic drugs such as anlotinib, apatinib, bevacizumab, or related
    # immunotherapeutic drugs targeting PD-1, PD-L1": the drugs are not the subject
    assert mine_mechanisms(seed("004"), spotter) == []
    assert mine_mechanisms(seed("001"), spotter) == []


def test_biomarkers_are_not_targets(spotter: FakeSpotter) -> None:
    text = (
        "However, resistance mechanisms such as EGFR, MET, PIK3CA and BRAF gene alterations "
        "occur with resistance to EGFR-TKI therapy. Osimertinib is approved for patients with "
        "EGFR T790M mutation-positive NSCLC. Pembrolizumab is preferred in HER2-negative, "
        "PD-L1-positive tumors."
    )
    assert mine_mechanisms(text, spotter) == []


def test_partners_are_not_targets(spotter: FakeSpotter) -> None:
    text = (
        "Anlotinib combined with PD-1 inhibitors prolonged survival. The results of Wang et "
        "al. showed that anti-PD-1 combined with anlotinib is active, indicating that dual "
        "inhibition of VEGF-VEGFR2 and PD-1/PD-L1 has clinical applicability."
    )
    assert mine_mechanisms(text, spotter) == []


# -- other wordings, modelled on public drug and trial descriptions -----------------------


def test_appositive_descriptions(spotter: FakeSpotter) -> None:
    text = (
        "Sotorasib is a selective KRAS G12C inhibitor that irreversibly locks KRAS in its "
        "inactive state. Durvalumab, an anti-PD-L1 antibody, was given to patients with PD-L1 "
        "expression of 1% or more."
    )
    assert rows(mine_mechanisms(text, spotter)) == [
        ("Sotorasib", ["KRAS G12C"], "inhibitor"),
        ("Durvalumab", ["PD-L1"], "inhibitor"),
    ]


def test_verbs_and_prefixed_targets(spotter: FakeSpotter) -> None:
    text = (
        "Bevacizumab is a humanized monoclonal antibody that inhibits vascular endothelial "
        "growth factor A (VEGF-A). Trastuzumab deruxtecan is an antibody-drug conjugate "
        "targeting HER2. The PD-1 inhibitor pembrolizumab was combined with lenvatinib, which "
        "inhibits VEGFR1-3 and FGFR1-4."
    )
    assert rows(mine_mechanisms(text, spotter)) == [
        ("Bevacizumab", ["vascular endothelial growth factor A", "VEGF-A"], "inhibitor"),
        ("Trastuzumab deruxtecan", ["HER2"], "inhibitor"),
        ("pembrolizumab", ["PD-1"], "inhibitor"),
        ("lenvatinib", ["VEGFR1-3", "FGFR1-4"], "inhibitor"),
    ]


def test_pronoun_and_action_from_context(spotter: FakeSpotter) -> None:
    text = (
        "Apatinib is an oral tyrosine kinase inhibitor. Its primary target is VEGFR2. "
        "Olaparib is an oral small-molecule agent. It inhibits PARP enzymes."
    )
    found = mine_mechanisms(text, spotter)
    assert rows(found) == [
        ("Apatinib", ["VEGFR2"], "inhibitor"),
        ("Olaparib", ["PARP"], "inhibitor"),
    ]
    assert found[0].sentence.value == "Its primary target is VEGFR2."


def test_other_action_types(spotter: FakeSpotter) -> None:
    text = (
        "Fulvestrant is a selective estrogen receptor degrader that binds to and degrades the "
        "estrogen receptor. The molecular targets of tislelizumab include PD-1."
    )
    assert rows(mine_mechanisms(text, spotter)) == [
        ("Fulvestrant", ["estrogen receptor", "estrogen receptor"], "degrader"),
        ("tislelizumab", ["PD-1"], "modulator"),
    ]


def test_antibody_against_and_appositive_binding(spotter: FakeSpotter) -> None:
    text = (
        "Camrelizumab is a humanized monoclonal antibody against programmed death-1 (PD-1). "
        "Apatinib, a small-molecule VEGFR-2 tyrosine kinase inhibitor, highly selectively binds "
        "to VEGFR-2."
    )
    assert rows(mine_mechanisms(text, spotter)) == [
        ("Camrelizumab", ["programmed death-1", "PD-1"], "inhibitor"),
        ("Apatinib", ["VEGFR-2", "VEGFR-2"], "inhibitor"),
    ]


def test_action_noun_with_its_object(spotter: FakeSpotter) -> None:
    text = "Sotorasib is an oral, selective inhibitor of KRAS G12C. Bevacizumab is an antibody against VEGF."  # noqa: E501
    assert rows(mine_mechanisms(text, spotter)) == [
        ("Sotorasib", ["KRAS G12C"], "inhibitor"),
        ("Bevacizumab", ["VEGF"], "inhibitor"),
    ]


def test_targets_named_inside_a_class_name() -> None:
    # the real spotter reads "anti-PD-L1 antibody" or "EGFR-TKI" as one class name
    classes = {
        "anti-pd-l1 antibody": ("drug-class", ("class:PD-L1 inhibitor",), "PD-L1 inhibitor"),
        "pd-1 inhibitor": ("drug-class", ("class:PD-1 inhibitor",), "PD-1 inhibitor"),
        "pd-1 inhibitors": ("drug-class", ("class:PD-1 inhibitor",), "PD-1 inhibitor"),
        "third-generation egfr-tki": ("drug-class", ("class:EGFR TKI",), "EGFR TKI"),
        "kras g12c inhibitor": ("drug-class", ("class:KRAS G12C inhibitor",), "KRAS inhibitor"),
    }
    spotter = FakeSpotter({**NAMES, **classes})
    text = (
        "Durvalumab, an anti-PD-L1 antibody, was given after chemoradiotherapy. Osimertinib "
        "is a third-generation EGFR-TKI. The PD-1 inhibitor pembrolizumab was approved in 2014. "
        "Sotorasib, a selective KRAS G12C inhibitor, is oral. Anlotinib has synergy with PD-1 "
        "inhibitors, and anlotinib combined with PD-1 inhibitors prolonged survival."
    )
    found = mine_mechanisms(text, spotter)
    assert rows(found) == [
        ("Durvalumab", ["PD-L1"], "inhibitor"),
        ("Osimertinib", ["EGFR"], "inhibitor"),
        ("pembrolizumab", ["PD-1"], "inhibitor"),
        ("Sotorasib", ["KRAS G12C"], "inhibitor"),
    ]
    pdl1 = found[0].targets[0]
    assert pdl1.span is not None and text[pdl1.span.start : pdl1.span.end] == "PD-L1"
