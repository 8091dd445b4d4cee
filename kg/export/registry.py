"""Export formats by name: each format module registers its writer here on import.

:func:`formats` imports every module of :mod:`kg.export`, so a new ``kg/export/<fmt>.py``
that calls :func:`register` is picked up by the CLI and the round-trip tests alike.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.export.model import PropertyGraph

Writer = Callable[[PropertyGraph, Path], None]


@dataclass(frozen=True, slots=True)
class Format:
    """A registered export format."""

    name: str
    extension: str  #: the usual file name ending, with its dot ("" for a folder)
    description: str
    write: Writer


_FORMATS: dict[str, Format] = {}


def register(name: str, extension: str, description: str) -> Callable[[Writer], Writer]:
    """Decorator: make ``write(graph, out)`` the writer of format ``name``."""

    def add(write: Writer) -> Writer:
        if name in _FORMATS and _FORMATS[name].write is not write:
            raise ValueError(f"export format {name!r} is registered twice")
        _FORMATS[name] = Format(name, extension, description, write)
        return write

    return add


def formats() -> dict[str, Format]:
    """Every export format, by name (importing each module of :mod:`kg.export` once)."""
    package = importlib.import_module("kg.export")
    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"kg.export.{info.name}")
    return dict(sorted(_FORMATS.items()))


def get(name: str) -> Format:
    """The format called ``name``; ``KeyError`` names the known ones."""
    known = formats()
    if name not in known:
        raise KeyError(f"unknown export format {name!r}; known: {', '.join(known)}")
    return known[name]
