"""Each seed's named graph equals its golden graph (see ``tests/seeds/golden.py`` for how to
regenerate them deliberately: ``.venv/bin/python -m tests.seeds.golden --update``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.store import OxigraphStore
from tests.seeds import golden


@pytest.fixture(scope="module")
def graphs(store: OxigraphStore) -> dict[str, Graph]:
    return golden.document_graphs(store)


def test_every_seed_has_a_golden_graph_and_no_other() -> None:
    have = {p.stem for p in golden.GOLDEN_DIR.glob("*.nt")}
    assert have == {p.stem for p in golden.seed_files()}


@pytest.mark.parametrize("seed", golden.seed_files(), ids=lambda p: p.stem)
def test_graph_matches_golden(graphs: dict[str, Graph], seed: Path) -> None:
    expected = golden.load(golden.golden_path(seed))
    actual = graphs[seed.stem]
    if not golden.same(expected, actual):
        pytest.fail(
            f"{seed.name}: graph differs from {golden.golden_path(seed).name}"
            f" (regenerate on purpose with `.venv/bin/python -m tests.seeds.golden --update`)\n"
            + golden.difference(expected, actual),
            pytrace=False,
        )


def test_volatile_values_are_normalized(graphs: dict[str, Graph]) -> None:
    text = golden.serialize(graphs["001_2a19d0d006134290"])
    assert '"seeds/001_2a19d0d006134290.txt"' in text
    assert '#endedAtTime> "2000-01-01T00:00:00' in text
    assert str(golden.ROOT) not in text


def test_the_difference_names_both_sides() -> None:
    expected, actual = Graph(), Graph()
    expected.parse(data='<urn:a> <urn:p> "old" .', format="nt")
    actual.parse(data='<urn:a> <urn:p> "new" .', format="nt")
    assert golden.difference(expected, actual) == (
        "1 triples only in expected (-), 1 only in actual (+)\n"
        '- <urn:a> <urn:p> "old" .\n'
        '+ <urn:a> <urn:p> "new" .'
    )
