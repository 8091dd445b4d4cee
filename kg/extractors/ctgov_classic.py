"""Layout ``ctgov-classic``: a study from the retired ClinicalTrials.gov classic API (JSON).

The classic API served the same data model as API v2 in PascalCase, with lists wrapped in
``XList/X`` objects and fields prefixed by their container (``LeadSponsor/LeadSponsorName``).
:data:`CLASSIC` spells the v2 names that way, so the mapping is
:func:`kg.extractors.ctgov_v2.record_from_study`'s. A document is a whole
``FullStudiesResponse`` (its first study is read), a bare ``{"Study": {...}}`` or a bare
``{"ProtocolSection": ...}``; spans are JSON pointers into that document.
"""

from __future__ import annotations

from kg.extractors._ctgov_common import Dialect, Node, fail, guarded, load_json
from kg.extractors.ctgov_v2 import record_from_study
from kg.extractors.registry import register
from kg.records import Document, TrialRecord

LAYOUT = "ctgov-classic"

_P = "protocolSection"
_R = "resultsSection"
_D = "derivedSection"


def _list(item: str, prefix: str | None = None) -> tuple[str, str]:
    """``XList/X`` whose fields are prefixed ``X`` (or ``prefix``)."""
    return f"{item}List/{item}", item if prefix is None else prefix


#: API v2 logical path -> (classic path below the parent, prefix of the container's fields)
CONTAINERS: dict[str, tuple[str, str]] = {
    f"{_P}/identificationModule/orgStudyIdInfo": ("OrgStudyIdInfo", "OrgStudy"),
    f"{_P}/identificationModule/secondaryIdInfos": _list("SecondaryIdInfo", "Secondary"),
    f"{_P}/statusModule/startDateStruct": ("StartDateStruct", "Start"),
    f"{_P}/statusModule/primaryCompletionDateStruct": (
        "PrimaryCompletionDateStruct",
        "PrimaryCompletion",
    ),
    f"{_P}/statusModule/completionDateStruct": ("CompletionDateStruct", "Completion"),
    f"{_P}/statusModule/lastUpdatePostDateStruct": ("LastUpdatePostDateStruct", "LastUpdatePost"),
    f"{_P}/statusModule/expandedAccessInfo": ("ExpandedAccessInfo", "ExpandedAccess"),
    f"{_P}/sponsorCollaboratorsModule/leadSponsor": ("LeadSponsor", "LeadSponsor"),
    f"{_P}/sponsorCollaboratorsModule/collaborators": _list("Collaborator"),
    f"{_P}/conditionsModule/conditions": _list("Condition"),
    f"{_P}/conditionsModule/keywords": _list("Keyword"),
    f"{_P}/designModule/phases": _list("Phase"),
    f"{_P}/designModule/designInfo": ("DesignInfo", "Design"),
    f"{_P}/designModule/designInfo/maskingInfo": ("DesignMaskingInfo", "Design"),
    f"{_P}/designModule/enrollmentInfo": ("EnrollmentInfo", "Enrollment"),
    f"{_P}/armsInterventionsModule/armGroups": _list("ArmGroup"),
    f"{_P}/armsInterventionsModule/armGroups/interventionNames": (
        "ArmGroupInterventionList/ArmGroupInterventionName",
        "",
    ),
    f"{_P}/armsInterventionsModule/interventions": _list("Intervention"),
    f"{_P}/armsInterventionsModule/interventions/otherNames": _list("InterventionOtherName"),
    f"{_P}/armsInterventionsModule/interventions/armGroupLabels": _list(
        "InterventionArmGroupLabel"
    ),
    f"{_P}/outcomesModule/primaryOutcomes": _list("PrimaryOutcome"),
    f"{_P}/outcomesModule/secondaryOutcomes": _list("SecondaryOutcome"),
    f"{_P}/outcomesModule/otherOutcomes": _list("OtherOutcome"),
    f"{_P}/contactsLocationsModule/centralContacts": _list("CentralContact"),
    f"{_P}/contactsLocationsModule/overallOfficials": _list("OverallOfficial"),
    f"{_P}/contactsLocationsModule/locations": _list("Location"),
    f"{_P}/referencesModule/references": _list("Reference"),
    f"{_D}/conditionBrowseModule/meshes": _list("ConditionMesh"),
    f"{_D}/conditionBrowseModule/ancestors": _list("ConditionAncestor"),
    f"{_D}/interventionBrowseModule/meshes": _list("InterventionMesh"),
    f"{_D}/interventionBrowseModule/ancestors": _list("InterventionAncestor"),
    f"{_R}/outcomeMeasuresModule/outcomeMeasures": _list("OutcomeMeasure"),
    f"{_R}/outcomeMeasuresModule/outcomeMeasures/groups": _list("OutcomeGroup"),
    f"{_R}/outcomeMeasuresModule/outcomeMeasures/classes": _list("OutcomeClass"),
    f"{_R}/outcomeMeasuresModule/outcomeMeasures/classes/categories": _list("OutcomeCategory"),
    f"{_R}/outcomeMeasuresModule/outcomeMeasures/classes/categories/measurements": _list(
        "OutcomeMeasurement"
    ),
    f"{_R}/adverseEventsModule/seriousEvents": _list("SeriousEvent"),
    f"{_R}/adverseEventsModule/seriousEvents/stats": _list("SeriousEventStats"),
    f"{_R}/adverseEventsModule/otherEvents": _list("OtherEvent"),
    f"{_R}/adverseEventsModule/otherEvents/stats": _list("OtherEventStats"),
}

#: field names that are not the PascalCase of their API v2 name
WORDS = {
    "nctId": "NCTId",
    "pmid": "PMID",
    "isFdaRegulatedDrug": "IsFDARegulatedDrug",
    "sex": "Gender",
}

CLASSIC = Dialect(pascal=True, containers=CONTAINERS, words=WORDS)


def _study(value: object) -> tuple[object, str] | None:
    """The study object in a classic API document and its JSON pointer (None: not one)."""
    if not isinstance(value, dict):
        return None
    response = value.get("FullStudiesResponse")
    if isinstance(response, dict):
        studies = response.get("FullStudies")
        if not isinstance(studies, list) or not studies:
            fail("classic API FullStudiesResponse without any FullStudies")
        first = studies[0]
        if not isinstance(first, dict) or not isinstance(first.get("Study"), dict):
            fail("classic API FullStudies/0 without a Study object")
        return first["Study"], "/FullStudiesResponse/FullStudies/0/Study"
    if isinstance(value.get("Study"), dict):
        return value["Study"], "/Study"
    if isinstance(value.get("ProtocolSection"), dict):
        return value, ""
    return None


def sniff(text: str) -> float:
    """0.95 for a classic API document whose study has an IdentificationModule."""
    head = text.lstrip()[:200]
    if not head.startswith("{") or not any(
        key in text for key in ('"FullStudiesResponse"', '"ProtocolSection"')
    ):
        return 0.0
    try:
        found = _study(load_json(text))
    except ValueError:  # malformed JSON, or a response without studies: claim it to say so
        return 0.6 if '"FullStudiesResponse"' in head else 0.0
    if found is None or not isinstance(found[0], dict):
        return 0.0
    protocol = found[0].get("ProtocolSection")
    if not isinstance(protocol, dict):
        return 0.0
    return 0.95 if isinstance(protocol.get("IdentificationModule"), dict) else 0.6


@guarded("classic API study")
def extract(doc: Document) -> TrialRecord:
    """The trial record of the (first) study in a classic API document."""
    found = _study(load_json(doc.text))
    if found is None:
        fail("classic API document without FullStudiesResponse, Study or ProtocolSection")
    study, pointer = found
    return record_from_study(Node(study, pointer, CLASSIC), "classic API study")


register(LAYOUT, sniff, extract, "ClinicalTrials.gov classic API study (JSON, PascalCase)")
