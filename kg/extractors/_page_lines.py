"""A page as lines: offsets into the document, list markers, markdown marks and table cells.

Every later step of the page extractor works on :class:`Line` objects, so every value it
finds can be traced back to ``doc.text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.records import Span, Spanned

_LINE = re.compile(r"[^\n]*")
#: a bullet, then optionally a number ("* 7,", "- 1\\.", "1)", "(2)", "a)", "ii.")
_MARKER = re.compile(
    r"(?P<bullet>[*\-•+·▪◦‣⁃–]\s+)?"
    r"(?P<num>\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})\\?[.),\]:](?=\s)|\(\d{1,3}\))?\s*"
)
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"(\*\*|__)(?P<inner>[^*_].*?)(\*\*|__)\s*:?\s*$")
_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>^|~=,])")
_SPACES = re.compile(r"[ \t\u00a0\u200b\ufeff]+")


@dataclass(slots=True)
class Cell:
    """One cell of a table row, with the offsets of its text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Line:
    """One non-empty line of the page (blank lines are kept as ``blank``)."""

    index: int
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str  # doc.text[start:end]
    blank: bool = False
    indent: int = 0  # spaces before the text
    bullet: bool = False  # starts with a list bullet
    number: str | None = None  # the numbering of a list item ("7", "a", "ii")
    body: int = 0  # offset where the text after bullet/number starts
    md_level: int = 0  # markdown heading level (# = 1)
    bold: bool = False  # the whole line is bold (**Heading**)
    cells: list[Cell] | None = None  # table cells, when the line is a table row
    separator: bool = False  # a markdown table separator row
    # filled by later passes
    section: str = "preamble"
    chrome: bool = False
    heading: bool = False
    used: bool = False  # consumed as a field label or value
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def body_text(self) -> str:
        """The line without its list bullet and numbering."""
        return self.text[self.body - self.start :]


def split_lines(text: str) -> list[Line]:
    """Every line of ``text``; one pass, linear in the length of the text."""
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        if match.start() > 0 and text[match.start() - 1] != "\n":
            continue  # the empty match right after a line's end
        raw = match.group()
        stripped = raw.strip(" \t\r\u00a0\u200b\ufeff")
        if not stripped:
            lines.append(Line(len(lines), match.start(), match.start(), "", blank=True))
            continue
        start = match.start() + raw.index(stripped)
        line = _line(len(lines), start, stripped)
        line.indent = len(raw[: raw.index(stripped)].expandtabs(4))
        lines.append(line)
    return lines


def _line(index: int, start: int, text: str) -> Line:
    line = Line(index, start, start + len(text), text, body=start)
    heading = _MD_HEADING.fullmatch(text)
    if heading:
        line.md_level = len(heading.group(1))
        line.body = start + heading.start(2)
        return line
    if "|" in text and (text.startswith("|") or text.endswith("|")):
        if _TABLE_SEP.match(text):
            line.separator = True
        else:
            line.cells = _cells(text, start)
        return line
    marker = _MARKER.match(text)
    if marker and (marker.group("bullet") or marker.group("num")):
        line.bullet = bool(marker.group("bullet"))
        num = marker.group("num")
        line.number = num.strip("()\\.,:]") if num else None
        line.body = start + marker.end()
    if _BOLD_LINE.fullmatch(text[line.body - start :]):
        line.bold = True
    return line


def _cells(text: str, start: int) -> list[Cell]:
    cells = []
    pos = 0
    inner = text
    if inner.startswith("|"):
        pos = 1
    for part in re.finditer(r"[^|]*", inner[pos:]):
        if part.start() > 0 and inner[pos + part.start() - 1] != "|":
            continue
        raw = part.group()
        stripped = raw.strip()
        offset = start + pos + part.start() + (raw.index(stripped) if stripped else 0)
        cells.append(Cell(stripped, offset, offset + len(stripped)))
    if cells and not cells[-1].text and text.endswith("|"):
        cells.pop()
    return cells


def unescape(text: str) -> str:
    """Markdown escapes removed: ``"1\\. INR \\> 1.5"`` -> ``"1. INR > 1.5"``."""
    return _ESCAPE.sub(r"\1", text)


def clean(text: str) -> str:
    """Bold/italic marks and escapes removed, spaces collapsed."""
    text = text.replace("**", "").replace("__", "")
    return _SPACES.sub(" ", unescape(text)).strip()


def spanned(text: str, start: int, end: int) -> Spanned[str] | None:
    """``text[start:end]`` stripped of spaces, marks and trailing separators, with its span."""
    while start < end and text[start] in " \t\u00a0*_|:-–—#>" and not _starts_value(text, start):
        start += 1
    while end > start and text[end - 1] in " \t\u00a0*_|;,":
        end -= 1
    if end <= start:
        return None
    return Spanned(clean(text[start:end]), Span(start, end))


def _starts_value(text: str, pos: int) -> bool:
    """A leading "-" that is a value ("-5"), not a separator."""
    return text[pos] == "-" and pos + 1 < len(text) and text[pos + 1].isdigit()
