"""The SPARQL endpoint over HTTP, spoken to by SPARQLWrapper and by plain urllib."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, TSV, TURTLE, XML, SPARQLWrapper

from kg import queries
from kg.normalize.lexicon import Lexicon
from kg.server.engine import Limits, query_form
from kg.store.base import with_values
from kg.store.oxigraph import OxigraphStore
from tests.server.conftest import Serve
from tests.server.sample import TRIAL, sample_params


def get(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET, errors included."""
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def sparql_get(
    base: str, query: str, accept: str | None = None, **extra: str
) -> tuple[int, str, bytes]:
    return get(f"{base}/sparql?" + urllib.parse.urlencode({"query": query, **extra}), accept)


def wrapper_values(result: dict[str, Any]) -> list[dict[str, str | None]]:
    columns = result["head"]["vars"]
    return [
        {c: b[c]["value"] if c in b else None for c in columns}
        for b in result["results"]["bindings"]
    ]


@pytest.mark.parametrize("name", sorted(queries.library()))
def test_every_named_query_through_sparqlwrapper_matches_local(
    base_url: str, store: OxigraphStore, name: str
) -> None:
    query = queries.library()[name]
    params = sample_params(query)
    bindings = queries.bind(query, params, Lexicon.load())
    client = SPARQLWrapper(f"{base_url}/sparql")
    client.setQuery(with_values(query.sparql, bindings))
    if query_form(query.sparql) == "CONSTRUCT":
        client.setReturnFormat(TURTLE)
        raw = client.query().response.read()
        got = {q.triple for q in ox.parse(raw, format=ox.RdfFormat.TURTLE)}
        assert got == set(store.construct(query.sparql, bindings))
        return
    local = queries.run(store, name, params)
    client.setReturnFormat(JSON)
    remote: Any = client.query().convert()
    assert remote["head"]["vars"] == list(local.columns)
    assert wrapper_values(remote) == local.values()


@pytest.mark.parametrize("name", sorted(queries.library()))
def test_named_query_route_matches_local(base_url: str, store: OxigraphStore, name: str) -> None:
    params = sample_params(queries.library()[name])
    status, ctype, body = get(f"{base_url}/queries/{name}?" + urllib.parse.urlencode(params))
    query = queries.library()[name]
    if query_form(query.sparql) == "CONSTRUCT":
        assert status == 200 and ctype.startswith("text/turtle")
        bindings = queries.bind(query, params, Lexicon.load())
        got = {q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)}
        assert got == set(store.construct(query.sparql, bindings))
        return
    assert status == 200 and ctype == "application/sparql-results+json"
    assert wrapper_values(json.loads(body)) == queries.run(store, name, params).values()


def test_query_listing(base_url: str) -> None:
    status, ctype, body = get(f"{base_url}/queries")
    listing = json.loads(body)
    assert status == 200 and ctype == "application/json"
    assert {q["name"] for q in listing} == set(queries.library())
    by_drug = next(q for q in listing if q["name"] == "trials-by-drug")
    assert by_drug["params"][0]["name"] == "drug" and "SELECT" in by_drug["sparql"]


SELECT_TRIALS = (
    "PREFIX tkg: <https://w3id.org/trialkg/vocab#> SELECT ?nct WHERE { ?t tkg:nctId ?nct }"
)


@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_select_in_other_result_formats(base_url: str, fmt: str) -> None:
    client = SPARQLWrapper(f"{base_url}/sparql")
    client.setQuery(SELECT_TRIALS)
    client.setReturnFormat(fmt)
    body: Any = client.query().convert()
    text = body.toxml() if fmt == XML else body.decode()
    assert TRIAL in text


def test_csv_is_sparql_csv(base_url: str) -> None:
    status, ctype, body = sparql_get(base_url, SELECT_TRIALS, "text/csv")
    assert status == 200 and ctype.startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode()))) == [["nct"], [TRIAL]]


def test_ask_and_post_body(base_url: str) -> None:
    client = SPARQLWrapper(f"{base_url}/sparql")
    client.setMethod(POST)
    client.setQuery(f'ASK {{ ?t <https://w3id.org/trialkg/vocab#nctId> "{TRIAL}" }}')
    client.setReturnFormat(JSON)
    answer: Any = client.query().convert()
    assert answer["boolean"] is True
    request = urllib.request.Request(f"{base_url}/sparql", data=b"ASK { ?s ?p 42 }", method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+xml"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:
        assert b"<boolean>false</boolean>" in response.read()


CONSTRUCT = f'CONSTRUCT {{ ?t ?p ?o }} WHERE {{ ?t <https://w3id.org/trialkg/vocab#nctId> "{TRIAL}" ; ?p ?o }}'


@pytest.mark.parametrize(("fmt", "rdf_format"), [(TURTLE, ox.RdfFormat.TURTLE), (N3, ox.RdfFormat.TURTLE),
                                                 (JSONLD, ox.RdfFormat.JSON_LD)])  # fmt: skip
def test_construct_formats(
    base_url: str, store: OxigraphStore, fmt: str, rdf_format: ox.RdfFormat
) -> None:
    client = SPARQLWrapper(f"{base_url}/sparql")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    raw = client.query().response.read()
    got = {q.triple for q in ox.parse(raw, format=rdf_format)}
    assert got == set(store.construct(CONSTRUCT)) and len(got) > 5


def test_format_parameter_overrides_accept(base_url: str) -> None:
    status, ctype, body = sparql_get(base_url, CONSTRUCT, "text/turtle", format="nt")
    assert status == 200 and ctype == "application/n-triples"
    assert body.decode().startswith("<https://clinicaltrials.gov/study/")


def test_unacceptable_format_is_406(base_url: str) -> None:
    status, _, body = sparql_get(base_url, SELECT_TRIALS, "image/png")
    assert status == 406 and b"cannot answer" in body


@pytest.mark.parametrize("update", ["INSERT DATA { <http://e/s> <http://e/p> 1 }", "DROP ALL",
                                    "LOAD <http://example.org/data.ttl>"])  # fmt: skip
def test_updates_are_refused(base_url: str, update: str) -> None:
    data = urllib.parse.urlencode({"update": update}).encode()
    request = urllib.request.Request(f"{base_url}/sparql", data=data, method="POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=30)
    assert info.value.code == 403 and b"--allow-update" in info.value.read()
    status, _, body = sparql_get(base_url, update)
    assert status == 403 and b"update" in body


def test_service_is_refused(base_url: str) -> None:
    status, _, body = sparql_get(
        base_url, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    )
    assert status == 403 and b"SERVICE" in body


def test_syntax_error_is_400(base_url: str) -> None:
    status, _, body = sparql_get(base_url, "SELECT ?x WHERE { ?x ")
    assert status == 400 and b"syntax" in body.lower()


def test_result_limit_is_an_error_not_a_cut(serve: Serve) -> None:
    base = serve(Limits(max_results=5))
    status, _, body = sparql_get(base, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and b"limit of 5" in body
    assert sparql_get(base, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")[0] == 200


def test_timeout_is_an_error(serve: Serve) -> None:
    base = serve(Limits(timeout=0.05))
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(STRLEN(STR(?c)) > STRLEN(STR(?f))) }"
    status, _, body = sparql_get(base, query)
    assert status == 503 and b"timeout" in body


def test_trial_neighbourhood(base_url: str) -> None:
    status, ctype, body = get(f"{base_url}/graph?trial={TRIAL}", "application/ld+json")
    assert status == 200 and ctype == "application/ld+json"
    ids = {node["@id"] for node in json.loads(body)}
    assert {"https://w3id.org/trialkg/id/drug/anlotinib", "http://id.nlm.nih.gov/mesh/D055752",
            "https://w3id.org/trialkg/id/org/akeso"} <= ids  # fmt: skip
    assert any(i.startswith("http://identifiers.org/hgnc/") for i in ids)  # a target


def test_unknown_paths_and_queries(base_url: str) -> None:
    assert get(f"{base_url}/nothing")[0] == 404
    assert get(f"{base_url}/queries/no-such-query")[0] == 404
    assert get(f"{base_url}/queries/..%2F..%2Fetc%2Fx.rq")[0] == 404
    assert get(f"{base_url}/static/..%2Fapp.py")[0] == 404
    status, _, body = get(f"{base_url}/queries/trials-by-drug")
    assert status == 400 and b"needs" in body
