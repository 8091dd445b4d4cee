import pyoxigraph as ox
import pytest

from kg.store import OxigraphStore, QueryError, open_store
from kg.store.base import with_values

G1, G2 = "http://example.org/g1", "http://example.org/g2"
P = ox.NamedNode("http://example.org/p")


def quad(s: str, o: str, g: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"http://example.org/{s}"), P, ox.Literal(o), ox.NamedNode(g))


def test_replace_graph_replaces_only_that_graph() -> None:
    store = OxigraphStore()
    store.replace_graph(G1, [quad("a", "1", G1)])
    store.replace_graph(G2, [quad("b", "2", G2)])
    store.replace_graph(G1, [quad("a", "one", G1), quad("c", "3", G1)])
    assert sorted(q.object.value for q in store.quads(G1)) == ["3", "one"]
    assert [q.object.value for q in store.quads(G2)] == ["2"]


def test_replace_graph_drops_stale_graphs_in_the_same_write() -> None:
    store = OxigraphStore()
    store.replace_graph(G1, [quad("a", "old", G1)])
    store.replace_graph(G2, [quad("a", "new", G2)], drop=[G1])
    assert store.graphs() == [G2]


def test_on_disk_store_survives_reopening(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(tmp_path / "s")
    store.replace_graph(G1, [quad("a", "1", G1)])
    store.close()
    again = open_store(tmp_path / "s", read_only=True)
    assert len(again) == 1


def test_values_binding_cannot_change_the_query() -> None:
    store = OxigraphStore()
    store.replace_graph(G1, [quad("a", 'x" } ; DROP ALL ; SELECT * { "', G1), quad("b", "y", G1)])
    tricky = ox.Literal('x" } ; DROP ALL ; SELECT * { "')
    rows = store.select("SELECT ?s WHERE { ?s ?p ?param_o }", {"param_o": tricky})
    assert [r[0].value for r in rows] == ["http://example.org/a"]
    assert len(store) == 2


def test_with_values_puts_the_block_at_the_top_of_where() -> None:
    text = with_values("SELECT ?s WHERE { ?s ?p ?o }", {"param_x": ox.NamedNode("http://e/x")})
    assert text == "SELECT ?s WHERE { VALUES ?param_x { <http://e/x> }  ?s ?p ?o }"


def test_with_values_binds_a_sub_select_only_where_it_names_the_parameter() -> None:
    """Braces in IRIs, strings and comments do not end a sub-SELECT's group early."""
    query = (
        "SELECT * WHERE { { SELECT ?s WHERE { ?s <http://e/p> ?param_x } }\n"
        '  { SELECT ?s WHERE { ?s <http://e/q> "}" # }\n ?s ?p ?o } }\n'
        "  { SELECT ?s WHERE { ?s <http://e/r> ?o } } ?s <http://e/t> ?param_x }"
    )
    text = with_values(query, {"param_x": ox.NamedNode("http://e/x")})
    assert text.count("VALUES ?param_x { <http://e/x> }") == 2
    assert text.startswith("SELECT * WHERE { VALUES ?param_x { <http://e/x> }  {")
    assert "{ SELECT ?s WHERE { VALUES ?param_x { <http://e/x> }  ?s <http://e/p>" in text
    store = OxigraphStore()
    store.replace_graph(G1, [ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
                                     ox.NamedNode("http://e/x"), ox.NamedNode(G1))])  # fmt: skip
    assert store.select("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?param_x } } }",
                        {"param_x": ox.NamedNode("http://e/x")}).rows == ((ox.NamedNode("http://e/a"),),)  # fmt: skip


def test_bad_sparql_is_one_line_query_error() -> None:
    with pytest.raises(QueryError, match=r"^SPARQL syntax error: ") as info:
        OxigraphStore().select("SELEC ?s WHERE { ?s ?p ?o }")
    assert "\n" not in str(info.value)


def nquads(*quads: ox.Quad) -> bytes:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def test_replace_graphs_loads_several_new_graphs_at_once() -> None:
    store = OxigraphStore()
    store.replace_graphs([(G1, nquads(quad("a", "1", G1))), (G2, nquads(quad("b", "2", G2)))])
    assert store.graphs() == [G1, G2]
    assert [q.object.value for q in store.quads(G2)] == ["2"]


def test_replace_graphs_replaces_stored_graphs_and_drops_stale_ones() -> None:
    store = OxigraphStore()
    store.replace_graph(G1, [quad("a", "old", G1)])
    store.replace_graph("http://example.org/stale", [quad("s", "x", "http://example.org/stale")])
    batch = [(G1, nquads(quad("a", "new", G1))), (G2, nquads(quad("b", "2", G2)))]
    store.replace_graphs(batch, drop=["http://example.org/stale"])
    assert store.graphs() == [G1, G2]
    assert [q.object.value for q in store.quads(G1)] == ["new"]


@pytest.mark.parametrize("replacing", [False, True])
def test_a_failing_batch_leaves_the_store_as_it_was(replacing: bool) -> None:
    store = OxigraphStore()
    store.replace_graph(G1, [quad("a", "old", G1)])
    first = "http://example.org/g0" if not replacing else G1
    batch = [(first, nquads(quad("a", "new", first))), (G2, b"<http://e/s> <not an iri .\n")]
    with pytest.raises(SyntaxError):
        store.replace_graphs(batch)
    assert store.graphs() == [G1]
    assert [q.object.value for q in store.quads(G1)] == ["old"]


def test_batches_on_disk_flush_and_survive_reopening(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("kg.store.oxigraph.FLUSH_BYTES", 1)  # flush after every batch
    store = open_store(tmp_path / "s")
    store.replace_graphs([(G1, nquads(quad("a", "1", G1)))])
    store.replace_graphs([(G2, nquads(quad("b", "2", G2)))])
    store.close()
    assert open_store(tmp_path / "s", read_only=True).graphs() == [G1, G2]


def test_with_values_binds_sub_selects_too() -> None:
    query = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?param_x } } ?s ?q ?o }"
    text = with_values(query, {"param_x": ox.NamedNode("http://e/x")})
    assert text == (
        "SELECT ?s WHERE { VALUES ?param_x { <http://e/x> }  { SELECT ?s WHERE { "
        "VALUES ?param_x { <http://e/x> }  ?s ?p ?param_x } } ?s ?q ?o }"
    )
    store = OxigraphStore()
    store.replace_graph(G1, [quad("a", "x", G1), quad("b", "y", G1)])
    rows = store.select(
        "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?param_o } } }", {"param_o": ox.Literal("y")}
    )
    assert [r[0].value for r in rows] == ["http://example.org/b"]
