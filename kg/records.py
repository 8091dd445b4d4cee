"""Typed, frozen records passed between stages.

Extractors turn a :class:`Document` into a :class:`TrialRecord`; the free-text
miners in :mod:`kg.text` add mentions, mechanisms, doses and cited results. Every
value carries the :class:`Span` it came from, so each fact in the graph can be
traced back to the characters of its document.

Controlled values use the ClinicalTrials.gov API v2 enumerations whatever the
layout said ("Not yet recruiting" -> ``NOT_YET_RECRUITING``, "Phase 1/Phase 2" ->
``PHASE1`` and ``PHASE2``); dates are ISO strings at the precision given
(``2023-09`` or ``2021-01-30``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T", covariant=True)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a value came from.

    Without ``path``: character offsets ``[start, end)`` into the document text.
    With ``path`` (structured sources): the JSON pointer or XPath of the field, and the
    offsets, when given, are into that field's string value (``None`` = the whole value).
    """

    start: int | None = None
    end: int | None = None
    path: str | None = None

    def shifted(self, offset: int) -> Span:
        """The same span seen from a text that starts ``offset`` characters earlier."""
        if self.start is None or self.end is None:
            return self
        return Span(self.start + offset, self.end + offset, self.path)


@dataclass(frozen=True, slots=True)
class Spanned(Generic[T]):
    """A value and the span of text that stated it."""

    value: T
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One input document, as read by :mod:`kg.ingest`."""

    path: str  # as given on the command line, or "archive.zip!/member.json"
    text: str
    sha256: str
    layout: str  # name of the extractor whose sniffer claimed it

    @property
    def name(self) -> str:
        """The document's file name (last path component, archive member included)."""
        return self.path.replace("!/", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Dose:
    """One drug as given in an intervention or arm: the drug as written and its regimen.

    ``dose``/``dose_high`` hold a single value or a range (``75-80 mg/m2``) or a
    permitted adjustment (8 mg, up to 12 mg); ``alternative_group`` is set on the
    components of "carboplatin or cisplatin" (same number = pick one).
    """

    drug: Spanned[str]
    dose: Decimal | None = None
    dose_high: Decimal | None = None
    unit: str | None = None  # "mg", "mg/m2", "mg/kg", "AUC", ...
    route: str | None = None  # normalized: "oral", "intravenous", "subcutaneous", ...
    schedule: Spanned[str] | None = None  # as written: "once daily on days 1-14 of a 21-day cycle"
    frequency: str | None = None  # "QD", "BID", "Q3W", ...
    cycle_days: int | None = None
    max_dose: Decimal | None = None  # a cap stated beside the dose ("maximal dose 750 mg")
    max_dose_unit: str | None = None
    alternative_group: int | None = None
    text: Spanned[str] | None = None  # the whole phrase the dose was read from


@dataclass(frozen=True, slots=True)
class Intervention:
    name: Spanned[str]
    type: str | None = None  # DRUG, BIOLOGICAL, RADIATION, PROCEDURE, ...
    description: Spanned[str] | None = None
    other_names: tuple[Spanned[str], ...] = ()
    arm_labels: tuple[str, ...] = ()
    components: tuple[Dose, ...] = ()  # filled by kg.text.dosing when the pipeline enriches
    stated_in_aim: bool = False  # no intervention list: taken from the study's stated aim


@dataclass(frozen=True, slots=True)
class Arm:
    label: Spanned[str]
    type: str | None = None  # EXPERIMENTAL, ACTIVE_COMPARATOR, PLACEBO_COMPARATOR, ...
    description: Spanned[str] | None = None
    intervention_names: tuple[str, ...] = ()  # plain names, "Drug: " prefixes removed


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str  # "primary" | "secondary" | "other"
    measure: Spanned[str]
    time_frame: Spanned[str] | None = None
    description: Spanned[str] | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    kind: str  # "inclusion" | "exclusion"
    text: Spanned[str]
    ordinal: int  # 1-based position within its list


@dataclass(frozen=True, slots=True)
class Eligibility:
    minimum_age: Spanned[str] | None = None  # as written: "18 Years"
    maximum_age: Spanned[str] | None = None
    sex: Spanned[str] | None = None  # ALL | FEMALE | MALE
    healthy_volunteers: Spanned[bool] | None = None
    criteria: tuple[Criterion, ...] = ()
    text: Spanned[str] | None = None  # the whole criteria block as written


@dataclass(frozen=True, slots=True)
class Sponsor:
    name: Spanned[str]
    role: str | None = None  # "lead" | "collaborator" | None when the document does not say
    agency_class: str | None = None  # INDUSTRY | OTHER | NIH | OTHER_GOV | NETWORK | FED | ...


@dataclass(frozen=True, slots=True)
class Person:
    name: Spanned[str]
    role: str | None = None  # PRINCIPAL_INVESTIGATOR, STUDY_CHAIR, CONTACT, ...
    affiliation: Spanned[str] | None = None


@dataclass(frozen=True, slots=True)
class Site:
    facility: Spanned[str] | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    citation: Spanned[str]
    pmid: str | None = None
    type: str | None = None  # BACKGROUND | RESULT | DERIVED


@dataclass(frozen=True, slots=True)
class MeshTerm:
    """A MeSH heading the registry itself attached (v2 ``derivedSection``)."""

    mesh_id: str  # "D002289" (zero padding removed)
    term: str
    kind: str  # "condition" | "intervention"
    ancestor: bool = False


@dataclass(frozen=True, slots=True)
class Design:
    allocation: Spanned[str] | None = None  # RANDOMIZED | NON_RANDOMIZED | NA
    model: Spanned[str] | None = None  # SINGLE_GROUP | PARALLEL | CROSSOVER | ...
    purpose: Spanned[str] | None = None  # TREATMENT | PREVENTION | ...
    masking: Spanned[str] | None = None  # NONE | SINGLE | DOUBLE | TRIPLE | QUADRUPLE


@dataclass(frozen=True, slots=True)
class Mention:
    """A drug, drug class or target named in free text."""

    surface: Spanned[str]
    context: str  # "background" | "eligibility" | "cited-result" | "aim" | "arm" | "intervention"


@dataclass(frozen=True, slots=True)
class MechanismStatement:
    """The document states that ``drug`` acts on ``targets`` (surface forms, unresolved)."""

    drug: Spanned[str]
    targets: tuple[Spanned[str], ...]
    action: str  # ChEMBL action type, lowercase: "inhibitor", "antagonist", ...
    sentence: Spanned[str]


@dataclass(frozen=True, slots=True)
class CitedResult:
    """A number the document quotes from an earlier or other study."""

    measure: str  # canonical: ORR, DCR, PFS, OS, HR, ...
    value: Decimal
    sentence: Spanned[str]
    study: Spanned[str] | None = None  # "AK105-201", "CheckMate 057", "Wang et al."
    value_high: Decimal | None = None  # a range "76% to 80%"
    unit: str | None = None  # "%", "months", ...
    statistic: str | None = None  # "median", "rate", "ratio", ...
    ci_low: Decimal | None = None
    ci_high: Decimal | None = None
    ci_level: Decimal | None = None
    comparator_value: Decimal | None = None
    regimen: tuple[Spanned[str], ...] = ()  # drugs / classes the result is about
    population: str | None = None
    value_span: Span | None = None
    measure_match: str = "exact"  # "exact" | "synonym" | "fuzzy"


@dataclass(frozen=True, slots=True)
class ResultGroup:
    group_id: str
    title: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class ResultMeasurement:
    """One value of a posted results section (v2 ``outcomeMeasuresModule``)."""

    group_id: str
    value: str
    lower: str | None = None
    upper: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class ResultOutcome:
    kind: str  # PRIMARY | SECONDARY | OTHER_PRE_SPECIFIED | POST_HOC
    title: str
    param_type: str | None = None  # MEAN | MEDIAN | COUNT_OF_PARTICIPANTS | ...
    unit: str | None = None
    time_frame: str | None = None
    dispersion: str | None = None
    groups: tuple[ResultGroup, ...] = ()
    measurements: tuple[ResultMeasurement, ...] = ()


@dataclass(frozen=True, slots=True)
class AdverseEvent:
    term: str
    serious: bool
    group_id: str
    affected: int | None = None
    at_risk: int | None = None
    organ_system: str | None = None


@dataclass(frozen=True, slots=True)
class TrialRecord:
    """Everything one document says about one trial."""

    title: Spanned[str] | None = None
    nct_id: Spanned[str] | None = None
    official_title: Spanned[str] | None = None
    acronym: Spanned[str] | None = None
    org_study_ids: tuple[Spanned[str], ...] = ()
    secondary_ids: tuple[Spanned[str], ...] = ()
    phases: tuple[Spanned[str], ...] = ()
    status: Spanned[str] | None = None
    last_known_status: Spanned[str] | None = None
    why_stopped: Spanned[str] | None = None
    enrollment: Spanned[int] | None = None
    enrollment_type: str | None = None  # ACTUAL | ESTIMATED
    start_date: Spanned[str] | None = None
    primary_completion_date: Spanned[str] | None = None
    completion_date: Spanned[str] | None = None
    last_update: Spanned[str] | None = None
    study_type: Spanned[str] | None = None  # INTERVENTIONAL | OBSERVATIONAL | EXPANDED_ACCESS
    design: Design = field(default_factory=Design)
    brief_summary: Spanned[str] | None = None
    detailed_description: Spanned[str] | None = None
    conditions: tuple[Spanned[str], ...] = ()
    keywords: tuple[Spanned[str], ...] = ()
    arms: tuple[Arm, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    eligibility: Eligibility | None = None
    sponsors: tuple[Sponsor, ...] = ()
    investigators: tuple[Person, ...] = ()
    contacts: tuple[Person, ...] = ()
    sites: tuple[Site, ...] = ()
    related_ncts: tuple[Spanned[str], ...] = ()
    references: tuple[Reference, ...] = ()
    mesh_terms: tuple[MeshTerm, ...] = ()
    oversight_fda_regulated: bool | None = None
    # filled by the free-text miners (kg.text) when the pipeline enriches the record
    mentions: tuple[Mention, ...] = ()
    mechanisms: tuple[MechanismStatement, ...] = ()
    cited_results: tuple[CitedResult, ...] = ()
    # posted results (API v2 resultsSection)
    result_outcomes: tuple[ResultOutcome, ...] = ()
    adverse_events: tuple[AdverseEvent, ...] = ()


class ExtractionError(ValueError):
    """The document cannot be read as a clinical trial; the message says why, in one line."""
