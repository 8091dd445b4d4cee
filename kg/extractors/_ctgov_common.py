"""Pieces shared by the three ClinicalTrials.gov layouts (API v2, classic API, legacy XML).

- :func:`fail` and :func:`guarded`: every problem becomes a one-line :class:`ExtractionError`;
- :class:`Node` and :class:`Dialect`: a JSON study read by its API v2 field names, whatever
  the spelling of the document (the classic API is the same model in PascalCase), each value
  carrying the JSON pointer it came from;
- small normalizers the three layouts share (enrollment type, yes/no, dispersion, MeSH ids);
- :func:`link_arms`: arm intervention names matched to the interventions' plain names;
- :func:`split_criteria`: an eligibility text cut into inclusion and exclusion items.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NoReturn, TypeVar

from kg.extractors._values import enum_key, strip_type_prefix, to_enum
from kg.records import (
    Arm,
    Criterion,
    Document,
    ExtractionError,
    Intervention,
    Span,
    Spanned,
    TrialRecord,
)

T = TypeVar("T")


# --------------------------------------------------------------------------- errors


def fail(message: str) -> NoReturn:
    """Raise an :class:`ExtractionError` whose message is one line."""
    raise ExtractionError(" ".join(message.split()))


def guarded(
    what: str,
) -> Callable[[Callable[[Document], TrialRecord]], Callable[[Document], TrialRecord]]:
    """Decorate an ``extract``: a slip on malformed input becomes a one-line ExtractionError."""

    def wrap(extract: Callable[[Document], TrialRecord]) -> Callable[[Document], TrialRecord]:
        @functools.wraps(extract)
        def safe(doc: Document) -> TrialRecord:
            try:
                return extract(doc)
            except ExtractionError:
                raise
            except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                fail(f"{what} cannot be read: {type(exc).__name__}: {exc}")
            except RecursionError:
                fail(f"{what} is nested too deeply to be read")

        return safe

    return wrap


# --------------------------------------------------------------------------- JSON


@functools.lru_cache(maxsize=8)
def _parse(text: str) -> object:
    return json.loads(text)


def load_json(text: str) -> object:
    """The JSON value of ``text`` (parsed once for all sniffers and the extractor)."""
    try:
        return _parse(text)
    except json.JSONDecodeError as exc:
        fail(f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
    except RecursionError:
        fail("JSON nested too deeply")


@dataclass(frozen=True, slots=True)
class Dialect:
    """How a JSON layout spells the API v2 field names.

    ``containers`` maps a logical (API v2) path such as
    ``protocolSection/conditionsModule/conditions`` to the physical path below its parent
    (``ConditionList/Condition``) and the prefix its own fields take (``"Collaborator"`` makes
    ``name`` -> ``CollaboratorName``); other fields are the prefix plus the PascalCase name,
    or ``words[name]`` for irregular ones (``nctId`` -> ``NCTId``).
    """

    pascal: bool = False
    containers: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    words: Mapping[str, str] = field(default_factory=dict)

    def step(self, logical: str, key: str, prefix: str) -> tuple[str, str]:
        """The physical path of ``key`` (logical path ``logical``) and its fields' prefix."""
        if not self.pascal:
            return key, ""
        if logical in self.containers:
            return self.containers[logical]
        return prefix + self.words.get(key, key[:1].upper() + key[1:]), ""


V2 = Dialect()


def _pointer_step(key: str) -> str:
    return "/" + key.replace("~", "~0").replace("/", "~1")


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", str: "text"}.get(
        type(value), "a number"
    )


class Node:
    """A value inside a JSON study, its JSON pointer, and the dialect to read below it."""

    __slots__ = ("_dialect", "_logical", "_prefix", "path", "value")

    def __init__(
        self, value: object, path: str, dialect: Dialect = V2, logical: str = "", prefix: str = ""
    ) -> None:
        self.value = value
        self.path = path
        self._dialect = dialect
        self._logical = logical
        self._prefix = prefix

    def __getitem__(self, key: str) -> Node:
        """The field ``key`` (an API v2 name); a missing field is a Node holding None."""
        logical = f"{self._logical}/{key}" if self._logical else key
        dialect = self._dialect
        physical, prefix = dialect.step(logical, key, self._prefix) if dialect.pascal else (key, "")
        value, path = self.value, self.path
        for step in physical.split("/"):
            if isinstance(value, dict):
                value = value.get(step)
            elif value is not None:
                fail(f"expected an object at {path or '/'}, found {_kind(value)}")
            path += _pointer_step(step)
        return Node(value, path, dialect, logical, prefix)

    def __iter__(self) -> Iterator[Node]:
        """The items of a list field (none when the field is missing)."""
        if self.value is None:
            return
        if not isinstance(self.value, list):
            fail(f"expected a list at {self.path}, found {_kind(self.value)}")
        for index, item in enumerate(self.value):
            yield Node(item, f"{self.path}/{index}", self._dialect, self._logical, self._prefix)

    @property
    def present(self) -> bool:
        """Whether the field holds anything."""
        return self.value is not None

    def text(self) -> str | None:
        """The field as stripped text; None when missing or blank."""
        value = self.value
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            fail(f"expected text at {self.path}, found {_kind(value)}")
        return value.strip() or None

    def spanned(self) -> Spanned[str] | None:
        """The text with a span naming this field; None when absent."""
        return self.spanned_as(str)

    def spanned_as(self, convert: Callable[[str], T | None]) -> Spanned[T] | None:
        """``convert(text)`` with a span naming this field; None when absent or unconvertible."""
        text = self.text()
        value = None if text is None else convert(text)
        return None if value is None else Spanned(value, Span(path=self.path))

    def integer(self) -> int | None:
        """The field as an integer (the classic API writes numbers as text)."""
        value = self.value
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = self.text()
        if text is None:
            return None
        if not re.fullmatch(r"-?\d+", text.replace(",", "")):
            fail(f"expected a whole number at {self.path}, found {text[:40]!r}")
        return int(text.replace(",", ""))

    def boolean(self) -> bool | None:
        """The field as a boolean (``true``, ``"Yes"``, ``"Accepts Healthy Volunteers"``)."""
        if isinstance(self.value, bool):
            return self.value
        text = self.text()
        answer = yes_no(text)
        if text is not None and answer is None:
            fail(f"expected yes or no at {self.path}, found {text[:40]!r}")
        return answer


# --------------------------------------------------------------------------- values


REFERENCE_TYPES = frozenset({"BACKGROUND", "RESULT", "DERIVED"})
REFERENCE_RESULT = "RESULT"
RESULT_KINDS = frozenset({"PRIMARY", "SECONDARY", "OTHER_PRE_SPECIFIED", "POST_HOC"})


def result_kind(text: str | None) -> str:
    """PRIMARY | SECONDARY | OTHER_PRE_SPECIFIED | POST_HOC ("Other Pre-specified" too)."""
    return to_enum(text, RESULT_KINDS) or enum_key(text or "")


def yes_no(text: str | None) -> bool | None:
    """``"Yes"``/``"true"``/``"Accepts Healthy Volunteers"`` -> True, ``"No"`` -> False."""
    if text is None:
        return None
    key = enum_key(text)
    if key in {"YES", "TRUE", "Y", "ACCEPTS_HEALTHY_VOLUNTEERS"}:
        return True
    if key in {"NO", "FALSE", "N"}:
        return False
    return None


def enrollment_type(text: str | None) -> str | None:
    """``ACTUAL`` or ``ESTIMATED`` (the legacy layouts say "Anticipated" or "Estimate")."""
    key = enum_key(text or "")
    if key == "ACTUAL":
        return "ACTUAL"
    if key in {"ESTIMATED", "ESTIMATE", "ANTICIPATED"}:
        return "ESTIMATED"
    return None


def dispersion(text: str | None) -> str | None:
    """A results dispersion type in API v2 spelling ("95% Confidence Interval" -> CONFIDENCE_95)."""
    if not text:
        return None
    key = enum_key(text)
    m = re.fullmatch(r"(?:CONFIDENCE_INTERVAL_)?(\d+)(?:_(\d+))?(?:_CONFIDENCE_INTERVAL)?", key)
    if m and "CONFIDENCE" in key:
        return "CONFIDENCE_" + m.group(1) + (m.group(2) or "")
    if key.startswith("GEOMETRIC_COEFFICIENT"):
        return "GEOMETRIC_COEFFICIENT"
    return {"NOT_APPLICABLE": "NA"}.get(key, key)


#: the first UI number MeSH issued in its 10-character form (from May 2014); smaller numbers
#: were issued as 7-character UIs (D + 6 digits), which ClinicalTrials.gov zero-pads.
_FIRST_LONG_UI = {"D": 67000, "C": 590000}


def mesh_id(raw: str | None) -> str | None:
    """A MeSH UI as MeSH itself writes it: ``"D000003876"`` -> ``"D003876"``.

    The registry pads every UI to 9 digits. UIs issued before MeSH moved to 10 characters
    keep their 6-digit form; later ones (``D000068582`` Certolizumab Pegol) are already
    10 characters and stay so. None when ``raw`` is not a MeSH UI.

    >>> mesh_id("D000003876"), mesh_id("D055752"), mesh_id("D000068582"), mesh_id("M6761")
    ('D003876', 'D055752', 'D000068582', None)
    """
    m = re.fullmatch(r"\s*([CDQ])(\d+)\s*", raw or "")
    if not m:
        return None
    letter, digits = m.groups()
    if len(digits) == 6:
        return letter + digits
    if len(digits) != 9:
        return None
    if digits.startswith("000") and int(digits) < _FIRST_LONG_UI.get(letter, 10**6):
        return letter + digits[3:]
    return letter + digits


# --------------------------------------------------------------------------- arms


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def link_arms(
    arms: Sequence[Arm], interventions: Sequence[Intervention]
) -> tuple[tuple[Arm, ...], tuple[Intervention, ...]]:
    """Arms whose intervention names are the interventions' plain names, and back.

    ``"Drug: Dupilumab"`` becomes ``"Dupilumab"`` spelled as the intervention spells it. An arm
    that lists no intervention gets those whose arm labels name it (the legacy XML links only
    from the intervention side); an intervention listing no arm gets the arms that name it.
    """
    by_name = {_name_key(i.name.value): i.name.value for i in interventions}
    linked_arms: list[Arm] = []
    for arm in arms:
        names = [strip_type_prefix(n) for n in arm.intervention_names]
        names = [by_name.get(_name_key(n), n) for n in names]
        if not names:
            label = _name_key(arm.label.value)
            names = [
                i.name.value for i in interventions if label in {_name_key(a) for a in i.arm_labels}
            ]
        linked_arms.append(replace(arm, intervention_names=tuple(dict.fromkeys(names))))
    linked_interventions: list[Intervention] = []
    for intervention in interventions:
        labels = intervention.arm_labels
        if not labels:
            key = _name_key(intervention.name.value)
            labels = tuple(
                a.label.value
                for a in linked_arms
                if key in {_name_key(n) for n in a.intervention_names}
            )
        linked_interventions.append(replace(intervention, arm_labels=labels))
    return tuple(linked_arms), tuple(linked_interventions)


# --------------------------------------------------------------------------- eligibility

_MARKER = re.compile(
    r"([-*+•·▪◦]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|\([a-z]\)|(?:i{1,3}|iv|vi{0,3}|ix|x)[.)])(?=\s|$)"
)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>^~=])")
_KIND_WORD = re.compile(r"\b(non[- ]?inclusion|inclusion|exclusion)\b", re.I)
_HEAD_SUFFIX = re.compile(
    r"\b(?:non[- ]?inclusion|inclusion|exclusion)\s+criteri(?:a|on)\W*$", re.I
)
_HEAD_PREFIX = re.compile(
    r"[*_#\s]*(?:(?:key|main|general|major)\s+)?(non[- ]?inclusion|inclusion|exclusion)"
    r"\s+criteri(?:a|on)[*_\s]*:[*_\s]*(?=\S)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Line:
    """One logical line: its indentation, list marker, text and offsets of the text."""

    indent: int
    marker: str | None
    body: str
    start: int
    end: int


def _logical_lines(text: str, wrapped: bool) -> list[_Line | None]:
    """The lines of ``text`` (None for a blank one).

    ``wrapped`` text (legacy XML) is hard-wrapped and puts a blank line before every item, so a
    line that follows a non-blank line continues it.
    """
    lines: list[_Line | None] = []
    pos = 0
    for raw in text.split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        end = line_start + len(raw.rstrip())
        if not stripped:
            lines.append(None)
            continue
        previous = lines[-1] if lines else None
        if wrapped and previous is not None:
            body = f"{previous.body} {stripped}"
            lines[-1] = replace(previous, body=body, end=end)
            continue
        marker = _MARKER.match(stripped)
        body = stripped[marker.end() :].lstrip() if marker else stripped
        if marker and not body:  # an empty bullet
            lines.append(None)
            continue
        indent = len(raw[:lead].expandtabs(4))
        lines.append(_Line(indent, marker.group(1) if marker else None, body, end - len(body), end))
    return lines


def unwrap(text: str) -> str:
    """A hard-wrapped legacy XML text block as paragraphs joined by blank lines."""
    return "\n\n".join(
        (f"{line.marker} " if line.marker else "") + line.body
        for line in _logical_lines(text, wrapped=True)
        if line is not None
    )


def _kind_of(word: str) -> str:
    return "inclusion" if word.lower().startswith("inclusion") else "exclusion"


def _heading(line: _Line) -> str | None:
    """``"inclusion"``/``"exclusion"`` when the line heads a list of criteria, else None."""
    plain = re.sub(r"[*_#]+", "", line.body).strip()
    words = len(plain.split())
    kinds = {_kind_of(w) for w in _KIND_WORD.findall(plain)}
    if not kinds and re.fullmatch(r"eligibility criteria\s*:?", plain, re.I):
        return "inclusion"
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    lowered = plain.lower()
    if plain.endswith(":") and words <= 8:
        return kind
    if "criteri" in lowered and words <= 6 and not plain.endswith("."):
        return kind
    if line.marker is None and _HEAD_SUFFIX.search(plain):
        return kind
    if (
        line.marker is None
        and plain.endswith(":")
        and "following" in lowered
        and "criteri" in lowered
    ):
        return kind
    return None


def _is_subheading(line: _Line) -> bool:
    return line.body.endswith(":") and len(line.body.split()) <= 6


def _items(lines: list[_Line], preamble: bool) -> list[list[_Line]]:
    """The criteria of one section, each as its lines (sub-items stay inside their parent).

    A section with list items keeps only those (paragraphs between them are lead-ins, group
    labels or notes); a section without any takes each paragraph, sub-headings aside.
    """
    markers = [line for line in lines if line.marker]
    if not markers:
        return [] if preamble else [[ln] for ln in lines if not _is_subheading(ln)]
    top = min(line.indent for line in markers)
    items: list[list[_Line]] = []
    current: list[_Line] | None = None
    for line in lines:
        if line.marker and (line.indent <= top + 1 or current is None):
            current = [line]
            items.append(current)
        elif current is not None and (line.marker or line.indent > top):
            current.append(line)
        else:
            current = None
    return items


def split_criteria(text: str, path: str, *, wrapped: bool = False) -> tuple[Criterion, ...]:
    """Inclusion and exclusion criteria in an eligibility text, one per item, in order.

    Sections start at "Inclusion Criteria"/"Exclusion Criteria" headings in any case or
    markdown dress ("Key Exclusion Criteria:", "-  INCLUSION CRITERIA:", "**Non-inclusion
    criteria**"); text before any heading counts as inclusion. Markdown escapes (``\\>``) are
    undone; spans are offsets into ``text`` at ``path``.
    """
    sections: list[tuple[str, list[_Line]]] = [("inclusion", [])]
    for line in _logical_lines(text, wrapped):
        if line is None:
            continue
        inline = _HEAD_PREFIX.match(line.body)
        kind = _kind_of(inline.group(1)) if inline else _heading(line)
        if kind is None:
            sections[-1][1].append(line)
            continue
        sections.append((kind, []))
        if inline:  # "Exclusion Criteria: 1. Age < 40 years ..." on one line
            rest = line.body[inline.end() :]
            sections[-1][1].append(_Line(line.indent, None, rest, line.end - len(rest), line.end))
    criteria: list[Criterion] = []
    counts = {"inclusion": 0, "exclusion": 0}
    for index, (kind, lines) in enumerate(sections):
        for item in _items(lines, preamble=index == 0 and len(sections) > 1):
            parts = [item[0].body] + [f"{ln.marker or ''} {ln.body}".strip() for ln in item[1:]]
            value = _ESCAPED.sub(r"\1", "\n".join(parts)).strip()
            if not value:
                continue
            counts[kind] += 1
            span = Span(item[0].start, item[-1].end, path)
            criteria.append(Criterion(kind, Spanned(value, span), counts[kind]))
    return tuple(criteria)
