"""Eligibility of a page: the inclusion and exclusion criteria, ages, sex, healthy volunteers.

A list's items are the lines that carry the list's own marker (the marker of its first item:
"* 1\\.", "-", "1)", ...); lines with another marker or none ("a) Hematology ...", "1.
Hemoglobin ...") stay inside the item above them. Numbering prefixes and markdown escapes
are removed from the item text. When a list's numbering jumps (1..8 then 14..22) and the
other list's numbering continues into the jump, the fragment is moved to that list: mirrors
sometimes print part of the exclusion list before its heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extractors._page_lines import Line, unescape
from kg.extractors._page_values import age, age_line, sex, yes_no
from kg.records import Criterion, Eligibility, Span, Spanned

_INLINE_HEAD = re.compile(r"(?:key\s+|main\s+)?(inclusion|exclusion)\s+criteri(?:a|on)\s*:?", re.I)
_INLINE_NUM = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+(?=\S)")
_RANGE = re.compile(r"(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})\s*(years?|months?)", re.I)


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    number: int | None
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Facts:
    """Eligibility values stated outside the criteria (labelled or by form)."""

    minimum_age: Spanned[str] | None = None
    maximum_age: Spanned[str] | None = None
    sex: Spanned[str] | None = None
    healthy_volunteers: Spanned[bool] | None = None


def style(line: Line) -> tuple[bool, str | None]:
    """A list marker's kind: (has bullet, "digit" | "alpha" | "roman" | None)."""
    number = line.number
    if number is None:
        kind = None
    elif number.isdigit():
        kind = "digit"
    elif re.fullmatch(r"[ivx]{2,}", number):
        kind = "roman"
    else:
        kind = "alpha"
    return line.bullet, kind


def unlabeled_facts(lines: list[Line], facts: Facts) -> None:
    """ "18 Years" / "75 Years" / "ALL" / "No" lines of the eligibility sections, by form."""
    for line in lines:
        if line.blank or line.used or line.heading or line.chrome or line.bullet or line.number:
            continue
        text = line.text.strip()
        found = True
        if age_line(text):
            value = Spanned(text, Span(line.start, line.end))
            if facts.minimum_age is None:
                facts.minimum_age = value
            elif facts.maximum_age is None:
                facts.maximum_age = value
        elif (
            len(text.split()) <= 3
            and sex(text)
            and text.upper() in ("ALL", "FEMALE", "MALE", "BOTH")
        ):
            facts.sex = facts.sex or Spanned(sex(text) or "", Span(line.start, line.end))
        elif yes_no(text) is not None and len(text.split()) <= 4:
            value_bool = yes_no(text)
            assert value_bool is not None
            facts.healthy_volunteers = facts.healthy_volunteers or Spanned(
                value_bool, Span(line.start, line.end)
            )
        else:
            found = False
        line.used = line.used or found


def age_range(value: Spanned[str], facts: Facts) -> None:
    """ "18 Years to 75 Years", "18 Years and older", "18-75 years" into the facts."""
    text = value.value
    start = value.span.start if value.span and value.span.start is not None else 0
    m = _RANGE.search(text)
    if m:
        unit = (
            m.group(3).capitalize() if m.group(3).endswith("s") else m.group(3).capitalize() + "s"
        )
        low = Spanned(f"{m.group(1)} {unit}", Span(start + m.start(1), start + m.end()))
        high = Spanned(f"{m.group(2)} {unit}", Span(start + m.start(2), start + m.end()))
        facts.minimum_age = facts.minimum_age or low
        facts.maximum_age = facts.maximum_age or high
        return
    ages = list(re.finditer(r"\d{1,3}\s*(?:years?|months?|weeks?|days?)", text, re.I))
    spans = [Spanned(m.group(), Span(start + m.start(), start + m.end())) for m in ages]
    upper = re.search(r"up to|younger|under|below|less than|≤|<|maximum", text, re.I)
    if len(spans) >= 2:
        facts.minimum_age = facts.minimum_age or spans[0]
        facts.maximum_age = facts.maximum_age or spans[1]
    elif spans and upper and not re.search(r"older|above|over|≥|>|\+", text):
        facts.maximum_age = facts.maximum_age or spans[0]
    elif spans:
        facts.minimum_age = facts.minimum_age or spans[0]


def _items(text: str, lines: list[Line]) -> list[_Item]:
    """The items of one list, continuation and sub-item lines kept inside their item."""
    content = [ln for ln in lines if not (ln.blank or ln.used or ln.heading or ln.chrome)]
    marked = [ln for ln in content if ln.bullet or ln.number]
    top = style(marked[0]) if marked else None
    top_indent = marked[0].indent if marked else 0
    items: list[_Item] = []
    for line in content:
        starts = top is None or (style(line) == top and line.indent <= top_indent + 1)
        if top is not None and not items and not starts:
            if line.text.rstrip().endswith(":"):
                continue  # "Patients must meet all of the following:"
            starts = True
        if starts:
            number = int(line.number) if line.number and line.number.isdigit() else None
            items.append(_Item(line.body, line.end, number, [line]))
        else:
            items[-1].end = line.end
            items[-1].lines.append(line)
    return items


def _repair(lists: dict[str, list[_Item]]) -> None:
    """Move a numbered fragment that continues the other list's numbering into that list."""
    for kind, other in (("inclusion", "exclusion"), ("exclusion", "inclusion")):
        items, target = lists[kind], lists[other]
        numbers = [i.number for i in items]
        if not items or not target or None in numbers or target[-1].number is None:
            continue
        for cut in range(1, len(items)):
            prev, nxt = numbers[cut - 1], numbers[cut]
            assert prev is not None and nxt is not None
            # the fragment continues the other list, which is printed after it
            if nxt > prev + 1 and nxt > (target[-1].number or 0) and target[0].number == 1:
                if items[-1].start < target[0].start:
                    fragment = items[cut:]
                    del items[cut:]
                    target.extend(fragment)
                    target.sort(key=lambda i: i.number or 0)
                    return


def _inline_items(text: str, start: int, end: int) -> dict[str, list[_Item]]:
    """Criteria written on one line: "Inclusion Criteria: 1. ... 2. ... Exclusion Criteria: ..."."""
    lists: dict[str, list[_Item]] = {"inclusion": [], "exclusion": []}
    heads = list(_INLINE_HEAD.finditer(text, start, end))
    for index, head in enumerate(heads):
        stop = heads[index + 1].start() if index + 1 < len(heads) else end
        kind = head.group(1).lower()
        numbers = list(_INLINE_NUM.finditer(text, head.end(), stop))
        for n, m in enumerate(numbers):
            item_end = numbers[n + 1].start() if n + 1 < len(numbers) else stop
            body = text[m.end() : item_end].rstrip()
            lists[kind].append(_Item(m.end(), m.end() + len(body), int(m.group(1))))
    return lists


def read(
    text: str,
    sections: dict[str, list[Line]],
    headings: list[Line],
    inline: Spanned[str] | None,
    facts: Facts,
) -> Eligibility | None:
    """The Eligibility record from the inclusion/exclusion sections (or an inline criteria text)."""
    lists = {kind: _items(text, sections.get(kind, [])) for kind in ("inclusion", "exclusion")}
    inline_used = False
    if not lists["inclusion"] and not lists["exclusion"] and inline and inline.span:
        lists = _inline_items(text, inline.span.start or 0, inline.span.end or 0)
        inline_used = True
    _repair(lists)
    criteria = []
    for kind in ("inclusion", "exclusion"):
        for ordinal, item in enumerate(lists[kind], start=1):
            value = unescape(text[item.start : item.end]).strip()
            if value:
                criteria.append(
                    Criterion(kind, Spanned(value, Span(item.start, item.end)), ordinal)
                )
    block = inline if inline_used else _block(text, sections, headings, lists, inline)
    if not criteria and block is None and facts == Facts():
        return None
    return Eligibility(
        facts.minimum_age,
        facts.maximum_age,
        facts.sex,
        facts.healthy_volunteers,
        tuple(criteria),
        block,
    )


def _block(
    text: str,
    sections: dict[str, list[Line]],
    headings: list[Line],
    lists: dict[str, list[_Item]],
    inline: Spanned[str] | None,
) -> Spanned[str] | None:
    """The whole criteria block as written: from the first list heading to the last item."""
    items = lists["inclusion"] + lists["exclusion"]
    if not items:
        lines = [ln for ln in sections.get("eligibility", []) if not (ln.used or ln.chrome)]
        if lines:
            return Spanned(
                text[lines[0].start : lines[-1].end], Span(lines[0].start, lines[-1].end)
            )
        return inline
    starts = [i.start for i in items] + [h.start for h in headings]
    start, end = min(starts), max(i.end for i in items)
    return Spanned(text[start:end], Span(start, end))


def age_value(text: str) -> str | None:
    """The age phrase of a labelled age value ("18 Years")."""
    return age(text)
