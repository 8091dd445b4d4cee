"""Validate what a store holds: its triples, every named graph merged, through the SHACL shapes
(:mod:`kg.validate`)."""

from __future__ import annotations

import io

import pyoxigraph as ox
from rdflib import Graph

from kg.store.base import Store
from kg.validate import ValidationReport, validate_in_place


def validate_store(store: Store) -> ValidationReport:
    """The SHACL report over every named graph of ``store``.

    The quads are written as N-Triples (graph names dropped: the shapes speak of the union) and
    parsed once into the graph that is validated; pyoxigraph writes an ``xsd:string`` literal
    as the simple literal it equals, which is what the shapes' ``sh:in`` lists hold.
    """
    buffer = io.BytesIO()
    store.dump(buffer, ox.RdfFormat.N_QUADS)
    quads = ox.parse(buffer.getvalue(), format=ox.RdfFormat.N_QUADS)
    lines = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
    return validate_in_place(Graph().parse(data=lines, format="nt"))
