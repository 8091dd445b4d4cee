"""The registry of document layouts: each extractor module declares itself here.

An extractor module calls :func:`register` at import time with its layout name, a
sniffer and its ``extract`` function. :func:`detect` asks every sniffer how sure it
is that a text is its layout and picks the surest; a text no sniffer claims is not
a clinical-trial document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.records import Document, ExtractionError, TrialRecord

Sniffer = Callable[[str], float]
"""Given a document's text, a confidence in [0, 1] that it is this layout."""

Extract = Callable[[Document], TrialRecord]
"""A pure function: one document in, one trial record out (or ExtractionError)."""


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    sniff: Sniffer
    extract: Extract
    description: str


_LAYOUTS: dict[str, Layout] = {}
_LOADED = False  # every extractor module imported

#: below this, a sniffer's claim does not count
MIN_CONFIDENCE = 0.3


def register(name: str, sniff: Sniffer, extract: Extract, description: str) -> None:
    """Declare a layout (called once by each module in :mod:`kg.extractors`)."""
    _LAYOUTS[name] = Layout(name, sniff, extract, description)


def layouts() -> dict[str, Layout]:
    """Every registered layout, by name."""
    _load_all()
    return dict(_LAYOUTS)


def detect(text: str) -> Layout:
    """The layout whose sniffer is surest about ``text``.

    Raises ExtractionError when no sniffer reaches :data:`MIN_CONFIDENCE`.
    """
    best: tuple[float, Layout] | None = None
    for layout in layouts().values():
        score = layout.sniff(text)
        if best is None or score > best[0]:
            best = (score, layout)
    if best is None or best[0] < MIN_CONFIDENCE:
        raise ExtractionError("not a clinical-trial document (no known layout recognises it)")
    return best[1]


def _load_all() -> None:
    """Import every extractor module (once: after that their layouts are registered)."""
    global _LOADED
    if _LOADED:
        return
    import importlib
    import pkgutil

    import kg.extractors as package

    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_") and info.name != "registry":
            importlib.import_module(f"kg.extractors.{info.name}")
    _LOADED = True
