"""The curated reference graph shipped in ``ontology/reference/``: read once, shared by all."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

#: the project's ``ontology/`` folder (next to the ``kg`` package in a source checkout)
ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
REFERENCE_DIR = ONTOLOGY_DIR / "reference"


def reference_files(folder: Path = REFERENCE_DIR) -> tuple[Path, ...]:
    """The Turtle files of the reference graph, in a stable order."""
    return tuple(sorted(folder.glob("*.ttl")))


@lru_cache(maxsize=4)
def reference_triples(folder: Path = REFERENCE_DIR) -> tuple[ox.Triple, ...]:
    """Every triple of the reference graph (parsed with Oxigraph; cached per folder)."""
    triples: list[ox.Triple] = []
    for path in reference_files(folder):
        with path.open("rb") as handle:
            for quad in ox.parse(handle, ox.RdfFormat.TURTLE, base_iri=path.as_uri()):
                triples.append(quad.triple)
    return tuple(triples)
