"""Multi-row CSV/TSV registry exports split into one document per row (kg.ingest.rows)."""

from __future__ import annotations

from kg.ingest import Failure
from kg.ingest.reader import from_bytes
from kg.records import Document
from tests.ingest.graphs import DATA, DOCUMENTS

EXPORT = DATA / "three_studies_export.csv"


def _header_and_rows() -> tuple[str, list[str]]:
    text = EXPORT.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    row2, row3, row4 = rest.split("\nNCT")  # each data row starts with its NCT number
    return header + "\n", [row2 + "\n", "NCT" + row3 + "\n", "NCT" + row4]


def test_each_row_is_the_header_and_that_row_as_written() -> None:
    header, rows = _header_and_rows()
    found = list(from_bytes(str(EXPORT), EXPORT.read_bytes()))
    assert all(isinstance(d, Document) for d in found)
    assert [(d.path, d.text, d.layout) for d in found if isinstance(d, Document)] == [
        (f"{EXPORT}#L{line}", header + row, "registry-export-row")
        for line, row in zip((2, 3, 4), rows, strict=True)
    ]
    # the third row holds a quoted two-paragraph summary: it starts on line 4, ends on line 6
    assert rows[2].count("\n") == 3


def test_a_one_row_export_stays_one_document() -> None:
    path = DOCUMENTS / "rationale304_export.csv"
    (doc,) = list(from_bytes(str(path), path.read_bytes()))
    assert isinstance(doc, Document)
    assert (doc.path, doc.text) == (str(path), path.read_text(encoding="utf-8"))


def test_a_row_with_other_cells_than_the_header_fails_alone() -> None:
    header, rows = _header_and_rows()
    text = header + rows[0] + "NCT00000000,too,few\n" + rows[1]
    found = list(from_bytes("e.csv", text.encode()))
    assert [d.path for d in found] == ["e.csv#L2", "e.csv#L3", "e.csv#L4"]
    assert found[1] == Failure("e.csv#L3", "row has 3 cells but the header has 25")


def test_an_unterminated_quote_reads_to_the_end_as_one_bad_row() -> None:
    header, rows = _header_and_rows()
    text = header + rows[0] + rows[1] + 'NCT1,"never closed\nNCT2,x\n'
    found = list(from_bytes("q.csv", text.encode()))
    assert [d.path for d in found] == ["q.csv#L2", "q.csv#L3", "q.csv#L4"]
    assert found[2] == Failure("q.csv#L4", "row has 2 cells but the header has 25")


def test_an_unreadable_row_ends_the_rows_with_one_line() -> None:
    header, rows = _header_and_rows()
    text = header + rows[0] + rows[1] + "NCT1," + "x" * 140_000 + "\n" + rows[0]
    found = list(from_bytes("big.csv", text.encode()))
    assert [d.path for d in found] == ["big.csv#L2", "big.csv#L3", "big.csv#L4"]
    assert found[2] == Failure(
        "big.csv#L4",
        "unreadable row: field larger than field limit (131072); the rows after it are not read",
    )


def test_lines_of_a_row_without_header_are_not_split() -> None:
    seed = next((DOCUMENTS.parent.parent / "seeds").glob("002_*.txt"))
    (doc,) = list(from_bytes(str(seed), seed.read_bytes()))
    assert isinstance(doc, Document)
    assert (doc.path, doc.layout) == (str(seed), "registry-export-row")
