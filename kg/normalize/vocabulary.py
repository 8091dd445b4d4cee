"""What a spotter of some kinds looks names up in, built once per lexicon and kinds.

A :class:`Vocabulary` holds the lexicon's match keys that name something of the kinds,
every prefix of those keys (so a run of words that can no longer become a name stops
growing at once), and the spots of texts already spotted: registry records repeat their
intervention names, dose strings and whole fields to several miners, and a spot is
immutable, so each text is spotted once.

>>> from kg.normalize.lexicon import Lexicon
>>> v = vocabulary(Lexicon.load(), ("drug",))
>>> "penpulimab" in v.names, "penpu" in v.prefixes, "penpu" in v.names
(True, True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kg.normalize.keys import GREEK_WORDS
from kg.normalize.lexicon import Entry, Lexicon
from kg.text.spots import Spot

#: how many texts, and how many characters of text, a vocabulary remembers the spots of
REMEMBERED_TEXTS = 4096
REMEMBERED_CHARS = 4_000_000


class Vocabulary:
    """The names of some kinds in a lexicon, their prefixes, and remembered spots."""

    def __init__(self, lexicon: Lexicon, kinds: tuple[str, ...]) -> None:
        self.names: dict[str, tuple[Entry, ...]] = {}
        for name_key, bucket in lexicon.index.items():
            entries = tuple(e for e in bucket if e.kind in kinds)
            if entries:
                self.names[name_key] = entries
        self.prefixes = frozenset(k[:i] for k in self.names for i in range(len(k) + 1))
        #: the words a run of tokens naming something can start with: a prefix, or a Greek
        #: letter (the spotter also tries a run's key without its Greek words)
        self.openers = self.prefixes | GREEK_WORDS
        self._spots: dict[str, tuple[Spot, ...]] = {}
        self._chars = 0

    def remembered(self, text: str) -> tuple[Spot, ...] | None:
        """The spots of ``text`` if it was spotted before."""
        return self._spots.get(text)

    def forget(self) -> None:
        """Drop every remembered spot."""
        self._spots.clear()
        self._chars = 0

    def remember(self, text: str, spots: Sequence[Spot]) -> tuple[Spot, ...]:
        """Keep the spots of ``text`` (forgetting everything once the bounds are reached)."""
        if len(self._spots) >= REMEMBERED_TEXTS or self._chars + len(text) > REMEMBERED_CHARS:
            self.forget()
        kept = self._spots[text] = tuple(spots)
        self._chars += len(text)
        return kept


@lru_cache(maxsize=32)
def vocabulary(lexicon: Lexicon, kinds: tuple[str, ...]) -> Vocabulary:
    """The one vocabulary of ``lexicon`` for ``kinds`` (shared by every spotter of them)."""
    return Vocabulary(lexicon, kinds)
