"""Find the lexicon's names in free text: longest match first, ranges expanded, typos caught.

"VEGFR1-3", "vascular endothelial growth factor receptor 1-3", "FGFR1/2/3" and
"PDGFR α and β" each become one :class:`Spot` resolving to every target the range
names; a misspelled drug ("pianpulimab") is caught by a fuzzy match restricted to words
that look like drug names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kg.normalize.keys import GREEK_WORDS, tokens
from kg.normalize.lexicon import Entry, Lexicon
from kg.normalize.vocabulary import vocabulary
from kg.text.spots import Spot

Token = tuple[int, int, str]

_NUMERIC_RANGE = re.compile(r"\s*(?:-|–|—|~|to)\s*(\d{1,2})\b")
_NUMERIC_LIST = re.compile(r"((?:\s*(?:/|,|and|&)\s*\d{1,2}\b)+)")
_GREEK_PAIR = re.compile(r"\s*[-/]?\s*(α|alpha|a)?\s*(?:and|/|&|,|-)\s*(β|beta|b)\b", re.IGNORECASE)
_GREEK_NAME = {
    "α": "alpha",
    "a": "alpha",
    "alpha": "alpha",
    "β": "beta",
    "b": "beta",
    "beta": "beta",
}

#: word endings of international nonproprietary names; only such words are fuzzy-matched
INN_ENDINGS = (
    "mab", "nib", "lib", "rib", "sib", "platin", "taxel", "tecan", "rubicin", "citabine",
    "trexed", "mustine", "side", "zomib", "degib", "stat", "cept", "kin", "parib", "ciclib",
    "rafenib", "lisib", "limus", "tide", "sertib", "vec", "leucel",
)  # fmt: skip

#: and only words at least this long
FUZZY_MIN = 7

TARGETISH = ("target", "family")

_SHORT_CODE = re.compile(r"[A-Z]+-?\d+")


class LexiconSpotter:
    """A :class:`kg.text.spots.Spotter` over a :class:`Lexicon`.

    Spotters of one lexicon and kinds share one :class:`Vocabulary` (the names of those
    kinds, every prefix of them, and the answers for texts already spotted), so making a
    spotter per record costs a dictionary look-up.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        kinds: tuple[str, ...] = ("drug", "drug-class", "target", "family"),
    ) -> None:
        self.lexicon = lexicon
        self.kinds = kinds
        self.vocabulary = vocabulary(lexicon, tuple(kinds))

    def spot(self, text: str) -> list[Spot]:
        remembered = self.vocabulary.remembered(text)
        if remembered is None:
            remembered = self.vocabulary.remember(text, self._spot(text))
        return list(remembered)

    def _spot(self, text: str) -> tuple[Spot, ...]:
        toks = _tokens_of(text)
        openers = self.vocabulary.openers
        fuzzy = "drug" in self.kinds
        out: list[Spot] = []
        i = 0  # the first token not yet inside a spot
        for j, tok in enumerate(toks):
            word = tok[2]
            if j < i or (
                word not in openers
                and not (fuzzy and len(word) >= FUZZY_MIN and word.endswith(INN_ENDINGS))
            ):
                continue  # inside the last spot, or neither starts a name nor looks like a drug
            found = self._longest(text, toks, j) if word in openers else None
            if found is None:
                misspelt = self._fuzzy(text, tok)
                if misspelt:
                    out.append(misspelt)
                i = j + 1
                continue
            n, entries, matched_key = found
            spot, used = self._expand_range(text, toks, j, n, entries, matched_key)
            out.append(spot)
            i = j + used
        return tuple(out)

    # -- exact and synonym matches ------------------------------------------------------

    def _longest(
        self, text: str, toks: Sequence[Token], i: int
    ) -> tuple[int, list[Entry], str] | None:
        """The longest run of tokens from ``i`` that names something of our kinds.

        A run grows only while its key (or its key without Greek words before the last
        token, "platelet-β derived ... receptor α") is still a prefix of some name, so a
        word that starts no name costs one set look-up.
        """
        names, prefixes = self.vocabulary.names, self.vocabulary.prefixes
        candidates: list[tuple[int, tuple[str, ...]]] = []
        joined = bare = ""  # the run's key; its key without Greek words
        greek_before = False
        for n in range(1, min(self.lexicon.max_tokens, len(toks) - i) + 1):
            word = toks[i + n - 1][2]
            run = joined + word
            if n >= 3 and greek_before:
                # "PDGFRα/β" is a pair of members, not "PDGFR β" with a stray α
                pair = word in GREEK_WORDS and toks[i + n - 2][2] in GREEK_WORDS
                keys = (run,) if pair else (run, bare + word)
                hits = tuple(k for k in keys if k in names)
                if hits:
                    candidates.append((n, hits))
            elif run in names:
                candidates.append((n, (run,)))
            joined = run
            if word in GREEK_WORDS:
                greek_before = True
            else:
                bare += word
            if joined not in prefixes and bare not in prefixes:
                break
        for n, hits in reversed(candidates):
            first, last = toks[i], toks[i + n - 1]
            if n > 1 and last[0] - first[1] > 60 * n:
                continue
            surface = text[first[0] : last[1]]
            for k in hits:
                if len(k) < 3 and not _SHORT_CODE.fullmatch(surface):
                    continue
                entries = [e for e in names[k] if not e.case_sensitive or _symbol_case(surface)]
                if entries and _on_word_boundary(text, first[0], last[1]):
                    return n, _prefer(entries), k
        return None

    # -- ranges: "VEGFR1-3", "FGFR 1-4", "FGFR1/2/3", "PDGFR α and β" ---------------------

    def _expand_range(
        self, text: str, toks: Sequence[Token], i: int, n: int, entries: list[Entry], matched: str
    ) -> tuple[Spot, int]:
        start, end = toks[i][0], toks[i + n - 1][1]
        entry = entries[0]
        base = Spot(start, end, text[start:end], entry.kind, tuple(e.iri for e in entries),
                    entry.label, entry.method, 1.0)  # fmt: skip
        if entry.kind not in TARGETISH:
            return base, n
        window = toks[i : i + n]
        last = window[-1][2]
        rest = text[end:]
        suffixes: list[str] = []
        stems: list[str]
        consumed_to = end
        if last.isdigit() or last in GREEK_WORDS:
            stems = [matched[: -len(last)]]
            first = [last]
        else:
            stems = [matched] + sorted(self.lexicon.keys_of.get(entry.iri, ()))
            first = []
            lead = re.match(r"\s*-?\s*(\d{1,2}|α|β|alpha|beta)\b", rest, re.IGNORECASE)
            if lead:
                first = [_GREEK_NAME.get(lead.group(1).lower(), lead.group(1))]
                consumed_to = end + lead.end()
                rest = text[consumed_to:]
        if not first:
            return base, n
        if first[0].isdigit():
            m = _NUMERIC_RANGE.match(rest)
            if m and int(m.group(1)) > int(first[0]):
                suffixes = [str(k) for k in range(int(first[0]), int(m.group(1)) + 1)]
            else:
                m = _NUMERIC_LIST.match(rest)
                if m:
                    suffixes = first + re.findall(r"\d{1,2}", m.group(1))
        else:
            m = _GREEK_PAIR.match(rest) if first[0] == "alpha" else None
            if m:
                suffixes = ["alpha", "beta"]
        if not m and first and consumed_to > end:
            suffixes, m = first, None
            targets = self._members(stems, suffixes)
            if targets:
                return self._range_spot(text, start, consumed_to, targets), _tokens_until(
                    toks, i, consumed_to
                )
            return base, n
        if not suffixes or m is None:
            return base, n
        range_end = consumed_to + m.end()
        targets = self._members(stems, suffixes)
        if not targets:
            return base, n
        return self._range_spot(text, start, range_end, targets), _tokens_until(toks, i, range_end)

    def _members(self, stems: list[str], suffixes: list[str]) -> tuple[Entry, ...] | None:
        found: list[Entry] = []
        for suffix in suffixes:
            hit = next(
                (
                    e
                    for stem in stems
                    for e in self.lexicon.index.get(stem + suffix, ())
                    if e.kind == "target"
                ),
                None,
            )
            if hit is None:
                return None
            if all(f.iri != hit.iri for f in found):
                found.append(hit)
        return tuple(found)

    @staticmethod
    def _range_spot(text: str, start: int, end: int, targets: tuple[Entry, ...]) -> Spot:
        label = "/".join(t.label for t in targets)
        return Spot(start, end, text[start:end], "target", tuple(t.iri for t in targets),
                    label, "range", 1.0)  # fmt: skip

    # -- misspellings ------------------------------------------------------------------------

    def _fuzzy(self, text: str, token: Token) -> Spot | None:
        word = token[2]
        if "drug" not in self.kinds or len(word) < FUZZY_MIN or not word.endswith(INN_ENDINGS):
            return None
        concept = self.lexicon.fuzzy_drug(word)
        if concept is None:
            return None
        return Spot(token[0], token[1], text[token[0] : token[1]], concept.kind, (concept.iri,),
                    concept.label, "fuzzy", concept.score)  # fmt: skip


@lru_cache(maxsize=256)  # spotters of other kinds read the same fields of a record
def _tokens_of(text: str) -> tuple[Token, ...]:
    return tuple(tokens(text))


def _join(window: Sequence[Token]) -> str:
    return "".join(t[2] for t in window)


def _symbol_case(surface: str) -> bool:
    """Written as a gene symbol: a capital, and not just a capitalized word ("Met", "Kit").

    >>> [_symbol_case(s) for s in ("MET", "c-Met", "HER2", "Met", "met", "Kit")]
    [True, True, True, False, False, False]
    """
    if not any(c.isupper() for c in surface):
        return False
    return not (surface.isalpha() and surface[0].isupper() and surface[1:].islower())


def _on_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and text[start].isalnum()) and not (
        after.isalnum() and text[end - 1].isalnum()
    )


def _prefer(entries: list[Entry]) -> list[Entry]:
    """Among entries sharing a name, a drug beats a class beats a family beats a target."""
    order = {"drug": 0, "drug-class": 1, "target": 2, "family": 3}
    best = min(order.get(e.kind, 9) for e in entries)
    return [e for e in entries if order.get(e.kind, 9) == best]


def _tokens_until(toks: Sequence[Token], i: int, end: int) -> int:
    used = 0
    while i + used < len(toks) and toks[i + used][0] < end:
        used += 1
    return max(used, 1)
