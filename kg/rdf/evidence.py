"""What the free text says: mechanism statements, cited results and mentions -> quads."""

from __future__ import annotations

from kg.namespaces import PROV, RDFS, TKG, Terms, mint, named
from kg.normalize.lexicon import Lexicon
from kg.normalize.spotter import LexiconSpotter
from kg.rdf.builder import GraphBuilder
from kg.rdf.drugs import add_concept_node, resolve_name
from kg.rdf.statement_key import statement_key
from kg.records import TrialRecord

T = Terms(TKG)
LABEL = str(RDFS.label)
DERIVED_FROM = str(PROV.wasDerivedFrom)


def add_mechanisms(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    spotter = LexiconSpotter(lexicon, ("target", "family"))
    for m in r.mechanisms:
        drug = resolve_name(lexicon, m.drug.value)
        if drug.kind != "drug":
            continue
        add_concept_node(b, drug)
        for target in m.targets:
            for prop, iri in _targets(spotter, lexicon, target.value):
                node = b.node(mint("mechanism", b.document.value, drug.iri, iri), T.Mechanism)
                b.link(trial, T.statesMechanism, node)
                b.link(node, T.drug, drug.iri)
                b.link(node, prop, iri)
                b.add(node, T.action, m.action)
                b.add(node, T.mechanismSource, "document")
                kind = "target" if prop == T.target else "targetFamily"
                b.add(node, T.statementKey, statement_key(kind, drug.iri, iri, m.action))
                b.spanned(node, T.statedAs, target)
                b.spanned(node, T.evidenceText, m.sentence)
                b.link(node, DERIVED_FROM, b.document)


def _targets(spotter: LexiconSpotter, lexicon: Lexicon, surface: str) -> list[tuple[str, str]]:
    """What a surface names, each with the property that says so.

    A target, or every member a range names ("VEGFR1-3" is FLT1, KDR and FLT4), is a
    ``tkg:target``; a family ("VEGFR", "the PD-1 pathway") stays a ``tkg:targetFamily``: the
    document did not say which members, so none is claimed. A name of both a target and a
    family ("KIT", "PD-L1") names the target.
    """
    out: list[tuple[str, str]] = []
    for spot in spotter.spot(surface):
        targets = [i for i in spot.ids if lexicon.kinds.get(i) != "family"]
        found = [(T.target, i) for i in targets] or [(T.targetFamily, i) for i in spot.ids]
        out.extend(f for f in found if f not in out)
    return out


def add_cited_results(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    for c in r.cited_results:
        span = c.value_span or c.sentence.span
        node = b.node(
            mint(
                "cited",
                b.document.value,
                span and span.start,
                span and span.path,
                c.measure,
                c.value,
            ),
            T.CitedResult,
        )
        b.link(trial, T.citesResult, node)
        if c.study is not None:
            study = named("study", c.study.value)
            b.node(study, T.CitedStudy)
            b.add(study, LABEL, c.study.value)
            b.link(node, T.citedStudy, study)
            if c.study.span:
                b.span(node, T.citedStudy, c.study.span)
        b.add(node, T.measure, c.measure)
        b.add(node, T.statistic, c.statistic)
        b.add(node, T.value, c.value)
        b.add(node, T.valueHigh, c.value_high)
        b.add(node, T.unit, c.unit)
        b.add(node, T.ciLow, c.ci_low)
        b.add(node, T.ciHigh, c.ci_high)
        b.add(node, T.ciLevel, c.ci_level)
        b.add(node, T.comparatorValue, c.comparator_value)
        b.add(node, T.population, c.population)
        b.add(node, T.measureMatch, c.measure_match)
        b.spanned(node, T.evidenceText, c.sentence)
        if c.value_span:
            b.span(node, T.value, c.value_span)
        for regimen in c.regimen:
            concept = resolve_name(lexicon, regimen.value)
            if concept.method == "unresolved":
                continue
            prop = T.aboutDrugClass if concept.kind == "drug-class" else T.aboutDrug
            b.link(node, prop, concept.iri)


def add_mentions(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    for m in r.mentions:
        concept = lexicon.resolve(m.surface.value, ("drug", "drug-class", "target", "family"))
        if concept is None:
            continue
        span = m.surface.span
        node = b.node(
            mint(
                "mention",
                b.document.value,
                span and span.start,
                span and span.path,
                m.surface.value,
            ),
            T.Mention,
        )
        b.link(trial, T.mentions, node)
        b.link(node, T.mentionOf, concept.iri)
        b.spanned(node, T.surfaceForm, m.surface)
        b.add(node, T.mentionContext, m.context)
        b.add(node, T.matchMethod, concept.method)
        b.add(node, T.matchScore, round(concept.score, 3))
