"""The data lexicons of the page extractors: heading synonyms, field labels, countries.

The words live in ``kg/extractors/lexicon/*.tsv`` so a new site's spelling is a data change,
not a code change. Every lookup goes through :func:`norm_key`, which ignores case,
punctuation, markdown marks, a trailing colon, leading numbering ("3.2 Eligibility") and the
qualifiers registries put before a label ("Actual Enrollment", "Est. completion date").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_DIR = Path(__file__).with_name("lexicon")

_MARKS = re.compile(r"[*_`#>|]+")
_PAREN = re.compile(r"\([^()]*\)")
_NON_WORD = re.compile(r"[^0-9a-z?]+")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)+|[IVXivx]+\.|[A-Ha-h][.)])\s+")
_LONGEST = 100  # no label or heading is longer
_QUALIFIERS = ("actual", "estimated", "anticipated", "expected", "target", "planned", "est")

#: qualifier words -> enrollment type
QUALIFIER_TYPES = {
    "actual": "ACTUAL",
    "estimated": "ESTIMATED",
    "anticipated": "ESTIMATED",
    "expected": "ESTIMATED",
    "target": "ESTIMATED",
    "planned": "ESTIMATED",
    "est": "ESTIMATED",
}


def _basic(text: str) -> str:
    text = _MARKS.sub(" ", text.lower().replace("&", " and "))
    return _NON_WORD.sub(" ", text).replace("?", " ").strip()


@functools.lru_cache(maxsize=8192)
def norm_key(text: str, strip_qualifiers: bool = True) -> str:
    """``"**Actual Study Start Date :**"`` -> ``"study start date"``."""
    raw = _MARKS.sub(" ", _PAREN.sub(" ", text)).strip()
    words = _basic(_NUMBERING.sub("", raw)).split()
    while strip_qualifiers and words and words[0] in _QUALIFIERS:
        words.pop(0)
    return " ".join(words)


def _lookup(table: dict[str, T], text: str) -> T | None:
    """A lexicon entry: as written first ("Target Recruitment"), then without its qualifier."""
    if len(text) > _LONGEST:
        return None  # a sentence, not a label or heading
    for strip in (False, True):
        key = norm_key(text, strip)
        if key in table:
            return table[key]
    return None


def qualifier(text: str) -> str | None:
    """The enrollment/date type a label or value states: ACTUAL, ESTIMATED or None."""
    for word in _basic(text).split():
        if word in QUALIFIER_TYPES:
            return QUALIFIER_TYPES[word]
    return None


@dataclass(frozen=True, slots=True)
class Heading:
    section: str
    weak: bool


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@functools.cache
def headings() -> dict[str, Heading]:
    """Normalized heading synonym -> section."""
    return {
        norm_key(row[0], False): Heading(row[1], len(row) > 2 and row[2] == "weak")
        for row in _rows("headings.tsv")
    }


@functools.cache
def labels() -> dict[str, str]:
    """Normalized field label -> field key."""
    return {norm_key(row[0], False): row[1] for row in _rows("labels.tsv")}


@functools.cache
def max_label_words() -> int:
    """The longest label, in words (bounds the prefix search of :func:`label_prefix`)."""
    return max(len(key.split()) for key in labels())


@functools.cache
def countries() -> dict[str, str]:
    """Lower-cased country name -> the name as written in the lexicon."""
    return {row[0].lower(): row[0] for row in _rows("countries.tsv")}


@functools.cache
def chrome_verbs() -> frozenset[str]:
    """Imperative verbs that open a site's explanatory sentence under a heading."""
    return frozenset(row[0].lower() for row in _rows("chrome.tsv"))


def heading_of(text: str) -> Heading | None:
    """The section a heading line names, or None."""
    return _lookup(headings(), text)


def label_of(text: str) -> str | None:
    """The field a label names, or None."""
    return _lookup(labels(), text)


_WORDS = re.compile(r"[^\s:]+")


def label_prefix(text: str) -> tuple[str, int] | None:
    """The longest field label ``text`` starts with (followed by a space) and where it ends.

    >>> label_prefix("Study type Interventional")
    ('study_type', 10)
    """
    ends = [m.end() for m in _WORDS.finditer(text)][: max_label_words()]
    for end in reversed(ends):
        if end < len(text) and text[end] in " \t\u00a0":
            field = label_of(text[:end])
            if field:
                return field, end
    return None
