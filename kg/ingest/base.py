"""What every reader shares: the one-line :class:`Failure`, text decoding, document making.

A document's sha256 is that of its text as extracted (for JSON, the canonical serialization
of one study), so the same study read from any container is the same document.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from kg.extractors.registry import detect
from kg.records import Document, ExtractionError

#: bytes looked at to tell a binary file from a text document
PROBE_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read; ``message`` is one line naming the problem."""

    path: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", " ".join(self.message.split()))  # one line

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def canonical_json(value: object) -> str:
    """The one serialization of a JSON value that trialkg hashes and extracts from."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


#: every byte but the control characters a binary file has and a text does not; in UTF-8
#: a byte below 32 is always that character, never part of a longer one
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or chr(b) in "\t\n\r\f")


def is_binary(head: bytes) -> bool:
    """True when the first bytes of a file are not those of a text document."""
    if b"\x00" in head:
        return True
    return len(head.translate(None, _NOT_CONTROL)) > 8


def decode(name: str, data: bytes) -> str | Failure:
    """The text of a whole file (UTF-8, else Windows-1252) with newlines normalized."""
    if not data.strip():
        return Failure(name, "empty file")
    if is_binary(data[:PROBE_BYTES]):
        return Failure(name, "binary file, not a text document")
    text = decode_text(data)
    if text is None:
        return Failure(name, "not UTF-8 text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes) -> str | None:
    """UTF-8 (a byte-order mark dropped), else Windows-1252, else None."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return None


def make_document(name: str, text: str) -> Document | Failure:
    """A document of ``text`` with its layout detected, or why no layout claims it."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        layout = detect(text)
    except ExtractionError as exc:
        return Failure(name, str(exc))
    return Document(path=name, text=text, sha256=sha, layout=layout.name)
