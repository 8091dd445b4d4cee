"""The property graph every export writes: typed nodes and edges with scalar properties."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: a property value; each key has one type across a graph (see :func:`schema`)
Value = str | int | float | bool
Props = Mapping[str, Value]

#: attribute names the formats use themselves; properties may not take them
RESERVED = frozenset(
    {"id", "label", "type", "source", "target", "predicate", "name", "interaction", "iri"}
)


def _check(props: Props) -> Props:
    clash = RESERVED.intersection(props)
    if clash:
        raise ValueError(f"property names {sorted(clash)} are reserved")
    return MappingProxyType(dict(sorted(props.items())))


@dataclass(frozen=True, slots=True)
class Node:
    """A node: its IRI as ``id``, a display ``label``, a ``type`` (class local name)."""

    id: str
    label: str
    type: str
    props: Props = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "props", _check(self.props))


@dataclass(frozen=True, slots=True)
class Edge:
    """A directed edge: the RDF ``predicate`` it stands for and a short ``label``."""

    source: str
    target: str
    predicate: str
    label: str
    props: Props = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "props", _check(self.props))

    def key(self) -> tuple[str, str, str, str, tuple[tuple[str, str], ...]]:
        """A total order for edges (sorting, comparing multisets)."""
        props = tuple((k, repr(v)) for k, v in self.props.items())
        return (self.source, self.target, self.predicate, self.label, props)


@dataclass(frozen=True, slots=True)
class PropertyGraph:
    """Nodes sorted by id, edges by :meth:`Edge.key`; every edge's ends are nodes."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    @classmethod
    def of(cls, nodes: Iterable[Node], edges: Iterable[Edge]) -> PropertyGraph:
        """A graph of ``nodes`` (first one per id wins) and the ``edges`` between them."""
        by_id: dict[str, Node] = {}
        for node in nodes:
            by_id.setdefault(node.id, node)
        kept = {e.key(): e for e in edges if e.source in by_id and e.target in by_id}
        return cls(
            tuple(by_id[i] for i in sorted(by_id)),
            tuple(kept[k] for k in sorted(kept)),
        )

    def node_schema(self) -> dict[str, type]:
        """Each node property name and its type."""
        return schema(n.props for n in self.nodes)

    def edge_schema(self) -> dict[str, type]:
        """Each edge property name and its type."""
        return schema(e.props for e in self.edges)


def schema(items: Iterable[Props]) -> dict[str, type]:
    """Property name -> type, widened where values disagree (int < float < str).

    >>> schema([{"dose": 1}, {"dose": 2.5, "route": "oral"}])
    {'dose': <class 'float'>, 'route': <class 'str'>}
    """
    types: dict[str, type] = {}
    for props in items:
        for k, v in props.items():
            types[k] = _widen(types.get(k), type(v))
    return dict(sorted(types.items()))


def _widen(old: type | None, new: type) -> type:
    if old is None or old is new:
        return new
    if {old, new} == {int, float}:
        return float
    return str


def coerce(value: Value, to: type) -> Value:
    """``value`` as the schema's type ``to`` (a widened property)."""
    if isinstance(value, to) and not (to is int and isinstance(value, bool)):
        return value
    if to is str:
        return format_value(value)
    return to(value)


def format_value(value: Value) -> str:
    """The text form of a value (booleans as ``true``/``false``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
