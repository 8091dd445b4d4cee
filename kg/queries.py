"""Named queries: ``queries/*.rq`` files with a header, run with parameters bound safely.

Header lines at the top of a ``.rq`` file::

    # name: trials-by-drug
    # description: Trials that give a drug, named any way (INN, code, brand, misspelling).
    # param: drug (drug): the drug to look for
    # param: class_a (iri, default tkg:AntiAngiogenicAgent): the first mechanism class
    # columns: trial, nct, title, drug, arm
    # scope: item

``scope`` says what a query's cost follows: ``item`` (the default) for a look-up of one
trial, drug, target or condition, ``graph`` for an aggregation or listing over the whole
graph (run without its optional item parameter). The benchmark holds each to its own time
goal (``benchmarks/README.md``).

A parameter's type says how its value is read: ``drug``, ``target`` and ``condition``
values are resolved through the lexicon to IRIs; ``iri`` is taken as an IRI; ``string``
and ``integer`` become literals. A parameter ``X`` pre-binds the variable ``?param_X``
through a ``VALUES`` block (:func:`kg.store.base.with_values`); the query text around it
is never built from user input. A parameter with a ``default`` is optional and bound to its
default when not given, so the query reads one constant instead of computing it per row
(``BIND(COALESCE(?param_x, …))`` would stop Oxigraph from using it in index lookups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import PREFIXES, named
from kg.normalize.conditions import resolve_conditions
from kg.normalize.lexicon import Lexicon
from kg.store.base import QueryError, Rows, Store

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
PARAM_TYPES = ("drug", "target", "condition", "iri", "string", "integer")
SCOPES = ("item", "graph")

_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<type>[a-z]+)"
    r"(?:,\s*(?:(?P<opt>optional)|default\s+(?P<default>[^)\s]+)))?\)\s*:\s*(?P<doc>.*)$"
)


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    description: str
    optional: bool = False
    default: str | None = None  # bound when the parameter is not given


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    sparql: str
    path: Path
    scope: str = "item"  # "item": a look-up; "graph": over the whole graph (see SCOPES)


def parse_query(path: Path) -> NamedQuery:
    """A ``.rq`` file and its header (a file without a header is named after itself)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = re.match(r"^#\s*(name|description|param|columns|scope)\s*:\s*(.*)$", line)
        if m:
            fields.setdefault(m.group(1), []).append(m.group(2).strip())
        elif line.strip() and not line.startswith("#"):
            break
    params = []
    for raw in fields.get("param", []):
        m = _PARAM.match(raw)
        if not m or m.group("type") not in PARAM_TYPES:
            raise QueryError(f"{path}: bad param header {raw!r} (want 'name (type): description')")
        default = m.group("default")
        optional = bool(m.group("opt")) or default is not None
        params.append(Param(m.group("name"), m.group("type"), m.group("doc"), optional, default))
    columns = tuple(c.strip() for c in ",".join(fields.get("columns", [])).split(",") if c.strip())
    scope = (fields.get("scope") or ["item"])[0]
    if scope not in SCOPES:
        raise QueryError(f"{path}: bad scope header {scope!r} (want one of {', '.join(SCOPES)})")
    return NamedQuery(
        name=(fields.get("name") or [path.stem])[0],
        description=" ".join(fields.get("description", [])),
        params=tuple(params),
        columns=columns,
        sparql=text,
        path=path,
        scope=scope,
    )


@lru_cache(maxsize=4)
def _library(folder: Path) -> dict[str, NamedQuery]:
    queries = [parse_query(p) for p in sorted(folder.glob("*.rq"))]
    return {q.name: q for q in queries}


def library(folder: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query in ``folder``, by name."""
    return dict(_library(folder))


def find(name_or_path: str, folder: Path = QUERY_DIR) -> NamedQuery:
    """A named query, or a ``.rq`` file given by path."""
    queries = library(folder)
    if name_or_path in queries:
        return queries[name_or_path]
    path = Path(name_or_path)
    if path.suffix in {".rq", ".sparql"}:
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return parse_query(path)
    known = ", ".join(sorted(queries))
    raise QueryError(f"unknown query {name_or_path!r}; known queries: {known}")


def bind(
    query: NamedQuery, values: dict[str, str], lexicon: Lexicon
) -> dict[str, ox.NamedNode | ox.Literal]:
    """The query's parameters as RDF terms, names resolved through the lexicon."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        allowed = ", ".join(declared) or "none"
        raise QueryError(
            f"query {query.name!r} has no parameter {unknown[0]!r} (parameters: {allowed})"
        )
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for p in query.params:
        if p.name not in values and p.default is not None:
            bound[f"param_{p.name}"] = resolve_param(p, p.default, lexicon)
            continue
        if p.name not in values:
            if not p.optional:
                raise QueryError(f"query {query.name!r} needs --param {p.name}=… ({p.description})")
            continue
        bound[f"param_{p.name}"] = resolve_param(p, values[p.name], lexicon)
    return bound


def resolve_param(p: Param, value: str, lexicon: Lexicon) -> ox.NamedNode | ox.Literal:
    if p.type == "drug":
        concept = lexicon.resolve(value)
        return ox.NamedNode(concept.iri if concept else named("drug", value))
    if p.type == "target":
        concept = lexicon.resolve(value, ("target", "family"))
        if concept is None:
            raise QueryError(
                f"unknown target {value!r}: not a symbol or synonym in the reference graph"
            )
        return ox.NamedNode(concept.iri)
    if p.type == "condition":
        found = resolve_conditions(lexicon, value)
        if not found:
            return ox.NamedNode(named("condition", value))
        return ox.NamedNode(found[0].iri)
    if p.type == "iri":
        if ":" in value and not value.startswith(("http://", "https://", "urn:")):
            prefix, _, local = value.partition(":")
            if prefix in PREFIXES:
                return ox.NamedNode(PREFIXES[prefix] + local)
        if re.fullmatch(r"NCT\d{8}", value):
            return ox.NamedNode(PREFIXES["nct"] + value)
        return ox.NamedNode(value)
    if p.type == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise QueryError(f"parameter {p.name} wants a whole number, got {value!r}")
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(value)


def run(
    store: Store,
    name_or_path: str,
    values: dict[str, str] | None = None,
    lexicon: Lexicon | None = None,
) -> Rows:
    """Run a named query (or a ``.rq`` file) with its parameters."""
    query = find(name_or_path)
    bindings = bind(query, values or {}, lexicon or Lexicon.load())
    return store.select(query.sparql, bindings)
