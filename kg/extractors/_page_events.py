"""What is left of a section once headings, chrome and field values are taken out.

The entity readers (arms, interventions, outcomes, sponsors, people, sites) walk a section as
a list of :class:`Event`: a labelled field, a table row, a sub-heading, or a plain text line.
They also share the small judgements of form made here: does a line read like a name or a
sentence, like a person or an organization.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extractors._page_fields import Field
from kg.extractors._page_lines import Cell, Line, clean, unescape
from kg.records import Span, Spanned

_DOSE = re.compile(r"\d\s*(?:mg|g|mcg|µg|ug|ml|mL|iu|IU|gy|Gy|auc|AUC)\b|\d+\s*%", re.I)
_ORG = re.compile(
    r"\b(?:hospital|universit|college|institut|cent(?:er|re)|clinic|foundation|group|pharm|"
    r"inc\b|ltd|llc|co\.|corporation|corp\b|gmbh|ag\b|s\.a\.|biotech|therapeutics|school|"
    r"department|medical|health|laborator|sciences|network|council|agency|ministry|"
    r"association|society|trust|nhs|academy|bio|medicine|oncology|cancer|company|"
    r"research|consortium|alliance|limited)",
    re.I,
)
_CONTACT_DATA = re.compile(r"@|^\+?[\d\s().-]{6,}(?:ext\.?\s*\d+)?$|^(?:tel|phone|fax)\b", re.I)


@dataclass(slots=True)
class Event:
    """One thing in a section: exactly one of ``field``, ``row``, ``line``."""

    kind: str  # "field" | "row" | "sub" | "text"
    line: Line
    field: Field | None = None
    row: dict[str | None, Cell] | None = None

    @property
    def text(self) -> str:
        return clean(self.line.body_text)


def events(lines: list[Line]) -> list[Event]:
    """The events of ``lines`` (one section's lines), in order."""
    found: list[Event] = []
    for line in lines:
        if line.blank or line.heading or line.chrome or line.separator:
            continue
        item = line.meta.get("field")
        if isinstance(item, Field):
            found.append(Event("field", line, field=item))
        elif isinstance(line.meta.get("row"), dict):
            found.append(Event("row", line, row=line.meta["row"]))  # type: ignore[arg-type]
        elif line.used:
            continue
        elif line.meta.get("subheading"):
            found.append(Event("sub", line))
        else:
            found.append(Event("text", line))
    return found


def text_span(text: str, lines: list[Line]) -> Spanned[str] | None:
    """The text from the first line's body to the last line's end, as one spanned value."""
    if not lines:
        return None
    start, end = lines[0].body, lines[-1].end
    value = unescape(text[start:end]).strip()
    return Spanned(value, Span(start, end)) if value else None


def line_value(line: Line) -> Spanned[str] | None:
    """A line's text (bullet and marks removed) with its span."""
    value = clean(line.body_text).strip("*_ ")
    if not value:
        return None
    return Spanned(value, Span(line.body, line.end))


def cell_value(cell: Cell | None) -> Spanned[str] | None:
    """A table cell as a spanned value."""
    if cell is None or not cell.text:
        return None
    return Spanned(clean(cell.text), Span(cell.start, cell.end))


def name_like(text: str) -> bool:
    """A short label, not a sentence: no final period, few words, no dose."""
    stripped = text.strip()
    if not stripped or len(stripped) > 120 or stripped.endswith((".", ";", ":", ",")):
        return False
    return len(stripped.split()) <= 14 and not _DOSE.search(stripped)


def organization_like(text: str) -> bool:
    """An institution or company name ("Hunan Cancer Hospital", "Akeso, Inc.")."""
    return bool(_ORG.search(text))


def contact_data(text: str) -> bool:
    """A phone number or e-mail address."""
    return bool(_CONTACT_DATA.search(text.strip()))


def person_like(text: str) -> bool:
    """A person's name, degrees allowed ("Nong Yang, PhD", "Wang mengzhao")."""
    stripped = text.strip()
    if not stripped or not stripped[0].isupper() or any(ch.isdigit() for ch in stripped):
        return False
    if "@" in stripped or organization_like(stripped) or stripped.endswith("."):
        return stripped.endswith(("Jr.", "Sr.", "M.D.", "Ph.D.")) and not organization_like(
            stripped
        )
    words = stripped.replace(",", " ").split()
    return 1 <= len(words) <= 7 and not stripped.isupper()


def norm_name(text: str) -> str:
    """Case- and space-insensitive key of a name, for matching repeated mentions."""
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()
