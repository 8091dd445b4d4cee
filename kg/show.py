"""A readable card of one trial, read back from the store (not from the document)."""

from __future__ import annotations

from kg import queries
from kg.formats import plain
from kg.normalize.lexicon import Lexicon
from kg.store.base import QueryError, Store


def card(store: Store, trial: str, lexicon: Lexicon | None = None) -> str:
    """Identity, design, arms with doses, conditions, sponsors, eligibility size, cited results."""
    lexicon = lexicon or Lexicon.load()
    param = {"trial": trial}
    head = queries.run(store, "trial-card", param, lexicon).values()
    if not head:
        raise QueryError(f"no trial {trial} in the store")
    t = head[0]
    lines = [f"{t['title'] or '(untitled)'}", f"  {t['nct'] or t['trial']}"]
    for label, key in (("phase", "phases"), ("status", "status"), ("type", "study_type"),
                       ("enrollment", "enrollment"), ("start", "start_date"),
                       ("completion", "completion_date"), ("design", "design"),
                       ("org ids", "org_ids"), ("sources", "documents")):  # fmt: skip
        if t.get(key):
            lines.append(f"  {label:<11} {t[key]}")
    drugs = queries.run(store, "trial-drugs", param, lexicon)
    if len(drugs):
        lines.append("Arms and drugs")
        for r in drugs.values():
            dose = " ".join(filter(None, [_range(r["dose"], r["dose_high"]), r["unit"]]))
            detail = ", ".join(filter(None, [dose, r["route"], r["schedule"]]))
            lines.append(
                f"  [{r['arm'] or r['intervention']}] {r['drug']}"
                + (f": {detail}" if detail else "")
            )
    for title, name, fmt in (
        ("Conditions", "trial-conditions", "{condition} ({condition_id})"),
        ("Sponsors", "trial-sponsors", "{sponsor} [{role}] {class}"),
    ):
        rows = queries.run(store, name, param, lexicon).values()
        if rows:
            lines.append(title)
            lines += [
                "  " + fmt.format(**{k: (v or "") for k, v in r.items()}).replace(" []", "")
                for r in rows
            ]
    if t.get("inclusion") or t.get("exclusion"):
        lines.append(f"Eligibility  {t['inclusion']} inclusion, {t['exclusion']} exclusion criteria;"
                     f" age {t['min_age'] or '?'}–{t['max_age'] or '?'}, sex {t['sex'] or '?'}")  # fmt: skip
    cited = queries.run(store, "cited-evidence", param, lexicon).values()
    if cited:
        lines.append("Cited results")
        for r in cited:
            value = _range(r["value"], r["value_high"]) + (f" {r['unit']}" if r["unit"] else "")
            ci = f" (95% CI {r['ci_low']}–{r['ci_high']})" if r["ci_low"] else ""
            vs = f" vs {r['comparator']}" if r["comparator"] else ""
            lines.append(f"  {r['study'] or '(unnamed study)'}: {r['measure']} {value}{vs}{ci}")
    return "\n".join(lines) + "\n"


def _range(low: str | None, high: str | None) -> str:
    if not low:
        return ""
    return f"{low}–{high}" if high else low


__all__ = ["card", "plain"]
