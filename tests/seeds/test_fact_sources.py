"""The ``fact-sources`` named query over the seeds: every spanned fact of a trial and of the
nodes hanging from it, with the document, offsets and graph that stated it.

Expected offsets and values are read from the seed files (``seeds/*.txt``), not from the output.
"""

from __future__ import annotations

import hashlib

import pytest

from kg import queries
from kg.store import OxigraphStore
from kg.store.base import QueryError
from tests.seeds.facts import NCT, SEEDS, rows, select, text_of

TKG = "https://w3id.org/trialkg/vocab#"
ID = "https://w3id.org/trialkg/id/"
COLUMNS = ["node", "property", "value", "document", "json_path", "start", "end", "graph"]

FILE_001 = "001_2a19d0d006134290.txt"
TRIAL_001 = NCT + "NCT05001971"
FILE_000 = "000_9a5221bcea9ebcfb.txt"
TRIAL_000 = NCT + "NCT06048315"
FILE_002 = "002_71271f5b00fd4873.txt"
TRIAL_002 = ID + "trial/0d9e0fabcaa3f82b7cb5"  # no NCT id: minted from the title


def graph_of(file_name: str) -> str:
    sha = hashlib.sha256((SEEDS / file_name).read_bytes()).hexdigest()
    return f"https://w3id.org/trialkg/graph/doc/{sha}"


def sliced(row: dict[str, str | None], text: str) -> str:
    return text[int(str(row["start"])) : int(str(row["end"]))]


def test_the_trial_title_and_phase_of_seed_001_with_their_offsets(store: OxigraphStore) -> None:
    found = rows(store, "fact-sources", trial="NCT05001971")
    assert list(found[0]) == COLUMNS
    own = {r["property"]: r for r in found if r["node"] == TRIAL_001}
    title = (
        "Anlotinib Plus Penpulimab as Second-line Treatment for Patients With Small Cell Lung"
        " Cancer After Failure of Platinum-based Chemotherapy"
    )
    base = {"node": TRIAL_001, "document": FILE_001, "json_path": None, "graph": graph_of(FILE_001)}
    assert own["http://purl.org/dc/terms/title"] == {
        **base, "property": "http://purl.org/dc/terms/title", "value": title,
        "start": "0", "end": "136",
    }  # fmt: skip
    assert own[TKG + "phase"] == {
        **base, "property": TKG + "phase", "value": "PHASE2", "start": "491", "end": "497",
    }  # fmt: skip
    text = text_of(FILE_001)
    assert sliced(own["http://purl.org/dc/terms/title"], text) == title
    assert sliced(own[TKG + "phase"], text) == "PHASE2"


def test_seed_001_gives_one_row_per_span_and_the_spans_slice_their_values(
    store: OxigraphStore,
) -> None:
    found = rows(store, "fact-sources", trial="NCT05001971")
    spans = select(
        store,
        f"SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH <{graph_of(FILE_001)}> {{ ?s tkg:spanOf ?x }} }}",
    )
    assert len(found) == int(str(spans[0]["n"])) == 82
    assert {r["document"] for r in found} == {FILE_001}
    text = text_of(FILE_001)
    by_property = {
        str(r["property"]).rsplit("#", 1)[-1]: sliced(r, text)
        for r in found
        if r["node"] == TRIAL_001
    }
    assert by_property["nctId"] == "NCT05001971"
    assert by_property["orgStudyId"] == "ALTER-L041"
    assert by_property["startDate"] == "2021-01-30"
    assert by_property["enrollment"] == "65 participants"  # the value is 65, the span the phrase
    (dose,) = [
        r for r in found
        if r["property"] == TKG + "doseText" and str(r["value"]).startswith("Penpulimab")
    ]  # fmt: skip
    assert sliced(dose, text) == "Penpulimab: 200mg by intravenous drip on day 1 of a 21-day cycle"
    assert str(dose["node"]).startswith(ID + "component/")


def test_a_cited_result_value_span_of_seed_000(store: OxigraphStore) -> None:
    found = rows(store, "fact-sources", trial="NCT06048315")
    (hr,) = [r for r in found if r["property"] == TKG + "value" and r["value"] == "0.44"]
    assert str(hr["node"]).startswith(ID + "cited/")
    assert (hr["document"], hr["json_path"], hr["start"], hr["end"], hr["graph"]) == (
        FILE_000, None, "3178", "3182", graph_of(FILE_000),
    )  # fmt: skip
    assert sliced(hr, text_of(FILE_000)) == "0.44"
    measure = select(store, f"""SELECT ?m WHERE {{ <{hr["node"]}> tkg:measure ?m }}""")
    assert measure == [{"m": "HR"}]
    assert {r["node"] for r in found if r["property"] == TKG + "value"} == {
        r["r"] for r in select(store, f"SELECT ?r WHERE {{ <{TRIAL_000}> tkg:citesResult ?r }}")
    }


def test_several_values_of_one_property_pair_with_the_span_as_long_as_each(
    store: OxigraphStore,
) -> None:
    """Seed 002 lists three conditions: each span is paired with its own value only."""
    found = rows(store, "fact-sources", trial=TRIAL_002)
    conditions = {
        (r["value"], r["start"], r["end"])
        for r in found
        if r["property"] == TKG + "conditionAsWritten"
    }
    assert conditions == {
        ("NSCLC", "997", "1002"),
        ("Angiogenesis", "1003", "1015"),
        ("Immunotherapy", "1016", "1029"),
    }
    text = text_of(FILE_002)
    assert all(sliced(r, text) == r["value"] for r in found)


def test_a_mechanism_stated_twice_pairs_each_span_with_its_wording(store: OxigraphStore) -> None:
    """Seed 000 states anlotinib's VEGFR targets as a long name and as "VEGFr1-3"."""
    found = rows(store, "fact-sources", trial="NCT06048315")
    text = text_of(FILE_000)
    wordings = {
        (r["value"], sliced(r, text))
        for r in found
        if r["property"] == TKG + "statedAs" and r["start"] in ("1142", "1191")
    }
    assert wordings == {
        (
            "vascular endothelial growth factor receptor 1-3",
            "vascular endothelial growth factor receptor 1-3",
        ),
        ("VEGFr1-3", "VEGFr1-3"),
    }


def test_a_trial_no_document_states_gives_no_rows(store: OxigraphStore) -> None:
    assert rows(store, "fact-sources", trial="NCT00000000") == []


def test_the_trial_is_required(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="needs --param trial"):
        queries.run(store, "fact-sources", {})
