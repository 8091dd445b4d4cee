"""A trial record's own facts -> quads: identity, status, design, eligibility, people,
places, outcomes, related trials, references and posted results."""

from __future__ import annotations

from kg.extractors._values import age_in_years
from kg.namespaces import DCTERMS, PREFIXES, RDFS, SCHEMA, TKG, mint, named
from kg.normalize.conditions import resolve_conditions, words
from kg.normalize.lexicon import Lexicon
from kg.rdf.builder import GraphBuilder
from kg.records import Spanned, TrialRecord

T = TKG


def add_trial(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    """Everything about the trial itself except arms, drugs and mined text."""
    b.node(trial, str(T.Trial))
    b.spanned(trial, str(T.nctId), r.nct_id)
    b.spanned(trial, str(DCTERMS.title), r.title)
    b.spanned(trial, str(T.officialTitle), r.official_title)
    b.spanned(trial, str(T.acronym), r.acronym)
    for v in r.org_study_ids:
        b.spanned(trial, str(T.orgStudyId), v)
    for v in r.secondary_ids:
        b.spanned(trial, str(T.secondaryId), v)
    for v in r.phases:
        b.spanned(trial, str(T.phase), v)
    b.spanned(trial, str(T.overallStatus), r.status)
    b.spanned(trial, str(T.lastKnownStatus), r.last_known_status)
    b.spanned(trial, str(T.whyStopped), r.why_stopped)
    b.spanned(trial, str(T.enrollment), r.enrollment)
    b.add(trial, str(T.enrollmentType), r.enrollment_type)
    dates: tuple[tuple[str, Spanned[str] | None], ...] = ((T.startDate, r.start_date), (T.primaryCompletionDate, r.primary_completion_date),
                 (T.completionDate, r.completion_date), (T.lastUpdate, r.last_update))  # fmt: skip
    for p, date in dates:
        b.spanned(trial, str(p), date, as_date=True)
    b.spanned(trial, str(T.studyType), r.study_type)
    b.spanned(trial, str(T.allocation), r.design.allocation)
    b.spanned(trial, str(T.interventionModel), r.design.model)
    b.spanned(trial, str(T.primaryPurpose), r.design.purpose)
    b.spanned(trial, str(T.masking), r.design.masking)
    b.spanned(trial, str(T.briefSummary), r.brief_summary)
    b.spanned(trial, str(T.detailedDescription), r.detailed_description)
    b.add(trial, str(T.fdaRegulated), r.oversight_fda_regulated)
    for v in r.keywords:
        b.spanned(trial, str(T.keyword), v)
    _conditions(b, trial, r, lexicon)
    _eligibility(b, trial, r)
    _parties(b, trial, r)
    _outcomes(b, trial, r)
    for v in r.related_ncts:
        related = PREFIXES["nct"] + v.value
        if related != trial:
            b.link(trial, str(T.relatedTrial), related)
            b.add(related, str(T.nctId), v.value)
    for ref in r.references:
        node = (
            PREFIXES["pubmed"] + ref.pmid
            if ref.pmid
            else mint("reference", trial, ref.citation.value)
        )
        b.node(node, str(T.Reference))
        b.link(trial, str(T.hasReference), node)
        b.spanned(node, str(T.citation), ref.citation)
        b.add(node, str(T.pmid), ref.pmid)
        b.add(node, str(T.referenceType), ref.type)
    _registry_mesh(b, trial, r, lexicon)


def _registry_mesh(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    """The MeSH terms the registry assigned: conditions as tkg:Condition (unless the reference
    graph already holds them), interventions as tkg:MeshTerm, each labelled with its term."""
    for mesh in r.mesh_terms:
        if mesh.ancestor:
            continue
        node = PREFIXES["mesh"] + mesh.mesh_id
        is_condition = mesh.kind == "condition"
        b.link(trial, str(T.meshCondition if is_condition else T.meshIntervention), node)
        if is_condition and lexicon.kinds.get(node) == "condition":
            continue  # the reference graph's node, with its own label
        b.node(node, str(T.Condition if is_condition else T.MeshTerm))
        b.add(node, str(RDFS.label), mesh.term)
        b.add(node, str(T.meshId), mesh.mesh_id)


def _conditions(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    registry = [m for m in r.mesh_terms if m.kind == "condition" and not m.ancestor]
    for written in r.conditions:
        b.spanned(trial, str(T.conditionAsWritten), written)
        concepts = resolve_conditions(lexicon, written.value)
        for c in concepts:
            b.link(trial, str(T.hasCondition), c.iri)
        mesh = [
            m
            for m in registry
            if words(m.term) <= words(written.value) or words(written.value) <= words(m.term)
        ]
        for m in mesh if not concepts else ():  # the registry's own MeSH heading for it
            node = PREFIXES["mesh"] + m.mesh_id
            b.node(node, str(T.Condition))
            b.add(node, str(RDFS.label), m.term)
            b.add(node, str(T.meshId), m.mesh_id)
            b.link(trial, str(T.hasCondition), node)
        if not concepts and not mesh:  # unresolved stays visible, with the name as written
            node = named("condition", written.value)
            b.node(node, str(T.Condition))
            b.add(node, str(RDFS.label), written.value)
            b.add(node, str(T.unresolved), True)
            b.link(trial, str(T.hasCondition), node)


def _eligibility(b: GraphBuilder, trial: str, r: TrialRecord) -> None:
    e = r.eligibility
    if e is None:
        return
    b.spanned(trial, str(T.minimumAge), e.minimum_age)
    b.spanned(trial, str(T.maximumAge), e.maximum_age)
    b.add(
        trial, str(T.minimumAgeYears), age_in_years(e.minimum_age.value) if e.minimum_age else None
    )
    b.add(
        trial, str(T.maximumAgeYears), age_in_years(e.maximum_age.value) if e.maximum_age else None
    )
    b.spanned(trial, str(T.sex), e.sex)
    b.spanned(trial, str(T.healthyVolunteers), e.healthy_volunteers)
    b.spanned(trial, str(T.eligibilityText), e.text)
    for c in e.criteria:
        kind = T.InclusionCriterion if c.kind == "inclusion" else T.ExclusionCriterion
        node = b.node(mint("criterion", trial, c.kind, c.ordinal, c.text.value), str(kind))
        b.link(trial, str(T.hasCriterion), node)
        b.spanned(node, str(T.text), c.text)
        b.add(node, str(T.ordinal), c.ordinal)


def _parties(b: GraphBuilder, trial: str, r: TrialRecord) -> None:
    for s in r.sponsors:
        org = named("org", s.name.value)
        b.node(org, str(T.Organization))
        b.add(org, str(RDFS.label), s.name.value)
        b.add(org, str(T.agencyClass), s.agency_class)
        ship = b.node(mint("sponsorship", trial, org), str(T.Sponsorship))
        b.link(trial, str(T.hasSponsorship), ship)
        b.link(ship, str(T.organization), org)
        b.add(ship, str(T.sponsorRole), s.role)
        b.add(ship, str(T.agencyClass), s.agency_class)
        if s.name.span:
            b.span(ship, str(T.organization), s.name.span)
    for prop, people in ((T.hasInvestigator, r.investigators), (T.hasContact, r.contacts)):
        for p in people:
            node = b.node(mint("person", trial, p.name.value, p.role), str(T.Person))
            b.link(trial, str(prop), node)
            b.spanned(node, str(SCHEMA.name), p.name)
            b.add(node, str(T.role), p.role)
            b.spanned(node, str(T.affiliation), p.affiliation)
    for site in r.sites:
        facility = site.facility.value if site.facility else None
        node = b.node(mint("site", trial, facility, site.city, site.country), str(T.Site))
        b.link(trial, str(T.hasSite), node)
        b.spanned(node, str(T.facility), site.facility)
        b.add(node, str(T.city), site.city)
        b.add(node, str(T.state), site.state)
        b.add(node, str(T.country), site.country)
        b.add(node, str(T.siteStatus), site.status)


def _outcomes(b: GraphBuilder, trial: str, r: TrialRecord) -> None:
    for o in r.outcomes:
        node = b.node(mint("outcome", trial, o.kind, o.measure.value, o.time_frame and o.time_frame.value),
                      str(T.Outcome))  # fmt: skip
        b.link(trial, str(T.hasOutcome), node)
        b.add(node, str(T.outcomeKind), o.kind)
        b.spanned(node, str(T.measure), o.measure)
        b.spanned(node, str(T.timeFrame), o.time_frame)
        b.spanned(node, str(T.description), o.description)
    for ro in r.result_outcomes:
        node = b.node(mint("result", trial, ro.kind, ro.title, ro.time_frame), str(T.ResultOutcome))
        b.link(trial, str(T.hasResultOutcome), node)
        b.add(node, str(T.outcomeKind), ro.kind)
        b.add(node, str(T.measure), ro.title)
        b.add(node, str(T.paramType), ro.param_type)
        b.add(node, str(T.unit), ro.unit)
        b.add(node, str(T.timeFrame), ro.time_frame)
        b.add(node, str(T.dispersion), ro.dispersion)
        groups = {}
        for g in ro.groups:
            gnode = groups[g.group_id] = b.node(
                mint("resultgroup", node, g.group_id), str(T.ResultGroup)
            )
            b.link(node, str(T.hasGroup), gnode)
            b.add(gnode, str(T.groupId), g.group_id)
            b.add(gnode, str(RDFS.label), g.title)
            b.add(gnode, str(T.description), g.description)
        for i, m in enumerate(ro.measurements):
            mnode = b.node(
                mint("measurement", node, i, m.group_id, m.category, m.value),
                str(T.ResultMeasurement),
            )
            b.link(node, str(T.hasMeasurement), mnode)
            b.link(mnode, str(T.group), groups.get(m.group_id))
            b.add(mnode, str(T.groupId), m.group_id)
            b.add(mnode, str(T.valueText), m.value)
            b.add(mnode, str(T.lowerLimit), m.lower)
            b.add(mnode, str(T.upperLimit), m.upper)
            b.add(mnode, str(T.category), m.category)
    for i, ae in enumerate(r.adverse_events):
        node = b.node(mint("ae", trial, i, ae.term, ae.group_id, ae.serious), str(T.AdverseEvent))
        b.link(trial, str(T.hasAdverseEvent), node)
        b.add(node, str(T["term"]), ae.term)
        b.add(node, str(T.serious), ae.serious)
        b.add(node, str(T.groupId), ae.group_id)
        b.add(node, str(T.affected), ae.affected)
        b.add(node, str(T.atRisk), ae.at_risk)
        b.add(node, str(T.organSystem), ae.organ_system)
