"""Arms and interventions of a page.

Interventions are read first (their own section, "Drug: X" lists, fields), so the arm reader
knows their names: in an arm listing, a line naming a known intervention (or written
"TYPE: name") is one of the arm's interventions; the sentences after it describe that
intervention; a short line followed by a "Group Type" starts the next arm. Interventions named
in several places are merged by name: the intervention section's entry first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extractors._page_events import (
    Event,
    cell_value,
    line_value,
    name_like,
    norm_name,
    text_span,
)
from kg.extractors._page_lines import Cell, Line
from kg.extractors._values import ARM_TYPES, INTERVENTION_TYPES, to_enum
from kg.records import Arm, Intervention, Span, Spanned

_TYPE_PREFIX = re.compile(r"\s*(?P<type>[A-Za-z][A-Za-z /_-]{1,30}?)\s*:\s*(?P<rest>\S.*)")
_GLUED = re.compile(
    r"(?<=\S)\s*(?=\b(?:Drug|Biological|Device|Procedure|Radiation|Behavioral|Genetic|"
    r"Dietary Supplement|Combination Product|Diagnostic Test|Other)\s*:)"
)


@dataclass(slots=True)
class _Iv:
    name: Spanned[str]
    type: str | None = None
    desc: list[Line] = field(default_factory=list)
    desc_value: Spanned[str] | None = None
    other_names: list[Spanned[str]] = field(default_factory=list)
    arms: list[str] = field(default_factory=list)
    arm_refs: list[Spanned[str]] = field(default_factory=list)  # "Arm group label: ..."
    done: bool = False  # described by the intervention section: arm listings add nothing


@dataclass(slots=True)
class _Arm:
    label: Spanned[str]
    type: str | None = None
    desc: list[Line] = field(default_factory=list)
    desc_value: Spanned[str] | None = None
    refs: list[_Iv] = field(default_factory=list)


def typed_names(value: Spanned[str]) -> list[tuple[Spanned[str], str | None]]:
    """ "Drug: A Drug: B" / "DRUG: A" / "A" -> [(name, type)], glued lists split."""
    span = value.span
    start = span.start if span and span.start is not None else None
    pieces = []
    pos = 0
    text = value.value
    for cut in [*_GLUED.finditer(text), None]:
        end = cut.start() if cut else len(text)
        if text[pos:end].strip():
            pieces.append((pos, end))
        pos = cut.end() if cut else end
    found = []
    for a, b in pieces:
        piece = text[a:b].strip(" ,;")
        offset = a + text[a:b].index(piece) if piece else a
        kind = None
        m = _TYPE_PREFIX.fullmatch(piece)
        if m and to_enum(m.group("type"), INTERVENTION_TYPES):
            kind = to_enum(m.group("type"), INTERVENTION_TYPES)
            offset += m.start("rest")
            piece = m.group("rest").strip()
        sub = Span(start + offset, start + offset + len(piece)) if start is not None else span
        found.append((Spanned(piece, sub), kind))
    return found


def _typed_line(line: Line, allowed: frozenset[str]) -> tuple[str, Spanned[str]] | None:
    """ "Experimental: Arm A" / "Drug: X" -> (type, rest) when the prefix is of ``allowed``."""
    m = _TYPE_PREFIX.fullmatch(line.body_text)
    if not m:
        return None
    kind = to_enum(m.group("type"), allowed)
    if kind is None:
        return None
    start = line.body + m.start("rest")
    return kind, Spanned(m.group("rest").strip(), Span(start, line.end))


class _Registry:
    """Interventions by name, in first-seen order."""

    def __init__(self) -> None:
        self.items: dict[str, _Iv] = {}
        self.pending_type: str | None = None  # "Intervention type: Drug" before the name

    def get(self, name: str) -> _Iv | None:
        return self.items.get(norm_name(name))

    def add(self, name: Spanned[str], kind: str | None = None) -> _Iv:
        key = norm_name(name.value)
        item = self.items.get(key)
        if item is None:
            item = self.items[key] = _Iv(name, self.pending_type)
            self.pending_type = None
        item.type = item.type or kind
        return item


def read_interventions(text: str, found: list[Event], registry: _Registry) -> None:
    """The intervention section (or any list of interventions) into ``registry``."""
    cur: _Iv | None = None
    for event in found:
        if event.kind == "field" and event.field:
            cur = _iv_field(event, cur, registry)
        elif event.kind == "row" and event.row:
            name = cell_value(event.row.get("intervention") or event.row.get("name"))
            name = name or cell_value(event.row.get("interventions"))
            if name:
                for piece, kind in typed_names(name):
                    cur = registry.add(piece, kind)
                cell = event.row.get("intervention_type") or event.row.get("type")
                if cell and cur:
                    cur.type = cur.type or to_enum(cell.text, INTERVENTION_TYPES)
                if cur:
                    _describe(cur, cell_value(event.row.get("description")))
        elif event.kind in ("sub", "text"):
            cur = _iv_text(text, event, cur, registry)
    for item in registry.items.values():
        item.done = bool(item.desc or item.desc_value)


def _iv_field(event: Event, cur: _Iv | None, registry: _Registry) -> _Iv | None:
    item = event.field
    assert item is not None
    if item.key in ("intervention", "interventions", "name"):
        for value in item.values:
            for piece, kind in typed_names(value):
                cur = registry.add(piece, kind)
    elif item.key in ("intervention_type", "type"):
        stated = item.normalized if item.key == "intervention_type" else None
        stated = stated or (to_enum(item.value.value, INTERVENTION_TYPES) if item.value else None)
        if isinstance(stated, str) and (cur is None or cur.type is not None):
            registry.pending_type = stated  # the type of the next intervention
        elif isinstance(stated, str) and cur is not None:
            cur.type = stated
    elif item.key == "other_names" and cur:
        cur.other_names.extend(item.values)
    elif item.key == "description" and cur:
        _describe(cur, item.value)
    elif item.key == "arm_ref" and cur:
        cur.arm_refs.extend(item.values)
    return cur


def _describe(item: _Iv | _Arm, value: Spanned[str] | None) -> None:
    if value and item.desc_value is None and not item.desc:
        item.desc_value = value


def _iv_text(text: str, event: Event, cur: _Iv | None, registry: _Registry) -> _Iv | None:
    line = event.line
    typed = _typed_line(line, INTERVENTION_TYPES)
    value = line_value(line)
    if value is None:
        return cur
    if typed or event.kind == "sub":
        names = typed_names(value)
        for piece, kind in names:
            cur = registry.add(piece, kind)
        return cur
    known = registry.get(value.value)
    starts = cur is None or cur.desc or cur.desc_value or cur.type
    short = len(value.value.split()) <= 5 and not any(ch.isdigit() for ch in value.value)
    if known or (name_like(value.value) and (starts or short)):
        return registry.add(value)
    if cur is not None:
        cur.desc.append(line)
    return cur


def read_arms(text: str, found: list[Event], registry: _Registry) -> list[_Arm]:
    """The arm listing; intervention details given under an arm go into ``registry`` too."""
    arms: list[_Arm] = []
    cur_iv: _Iv | None = None
    for index, event in enumerate(found):
        arm = arms[-1] if arms else None
        if event.kind == "row" and event.row:
            arms.append(_arm_row(event.row, registry))
            continue
        if event.kind == "field" and event.field:
            cur_iv = _arm_field(event, arms, cur_iv, registry)
            continue
        value = line_value(event.line)
        if value is None:
            continue
        typed_arm = _typed_line(event.line, ARM_TYPES - {"OTHER"})
        typed_iv = _typed_line(event.line, INTERVENTION_TYPES)
        known = registry.get(typed_iv[1].value if typed_iv else value.value)
        if arm is None or event.kind == "sub" or typed_arm:
            label = typed_arm[1] if typed_arm else value
            arms.append(_Arm(label, typed_arm[0] if typed_arm else None))
            cur_iv = None
        elif typed_iv or known:
            iv = registry.add(typed_iv[1] if typed_iv else value, typed_iv[0] if typed_iv else None)
            if iv in arm.refs and cur_iv is not iv and (iv.desc or iv.desc_value):
                arms.append(_Arm(value))
                cur_iv = None
                continue
            if iv not in arm.refs:
                arm.refs.append(iv)
            cur_iv = iv
        elif name_like(value.value) and _next_type(found, index) == "arm_type":
            arms.append(_Arm(value))
            cur_iv = None
        elif name_like(value.value) and _next_type(found, index) == "intervention_type":
            cur_iv = registry.add(value)
            arm.refs.append(cur_iv)
        elif name_like(value.value) and (arm.type or arm.refs or arm.desc):
            arms.append(_Arm(value))
            cur_iv = None
        elif cur_iv is not None:
            if not cur_iv.done:
                cur_iv.desc.append(event.line)
        else:
            arm.desc.append(event.line)
    return arms


def _next_type(found: list[Event], index: int) -> str | None:
    """Which type field (arm or intervention) comes next, before the next short line."""
    for event in found[index + 1 :]:
        if (
            event.kind == "field"
            and event.field
            and event.field.key in ("arm_type", "intervention_type")
        ):
            return event.field.key
        if event.kind in ("sub", "row") or (event.kind == "text" and name_like(event.text)):
            return None
    return None


def _arm_field(
    event: Event, arms: list[_Arm], cur_iv: _Iv | None, registry: _Registry
) -> _Iv | None:
    item = event.field
    assert item is not None
    arm = arms[-1] if arms else None
    if item.key in ("arm", "name") and item.value:
        typed = re.match(r"\s*([A-Za-z ]+?)\s*:\s*", item.value.value)
        kind = to_enum(typed.group(1), ARM_TYPES) if typed else None
        arms.append(_Arm(item.value, kind))
        return None
    if arm is None:
        return cur_iv
    if item.key in ("arm_type", "type"):
        stated = item.normalized if item.key == "arm_type" else None
        stated = stated or (to_enum(item.value.value, ARM_TYPES) if item.value else None)
        if isinstance(stated, str):
            arm.type = arm.type or stated
    elif item.key in ("interventions", "intervention"):
        for value in item.values:
            for piece, kind in typed_names(value):
                iv = registry.add(piece, kind)
                if iv not in arm.refs:
                    arm.refs.append(iv)
                cur_iv = iv
    elif item.key == "intervention_type" and cur_iv:
        cur_iv.type = cur_iv.type or (item.normalized if isinstance(item.normalized, str) else None)
    elif item.key == "description":
        if cur_iv is None or not cur_iv.done:
            _describe(cur_iv or arm, item.value)
    elif item.key == "other_names" and cur_iv:
        cur_iv.other_names.extend(item.values)
    return cur_iv


def _arm_row(row: dict[str | None, Cell], registry: _Registry) -> _Arm:
    cells = {k: cell_value(v) for k, v in row.items()}
    label = cells.get("arm") or cells.get("name") or Spanned("")
    kind = cells.get("arm_type") or cells.get("type")
    arm = _Arm(label, to_enum(kind.value, ARM_TYPES) if kind else None)
    _describe(arm, cells.get("description"))
    listed = cells.get("interventions") or cells.get("intervention")
    for piece, iv_kind in typed_names(listed) if listed else []:
        arm.refs.append(registry.add(piece, iv_kind))
    return arm


def build(
    text: str, registry: _Registry, arms: list[_Arm]
) -> tuple[tuple[Arm, ...], tuple[Intervention, ...]]:
    """The records: arms with canonical intervention names, interventions with their arms."""
    known = {norm_name(arm.label.value): arm for arm in arms}
    for iv in registry.items.values():
        for ref in iv.arm_refs:  # an arm named only by its interventions
            arm = known.get(norm_name(ref.value))
            if arm is None:
                arm = known[norm_name(ref.value)] = _Arm(ref)
                arms = [*arms, arm]
            if iv not in arm.refs:
                arm.refs.append(iv)
    out_arms = []
    for arm in arms:
        if not arm.label.value:
            continue
        names = tuple(iv.name.value for iv in arm.refs)
        for iv in arm.refs:
            if arm.label.value not in iv.arms:
                iv.arms.append(arm.label.value)
        desc = arm.desc_value or text_span(text, arm.desc)
        out_arms.append(Arm(arm.label, arm.type, desc, names))
    out_ivs = []
    for iv in registry.items.values():
        desc = iv.desc_value or text_span(text, iv.desc)
        out_ivs.append(
            Intervention(
                iv.name, iv.type, desc, tuple(iv.other_names), tuple(dict.fromkeys(iv.arms))
            )
        )
    return tuple(out_arms), tuple(out_ivs)


Registry = _Registry
