"""Outcome measures of a page: measure, time frame and description, primary or secondary.

Forms read: a measure line followed by "Time Frame: ..." and a description; a measure with
its time frame in brackets ("Overall survival [Time Frame: up to 5 years]"); "Primary
outcome: ..." fields; ``| Measure | Time Frame | Description |`` tables. A page with no outcome list
takes the endpoints its summary states (:func:`kg.text.endpoints.stated_outcomes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extractors._page_events import Event, cell_value, line_value, name_like, text_span
from kg.extractors._page_lines import Line
from kg.records import Outcome, Span, Spanned

_BRACKET_TF = re.compile(r"\s*[\[(]\s*time\s*frame\s*:?\s*(?P<tf>[^\])]+)[\])]\s*$", re.I)
_SECTION_KINDS = {
    "primary_outcomes": "primary",
    "secondary_outcomes": "secondary",
    "other_outcomes": "other",
    "outcomes": "other",
}
FIELD_KINDS = {
    "primary_outcome": "primary",
    "secondary_outcome": "secondary",
    "other_outcome": "other",
}


@dataclass(slots=True)
class _Outcome:
    kind: str
    measure: Spanned[str]
    time_frame: Spanned[str] | None = None
    desc: list[Line] = field(default_factory=list)
    desc_value: Spanned[str] | None = None


def split_measure(value: Spanned[str]) -> tuple[Spanned[str], Spanned[str] | None]:
    """ "ORR [Time Frame: 2 years]" -> (ORR, 2 years)."""
    m = _BRACKET_TF.search(value.value)
    if not m or value.span is None or value.span.start is None:
        return value, None
    start = value.span.start
    measure = Spanned(value.value[: m.start()].strip(), Span(start, start + m.start()))
    tf = Spanned(m.group("tf").strip(), Span(start + m.start("tf"), start + m.end("tf")))
    return measure, tf


def read(text: str, section: str, found: list[Event]) -> list[Outcome]:
    """The outcomes of one outcomes section."""
    kind = _SECTION_KINDS.get(section, "other")
    items: list[_Outcome] = []
    for event in found:
        cur = items[-1] if items else None
        if event.kind == "field" and event.field:
            item = event.field
            value = item.value
            if item.key in FIELD_KINDS and value:
                measure, tf = split_measure(value)
                items.append(_Outcome(FIELD_KINDS[item.key], measure, tf))
            elif item.key in ("measure", "name", "title") and value:
                items.append(_Outcome(kind, *split_measure(value)))
            elif item.key == "time_frame" and cur and value:
                cur.time_frame = value
            elif item.key == "description" and cur and value:
                cur.desc_value = value
            continue
        if event.kind == "row" and event.row:
            title = cell_value(event.row.get("measure") or event.row.get(FIELD_KIND_KEY.get(kind)))
            if title:
                tf = cell_value(event.row.get("time_frame"))
                items.append(
                    _Outcome(kind, title, tf, desc_value=cell_value(event.row.get("description")))
                )
            continue
        value = line_value(event.line)
        if value is None:
            continue
        measure, tf = split_measure(value)
        fresh = cur is None or cur.time_frame or cur.desc or cur.desc_value
        if (
            event.kind == "sub"
            or tf
            or event.line.bullet
            or event.line.number
            or (fresh and name_like(value.value))
        ):
            items.append(_Outcome(kind, measure, tf))
        elif cur is not None:
            cur.desc.append(event.line)
        else:
            items.append(_Outcome(kind, measure, tf))
    return [
        Outcome(o.kind, o.measure, o.time_frame, o.desc_value or text_span(text, o.desc))
        for o in items
    ]


FIELD_KIND_KEY = {
    "primary": "primary_outcome",
    "secondary": "secondary_outcome",
    "other": "other_outcome",
}
