"""Sentence boundaries with character offsets, for registry prose as it really is.

Abbreviations ("et al.", "e.g.", "vs.", "Co., Ltd.", "Prof. Li") do not end a sentence,
decimals ("2.8", "95% CI, 5.5-8.3") never do, a period glued to the next sentence
("Lung cancer.However") does, and so do line breaks and bullet items. The abbreviation
and continuation-word lists are data (``lexicon/abbreviations.tsv``, ``sentences.json``).

>>> t = "Wang et al. found an ORR of 28.4% (95% CI, 5.5-8.3). It was safe.Next one."
>>> [t[s:e] for s, e in sentences(t)]
['Wang et al. found an ORR of 28.4% (95% CI, 5.5-8.3).', 'It was safe.', 'Next one.']
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kg.text._lexicon import data, phrase_regex, rows, words

_TERMINAL = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|[。！？]")
_GLUED = re.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z])")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_WORD_BEFORE = re.compile(r"(\S+)\s+$")
_WORD_AFTER = re.compile(r"\s*([\"'“‘(\[]?)(\S*)")
_ENUMERATOR = re.compile(r"\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})\\?")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_BLANK = re.compile(r"\n(?:[ \t]*\n)+")
_ALNUM = re.compile(r"\w")


@cache
def _abbreviations() -> dict[str, str]:
    return {r[0].lower(): r[1] for r in rows("abbreviations")}


@cache
def _bullet() -> re.Pattern[str]:
    return re.compile(phrase_regex(str(data("sentences")["bullet"])))


@cache
def _continuation() -> frozenset[str]:
    return frozenset(words("sentences", "continuation_words"))


@cache
def _roman() -> frozenset[str]:
    return frozenset(words("sentences", "roman_numerals"))


def sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every sentence of ``text``, in order, trimmed of spaces and of
    bullet marks ("* ", "1. ", "a) ")."""
    return list(_sentences(text))


@lru_cache(maxsize=256)  # the miners of a record each read the same fields
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    cuts: set[int] = set()
    for m in _TERMINAL.finditer(text):
        if m.group().startswith(("。", "！", "？")) or _period_ends(text, m.start(), m.end()):
            cuts.add(m.end())
    for m in _GLUED.finditer(text):
        if _period_ends(text, m.start(), m.end(), glued=True):
            cuts.add(m.end())
    pos = text.find("\n")
    while pos != -1:
        if _line_break_ends(text, pos):
            cuts.add(pos)
        pos = text.find("\n", pos + 1)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        span = _trim(text, start, cut)
        if span is not None:
            spans.append(span)
        start = cut
    return tuple(spans)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every paragraph (blocks separated by a blank line).

    >>> paragraphs("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    spans = []
    start = 0
    for m in _BLANK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    for _ in range(3):  # "* 1\. At the time ..."
        m = _bullet().match(text, start, end)
        if not m:
            break
        start = m.end()
        while start < end and text[start].isspace():
            start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _ALNUM.search(text, start, end):
        return None
    return start, end


def _period_ends(text: str, start: int, end: int, glued: bool = False) -> bool:
    """Does the punctuation at ``[start, end)`` end a sentence?"""
    if text[start] in "!?":
        return True
    m = _TOKEN_BEFORE.search(text, max(0, start - 40), start)
    token = m.group(1).lstrip("\"'“‘([") if m else ""
    token = token.rstrip(")]\"'”’")
    after = _WORD_AFTER.match(text, end)
    next_word = after.group(2) if after else ""
    if m and _ENUMERATOR.fullmatch(token) and _line_head(text, m.start(1)):
        return False  # "* 1\\. Age ≥ 18": the number of a list item
    if not token or token[-1].isdigit():
        return True
    kind = _abbreviations().get(token.lower() + ".")
    if kind == "never" or (not glued and _DOTTED.fullmatch(token)):
        return False
    capitalised = bool(next_word) and next_word[0].isupper()
    if kind == "maybe":
        return capitalised and next_word.lower().strip(",;:") not in _continuation()
    if len(token) == 1 and token.isupper() and token not in _roman() and capitalised:
        at = m.start(1) if m else start
        before = _WORD_BEFORE.search(text, max(0, at - 40), at)
        if before and before.group(1)[:1].isupper():
            return False  # an initial: "Wang J. Lancet", "Prof. J. Li"
    return not (next_word and next_word[0].islower())


def _line_head(text: str, pos: int) -> bool:
    """Is ``pos`` the first word of its line (after bullet marks)?"""
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip(" \t*•-–")


def _line_break_ends(text: str, pos: int) -> bool:
    """Does the line break at ``pos`` end a sentence (rather than wrap one)?"""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos].rstrip()
    nxt_end = text.find("\n", pos + 1)
    nxt = text[pos + 1 : nxt_end if nxt_end != -1 else len(text)].lstrip(" \t")
    if not before or not nxt or _bullet().match(nxt):
        return True
    if before[-1] in ".:;!?":
        return True
    return not nxt[0].islower()
