"""Controlled values in every spelling a layout uses -> ClinicalTrials.gov API v2 enumerations.

Shared by all extractors so "Not yet recruiting", "NOT_YET_RECRUITING" and
"not yet recruiting" all become ``NOT_YET_RECRUITING``.
"""

from __future__ import annotations

import re
from datetime import datetime

_WORD = re.compile(r"[^A-Z0-9]+")

STATUSES = frozenset(
    {
        "ACTIVE_NOT_RECRUITING", "COMPLETED", "ENROLLING_BY_INVITATION", "NOT_YET_RECRUITING",
        "RECRUITING", "SUSPENDED", "TERMINATED", "WITHDRAWN", "AVAILABLE", "NO_LONGER_AVAILABLE",
        "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING", "WITHHELD", "UNKNOWN",
    }
)  # fmt: skip
STUDY_TYPES = frozenset({"INTERVENTIONAL", "OBSERVATIONAL", "EXPANDED_ACCESS"})
ALLOCATIONS = frozenset({"RANDOMIZED", "NON_RANDOMIZED", "NA"})
MODELS = frozenset({"SINGLE_GROUP", "PARALLEL", "CROSSOVER", "FACTORIAL", "SEQUENTIAL"})
PURPOSES = frozenset(
    {
        "TREATMENT", "PREVENTION", "DIAGNOSTIC", "ECT", "SUPPORTIVE_CARE", "SCREENING",
        "HEALTH_SERVICES_RESEARCH", "BASIC_SCIENCE", "DEVICE_FEASIBILITY", "OTHER",
    }
)  # fmt: skip
MASKINGS = frozenset({"NONE", "SINGLE", "DOUBLE", "TRIPLE", "QUADRUPLE"})
AGENCY_CLASSES = frozenset(
    {"NIH", "FED", "OTHER_GOV", "INDIV", "INDUSTRY", "NETWORK", "AMBIG", "OTHER", "UNKNOWN"}
)
ARM_TYPES = frozenset(
    {
        "EXPERIMENTAL", "ACTIVE_COMPARATOR", "PLACEBO_COMPARATOR", "SHAM_COMPARATOR",
        "NO_INTERVENTION", "OTHER",
    }
)  # fmt: skip
INTERVENTION_TYPES = frozenset(
    {
        "DRUG", "DEVICE", "BIOLOGICAL", "PROCEDURE", "RADIATION", "BEHAVIORAL", "GENETIC",
        "DIETARY_SUPPLEMENT", "COMBINATION_PRODUCT", "DIAGNOSTIC_TEST", "OTHER",
    }
)  # fmt: skip
SEXES = frozenset({"ALL", "FEMALE", "MALE"})

_ALIASES = {
    "ACTIVE_NOT_RECRUITING": {"ACTIVE"},
    "NON_RANDOMIZED": {"NONRANDOMIZED", "NON_RANDOMISED"},
    "RANDOMIZED": {"RANDOMISED"},
    "NA": {"N_A", "NOT_APPLICABLE"},
    "SINGLE_GROUP": {"SINGLE_GROUP_ASSIGNMENT", "SINGLE_ARM"},
    "PARALLEL": {"PARALLEL_ASSIGNMENT"},
    "CROSSOVER": {"CROSSOVER_ASSIGNMENT"},
    "FACTORIAL": {"FACTORIAL_ASSIGNMENT"},
    "SEQUENTIAL": {"SEQUENTIAL_ASSIGNMENT"},
    "NONE": {"NONE_OPEN_LABEL", "OPEN_LABEL", "OPEN"},
    "ALL": {"BOTH", "ALL_SEXES"},
    "INDUSTRY": {"PHARMA"},
    "OTHER_GOV": {"U_S_FED", "OTHER_GOVERNMENT"},
    "EXPANDED_ACCESS": {"EXPANDED"},
}


def enum_key(text: str) -> str:
    """``"Not yet recruiting"`` -> ``"NOT_YET_RECRUITING"``."""
    return _WORD.sub("_", text.upper()).strip("_")


def to_enum(text: str | None, allowed: frozenset[str]) -> str | None:
    """The enumeration value ``text`` spells, or None when it spells none of ``allowed``."""
    if not text:
        return None
    key = enum_key(text)
    if key in allowed:
        return key
    for value, aliases in _ALIASES.items():
        if value in allowed and key in aliases:
            return value
    if allowed is MASKINGS:  # "Double (Participant, Investigator)", "Double Blind"
        head = key.split("_", 1)[0]
        return head if head in MASKINGS else None
    return None


_PHASE = re.compile(r"(EARLY[_ ]?PHASE[_ ]?1|PHASE[_ ]?(?:[1-4]|I{1,3}V?|IV)\b|\bN/?A\b)", re.I)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def to_phases(text: str | None) -> tuple[str, ...]:
    """Every phase ``text`` names: "Phase 1/Phase 2" -> ("PHASE1", "PHASE2"); "Phase 2/3" too.

    >>> to_phases("Phase 1/Phase 2"), to_phases("PHASE2"), to_phases("Phase II/III")
    (('PHASE1', 'PHASE2'), ('PHASE2',), ('PHASE2', 'PHASE3'))
    """
    if not text:
        return ()
    found: list[str] = []
    upper = text.upper()
    if re.search(r"EARLY[_ ]?PHASE[_ ]?1", upper):
        found.append("EARLY_PHASE1")
        upper = re.sub(r"EARLY[_ ]?PHASE[_ ]?1", " ", upper)
    for match in re.finditer(
        r"PHASE[_ ]?([1-4]|IV|I{1,3})((?:\s*[/&,-]\s*(?:PHASE[_ ]?)?(?:[1-4]|IV|I{1,3})\b)*)", upper
    ):
        numbers = [match.group(1)] + re.findall(r"(?:[1-4]|IV|I{1,3})\b", match.group(2))
        for number in numbers:
            phase = "PHASE" + _ROMAN.get(number, number)
            if phase not in found:
                found.append(phase)
    if not found and re.fullmatch(r"\s*(N/?A|NOT APPLICABLE)\s*", upper):
        found.append("NA")
    return tuple(found)


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}  # fmt: skip


def to_date(text: str | None) -> str | None:
    """An ISO date at the precision given: "September 2023" -> "2023-09"; "2021-01-30" stays.

    >>> to_date("September 2023"), to_date("2021-01-30"), to_date("Sept. 5, 2019"), to_date("2024")
    ('2023-09', '2021-01-30', '2019-09-05', '2024')
    """
    if not text:
        return None
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if m:
        year, month, day = m.groups()
        return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    m = re.fullmatch(r"(\d{4})", text)
    if m:
        return text
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)  # US m/d/Y
    if m:
        return f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    words = re.findall(r"[A-Za-z]+|\d+", text)
    month = next(
        (_MONTHS[k] for w in words for k in _MONTHS if len(w) >= 3 and k.startswith(w.lower())),
        None,
    )
    numbers = [w for w in words if w.isdigit()]
    year = next((n for n in numbers if len(n) == 4), None)
    if month is None or year is None:
        return None
    day = next((n for n in numbers if len(n) <= 2 and 1 <= int(n) <= 31), None)
    iso = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    try:
        datetime.strptime(iso, "%Y-%m-%d" if day else "%Y-%m")
    except ValueError:
        return None
    return iso


def age_in_years(text: str | None) -> float | None:
    """``"18 Years"`` -> 18.0; ``"6 Months"`` -> 0.5; None when unreadable.

    >>> age_in_years("18 Years"), age_in_years("6 Months"), age_in_years("N/A")
    (18.0, 0.5, None)
    """
    if not text:
        return None
    m = re.match(r"\s*(\d+(?:\.\d+)?)\s*(year|month|week|day|hour|minute)?", text, re.I)
    if not m:
        return None
    value = float(m.group(1))
    unit = (m.group(2) or "year").lower()
    per_year = {
        "year": 1,
        "month": 12,
        "week": 52.1775,
        "day": 365.25,
        "hour": 8766,
        "minute": 525960,
    }
    return round(value / per_year[unit], 4)


def strip_type_prefix(name: str) -> str:
    """``"Drug: Dupilumab"`` -> ``"Dupilumab"`` (arm interventionNames carry a type prefix)."""
    m = re.match(r"\s*([A-Za-z ]+?)\s*:\s*(.+)", name)
    if m and to_enum(m.group(1), INTERVENTION_TYPES):
        return m.group(2).strip()
    return name.strip()
