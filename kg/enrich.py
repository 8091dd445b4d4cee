"""Run the shared free-text miners over a record's free-text fields.

Every layout's record goes through here, so a mechanism sentence or a quoted result is
found the same way in a registry JSON and in a copied page. Spans the miners return are
relative to the field they read; they are rebased onto the document (or onto the field's
JSON path) before they leave.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterable
from typing import Any, TypeVar

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


def _miner(module: str, name: str) -> Any:
    """A miner from :mod:`kg.text`, or one that finds nothing while that miner is not written.

    The miners are developed one by one; a missing one must not stop extraction of the
    structured fields, and ``kg stats`` shows what the graph holds either way.
    """
    try:
        return getattr(importlib.import_module(f"kg.text.{module}"), name)
    except (ModuleNotFoundError, AttributeError):
        return lambda *args, **kwargs: []


mine_aim = _miner("aims", "mine_aim")
parse_doses = _miner("dosing", "parse_doses")
mine_cited_results = _miner("evidence", "mine_cited_results")
mine_mechanisms = _miner("mechanisms", "mine_mechanisms")
mine_mentions = _miner("mentions", "mine_mentions")

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
    seen_sentences: set[str] = set()
    for field in background:
        for m in mine_mechanisms(field.value, spotter):
            if (m.drug.value, m.sentence.value) not in seen_sentences:
                seen_sentences.add((m.drug.value, m.sentence.value))  # type: ignore[arg-type]
                mechanisms.append(rebase(m, field.span))
        cited.extend(
            rebase(c, field.span)
            for c in _dedupe_cited(mine_cited_results(field.value, spotter), cited)
        )
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


def _dedupe_cited(found: list[R], already: list[R]) -> list[R]:
    return found  # two fields never share a sentence; kept as a seam for layouts that repeat text


def _dosed(iv: Intervention, record: TrialRecord, spotter: LexiconSpotter) -> Intervention:
    """An intervention with a dose component per drug it names.

    The doses come from the intervention's description, else from the descriptions of
    its arms, else from the brief summary or detailed description.
    """
    if iv.components:
        return iv
    names = [s for s in spotter.spot(iv.name.value)]
    sources: list[Spanned[str]] = [f for f in (iv.description,) if f]
    sources += [
        a.description
        for a in record.arms
        if a.description and _arm_has(a.label.value, a.intervention_names, iv)
    ]
    sources += [f for f in (record.brief_summary, record.detailed_description) if f]
    components: list[Dose] = []
    wanted = {s.ids for s in names}
    for source in sources:
        doses = [rebase(d, source.span) for d in parse_doses(source.value, spotter)]
        if source is iv.description and not wanted:
            components = doses
            break
        for dose in doses:
            ids = {tuple(x.ids) for x in spotter.spot(dose.drug.value)}
            if ids & wanted and not any(_same_drug(dose, c, spotter) for c in components):
                if dose.dose is not None or source is iv.description:
                    components.append(dose)
        if {
            ids for c in components for ids in {tuple(x.ids) for x in spotter.spot(c.drug.value)}
        } >= wanted:
            break
    have = {ids for c in components for ids in {tuple(x.ids) for x in spotter.spot(c.drug.value)}}
    for spot in names:  # a drug of the name with no dose found anywhere still counts
        if spot.ids not in have:
            span = Span(spot.start, spot.end).shifted(0)
            components.append(Dose(drug=rebase(Spanned(spot.surface, span), iv.name.span)))
    return dataclasses.replace(iv, components=tuple(components))


def _arm_has(label: str, names: tuple[str, ...], iv: Intervention) -> bool:
    own = iv.name.value.strip().lower()
    return (
        label in iv.arm_labels
        or own in {n.strip().lower() for n in names}
        or label.strip().lower() == own
    )


def _same_drug(a: Dose, b: Dose, spotter: LexiconSpotter) -> bool:
    ids_a = {tuple(s.ids) for s in spotter.spot(a.drug.value)}
    ids_b = {tuple(s.ids) for s in spotter.spot(b.drug.value)}
    return bool(ids_a & ids_b)


def _from_aim(
    background: Iterable[Spanned[str]], spotter: LexiconSpotter, lexicon: Lexicon
) -> tuple[Intervention, ...]:
    """No intervention list: the drugs of the study's stated aim become its intervention."""
    for field in background:
        spots = mine_aim(field.value, spotter)
        drugs = [s for s in spots if s.kind == "drug"]
        classes_of_drugs = {c for d in drugs for i in d.ids for c in lexicon.classes_of.get(i, ())}
        kept = [s for s in spots if s.kind == "drug" or not set(s.ids) <= classes_of_drugs]
        unique: list = []
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
    if isinstance(value, Span):
        return fn(value)
    if isinstance(value, tuple):
        return tuple(_map_spans(v, fn) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _map_spans(old, fn)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


__all__ = ["Mention", "enrich", "rebase"]
