"""Validate what a store holds: dump it, then run the SHACL shapes (:mod:`kg.validate`)."""

from __future__ import annotations

import io

import pyoxigraph as ox
from rdflib import Dataset

from kg.store.base import Store
from kg.validate import ValidationReport, validate


def validate_store(store: Store) -> ValidationReport:
    """The SHACL report over every named graph of ``store``."""
    buffer = io.BytesIO()
    store.dump(buffer, ox.RdfFormat.N_QUADS)
    dataset = Dataset()
    dataset.parse(data=buffer.getvalue().decode("utf-8"), format="nquads")
    return validate(dataset)
