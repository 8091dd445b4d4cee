"""One pass over a page: lines, sections and fields, and how sure we are it is a trial page."""

from __future__ import annotations

from dataclasses import dataclass

from kg.extractors._page_fields import Field, annotate
from kg.extractors._page_lines import Line, split_lines
from kg.extractors._page_sections import Section, segment

#: fields only a trial record has (a news story may say "phase 3" but not "Phase: 3")
TRIAL_FIELDS = frozenset(
    {
        "nct_id", "status", "phase", "study_type", "enrollment", "start_date", "completion_date",
        "primary_completion_date", "allocation", "model", "purpose", "masking", "min_age",
        "max_age", "age_range", "sex", "healthy_volunteers", "arm_type", "intervention_type",
        "conditions", "sponsor", "lead_sponsor", "org_study_id", "criteria", "primary_outcome",
        "interventions", "time_frame", "official_title", "sponsor_role", "identifier_source",
    }
)  # fmt: skip
#: sections only a trial record has
TRIAL_SECTIONS = frozenset(
    {
        "eligibility", "inclusion", "exclusion", "arms", "interventions", "outcomes",
        "primary_outcomes", "secondary_outcomes", "design", "conditions", "sponsors", "locations",
        "identifiers", "basic", "investigators", "contacts", "official_title", "collaborators",
    }
)  # fmt: skip
_GENERIC_SECTIONS = frozenset({"summary", "description", "keywords", "responsible", "countries"})


@dataclass(slots=True)
class Page:
    text: str
    lines: list[Line]
    sections: list[Section]
    fields: list[Field]

    @property
    def preamble(self) -> list[Line]:
        return self.sections[0].lines

    def section_lines(self, name: str) -> list[list[Line]]:
        """The lines of every section called ``name`` (a page may repeat a heading)."""
        return [s.lines for s in self.sections if s.name == name]

    def heading_text(self, lines: list[Line]) -> str:
        """The heading above a section's ``lines``."""
        for section in self.sections:
            if section.lines is lines and section.heading is not None:
                return section.heading.text
        return ""


def analyse(text: str) -> Page:
    """Lines, sections and labelled fields of ``text``."""
    lines = split_lines(text)
    sections = segment(lines)
    fields = annotate(text, lines)
    return Page(text, lines, sections, fields)


def _evidence(page: Page) -> float:
    keys = {
        f.key for f in page.fields if f.key in TRIAL_FIELDS and f.normalized not in (None, "", ())
    }
    names = {s.name for s in page.sections if s.heading is not None}
    score = len(keys) + len(names & TRIAL_SECTIONS) + 0.5 * len(names & _GENERIC_SECTIONS)
    if "nct_id" in keys:
        score += 1.0  # a labelled registry id
    return score


def confidence(page: Page) -> float:
    """Several trial fields or sections make a trial page; one or two mentions do not."""
    return min(1.0, 0.12 * _evidence(page))


def has_trial_fields(page: Page) -> bool:
    """Whether the page states anything a trial record holds."""
    return _evidence(page) > 0
