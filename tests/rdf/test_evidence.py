"""kg/rdf/evidence.py: what a mechanism statement names is what the graph says, no more."""

from __future__ import annotations

import pytest

from kg.records import Document, Mention, Spanned, TrialRecord
from tests.ids import ANLOTINIB, ANLOTINIB_TARGETS, NCT_000, PDCD1, PENPULIMAB
from tests.rdf.conftest import SEEDS, rows, seed, store_of, store_of_record

FAMILY = "https://w3id.org/trialkg/id/family/"
PD1_AXIS = FAMILY + "pd-1-pd-l1-axis"
CD274 = "http://identifiers.org/hgnc/17635"


def _mechanisms(store: object, drug: str) -> set[tuple[str, ...]]:
    """(property, target or family, as stated) of every document mechanism of ``drug``."""
    return rows(
        store,  # type: ignore[arg-type]
        f"""SELECT ?p ?what ?stated WHERE {{
          ?m a tkg:Mechanism ; tkg:drug <{drug}> ; ?p ?what ; tkg:statedAs ?stated .
          FILTER(?p IN (tkg:target, tkg:targetFamily)) }}""",
    )


@pytest.fixture(scope="module")
def seed_000() -> object:
    return store_of(seed(NCT_000))


def test_a_family_statement_stays_at_family_level(seed_000: object) -> None:
    """'blocking PD-1 pathway' names the PD-1/PD-L1 family: penpulimab -> PD-L1 is not said."""
    assert _mechanisms(seed_000, PENPULIMAB) == {
        ("https://w3id.org/trialkg/vocab#target", PDCD1, "PD-1"),
        ("https://w3id.org/trialkg/vocab#targetFamily", PD1_AXIS, "PD-1 pathway"),
    }
    assert rows(seed_000, f"SELECT ?m WHERE {{ ?m tkg:target <{CD274}> }}") == set()


def test_ranges_that_name_their_members_give_exactly_the_ten_anlotinib_targets(
    seed_000: object,
) -> None:
    found = rows(
        seed_000,
        f"""SELECT DISTINCT ?symbol WHERE {{ ?m tkg:drug <{ANLOTINIB}> ; tkg:target ?t .
          BIND(REPLACE(STR(?t), "^.*/", "") AS ?symbol) }}""",
    )
    hgnc = {"3763": "FLT1", "6307": "KDR", "3767": "FLT4", "3688": "FGFR1", "3689": "FGFR2",
            "3690": "FGFR3", "3691": "FGFR4", "8803": "PDGFRA", "8804": "PDGFRB",
            "6342": "KIT"}  # fmt: skip
    assert {hgnc[s] for (s,) in found} == ANLOTINIB_TARGETS
    assert len(found) == 10
    assert (
        rows(seed_000, f"SELECT ?f WHERE {{ ?m tkg:drug <{ANLOTINIB}> ; tkg:targetFamily ?f }}")
        == set()
    )


def test_seed_002_names_three_families_and_one_target() -> None:
    """'Anlotinib inhibits VEGFR, PDGFR, FGFR and c-Kit': three families, one target."""
    (path,) = sorted(SEEDS.glob("002_*"))
    store = store_of(path)
    assert _mechanisms(store, ANLOTINIB) == {
        ("https://w3id.org/trialkg/vocab#targetFamily", FAMILY + "vegfr", "VEGFR"),
        ("https://w3id.org/trialkg/vocab#targetFamily", FAMILY + "pdgfr", "PDGFR"),
        ("https://w3id.org/trialkg/vocab#targetFamily", FAMILY + "fgfr", "FGFR"),
        ("https://w3id.org/trialkg/vocab#target", "http://identifiers.org/hgnc/6342", "c-Kit"),
    }


def test_each_document_mechanism_carries_the_key_of_what_it_states(seed_000: object) -> None:
    """tkg:statementKey repeats the mechanism's own kind, drug, target or family and action,
    so the classification can read the store's distinct statements from it alone."""
    found = rows(
        seed_000,
        """SELECT ?key ?p ?drug ?what ?action WHERE {
          ?m tkg:mechanismSource "document" ; tkg:statementKey ?key ; tkg:drug ?drug ;
             ?p ?what ; tkg:action ?action . FILTER(?p IN (tkg:target, tkg:targetFamily)) }""",
    )
    assert len(found) == 12  # penpulimab: PDCD1 and the PD-1 axis; anlotinib: ten targets
    for key, p, drug, what, action in found:
        assert key == f"{p.rsplit('#', 1)[1]} {drug} {what} {action}"
    assert (f"targetFamily {PENPULIMAB} {PD1_AXIS} inhibitor",) in rows(
        seed_000, "SELECT ?k WHERE { ?m tkg:statementKey ?k }"
    )


def test_a_mention_may_name_a_target_family() -> None:
    """'PD-1/PD-L1 pathway' in background text: a mention of the family, as the contract allows."""
    text = "Drugs acting on the PD-1/PD-L1 axis changed the treatment of NSCLC."
    doc = Document("background.txt", text, "0" * 64, "free_text")
    record = TrialRecord(
        title=Spanned("A trial"),
        mentions=(Mention(Spanned("PD-1/PD-L1 axis"), "background"),),
    )
    found = rows(
        store_of_record(doc, record),
        "SELECT ?of ?method ?context WHERE { ?m tkg:mentionOf ?of ; tkg:matchMethod ?method ;"
        " tkg:mentionContext ?context }",
    )
    assert found == {(PD1_AXIS, "exact", "background")}
