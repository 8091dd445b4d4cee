"""Cited results: every quoted result of seed 000 exactly, no epidemiology, no planned
endpoints, no eligibility numbers, and sentences of other wordings."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from kg.records import CitedResult
from kg.text.evidence import mine_cited_results
from tests.text.conftest import FakeSpotter

Row = tuple[object, ...]


def row(r: CitedResult) -> Row:
    """(study, measure, statistic, value, high, unit, comparator, ci level, ci low, ci high)."""
    dec = lambda x: None if x is None else str(x)  # noqa: E731
    return (
        r.study.value if r.study else None,
        r.measure,
        r.statistic,
        dec(r.value),
        dec(r.value_high),
        r.unit,
        dec(r.comparator_value),
        dec(r.ci_level),
        dec(r.ci_low),
        dec(r.ci_high),
    )


def regimen(r: CitedResult) -> list[str]:
    return [x.value for x in r.regimen]


SEED_000 = [
    (None, "ORR", "rate", "76", "80", "%", None, None, None, None),
    (None, "PFS", "median", "2.8", "3.2", "months", None, None, None, None),
    (None, "OS", "median", "7.5", "10.6", "months", None, None, None, None),
    ("AK105-201", "PFS", "median", "7.6", None, "months", "4.2", None, None, None),
    ("AK105-201", "HR", "ratio", "0.44", None, None, None, None, None, None),
    ("AK105-201", "risk reduction", None, "56", None, "%", None, None, None, None),
    (None, "PFS", "median", "2.83", None, "months", None, None, None, None),
    (None, "ORR", "rate", "22", None, "%", None, None, None, None),
    ("AK105-203", "follow-up", "median", "23", None, "months", None, None, None, None),
    ("AK105-203", "PFS", "median", "8.8", None, "months", None, None, None, None),
    (None, "OS rate", "rate", "16", None, "%", None, None, None, None),
    ("CheckMate 057", "ORR", "rate", "19", None, "%", None, None, None, None),
    ("CheckMate 057", "PFS", "median", "2.3", None, "months", None, None, None, None),
    ("KEYNOTE-001", "ORR", "rate", "19.4", None, "%", None, None, None, None),
    ("KEYNOTE-001", "PFS", "median", "3.7", None, "months", None, None, None, None),
    ("Wangpl et al.", "ORR", "rate", "28.4", None, "%", None, None, None, None),
    ("Wangpl et al.", "DCR", "rate", "86.6", None, "%", None, None, None, None),
    ("Wangpl et al.", "PFS", "median", "6.9", None, "months", None, "95", "5.5", "8.3"),
]


def test_every_cited_result_of_seed_000(seed: Callable[[str], str], spotter: FakeSpotter) -> None:
    found = mine_cited_results(seed("000"), spotter)
    assert [row(r) for r in found] == SEED_000


def test_seed_000_details(seed: Callable[[str], str], spotter: FakeSpotter) -> None:
    text = seed("000")
    found = mine_cited_results(text, spotter)
    by_value = {str(r.value): r for r in found}
    for r in found:  # every span points at what it says
        assert r.value_span is not None and r.sentence.span is not None
        assert text[r.sentence.span.start : r.sentence.span.end] == r.sentence.value
        assert r.study is None or text[r.study.span.start : r.study.span.end] == r.study.value
    assert [text[r.value_span.start : r.value_span.end] for r in found[:4]] == [
        "76% to 80%",
        "2.8-3.2 months",
        "7.5-10.6 months",
        "7.6m",
    ]
    assert regimen(by_value["7.6"]) == ["pianpulimab", "carboplatin", "paclitaxel"]
    assert regimen(by_value["0.44"]) == ["pianpulimab", "carboplatin", "paclitaxel"]
    assert regimen(by_value["2.83"]) == ["pemetrexed", "chemotherapy"]
    assert by_value["2.83"].population == "advanced patients with EGFR TKIs resistance"
    assert regimen(by_value["8.8"]) == ["Anlotinib", "péamplimab"]
    assert regimen(by_value["19.4"]) == ["anti-PD-1"]
    assert by_value["19.4"].population == "patients with advanced NSCLC"
    assert regimen(by_value["6.9"]) == ["anti-PD-1", "anlotinib"]
    assert regimen(by_value["76"]) == ["EGFR Tyrosine Kinase Inhibitor", "TKI"]
    assert regimen(by_value["2.8"]) == ["EGFR-TKI"]
    assert by_value["16"].population == (
        "NSCLC patients who join immunotherapy and undergo multi-line therapy"
    )
    assert by_value["3.7"].measure_match == "fuzzy"
    assert by_value["2.3"].measure_match == "synonym"
    assert by_value["22"].measure_match == "synonym"
    assert by_value["76"].measure_match == "exact"
    assert by_value["19"].sentence.value.startswith("In the CheckMate 057 and KEYNOTE-001")


def test_no_epidemiology_no_half_life(spotter: FakeSpotter) -> None:
    text = (
        "Non-small cell lung cancer is the most common type, accounting for 80%-85% of all "
        "lung cancers, and about 57% of patients with advanced NSCLC have distant metastases. "
        "Approximately 10% to 15% of NSCLC patients have EGFR mutations, with higher mutation "
        "rates of 30% to 40% in Asia. Anlotinib has a half-life of 5 days."
    )
    assert mine_cited_results(text, spotter) == []


def test_planned_endpoints_and_thresholds_are_not_results(
    seed: Callable[[str], str], spotter: FakeSpotter
) -> None:
    text = (
        "The primary endpoint was objective response rate (ORR). The secondary endpoints "
        "included overall survival (OS), progression-free survival (PFS), disease control "
        "rate (DCR) and safety. PFS is assessed every 6 weeks up to 24 months; 120 patients "
        "will be enrolled. The overall objective response rate is lower than 20% in "
        "second line-treatment. The study is powered to detect an improvement in median PFS "
        "from 4 to 6 months (HR 0.67) with 80% power. Assuming an ORR of 20%, 45 patients "
        "are needed."
    )
    assert mine_cited_results(text, spotter) == []
    for number in ("001", "002", "003", "004"):  # whole pages, eligibility criteria included
        assert mine_cited_results(seed(number), spotter) == [], number


def test_eligibility_block_is_skipped(spotter: FakeSpotter) -> None:
    text = (
        "Inclusion Criteria\n* Expected survival ≥ 3 months\n* PFS of 6 months or more on "
        "prior therapy\nMinimum Eligible Age\n18 Years"
    )
    assert mine_cited_results(text, spotter) == []


# -- other wordings, modelled on public trial descriptions ---------------------------------


def test_flaura_style_comparison_with_hazard_ratio(spotter: FakeSpotter) -> None:
    text = (
        "In the phase III FLAURA trial, the median progression-free survival was significantly "
        "longer with osimertinib than with standard EGFR-TKIs (18.9 months vs. 10.2 months; "
        "hazard ratio for disease progression or death, 0.46; 95% CI, 0.37 to 0.57; P<0.001)."
    )
    found = mine_cited_results(text, spotter)
    assert [row(r) for r in found] == [
        ("FLAURA", "PFS", "median", "18.9", None, "months", "10.2", None, None, None),
        ("FLAURA", "HR", "ratio", "0.46", None, None, None, "95", "0.37", "0.57"),
    ]
    assert regimen(found[0]) == ["osimertinib", "EGFR-TKIs"]


def test_study_introduced_in_the_sentence_before(spotter: FakeSpotter) -> None:
    text = (
        "Approval was based on CodeBreaK 100, a phase 2 trial in patients with advanced solid "
        "tumors. The overall response rate (ORR) in patients with KRAS G12C-mutated NSCLC "
        "treated with sotorasib (n = 124) was 36% [95% confidence interval (CI), 28–45], and "
        "the median duration of response was 10.0 months."
    )
    found = mine_cited_results(text, spotter)
    assert [row(r) for r in found] == [
        ("CodeBreaK 100", "ORR", "rate", "36", None, "%", None, "95", "28", "45"),
        ("CodeBreaK 100", "DoR", "median", "10.0", None, "months", None, None, None, None),
    ]
    assert found[0].population == "patients with KRAS G12C-mutated NSCLC"
    assert regimen(found[0]) == ["sotorasib"]


def test_a_later_drug_does_not_inherit_the_study(spotter: FakeSpotter) -> None:
    text = (
        "KEYNOTE-024 compared pembrolizumab with chemotherapy in PD-L1-high NSCLC. "
        "Docetaxel achieved a median OS of 9.1 months in second-line treatment."
    )
    (found,) = mine_cited_results(text, spotter)
    assert row(found) == (None, "OS", "median", "9.1", None, "months", None, None, None, None)
    assert regimen(found) == ["Docetaxel"]


def test_respectively_over_measures(spotter: FakeSpotter) -> None:
    text = (
        "In KEYNOTE-189, the ORR and DCR of pembrolizumab plus pemetrexed and platinum were "
        "47.6% and 84.6%, respectively."
    )
    found = mine_cited_results(text, spotter)
    assert [row(r)[:4] for r in found] == [
        ("KEYNOTE-189", "ORR", "rate", "47.6"),
        ("KEYNOTE-189", "DCR", "rate", "84.6"),
    ]
    assert regimen(found[1]) == ["pembrolizumab", "pemetrexed"]


def test_risk_reduction_written_both_ways_and_rate_with_comparator(spotter: FakeSpotter) -> None:
    text = (
        "Osimertinib reduced the risk of death by 20% (HR 0.80; 95% CI, 0.64-1.00), and the "
        "3-year overall survival rate was 54% versus 44%. Serplulimab plus chemotherapy led to "
        "a 37% reduction in the risk of death in the ASTRUM-005 study."
    )
    assert [row(r) for r in mine_cited_results(text, spotter)] == [
        (None, "risk reduction", None, "20", None, "%", None, None, None, None),
        (None, "HR", "ratio", "0.80", None, None, None, "95", "0.64", "1.00"),
        (None, "OS rate", "rate", "54", None, "%", "44", None, None, None),
        ("ASTRUM-005", "risk reduction", None, "37", None, "%", None, None, None, None),
    ]


def test_time_measure_quoted_as_a_percentage_becomes_a_rate(spotter: FakeSpotter) -> None:
    text = (
        "With bevacizumab, PFS at 12 months was 45.2% and the median PFS was 12.4 vs 8.4 "
        "months in the placebo group (p<0.0001)."
    )
    assert [row(r) for r in mine_cited_results(text, spotter)] == [
        (None, "PFS rate", "rate", "45.2", None, "%", None, None, None, None),
        (None, "PFS", "median", "12.4", None, "months", "8.4", None, None, None),
    ]


def test_author_citation_and_counts(spotter: FakeSpotter) -> None:
    text = (
        "Li et al. reported that apatinib achieved a DCR of 61.9% and a median OS of 8.3 "
        "months in 42 patients with gastric cancer."
    )
    found = mine_cited_results(text, spotter)
    assert [row(r)[:6] for r in found] == [
        ("Li et al.", "DCR", "rate", "61.9", None, "%"),
        ("Li et al.", "OS", "median", "8.3", None, "months"),
    ]
    assert found[0].population == "patients with gastric cancer"


def test_respectively_over_two_studies_gives_each_its_values(spotter: FakeSpotter) -> None:
    text = (
        "In the IMpower133 and CASPIAN trials, the median OS with atezolizumab and durvalumab "
        "added to chemotherapy was 12.3 months and 13.0 months, respectively."
    )
    assert [row(r)[:5] for r in mine_cited_results(text, spotter)] == [
        ("IMpower133", "OS", "median", "12.3", None),
        ("CASPIAN", "OS", "median", "13.0", None),
    ]


def test_value_types(spotter: FakeSpotter) -> None:
    (r,) = mine_cited_results("The HR was 0.44 in AK105-201.", spotter)
    assert r.value == Decimal("0.44") and isinstance(r.value, Decimal)
    assert r.study is not None and r.study.value == "AK105-201"


def test_not_reached_is_no_value_and_shouting_is_read(spotter: FakeSpotter) -> None:
    text = (
        "Patients in the camrelizumab group had a longer median PFS (8.3 vs 4.6 months) and "
        "median OS (not reached vs 16.8 months). THE ORR WAS 45% AND MEDIAN PFS WAS 6.2 MONTHS."
    )
    assert [row(r)[1:7] for r in mine_cited_results(text, spotter)] == [
        ("PFS", "median", "8.3", None, "months", "4.6"),
        ("ORR", "rate", "45", None, "%", None),
        ("PFS", "median", "6.2", None, "months", None),
    ]


def test_values_tagged_by_arm(spotter: FakeSpotter) -> None:
    text = (
        "The objective response rate was similar in the two groups: 80% with osimertinib and "
        "76% with standard EGFR-TKIs (odds ratio, 1.27; 95% CI, 0.85 to 1.90; P=0.24)."
    )
    assert [row(r) for r in mine_cited_results(text, spotter)] == [
        (None, "ORR", "rate", "80", None, "%", "76", None, None, None),
        (None, "OR", "ratio", "1.27", None, None, None, "95", "0.85", "1.90"),
    ]


def test_values_named_with_their_cohorts_and_respectively_lists(spotter: FakeSpotter) -> None:
    text = (
        "In the RESCUE study, camrelizumab (an anti-PD-1 monoclonal antibody) plus apatinib "
        "(a VEGFR-2 tyrosine kinase inhibitor) achieved an ORR of 34.3% (95% CI, 23.3-46.6) in "
        "the first-line cohort and 22.5% (95% CI, 15.4-31.0) in the second-line cohort. Median "
        "PFS in the two cohorts was 5.7 and 5.5 months, respectively, and the 12-month survival "
        "rate was 74.7% and 68.2%, respectively."
    )
    found = mine_cited_results(text, spotter)
    assert [row(r) for r in found] == [
        ("RESCUE", "ORR", "rate", "34.3", None, "%", None, "95", "23.3", "46.6"),
        ("RESCUE", "ORR", "rate", "22.5", None, "%", None, "95", "15.4", "31.0"),
        ("RESCUE", "PFS", "median", "5.7", None, "months", None, None, None, None),
        ("RESCUE", "PFS", "median", "5.5", None, "months", None, None, None, None),
        ("RESCUE", "OS rate", "rate", "74.7", None, "%", None, None, None, None),
        ("RESCUE", "OS rate", "rate", "68.2", None, "%", None, None, None, None),
    ]
    assert all(regimen(r) == ["camrelizumab", "apatinib"] for r in found)
