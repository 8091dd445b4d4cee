"""The store protocol: the few operations every backend implements.

Terms are pyoxigraph's (``NamedNode``, ``Literal``, ``BlankNode``): one term model from
the mapper to the query results, whatever the backend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Protocol

import pyoxigraph as ox

Term = ox.NamedNode | ox.Literal | ox.BlankNode


@dataclass(frozen=True, slots=True)
class Rows:
    """The answer to a SELECT (or ASK, as one column ``ask``)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (an IRI's value, a literal's lexical form)."""
        return [
            {
                c: (t.value if t is not None else None)
                for c, t in zip(self.columns, row, strict=True)
            }
            for row in self.rows
        ]


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")


def values(name: str, terms: Iterable[Term]) -> str:
    """``VALUES ?name { term … }``, each term serialized by pyoxigraph (escaped RDF syntax).

    >>> print(values("g", [ox.NamedNode("urn:a"), ox.Literal('say "x"')]))
    VALUES ?g { <urn:a> "say \\"x\\"" }
    """
    return f"VALUES ?{name} {{ " + " ".join(str(t) for t in terms) + " }"


def with_values(sparql: str, bindings: Mapping[str, Term] | None) -> str:
    """``sparql`` with each binding pre-bound by a ``VALUES`` block at the top of its WHERE,
    and of every sub-SELECT's WHERE that names the variable (a sub-SELECT does not see the
    outer query's variables, so a subquery that narrows by a parameter gets it bound where it
    is used; one that does not name it gets nothing, which some engines would count as a
    cross product when they estimate its cost).

    The terms are serialized by pyoxigraph (IRIs and literals escaped as RDF syntax), so a
    parameter value can never change the query's structure: the places are found in the
    query text before any value is inserted. Every backend binds this way, which keeps local
    and remote results the same.
    """
    if not bindings:
        return sparql
    ends = [m.end() for m in _WHERE.finditer(sparql)]
    if not ends:
        raise QueryError("a parameterised query needs a WHERE { … } clause")
    out = [sparql[: ends[0]]]
    for n, (start, end) in enumerate(zip(ends, [*ends[1:], len(sparql)], strict=True)):
        group = sparql[start : _group_end(sparql, start)] if n else ""  # the outer WHERE: all
        names = [name for name in bindings if n == 0 or re.search(rf"[?$]{name}\b", group)]
        block = " ".join(values(name, [bindings[name]]) for name in names)
        out.append(f" {block} " if block else "")
        out.append(sparql[start:end])
    return "".join(out)


def _group_end(sparql: str, start: int) -> int:
    """Where the group whose ``{`` ends just before ``start`` closes (braces in strings,
    IRIs and comments do not count); the end of the text when it never does."""
    depth, i = 1, start
    while i < len(sparql):
        c = sparql[i]
        if c in "\"'":
            close = sparql.find(c, i + 1)
            while close > 0 and sparql[close - 1] == "\\":
                close = sparql.find(c, close + 1)
            i = close if close > 0 else len(sparql)
        elif c == "#":
            newline = sparql.find("\n", i)
            i = newline if newline >= 0 else len(sparql)
        elif c == "<" and (iri := _IRI.match(sparql, i)):
            i = iri.end() - 1
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(sparql)


class StoreError(RuntimeError):
    """A store operation failed; the message is one line for the user."""


class QueryError(StoreError):
    """The query is not valid SPARQL or failed to run; the message says why."""


class Store(Protocol):
    """What trialkg needs of a quad store."""

    def replace_graph(
        self, graph: str, quads: Sequence[ox.Quad], *, drop: Iterable[str] = ()
    ) -> None:
        """Make ``graph`` hold exactly ``quads`` (and drop the graphs in ``drop``), atomically."""
        ...

    def replace_graphs(
        self, graphs: Sequence[tuple[str, bytes]], *, drop: Iterable[str] = ()
    ) -> None:
        """Make each ``(graph, nquads)`` graph hold exactly the quads of its N-Quads (all in
        that graph), and drop the graphs in ``drop``: all of it at once where the backend
        has transactions (it commits entirely or not at all)."""
        ...

    def drop_graph(self, graph: str) -> None:
        """Remove a named graph and everything in it."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (one transaction where the backend has them)."""
        ...

    def graphs(self) -> list[str]:
        """The named graphs held."""
        ...

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        """Run a SELECT or ASK over the union of all graphs, ``bindings`` pre-binding variables."""
        ...

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE over the union of all graphs."""
        ...

    def dump(self, out: BinaryIO, fmt: ox.RdfFormat, graph: str | None = None) -> None:
        """Serialize every graph (a dataset format) or one graph (a graph format)."""
        ...

    def close(self) -> None:
        """Flush and release the store."""
        ...
