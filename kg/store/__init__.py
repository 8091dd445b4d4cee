"""Quad stores behind one small protocol (:class:`kg.store.base.Store`)."""

from __future__ import annotations

from pathlib import Path

from kg.store.base import QueryError, Rows, Store, StoreError
from kg.store.oxigraph import OxigraphStore

__all__ = [
    "DEFAULT_STORE",
    "OxigraphStore",
    "QueryError",
    "Rows",
    "Store",
    "StoreError",
    "open_store",
]

#: where ``kg`` keeps its graph unless told otherwise
DEFAULT_STORE = Path(".trialkg") / "store"


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> OxigraphStore:
    """The embedded store at ``path`` (default ``./.trialkg/store``); ``":memory:"`` for none."""
    if path == ":memory:":
        return OxigraphStore(None)
    return OxigraphStore(path or DEFAULT_STORE, read_only=read_only)
