"""Bugs in the miners (``kg/text``) and extractors that the seed facts revealed, one test each,
run with the real lexicon spotter the pipeline uses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extractors import delimited
from kg.normalize.lexicon import Lexicon
from kg.normalize.spotter import LexiconSpotter
from kg.records import Document, Span
from kg.text.dosing import parse_doses
from kg.text.endpoints import mine_endpoints
from kg.text.evidence import mine_cited_results
from kg.text.title_conditions import title_conditions
from tests.seeds.facts import SEEDS


@pytest.fixture(scope="module")
def spotter() -> LexiconSpotter:
    return LexiconSpotter(Lexicon.load(), ("drug", "drug-class"))


@pytest.mark.parametrize(
    ("text", "drug", "frequency"),
    [
        # seed 003's brief summary
        (
            "Participants received intravenous sintilimab 200 mg on day one and oral daily"
            " anlotinib 8-12 mg on days 1-14 once every three weeks per cycle.",
            "anlotinib",
            "QD",
        ),
        ("Anlotinib 12 mg once daily on days 1-14, every 3 weeks.", "Anlotinib", "QD"),
        ("capecitabine 1000 mg/m2 twice daily on days 1-14 every 3 weeks", "capecitabine", "BID"),
    ],
)
def test_daily_on_days_of_a_cycle_is_daily_not_the_cycle(
    spotter: LexiconSpotter, text: str, drug: str, frequency: str
) -> None:
    (dose,) = [d for d in parse_doses(text, spotter) if d.drug.value == drug]
    assert (dose.frequency, dose.cycle_days) == (frequency, 21)


def test_one_day_of_each_cycle_keeps_the_interval(spotter: LexiconSpotter) -> None:
    (dose,) = parse_doses("Penpulimab 200 mg IV on day 1 every 3 weeks", spotter)
    assert (dose.dose, dose.route, dose.frequency, dose.cycle_days) == (
        Decimal("200"),
        "intravenous",
        "Q3W",
        21,
    )


def test_endpoints_of_the_study_itself() -> None:
    text = (
        "The primary end point of this study is progression-free survival; secondary"
        " endpoints are OS, ORR and toxicity."
    )
    found = [(e.kind, e.measure.value) for e in mine_endpoints(text)]
    assert found == [
        ("primary", "progression-free survival"),
        ("secondary", "OS"),
        ("secondary", "ORR"),
        ("secondary", "toxicity"),
    ]


def test_an_endpoint_keeps_its_version_number() -> None:
    text = "The primary endpoint is PFS as assessed by BICR per RECIST 1.1. Secondary endpoints include OS."
    assert [(e.kind, e.measure.value) for e in mine_endpoints(text)] == [
        ("primary", "PFS as assessed by BICR per RECIST 1.1"),
        ("secondary", "OS"),
    ]


def test_endpoints_of_a_cited_study_are_not_the_trials() -> None:
    # seed 000: the endpoints of AK105-201, which the document cites
    text = (
        "AK105-201 is a multicenter, double-blind, randomized controlled, phase III clinical"
        " trial evaluating the efficacy and safety of pianpulimab, the primary endpoint of the"
        " study was PFS, and the secondary endpoint was OS."
    )
    assert mine_endpoints(text) == []


def test_export_row_without_conditions_or_outcomes_reads_title_and_summary() -> None:
    """Seed 002's row with its conditions and outcomes lines removed and an endpoint sentence
    added to its summary: the title's disease and the summary's endpoints stand in."""
    lines = (SEEDS / "002_71271f5b00fd4873.txt").read_text(encoding="utf-8").split("\n")
    summary = lines[1] + " The primary endpoint was PFS; secondary endpoints were OS and safety."
    text = "\n".join([lines[0], summary, lines[3]]) + "\n"
    doc = Document(path="row.txt", text=text, sha256="0" * 64, layout="registry-export-row")
    record = delimited.extract(doc)
    assert [(c.value, _sliced(text, c.span)) for c in record.conditions] == [
        ("Advanced NSCLC", "Advanced NSCLC")
    ]
    assert [(o.kind, o.measure.value, _sliced(text, o.measure.span)) for o in record.outcomes] == [
        ("primary", "PFS", "PFS"),
        ("secondary", "OS", "OS"),
        ("secondary", "safety", "safety"),
    ]


def test_title_conditions_stop_at_another_cue() -> None:
    found = title_conditions(
        "Anlotinib Combined With Docetaxel for Advanced Non-Small Cell Lung Cancer(ALTER-L034)"
    )
    assert [c.value for c in found] == ["Advanced Non-Small Cell Lung Cancer"]


def _sliced(text: str, span: Span | None) -> str | None:
    if span is None or span.start is None or span.end is None:
        return None
    return text[span.start : span.end]


def test_population_of_the_treatment_holds_for_the_whole_sentence(
    spotter: LexiconSpotter,
) -> None:
    """Seed 000: no 'patients with ...' in the sentence, its values far from the disease."""
    text = (
        "AK105-201 is a phase III clinical trial evaluating pianpulimab combined with"
        " carboplatin + paclitaxel in the first-line treatment of locally advanced or metastatic"
        " squamous non-small cell lung cancer, the primary endpoint of the study was PFS, and the"
        " secondary endpoint was OS, and the results showed that the mPFS group of pianpulimab"
        " and the control group were 7.6m and 4.2m, respectively, and the HR was 0.44."
    )
    found = mine_cited_results(text, spotter)
    assert {(c.measure, c.population) for c in found} == {
        ("PFS", "locally advanced or metastatic squamous non-small cell lung cancer"),
        ("HR", "locally advanced or metastatic squamous non-small cell lung cancer"),
    }


def test_a_far_patients_phrase_is_not_the_population(spotter: LexiconSpotter) -> None:
    """Seed 000's first numbers: '10% to 15% of NSCLC patients' is epidemiology, far from the
    ORR of EGFR-TKIs."""
    text = (
        "In the United States and Europe, approximately 10% to 15% of NSCLC patients have"
        " epidermal growth factor receptor (EGFR)-sensitive mutations, with higher mutation rates"
        " of 30% to 40% in Asia, and objective response rates (ORRs) of 76% to 80% with EGFR"
        " Tyrosine Kinase Inhibitor (TKI)-targeted therapy."
    )
    (found,) = mine_cited_results(text, spotter)
    assert (found.measure, found.value, found.value_high, found.population) == (
        "ORR",
        Decimal("76"),
        Decimal("80"),
        None,
    )
