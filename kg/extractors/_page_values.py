"""Values recognised by their form, whether a label names them or not.

``"65 participants"`` is an enrollment, ``"NOT_YET_RECRUITING"`` a status, ``"Phase 1/Phase 2"``
phases, ``"September 2023"`` a date, ``"18 Years"`` an age. Each reader returns the
normalized value (ClinicalTrials.gov API v2 enumerations through :mod:`kg.extractors._values`)
or None when the text is not of that form.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extractors._values import (
    AGENCY_CLASSES,
    ALLOCATIONS,
    ARM_TYPES,
    INTERVENTION_TYPES,
    MASKINGS,
    MODELS,
    PURPOSES,
    SEXES,
    STATUSES,
    STUDY_TYPES,
    enum_key,
    to_date,
    to_enum,
    to_phases,
)

NCT = re.compile(r"\bNCT\d{8}\b")
_PAREN = re.compile(r"\s*[\(\[][^()\[\]]*[\)\]]")
_QUAL = re.compile(r"^(?:actual|estimated|anticipated|expected|est\.?)\s*:?\s*", re.I)
_ENROLL = re.compile(
    r"^(?:approximately|approx\.?|about|~|n\s*=)?\s*(\d{1,3}(?:,\d{3})+|\d{1,7})"
    r"(?:\s*(?:participants?|patients?|subjects?|people|persons?|individuals?|cases?))?"
    r"(?:\s*[\(\[]?(?:actual|estimated|anticipated|expected)[\)\]]?)?\.?$",
    re.I,
)
_AGE = re.compile(
    r"(?P<n>\d{1,3}(?:\.\d+)?)\s*(?P<unit>years?|yrs?|months?|weeks?|days?|hours?|minutes?)\b"
    r"(?:\s*(?:old|of\s+age))?",
    re.I,
)
_BARE_PHASE = re.compile(r"(?:[1-4]|I{1,3}|IV)[ab]?(?:\s*[/&,-]\s*(?:[1-4]|I{1,3}|IV)[ab]?)*", re.I)
_DATE_SLASH = re.compile(r"(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?")
_DATE_FORM = re.compile(
    r"\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}/\d{1,2}/\d{4}|\d{4}[/.]\d{1,2}(?:[/.]\d{1,2})?"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Za-z]{3,9}\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}",
)
_YES = frozenset({"yes", "y", "true", "accepts healthy volunteers", "accepted", "accepts"})
_NO = frozenset({"no", "n", "false", "no healthy volunteers", "not accepted", "does not accept"})
_PERSON_ROLES = {
    "PRINCIPAL_INVESTIGATOR": "PRINCIPAL_INVESTIGATOR",
    "PI": "PRINCIPAL_INVESTIGATOR",
    "SUB_INVESTIGATOR": "SUB_INVESTIGATOR",
    "STUDY_CHAIR": "STUDY_CHAIR",
    "STUDY_DIRECTOR": "STUDY_DIRECTOR",
    "CONTACT": "CONTACT",
    "PRIMARY": "CONTACT",
    "BACKUP": "CONTACT",
    "CENTRAL_CONTACT": "CONTACT",
    "STUDY_CONTACT": "CONTACT",
    "PRIMARY_CONTACT": "CONTACT",
    "BACKUP_CONTACT": "CONTACT",
    "SITE_CONTACT": "CONTACT",
    "INVESTIGATOR": "PRINCIPAL_INVESTIGATOR",
}
_RESPONSIBLE = frozenset({"SPONSOR", "PRINCIPAL_INVESTIGATOR", "SPONSOR_INVESTIGATOR"})


def nct(text: str) -> str | None:
    """The first NCT id in ``text``."""
    m = NCT.search(text.upper())
    return m.group() if m else None


def bare(text: str) -> str:
    """A value without parenthetical remarks or an "Actual:"/"Estimated" qualifier."""
    return _QUAL.sub("", _PAREN.sub("", text)).strip(" .;,")


def enum_value(text: str, allowed: frozenset[str]) -> str | None:
    """An enumeration value, also when the text adds a remark: "Interventional (Clinical Trial)"."""
    value = to_enum(text, allowed) or to_enum(bare(text), allowed)
    if value is None and allowed is INTERVENTION_TYPES and "/" in text:
        value = to_enum(text.split("/", 1)[0], allowed)  # "Biological/Vaccine"
    return value


def status(text: str) -> str | None:
    """``"Active, not recruiting"`` -> ``"ACTIVE_NOT_RECRUITING"``."""
    return enum_value(text, STATUSES)


def phases(text: str) -> tuple[str, ...]:
    """``"Phase 1/Phase 2"`` -> (PHASE1, PHASE2); a bare ``"2/3"`` under a phase label too."""
    found = to_phases(text)
    if not found and _BARE_PHASE.fullmatch(text.strip()):
        found = to_phases("Phase " + re.sub(r"(?<=[\dIVX])[ab]", "", text.strip(), flags=re.I))
    if not found and re.fullmatch(r"\s*(?:N/?A|not applicable)\s*", text, re.I):
        found = ("NA",)
    return found


def phase_line(text: str) -> tuple[str, ...]:
    """Phases stated by a whole unlabeled line ("PHASE2", "Phase 1/Phase 2"), not "NA"."""
    stripped = text.strip()
    if re.fullmatch(
        r"(?:early\s*)?phase[\s_]*[\dIVX/&,\s_-]+(?:phase[\s_]*[\dIVX]+)?", stripped, re.I
    ):
        return to_phases(stripped)
    return ()


def enrollment(text: str, labelled: bool = False) -> int | None:
    """``"65 participants"`` -> 65; under a label, the first number of the value."""
    m = _ENROLL.match(text.strip())
    if m:
        return int(m.group(1).replace(",", ""))
    if labelled:
        m = re.search(r"\d{1,3}(?:,\d{3})+|\d{1,7}", text)
        if m and not to_date(bare(text)):
            return int(m.group().replace(",", ""))
    return None


def date(text: str) -> str | None:
    """An ISO date at the precision written: "September 2023" -> "2023-09"."""
    value = bare(text)
    m = _DATE_SLASH.fullmatch(value)
    if m:
        value = "-".join(g for g in m.groups() if g)
    if not re.search(r"\d{4}", value):
        return None
    return to_date(value)


def date_line(text: str) -> str | None:
    """A date that is the whole line (not a sentence that mentions one)."""
    stripped = bare(text)
    return date(stripped) if _DATE_FORM.fullmatch(stripped) else None


def age(text: str) -> str | None:
    """``"18 Years"`` as written (the age phrase of the value), or None."""
    m = _AGE.search(text)
    return m.group(0) if m else None


def age_line(text: str) -> str | None:
    """An age that is the whole line ("18 Years")."""
    m = _AGE.fullmatch(text.strip())
    return m.group(0) if m else None


def sex(text: str) -> str | None:
    """ALL | FEMALE | MALE."""
    low = text.lower()
    if re.search(r"\bmale\b", low) and re.search(r"\bfemale\b", low):
        return "ALL"
    return enum_value(text, SEXES) or enum_value(text.split()[0] if text.split() else "", SEXES)


def yes_no(text: str) -> bool | None:
    """Yes/No in any spelling ("Accepts Healthy Volunteers", "No Healthy Volunteers")."""
    key = " ".join(re.findall(r"[a-z]+", bare(text).lower()))
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


def person_role(text: str) -> str | None:
    """``"Principal Investigator"`` -> PRINCIPAL_INVESTIGATOR; ``"primary"`` -> CONTACT."""
    return _PERSON_ROLES.get(enum_key(bare(text)))


def responsible_role(text: str) -> str | None:
    """SPONSOR | PRINCIPAL_INVESTIGATOR | SPONSOR_INVESTIGATOR."""
    key = enum_key(text)
    return key if key in _RESPONSIBLE else None


def sponsor_role(text: str) -> str | None:
    """``"lead"`` / ``"Lead Sponsor"`` -> lead; ``"collaborator"`` -> collaborator."""
    low = text.lower()
    if "collab" in low or "secondary" in low:
        return "collaborator"
    if "lead" in low or "primary" in low or "sponsor" == low.strip():
        return "lead"
    return None


def agency_class(text: str) -> str | None:
    """INDUSTRY | OTHER | NIH | ..."""
    return enum_value(text, AGENCY_CLASSES)


#: validated field keys -> reader of the value (a reader returning None rejects the value)
VALIDATORS: dict[str, Callable[[str], object]] = {
    "nct_id": lambda t: nct(t),
    "status": status,
    "last_known_status": status,
    "site_status": status,
    "phase": lambda t: phases(t) or None,
    "study_type": lambda t: enum_value(t, STUDY_TYPES),
    "enrollment": lambda t: enrollment(t, labelled=True),
    "start_date": date,
    "primary_completion_date": date,
    "completion_date": date,
    "last_update": date,
    "allocation": lambda t: enum_value(t, ALLOCATIONS),
    "model": lambda t: enum_value(t, MODELS),
    "purpose": lambda t: enum_value(t, PURPOSES),
    "masking": lambda t: enum_value(t, MASKINGS),
    "min_age": lambda t: age(t) or (t if bare(t).upper() in {"N/A", "NONE"} else None),
    "max_age": lambda t: age(t) or (t if bare(t).upper() in {"N/A", "NONE"} else None),
    "age_range": age,
    "sex": sex,
    "healthy_volunteers": yes_no,
    "fda_regulated": yes_no,
    "arm_type": lambda t: enum_value(t, ARM_TYPES),
    "intervention_type": lambda t: enum_value(t, INTERVENTION_TYPES),
    "sponsor_role": sponsor_role,
    "sponsor_class": agency_class,
    "responsible_role": responsible_role,
    "role": lambda t: person_role(t) or responsible_role(t),
    "identifier_source": lambda t: t if re.fullmatch(r"[\w .-]{1,40}", t.strip()) else None,
    "identifier_type": lambda t: t,
}


def validate(key: str, text: str) -> object:
    """The normalized value of a labelled field, or None when the text is not of its form."""
    reader = VALIDATORS.get(key)
    return reader(text) if reader else text
