"""The synthetic API v2 generator: deterministic, registry-shaped, extractable."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.generate import JSONL_NAME, ZIP_NAME, pretty, studies, write
from benchmarks.synth_study import MAX_BYTES, MIN_BYTES, nct_id, study
from kg.ingest.reader import from_bytes
from kg.normalize.lexicon import Lexicon
from kg.pipeline import extract
from kg.rdf import document_quads
from kg.records import Document, TrialRecord

CHEMBL = "http://identifiers.org/chembl.compound/"


@pytest.fixture(scope="module")
def record0() -> tuple[Document, TrialRecord]:
    docs = list(from_bytes("/synthetic/NCT90000000.json", pretty(study(1, 0))))
    assert isinstance(docs[0], Document)
    return docs[0], extract(docs[0], Lexicon.load())


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    for fmt in ("dir", "jsonl", "zip"):
        a = write(5, 1, tmp_path / f"a-{fmt}", fmt)
        b = write(5, 1, tmp_path / f"b-{fmt}", fmt)
        c = write(5, 2, tmp_path / f"c-{fmt}", fmt)
        if fmt == "dir":
            files = sorted(p.name for p in a.iterdir())
            assert files == [f"NCT9000000{i}.json" for i in range(5)]
            assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
            assert (a / files[0]).read_bytes() != (c / files[0]).read_bytes()
        else:
            assert a.read_bytes() == b.read_bytes() != c.read_bytes()


def test_forms_hold_the_same_records(tmp_path: Path) -> None:
    lines = write(3, 1, tmp_path / "j", "jsonl").read_text().splitlines()
    assert tmp_path.joinpath("j", JSONL_NAME).exists()
    with zipfile.ZipFile(write(3, 1, tmp_path / "z", "zip")) as archive:
        assert archive.namelist() == ["NCT90000000.json", "NCT90000001.json", "NCT90000002.json"]
        member = json.loads(archive.read("NCT90000001.json"))
    assert tmp_path.joinpath("z", ZIP_NAME).exists()
    assert [json.loads(line) for line in lines] == list(studies(3, 1))
    assert member == study(1, 1)


def test_sizes_like_real_records_and_unique_ids() -> None:
    records = list(studies(60, 1))
    sizes = [len(pretty(r)) for r in records]
    assert all(MIN_BYTES <= s <= MAX_BYTES for s in sizes), sizes
    ids = [r["protocolSection"]["identificationModule"]["nctId"] for r in records]
    assert ids == [nct_id(i) for i in range(60)] and len(set(ids)) == 60
    assert len(pretty(study(1, 0))) == 23242


def test_v2_modules_present() -> None:
    record = study(1, 2)  # a completed study with posted results
    assert set(record) == {"protocolSection", "resultsSection", "derivedSection", "hasResults"}
    assert set(record["protocolSection"]) == {
        "identificationModule", "statusModule", "sponsorCollaboratorsModule", "oversightModule",
        "descriptionModule", "conditionsModule", "designModule", "armsInterventionsModule",
        "outcomesModule", "eligibilityModule", "contactsLocationsModule", "referencesModule",
    }  # fmt: skip
    assert record["protocolSection"]["statusModule"]["startDateStruct"]["date"] == "2020-08"
    assert record["hasResults"] is True


def test_record0_is_ctgov_v2_with_exact_facts(record0: tuple[Document, TrialRecord]) -> None:
    doc, r = record0
    assert doc.layout == "ctgov-v2"
    assert r.nct_id is not None and r.nct_id.value == "NCT90000000"
    assert r.status is not None and r.status.value == "NOT_YET_RECRUITING"
    assert [p.value for p in r.phases] == ["PHASE2"]
    assert r.start_date is not None and r.start_date.value == "2016-08-28"
    assert [(a.label.value, a.intervention_names) for a in r.arms] == [
        (
            "Experimental: Pertuzumab + dostarlimab-gxly + bevacizumab",
            ("Pertuzumab", "dostarlimab-gxly", "bevacizumab"),
        )
    ]
    assert [(i.name.value, [o.value for o in i.other_names]) for i in r.interventions] == [
        ("Pertuzumab", ["pertuzumab", "2C4", "RO4368451", "Omnitarg"]),
        ("dostarlimab-gxly", ["dostarlimab", "TSR-042", "TSR042", "Jemperli"]),
        ("bevacizumab", ["RG435", "rhuMAb-VEGF", "Alymsys"]),
    ]
    dose = r.interventions[0].components[0]
    assert (dose.dose, dose.unit, dose.route) == (Decimal("1200"), "mg", "intravenous")
    assert [m.mesh_id for m in r.mesh_terms] == ["D055752", "D008175", "D009369"]


def test_record0_mechanisms_and_cited_results(record0: tuple[Document, TrialRecord]) -> None:
    _, r = record0
    mechanisms = [(m.drug.value, [t.value for t in m.targets], m.action) for m in r.mechanisms]
    assert ("Pertuzumab", ["ERBB2"], "inhibitor") in mechanisms
    assert ("Sugemalimab", ["PD-L1", "CD274"], "inhibitor") in mechanisms
    orr = next(c for c in r.cited_results if c.study and c.study.value == "TSR-042-102")
    assert (orr.measure, orr.value, orr.ci_low, orr.ci_high, orr.unit) == (
        "ORR", Decimal("41.6"), Decimal("32.4"), Decimal("52.4"), "%",
    )  # fmt: skip
    pfs = next(c for c in r.cited_results if c.measure == "PFS" and c.study is not None)
    assert (pfs.study.value, pfs.value, pfs.comparator_value) == (  # type: ignore[union-attr]
        "TSR-042-102", Decimal("4.5"), Decimal("2.3"),
    )  # fmt: skip


def test_record0_interventions_resolve_to_reference_drugs(
    record0: tuple[Document, TrialRecord],
) -> None:
    doc, r = record0
    quads = document_quads(doc, r, Lexicon.load())
    drugs = {
        q.object.value
        for q in quads
        if q.predicate.value == "https://w3id.org/trialkg/vocab#drug"
        and q.object.value.startswith(CHEMBL)
    }
    assert {CHEMBL + c for c in ("CHEMBL2007641", "CHEMBL4298124", "CHEMBL1201583")} <= drugs


def test_names_as_trials_write_them_all_resolve() -> None:
    """Seed 1's first 100 records name their interventions by INN, code, brand, synonym,
    salt and misspelling; every one resolves through the lexicon."""
    lexicon = Lexicon.load()
    methods: dict[str | None, int] = {}
    for record in studies(100, 1):
        for item in record["protocolSection"]["armsInterventionsModule"]["interventions"]:
            concept = lexicon.resolve(item["name"])
            method = concept.method if concept else None
            methods[method] = methods.get(method, 0) + 1
    assert methods == {"exact": 191, "code": 24, "brand": 16, "fuzzy": 7, "synonym": 4, "salt": 2}


def test_every_form_reads_as_ctgov_v2_documents(tmp_path: Path) -> None:
    from kg.ingest import iter_documents

    for fmt in ("dir", "jsonl", "zip"):
        docs = list(iter_documents([write(3, 1, tmp_path / fmt, fmt)]))
        assert [d.layout for d in docs if isinstance(d, Document)] == ["ctgov-v2"] * 3, fmt
