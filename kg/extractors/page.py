"""Layout "registry-page": a text or markdown page about one trial, in any site's wording.

The page is read by meaning and structure, not by the wording of known sites:

1. lines with their offsets, list markers and table cells (:mod:`._page_lines`);
2. sections cut at headings the heading lexicon knows, the site's explanatory sentence under
   each heading dropped (:mod:`._page_sections`);
3. labelled fields, from the label lexicon: "Key: value", "Key value", a value on the next
   line, ``| Field | Value |`` rows (:mod:`._page_fields`);
4. values recognised by form where no label is given: "COMPLETED", "PHASE2",
   "65 participants", dates, "SINGLE_GROUP", "18 Years" (:mod:`._page_record`);
5. entities of each section: arms and interventions, eligibility criteria, outcomes,
   sponsors, people, sites, identifiers, related trials.

Every value carries the span of ``doc.text`` it was read from.
"""

from __future__ import annotations

from kg.extractors import _page_arms as arms_mod
from kg.extractors import _page_eligibility as elig
from kg.extractors import _page_outcomes as outcomes_mod
from kg.extractors import _page_parties as parties
from kg.extractors._page_analysis import Page, analyse, confidence, has_trial_fields
from kg.extractors._page_events import Event, events, line_value, norm_name, text_span
from kg.extractors._page_fields import Field, list_pieces
from kg.extractors._page_lexicon import qualifier
from kg.extractors._page_lines import Line
from kg.extractors._page_record import Values, by_form, dates, title_line
from kg.extractors._page_values import NCT
from kg.extractors.registry import register
from kg.records import (
    Design,
    Document,
    Eligibility,
    ExtractionError,
    Outcome,
    Person,
    Site,
    Span,
    Spanned,
    Sponsor,
    TrialRecord,
)
from kg.text.endpoints import stated_outcomes
from kg.text.title_conditions import conditions_of_title

LAYOUT = "registry-page"
_PEOPLE_FIELDS = {
    "investigator": "PRINCIPAL_INVESTIGATOR",
    "study_chair": "STUDY_CHAIR",
    "study_director": "STUDY_DIRECTOR",
    "contact": "CONTACT",
}
_SPONSOR_FIELDS = {"sponsor": None, "lead_sponsor": "lead", "collaborator": "collaborator"}


def sniff(text: str) -> float:
    """How sure we are that ``text`` is a page about one trial (0 for JSON, XML, CSV)."""
    head = text.lstrip()[:1]
    if head in ("{", "[", "<") or not text.strip():
        return 0.0
    return confidence(analyse(text))


def extract(doc: Document) -> TrialRecord:
    """The trial record of a page; ExtractionError when the page states no trial field."""
    page = analyse(doc.text)
    if not has_trial_fields(page):
        raise ExtractionError("no trial fields found: no trial section heading or labelled field")
    return _record(doc.text, page)


def _record(text: str, page: Page) -> TrialRecord:
    values = Values(page.fields)
    for name in ("preamble", "basic", "design", "other"):
        for lines in page.section_lines(name):
            by_form(values, lines, name)
    facts = _facts(values)
    for lines in [
        *page.section_lines("eligibility"),
        *page.section_lines("inclusion"),
        *page.section_lines("exclusion"),
    ]:
        elig.unlabeled_facts(lines, facts)
    registry = arms_mod.Registry()
    for lines in page.section_lines("interventions"):
        arms_mod.read_interventions(text, events(lines), registry)
    for item in values.all("interventions", "intervention"):
        if item.line.section not in ("arms", "interventions"):
            for value in item.values:
                for piece, kind in arms_mod.typed_names(value):
                    registry.add(piece, kind)
    arm_list = [
        a
        for lines in page.section_lines("arms")
        for a in arms_mod.read_arms(text, events(lines), registry)
    ]
    arm_list.extend(arms_mod.read_arms(text, _loose_arm_fields(page), registry))
    arms, interventions = arms_mod.build(text, registry, arm_list)
    nct = _nct(values, page)
    found_dates = dates(values)
    enrollment = values.spanned("enrollment")
    summary = _text_field(values, page, "brief_summary", "summary")
    title = _title(values, page)
    description = _text_field(values, page, "detailed_description", "description")
    return TrialRecord(
        title=title,
        nct_id=nct,
        official_title=_text_field(values, page, "official_title", "official_title"),
        acronym=_str(values.spanned("acronym")),
        org_study_ids=_ids(values, page)[0],
        secondary_ids=_ids(values, page)[1],
        phases=_phases(values),
        status=_str(values.spanned("status")),
        last_known_status=_str(values.spanned("last_known_status")),
        why_stopped=_str(values.spanned("why_stopped")),
        enrollment=Spanned(int(enrollment.value), enrollment.span)
        if enrollment and isinstance(enrollment.value, int)
        else None,
        enrollment_type=_enrollment_type(values),
        start_date=_str(found_dates["start_date"]),
        primary_completion_date=_str(found_dates["primary_completion_date"]),
        completion_date=_str(found_dates["completion_date"]),
        last_update=_str(values.spanned("last_update")),
        study_type=_str(values.spanned("study_type")),
        design=Design(
            *(_str(values.spanned(k)) for k in ("allocation", "model", "purpose", "masking"))
        ),
        brief_summary=summary,
        detailed_description=description,
        # no condition list: the disease the title names ("... for Patients With SCLC")
        conditions=_listed(values, page, "conditions", "conditions")
        or conditions_of_title(text, title),
        keywords=_listed(values, page, "keywords", "keywords"),
        arms=arms,
        interventions=interventions,
        outcomes=_outcomes(text, values, page) or stated_outcomes(text, (summary, description)),
        eligibility=_eligibility(text, values, page, facts),
        sponsors=_sponsors(values, page),
        investigators=_people(values, page, "investigators"),
        contacts=_people(values, page, "contacts"),
        sites=_sites(page),
        related_ncts=_related(page, nct.value if nct else None),
        oversight_fda_regulated=_bool(values.field("fda_regulated")),
    )


_ARM_KEYS = frozenset(
    {
        "arm",
        "arm_type",
        "description",
        "interventions",
        "intervention",
        "intervention_type",
        "other_names",
    }
)


def _loose_arm_fields(page: Page) -> list[Event]:
    """ "Arm: X" / "Arm Type: Y" / "Interventions: Z" fields outside an arms section."""
    found: list[Event] = []
    collecting = False
    for item in page.fields:
        if item.line.section in ("arms", "interventions"):
            collecting = False
            continue
        collecting = item.key == "arm" or (collecting and item.key in _ARM_KEYS)
        if collecting:
            found.append(Event("field", item.line, field=item))
    return found


def _str(value: Spanned[object] | None) -> Spanned[str] | None:
    if value is None or not isinstance(value.value, str) or not value.value:
        return None
    return Spanned(value.value, value.span)


def _bool(item: Field | None) -> bool | None:
    return item.normalized if item is not None and isinstance(item.normalized, bool) else None


def _phases(values: Values) -> tuple[Spanned[str], ...]:
    found = values.spanned("phase")
    if found is None or not isinstance(found.value, tuple):
        return ()
    return tuple(Spanned(str(p), found.span) for p in found.value)


def _enrollment_type(values: Values) -> str | None:
    item = values.field("enrollment")
    if item is None:
        return None
    return item.qualifier or (qualifier(item.value.value) if item.value else None)


def _title(values: Values, page: Page) -> Spanned[str] | None:
    item = values.field("title")
    if item is not None and item.value:
        return item.value
    for lines in page.section_lines("title"):
        if lines:
            return line_value(lines[0])
    return title_line(page.preamble)


def _nct(values: Values, page: Page) -> Spanned[str] | None:
    """The trial's own id: labelled, else stated in the title area; never a related trial's."""
    for key in ("nct_id", "trial_id", "url"):
        for item in values.all(key):
            for value in item.values:
                m = NCT.search(value.value.upper())
                if m and value.span and value.span.start is not None:
                    offset = value.span.start + value.value.upper().find(m.group())
                    return Spanned(m.group(), Span(offset, offset + 11))
    for line in page.preamble:
        m = NCT.search(line.text)
        if m and not line.used:
            return Spanned(m.group(), Span(line.start + m.start(), line.start + m.end()))
    unlabeled = values.unlabeled.get("nct_id")
    return _str(unlabeled[0]) if unlabeled else None


def _text_field(values: Values, page: Page, key: str, section: str) -> Spanned[str] | None:
    item = values.field(key)
    if item is not None and item.value:
        return item.value
    for lines in page.section_lines(section):
        content = [ln for ln in lines if not (ln.chrome or ln.used)]
        span = text_span(page.text, content)
        if span:
            return span
    if key == "detailed_description":
        for item in values.all("description"):
            if item.line.section in ("preamble", "basic", "other") and item.value:
                return item.value
    return None


def _listed(values: Values, page: Page, key: str, section: str) -> tuple[Spanned[str], ...]:
    found: list[Spanned[str]] = [v for item in values.all(key) for v in item.values]
    for lines in page.section_lines(section):
        for line in lines:
            if line.used or line.chrome or line.meta.get("field"):
                continue
            found.extend(_split_list(page.text, line))
    return tuple(_dedupe(found))


def _split_list(text: str, line: Line) -> list[Spanned[str]]:
    return list_pieces(text, line.body, line.end)


def _dedupe(values: list[Spanned[str]]) -> list[Spanned[str]]:
    seen: dict[str, Spanned[str]] = {}
    for value in values:
        seen.setdefault(norm_name(value.value), value)
    return [v for k, v in seen.items() if k]


def _ids(values: Values, page: Page) -> tuple[tuple[Spanned[str], ...], tuple[Spanned[str], ...]]:
    org: list[Spanned[str]] = []
    other: list[Spanned[str]] = []
    for lines in page.section_lines("identifiers"):
        found_org, found_other = parties.read_identifiers(events(lines))
        org.extend(found_org)
        other.extend(found_other)
    for item in values.all("org_study_id", "secondary_id", "trial_id"):
        if item.line.section == "identifiers":
            continue
        for value in item.values:
            if item.key == "trial_id" and NCT.search(value.value.upper()):
                continue
            (org if item.key == "org_study_id" else other).append(value)
    return tuple(_dedupe(org)), tuple(_dedupe(other))


def _sponsors(values: Values, page: Page) -> tuple[Sponsor, ...]:
    found: list[tuple[int, Sponsor]] = []
    for name, role in (("sponsors", None), ("collaborators", "collaborator")):
        for lines in page.section_lines(name):
            for sponsor in parties.read_sponsors(events(lines), role):
                found.append((lines[0].start if lines else 0, sponsor))
    for key, role in _SPONSOR_FIELDS.items():
        for item in values.all(key):
            for value in item.values:
                made = parties.sponsor_from(value, role)
                if made:
                    found.append((item.line.start, made))
    found.sort(key=lambda pair: pair[0])
    merged: dict[str, Sponsor] = {}
    for _, sponsor in found:
        key = norm_name(sponsor.name.value)
        old = merged.get(key)
        merged[key] = (
            sponsor
            if old is None
            else Sponsor(
                old.name, old.role or sponsor.role, old.agency_class or sponsor.agency_class
            )
        )
    result = list(merged.values())
    kind = values.field("sponsor_class")
    if kind is not None and kind.line.section not in ("sponsors", "collaborators") and result:
        lead = next((i for i, s in enumerate(result) if s.role != "collaborator"), 0)
        if result[lead].agency_class is None and isinstance(kind.normalized, str):
            result[lead] = Sponsor(result[lead].name, result[lead].role, kind.normalized)
    return tuple(result)


def _people(values: Values, page: Page, group: str) -> tuple[Person, ...]:
    found: list[Person] = []
    if group == "investigators":
        for lines in page.section_lines("investigators"):
            heading = page.heading_text(lines)
            role = "PRINCIPAL_INVESTIGATOR" if "principal" in heading.lower() else None
            found.extend(parties.read_people(events(lines), role))
        for lines in page.section_lines("responsible"):
            found.extend(parties.read_people(events(lines), None, responsible=True))
    else:
        for lines in page.section_lines("contacts"):
            people = parties.read_people(events(lines), "CONTACT")
            found.extend(Person(p.name, p.role or "CONTACT", p.affiliation) for p in people)
    for key, role in _PEOPLE_FIELDS.items():
        if (role == "CONTACT") != (group == "contacts"):
            continue
        for item in values.all(key):
            for value in item.values:
                person = parties.person_from(value, role)
                if person:
                    found.append(person)
    merged: dict[str, Person] = {}
    for person in found:
        merged.setdefault(norm_name(person.name.value), person)
    return tuple(merged.values())


def _sites(page: Page) -> tuple[Site, ...]:
    sites = [
        s for lines in page.section_lines("locations") for s in parties.read_sites(events(lines))
    ]
    if not sites:
        for lines in page.section_lines("countries"):
            for line in lines:
                country = (
                    parties.address(f"x, {line.text}") if not (line.chrome or line.used) else None
                )
                if country and country[3]:
                    sites.append(Site(country=country[3]))
    return tuple(sites)


def _related(page: Page, own: str | None) -> tuple[Spanned[str], ...]:
    found: dict[str, Spanned[str]] = {}
    for lines in page.section_lines("related"):
        for line in lines:
            for m in NCT.finditer(line.text):
                if m.group() != own:
                    found.setdefault(
                        m.group(),
                        Spanned(m.group(), Span(line.start + m.start(), line.start + m.end())),
                    )
    return tuple(found.values())


def _outcomes(text: str, values: Values, page: Page) -> tuple[Outcome, ...]:
    found: list[Outcome] = []
    for name in ("primary_outcomes", "secondary_outcomes", "other_outcomes", "outcomes"):
        for lines in page.section_lines(name):
            found.extend(outcomes_mod.read(text, name, events(lines)))
    for key, kind in outcomes_mod.FIELD_KINDS.items():
        for item in values.all(key):
            if "outcome" in item.line.section:
                continue
            for value in item.values:
                measure, tf = outcomes_mod.split_measure(value)
                found.append(Outcome(kind, measure, tf))
    order = {"primary": 0, "secondary": 1, "other": 2}
    return tuple(sorted(found, key=lambda o: order.get(o.kind, 3)))


def _facts(values: Values) -> elig.Facts:
    facts = elig.Facts()
    for key in ("min_age", "max_age"):
        item = values.field(key)
        if item is not None and item.value and elig.age_value(item.value.value):
            value = Spanned(str(elig.age_value(item.value.value)), item.value.span)
            setattr(facts, "minimum_age" if key == "min_age" else "maximum_age", value)
    item = values.field("age_range")
    if item is not None and item.value:
        elig.age_range(item.value, facts)
    sex = values.spanned("sex")
    facts.sex = _str(sex)
    healthy = values.spanned("healthy_volunteers")
    if healthy is not None and isinstance(healthy.value, bool):
        facts.healthy_volunteers = Spanned(healthy.value, healthy.span)
    return facts


def _eligibility(text: str, values: Values, page: Page, facts: elig.Facts) -> Eligibility | None:
    sections = {
        name: [ln for lines in page.section_lines(name) for ln in lines] for name in elig_sections()
    }
    headings = [
        s.heading for s in page.sections if s.name in ("inclusion", "exclusion") and s.heading
    ]
    inline = values.field("criteria")
    return elig.read(text, sections, headings, inline.value if inline else None, facts)


def elig_sections() -> tuple[str, ...]:
    return ("eligibility", "inclusion", "exclusion")


register(
    LAYOUT,
    sniff,
    extract,
    "a text or markdown page about one trial (registry mirror, markdown, Key: value)",
)
