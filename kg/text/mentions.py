"""Mentions: every drug, drug class and target named in a free-text field.

>>> class Spots:
...     def spot(self, text):
...         from kg.text.spots import Spot
...         return [Spot(0, 9, "Anlotinib", "drug", ("a",), "anlotinib"),
...                 Spot(19, 23, "NSCLC", "condition", ("c",), "nsclc")]
>>> [(m.surface.value, m.surface.span.start, m.context) for m in mine_mentions("Anlotinib in advanced NSCLC", Spots(), "aim")]
[('Anlotinib', 0, 'aim')]
"""

from __future__ import annotations

from kg.records import Mention, Span, Spanned
from kg.text.spots import Spotter

MENTION_KINDS = ("drug", "drug-class", "target", "family")


def mine_mentions(text: str, spotter: Spotter, context: str) -> list[Mention]:
    """One :class:`Mention` (with ``context``) per drug, class, target or family spot."""
    return [
        Mention(Spanned(sp.surface, Span(sp.start, sp.end)), context)
        for sp in spotter.spot(text)
        if sp.kind in MENTION_KINDS
    ]
