"""Check a trialkg graph against the SHACL shapes in ``ontology/shapes.ttl``.

:func:`validate` merges every named graph into one (the shapes speak of the whole graph: a
trial in a document graph points to drugs in the reference graph), mixes in the ontology so
``rdfs:subClassOf`` is honoured, runs pyshacl and returns a :class:`ValidationReport`.
A report ``conforms`` when it has no ``sh:Violation``; warnings are reported, not fatal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, Node, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH, XSD
from rdflib.term import Literal as RDFLiteral

__all__ = ["ONTOLOGY_DIR", "ValidationReport", "ValidationResult", "validate", "validate_in_place"]

#: Where ``trialkg.ttl`` and ``shapes.ttl`` live.
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

_SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One ``sh:ValidationResult``: which node broke which constraint, and how badly."""

    focus: Node
    path: Node | None
    severity: str  # "Violation" | "Warning" | "Info"
    message: str
    value: Node | None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate`; ``text`` is pyshacl's human-readable report."""

    conforms: bool
    violations: int
    warnings: int
    results: tuple[ValidationResult, ...]
    text: str


def validate(
    data: Graph | Dataset,
    shapes_path: Path | None = None,
    ontology_path: Path | None = None,
    *,
    inference: Literal["none", "rdfs"] = "none",
) -> ValidationReport:
    """Validate ``data`` (a graph, or a dataset whose named graphs are merged) against the shapes.

    ``shapes_path`` and ``ontology_path`` default to ``ontology/shapes.ttl`` and
    ``ontology/trialkg.ttl``. ``inference="rdfs"`` also applies the ontology's domains and
    ranges before validating; the default ``"none"`` checks the graph as written.
    """
    return validate_in_place(_union(data), shapes_path, ontology_path, inference=inference)


def validate_in_place(
    graph: Graph,
    shapes_path: Path | None = None,
    ontology_path: Path | None = None,
    *,
    inference: Literal["none", "rdfs"] = "none",
) -> ValidationReport:
    """:func:`validate` on a graph the caller hands over: the ontology (and, with
    ``inference="rdfs"``, the entailed triples) are added to ``graph`` itself, so nothing is
    copied. Its literals must already be simple where they are ``xsd:string`` (see :func:`_union`).
    """
    shapes = Graph().parse(shapes_path or ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    graph.parse(ontology_path or ONTOLOGY_DIR / "trialkg.ttl", format="turtle")
    _, results_graph, text = shacl_validate(
        graph,
        shacl_graph=shapes,
        inference=inference,
        advanced=False,
        allow_warnings=True,
        allow_infos=True,
        inplace=True,
    )
    results = _results(cast(Graph, results_graph))
    violations = sum(r.severity == "Violation" for r in results)
    return ValidationReport(
        conforms=violations == 0,
        violations=violations,
        warnings=sum(r.severity == "Warning" for r in results),
        results=results,
        text=str(text),
    )


def _union(data: Graph | Dataset) -> Graph:
    """All triples of ``data`` in one graph (every named graph and the default graph).

    ``"x"^^xsd:string`` becomes the simple literal ``"x"``: the same term in RDF 1.1, but not
    to rdflib, whose ``sh:in`` and ``sh:hasValue`` checks would otherwise reject the values
    that stores such as Oxigraph hand back typed.
    """
    triples = (
        ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
        if isinstance(data, ConjunctiveGraph)  # Dataset is a ConjunctiveGraph
        else iter(data)
    )
    union = Graph()
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace)
    for s, p, o in triples:
        if isinstance(o, RDFLiteral) and o.datatype == XSD.string:
            o = RDFLiteral(str(o))
        union.add((s, p, o))
    return union


def _results(report: Graph) -> tuple[ValidationResult, ...]:
    """The top-level results of a pyshacl report (not their ``sh:detail``), sorted."""
    found = []
    for node in report.objects(None, SH.result):
        focus = report.value(node, SH.focusNode)
        if focus is None:  # pragma: no cover - every result names its focus node
            continue
        severity = report.value(node, SH.resultSeverity)
        found.append(
            ValidationResult(
                focus=focus,
                path=report.value(node, SH.resultPath),
                severity=_SEVERITY_NAMES.get(cast(URIRef, severity), str(severity)),
                message=" / ".join(sorted(str(m) for m in report.objects(node, SH.resultMessage))),
                value=report.value(node, SH.value),
            )
        )
    return tuple(sorted(found, key=lambda r: (str(r.focus), str(r.path), r.message, str(r.value))))
