"""Load the miners' word lists (``kg/text/lexicon/*.tsv``, ``*.json``) once, and turn
their phrases into regular expressions.

A phrase in a list is written as plain words: a space stands for any run of spaces or
hyphens ("progression free survival" also matches "progression-free survival"), a word
ending in ``(s)`` takes an optional plural ``s``, and an entry starting with ``re:`` is a
regular expression used as written. Every list is data: the miners never spell a cue word
in their code.

>>> phrase_regex("response rate(s)")
'response[\\\\s\\\\-]+rates?'
>>> bool(compile_phrases(["median PFS"]).search("a median-PFS of 6 months"))
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``lexicon/<name>.tsv``: tab-separated, ``#`` comments and blanks skipped."""
    out = []
    for line in (LEXICON_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(out)


@cache
def data(name: str) -> Any:
    """The content of ``lexicon/<name>.json``."""
    return json.loads((LEXICON_DIR / f"{name}.json").read_text(encoding="utf-8"))


def words(name: str, key: str) -> tuple[str, ...]:
    """The list ``key`` of ``lexicon/<name>.json``."""
    return tuple(data(name)[key])


def phrase_regex(phrase: str) -> str:
    """The regular expression (no boundaries) a list phrase stands for."""
    if phrase.startswith("re:"):
        return "(?:" + phrase[3:] + ")"
    parts = []
    for word in phrase.split():
        plural = word.endswith("(s)")
        word = word[:-3] if plural else word
        piece = r"[\s\-]*".join(re.escape(w) for w in word.split("-"))
        parts.append(piece + ("s?" if plural else ""))
    return r"[\s\-]+".join(parts)


def alternation(phrases: Iterable[str]) -> str:
    """One non-capturing alternation of ``phrases``, longest first."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(phrase_regex(p) for p in ordered) + ")"


def compile_phrases(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern finding any of ``phrases`` as whole words."""
    return re.compile(r"(?<![\w])" + alternation(phrases) + r"(?![\w])", flags)


def compile_list(name: str, key: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """:func:`compile_phrases` over the list ``key`` of ``lexicon/<name>.json``."""
    return compile_phrases(words(name, key), flags)


class Table:
    r"""The rows of a list compiled into one pattern, so a text is scanned once whatever
    the number of rows; :meth:`finditer` tells which row matched.

    Longer patterns are tried first at each position; rows are grouped by their first
    letter so the engine skips a whole group at once.

    >>> t = Table(["follow up", "median follow up", r"re:every (?P<n>\d+) weeks"])
    >>> [(m.group(), row, detail.groupdict()) for m, row, detail in
    ...  t.finditer("median follow-up, every 3 weeks")]
    [('median follow-up', 1, {}), ('every 3 weeks', 2, {'n': '3'})]
    """

    def __init__(
        self,
        phrases: Iterable[str],
        flags: int = re.IGNORECASE,
        left: str = r"(?<![\w])",
        right: str = r"(?![\w])",
    ) -> None:
        regexes = [phrase_regex(p) for p in phrases]
        self._order = sorted(range(len(regexes)), key=lambda i: -len(regexes[i]))
        self._rows = [re.compile(rx, flags) for rx in regexes]
        buckets: dict[str, list[str]] = {}
        for i in self._order:
            buckets.setdefault(_first_char(regexes[i], flags), []).append(
                _NAMED.sub("(?:", regexes[i])
            )
        groups = []
        for first, alts in buckets.items():
            if first:
                chars = "".join(
                    sorted({first, first.upper()} if flags & re.IGNORECASE else {first})
                )
                groups.append(f"(?=[{re.escape(chars)}])(?:" + "|".join(alts) + ")")
            else:
                groups.extend(alts)
        self.pattern = re.compile(left + "(?:" + "|".join(groups) + ")" + right, flags)
        self._memo: dict[str, int] = {}

    def finditer(
        self, text: str, start: int = 0, end: int = -1
    ) -> Iterator[tuple[re.Match[str], int, re.Match[str]]]:
        """(match, row, the row's own match of the matched text, for its named groups) of
        every non-overlapping match in ``text[start:end]``, left to right."""
        for m in self.pattern.finditer(text, start, len(text) if end < 0 else end):
            known = self._memo.get(m.group())
            detail = self._rows[known].match(text, m.start()) if known is not None else None
            if known is not None and detail is not None and detail.end() == m.end():
                yield m, known, detail
                continue
            row, detail = self._which(text, m)
            if len(self._memo) < 50_000:
                self._memo[m.group()] = row
            yield m, row, detail

    def _which(self, text: str, m: re.Match[str]) -> tuple[int, re.Match[str]]:
        for i in self._order:
            detail = self._rows[i].match(text, m.start())
            if detail and detail.end() == m.end():
                return i, detail
        for i in self._order:  # a shorter or longer reading of the same place
            detail = self._rows[i].match(text, m.start())
            if detail:
                return i, detail
        raise AssertionError(f"no row matches {m.group()!r}")  # pragma: no cover


_NAMED = re.compile(r"\(\?P<\w+>")


def _first_char(regex: str, flags: int) -> str:
    """The letter or digit every match of ``regex`` starts with, or "" when unsure."""
    while regex.startswith("(?:"):
        regex = regex[3:]
    if not regex or not regex[0].isalnum() or "|" in regex:
        return ""
    return regex[0].lower() if flags & re.IGNORECASE else regex[0]
