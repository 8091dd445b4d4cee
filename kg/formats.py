"""Query results as text: an aligned table, or the SPARQL 1.1 CSV, TSV and JSON result formats."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from kg.store.base import Rows, Term

FORMATS = ("table", "csv", "tsv", "json")


def render(rows: Rows, fmt: str) -> str:
    """``rows`` in one of :data:`FORMATS`."""
    return {"table": table, "csv": to_csv, "tsv": to_tsv, "json": to_json}[fmt](rows)


def plain(term: Term | None) -> str:
    """An IRI's value or a literal's lexical form ('' when unbound), as SPARQL CSV writes it."""
    return "" if term is None else term.value


def to_csv(rows: Rows) -> str:
    """SPARQL 1.1 Query Results CSV: header of variable names, CRLF line ends, plain values."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rows.columns)
    for row in rows:
        writer.writerow([plain(t) for t in row])
    return out.getvalue()


def to_tsv(rows: Rows) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` header, terms in Turtle/N-Triples syntax."""
    lines = ["\t".join(f"?{c}" for c in rows.columns)]
    for row in rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return "\n".join(lines) + "\n"


def to_json(rows: Rows) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = []
    for row in rows:
        bindings.append(
            {c: _json_term(t) for c, t in zip(rows.columns, row, strict=True) if t is not None}
        )
    return json.dumps({"head": {"vars": list(rows.columns)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)  # fmt: skip


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def table(rows: Rows, max_width: int = 60) -> str:
    """An aligned text table for people (long cells cut with '…'); IRIs shortened to CURIEs."""
    from kg.namespaces import CONVERTER

    def cell(t: Term | None) -> str:
        if isinstance(t, ox.NamedNode):
            text = CONVERTER.compress(t.value) or t.value
        else:
            text = plain(t)
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    body = [[cell(t) for t in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(rows.columns)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(list(rows.columns)), line(["-" * w for w in widths])]
    out += [line(r) for r in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out) + "\n"
