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
from collections.abc import Iterable
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
