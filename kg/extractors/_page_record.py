"""Record-level values of a page: the first labelled value of each field, else the value
recognised by its form in the "basic information" and "design" sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extractors._page_fields import Field
from kg.extractors._page_lexicon import label_of
from kg.extractors._page_lines import Line, clean
from kg.extractors._page_values import NCT, date_line, enrollment, phase_line, status
from kg.extractors._values import ALLOCATIONS, MASKINGS, MODELS, PURPOSES, STUDY_TYPES, to_enum
from kg.records import Span, Spanned

_DESIGN_KEYS = (
    ("allocation", ALLOCATIONS),
    ("model", MODELS),
    ("purpose", PURPOSES),
    ("masking", MASKINGS),
)
_UNIT = re.compile(r"participants?|patients?|subjects?|people|persons?", re.I)
_LABELLED = re.compile(r"(?:^|[—–|-]\s*)([A-Za-z][A-Za-z ]{1,30}):\s*\S")
_BOILERPLATE = re.compile(
    r"\b(?:logo|menu|skip to|sign in|log in|login|cookie|navigation|javascript|copyright|"
    r"home page|back to|print|share|subscribe)\b|©|https?://",
    re.I,
)


class Values:
    """Record-level values in document order: labelled first, then recognised by form."""

    def __init__(self, fields: list[Field]) -> None:
        self.fields = fields
        self.unlabeled: dict[str, list[Spanned[object]]] = {}

    def field(self, *keys: str) -> Field | None:
        """The first field of one of ``keys`` with a usable value."""
        for item in self.fields:
            if item.key in keys and item.normalized not in (None, "", ()):
                return item
        return None

    def all(self, *keys: str) -> Iterable[Field]:
        return (f for f in self.fields if f.key in keys and f.values)

    def spanned(self, key: str, *aliases: str) -> Spanned[object] | None:
        """The normalized value of ``key`` with the span it was read from."""
        item = self.field(key, *aliases)
        if item is not None and item.value is not None:
            return Spanned(item.normalized, item.value.span)
        found = self.unlabeled.get(key)
        return found[0] if found else None

    def add(self, key: str, value: object, line: Line) -> None:
        self.unlabeled.setdefault(key, []).append(Spanned(value, Span(line.start, line.end)))
        line.used = True


def by_form(values: Values, lines: list[Line], section: str) -> None:
    """Unlabeled value lines: COMPLETED / PHASE2 / 65 participants / INTERVENTIONAL / dates."""
    for line in lines:
        if line.used or line.blank or line.heading or line.chrome or line.cells is not None:
            continue
        text = clean(line.body_text)
        if section == "design":
            for key, allowed in _DESIGN_KEYS:
                value = to_enum(text, allowed)
                if value and key not in values.unlabeled:
                    values.add(key, value, line)
                    break
            continue
        if NCT.fullmatch(text):
            values.add("nct_id", text, line)
        elif len(text.split()) <= 4 and status(text):
            values.add("status", status(text), line)
        elif phase_line(text):
            values.add("phase", phase_line(text), line)
        elif to_enum(text, STUDY_TYPES):
            values.add("study_type", to_enum(text, STUDY_TYPES), line)
        elif _UNIT.search(text) and enrollment(text) is not None:
            values.add("enrollment", enrollment(text), line)
        elif date_line(text):
            values.add("date", date_line(text), line)


def dates(values: Values) -> dict[str, Spanned[object] | None]:
    """Start, primary completion and completion dates; unlabeled dates by their order."""
    found = {
        key: values.spanned(key)
        for key in ("start_date", "primary_completion_date", "completion_date")
    }
    loose = values.unlabeled.get("date", [])
    if loose and found["start_date"] is None:
        found["start_date"] = loose[0]
        if len(loose) == 2 and found["completion_date"] is None:
            found["completion_date"] = loose[1]
        elif len(loose) >= 3:
            found["primary_completion_date"] = found["primary_completion_date"] or loose[1]
            found["completion_date"] = found["completion_date"] or loose[2]
    return found


def title_line(preamble: list[Line]) -> Spanned[str] | None:
    """The page's title: a markdown ``#`` line, else the first line that reads like a title."""
    for line in preamble:
        if line.md_level == 1:
            return _title(line)
    for line in preamble:
        if line.used or line.chrome or line.blank or line.cells is not None:
            continue
        text = clean(line.body_text)
        words = text.split()
        labelled = _LABELLED.search(text)
        if labelled and label_of(labelled.group(1)):
            continue  # "Clinical Trial Details — Status: Recruiting"
        if (
            len(words) >= 4
            and len(text) <= 400
            and not text.endswith(".")
            and not _BOILERPLATE.search(text)
        ):
            return _title(line)
        if len(words) >= 4:
            return None
    return None


def _title(line: Line) -> Spanned[str] | None:
    text = line.body_text.strip("*_ #")
    start = line.body + line.body_text.find(text)
    m = re.search(r"\s*[\(\[\-–—|:]*\s*NCT\d{8}\s*[\)\]]?\s*$", text)
    if m and m.start() > 0:
        text = text[: m.start()]
    value = clean(text)
    return Spanned(value, Span(start, start + len(text))) if value else None
