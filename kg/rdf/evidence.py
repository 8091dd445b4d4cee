"""What the free text says: mechanism statements, cited results and mentions -> quads."""

from __future__ import annotations

from kg.namespaces import PROV, RDFS, TKG, mint, named
from kg.normalize.lexicon import Lexicon
from kg.normalize.spotter import LexiconSpotter
from kg.rdf.builder import GraphBuilder
from kg.rdf.drugs import add_concept_node, resolve_name
from kg.records import TrialRecord

T = TKG


def add_mechanisms(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    spotter = LexiconSpotter(lexicon, ("target", "family"))
    for m in r.mechanisms:
        drug = resolve_name(lexicon, m.drug.value)
        if drug.kind != "drug":
            continue
        add_concept_node(b, drug)
        for target in m.targets:
            for prop, iri in _targets(spotter, lexicon, target.value):
                node = b.node(mint("mechanism", b.document.value, drug.iri, iri), str(T.Mechanism))
                b.link(trial, str(T.statesMechanism), node)
                b.link(node, str(T.drug), drug.iri)
                b.link(node, prop, iri)
                b.add(node, str(T.action), m.action)
                b.add(node, str(T.mechanismSource), "document")
                b.spanned(node, str(T.statedAs), target)
                b.spanned(node, str(T.evidenceText), m.sentence)
                b.link(node, str(PROV.wasDerivedFrom), b.document)


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
        found = [(str(T.target), i) for i in targets] or [
            (str(T.targetFamily), i) for i in spot.ids
        ]
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
            str(T.CitedResult),
        )
        b.link(trial, str(T.citesResult), node)
        if c.study is not None:
            study = named("study", c.study.value)
            b.node(study, str(T.CitedStudy))
            b.add(study, str(RDFS.label), c.study.value)
            b.link(node, str(T.citedStudy), study)
            if c.study.span:
                b.span(node, str(T.citedStudy), c.study.span)
        b.add(node, str(T.measure), c.measure)
        b.add(node, str(T.statistic), c.statistic)
        b.add(node, str(T.value), c.value)
        b.add(node, str(T.valueHigh), c.value_high)
        b.add(node, str(T.unit), c.unit)
        b.add(node, str(T.ciLow), c.ci_low)
        b.add(node, str(T.ciHigh), c.ci_high)
        b.add(node, str(T.ciLevel), c.ci_level)
        b.add(node, str(T.comparatorValue), c.comparator_value)
        b.add(node, str(T.population), c.population)
        b.add(node, str(T.measureMatch), c.measure_match)
        b.spanned(node, str(T.evidenceText), c.sentence)
        if c.value_span:
            b.span(node, str(T.value), c.value_span)
        for regimen in c.regimen:
            concept = resolve_name(lexicon, regimen.value)
            if concept.method == "unresolved":
                continue
            prop = T.aboutDrugClass if concept.kind == "drug-class" else T.aboutDrug
            b.link(node, str(prop), concept.iri)


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
            str(T.Mention),
        )
        b.link(trial, str(T.mentions), node)
        b.link(node, str(T.mentionOf), concept.iri)
        b.spanned(node, str(T.surfaceForm), m.surface)
        b.add(node, str(T.mentionContext), m.context)
        b.add(node, str(T.matchMethod), concept.method)
        b.add(node, str(T.matchScore), round(concept.score, 3))
