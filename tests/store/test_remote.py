"""The remote backend against real SPARQL servers on loopback: Oxigraph server and Virtuoso.

``scripts/ci-servers.sh`` installs them; each test module run starts its own servers on
free ports with throwaway databases. Without a server installed, its tests skip.
"""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import queries
from kg.analysis.classify import refresh_inferred
from kg.analysis.redundancy import refresh_redundant
from kg.normalize.lexicon import Lexicon
from kg.remote.nquads import write_shards
from kg.remote.push import push
from kg.server.engine import query_form
from kg.store.base import Rows
from kg.store.oxigraph import OxigraphStore
from kg.store.sparql import SparqlStore
from tests.server.sample import TRIAL, sample_params, sample_store

OXIGRAPH = shutil.which("oxigraph") or shutil.which(
    "oxigraph", path=str(Path(sys.executable).parent)
)
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
REFERENCE = "https://w3id.org/trialkg/graph/reference"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    """Until ``url`` answers (any HTTP status) or the process dies."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds:g} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlStore]:
    if OXIGRAPH is None:
        pytest.skip("needs the Oxigraph server (pip install oxigraph; bash scripts/ci-servers.sh)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_http(f"http://127.0.0.1:{port}/", process)
        yield SparqlStore(f"http://127.0.0.1:{port}/query")
    finally:
        stop(process)


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """The packaged virtuoso.ini with its database in ``folder`` and loopback ports."""
    out, section = [], ""
    for line in VIRTUOSO_INI.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=")[0].strip()
        if section in ("[Database]", "[TempDatabase]") and "=" in stripped and "/" in stripped:
            line = f"{key} = {folder / Path(stripped.split('=', 1)[1].strip()).name}"
        elif section == "[Parameters]" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif section == "[HTTPServer]" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif section == "[Parameters]" and key == "DirsAllowed":
            line = f"DirsAllowed = ., {folder}, /usr/share/virtuoso-opensource-7/vad"
        out.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(out) + "\n")
    return ini


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlStore]:
    if VIRTUOSO is None or ISQL is None or not VIRTUOSO_INI.exists():
        pytest.skip(
            "needs Virtuoso (apt-get install virtuoso-opensource; bash scripts/ci-servers.sh)"
        )
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = virtuoso_ini(folder, sql_port, http_port)
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_http(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", process, seconds=180)
        grants = ('GRANT SPARQL_UPDATE TO "SPARQL"; '
                  "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")  # fmt: skip
        subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grants}"],
                       check=True, capture_output=True, timeout=60)  # fmt: skip
        yield SparqlStore(f"http://127.0.0.1:{http_port}/sparql")
    finally:
        stop(process)


@pytest.fixture(scope="module")
def local() -> Iterator[OxigraphStore]:
    store = sample_store()
    refresh_inferred(store)  # as `kg build` does: the mechanism classes and the ontology graph,
    refresh_redundant(store)  # and the redundant-combinations view
    yield store
    store.close()


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request: pytest.FixtureRequest, local: OxigraphStore) -> SparqlStore:
    """A server holding the sample, put there by ``kg push``'s code."""
    store: SparqlStore = request.getfixturevalue(f"{request.param}_server")
    push(local, store)
    return store


def comparable(rows: Rows) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of plain values: servers may order ties differently, the parts
    of a GROUP_CONCAT (joined with "|" in the named queries) come in no set order, and
    Virtuoso writes the booleans true and false as 1 and 0."""

    def value(t: object) -> str:
        if t is None:
            return ""
        assert isinstance(t, ox.NamedNode | ox.Literal | ox.BlankNode)
        if isinstance(t, ox.Literal) and t.datatype.value.endswith("#boolean"):
            return {"true": "1", "false": "0"}.get(t.value, t.value)
        return "|".join(sorted(t.value.split("|")))

    return sorted(tuple(value(t) for t in row) for row in rows)


pytestmark = pytest.mark.server

_NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double", "float",
                                                              "int", "long", "short")}  # fmt: skip


def canonical(triples: Iterable[ox.Triple]) -> set[tuple[object, ...]]:
    """Triples with numbers compared by value: Virtuoso keeps ``12.0``^^xsd:decimal as
    ``12``^^xsd:integer (a known loss of that server, not of the push)."""

    def term(t: object) -> object:
        if isinstance(t, ox.Literal) and t.datatype.value in _NUMERIC:
            return ("number", Decimal(t.value))
        return t

    return {(t.subject, t.predicate, term(t.object)) for t in triples}


def test_push_puts_every_graph(remote: SparqlStore, local: OxigraphStore) -> None:
    assert set(local.graphs()) <= set(remote.graphs())
    for graph in local.graphs():
        assert canonical(remote.graph_triples(graph)) == canonical(
            q.triple for q in local.quads(graph)
        )


@pytest.mark.parametrize("name", sorted(queries.library()))
def test_every_named_query_same_as_local(
    remote: SparqlStore, local: OxigraphStore, name: str
) -> None:
    query = queries.library()[name]
    params = sample_params(query)
    if query_form(query.sparql) == "CONSTRUCT":
        bindings = queries.bind(query, params, Lexicon.load())
        triples = remote.construct(query.sparql, bindings)
        assert canonical(triples) == canonical(local.construct(query.sparql, bindings))
        return
    here = queries.run(local, name, params)
    there = queries.run(remote, name, params)
    assert there.columns == here.columns
    assert comparable(there) == comparable(here)


#: parameter values beyond the required ones, with a row each must find in the sample
EXTRA_PARAMS = [
    ("trials-by-target", {"target": "VEGFR"}, "anlotinib"),  # a family covers its members
    ("trials-by-target", {"target": "PD-1"}, "penpulimab"),
    ("mechanism-overlap", {"drug": "anlotinib"}, "PDGFRB"),
    ("drug-targets", {"drug": "AK105"}, "PDCD1"),
    ("combination-trials", {}, TRIAL),
    (
        "combination-trials",
        {"class_a": "tkg:VEGFRInhibitor", "class_b": "tkg:PD1AxisBlocker"},
        TRIAL,
    ),
    ("trial-mechanisms", {"trial": TRIAL}, "KDR"),
]


@pytest.mark.parametrize(("name", "params", "expected"), EXTRA_PARAMS)
def test_parameters_same_as_local(
    remote: SparqlStore, local: OxigraphStore, name: str, params: dict[str, str], expected: str
) -> None:
    here = queries.run(local, name, params)
    there = queries.run(remote, name, params)
    assert any(expected in t.value for row in here.rows for t in row if t is not None)
    assert comparable(there) == comparable(here)


def test_replace_and_drop_graph(remote: SparqlStore) -> None:
    graph = "https://w3id.org/trialkg/graph/test-scratch"
    triple = ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal('é "x"'))
    remote.replace_graph(
        graph, [ox.Quad(triple.subject, triple.predicate, triple.object, ox.NamedNode(graph))]
    )
    assert remote.graph_triples(graph) == [triple]
    assert remote.select('ASK { <http://e/s> <http://e/p> "é \\"x\\"" }').rows[0][0].value == "true"  # type: ignore[union-attr]
    remote.drop_graph(graph)
    assert graph not in remote.graphs()
    remote.drop_graph(graph)  # dropping what is gone is no error


def test_dump_one_graph(remote: SparqlStore, local: OxigraphStore) -> None:
    graph = next(g for g in local.graphs() if "/doc/" in g)
    out = io.BytesIO()
    remote.dump(out, ox.RdfFormat.N_TRIPLES, graph)
    got = [q.triple for q in ox.parse(out.getvalue(), format=ox.RdfFormat.N_TRIPLES)]
    assert canonical(got) == canonical(q.triple for q in local.quads(graph))
    assert any(TRIAL in str(t) for t in got)


def test_nquads_shards_round_trip(local: OxigraphStore, tmp_path: Path) -> None:
    shards = write_shards(local, tmp_path, shard_size=1000)
    assert len(shards) == -(-len(local) // 1000)
    back = ox.Store()
    for shard in shards:
        back.load(path=str(shard), format=ox.RdfFormat.N_QUADS)
    assert set(back) == set(local.quads())


def test_kg_push_command(oxigraph_server: SparqlStore, tmp_path: Path) -> None:
    from kg.cli import main

    sample_store(tmp_path / "store").close()
    endpoint = oxigraph_server.endpoint
    assert main(["push", "--endpoint", endpoint, "--store", str(tmp_path / "store")]) == 0
    rows = queries.run(oxigraph_server, "trials", {})
    assert TRIAL in {r["nct"] for r in rows.values()}


def test_kg_push_authenticated_virtuoso(
    virtuoso_server: SparqlStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With a user, ``kg push`` writes through Virtuoso's digest-authenticated graph store."""
    from kg.cli import main

    sample_store(tmp_path / "store").close()
    argv = ["push", "--endpoint", virtuoso_server.endpoint, "--store", str(tmp_path / "store")]
    auth = virtuoso_server.endpoint + "-graph-crud-auth"
    assert main([*argv, "--user", "dba", "--password", "wrong"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg push: PUT {auth}?graph=") and "HTTP 401" in err
    assert len(err.strip().splitlines()) == 1
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "dba")
    virtuoso_server.drop_graph(REFERENCE)
    assert main([*argv, "--user", "dba"]) == 0
    assert capsys.readouterr().err == f"pushed 2 graph(s) to {auth}\n"
    assert REFERENCE in virtuoso_server.graphs()
    monkeypatch.delenv("KG_SPARQL_PASSWORD")
    monkeypatch.setenv("KG_SPARQL_USER", "dba")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "wrong")
    assert main(argv) == 2
    assert "HTTP 401" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["trials"], ["trials-by-drug", "--param", "drug=AK105"],
     ["trials-by-target", "--param", "target=VEGFR"], ["drug-targets", "--param", "drug=anlotinib"]],
)  # fmt: skip
def test_kg_query_endpoint_command_same_as_local(
    remote: SparqlStore, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """``kg query --endpoint URL`` prints what ``kg query`` prints on the embedded store."""
    from kg.cli import main

    sample_store(tmp_path / "store").close()
    assert main(["query", *argv, "--format", "tsv", "--store", str(tmp_path / "store")]) == 0
    here = capsys.readouterr().out
    assert main(["query", *argv, "--format", "tsv", "--endpoint", remote.endpoint]) == 0
    there = capsys.readouterr().out
    assert len(here.splitlines()) > 1
    assert sorted(there.splitlines()) == sorted(here.splitlines())
