"""Checks on the curated reference graph in ontology/reference/*.ttl.

These pin the facts other components rely on (seed drugs, targets, conditions) and the
structural rules of the reference data (labels, ids, hierarchy, unambiguous names).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

REF_DIR = Path(__file__).resolve().parents[1] / "ontology" / "reference"
TTL_FILES = sorted(REF_DIR.glob("*.ttl"))

TKG = Namespace("https://w3id.org/trialkg/vocab#")
ID = Namespace("https://w3id.org/trialkg/id/")
HGNC = "http://identifiers.org/hgnc/"
MESH = "http://id.nlm.nih.gov/mesh/"
CHEMBL = "http://identifiers.org/chembl.compound/"

EXPECTED_FILES = {
    "drugs.ttl",
    "drug-classes.ttl",
    "targets.ttl",
    "families-pathways.ttl",
    "mechanisms.ttl",
    "conditions.ttl",
}


def fold(text: str) -> str:
    """Case- and accent-folded form used for name resolution."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    for path in TTL_FILES:
        g.parse(path, format="turtle")
    return g


def drug_by_label(g: Graph, label: str) -> URIRef:
    hits = [s for s in g.subjects(RDFS.label, Literal(label)) if (s, RDF.type, TKG.Drug) in g]
    assert len(hits) == 1, f"expected exactly one drug labelled {label!r}, got {hits}"
    return hits[0]


def targets_of(g: Graph, drug: URIRef) -> dict[str, URIRef]:
    out = {}
    for mech in g.subjects(TKG.drug, drug):
        if (mech, RDF.type, TKG.Mechanism) not in g:
            continue
        for target in g.objects(mech, TKG.target):
            out[str(g.value(target, RDFS.label))] = target
    return out


# ---------------------------------------------------------------- files


def test_expected_files_exist():
    names = {p.name for p in TTL_FILES}
    assert EXPECTED_FILES <= names, EXPECTED_FILES - names
    assert (REF_DIR / "SOURCES.md").is_file()


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_every_file_parses(path: Path):
    g = Graph()
    g.parse(path, format="turtle")
    assert len(g) > 0


# ---------------------------------------------------------------- seed facts

ANLOTINIB_TARGETS = {
    "FLT1": "HGNC:3763",
    "KDR": "HGNC:6307",
    "FLT4": "HGNC:3767",
    "FGFR1": "HGNC:3688",
    "FGFR2": "HGNC:3689",
    "FGFR3": "HGNC:3690",
    "FGFR4": "HGNC:3691",
    "PDGFRA": "HGNC:8803",
    "PDGFRB": "HGNC:8804",
    "KIT": "HGNC:6342",
}


def test_anlotinib_has_its_ten_targets(graph: Graph):
    anlotinib = drug_by_label(graph, "anlotinib")
    targets = targets_of(graph, anlotinib)
    assert set(targets) == set(ANLOTINIB_TARGETS)
    for symbol, hgnc_id in ANLOTINIB_TARGETS.items():
        node = targets[symbol]
        assert str(node) == HGNC + hgnc_id.split(":")[1]
        assert str(graph.value(node, TKG.hgncId)) == hgnc_id
        assert str(graph.value(node, TKG.hgncSymbol)) == symbol
    assert "AL3818" in {str(o) for o in graph.objects(anlotinib, TKG.codeName)}
    assert "anlotinib hydrochloride" in {str(o) for o in graph.objects(anlotinib, TKG.saltName)}


def test_penpulimab_codes_and_misspellings(graph: Graph):
    penpulimab = drug_by_label(graph, "penpulimab")
    assert "AK105" in {str(o) for o in graph.objects(penpulimab, TKG.codeName)}
    alts = {fold(o) for o in graph.objects(penpulimab, SKOS.altLabel)}
    assert {"peamplimab", "pianpulimab"} <= alts
    assert fold("péamplimab") in alts  # accent folding gives this for free
    assert set(targets_of(graph, penpulimab)) == {"PDCD1"}


def test_benmelstobart_code_and_target(graph: Graph):
    benmelstobart = drug_by_label(graph, "benmelstobart")
    assert "TQB2450" in {str(o) for o in graph.objects(benmelstobart, TKG.codeName)}
    targets = targets_of(graph, benmelstobart)
    assert set(targets) == {"CD274"}
    assert str(targets["CD274"]) == HGNC + "17635"


def test_sintilimab_code_and_target(graph: Graph):
    sintilimab = drug_by_label(graph, "sintilimab")
    assert "IBI308" in {str(o) for o in graph.objects(sintilimab, TKG.codeName)}
    assert set(targets_of(graph, sintilimab)) == {"PDCD1"}


@pytest.mark.parametrize(
    ("drug", "targets", "action"),
    [
        ("etoposide", {"TOP2A", "TOP2B"}, "inhibitor"),
        ("carboplatin", {"DNA"}, "cross-linking agent"),
        ("cisplatin", {"DNA"}, "cross-linking agent"),
        ("paclitaxel", {"tubulin beta"}, "stabiliser"),
        ("docetaxel", {"tubulin beta"}, "stabiliser"),
    ],
)
def test_chemotherapy_mechanisms(graph: Graph, drug: str, targets: set[str], action: str):
    node = drug_by_label(graph, drug)
    assert set(targets_of(graph, node)) == targets
    for mech in graph.subjects(TKG.drug, node):
        assert str(graph.value(mech, TKG.action)) == action


def test_seed_drugs_present(graph: Graph):
    for label in (
        "anlotinib",
        "penpulimab",
        "sintilimab",
        "benmelstobart",
        "carboplatin",
        "cisplatin",
        "etoposide",
        "paclitaxel",
        "pemetrexed",
        "docetaxel",
    ):
        drug_by_label(graph, label)


def test_nab_paclitaxel_resolves_to_paclitaxel(graph: Graph):
    paclitaxel = drug_by_label(graph, "paclitaxel")
    assert "nab-paclitaxel" in {fold(o) for o in graph.objects(paclitaxel, SKOS.altLabel)}


def test_immune_checkpoint_inhibitor_class(graph: Graph):
    ici = ID["drugclass/immune-checkpoint-inhibitor"]
    assert (ici, RDF.type, TKG.DrugClass) in graph
    alts = {fold(o) for o in graph.objects(ici, SKOS.altLabel)}
    assert {"immune checkpoint inhibitors", "ici", "icis"} <= alts


@pytest.mark.parametrize(
    ("mesh_id", "label"),
    [
        ("D055752", "small cell lung cancer"),
        ("D002289", "non-small cell lung cancer"),
        ("D008175", "lung cancer"),
        ("D006528", "hepatocellular carcinoma"),
        ("D009369", "neoplasms"),
    ],
)
def test_seed_conditions(graph: Graph, mesh_id: str, label: str):
    node = URIRef(MESH + mesh_id)
    assert (node, RDF.type, TKG.Condition) in graph
    assert str(graph.value(node, RDFS.label)) == label


def test_es_sclc_hierarchy(graph: Graph):
    es = ID["condition/extensive-stage-small-cell-lung-cancer"]
    assert "es-sclc" in {fold(o) for o in graph.objects(es, SKOS.altLabel)}
    ancestors = set(graph.transitive_objects(es, SKOS.broader))
    for mesh_id in ("D055752", "D008175", "D009369"):
        assert URIRef(MESH + mesh_id) in ancestors


# ---------------------------------------------------------------- structural rules


def test_every_drug_has_lowercase_label_and_source(graph: Graph):
    drugs = set(graph.subjects(RDF.type, TKG.Drug))
    assert drugs
    for drug in drugs:
        labels = list(graph.objects(drug, RDFS.label))
        assert len(labels) == 1, drug
        label = str(labels[0])
        assert label == label.lower(), f"{drug}: label {label!r} is not lowercase"
        assert str(graph.value(drug, SKOS.prefLabel)) == label, drug
        assert list(graph.objects(drug, DCTERMS.source)), f"{drug} has no dcterms:source"
        assert str(graph.value(drug, TKG.drugType)) in {
            "small molecule",
            "antibody",
            "protein",
            "antibody-drug conjugate",
            "other",
        }, drug


def test_drug_iri_matches_chembl_id(graph: Graph):
    for drug in graph.subjects(RDF.type, TKG.Drug):
        chembl_id = graph.value(drug, TKG.chemblId)
        if str(drug).startswith(CHEMBL):
            assert chembl_id is not None, drug
            assert str(drug) == CHEMBL + str(chembl_id)
        else:
            assert str(drug).startswith(str(ID) + "drug/"), drug
            assert chembl_id is None, f"{drug} has a ChEMBL id but a minted IRI"


def test_every_hgnc_target_has_ids(graph: Graph):
    for target in graph.subjects(RDF.type, TKG.Target):
        if not str(target).startswith(HGNC):
            continue
        number = str(target)[len(HGNC) :]
        symbol = graph.value(target, TKG.hgncSymbol)
        assert symbol is not None, target
        assert str(graph.value(target, RDFS.label)) == str(symbol)
        assert str(graph.value(target, TKG.hgncId)) == f"HGNC:{number}"
        uniprot = graph.value(target, TKG.uniprot)
        assert uniprot is not None and re.fullmatch(
            r"[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9]([A-Z][A-Z0-9]{2}[0-9]){1,2}", str(uniprot)
        ), f"{target}: bad UniProt accession {uniprot!r}"
        assert graph.value(target, TKG.inFamily) is not None, target


def test_every_target_has_type(graph: Graph):
    for target in graph.subjects(RDF.type, TKG.Target):
        assert str(graph.value(target, TKG.targetType)) in {"protein", "DNA", "protein complex"}, (
            target
        )


def test_mesh_conditions_carry_matching_mesh_id(graph: Graph):
    for cond in graph.subjects(RDF.type, TKG.Condition):
        assert graph.value(cond, RDFS.label) is not None, cond
        if str(cond).startswith(MESH):
            mesh_id = str(cond)[len(MESH) :]
            assert re.fullmatch(r"D\d{6}(\d{3})?", mesh_id), cond
            assert str(graph.value(cond, TKG.meshId)) == mesh_id
            assert graph.value(cond, SKOS.prefLabel) is not None, cond
        else:
            assert str(cond).startswith(str(ID) + "condition/"), cond
            assert graph.value(cond, TKG.meshId) is None, cond


def test_every_condition_except_root_has_broader(graph: Graph):
    root = URIRef(MESH + "D009369")
    for cond in graph.subjects(RDF.type, TKG.Condition):
        if cond == root:
            continue
        parents = list(graph.objects(cond, SKOS.broader))
        assert parents, f"{cond} has no skos:broader"
        for parent in parents:
            assert (parent, RDF.type, TKG.Condition) in graph, (
                f"{cond} -> {parent} is not a condition"
            )


def test_skos_broader_has_no_cycles(graph: Graph):
    edges = defaultdict(set)
    for child, parent in graph.subject_objects(SKOS.broader):
        edges[child].add(parent)
    state: dict = {}

    def visit(node, path):
        state[node] = "open"
        for parent in edges.get(node, ()):
            if state.get(parent) == "open":
                raise AssertionError(f"skos:broader cycle through {path + [parent]}")
            if parent not in state:
                visit(parent, path + [parent])
        state[node] = "done"

    for node in list(edges):
        if node not in state:
            visit(node, [node])


def test_drug_names_are_unambiguous(graph: Graph):
    owners = defaultdict(set)
    for drug in graph.subjects(RDF.type, TKG.Drug):
        for prop in (
            RDFS.label,
            SKOS.prefLabel,
            SKOS.altLabel,
            TKG.codeName,
            TKG.brandName,
            TKG.saltName,
        ):
            for name in graph.objects(drug, prop):
                owners[fold(name)].add(drug)
    clashes = {name: sorted(map(str, ds)) for name, ds in owners.items() if len(ds) > 1}
    assert not clashes, f"names shared by several drugs: {clashes}"


def test_drug_names_do_not_collide_with_class_names(graph: Graph):
    drug_names = set()
    for drug in graph.subjects(RDF.type, TKG.Drug):
        for prop in (RDFS.label, SKOS.altLabel, TKG.codeName, TKG.brandName):
            drug_names |= {fold(o) for o in graph.objects(drug, prop)}
    for cls in graph.subjects(RDF.type, TKG.DrugClass):
        for prop in (RDFS.label, SKOS.altLabel):
            for name in graph.objects(cls, prop):
                assert fold(name) not in drug_names, f"class name {name!r} is also a drug name"


def test_mechanisms_point_at_existing_nodes(graph: Graph):
    mechanisms = set(graph.subjects(RDF.type, TKG.Mechanism))
    assert mechanisms
    for mech in mechanisms:
        drug = graph.value(mech, TKG.drug)
        target = graph.value(mech, TKG.target)
        assert drug is not None and (drug, RDF.type, TKG.Drug) in graph, (
            f"{mech}: missing drug {drug}"
        )
        assert target is not None and (target, RDF.type, TKG.Target) in graph, (
            f"{mech}: missing target {target}"
        )
        assert graph.value(mech, TKG.action) is not None, mech
        assert str(graph.value(mech, TKG.action)) == str(graph.value(mech, TKG.action)).lower(), (
            mech
        )
        assert str(graph.value(mech, TKG.mechanismSource)) == "reference", mech
        assert list(graph.objects(mech, DCTERMS.source)), mech
        assert str(mech).startswith(str(ID) + "mechanism/ref/"), mech


def test_linked_nodes_exist(graph: Graph):
    checks = [
        (TKG.memberOf, TKG.DrugClass),
        (TKG.classTargetsFamily, TKG.TargetFamily),
        (TKG.inFamily, TKG.TargetFamily),
        (TKG.inPathway, TKG.Pathway),
    ]
    for prop, cls in checks:
        for subject, obj in graph.subject_objects(prop):
            assert (obj, RDF.type, cls) in graph, f"{subject} {prop} {obj}: object is not a {cls}"


def test_every_typed_node_has_a_label(graph: Graph):
    for cls in (TKG.Drug, TKG.DrugClass, TKG.Target, TKG.TargetFamily, TKG.Pathway, TKG.Condition):
        for node in graph.subjects(RDF.type, cls):
            assert graph.value(node, RDFS.label) is not None, f"{node} ({cls}) has no rdfs:label"


def test_target_family_pathway_chain(graph: Graph):
    """anlotinib -> KDR -> VEGFR family -> angiogenesis (GO:0001525); PD-1 -> immune checkpoint."""
    kdr = URIRef(HGNC + "6307")
    vegfr = graph.value(kdr, TKG.inFamily)
    assert str(graph.value(vegfr, RDFS.label)) == "VEGFR"
    pathways = set(graph.objects(vegfr, TKG.inPathway))
    assert URIRef("http://purl.obolibrary.org/obo/GO_0001525") in pathways
    pd1_family = graph.value(URIRef(HGNC + "8760"), TKG.inFamily)
    assert ID["pathway/immune-checkpoint"] in set(graph.objects(pd1_family, TKG.inPathway))


def test_checkpoint_classes_roll_up(graph: Graph):
    ici = ID["drugclass/immune-checkpoint-inhibitor"]
    for cls in ("pd-1-inhibitor", "pd-l1-inhibitor", "ctla-4-inhibitor"):
        assert ici in set(graph.transitive_objects(ID[f"drugclass/{cls}"], SKOS.broader)), cls
    for label in (
        "penpulimab",
        "sintilimab",
        "benmelstobart",
        "nivolumab",
        "atezolizumab",
        "ipilimumab",
    ):
        classes = set(graph.objects(drug_by_label(graph, label), TKG.memberOf))
        reach = set().union(*(set(graph.transitive_objects(c, SKOS.broader)) for c in classes))
        assert ici in reach, label


def test_minted_drug_iris_follow_label_slug(graph: Graph):
    for drug in graph.subjects(RDF.type, TKG.Drug):
        if str(drug).startswith(str(ID) + "drug/"):
            label = str(graph.value(drug, RDFS.label))
            expected = re.sub(r"[^a-z0-9]+", "-", fold(label)).strip("-")
            assert str(drug) == str(ID) + "drug/" + expected, drug
