"""Every IRI namespace trialkg writes, defined once.

Vocabulary terms live in :data:`TKG` and are described in ``ontology/trialkg.ttl``.
Instances reuse public identifiers where one exists (trials, drugs, targets,
conditions); everything else gets a content-derived IRI under :data:`ID`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import curies
from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "BIOLINK",
    "CONVERTER",
    "DCTERMS",
    "GRAPH",
    "ID",
    "NCIT",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "TKG",
    "Terms",
    "XSD",
    "doc_graph",
    "mint",
    "named",
    "slug",
    "trial_iri",
]

BASE = "https://w3id.org/trialkg/"
TKG = Namespace(BASE + "vocab#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
SCHEMA = Namespace("https://schema.org/")
BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
NCIT = Namespace("http://purl.obolibrary.org/obo/NCIT_")

#: prefix -> IRI stem; used for CURIE <-> IRI conversion and SPARQL PREFIX lines.
PREFIXES: dict[str, str] = {
    "tkg": str(TKG),
    "tkgid": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "biolink": str(BIOLINK),
    "nct": "https://clinicaltrials.gov/study/",
    "chembl": "http://identifiers.org/chembl.compound/",
    "hgnc": "http://identifiers.org/hgnc/",
    "hgnc.genegroup": "http://identifiers.org/hgnc.genegroup/",
    "uniprot": "http://purl.uniprot.org/uniprot/",
    "mesh": "http://id.nlm.nih.gov/mesh/",
    "ncit": str(NCIT),
    "drugbank": "http://identifiers.org/drugbank/",
    "unii": "http://identifiers.org/unii/",
    "reactome": "http://identifiers.org/reactome/",
    "go": "http://purl.obolibrary.org/obo/GO_",
    "mondo": "http://purl.obolibrary.org/obo/MONDO_",
    "pubmed": "http://identifiers.org/pubmed/",
}

CONVERTER = curies.Converter.from_prefix_map(PREFIXES)

_NCT = re.compile(r"^NCT\d{8}$")


class Terms:
    """The IRIs of a namespace as plain strings, each built once.

    The quad builders name a predicate or a class for every quad they write; an rdflib
    namespace builds and validates a new ``URIRef`` on each attribute look-up, this keeps
    the string after the first.

    >>> Terms(TKG).Trial == str(TKG.Trial)
    True
    """

    def __init__(self, namespace: str) -> None:
        self._base = str(namespace)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        iri = self._base + name
        setattr(self, name, iri)  # later look-ups find it without coming here
        return iri


def slug(text: str) -> str:
    """Lowercase ASCII slug of ``text`` (accents folded, runs of other chars -> '-').

    >>> slug("Péamplimab  (PD-1)")
    'peamplimab-pd-1'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def mint(kind: str, *parts: object) -> str:
    """A stable IRI for a thing with no public id, derived from its content.

    >>> mint("arm", "nct:NCT05001971", "anlotinib plus penpulimab")
    'https://w3id.org/trialkg/id/arm/6c2248a6233a0bc6dcde'
    """
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"{ID}{kind}/{digest[:20]}"


def named(kind: str, name: str) -> str:
    """The IRI of a thing known only by its name (an unresolved drug, a cited study, an
    organization): the same name always gives the same IRI.

    >>> named("drug", "Péamplimab")
    'https://w3id.org/trialkg/id/drug/peamplimab'
    """
    return f"{ID}{kind}/{slug(name)}"


def trial_iri(nct_id: str | None, title: str | None = None, sha256: str | None = None) -> str:
    """The trial's IRI: the registry page for an NCT id, else minted from its title."""
    if nct_id and _NCT.match(nct_id):
        return PREFIXES["nct"] + nct_id
    basis = slug(title) if title else sha256
    return mint("trial", basis)


def doc_graph(sha256: str) -> str:
    """The named graph holding what one document said."""
    return f"{GRAPH}doc/{sha256}"


REFERENCE_GRAPH = f"{GRAPH}reference"
ONTOLOGY_GRAPH = f"{GRAPH}ontology"
INFERRED_GRAPH = f"{GRAPH}inferred"
#: the redundant-combinations view kg build keeps (kg.analysis.redundancy)
REDUNDANCY_GRAPH = f"{GRAPH}redundant-combinations"
