"""Every registered format is written and read back with an independent reader: the same
nodes (ids, labels, types, properties) and the same edges (predicates, labels, properties)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.export.model import PropertyGraph, coerce, format_value
from kg.export.registry import formats
from tests.export.readers import READERS, UNTYPED

FORMATS = sorted(formats())


def normalized(graph: PropertyGraph, reference: PropertyGraph, typed: bool) -> tuple:  # type: ignore[type-arg]
    """Nodes by id and the multiset of edges, properties coerced to the reference's schema."""
    node_types, edge_types = reference.node_schema(), reference.edge_schema()

    def norm(props, types):  # type: ignore[no-untyped-def]
        out = {k: coerce(v, types.get(k, str)) for k, v in props.items()}
        return out if typed else {k: format_value(v) for k, v in out.items()}

    nodes = {n.id: (n.label, n.type, norm(n.props, node_types)) for n in graph.nodes}
    edges = Counter(
        (e.source, e.target, e.predicate, e.label, tuple(sorted(norm(e.props, edge_types).items())))
        for e in graph.edges
    )
    return nodes, edges


def test_every_format_has_a_reader() -> None:
    assert set(FORMATS) <= set(READERS), set(FORMATS) - set(READERS)


@pytest.mark.parametrize("name", FORMATS)
def test_roundtrip(name: str, tiny_graph: PropertyGraph, tmp_path: Path) -> None:
    fmt = formats()[name]
    out = tmp_path / f"export{fmt.extension}"
    fmt.write(tiny_graph, out)
    back = READERS[name](out)
    assert len(back.nodes) == len(tiny_graph.nodes) == 16
    assert len(back.edges) == len(tiny_graph.edges) == 19
    typed = name not in UNTYPED
    assert normalized(back, tiny_graph, typed) == normalized(tiny_graph, tiny_graph, typed)


@pytest.mark.slow
@pytest.mark.parametrize("name", FORMATS)
def test_roundtrip_seeds(name: str, seed_graph: PropertyGraph, tmp_path: Path) -> None:
    fmt = formats()[name]
    out = tmp_path / f"export{fmt.extension}"
    fmt.write(seed_graph, out)
    back = READERS[name](out)
    assert (len(back.nodes), len(back.edges)) == (len(seed_graph.nodes), len(seed_graph.edges))
    typed = name not in UNTYPED
    assert normalized(back, seed_graph, typed) == normalized(seed_graph, seed_graph, typed)


def test_seed_projection_has_every_kind(seed_graph: PropertyGraph) -> None:
    types = {n.type for n in seed_graph.nodes}
    assert {"Trial", "Arm", "Drug", "Target", "TargetFamily", "Pathway", "Condition",
            "Organization"} <= types  # fmt: skip
    labels = {e.label for e in seed_graph.edges}
    assert {"has_arm", "gives", "targets", "targets_family", "has_condition", "sponsored_by",
            "in_family", "in_pathway"} <= labels  # fmt: skip
