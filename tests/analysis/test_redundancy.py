"""The redundant-combinations view: what it holds, and how kg build keeps it in step."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import queries
from kg.analysis import redundancy
from kg.analysis.redundancy import (
    Upkeep,
    arms_of,
    inferred_digest,
    refresh_redundant,
    rows,
    view_digest,
)
from kg.namespaces import REDUNDANCY_GRAPH, doc_graph
from kg.pipeline import build
from kg.store import OxigraphStore, open_store

ROOT = Path(__file__).resolve().parents[2]
# NCI-MATCH: subprotocol J gives trastuzumab and pertuzumab, both on ERBB2 (HER2)
MATCH = ROOT.parent / "shared" / "ctgov" / "xml" / "NCT02465060.xml"
TKG = "https://w3id.org/trialkg/vocab#"
HGNC = "http://identifiers.org/hgnc/"


def _view(store: OxigraphStore) -> set[tuple[str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object)) for q in store.quads(REDUNDANCY_GRAPH)
    }


def test_one_node_per_arm_and_pair_with_every_shared_target(fixture_store: OxigraphStore) -> None:
    """The hand-made arm giving lenvatinib with anlotinib: one node, naming the nine targets
    the reference says both hit (each drug hits others the other does not)."""
    (node,) = {s for s, p, _ in _view(fixture_store) if p == f"<{TKG}redundantArm>"}
    facts = {(p[1:-1].rsplit("#")[1], o) for s, p, o in _view(fixture_store) if s == node}
    assert facts - {("redundantTarget", o) for _, o in facts} == {
        ("type", f"<{TKG}RedundantCombination>"),
        ("redundantArm", "<https://example.org/test/arm4x>"),
        ("redundantArmLabel", '"made-up redundant arm"'),
        ("redundantTrial", "<https://clinicaltrials.gov/study/NCT06931145>"),
        ("redundantNctId", '"NCT06931145"'),
        ("redundantFirstAgent", "<http://identifiers.org/chembl.compound/CHEMBL1289601>"),
        ("redundantSecondAgent", "<https://w3id.org/trialkg/id/drug/anlotinib>"),
    }
    # FGFR1-4, FLT1, FLT4, KDR, KIT, PDGFRA
    assert {o for p, o in facts if p == "redundantTarget"} == {
        f"<{HGNC}{n}>" for n in (3688, 3689, 3690, 3691, 3763, 3767, 6307, 6342, 8803)
    }
    assert view_digest(fixture_store) == inferred_digest(fixture_store) is not None


def test_rows_of_given_arms_only(fixture_store: OxigraphStore) -> None:
    assert {r.arm.value for r in rows(fixture_store)} == {"https://example.org/test/arm4x"}
    assert rows(fixture_store, ["https://example.org/test/arm4"]) == []
    assert rows(fixture_store, []) == []
    assert len(rows(fixture_store, ["https://example.org/test/arm4x"])) == 9


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[Sequence[str] | None]:
    """The ``arms`` of each refresh kg build asks for (None: the whole view)."""
    calls: list[Sequence[str] | None] = []
    real = redundancy.refresh_redundant

    def recording(store: OxigraphStore, arms: Sequence[str] | None = None) -> int:
        calls.append(arms)
        return real(store, arms)

    monkeypatch.setattr(redundancy, "refresh_redundant", recording)
    return calls


def _same_as_recomputed(store: OxigraphStore) -> None:
    """The view equals one computed whole from the graph as it is now."""
    kept = _view(store)
    refresh_redundant(store)
    assert _view(store) == kept


def test_a_build_refreshes_the_arms_of_the_documents_it_wrote(
    tmp_path: Path, spy: list[Sequence[str] | None]
) -> None:
    store = open_store(tmp_path / "store")
    build([ROOT / "seeds"], store)
    assert spy == [None]  # a new store: the whole view (no arm of the seeds gives a pair)
    assert view_digest(store) == inferred_digest(store) is not None
    spy.clear()
    before = set(store.graphs())
    assert build([MATCH], store).built == 1
    (graph,) = set(store.graphs()) - before
    (arms,) = spy  # the 30 arm groups of NCI-MATCH's graph, and only those
    assert arms is not None and len(arms) == 30 and list(arms) == arms_of(store, [graph])
    rows_ = queries.run(store, "redundant-combinations", {}).values()
    assert rows_ == [
        {
            "trial": "https://clinicaltrials.gov/study/NCT02465060",
            "nct": "NCT02465060",
            "arm": "Subprotocol J (HER2 amplification >= 7 copy numbers)",
            "drug_a": "trastuzumab",
            "drug_b": "pertuzumab",
            "targets": "ERBB2",
        }
    ]
    _same_as_recomputed(store)
    spy.clear()
    build([MATCH, ROOT / "seeds"], store)  # nothing new: the view is left as it is
    assert spy == []
    store.close()


def test_an_interrupted_build_leaves_the_view_to_be_recomputed_whole(
    tmp_path: Path, spy: list[Sequence[str] | None]
) -> None:
    store = open_store(tmp_path / "store")
    build([MATCH], store)
    Upkeep(store).writing([doc_graph("0" * 64)], [])  # a build that stopped after writing
    assert view_digest(store) is None
    spy.clear()
    build([MATCH], store)  # nothing to write, but the view is not known to be current
    assert spy == [None]
    assert view_digest(store) == inferred_digest(store) is not None
    assert len(queries.run(store, "redundant-combinations", {})) == 1
    store.close()


def test_a_replaced_document_refreshes_the_whole_view(
    tmp_path: Path, spy: list[Sequence[str] | None]
) -> None:
    """A file whose content changed: its old graph goes, so its old arms may lose a pair."""
    copy = tmp_path / "NCT02465060.xml"
    shutil.copy(MATCH, copy)
    store = open_store(tmp_path / "store")
    build([copy], store)
    assert len(queries.run(store, "redundant-combinations", {})) == 1
    label = (
        "<arm_group_label>Subprotocol J (HER2 amplification &gt;= 7 copy numbers)</arm_group_label>"
    )
    given = (
        "<intervention_name>Pertuzumab</intervention_name>\n    <description>Given IV</description>"
    )
    text = copy.read_text(encoding="utf-8")
    assert f"{given}\n    {label}" in text
    # subprotocol J no longer gives pertuzumab
    copy.write_text(text.replace(f"{given}\n    {label}", given), encoding="utf-8")
    spy.clear()
    assert build([copy], store).built == 1
    assert spy == [None]
    assert len(queries.run(store, "redundant-combinations", {})) == 0
    store.close()


def test_a_large_build_refreshes_the_whole_view(
    tmp_path: Path, spy: list[Sequence[str] | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "store")
    build([ROOT / "seeds"], store)
    monkeypatch.setattr(redundancy, "INCREMENTAL_GRAPHS", 0)
    spy.clear()
    build([MATCH], store)
    assert spy == [None]
    assert len(queries.run(store, "redundant-combinations", {})) == 1
    store.close()


def test_changed_drug_targets_refresh_the_whole_view(
    tmp_path: Path, spy: list[Sequence[str] | None]
) -> None:
    """The view was computed against other target edges: recomputed whole, then current."""
    store = open_store(tmp_path / "store")
    build([ROOT / "seeds"], store)
    graph = ox.NamedNode(REDUNDANCY_GRAPH)
    store.update(
        f"DELETE WHERE {{ GRAPH {graph} {{ {graph} <{TKG}reasonerInputSha256> ?d }} }} ; "
        f'INSERT DATA {{ GRAPH {graph} {{ {graph} <{TKG}reasonerInputSha256> "older" }} }}'
    )
    spy.clear()
    build([MATCH], store)
    assert spy == [None]
    assert view_digest(store) == inferred_digest(store) is not None
    store.close()
