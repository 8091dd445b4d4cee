"""Helpers the seed tests share: build the seeds, run named queries, ask small SPARQL."""

from __future__ import annotations

from pathlib import Path

from kg import queries
from kg.namespaces import PREFIXES
from kg.pipeline import BuildReport, build
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PROLOGUE = "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items())
NCT = "https://clinicaltrials.gov/study/"


def build_seeds() -> tuple[OxigraphStore, BuildReport]:
    """Every seed document built into a fresh in-memory store."""
    store = OxigraphStore(None)
    return store, build([SEEDS], store)


def rows(store: OxigraphStore, name: str, **params: str) -> list[dict[str, str | None]]:
    """A named query's rows as dicts of strings."""
    return queries.run(store, name, params).values()


def select(store: OxigraphStore, sparql: str) -> list[dict[str, str | None]]:
    """A SELECT over the union of graphs (the common prefixes are declared)."""
    return store.select(f"{PROLOGUE}\n{sparql}").values()


def column(store: OxigraphStore, sparql: str) -> list[str | None]:
    """The single column of a SELECT, in the order SPARQL gave it."""
    return [next(iter(r.values())) for r in select(store, sparql)]


def one(store: OxigraphStore, sparql: str) -> str | None:
    """The single value a SELECT returns (fails when there are several or none)."""
    values = column(store, sparql)
    assert len(values) == 1, values
    return values[0]


def text_of(file_name: str) -> str:
    """A seed document's text as the pipeline read it."""
    return (SEEDS / file_name).read_text(encoding="utf-8")


def trial_values(store: OxigraphStore, nct_or_iri: str, prop: str) -> list[str]:
    """Sorted values of one property of a trial (``prop`` as a CURIE such as ``tkg:phase``)."""
    iri = nct_or_iri if nct_or_iri.startswith("http") else NCT + nct_or_iri
    found = column(store, f"SELECT ?v WHERE {{ <{iri}> {prop} ?v }}")
    return sorted(str(v) for v in found)


def datatype(store: OxigraphStore, nct: str, prop: str) -> str | None:
    """The datatype IRI of a trial's single literal value of ``prop``."""
    return one(store, f"SELECT (DATATYPE(?v) AS ?t) WHERE {{ <{NCT}{nct}> {prop} ?v }}")


def criteria(store: OxigraphStore, trial_iri: str) -> dict[tuple[str, int], str]:
    """A trial's eligibility criteria: (inclusion|exclusion, ordinal) -> text."""
    found = select(
        store,
        f"""SELECT ?kind ?n ?text WHERE {{
          <{trial_iri}> tkg:hasCriterion ?c . ?c a ?cls ; tkg:ordinal ?n ; tkg:text ?text .
          VALUES (?cls ?kind) {{ (tkg:InclusionCriterion "inclusion")
                                 (tkg:ExclusionCriterion "exclusion") }} }}""",
    )
    return {(str(r["kind"]), int(str(r["n"]))): str(r["text"]) for r in found}


def components(store: OxigraphStore, trial_iri: str) -> dict[str, dict[str, str | None]]:
    """Each dose component of a trial's interventions, by canonical drug label."""
    found = select(
        store,
        f"""SELECT ?label ?intervention ?surface ?method ?score ?dose ?high ?unit ?route
                   ?schedule ?frequency ?cycle ?max ?max_unit ?alt_label WHERE {{
          <{trial_iri}> tkg:hasIntervention ?iv . ?iv rdfs:label ?intervention ;
              tkg:hasComponent ?c .
          ?c tkg:drug|tkg:drugClass ?drug ; tkg:surfaceForm ?surface ; tkg:matchMethod ?method ;
             tkg:matchScore ?score .
          ?drug rdfs:label ?label .
          OPTIONAL {{ ?c tkg:dose ?dose }} OPTIONAL {{ ?c tkg:doseHigh ?high }}
          OPTIONAL {{ ?c tkg:doseUnit ?unit }} OPTIONAL {{ ?c tkg:route ?route }}
          OPTIONAL {{ ?c tkg:schedule ?schedule }} OPTIONAL {{ ?c tkg:frequency ?frequency }}
          OPTIONAL {{ ?c tkg:cycleDays ?cycle }} OPTIONAL {{ ?c tkg:maxDose ?max }}
          OPTIONAL {{ ?c tkg:maxDoseUnit ?max_unit }}
          OPTIONAL {{ ?c tkg:alternativeTo/(tkg:drug|tkg:drugClass)/rdfs:label ?alt_label }}
        }}""",
    )
    return {str(r.pop("label")): r for r in found}
