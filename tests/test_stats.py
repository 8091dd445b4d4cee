"""``kg stats`` over the five seeds: family-level mechanisms are counted apart from targets."""

from __future__ import annotations

from kg.stats import stats
from tests.seeds.facts import build_seeds


def test_seed_counts() -> None:
    store, report = build_seeds()
    assert report.ok, report.failures
    found = stats(store)
    assert found["targets hit by trial drugs"] == 15
    # penpulimab → PD-1/PD-L1 axis (seed 000), anlotinib → VEGFR, PDGFR, FGFR (seed 002)
    assert found["families stated for trial drugs"] == 4
    assert found["family-level mechanisms"] == 4
    assert found["mechanisms stated by documents"] == 16
    assert found["trials"] == 5 and found["drugs in trials"] == 7
