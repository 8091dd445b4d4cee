"""A trial record's own facts -> quads: identity, status, design, eligibility, people,
places, outcomes, related trials, references and posted results."""

from __future__ import annotations

from kg.extractors._values import age_in_years
from kg.namespaces import DCTERMS, PREFIXES, RDFS, SCHEMA, TKG, Terms, mint, named
from kg.normalize.conditions import resolve_conditions, words
from kg.normalize.lexicon import Lexicon
from kg.rdf.builder import GraphBuilder
from kg.records import Spanned, TrialRecord

T = Terms(TKG)
LABEL = str(RDFS.label)
TITLE = str(DCTERMS.title)
NAME = str(SCHEMA.name)


def add_trial(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    """Everything about the trial itself except arms, drugs and mined text."""
    b.node(trial, T.Trial)
    b.spanned(trial, T.nctId, r.nct_id)
    b.spanned(trial, TITLE, r.title)
    b.spanned(trial, T.officialTitle, r.official_title)
    b.spanned(trial, T.acronym, r.acronym)
    for v in r.org_study_ids:
        b.spanned(trial, T.orgStudyId, v)
    for v in r.secondary_ids:
        b.spanned(trial, T.secondaryId, v)
    for v in r.phases:
        b.spanned(trial, T.phase, v)
    b.spanned(trial, T.overallStatus, r.status)
    b.spanned(trial, T.lastKnownStatus, r.last_known_status)
    b.spanned(trial, T.whyStopped, r.why_stopped)
    b.spanned(trial, T.enrollment, r.enrollment)
    b.add(trial, T.enrollmentType, r.enrollment_type)
    dates: tuple[tuple[str, Spanned[str] | None], ...] = ((T.startDate, r.start_date), (T.primaryCompletionDate, r.primary_completion_date),
                 (T.completionDate, r.completion_date), (T.lastUpdate, r.last_update))  # fmt: skip
    for p, date in dates:
        b.spanned(trial, p, date, as_date=True)
    b.spanned(trial, T.studyType, r.study_type)
    b.spanned(trial, T.allocation, r.design.allocation)
    b.spanned(trial, T.interventionModel, r.design.model)
    b.spanned(trial, T.primaryPurpose, r.design.purpose)
    b.spanned(trial, T.masking, r.design.masking)
    b.spanned(trial, T.briefSummary, r.brief_summary)
    b.spanned(trial, T.detailedDescription, r.detailed_description)
    b.add(trial, T.fdaRegulated, r.oversight_fda_regulated)
    for v in r.keywords:
        b.spanned(trial, T.keyword, v)
    _conditions(b, trial, r, lexicon)
    _eligibility(b, trial, r)
    _parties(b, trial, r)
    _outcomes(b, trial, r)
    for v in r.related_ncts:
        related = PREFIXES["nct"] + v.value
        if related != trial:
            b.link(trial, T.relatedTrial, related)
            b.add(related, T.nctId, v.value)
    for ref in r.references:
        node = (
            PREFIXES["pubmed"] + ref.pmid
            if ref.pmid
            else mint("reference", trial, ref.citation.value)
        )
        b.node(node, T.Reference)
        b.link(trial, T.hasReference, node)
        b.spanned(node, T.citation, ref.citation)
        b.add(node, T.pmid, ref.pmid)
        b.add(node, T.referenceType, ref.type)
    _registry_mesh(b, trial, r, lexicon)


def _registry_mesh(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    """The MeSH terms the registry assigned: conditions as tkg:Condition (unless the reference
    graph already holds them), interventions as tkg:MeshTerm, each labelled with its term."""
    for mesh in r.mesh_terms:
        if mesh.ancestor:
            continue
        node = PREFIXES["mesh"] + mesh.mesh_id
        is_condition = mesh.kind == "condition"
        b.link(trial, T.meshCondition if is_condition else T.meshIntervention, node)
        if is_condition and lexicon.kinds.get(node) == "condition":
            continue  # the reference graph's node, with its own label
        b.node(node, T.Condition if is_condition else T.MeshTerm)
        b.add(node, LABEL, mesh.term)
        b.add(node, T.meshId, mesh.mesh_id)


def _conditions(b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon) -> None:
    registry = [m for m in r.mesh_terms if m.kind == "condition" and not m.ancestor]
    for written in r.conditions:
        b.spanned(trial, T.conditionAsWritten, written)
        concepts = resolve_conditions(lexicon, written.value)
        for c in concepts:
            b.link(trial, T.hasCondition, c.iri)
        mesh = [
            m
            for m in registry
            if words(m.term) <= words(written.value) or words(written.value) <= words(m.term)
        ]
        for m in mesh if not concepts else ():  # the registry's own MeSH heading for it
            node = PREFIXES["mesh"] + m.mesh_id
            b.node(node, T.Condition)
            b.add(node, LABEL, m.term)
            b.add(node, T.meshId, m.mesh_id)
            b.link(trial, T.hasCondition, node)
        if not concepts and not mesh:  # unresolved stays visible, with the name as written
            node = named("condition", written.value)
            b.node(node, T.Condition)
            b.add(node, LABEL, written.value)
            b.add(node, T.unresolved, True)
            b.link(trial, T.hasCondition, node)


def _eligibility(b: GraphBuilder, trial: str, r: TrialRecord) -> None:
    e = r.eligibility
    if e is None:
        return
    b.spanned(trial, T.minimumAge, e.minimum_age)
    b.spanned(trial, T.maximumAge, e.maximum_age)
    b.add(trial, T.minimumAgeYears, age_in_years(e.minimum_age.value) if e.minimum_age else None)
    b.add(trial, T.maximumAgeYears, age_in_years(e.maximum_age.value) if e.maximum_age else None)
    b.spanned(trial, T.sex, e.sex)
    b.spanned(trial, T.healthyVolunteers, e.healthy_volunteers)
    b.spanned(trial, T.eligibilityText, e.text)
    for c in e.criteria:
        kind = T.InclusionCriterion if c.kind == "inclusion" else T.ExclusionCriterion
        node = b.node(mint("criterion", trial, c.kind, c.ordinal, c.text.value), kind)
        b.link(trial, T.hasCriterion, node)
        b.spanned(node, T.text, c.text)
        b.add(node, T.ordinal, c.ordinal)


def _parties(b: GraphBuilder, trial: str, r: TrialRecord) -> None:
    for s in r.sponsors:
        org = named("org", s.name.value)
        b.node(org, T.Organization)
        b.add(org, LABEL, s.name.value)
        b.add(org, T.agencyClass, s.agency_class)
        ship = b.node(mint("sponsorship", trial, org), T.Sponsorship)
        b.link(trial, T.hasSponsorship, ship)
        b.link(ship, T.organization, org)
        b.add(ship, T.sponsorRole, s.role)
        b.add(ship, T.agencyClass, s.agency_class)
        if s.name.span:
            b.span(ship, T.organization, s.name.span)
    for prop, people in ((T.hasInvestigator, r.investigators), (T.hasContact, r.contacts)):
        for p in people:
            node = b.node(mint("person", trial, p.name.value, p.role), T.Person)
            b.link(trial, prop, node)
            b.spanned(node, NAME, p.name)
            b.add(node, T.role, p.role)
            b.spanned(node, T.affiliation, p.affiliation)
    for site in r.sites:
        facility = site.facility.value if site.facility else None
        node = b.node(mint("site", trial, facility, site.city, site.country), T.Site)
        b.link(trial, T.hasSite, node)
        b.spanned(node, T.facility, site.facility)
        b.add(node, T.city, site.city)
        b.add(node, T.state, site.state)
        b.add(node, T.country, site.country)
        b.add(node, T.siteStatus, site.status)


def _outcomes(b: GraphBuilder, trial: str, r: TrialRecord) -> None:
    for o in r.outcomes:
        node = b.node(mint("outcome", trial, o.kind, o.measure.value, o.time_frame and o.time_frame.value),
                      T.Outcome)  # fmt: skip
        b.link(trial, T.hasOutcome, node)
        b.add(node, T.outcomeKind, o.kind)
        b.spanned(node, T.measure, o.measure)
        b.spanned(node, T.timeFrame, o.time_frame)
        b.spanned(node, T.description, o.description)
    for ro in r.result_outcomes:
        node = b.node(mint("result", trial, ro.kind, ro.title, ro.time_frame), T.ResultOutcome)
        b.link(trial, T.hasResultOutcome, node)
        b.add(node, T.outcomeKind, ro.kind)
        b.add(node, T.measure, ro.title)
        b.add(node, T.paramType, ro.param_type)
        b.add(node, T.unit, ro.unit)
        b.add(node, T.timeFrame, ro.time_frame)
        b.add(node, T.dispersion, ro.dispersion)
        groups = {}
        for g in ro.groups:
            gnode = groups[g.group_id] = b.node(
                mint("resultgroup", node, g.group_id), T.ResultGroup
            )
            b.link(node, T.hasGroup, gnode)
            b.add(gnode, T.groupId, g.group_id)
            b.add(gnode, LABEL, g.title)
            b.add(gnode, T.description, g.description)
        for i, m in enumerate(ro.measurements):
            mnode = b.node(
                mint("measurement", node, i, m.group_id, m.category, m.value),
                T.ResultMeasurement,
            )
            b.link(node, T.hasMeasurement, mnode)
            b.link(mnode, T.group, groups.get(m.group_id))
            b.add(mnode, T.groupId, m.group_id)
            b.add(mnode, T.valueText, m.value)
            b.add(mnode, T.lowerLimit, m.lower)
            b.add(mnode, T.upperLimit, m.upper)
            b.add(mnode, T.category, m.category)
    for i, ae in enumerate(r.adverse_events):
        node = b.node(mint("ae", trial, i, ae.term, ae.group_id, ae.serious), T.AdverseEvent)
        b.link(trial, T.hasAdverseEvent, node)
        b.add(node, T.term, ae.term)
        b.add(node, T.serious, ae.serious)
        b.add(node, T.groupId, ae.group_id)
        b.add(node, T.affected, ae.affected)
        b.add(node, T.atRisk, ae.at_risk)
        b.add(node, T.organSystem, ae.organ_system)
