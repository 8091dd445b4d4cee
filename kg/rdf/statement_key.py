"""The statement key of a document's mechanism: what it says, as one literal.

Documents state the same mechanism again and again (every trial of anlotinib says it
inhibits KDR), each in its own node of its own graph. ``tkg:statementKey`` holds the
statement itself, equal for equal statements, so the distinct statements of a whole store
are ``SELECT DISTINCT ?k WHERE { ?m tkg:statementKey ?k }``: one scan of one property,
held in memory only once per distinct statement (docs/decisions/0013).

>>> k = statement_key("targetFamily", "urn:d", "urn:vegfr", "inhibitor")
>>> k
'targetFamily urn:d urn:vegfr inhibitor'
>>> parse_statement_key(k)
('targetFamily', 'urn:d', 'urn:vegfr', 'inhibitor')
>>> parse_statement_key("target urn:d urn:t ")
('target', 'urn:d', 'urn:t', None)
>>> parse_statement_key("nonsense") is None
True
"""

from __future__ import annotations

#: the property a statement names its object with: a target, or only a target family
KINDS = ("target", "targetFamily")

StatementKey = tuple[str, str, str, str | None]


def statement_key(kind: str, drug: str, what: str, action: str) -> str:
    """``kind drug what action``, space-separated (IRIs hold no spaces; the action is last)."""
    if kind not in KINDS:
        raise ValueError(f"statement kind {kind!r} is not one of {KINDS}")
    return f"{kind} {drug} {what} {action}"


def parse_statement_key(text: str) -> StatementKey | None:
    """(kind, drug, what, action or None) of a key; None for a text that is no key."""
    parts = text.split(" ", 3)
    if len(parts) < 3 or parts[0] not in KINDS:
        return None
    action = parts[3] if len(parts) == 4 and parts[3] else None
    return parts[0], parts[1], parts[2], action
