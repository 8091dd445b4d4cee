"""Layout ``ctgov-xml``: a study in the retired legacy XML of ClinicalTrials.gov.

Parsed with defusedxml, DTDs refused. Fields map as in API v2 (:mod:`kg.extractors.ctgov_v2`);
spans carry XPath-like paths (``/clinical_study/condition[2]``, 1-based). Text blocks are
hard-wrapped and indented in this format: descriptions are given unwrapped, the eligibility
text as written (criteria spans are offsets into it). The XML lists MeSH terms without their
ids, so it yields no :class:`MeshTerm`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from kg.extractors._ctgov_common import (
    REFERENCE_RESULT,
    dispersion,
    enrollment_type,
    fail,
    guarded,
    link_arms,
    result_kind,
    split_criteria,
    unwrap,
    yes_no,
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

LAYOUT = "ctgov-xml"
ROOT = "/clinical_study"

_PROLOG = re.compile(
    r"\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*<clinical_study[\s>/]",
    re.S | re.I,
)


def sniff(text: str) -> float:
    """0.95 when the root element (after declaration, comments, DOCTYPE) is ``clinical_study``."""
    return 0.95 if _PROLOG.match(text[:65536]) else 0.0


def _parse(text: str) -> Element:
    try:
        root = SafeET.fromstring(text, forbid_dtd=True)
    except DefusedXmlException:
        fail("XML with DTD or entity declarations is refused")
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        fail(f"malformed XML at line {line} column {column}: {str(exc).split(':')[0]}")
    if root.tag != "clinical_study":
        fail(f"XML whose root is <{root.tag}>, not <clinical_study>")
    return root


class _X:
    """An element and its XPath; child lookups return further ``_X`` or text."""

    __slots__ = ("el", "path")

    def __init__(self, el: Element | None, path: str) -> None:
        self.el = el
        self.path = path

    def __truediv__(self, tag: str) -> _X:
        return _X(None if self.el is None else self.el.find(tag), f"{self.path}/{tag}")

    def all(self, tag: str) -> Iterator[_X]:
        """Every ``tag`` child (``tag`` may be a relative path), each with an indexed path."""
        if self.el is None:
            return
        *parents, last = tag.split("/")
        base = "/".join([self.path, *parents])
        for index, child in enumerate(self.el.findall(tag), start=1):
            yield _X(child, f"{base}/{last}[{index}]")

    def text(self) -> str | None:
        if self.el is None or self.el.text is None:
            return None
        return self.el.text.strip() or None

    def attr(self, name: str) -> str | None:
        return None if self.el is None else (self.el.get(name) or "").strip() or None

    def spanned(self, convert: Callable[[str], str | None] = str) -> Spanned[str] | None:
        text = self.text()
        value = None if text is None else convert(text)
        return None if value is None else Spanned(value, Span(path=self.path))

    def block(self) -> Spanned[str] | None:
        """A ``<textblock>`` child, unwrapped."""
        block = self / "textblock"
        raw = block.el.text if block.el is not None else None
        return Spanned(unwrap(raw), Span(path=block.path)) if raw and raw.strip() else None

    def texts(self, tag: str) -> tuple[Spanned[str], ...]:
        return tuple(s for s in (x.spanned() for x in self.all(tag)) if s is not None)


def _enum(allowed: frozenset[str]) -> Callable[[str], str | None]:
    def convert(text: str) -> str | None:
        text = re.sub(r"\s*\[.*?\]", "", text)  # "Observational [Patient Registry]"
        return to_enum(re.sub(r"(?i)^unknown status$", "Unknown", text), allowed)

    return convert


def _agency(text: str | None) -> str | None:
    """The agency class; the legacy "U.S. Fed" is API v2's FED."""
    return "FED" if enum_key(text or "") == "U_S_FED" else to_enum(text, AGENCY_CLASSES)


def _age(text: str) -> str | None:
    return text if age_in_years(text) is not None else None


@guarded("legacy XML study")
def extract(doc: Document) -> TrialRecord:
    """The trial record of one ``<clinical_study>``."""
    s = _X(_parse(doc.text), ROOT)
    ids = s / "id_info"
    nct_id = (ids / "nct_id").spanned()
    if nct_id is None:
        fail("legacy XML study without clinical_study/id_info/nct_id")
    phase = s / "phase"
    design = s / "study_design_info"
    enrollment = s / "enrollment"
    count = enrollment.text()
    if count is not None and not count.isdigit():
        fail(f"expected a whole number at {enrollment.path}, found {count[:40]!r}")
    arms, interventions = _arms_and_interventions(s)
    outcomes, adverse = _results(s / "clinical_results")
    return TrialRecord(
        title=(s / "brief_title").spanned(),
        nct_id=nct_id,
        official_title=(s / "official_title").spanned(),
        acronym=(s / "acronym").spanned(),
        org_study_ids=ids.texts("org_study_id"),
        secondary_ids=ids.texts("secondary_id"),
        phases=tuple(Spanned(p, Span(path=phase.path)) for p in to_phases(phase.text())),
        status=(s / "overall_status").spanned(_enum(STATUSES)),
        last_known_status=(s / "last_known_status").spanned(_enum(STATUSES)),
        why_stopped=(s / "why_stopped").spanned(),
        enrollment=None if count is None else Spanned(int(count), Span(path=enrollment.path)),
        enrollment_type=enrollment_type(enrollment.attr("type")),
        start_date=(s / "start_date").spanned(to_date),
        primary_completion_date=(s / "primary_completion_date").spanned(to_date),
        completion_date=(s / "completion_date").spanned(to_date),
        last_update=(s / "last_update_posted").spanned(to_date)
        or (s / "lastchanged_date").spanned(to_date),
        study_type=(s / "study_type").spanned(_enum(STUDY_TYPES)),
        design=Design(
            allocation=(design / "allocation").spanned(_enum(ALLOCATIONS)),
            model=(design / "intervention_model").spanned(_enum(MODELS)),
            purpose=(design / "primary_purpose").spanned(_enum(PURPOSES)),
            masking=(design / "masking").spanned(_enum(MASKINGS)),
        ),
        brief_summary=(s / "brief_summary").block(),
        detailed_description=(s / "detailed_description").block(),
        conditions=s.texts("condition"),
        keywords=s.texts("keyword"),
        arms=arms,
        interventions=interventions,
        outcomes=tuple(
            Outcome(
                kind=kind,
                measure=measure,
                time_frame=(o / "time_frame").spanned(),
                description=(o / "description").spanned(),
            )
            for kind in ("primary", "secondary", "other")
            for o in s.all(f"{kind}_outcome")
            if (measure := (o / "measure").spanned()) is not None
        ),
        eligibility=_eligibility(s / "eligibility"),
        sponsors=tuple(
            Sponsor(name=name, role=role, agency_class=_agency((x / "agency_class").text()))
            for role, tag in (("lead", "lead_sponsor"), ("collaborator", "collaborator"))
            for x in s.all(f"sponsors/{tag}")
            if (name := (x / "agency").spanned()) is not None
        ),
        investigators=tuple(_person(x, (x / "role").text()) for x in s.all("overall_official")),
        contacts=tuple(
            _person(x, "CONTACT")
            for tag in ("overall_contact", "overall_contact_backup")
            for x in s.all(tag)
        ),
        sites=tuple(_site(x) for x in s.all("location")),
        references=tuple(
            Reference(citation=citation, pmid=(x / "PMID").text(), type=kind)
            for tag, kind in (("reference", None), ("results_reference", REFERENCE_RESULT))
            for x in s.all(tag)
            if (citation := (x / "citation").spanned()) is not None
        ),
        oversight_fda_regulated=yes_no((s / "oversight_info" / "is_fda_regulated_drug").text()),
        result_outcomes=outcomes,
        adverse_events=adverse,
    )


def _arms_and_interventions(s: _X) -> tuple[tuple[Arm, ...], tuple[Intervention, ...]]:
    arms = tuple(
        Arm(label=label, type=to_enum((x / "arm_group_type").text(), ARM_TYPES),
            description=(x / "description").spanned())
        for x in s.all("arm_group")
        if (label := (x / "arm_group_label").spanned()) is not None
    )  # fmt: skip
    interventions = tuple(
        Intervention(
            name=name,
            type=to_enum((x / "intervention_type").text(), INTERVENTION_TYPES),
            description=(x / "description").spanned(),
            other_names=x.texts("other_name"),
            arm_labels=tuple(t.value for t in x.texts("arm_group_label")),
        )
        for x in s.all("intervention")
        if (name := (x / "intervention_name").spanned()) is not None
    )
    return link_arms(arms, interventions)


def _eligibility(e: _X) -> Eligibility | None:
    if e.el is None:
        return None
    block = e / "criteria" / "textblock"
    raw = block.el.text if block.el is not None else None
    healthy = e / "healthy_volunteers"
    answer = yes_no(healthy.text())
    return Eligibility(
        minimum_age=(e / "minimum_age").spanned(_age),
        maximum_age=(e / "maximum_age").spanned(_age),
        sex=(e / "gender").spanned(_enum(SEXES)),
        healthy_volunteers=None if answer is None else Spanned(answer, Span(path=healthy.path)),
        criteria=split_criteria(raw, block.path, wrapped=True) if raw else (),
        text=Spanned(raw, Span(path=block.path)) if raw and raw.strip() else None,
    )


def _person(x: _X, role: str | None) -> Person:
    name = (x / "last_name").spanned()
    if name is None:
        fail(f"person without a name at {x.path}")
    return Person(
        name=name, role=enum_key(role) if role else None, affiliation=(x / "affiliation").spanned()
    )


def _site(x: _X) -> Site:
    facility = x / "facility"
    address = facility / "address"
    return Site(
        facility=(facility / "name").spanned(),
        city=(address / "city").text(),
        state=(address / "state").text(),
        country=(address / "country").text(),
        status=_enum(STATUSES)((x / "status").text() or ""),
    )


def _number(x: _X, name: str) -> int | None:
    value = x.attr(name)
    if value is not None and not value.isdigit():
        fail(f"expected a whole number at {x.path}/@{name}, found {value[:40]!r}")
    return None if value is None else int(value)


def _results(r: _X) -> tuple[tuple[ResultOutcome, ...], tuple[AdverseEvent, ...]]:
    outcomes: list[ResultOutcome] = []
    for o in r.all("outcome_list/outcome"):
        title, measure = (o / "title").text(), o / "measure"
        if title is None:
            continue
        measurements = [
            ResultMeasurement(
                group_id=m.attr("group_id") or "",
                value=m.attr("value") or "",
                lower=m.attr("lower_limit"),
                upper=m.attr("upper_limit"),
                category=" / ".join(t for t in ((c / "title").text(), (k / "title").text()) if t)
                or None,
            )
            for c in measure.all("class_list/class")
            for k in c.all("category_list/category")
            for m in k.all("measurement_list/measurement")
            if m.attr("value") is not None
        ]
        outcomes.append(
            ResultOutcome(
                kind=result_kind((o / "type").text()),
                title=title,
                param_type=enum_key((measure / "param").text() or "") or None,
                unit=(measure / "units").text(),
                time_frame=(o / "time_frame").text(),
                dispersion=dispersion((measure / "dispersion").text()),
                groups=tuple(
                    ResultGroup(
                        g.attr("group_id") or "",
                        (g / "title").text() or "",
                        (g / "description").text(),
                    )
                    for g in o.all("group_list/group")
                ),
                measurements=tuple(measurements),
            )
        )
    events = tuple(
        AdverseEvent(
            term=term,
            serious=serious,
            group_id=n.attr("group_id") or "",
            affected=_number(n, "subjects_affected"),
            at_risk=_number(n, "subjects_at_risk"),
            organ_system=organ,
        )
        for serious, tag in ((True, "serious_events"), (False, "other_events"))
        for c in r.all(f"reported_events/{tag}/category_list/category")
        if (organ := (c / "title").text()) != "Total"  # the per-group totals row
        for e in c.all("event_list/event")
        if (term := (e / "sub_title").text()) is not None
        for n in e.all("counts")
    )
    return tuple(outcomes), events


register(LAYOUT, sniff, extract, "ClinicalTrials.gov legacy XML study (<clinical_study>)")
