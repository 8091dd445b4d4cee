"""What a lexicon finds in free text: the contract between :mod:`kg.normalize` and the miners."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Spot:
    """A name found in text, resolved.

    ``kind`` is "drug", "drug-class", "target", "family", "condition" or "measure"; ``ids``
    are the IRIs it resolves to (a range like "VEGFR1-3" resolves to three targets);
    ``method`` is how it matched ("exact", "synonym", "code", "brand", "salt", "fuzzy",
    "range") and ``score`` in [0, 1].
    """

    start: int
    end: int
    surface: str
    kind: str
    ids: tuple[str, ...]
    label: str
    method: str = "exact"
    score: float = 1.0


class Spotter(Protocol):
    """Finds drugs, drug classes, targets and families named in a text."""

    def spot(self, text: str) -> list[Spot]:
        """Every non-overlapping name in ``text``, in order of position (longest match wins)."""
        ...
