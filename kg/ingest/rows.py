"""A multi-row registry export (CSV/TSV, one study per row) -> one document per row.

ClinicalTrials.gov's "Download CSV/TSV" writes a header row of column names and one row per
study. Each row becomes its own document, the header row followed by that row (as written,
quoted fields and newlines inside them kept), named ``file.csv#L<line>`` after the line the
row starts on, so each builds its own trial and named graph. A file with one data row is
not split (it is already one document).

A text counts as such an export when its header has at least three cells, its first data
row has as many, and the layout sniffers read the header with that row as a
``registry-export-row``. A later row with another number of cells fails alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import chain

from kg.ingest.base import Failure, make_document
from kg.records import Document

LAYOUT = "registry-export-row"
_MIN_CELLS = 3

Row = tuple[int, str | None, list[str]]
"""The line a row starts on (1-based), its text as written (None: unreadable) and its cells."""


def export_rows(name: str, text: str) -> Iterator[Document | Failure] | None:
    """One document per data row of a multi-row export; None when ``text`` is not one."""
    rows = _rows(text)
    header = next(rows, None)
    first = next(rows, None)
    if header is None or first is None or len(header[2]) < _MIN_CELLS:
        return None
    if header[1] is None or first[1] is None or len(first[2]) != len(header[2]):
        return None
    head = _line(header[1])
    doc = make_document(f"{name}#L{first[0]}", head + _line(first[1]))
    if not isinstance(doc, Document) or doc.layout != LAYOUT:
        return None
    second = next(rows, None)
    if second is None:
        return None
    return _members(name, head, len(header[2]), doc, second, rows)


def _members(
    name: str, head: str, cells: int, first: Document, second: Row, rows: Iterator[Row]
) -> Iterator[Document | Failure]:
    yield first
    for start, raw, row in chain([second], rows):
        member = f"{name}#L{start}"
        if raw is None:
            yield Failure(member, f"unreadable row: {row[0]}; the rows after it are not read")
        elif len(row) != cells:
            yield Failure(member, f"row has {len(row)} cells but the header has {cells}")
        else:
            yield make_document(member, head + _line(raw))


def _rows(text: str) -> Iterator[Row]:
    """The non-blank rows of a delimited text, each with its first line and raw text.

    A row the csv module cannot read ends the rows: it comes with ``None`` as its text and
    the error as its one cell.
    """
    lines = io.StringIO(text, newline="").readlines()
    delimiter = "\t" if "\t" in (lines[0] if lines else "") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    consumed = 0
    while True:
        start = consumed
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            yield start + 1, None, [str(exc)]
            return
        if cells is None:
            return
        consumed = reader.line_num
        if any(cell.strip() for cell in cells):
            yield start + 1, "".join(lines[start:consumed]), cells


def _line(raw: str) -> str:
    return raw if raw.endswith("\n") else raw + "\n"
