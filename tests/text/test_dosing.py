"""Doses of the seeds' arm and intervention descriptions exactly, and of other wordings."""

from __future__ import annotations

from collections.abc import Callable

from kg.records import Dose
from kg.text.dosing import parse_doses
from tests.text.conftest import FakeSpotter


def row(d: Dose) -> tuple[object, ...]:
    """(drug, dose, high, unit, route, frequency, cycle days, schedule, max, max unit, alt)."""
    s = lambda x: None if x is None else str(x)  # noqa: E731
    return (
        d.drug.value,
        s(d.dose),
        s(d.dose_high),
        d.unit,
        d.route,
        d.frequency,
        d.cycle_days,
        d.schedule.value if d.schedule else None,
        s(d.max_dose),
        d.max_dose_unit,
        d.alternative_group,
    )


def rows(text: str, spotter: FakeSpotter) -> list[tuple[object, ...]]:
    return [row(d) for d in parse_doses(text, spotter)]


def test_seed_001_description(seed: Callable[[str], str], spotter: FakeSpotter) -> None:
    text = "Anlotinib: 10mg orally daily on day 1 to 14 of a 21-day cycle. Penpulimab: 200mg by intravenous drip on day 1 of a 21-day cycle."  # noqa: E501
    assert text in seed("001")
    found = parse_doses(text, spotter)
    assert [row(d) for d in found] == [
        ("Anlotinib", "10", None, "mg", "oral", "QD", 21,
         "daily on day 1 to 14 of a 21-day cycle", None, None, None),
        ("Penpulimab", "200", None, "mg", "intravenous", "Q3W", 21,
         "on day 1 of a 21-day cycle", None, None, None),
    ]  # fmt: skip
    for d in found:
        for part in (d.drug, d.schedule, d.text):
            assert part is not None and part.span is not None
            assert text[part.span.start : part.span.end] == part.value
    assert found[0].text is not None
    assert found[0].text.value == "Anlotinib: 10mg orally daily on day 1 to 14 of a 21-day cycle"


def test_seed_001_arm_parenthetical_form(seed: Callable[[str], str], spotter: FakeSpotter) -> None:
    text = "Anlotinib (10mg qd po d1-14, 21 days per cycle) and Penpulimab (200mg ivgtt d1)"
    assert text in seed("001")
    found = parse_doses(text, spotter)
    assert [row(d) for d in found] == [
        ("Anlotinib", "10", None, "mg", "oral", "QD", 21,
         "qd po d1-14, 21 days per cycle", None, None, None),
        ("Penpulimab", "200", None, "mg", "intravenous", None, None, "d1", None, None, None),
    ]  # fmt: skip
    assert [d.text.value for d in found if d.text] == [
        "Anlotinib (10mg qd po d1-14, 21 days per cycle)",
        "Penpulimab (200mg ivgtt d1)",
    ]


def test_seed_003_inline_and_shared_schedule(
    seed: Callable[[str], str], spotter: FakeSpotter, between: Callable[[str, str, str], str]
) -> None:
    summary = between(seed("003"), "Participants received", "The primary endpoint")
    found = parse_doses(summary, spotter)
    assert [row(d) for d in found] == [
        ("sintilimab", "200", None, "mg", "intravenous", None, None, "on day one",
         None, None, None),
        ("anlotinib", "8", "12", "mg", "oral", "QD", 21,  # daily on days 1-14 of each cycle
         "on days 1-14 once every three weeks per cycle", None, None, None),
    ]  # fmt: skip
    assert found[0].text is not None and found[0].text.value == (
        "intravenous sintilimab 200 mg on day one"
    )
    arm = between(seed("003"), "Patients who met the inclusion", "Interventions")
    assert rows(arm, spotter) == [
        ("Sintilimab", None, None, None, None, "Q3W", 21, "every 3 weeks", None, None, None),
        ("anlotinib", None, None, None, None, "Q3W", 21, "every 3 weeks", None, None, None),
    ]


def test_seed_004_interventions(
    seed: Callable[[str], str], spotter: FakeSpotter, between: Callable[[str, str, str], str]
) -> None:
    page = seed("004")
    benmelstobart = between(page, "Benmelstobart injection", "\n")
    assert rows(benmelstobart, spotter) == [
        ("Benmelstobart", "1200", None, "mg", "intravenous", "Q3W", 21, "once every 21 days",
         None, None, None),
    ]  # fmt: skip
    anlotinib = between(page, "Anlotinib hydrochloride capsules", "\n\nCarboplatin or")
    (dose,) = parse_doses(anlotinib, spotter)
    assert row(dose) == (
        "Anlotinib hydrochloride", "8", "12", "mg", "oral", None, 21,
        "for 2 consecutive weeks and stopped for 1 week", None, None, None,
    )  # fmt: skip
    platins = between(page, "Carboplatin for injection", "\n")
    assert rows(platins, spotter) == [
        ("Carboplatin", "5", None, "AUC", "intravenous", None, None, "on day 1", "750", "mg", 1),
        ("cisplatin", "75", "80", "mg/m2", "intravenous", None, None, "on day 1", None, None, 1),
    ]
    etoposide = between(page, "Etoposide injection", "\n")
    assert rows(etoposide, spotter) == [
        ("Etoposide", "100", None, "mg/m2", "intravenous", None, None, "on days 1, 2 and 3",
         None, None, None),
    ]  # fmt: skip
    arm = between(page, "Patients who met the enrollment", "Group Type")
    four_cycles = (*[None] * 6, "for 4 cycles", None, None)
    assert rows(arm, spotter) == [  # "... and etoposide for 4 cycles": all four for 4 cycles
        ("benmelstobart", *four_cycles, None),
        ("anlotinib", *four_cycles, None),
        ("carboplatin", *four_cycles, 1),
        ("cisplatin", *four_cycles, 1),
        ("etoposide", *four_cycles, None),
    ]
    assert rows("Carboplatin or cisplatin", spotter) == [
        ("Carboplatin", *[None] * 9, 1),
        ("cisplatin", *[None] * 9, 1),
    ]


def test_drug_class_without_dose(seed: Callable[[str], str], spotter: FakeSpotter) -> None:
    text = "DRUG: Anlotinib in combination with Immune checkpoint inhibitors"
    assert text in seed("002")
    found = parse_doses(text, spotter)
    assert [d.drug.value for d in found] == ["Anlotinib", "Immune checkpoint inhibitors"]
    assert all(d.dose is None and d.text is None for d in found)


# -- other wordings, modelled on public registry arm descriptions -------------------------


def test_every_two_weeks_with_abbreviation(spotter: FakeSpotter) -> None:
    text = (
        "Participants received pembrolizumab 10 mg/kg intravenously (IV) over 30 minutes once "
        "every 2 weeks (Q2W) for up to 2 years."
    )
    assert rows(text, spotter) == [
        ("pembrolizumab", "10", None, "mg/kg", "intravenous", "Q2W", 14,
         "once every 2 weeks (Q2W)", None, None, None),
    ]  # fmt: skip


def test_day_one_of_each_cycle(spotter: FakeSpotter) -> None:
    text = "Participants receive pembrolizumab 200 mg by intravenous (IV) infusion on Day 1 of each 21-day cycle (Q3W)."  # noqa: E501
    assert rows(text, spotter) == [
        ("pembrolizumab", "200", None, "mg", "intravenous", "Q3W", 21,
         "on Day 1 of each 21-day cycle (Q3W)", None, None, None),
    ]  # fmt: skip


def test_comparator_arm_with_alternatives(spotter: FakeSpotter) -> None:
    text = (
        "Osimertinib 80 mg orally once daily versus gefitinib 250 mg once daily or erlotinib "
        "150 mg once daily."
    )
    assert rows(text, spotter) == [
        ("Osimertinib", "80", None, "mg", "oral", "QD", None, "once daily", None, None, None),
        ("gefitinib", "250", None, "mg", None, "QD", None, "once daily", None, None, 1),
        ("erlotinib", "150", None, "mg", None, "QD", None, "once daily", None, None, 1),
    ]
    text = "oral sotorasib (960 mg, once daily) or intravenous docetaxel (75 mg/m2, once every 3 weeks)"  # noqa: E501
    assert rows(text, spotter) == [
        ("sotorasib", "960", None, "mg", "oral", "QD", None, "once daily", None, None, 1),
        ("docetaxel", "75", None, "mg/m2", "intravenous", "Q3W", 21, "once every 3 weeks",
         None, None, 1),
    ]  # fmt: skip


def test_schedule_said_once_for_all(spotter: FakeSpotter) -> None:
    text = (
        "Bevacizumab 15 mg/kg plus paclitaxel 175 mg/m² and carboplatin AUC 6 on day 1, all "
        "given intravenously every 3 weeks for six cycles."
    )
    assert rows(text, spotter) == [
        ("Bevacizumab", "15", None, "mg/kg", "intravenous", "Q3W", 21,
         "every 3 weeks for six cycles", None, None, None),
        ("paclitaxel", "175", None, "mg/m2", "intravenous", "Q3W", 21,
         "every 3 weeks for six cycles", None, None, None),
        ("carboplatin", "6", None, "AUC", "intravenous", "Q3W", 21, "on day 1", None, None, None),
    ]  # fmt: skip


def test_per_day_titration_cap_and_cycle_days(spotter: FakeSpotter) -> None:
    assert rows("Apatinib 500 mg/day orally.", spotter) == [
        ("Apatinib", "500", None, "mg", "oral", "QD", None, None, None, None, None),
    ]
    assert rows("Lenvatinib 8 mg once daily, titrated up to 12 mg if tolerated.", spotter) == [
        ("Lenvatinib", "8", "12", "mg", None, "QD", None, "once daily", None, None, None),
    ]
    assert rows("Carboplatin AUC 5 (not to exceed 750 mg) IV on day 1.", spotter) == [
        ("Carboplatin", "5", None, "AUC", "intravenous", None, None, "on day 1", "750", "mg",
         None),
    ]  # fmt: skip
    assert rows("Gemcitabine 1000 mg/m2 on days 1 and 8 of a 21-day cycle.", spotter) == [
        ("Gemcitabine", "1000", None, "mg/m2", None, None, 21,
         "on days 1 and 8 of a 21-day cycle", None, None, None),
    ]  # fmt: skip


def test_label_line_on_off_schedule_and_roman_numerals(spotter: FakeSpotter) -> None:
    text = "Drug: Apatinib\nApatinib 250 mg po qd, 2 weeks on / 1 week off."
    assert rows(text, spotter) == [
        ("Apatinib", "250", None, "mg", "oral", "QD", 21, "qd, 2 weeks on / 1 week off",
         None, None, None),
    ]  # fmt: skip
    assert rows("Nivolumab 240 mg every 2 weeks in stage IV patients.", spotter) == [
        ("Nivolumab", "240", None, "mg", None, "Q2W", 14, "every 2 weeks", None, None, None),
    ]


def test_one_day_per_cycle_is_a_frequency_and_shared_duration(spotter: FakeSpotter) -> None:
    text = (
        "Tislelizumab 200 mg intravenously on Day 1 of each 21-day cycle. Docetaxel 75 mg/m² "
        "intravenously on Day 1 of each 21-day cycle."
    )
    assert rows(text, spotter) == [
        ("Tislelizumab", "200", None, "mg", "intravenous", "Q3W", 21,
         "on Day 1 of each 21-day cycle", None, None, None),
        ("Docetaxel", "75", None, "mg/m2", "intravenous", "Q3W", 21,
         "on Day 1 of each 21-day cycle", None, None, None),
    ]  # fmt: skip
    text = "Subjects will receive AK112 (10 mg/kg, IV, Q3W) combined with pemetrexed and carboplatin for 4 cycles"  # noqa: E501
    assert rows(text, spotter) == [
        ("AK112", "10", None, "mg/kg", "intravenous", "Q3W", 21, "Q3W", None, None, None),
        ("pemetrexed", *[None] * 6, "for 4 cycles", None, None, None),
        ("carboplatin", *[None] * 6, "for 4 cycles", None, None, None),
    ]


def test_dose_written_before_the_drug(spotter: FakeSpotter) -> None:
    text = "200 mg intravenous (IV) camrelizumab on Day 1 and Day 15 of each 28-day cycle."
    (dose,) = parse_doses(text, spotter)
    assert row(dose) == (
        "camrelizumab", "200", None, "mg", "intravenous", None, 28,
        "on Day 1 and Day 15 of each 28-day cycle", None, None, None,
    )  # fmt: skip
    assert dose.text is not None and dose.text.value.startswith("200 mg intravenous (IV)")
    # a dose after the drug before belongs to that drug, not to the next
    assert rows("Pembrolizumab 200 mg and docetaxel 75 mg/m2 every 3 weeks", spotter) == [
        ("Pembrolizumab", "200", None, "mg", None, None, None, None, None, None, None),
        ("docetaxel", "75", None, "mg/m2", None, "Q3W", 21, "every 3 weeks", None, None, None),
    ]
