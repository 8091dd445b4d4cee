"""Cut a page into sections by its headings, and drop the site's explanatory sentences.

A heading is a markdown ``#`` line, a ``**bold**`` line, or a plain line (a "Heading:" line
too) that the heading lexicon knows. Each line gets the canonical name of the section it is
in (``line.section``); the first line after each heading that is a sentence addressed to the
reader ("Review the sponsor-provided synopsis ...") is marked ``chrome``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extractors._page_lexicon import chrome_verbs, heading_of, label_of
from kg.extractors._page_lines import Line

#: sections whose content is a list of entities: there a weak heading word is a field label
#: ("Description:") and an unknown markdown or bold heading is one entity ("### Arm A")
ENTITY_SECTIONS = frozenset(
    {
        "arms", "interventions", "other_names", "outcomes", "primary_outcomes",
        "secondary_outcomes", "other_outcomes", "sponsors", "collaborators", "investigators",
        "contacts", "locations", "identifiers", "responsible",
    }
)  # fmt: skip
ELIGIBILITY_SECTIONS = frozenset({"eligibility", "inclusion", "exclusion"})
FREE_TEXT_SECTIONS = frozenset({"summary", "description", "official_title", "title"})

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_NCT = re.compile(r"\bNCT\d{8}\b")


@dataclass(slots=True)
class Section:
    """A heading and the lines under it (up to the next heading)."""

    name: str
    heading: Line | None
    lines: list[Line]
    inline_start: int | None = None  # "Conditions: NSCLC" -> offset of "NSCLC"


def segment(lines: list[Line]) -> list[Section]:
    """The sections of the page, in order; the lines before the first heading form "preamble"."""
    sections = [Section("preamble", None, [])]
    for line in lines:
        found = None if line.blank or line.cells is not None else _heading(line, sections[-1])
        if found is None or found[0] == "subheading":
            if found is not None:
                line.meta["subheading"] = True
            line.section = sections[-1].name
            if not line.blank:
                sections[-1].lines.append(line)
            continue
        line.heading = True
        line.section = found[0]
        sections.append(Section(found[0], line, [], found[1]))
        if found[1] is not None:  # "Conditions: NSCLC": the value is the section's first line
            sections[-1].lines.append(_inline_line(line, found[1]))
    _mark_chrome(sections)
    return sections


def _inline_line(line: Line, start: int) -> Line:
    text = line.text[start - line.start :]
    return Line(line.index, start, line.end, text, body=start, section=line.section)


def _heading(line: Line, current: Section) -> tuple[str, int | None] | None:
    """(section, inline value offset) when ``line`` is a heading; "subheading" for an entity."""
    text = line.body_text
    in_entities = current.name in ENTITY_SECTIONS
    if line.md_level or line.bold:
        inner = text.strip("*_ :")
        found = heading_of(inner)
        if found and not (found.weak and in_entities and label_of(inner)):
            return found.section, None
        if line.md_level == 1 and current.name == "preamble":
            return None  # the page title
        if in_entities or current.name in ELIGIBILITY_SECTIONS:
            return "subheading", None
        return ("other", None) if line.md_level else None
    if line.number is not None and not line.bullet:
        return None  # "1. Eligibility" inside a list is an item, not a heading
    stripped = text.rstrip(" :：")
    found = heading_of(stripped) if len(stripped) <= 80 else None
    if found:
        if found.weak and in_entities and label_of(stripped):
            return None
        return found.section, None
    colon = text.find(":")
    if 0 < colon < 60 and colon < len(text) - 1:
        head = text[:colon]
        found = heading_of(head)
        if found and not label_of(head):
            rest = len(text[: colon + 1]) + len(text[colon + 1 :]) - len(text[colon + 1 :].lstrip())
            return found.section, line.body + rest
    return None


def _mark_chrome(sections: list[Section]) -> None:
    """Mark the site's explanatory sentence under each heading as chrome, not data."""
    firsts = [(s, s.lines[0]) for s in sections if s.heading is not None and s.lines]
    imperative = [line for s, line in firsts if _imperative(line, s.name not in FREE_TEXT_SECTIONS)]
    for line in imperative:
        line.chrome = True
    if len(imperative) < 2:
        return
    # the site explains every section: its other first sentences are chrome too, unless the
    # section is free text (a summary may well open with a plain sentence)
    for section, line in firsts:
        if line.chrome or section.name in FREE_TEXT_SECTIONS | ELIGIBILITY_SECTIONS:
            continue
        if _sentence(line) and not _NCT.search(line.text) and not line.number:
            line.chrome = True


def _sentence(line: Line) -> bool:
    text = line.text
    return text.endswith((".", "!")) and len(_WORD.findall(text)) >= 6 and not line.bullet


def _imperative(line: Line, reader_words: bool) -> bool:
    """A sentence addressed to the reader: "Review the ...", "Explore similar trials ..."."""
    if not _sentence(line) or line.number:
        return False
    first = _WORD.match(line.text)
    if not first:
        return False
    words = _WORD.findall(line.text.lower())
    if first.group().lower() in chrome_verbs() and words[1:2] != ["of"]:
        return True
    return reader_words and ("you" in words or "your" in words)
