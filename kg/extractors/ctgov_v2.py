"""Layout ``ctgov-v2``: one study as ClinicalTrials.gov API v2 returns it (``protocolSection``).

:func:`record_from_study` maps every module of a study to a :class:`TrialRecord`. It reads
fields by their API v2 names through a :class:`Node`, so the classic API layout (the same model
spelled in PascalCase) reuses it with its own :class:`Dialect`. Values keep the JSON pointer of
their field as span; no free text is mined here.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extractors._ctgov_common import (
    REFERENCE_TYPES,
    Dialect,
    Node,
    dispersion,
    enrollment_type,
    fail,
    guarded,
    link_arms,
    load_json,
    mesh_id,
    result_kind,
    split_criteria,
)
from kg.extractors._values import (
    AGENCY_CLASSES,
    ALLOCATIONS,
    ARM_TYPES,
    INTERVENTION_TYPES,
    MASKINGS,
    MODELS,
    PURPOSES,
    SEXES,
    STATUSES,
    STUDY_TYPES,
    age_in_years,
    enum_key,
    to_date,
    to_enum,
    to_phases,
)
from kg.extractors.registry import register
from kg.records import (
    AdverseEvent,
    Arm,
    Design,
    Document,
    Eligibility,
    Intervention,
    MeshTerm,
    Outcome,
    Person,
    Reference,
    ResultGroup,
    ResultMeasurement,
    ResultOutcome,
    Site,
    Span,
    Spanned,
    Sponsor,
    TrialRecord,
)

LAYOUT = "ctgov-v2"


def sniff(text: str) -> float:
    """0.95 for a JSON study with ``protocolSection.identificationModule``; 0.6 without it."""
    if not text.lstrip().startswith("{") or '"protocolSection"' not in text:
        return 0.0
    try:
        value = load_json(text)
    except ValueError:
        return 0.0
    section = value.get("protocolSection") if isinstance(value, dict) else None
    if not isinstance(section, dict):
        return 0.0
    return 0.95 if isinstance(section.get("identificationModule"), dict) else 0.6


@guarded("API v2 study")
def extract(doc: Document) -> TrialRecord:
    """The trial record of one API v2 study."""
    value = load_json(doc.text)
    if not isinstance(value, dict) or "protocolSection" not in value:
        fail("API v2 study without protocolSection")
    return record_from_study(Node(value, ""), "API v2 study")


def _dotted(node: Node, root: Node) -> str:
    return node.path[len(root.path) :].strip("/").replace("/", ".")


def _texts(node: Node) -> tuple[Spanned[str], ...]:
    return tuple(s for s in (item.spanned() for item in node) if s is not None)


def _enum(allowed: frozenset[str]) -> Callable[[str], str | None]:
    return lambda text: to_enum(text, allowed)


def _age(text: str) -> str | None:
    return text if age_in_years(text) is not None else None


def _date(node: Node) -> Spanned[str] | None:
    return node["date"].spanned_as(to_date)


def record_from_study(study: Node, what: str) -> TrialRecord:
    """Map one study (API v2 names, read through ``study``'s dialect) to a trial record."""
    protocol = study["protocolSection"]
    ident = protocol["identificationModule"]
    nct_id = ident["nctId"].spanned()
    if nct_id is None:
        fail(f"{what} without {_dotted(ident['nctId'], study)}")
    status = protocol["statusModule"]
    design = protocol["designModule"]
    info = design["designInfo"]
    conditions = protocol["conditionsModule"]
    description = protocol["descriptionModule"]
    enrollment = design["enrollmentInfo"]
    arms, interventions = _arms_and_interventions(protocol["armsInterventionsModule"])
    contacts = protocol["contactsLocationsModule"]
    outcomes, adverse = _results(study["resultsSection"])
    return TrialRecord(
        title=ident["briefTitle"].spanned(),
        nct_id=nct_id,
        official_title=ident["officialTitle"].spanned(),
        acronym=ident["acronym"].spanned(),
        org_study_ids=tuple(s for s in [ident["orgStudyIdInfo"]["id"].spanned()] if s),
        secondary_ids=tuple(s for s in (i["id"].spanned() for i in ident["secondaryIdInfos"]) if s),
        phases=tuple(
            Spanned(phase, Span(path=item.path))
            for item in design["phases"]
            for phase in to_phases(item.text())
        ),
        status=status["overallStatus"].spanned_as(_enum(STATUSES)),
        last_known_status=status["lastKnownStatus"].spanned_as(_enum(STATUSES)),
        why_stopped=status["whyStopped"].spanned(),
        enrollment=_count(enrollment["count"]),
        enrollment_type=enrollment_type(enrollment["type"].text()),
        start_date=_date(status["startDateStruct"]),
        primary_completion_date=_date(status["primaryCompletionDateStruct"]),
        completion_date=_date(status["completionDateStruct"]),
        last_update=_date(status["lastUpdatePostDateStruct"]),
        study_type=design["studyType"].spanned_as(_enum(STUDY_TYPES)),
        design=Design(
            allocation=info["allocation"].spanned_as(_enum(ALLOCATIONS)),
            model=info["interventionModel"].spanned_as(_enum(MODELS)),
            purpose=info["primaryPurpose"].spanned_as(_enum(PURPOSES)),
            masking=info["maskingInfo"]["masking"].spanned_as(_enum(MASKINGS)),
        ),
        brief_summary=description["briefSummary"].spanned(),
        detailed_description=description["detailedDescription"].spanned(),
        conditions=_texts(conditions["conditions"]),
        keywords=_texts(conditions["keywords"]),
        arms=arms,
        interventions=interventions,
        outcomes=_outcomes(protocol["outcomesModule"]),
        eligibility=_eligibility(protocol["eligibilityModule"]),
        sponsors=_sponsors(protocol["sponsorCollaboratorsModule"]),
        investigators=tuple(_person(o, o["role"].text()) for o in contacts["overallOfficials"]),
        contacts=tuple(
            _person(c, c["role"].text() or "CONTACT") for c in contacts["centralContacts"]
        ),
        sites=tuple(_site(location) for location in contacts["locations"]),
        related_ncts=tuple(s for s in [status["expandedAccessInfo"]["nctId"].spanned()] if s),
        references=_references(protocol["referencesModule"]),
        mesh_terms=_mesh_terms(study["derivedSection"]),
        oversight_fda_regulated=protocol["oversightModule"]["isFdaRegulatedDrug"].boolean(),
        result_outcomes=outcomes,
        adverse_events=adverse,
    )


def _count(node: Node) -> Spanned[int] | None:
    count = node.integer()
    return None if count is None else Spanned(count, Span(path=node.path))


def _arms_and_interventions(
    module: Node,
) -> tuple[tuple[Arm, ...], tuple[Intervention, ...]]:
    arms: list[Arm] = []
    for group in module["armGroups"]:
        label = group["label"].spanned()
        if label is None:
            continue
        names = tuple(t for t in (n.text() for n in group["interventionNames"]) if t)
        arms.append(
            Arm(
                label=label,
                type=to_enum(group["type"].text(), ARM_TYPES),
                description=group["description"].spanned(),
                intervention_names=names,
            )
        )
    interventions: list[Intervention] = []
    for item in module["interventions"]:
        name = item["name"].spanned()
        if name is None:
            continue
        interventions.append(
            Intervention(
                name=name,
                type=to_enum(item["type"].text(), INTERVENTION_TYPES),
                description=item["description"].spanned(),
                other_names=_texts(item["otherNames"]),
                arm_labels=tuple(t for t in (a.text() for a in item["armGroupLabels"]) if t),
            )
        )
    return link_arms(arms, interventions)


def _outcomes(module: Node) -> tuple[Outcome, ...]:
    outcomes: list[Outcome] = []
    for kind in ("primary", "secondary", "other"):
        for item in module[f"{kind}Outcomes"]:
            measure = item["measure"].spanned()
            if measure is not None:
                outcomes.append(
                    Outcome(
                        kind=kind,
                        measure=measure,
                        time_frame=item["timeFrame"].spanned(),
                        description=item["description"].spanned(),
                    )
                )
    return tuple(outcomes)


def _eligibility(module: Node) -> Eligibility | None:
    if not module.present:
        return None
    criteria = module["eligibilityCriteria"]
    raw = criteria.value if isinstance(criteria.value, str) else criteria.text()
    healthy = module["healthyVolunteers"]
    answer = healthy.boolean()
    return Eligibility(
        minimum_age=module["minimumAge"].spanned_as(_age),
        maximum_age=module["maximumAge"].spanned_as(_age),
        sex=module["sex"].spanned_as(_enum(SEXES)),
        healthy_volunteers=None if answer is None else Spanned(answer, Span(path=healthy.path)),
        criteria=split_criteria(raw, criteria.path) if raw else (),
        text=criteria.spanned(),
    )


def _sponsors(module: Node) -> tuple[Sponsor, ...]:
    sponsors: list[Sponsor] = []
    for role, nodes in (
        ("lead", [module["leadSponsor"]]),
        ("collaborator", module["collaborators"]),
    ):
        for node in nodes:
            name = node["name"].spanned()
            if name is not None:
                agency = to_enum(node["class"].text(), AGENCY_CLASSES)
                sponsors.append(Sponsor(name=name, role=role, agency_class=agency))
    return tuple(sponsors)


def _person(node: Node, role: str | None) -> Person:
    name = node["name"].spanned()
    if name is None:
        fail(f"person without a name at {node.path}")
    return Person(
        name=name,
        role=enum_key(role) if role else None,
        affiliation=node["affiliation"].spanned(),
    )


def _site(node: Node) -> Site:
    return Site(
        facility=node["facility"].spanned(),
        city=node["city"].text(),
        state=node["state"].text(),
        country=node["country"].text(),
        status=to_enum(node["status"].text(), STATUSES),
    )


def _references(module: Node) -> tuple[Reference, ...]:
    references: list[Reference] = []
    for item in module["references"]:
        citation = item["citation"].spanned()
        if citation is not None:
            kind = to_enum(item["type"].text(), REFERENCE_TYPES)
            references.append(Reference(citation=citation, pmid=item["pmid"].text(), type=kind))
    return tuple(references)


def _mesh_terms(derived: Node) -> tuple[MeshTerm, ...]:
    terms: list[MeshTerm] = []
    for kind, module in (
        ("condition", derived["conditionBrowseModule"]),
        ("intervention", derived["interventionBrowseModule"]),
    ):
        for ancestor, field in ((False, "meshes"), (True, "ancestors")):
            for item in module[field]:
                ui, term = mesh_id(item["id"].text()), item["term"].text()
                if ui and term:
                    terms.append(MeshTerm(mesh_id=ui, term=term, kind=kind, ancestor=ancestor))
    return tuple(terms)


def _results(section: Node) -> tuple[tuple[ResultOutcome, ...], tuple[AdverseEvent, ...]]:
    outcomes: list[ResultOutcome] = []
    for measure in section["outcomeMeasuresModule"]["outcomeMeasures"]:
        title = measure["title"].text()
        if title is None:
            continue
        groups = tuple(
            ResultGroup(group_id=g["id"].text() or "", title=g["title"].text() or "",
                        description=g["description"].text())
            for g in measure["groups"]
        )  # fmt: skip
        outcomes.append(
            ResultOutcome(
                kind=result_kind(measure["type"].text()),
                title=title,
                param_type=enum_key(measure["paramType"].text() or "") or None,
                unit=measure["unitOfMeasure"].text(),
                time_frame=measure["timeFrame"].text(),
                dispersion=dispersion(measure["dispersionType"].text()),
                groups=groups,
                measurements=_measurements(measure),
            )
        )
    events: list[AdverseEvent] = []
    module = section["adverseEventsModule"]
    for serious, field in ((True, "seriousEvents"), (False, "otherEvents")):
        for event in module[field]:
            term = event["term"].text()
            if term is None:
                continue
            for stats in event["stats"]:
                events.append(
                    AdverseEvent(
                        term=term,
                        serious=serious,
                        group_id=stats["groupId"].text() or "",
                        affected=stats["numAffected"].integer(),
                        at_risk=stats["numAtRisk"].integer(),
                        organ_system=event["organSystem"].text(),
                    )
                )
    return tuple(outcomes), tuple(events)


def _measurements(measure: Node) -> tuple[ResultMeasurement, ...]:
    values: list[ResultMeasurement] = []
    for group in measure["classes"]:
        for category in group["categories"]:
            titles = [t for t in (group["title"].text(), category["title"].text()) if t]
            for m in category["measurements"]:
                value = m["value"].text()
                if value is not None:
                    values.append(
                        ResultMeasurement(
                            group_id=m["groupId"].text() or "",
                            value=value,
                            lower=m["lowerLimit"].text(),
                            upper=m["upperLimit"].text(),
                            category=" / ".join(titles) or None,
                        )
                    )
    return tuple(values)


register(LAYOUT, sniff, extract, "ClinicalTrials.gov API v2 study (JSON, protocolSection)")

__all__ = ["Dialect", "extract", "record_from_study", "sniff"]
