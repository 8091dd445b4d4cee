"""Run the shared free-text miners over a record's free-text fields.

Every layout's record goes through here, so a mechanism sentence or a quoted result is
found the same way in a registry JSON and in a copied page. Spans the miners return are
relative to the field they read; they are rebased onto the document (or onto the field's
JSON path) before they leave.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import TypeVar

from kg.normalize.lexicon import Lexicon
from kg.normalize.spotter import LexiconSpotter
from kg.records import (
    CitedResult,
    Dose,
    Intervention,
    MechanismStatement,
    Mention,
    Span,
    Spanned,
    TrialRecord,
)
from kg.text.aims import mine_aim
from kg.text.dosing import parse_doses
from kg.text.evidence import mine_cited_results
from kg.text.mechanisms import mine_mechanisms
from kg.text.mentions import mine_mentions
from kg.text.spots import Spot

R = TypeVar("R")

DRUGISH = ("drug", "drug-class")


def enrich(record: TrialRecord, lexicon: Lexicon) -> TrialRecord:
    """The record with mentions, mechanisms, cited results and doses filled in."""
    spotter = LexiconSpotter(lexicon)
    drug_spotter = LexiconSpotter(lexicon, DRUGISH)
    background = [f for f in (record.brief_summary, record.detailed_description) if f and f.value]
    mechanisms: list[MechanismStatement] = []
    cited: list[CitedResult] = []
    mentions: list[Mention] = []
    seen: set[tuple[str, str]] = set()
    for field in background:
        for m in mine_mechanisms(field.value, spotter):
            if (m.drug.value, m.sentence.value) not in seen:
                seen.add((m.drug.value, m.sentence.value))
                mechanisms.append(rebase(m, field.span))
        cited.extend(rebase(c, field.span) for c in mine_cited_results(field.value, spotter))
        mentions.extend(
            rebase(x, field.span) for x in mine_mentions(field.value, drug_spotter, "background")
        )
    if record.eligibility:
        for criterion in record.eligibility.criteria:
            found = mine_mentions(criterion.text.value, drug_spotter, "eligibility")
            mentions.extend(rebase(x, criterion.text.span) for x in found)
    interventions = tuple(_dosed(iv, record, drug_spotter) for iv in record.interventions)
    if not interventions:
        interventions = _from_aim(background, drug_spotter, lexicon)
    return dataclasses.replace(
        record,
        interventions=interventions,
        mechanisms=tuple(mechanisms),
        cited_results=tuple(cited),
        mentions=tuple(mentions),
    )


def _dosed(iv: Intervention, record: TrialRecord, spotter: LexiconSpotter) -> Intervention:
    """An intervention with a dose component per drug it names.

    The doses come from the intervention's description, else from the descriptions of
    its arms, else from the brief summary or detailed description.
    """
    if iv.components:
        return iv
    names = spotter.spot(iv.name.value)
    sources: list[Spanned[str]] = [f for f in (iv.description,) if f]
    sources += [
        a.description
        for a in record.arms
        if a.description and _arm_has(a.label.value, a.intervention_names, iv)
    ]
    sources += [f for f in (record.brief_summary, record.detailed_description) if f]
    components: list[Dose] = []
    wanted = {s.ids for s in names}
    have: set[tuple[str, ...]] = set()  # drugs of the components so far
    undosed: dict[tuple[str, ...], int] = {}  # ... read from the description with no dose
    for source in sources:
        doses = [rebase(d, source.span) for d in parse_doses(source.value, spotter)]
        if source is iv.description and not wanted:
            components = doses
            break
        for dose in doses:
            ids = _drug_ids(dose, spotter)
            if not ids & wanted or ids & have:
                continue
            pending = next((undosed[i] for i in ids if i in undosed), None)
            if pending is not None:  # the description named it; a later text doses it
                if dose.dose is not None:
                    components[pending] = _filled(components[pending], dose)
                    have |= ids
                continue
            if dose.dose is not None:
                components.append(dose)
                have |= ids
            elif source is iv.description:
                undosed.update(dict.fromkeys(ids, len(components)))
                components.append(dose)
        if have >= wanted:
            break
    have |= set(undosed)
    for spot in names:  # a drug of the name with no dose found anywhere still counts
        if spot.ids not in have:
            surface = Spanned(spot.surface, Span(spot.start, spot.end))
            components.append(Dose(drug=rebase(surface, iv.name.span)))
    return dataclasses.replace(iv, components=tuple(components))


def _filled(first: Dose, later: Dose) -> Dose:
    """``first`` (as the intervention describes it) with the dose a later text gives."""
    missing = {
        f.name: getattr(later, f.name)
        for f in dataclasses.fields(first)
        if getattr(first, f.name) is None and f.name != "alternative_group"
    }
    return dataclasses.replace(first, **missing, text=later.text or first.text)


def _drug_ids(dose: Dose, spotter: LexiconSpotter) -> set[tuple[str, ...]]:
    """What the drug of a dose resolves to (one entry per name the spotter finds in it)."""
    return {s.ids for s in spotter.spot(dose.drug.value)}


def _arm_has(label: str, names: tuple[str, ...], iv: Intervention) -> bool:
    own = iv.name.value.strip().lower()
    return (
        label in iv.arm_labels
        or own in {n.strip().lower() for n in names}
        or label.strip().lower() == own
    )


def _from_aim(
    background: Iterable[Spanned[str]], spotter: LexiconSpotter, lexicon: Lexicon
) -> tuple[Intervention, ...]:
    """No intervention list: the drugs of the study's stated aim become its intervention."""
    for field in background:
        spots = mine_aim(field.value, spotter)
        drugs = [s for s in spots if s.kind == "drug"]
        classes_of_drugs = {c for d in drugs for i in d.ids for c in lexicon.classes_of.get(i, ())}
        kept = [s for s in spots if s.kind == "drug" or not set(s.ids) <= classes_of_drugs]
        unique: list[Spot] = []
        for s in kept:
            if all(s.ids != u.ids for u in unique):
                unique.append(s)
        if unique:
            components = tuple(
                Dose(drug=rebase(Spanned(s.surface, Span(s.start, s.end)), field.span))
                for s in unique
            )
            name = " + ".join(s.label for s in unique)
            return (
                Intervention(
                    name=Spanned(name, None), type="DRUG", components=components, stated_in_aim=True
                ),
            )
    return ()


def rebase(value: R, field: Span | None) -> R:
    """``value`` with every span moved from field coordinates to document coordinates."""
    if field is None:
        return _map_spans(value, lambda s: None)
    if field.path is not None:
        return _map_spans(value, lambda s: Span(s.start, s.end, field.path))
    offset = field.start or 0
    return _map_spans(value, lambda s: s.shifted(offset))


def _map_spans(value, fn):  # type: ignore[no-untyped-def]
    """``value`` with ``fn`` applied to every span in it; parts holding no span are kept
    as they are (the same objects), so an unchanged record is not copied."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    if isinstance(value, Span):
        return fn(value)
    if isinstance(value, tuple):
        mapped = tuple(_map_spans(v, fn) for v in value)
        return value if all(n is o for n, o in zip(mapped, value, strict=True)) else mapped
    names = _field_names(kind)
    if not names:
        return value
    changes = {}
    for name in names:
        old = getattr(value, name)
        if type(old) in _LEAVES:
            continue
        new = _map_spans(old, fn)
        if new is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value


#: values that never hold a span
_LEAVES = frozenset({str, int, float, bool, Decimal, type(None)})


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The field names of a dataclass; none for any other type."""
    if not dataclasses.is_dataclass(kind):
        return ()
    return tuple(f.name for f in dataclasses.fields(kind))


__all__ = ["Mention", "enrich", "rebase"]
