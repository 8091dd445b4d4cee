"""Match keys: the one folding of names that every lookup in the lexicon goes through.

A key folds case, accents, Greek letters, spacing and punctuation, so "PD-L1", "PD L1" and
"pdl1" meet, and "PDGFRα" meets "PDGFR alpha". Text is cut into tokens at the same
boundaries (letters/digits), so a run of tokens in a text has the key of its joined tokens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "θ": "theta", "ω": "omega",
}  # fmt: skip
GREEK_WORDS = frozenset(GREEK.values())

#: a token: a run of letters, a run of digits, or one Greek letter
TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
#: a Greek letter glued to Latin letters ("PDGFRα") is its own token
_GREEK_SPLIT = re.compile(r"[α-ωΑ-Ω]|[^α-ωΑ-Ω]+")
_SPACES = re.compile(r"\s+")
#: TOKEN on lowercased ASCII text
_ASCII_TOKEN = re.compile(r"[a-z]+|[0-9]+")
#: a letter or digit outside ASCII; a text with none ("5–10 mg") tokenizes as ASCII does
_NON_ASCII_WORD = re.compile(r"(?![\x00-\x7f])[^\W_]")

WordTokens = tuple[tuple[int, int, str], ...]


def fold(text: str) -> str:
    """Lowercase, Greek letters spelled out, accents removed.

    >>> fold("Péamplimab PDGFRα")
    'peamplimab pdgfr alpha'
    """
    out = []
    for ch in text:
        if ch in GREEK:
            out.append(f" {GREEK[ch]} ")
        elif ch.lower() in GREEK:
            out.append(f" {GREEK[ch.lower()]} ")
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", ascii_text.lower()).strip()


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Tokens of ``text`` with their offsets, each folded (letters and digits split).

    >>> [t[2] for t in tokens("VEGFr1-3, PD-L1 and PDGFRα")]
    ['vegfr', '1', '3', 'pd', 'l', '1', 'and', 'pdgfr', 'alpha']
    """
    toks = _tokens(text)
    return _optional_letters(text, toks) if "(" in text else toks


def _optional_letters(text: str, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A bracketed letter ("PD-(L)1": PD-1 or PD-L1) keeps its brackets, so its key is not
    the key of "PD-L1".

    >>> key("anti-PD-(L)1"), key("anti-PD-L1")
    ('antipd(l)1', 'antipdl1')
    """
    return [
        (a, b, f"({w})")
        if b - a == 1 and 0 < a and b < len(text) and text[a - 1] == "(" and text[b] == ")"
        else (a, b, w)
        for a, b, w in toks
    ]


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Tokens of ``text``; one with no letter or digit outside ASCII is read as ASCII.

    >>> _tokens("VEGFR1–3 ≥ 2"), _tokens("Péamplimab–PDGFRα")
    ([(0, 5, 'vegfr'), (5, 6, '1'), (7, 8, '3'), (11, 12, '2')], [(0, 10, 'peamplimab'), (11, 16, 'pdgfr'), (16, 17, 'alpha')])
    """
    if text.isascii() or not _NON_ASCII_WORD.search(text):
        # lowercasing is the whole folding of ASCII words, and keeps offsets
        return [(m.start(), m.end(), m.group()) for m in _ASCII_TOKEN.finditer(text.lower())]
    out: list[tuple[int, int, str]] = []
    for match in TOKEN.finditer(text):
        word = match.group()
        start = match.start()
        if word.isascii():
            out.append((start, match.end(), word.lower()))
            continue
        out.extend((start + a, start + b, folded) for a, b, folded in _word_tokens(word))
    return out


@lru_cache(maxsize=1 << 14)
def _word_tokens(word: str) -> WordTokens:
    """The folded tokens of one non-ASCII word, offsets relative to the word."""
    if len(word) == 1 and (word in GREEK or word.lower() in GREEK):
        return ((0, 1, GREEK[word.lower()]),)
    out: list[tuple[int, int, str]] = []
    for part in _GREEK_SPLIT.finditer(word):
        piece = part.group()
        folded = GREEK.get(piece.lower()) or fold(piece).replace(" ", "")
        if folded:
            out.append((part.start(), part.end(), folded))
    return tuple(out)


def key(text: str) -> str:
    """The match key of a name: its folded tokens joined.

    >>> key("PD-L1") == key("pdl1") == key("PD L1"), key("Anti-PD-1")
    (True, 'antipd1')
    """
    return "".join(t[2] for t in tokens(text))
