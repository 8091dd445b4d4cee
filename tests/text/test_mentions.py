"""Mentions: every drug, class, target and family spot, with the caller's context."""

from __future__ import annotations

from collections.abc import Callable

from kg.text.mentions import mine_mentions
from tests.text.conftest import FakeSpotter


def test_seed_002_mentions(seed: Callable[[str], str], spotter: FakeSpotter) -> None:
    text = seed("002")
    first = text[: text.index("\n")]
    found = mine_mentions(first, spotter, "background")
    assert [(m.surface.value, m.context) for m in found] == [
        ("Anlotinib", "background"),
        ("Immune Checkpoint Inhibitors", "background"),
    ]
    sentence = (
        "multitarget receptor tyrosine kinase inhibitor that inhibits VEGFR, PDGFR, FGFR, c-Kit"
    )
    assert [m.surface.value for m in mine_mentions(sentence, spotter, "aim")] == [
        "receptor tyrosine kinase inhibitor",
        "VEGFR",
        "PDGFR",
        "FGFR",
        "c-Kit",
    ]


def test_conditions_are_not_mentions(spotter: FakeSpotter) -> None:
    found = mine_mentions("Anlotinib for NSCLC with EGFR mutations", spotter, "eligibility")
    assert [(m.surface.value, m.surface.span) for m in found] == [
        ("Anlotinib", found[0].surface.span),
        ("EGFR", found[1].surface.span),
    ]
    assert [(s.start, s.end) for s in (m.surface.span for m in found) if s] == [(0, 9), (25, 29)]
