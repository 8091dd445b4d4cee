"""Who and where: sponsors, investigators, contacts, sites and other identifiers of a page.

Each reader walks its section's :class:`~kg.extractors._page_events.Event` list: a name line
opens an entity, the lines and fields after it (a class "INDUSTRY", "Sponsor Role lead",
"Role: PRINCIPAL_INVESTIGATOR", an affiliation, "City, State, Country", "Identifier Source:
org_study_id") complete it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extractors._page_events import (
    Event,
    cell_value,
    contact_data,
    line_value,
    organization_like,
    person_like,
)
from kg.extractors._page_lexicon import countries
from kg.extractors._page_lines import Cell
from kg.extractors._page_values import agency_class, person_role, sponsor_role, status
from kg.records import Person, Site, Span, Spanned, Sponsor

_CLASS_SUFFIX = re.compile(r"\s*[\(\[]([A-Za-z_ .]+)[\)\]]\s*$")
_ZIP = re.compile(r"^(?:\d{3,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$")
_NONE = frozenset({"(none)", "none", "n/a", "na", "-", "not available", "not provided"})


# --------------------------------------------------------------------------- sponsors


def sponsor_from(value: Spanned[str], role: str | None) -> Sponsor | None:
    """ "Merck Sharp & Dohme LLC (Industry)" -> the sponsor, its class from the remark."""
    name = value.value.strip()
    if name.lower() in _NONE or sum(ch.isalpha() for ch in name) < 2:
        return None
    kind = None
    m = _CLASS_SUFFIX.search(name)
    if m and agency_class(m.group(1)):
        kind = agency_class(m.group(1))
        name = name[: m.start()].strip()
    span = value.span
    if span and span.start is not None:
        span = Span(span.start, span.start + len(name)) if value.value.startswith(name) else span
    return Sponsor(Spanned(name, span), role, kind)


def read_sponsors(found: list[Event], default_role: str | None) -> list[Sponsor]:
    """A sponsors (or collaborators) section: names, each followed by its class and role."""
    sponsors: list[Sponsor] = []
    role_context = default_role
    for event in found:
        last = sponsors[-1] if sponsors else None
        if event.kind == "field" and event.field:
            item = event.field
            if item.key == "sponsor_role" and last and isinstance(item.normalized, str):
                sponsors[-1] = Sponsor(last.name, item.normalized, last.agency_class)
            elif item.key == "sponsor_class" and last and isinstance(item.normalized, str):
                sponsors[-1] = Sponsor(last.name, last.role, item.normalized)
            continue
        if event.kind == "row" and event.row:
            name = cell_value(event.row.get("sponsor") or event.row.get("name"))
            role_cell = cell_value(event.row.get("sponsor_role") or event.row.get("role"))
            class_cell = cell_value(event.row.get("sponsor_class") or event.row.get("type"))
            made = (
                sponsor_from(name, sponsor_role(role_cell.value) if role_cell else role_context)
                if name
                else None
            )
            if made:
                kind = agency_class(class_cell.value) if class_cell else made.agency_class
                sponsors.append(Sponsor(made.name, made.role, kind))
            continue
        text = event.text
        if event.kind == "sub":
            role_context = sponsor_role(text) or role_context
            continue
        kind = agency_class(text) if len(text.split()) <= 2 else None
        if kind:
            if last and last.agency_class is None:
                sponsors[-1] = Sponsor(last.name, last.role, kind)
            continue
        value = line_value(event.line)
        if value is None or contact_data(text) or len(text.split()) > 14:
            continue
        made = sponsor_from(value, role_context)
        if made:
            sponsors.append(made)
    return sponsors


# --------------------------------------------------------------------------- people


@dataclass(slots=True)
class _Person:
    name: Spanned[str]
    role: str | None
    affiliation: Spanned[str] | None = None


def person_from(value: Spanned[str], role: str | None) -> Person | None:
    """ "Nong Yang, PhD, Hunan Cancer Hospital" -> name and affiliation; phone/e-mail dropped."""
    parts = [p for p in re.split(r"\s*[,;]\s*", value.value) if p and not contact_data(p)]
    if not parts:
        return None
    cut = next((i for i, p in enumerate(parts) if i and organization_like(p)), len(parts))
    name = ", ".join(parts[:cut])
    start = value.span.start if value.span and value.span.start is not None else None
    name_span = (
        Span(start, start + len(name))
        if start is not None and value.value.startswith(name)
        else value.span
    )
    affiliation = None
    if cut < len(parts):
        aff = ", ".join(parts[cut:])
        pos = value.value.find(aff)
        aff_span = (
            Span(start + pos, start + pos + len(aff))
            if start is not None and pos >= 0
            else value.span
        )
        affiliation = Spanned(aff, aff_span)
    return Person(Spanned(name, name_span), role, affiliation)


def read_people(
    found: list[Event], default_role: str | None, responsible: bool = False
) -> list[Person]:
    """Investigators or contacts: a name, then its role, affiliation, phone (dropped)."""
    people: list[_Person] = []
    keep = True
    for event in found:
        cur = people[-1] if people else None
        if event.kind == "field" and event.field:
            item = event.field
            if item.key == "role" and cur and item.value:
                cur.role = person_role(item.value.value) or cur.role
            elif item.key == "affiliation" and cur and item.value:
                cur.affiliation = item.value
            elif item.key == "responsible_role":
                keep = item.normalized in ("PRINCIPAL_INVESTIGATOR", "SPONSOR_INVESTIGATOR")
                for person in people:
                    person.role = "PRINCIPAL_INVESTIGATOR"
            continue
        if event.kind == "row" and event.row:
            name = cell_value(
                event.row.get("name") or event.row.get("contact") or event.row.get("investigator")
            )
            role = cell_value(event.row.get("role"))
            if name:
                aff = cell_value(event.row.get("affiliation"))
                people.append(
                    _Person(name, (person_role(role.value) if role else None) or default_role, aff)
                )
            continue
        text = event.text
        value = line_value(event.line)
        if value is None or contact_data(text):
            continue
        if person_role(text) and cur and len(text.split()) <= 3:
            cur.role = person_role(text)
        elif person_like(text) and (
            cur is None or cur.affiliation or cur.role or not organization_like(text)
        ):
            people.append(_Person(value, default_role))
        elif cur and cur.affiliation is None and organization_like(text):
            cur.affiliation = value
    if responsible and not keep:
        return []
    return [Person(p.name, p.role, p.affiliation) for p in people]


# --------------------------------------------------------------------------- sites


def _country(parts: list[str]) -> tuple[str | None, int]:
    """The country at the end of an address (possibly "Korea, Republic of") and its width."""
    names = countries()
    if len(parts) >= 2 and f"{parts[-2]}, {parts[-1]}".lower() in names:
        return names[f"{parts[-2]}, {parts[-1]}".lower()], 2
    if parts and parts[-1].lower() in names:
        return names[parts[-1].lower()], 1
    return None, 0


def address(text: str) -> tuple[str | None, str | None, str | None, str | None] | None:
    """ "Beijing, Beijing Municipality, China" -> (facility, city, state, country), or None."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    country, width = _country(parts)
    if country is None and not (len(parts) >= 2 and _ZIP.match(parts[-1])):
        return None
    rest = [p for p in parts[: len(parts) - width] if not _ZIP.match(p)]
    facility = None
    if len(rest) >= 3 or (rest and organization_like(rest[0]) and len(rest) >= 2):
        facility = rest.pop(0)
    city = rest[0] if rest else None
    state = ", ".join(rest[1:]) if len(rest) > 1 else None
    return facility, city, state, country


def read_sites(found: list[Event]) -> list[Site]:
    """A locations section: facility lines, each completed by its address and status."""
    sites: list[Site] = []
    for event in found:
        cur = sites[-1] if sites else None
        if event.kind == "field" and event.field:
            item = event.field
            value = item.value
            if item.key == "facility" and value:
                sites.append(Site(facility=value))
            elif cur and value and item.key in ("city", "state", "country"):
                sites[-1] = _with(cur, **{item.key: value.value})
            elif cur and item.key == "site_status" and isinstance(item.normalized, str):
                sites[-1] = _with(cur, status=item.normalized)
            continue
        if event.kind == "row" and event.row:
            sites.append(_site_row(event.row))
            continue
        text = event.text
        value = line_value(event.line)
        if value is None or contact_data(text) or person_role(text):
            continue
        parsed = address(text)
        if parsed:
            facility, city, state, country = parsed
            if cur is not None and cur.city is None and cur.country is None and facility is None:
                sites[-1] = _with(cur, city=city, state=state, country=country)
            else:
                begin = value.span.start if value.span else None
                span = (
                    Span(begin, begin + len(facility)) if facility and begin is not None else None
                )
                sites.append(
                    Site(Spanned(facility, span) if facility else None, city, state, country)
                )
        elif status(text) and cur is not None and len(text.split()) <= 4:
            sites[-1] = _with(cur, status=status(text))
        elif not text.endswith(".") and len(text.split()) <= 16:
            sites.append(Site(facility=value))
    return sites


def _site_row(row: dict[str | None, Cell]) -> Site:
    cells = {k: cell_value(v) for k, v in row.items()}

    def get(key: str) -> str | None:
        value = cells.get(key)
        return value.value if value else None

    facility = cells.get("facility") or cells.get("name")
    site_status = status(get("site_status") or "") if get("site_status") else None
    return Site(facility, get("city"), get("state"), get("country"), site_status)


def _with(
    site: Site,
    city: str | None = None,
    state: str | None = None,
    country: str | None = None,
    status: str | None = None,
) -> Site:
    """The site with the values given filled in."""
    return Site(
        site.facility,
        city or site.city,
        state or site.state,
        country or site.country,
        status or site.status,
    )


# --------------------------------------------------------------------------- identifiers


@dataclass(slots=True)
class _Id:
    value: Spanned[str]
    source: str | None = None
    extra: list[str] = field(default_factory=list)


def read_identifiers(found: list[Event]) -> tuple[list[Spanned[str]], list[Spanned[str]]]:
    """(org study ids, secondary ids) of an identifiers section."""
    ids: list[_Id] = []
    for event in found:
        if event.kind == "field" and event.field:
            item = event.field
            if item.key == "identifier_source" and ids and item.value:
                ids[-1].source = item.value.value
            elif item.key in ("org_study_id", "secondary_id"):
                for value in item.values:
                    ids.append(
                        _Id(value, "org_study_id" if item.key == "org_study_id" else "secondary")
                    )
            continue
        piece = line_value(event.line)
        if piece and event.kind == "text" and len(piece.value.split()) <= 6:
            ids.append(_Id(piece))
    org = [i.value for i in ids if i.source and "org" in i.source.lower()]
    other = [i.value for i in ids if not (i.source and "org" in i.source.lower())]
    return org, other
