"""What the seeds' drugs, targets and conditions carry once built: codes, HGNC and UniProt ids,
MeSH ids and the condition hierarchy (issue 2, "Mechanisms" and "Drugs")."""

from __future__ import annotations

import pytest

from kg.store import OxigraphStore
from tests.ids import ANLOTINIB_TARGETS
from tests.seeds.facts import select


@pytest.mark.parametrize(
    ("symbol", "hgnc", "uniprot"),
    [
        ("KDR", "HGNC:6307", "P35968"),
        ("FLT1", "HGNC:3763", "P17948"),
        ("KIT", "HGNC:6342", "P10721"),
        ("PDCD1", "HGNC:8760", "Q15116"),
        ("CD274", "HGNC:17635", "Q9NZQ7"),
    ],
)
def test_targets_carry_hgnc_and_uniprot(
    store: OxigraphStore, symbol: str, hgnc: str, uniprot: str
) -> None:
    found = select(
        store,
        f"""SELECT ?t ?hgnc ?uniprot WHERE {{ ?t a tkg:Target ; tkg:hgncSymbol "{symbol}" ;
          tkg:hgncId ?hgnc ; tkg:uniprot ?uniprot }}""",
    )
    assert found == [
        {
            "t": f"http://identifiers.org/hgnc/{hgnc.split(':')[1]}",
            "hgnc": hgnc,
            "uniprot": uniprot,
        }
    ]


def test_every_anlotinib_target_has_ids(store: OxigraphStore) -> None:
    found = select(
        store,
        """SELECT ?symbol WHERE { ?t a tkg:Target ; tkg:hgncSymbol ?symbol ; tkg:hgncId ?h ;
          tkg:uniprot ?u }""",
    )
    assert ANLOTINIB_TARGETS <= {r["symbol"] for r in found}


@pytest.mark.parametrize(
    ("drug", "codes"),
    [
        ("penpulimab", {"AK105", "AK-105"}),
        ("anlotinib", {"AL3818", "AL-3818"}),
        ("benmelstobart", {"TQB2450", "TQB-2450"}),
        ("sintilimab", {"IBI308", "IBI-308", "IBI 308"}),
    ],
)
def test_drug_code_names(store: OxigraphStore, drug: str, codes: set[str]) -> None:
    found = select(
        store, f'SELECT ?code WHERE {{ ?d a tkg:Drug ; rdfs:label "{drug}" ; tkg:codeName ?code }}'
    )
    assert {r["code"] for r in found} == codes


def test_sintilimab_carries_its_chembl_id(store: OxigraphStore) -> None:
    found = select(
        store, 'SELECT ?d ?id WHERE { ?d a tkg:Drug ; rdfs:label "sintilimab" ; tkg:chemblId ?id }'
    )
    assert found == [
        {"d": "http://identifiers.org/chembl.compound/CHEMBL4297829", "id": "CHEMBL4297829"}
    ]


def test_es_sclc_under_sclc_under_lung_cancer(store: OxigraphStore) -> None:
    found = select(
        store,
        """SELECT ?label ?mesh WHERE {
          ?es rdfs:label "extensive-stage small cell lung cancer" ; skos:broader+ ?c .
          ?c rdfs:label ?label ; tkg:meshId ?mesh }""",
    )
    assert {(r["label"], r["mesh"]) for r in found} >= {
        ("small cell lung cancer", "D055752"),
        ("lung cancer", "D008175"),
    }
    sclc_parents = select(
        store,
        """SELECT ?label WHERE { <http://id.nlm.nih.gov/mesh/D055752> skos:broader+ ?c .
          ?c rdfs:label ?label }""",
    )
    assert "lung cancer" in {r["label"] for r in sclc_parents}
