"""Labelled fields of a page: "Key: value", "Key value", a value on the line after its label,
``| Field | Value |`` table rows and "**Key:** value".

Labels come from the lexicon (``lexicon/labels.tsv``). A label without a colon ("Status Not
yet recruiting") is only believed when its value has the form the label promises, or when
the line sits in a run of such label lines; so a sentence that starts with "Phase" is not a
field. Each field marks its label line (``line.meta["field"]``) and its value lines
(``line.used``) so the section readers see what is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from kg.extractors._page_lexicon import heading_of, label_of, label_prefix, norm_key, qualifier
from kg.extractors._page_lines import Line, spanned
from kg.extractors._page_sections import ELIGIBILITY_SECTIONS, FREE_TEXT_SECTIONS
from kg.extractors._page_values import VALIDATORS, validate
from kg.records import Spanned

#: fields whose value is a list (one item a line, or "A|B|C")
LIST_KEYS = frozenset(
    {"conditions", "keywords", "interventions", "other_names", "collaborator", "countries",
     "secondary_id", "arm_ref"}
)  # fmt: skip
#: fields whose value is free text that may run over several lines
TEXT_KEYS = frozenset(
    {"brief_summary", "detailed_description", "description", "official_title", "title",
     "criteria", "why_stopped"}
)  # fmt: skip
#: text fields believed without a colon when in a run of fields ("Source Qianfoshan Hospital")
_BARE_TEXT_KEYS = frozenset(
    {"sponsor", "lead_sponsor", "collaborator", "contact", "ignore", "acronym", "criteria",
     "conditions", "interventions",
     "org_study_id", "secondary_id", "trial_id", "investigator", "responsible_party", "url"}
)  # fmt: skip
#: sections whose lines are never fields (other trials' data, prose, posted results)
_NO_FIELDS = frozenset({"related", "results", "links", "references"})
_CRITERIA_HEAD = re.compile(r"\s*(?:key\s+)?(?:inclusion|exclusion)\s+criteri", re.I)
_SPLIT = re.compile(r"\s*(?:\||;|<br\s*/?>)\s*")
_COLON = re.compile(r"\s*[:：]\s*")
_KV_HEADERS = frozenset(
    {"field value", "item value", "key value", "parameter value", "attribute value",
     "characteristic value", "property value", "field details", "category value"}
)  # fmt: skip
#: section names a table header or row label may use for a record field
SECTION_FIELDS = {
    "conditions": "conditions", "summary": "brief_summary", "description": "detailed_description",
    "official_title": "official_title", "title": "title", "keywords": "keywords",
    "interventions": "interventions", "sponsors": "sponsor", "collaborators": "collaborator",
    "eligibility": "criteria", "arms": "arm", "countries": "countries",
}  # fmt: skip


#: table columns that are record fields, not entity attributes
RECORD_COLUMNS = frozenset(
    {"conditions", "interventions", "phase", "status", "study_type", "enrollment", "nct_id",
     "start_date", "completion_date", "primary_completion_date", "keywords", "title"}
)  # fmt: skip


def header_text(header: Line, key: str) -> str:
    """The header cell that names ``key``."""
    return next((c.text for c in header.cells or [] if key_of_header(c.text) == key), key)


@dataclass(slots=True)
class Field:
    """A labelled value: ``key`` from the lexicon, the value pieces with their spans."""

    key: str
    label: str
    line: Line
    values: list[Spanned[str]] = field(default_factory=list)
    normalized: object = None
    qualifier: str | None = None

    @property
    def value(self) -> Spanned[str] | None:
        return self.values[0] if self.values else None


def annotate(text: str, lines: list[Line]) -> list[Field]:
    """Find every labelled field of the page, in document order."""
    fields: list[Field] = []
    usable = [line for line in lines if _usable(line)]
    _tables(text, lines, fields)
    for line in usable:
        if not line.used and line.cells is None:
            _inline(text, line, fields)
    _label_alone(text, lines, fields)
    _bare_text_runs(text, lines, fields)
    fields.sort(key=lambda f: f.line.start)
    return fields


def key_of_header(text: str) -> str | None:
    """The field a table header or row label names (labels first, then section headings)."""
    key = label_of(text)
    if key:
        return key
    found = heading_of(text)
    return SECTION_FIELDS.get(found.section) if found else None


#: fields a bulleted line of an eligibility section may state ("- **Sex:** All")
_FACT_KEYS = frozenset({"min_age", "max_age", "age_range", "sex", "healthy_volunteers"})


def _usable(line: Line) -> bool:
    if line.blank or line.heading or line.chrome or line.section in _NO_FIELDS:
        return False
    if line.section in ELIGIBILITY_SECTIONS and (line.bullet or line.number):
        colon = _COLON.search(line.body_text)
        return bool(colon and label_of(line.body_text[: colon.start()]) in _FACT_KEYS)
    return True


def _add(fields: list[Field], item: Field) -> Field:
    item.line.meta["field"] = item
    item.line.used = True
    value = item.value
    if item.key in LIST_KEYS or item.key in TEXT_KEYS or item.key == "ignore":
        item.normalized = value.value if value else None
    elif value is not None:
        item.normalized = validate(item.key, value.value)
    fields.append(item)
    return item


def _pieces(text: str, key: str, start: int, end: int) -> list[Spanned[str]]:
    """The value ``text[start:end]`` as spanned pieces (split into items for list fields)."""
    if key not in LIST_KEYS:
        whole = spanned(text, start, end)
        return [whole] if whole and whole.value not in {"-", "–"} else []
    pieces = []
    pos = start
    for sep in _SPLIT.finditer(text, start, end):
        if sep.end() > sep.start():
            piece = spanned(text, pos, sep.start())
            if piece:
                pieces.append(piece)
            pos = sep.end()
    last = spanned(text, pos, end)
    if last:
        pieces.append(last)
    return [p for p in pieces if p.value.lower() not in {"(none)", "none", "n/a", "-"}]


def list_pieces(text: str, start: int, end: int) -> list[Spanned[str]]:
    """The items of a list value ``text[start:end]`` ("A|B|C", "A; B")."""
    return _pieces(text, "conditions", start, end)


# --------------------------------------------------------------------------- tables


def _tables(text: str, lines: list[Line], fields: list[Field]) -> None:
    """Markdown tables: ``| Field | Value |`` rows become fields; other tables keep rows."""
    block: list[Line] = []
    for line in [*lines, None]:
        if line is not None and (line.cells is not None or line.separator):
            block.append(line)
            continue
        if block:
            _table(text, block, fields)
        block = []


def _table(text: str, block: list[Line], fields: list[Field]) -> None:
    rows = [line for line in block if line.cells is not None]
    if not rows or not _usable(rows[0]):
        return
    for line in block:
        line.used = line.used or line.separator
    header = rows[0]
    has_header = len(block) > 1 and block[1].separator
    head_key = norm_key(" ".join(c.text for c in header.cells or []))
    two = all(len(r.cells or []) >= 2 for r in rows)
    known = sum(1 for r in rows if key_of_header((r.cells or [])[0].text))
    if two and (head_key in _KV_HEADERS or (not has_header and known) or known * 2 > len(rows)):
        for row in rows[1:] if head_key in _KV_HEADERS else rows:
            cells = row.cells or []
            key = key_of_header(cells[0].text)
            if key and len(cells) >= 2:
                pieces = _pieces(text, key, cells[1].start, cells[1].end)
                _add(
                    fields,
                    Field(key, cells[0].text, row, pieces, qualifier=qualifier(cells[0].text)),
                )
        return
    if not has_header:
        return
    keys = [key_of_header(cell.text) for cell in header.cells or []]
    header.used = True
    record_level = all(k is None or k in RECORD_COLUMNS for k in keys) and any(keys)
    for row in rows[1:]:
        cells = row.cells or []
        if not record_level:
            row.meta["row"] = {k: c for k, c in zip(keys, cells, strict=False) if k and c.text}
            continue
        for key, cell in zip(keys, cells, strict=False):  # "Condition | Intervention | Phase"
            if key and cell.text:
                _add(
                    fields,
                    Field(
                        key, header_text(header, key), row, _pieces(text, key, cell.start, cell.end)
                    ),
                )


# --------------------------------------------------------------------------- one line


def _inline(text: str, line: Line, fields: list[Field]) -> None:
    """ "Label: value" (several on one line when joined by "|" or ";") or "Label value"."""
    body = line.body_text
    parts = _multi(body, line.body)
    if parts:
        for label, start, end in parts:
            key = label_of(label) or ""
            _add(
                fields,
                Field(key, label, line, _pieces(text, key, start, end), qualifier=qualifier(label)),
            )
        return
    colon = _COLON.search(body)
    if colon and 0 < colon.start() < 70:
        label = body[: colon.start()]
        found = label_of(label)
        if found:
            start = line.body + colon.end()
            item = Field(
                found,
                label,
                line,
                _pieces(text, found, start, line.end),
                qualifier=qualifier(label),
            )
            _add(fields, item)
            if not item.values:
                item.line.meta["alone"] = True
            return
    if label_of(body.rstrip(" :：")) or line.section in FREE_TEXT_SECTIONS:
        return  # a label alone (value on the next line), or prose: no "Label value" there
    prefix = label_prefix(body)
    if prefix:
        key, end = prefix
        label = body[:end]
        start = line.body + end
        pieces = _pieces(text, key, start, line.end)
        if pieces and key in VALIDATORS and norm_key(pieces[0].value) == norm_key(label):
            _add(fields, Field(key, label, line))  # "Accepts healthy volunteers Accepts ..."
            return
        if pieces and key in VALIDATORS and validate(key, pieces[0].value) is not None:
            _add(fields, Field(key, label, line, pieces, qualifier=qualifier(label)))
            return
        line.meta["bare"] = (key, label, start)


def _multi(body: str, offset: int) -> list[tuple[str, int, int]]:
    """ "Allocation: Randomized; Masking: None" -> each label with its value's offsets."""
    if body.count(":") < 2 or not re.search(r"[|;]", body):
        return []
    parts = []
    pos = 0
    for sep in [*re.finditer(r"\s*[|;]\s*", body), None]:
        end = sep.start() if sep else len(body)
        chunk = body[pos:end]
        colon = _COLON.search(chunk)
        label = _label_tail(chunk[: colon.start()]) if colon else None
        if not colon or label is None:
            return []
        parts.append((label, offset + pos + colon.end(), offset + end))
        pos = sep.end() if sep else end
    return parts if len(parts) >= 2 else []


def _label_tail(text: str) -> str | None:
    """The label ending ``text``: "Study Design Allocation" -> "Allocation"."""
    words = text.split()
    for index in range(len(words)):
        tail = " ".join(words[index:])
        if label_of(tail):
            return tail
    return None


# --------------------------------------------------------------------------- label lines


def _label_alone(text: str, lines: list[Line], fields: list[Field]) -> None:
    """A label alone on its line ("Recruitment Status") takes the value on the next line(s)."""
    for line in lines:
        alone = line.meta.get("alone")
        if not _usable(line) or (line.used and not alone):
            continue
        if alone:
            item = line.meta["field"]
            assert isinstance(item, Field)
            key, label = item.key, item.label
        else:
            label = line.body_text.rstrip(" :：")
            found = label_of(label)
            if not found or line.cells is not None:
                continue
            if line.section in FREE_TEXT_SECTIONS and not line.body_text.rstrip().endswith(
                (":", "：")
            ):
                continue  # a word alone in prose is not a label
            key = found
            item = _add(fields, Field(key, label, line, qualifier=qualifier(label)))
        values = _following(lines, line, key)
        if values:
            item.values = [p for v in values for p in _pieces(text, key, v.start, v.end)]
            if key in TEXT_KEYS and item.values:
                first, last = values[0], values[-1]
                whole = spanned(text, first.start, last.end)
                item.values = [whole] if whole else []
            for value_line in values:
                value_line.used = True
                value_line.meta["value_of"] = item
            item.normalized = None
            _renormalize(item)


def _renormalize(item: Field) -> None:
    value = item.value
    if item.key in LIST_KEYS or item.key in TEXT_KEYS or item.key == "ignore":
        item.normalized = value.value if value else None
    elif value is not None:
        item.normalized = validate(item.key, value.value)


def _following(lines: list[Line], label: Line, key: str) -> list[Line]:
    """The value lines after a label line: one, or a run for list and text fields."""
    taken: list[Line] = []
    for line in lines[label.index + 1 :]:
        if line.blank:
            if taken:
                break
            continue
        if line.heading or line.used or line.chrome or line.section != label.section:
            break
        if _labelish(line):
            break
        if key not in LIST_KEYS and key not in TEXT_KEYS:
            if validate(key, line.body_text) is None:
                break
            return [line]
        taken.append(line)
    return taken


def _labelish(line: Line) -> bool:
    body = line.body_text.rstrip(" :：")
    if label_of(body) or heading_of(body):
        return True
    colon = _COLON.search(body)
    return bool(colon and 0 < colon.start() < 70 and label_of(body[: colon.start()]))


def _bare_text_runs(text: str, lines: list[Line], fields: list[Field]) -> None:
    """ "Source Qianfoshan Hospital": a text label without colon, believed inside a run of fields."""
    pending = [line for line in lines if "bare" in line.meta and not line.used]
    changed = True
    while changed:
        changed = False
        for line in pending:
            if line.used or not _neighbour_is_field(lines, line):
                continue
            key, label, start = cast(tuple[str, str, int], line.meta["bare"])
            inline_criteria = key == "criteria" and _CRITERIA_HEAD.match(text, start)
            short = len(line.text.split()) <= 15 and not line.text.endswith(".")
            if key not in _BARE_TEXT_KEYS or not (short or inline_criteria):
                continue
            _add(fields, Field(key, label, line, _pieces(text, key, start, line.end)))
            changed = True


def _neighbour_is_field(lines: list[Line], line: Line) -> bool:
    for step in (-1, 1):
        index = line.index + step
        while 0 <= index < len(lines) and lines[index].blank:
            index += step
        if 0 <= index < len(lines) and "field" in lines[index].meta:
            return True
    return False
