"""Layout "registry-export-row": one trial as a row of a ClinicalTrials.gov CSV/TSV export.

Two forms are read:

- a real export: a header row of export column names ("NCT Number", "Study Title",
  "Conditions", "Interventions", "Primary Outcome Measures", ...) and one data row, parsed
  with :mod:`csv`; the columns are named through the page label lexicon. A file with several
  data rows yields its first row (ingest should split multi-row exports);
- a row's fields on consecutive lines without a header: each line is recognised by its form
  ("DRUG: name" interventions, "A|B|C" lists, "measure, description, time frame" outcomes
  joined by "|", prose for the summary and description, a short first line for the title).
"""

from __future__ import annotations

import csv
import io
import re

from kg.extractors._page_arms import typed_names
from kg.extractors._page_fields import key_of_header
from kg.extractors._page_lines import clean
from kg.extractors._page_parties import address, sponsor_from
from kg.extractors._page_values import NCT, enrollment, phase_line, phases, validate
from kg.extractors._values import INTERVENTION_TYPES, to_enum
from kg.extractors.registry import register
from kg.records import (
    Design,
    Document,
    Eligibility,
    ExtractionError,
    Intervention,
    Outcome,
    Site,
    Span,
    Spanned,
    Sponsor,
    TrialRecord,
)
from kg.text.endpoints import stated_outcomes
from kg.text.title_conditions import conditions_of_title

LAYOUT = "registry-export-row"
_TYPED = re.compile(r"\s*([A-Za-z][A-Za-z _]{1,30}?)\s*:\s*\S")
_TIME_FRAME = re.compile(
    r"(?:from|up to|through|throughout|at|after|before|during|within|until|baseline|"
    r"approximately|approx|assessed|an average|average|every|each|end of|screening|"
    r"(?:day|week|month|year|cycle|hour)s?\b|\d+\s*(?:day|week|month|year|cycle|hour)s?\b)",
    re.I,
)
_OUTCOME_KEYS = {
    "primary_outcome": "primary",
    "secondary_outcome": "secondary",
    "other_outcome": "other",
}


# --------------------------------------------------------------------------- sniffing


def _delimiter(first_line: str) -> tuple[str, int] | None:
    """The delimiter of an export header and how many export columns it names."""
    best = None
    for delimiter in ("\t", ","):
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        known = sum(1 for cell in cells if key_of_header(cell))
        if len(cells) >= 3 and known >= 3 and (best is None or known > best[1]):
            best = (delimiter, known)
    return best


def _line_kinds(text: str) -> set[str]:
    kinds = set()
    for line in text.splitlines():
        if _interventions_line(line):
            kinds.add("interventions")
        elif _outcomes_line(line):
            kinds.add("outcomes")
        elif _pipe_list(line):
            kinds.add("list")
    return kinds


def sniff(text: str) -> float:
    """An export header with a row, or lines of a row recognised by their form."""
    stripped = text.lstrip()
    if not stripped or stripped[0] in "{[<":
        return 0.0
    header = _delimiter(stripped.split("\n", 1)[0])
    if header and "\n" in stripped.strip():
        return min(1.0, 0.6 + 0.05 * header[1])
    kinds = _line_kinds(text)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(kinds) >= 2 and len(lines) <= 40:
        return 0.75 if len(kinds) == 3 else 0.55
    return 0.1 * len(kinds)


# --------------------------------------------------------------------------- forms


def _parts(line: str, start: int) -> list[tuple[str, int, int]]:
    """The "|"-separated parts of a line with their offsets."""
    parts = []
    pos = 0
    for piece in line.split("|"):
        stripped = piece.strip()
        if stripped:
            offset = pos + piece.index(stripped)
            parts.append((stripped, start + offset, start + offset + len(stripped)))
        pos += len(piece) + 1
    return parts


def _interventions_line(line: str) -> bool:
    parts = [p for p in line.split("|") if p.strip()]
    return bool(parts) and all(
        (m := _TYPED.match(p)) is not None and to_enum(m.group(1), INTERVENTION_TYPES)
        for p in parts
    )


def _outcome_split(part: str) -> tuple[int, int | None] | None:
    """(end of measure, start of time frame) inside one outcome "measure, description, time frame"."""
    commas = [m.start() for m in re.finditer(r",\s+", part)]
    if not commas:
        return None
    for index, comma in enumerate(commas):
        rest = part[comma:].lstrip(", ")
        if _TIME_FRAME.match(rest):
            return commas[0], len(part) - len(rest) if index else None
    return None


def _outcomes_line(line: str) -> bool:
    parts = [p.strip() for p in line.split("|") if p.strip()]
    return bool(parts) and len(line) < 20000 and all(_outcome_split(p) is not None for p in parts)


def _pipe_list(line: str) -> bool:
    parts = [p.strip() for p in line.split("|")]
    return len(parts) >= 2 and all(
        p and len(p.split()) <= 12 and not p.endswith(".") for p in parts
    )


def _prose(line: str) -> bool:
    return len(line.split()) >= 25 or line.rstrip().endswith(".")


# --------------------------------------------------------------------------- values


def _spanned(value: str, start: int, end: int) -> Spanned[str]:
    return Spanned(clean(value), Span(start, end))


def _outcomes(kind: str, line: str, start: int) -> list[Outcome]:
    found = []
    for part, a, _b in _parts(line, start):
        cut = _outcome_split(part) or (len(part), None)
        measure_end, tf_start = cut
        if tf_start is None:  # "measure, time frame"
            rest = part[measure_end:].lstrip(", ")
            tf_start = len(part) - len(rest) if rest else None
            description = None
        else:
            desc = part[measure_end:tf_start].strip(", ")
            d0 = a + part.index(desc, measure_end) if desc else a
            description = _spanned(desc, d0, d0 + len(desc)) if desc else None
        measure = _spanned(part[:measure_end], a, a + measure_end)
        tf = (
            _spanned(part[tf_start:], a + tf_start, a + len(part)) if tf_start is not None else None
        )
        found.append(Outcome(kind, measure, tf, description))
    return found


def _interventions(value: Spanned[str]) -> list[Intervention]:
    found = []
    for piece, kind in typed_names(value):
        if piece.value:
            found.append(Intervention(piece, kind))
    return found


class _Row:
    """The cells of one export row, by field key, each with its offsets in the document."""

    def __init__(self) -> None:
        self.cells: dict[str, Spanned[str]] = {}

    def put(self, key: str, value: str, start: int, end: int) -> None:
        if value.strip() and key not in self.cells:
            self.cells[key] = Spanned(value, Span(start, end))

    def get(self, key: str) -> Spanned[str] | None:
        return self.cells.get(key)

    def norm(self, key: str) -> Spanned[str] | None:
        cell = self.cells.get(key)
        value = validate(key, cell.value) if cell else None
        return Spanned(value, cell.span) if cell and isinstance(value, str) else None

    def items(self, key: str) -> list[Spanned[str]]:
        cell = self.cells.get(key)
        if cell is None or cell.span is None or cell.span.start is None:
            return []
        return [_spanned(p, a, b) for p, a, b in _parts(cell.value, cell.span.start)]


def _locate(text: str, value: str, pos: int) -> tuple[int, int]:
    """Where a parsed CSV value sits in the raw text (quotes doubled when escaped)."""
    for raw in (value, value.replace('"', '""')):
        found = text.find(raw, pos)
        if found >= 0:
            return found, found + len(raw)
    return pos, pos


def _from_export(text: str, delimiter: str) -> _Row:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [r for r in reader if any(cell.strip() for cell in r)]
    if len(rows) < 2:
        raise ExtractionError("export header without a data row")
    row = _Row()
    header_end = text.find("\n") + 1
    pos = header_end
    for name, value in zip(rows[0], rows[1], strict=False):
        start, end = _locate(text, value, pos) if value else (pos, pos)
        pos = max(pos, end)
        key = key_of_header(name) or ("locations" if name.strip().lower() == "locations" else None)
        if key:
            row.put(key, value, start, end)
    return row


def _from_lines(text: str) -> _Row:
    row = _Row()
    prose = 0
    offset = 0
    for raw in text.split("\n"):
        start, line = offset + len(raw) - len(raw.lstrip()), raw.strip()
        offset += len(raw) + 1
        end = start + len(line)
        if not line:
            continue
        if not row.cells and not line.endswith(".") and len(line) <= 300 and "|" not in line:
            row.put("title", line, start, end)
        elif _interventions_line(line):
            row.put("interventions", line, start, end)
        elif _outcomes_line(line):
            kind = "primary_outcome" if "primary_outcome" not in row.cells else "secondary_outcome"
            row.put(kind, line, start, end)
        elif NCT.fullmatch(line):
            row.put("nct_id", line, start, end)
        elif phase_line(line.replace("|", "/")):
            row.put("phase", line, start, end)
        elif _pipe_list(line):
            row.put("conditions" if "conditions" not in row.cells else "keywords", line, start, end)
        elif _prose(line):
            row.put(
                ("brief_summary", "detailed_description", "")[min(prose, 2)] or "extra",
                line,
                start,
                end,
            )
            prose += 1
    return row


# --------------------------------------------------------------------------- record


def extract(doc: Document) -> TrialRecord:
    """The trial of an export row."""
    stripped = doc.text.lstrip()
    header = _delimiter(stripped.split("\n", 1)[0]) if stripped else None
    row = _from_export(doc.text, header[0]) if header else _from_lines(doc.text)
    if not row.cells:
        raise ExtractionError("no export columns and no line of an export row recognised")
    count = row.get("enrollment")
    number = enrollment(count.value, labelled=True) if count else None
    outcomes = [o for key, kind in _OUTCOME_KEYS.items() for o in _cell_outcomes(row, key, kind)]
    title = _clean(row.get("title"))
    summary = _clean(row.get("brief_summary"))
    description = _clean(row.get("detailed_description"))
    return TrialRecord(
        title=title,
        nct_id=_nct(row),
        acronym=_clean(row.get("acronym")),
        org_study_ids=tuple(row.items("secondary_id")[:1] + row.items("org_study_id")),
        secondary_ids=tuple(row.items("secondary_id")[1:]),
        phases=tuple(Spanned(p, row.cells["phase"].span) for p in _phases(row)),
        status=row.norm("status"),
        enrollment=Spanned(number, count.span) if count and number is not None else None,
        start_date=row.norm("start_date"),
        primary_completion_date=row.norm("primary_completion_date"),
        completion_date=row.norm("completion_date"),
        last_update=row.norm("last_update"),
        study_type=row.norm("study_type"),
        design=_design(row),
        brief_summary=summary,
        detailed_description=description,
        # no condition column: the disease the title names
        conditions=tuple(row.items("conditions")) or conditions_of_title(doc.text, title),
        keywords=tuple(row.items("keywords")),
        interventions=tuple(i for cell in row.items("interventions") for i in _interventions(cell)),
        outcomes=tuple(outcomes) or stated_outcomes(doc.text, (summary, description)),
        eligibility=_eligibility(row),
        sponsors=_sponsors(row),
        sites=tuple(_sites(row)),
    )


def _clean(value: Spanned[str] | None) -> Spanned[str] | None:
    return Spanned(clean(value.value), value.span) if value else None


def _nct(row: _Row) -> Spanned[str] | None:
    for key in ("nct_id", "url"):
        cell = row.get(key)
        m = NCT.search(cell.value) if cell else None
        if cell and m and cell.span and cell.span.start is not None:
            return Spanned(m.group(), Span(cell.span.start + m.start(), cell.span.start + m.end()))
    return None


def _phases(row: _Row) -> tuple[str, ...]:
    cell = row.get("phase")
    return phases(cell.value.replace("|", "/")) if cell else ()


def _cell_outcomes(row: _Row, key: str, kind: str) -> list[Outcome]:
    cell = row.get(key)
    if cell is None or cell.span is None or cell.span.start is None:
        return []
    return _outcomes(kind, cell.value, cell.span.start)


def _design(row: _Row) -> Design:
    found: dict[str, Spanned[str]] = {}
    for part in row.items("design"):
        label, _, value = part.value.partition(":")
        key = key_of_header(label)
        normalized = validate(key, value) if key else None
        if key and isinstance(normalized, str) and part.span and part.span.end is not None:
            start = part.span.end - len(value.strip())
            found[key] = Spanned(normalized, Span(start, part.span.end))
    return Design(*(found.get(k) for k in ("allocation", "model", "purpose", "masking")))


def _eligibility(row: _Row) -> Eligibility | None:
    sex = row.norm("sex")
    return Eligibility(sex=sex) if sex else None


def _sponsors(row: _Row) -> tuple[Sponsor, ...]:
    found = []
    kind = row.get("sponsor_class")
    for cell in row.items("sponsor")[:1] + row.items("lead_sponsor")[:1]:
        made = sponsor_from(cell, "lead")
        if made:
            cls = validate("sponsor_class", kind.value) if kind else None
            found.append(
                Sponsor(made.name, "lead", cls if isinstance(cls, str) else made.agency_class)
            )
    for cell in row.items("collaborator"):
        made = sponsor_from(cell, "collaborator")
        if made:
            found.append(made)
    return tuple(found)


def _sites(row: _Row) -> list[Site]:
    sites = []
    for cell in row.items("locations"):
        parsed = address(cell.value)
        if parsed and cell.span and cell.span.start is not None:
            facility, city, state, country = parsed
            span = Span(cell.span.start, cell.span.start + len(facility)) if facility else None
            sites.append(Site(Spanned(facility, span) if facility else None, city, state, country))
    return sites


register(
    LAYOUT,
    sniff,
    extract,
    "one trial as a ClinicalTrials.gov CSV/TSV export row (with or without header)",
)
