"""Show the facts the outlets disagree on, side by side, with who says what and the quotes.

Works on SPEC fact dicts (``facts/facts.json``). Values are written by ``reconcile.values.describe``, the
one formatter the reasons, the fact tables, this view and the HTML report share.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .reconcile.values import describe

STATUS_ORDER = ("conflict", "refined", "single", "agreed")


# -- values ---------------------------------------------------------------------------------------------

def value_key(value: dict[str, Any] | str | None) -> str:
    """A canonical string for comparing values: 150000000.0 and 150000000 compare equal."""
    def plain(v: Any) -> Any:
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v
    return json.dumps(plain(value), ensure_ascii=False, sort_keys=True)


# -- selecting and grouping -----------------------------------------------------------------------------

def subject_label(fact: dict[str, Any]) -> str:
    """The subject as a reader names it: "Acme + Globex"."""
    return " + ".join(fact.get("subject", {}).get("parties", [])) or "(no subject)"


def sort_key(fact: dict[str, Any]) -> tuple:
    """Rows sorted by subject parties, then attribute (then kind and id, so the order is total)."""
    subject = fact.get("subject", {})
    return (tuple(subject.get("parties", [])), str(fact.get("attribute", "")), str(subject.get("kind", "")),
            str(fact.get("fact_id", "")))


def select_facts(facts: Iterable[dict[str, Any]], statuses: Iterable[str] | None = ("conflict", "refined"),
                 subject: str | None = None, attribute: str | None = None) -> list[dict[str, Any]]:
    """The facts with one of ``statuses`` (None: all), a party containing ``subject`` and that ``attribute``.

    Sorted by status (conflicts first), then subject and attribute.
    """
    wanted = None if statuses is None else tuple(statuses)
    needle = subject.casefold() if subject else None
    chosen = [
        f for f in facts
        if (wanted is None or f.get("status") in wanted)
        and (needle is None or any(needle in p.casefold() for p in f.get("subject", {}).get("parties", [])))
        and (attribute is None or str(f.get("attribute", "")).casefold() == attribute.casefold())
    ]
    rank = {s: i for i, s in enumerate(wanted or STATUS_ORDER)}
    return sorted(chosen, key=lambda f: (rank.get(f.get("status"), len(rank)), sort_key(f)))


@dataclass(frozen=True, slots=True)
class ValueGroup:
    """The claims of one fact that state the same value."""

    label: str
    value: Any
    claims: tuple[dict[str, Any], ...]
    canonical: bool

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(claim_source(c) for c in self.claims))

    @property
    def origins(self) -> int:
        """How many different origins (attributed_to, else outlet) state this value."""
        return len({c.get("attributed_to") or c.get("outlet") or c.get("article") for c in self.claims})


def claim_source(claim: dict[str, Any]) -> str:
    """Who states a claim: "Outlet A (citing Outlet B)" when the outlet repeats another's report."""
    outlet = claim.get("outlet") or claim.get("article") or "unknown source"
    cited = claim.get("attributed_to")
    return f"{outlet} (citing {cited})" if cited and cited != outlet else str(outlet)


def group_claims(fact: dict[str, Any]) -> list[ValueGroup]:
    """The fact's claims grouped by value: the canonical value first, then by support."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for claim in fact.get("claims") or []:
        groups.setdefault(value_key(claim.get("value")), []).append(claim)
    canonical_key = value_key(fact.get("value"))
    canonical_label = describe(fact.get("value"))
    out = []
    for key, claims in groups.items():
        label = describe(claims[0].get("value"))
        out.append(ValueGroup(label, claims[0].get("value"), tuple(claims), key == canonical_key))
    # When no claim states the canonical value exactly, the group that reads the same stands for it.
    if not any(g.canonical for g in out):
        out = [ValueGroup(g.label, g.value, g.claims, g.label == canonical_label) for g in out]
    return sorted(out, key=lambda g: (not g.canonical, -g.origins, -len(g.claims), g.label))


# -- the terminal view -----------------------------------------------------------------------------------

# Below this many characters a column of quotes is too narrow to read; the groups are stacked instead.
_MIN_COLUMN = 28
_GUTTER = " │ "


def _group_lines(group: ValueGroup, width: int) -> list[str]:
    origins = f"{group.origins} origin{'s' if group.origins != 1 else ''}"
    claims = f"{len(group.claims)} claim{'s' if len(group.claims) != 1 else ''}"
    lines = textwrap.wrap(f"{'★' if group.canonical else '▸'} {group.label}", width, subsequent_indent="  ") or [""]
    lines += textwrap.wrap(f"{claims}, {origins}" + (" · canonical" if group.canonical else ""), width,
                           initial_indent="  ", subsequent_indent="  ")
    lines.append("─" * width)
    for claim in group.claims:
        lines += textwrap.wrap(claim_source(claim) + ":", width)
        lines += textwrap.wrap(f"“{claim.get('quote', '')}”", width, initial_indent="  ", subsequent_indent="   ")
    return lines


def _side_by_side(blocks: list[list[str]], width: int) -> list[str]:
    height = max(len(b) for b in blocks)
    rows = []
    for i in range(height):
        cells = [(b[i] if i < len(b) else "").ljust(width) for b in blocks]
        rows.append(_GUTTER.join(cells).rstrip())
    return rows


def context_for(fact: dict[str, Any], unassigned: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The unassigned claims (claims.csv rows whose subject or scope was unclear) a reviewer may want beside a
    fact: those of the same subject, and those of no subject from the fact's own articles."""
    label = subject_label(fact)
    articles = {c.get("article") for c in fact.get("claims", ())}
    return [row for row in unassigned
            if (row.get("subject") or "") == label or (not row.get("subject") and row.get("article") in articles)]


def render_fact(fact: dict[str, Any], width: int = 100, context: Iterable[dict[str, Any]] = ()) -> str:
    """One disagreeing fact: a header, then its competing values with outlets and quotes, then the unassigned
    claims of its subject as context (never counted in the fact)."""
    status = str(fact.get("status", "")).upper()
    head = f"{subject_label(fact)} · {fact.get('attribute')} · {status}"
    fact_id = f"[{fact.get('fact_id', '')}]"
    lines = ["═" * width]
    if len(head) + 1 + len(fact_id) <= width:
        lines.append(head + fact_id.rjust(width - len(head)))
    else:
        lines += textwrap.wrap(head, width, subsequent_indent="  ") + [fact_id]
    verdict = fact.get("verdict")
    summary = (f"canonical: {describe(fact.get('value'))}   confidence {fact.get('confidence')}   "
               f"{fact.get('sources')} independent source{'s' if fact.get('sources') != 1 else ''}")
    if fact.get("verified"):
        summary += "   verified"
    if verdict:
        summary += f"   verdict: {verdict}" + (" (stale: the value changed since)" if fact.get("verdict_stale") else "")
    lines += textwrap.wrap(summary, width, subsequent_indent="  ")
    if fact.get("reason"):
        lines += textwrap.wrap(f"why: {fact['reason']}", width, subsequent_indent="     ")
    lines.append("")
    groups = group_claims(fact)
    if not groups:
        lines.append("  (no claims recorded)")
        return "\n".join(lines)
    per_row = max(1, min(len(groups), (width + len(_GUTTER)) // (_MIN_COLUMN + len(_GUTTER))))
    column = (width - len(_GUTTER) * (per_row - 1)) // per_row
    for start in range(0, len(groups), per_row):
        row = groups[start:start + per_row]
        if start:
            lines.append("")
        lines += _side_by_side([_group_lines(g, column) for g in row], column)
    context = list(context)
    if context:
        lines += ["", "context, not counted (figures whose subject or scope was unclear):"]
        for row in context[:8]:
            where = row.get("outlet") or row.get("source") or row.get("article") or ""
            lines += textwrap.wrap(f"- {row.get('quote') or row.get('value')} ({where}): {row.get('sentence', '')}",
                                   width, subsequent_indent="    ", max_lines=3, placeholder=" …")
    return "\n".join(lines)


def render_audit(facts: list[dict[str, Any]], statuses: Iterable[str] | None = ("conflict", "refined"),
                 width: int = 100, *, subject: str | None = None, attribute: str | None = None,
                 unassigned: Iterable[dict[str, Any]] = ()) -> str:
    """The disagreeing facts side by side, for the terminal, with a footer of counts.

    Pass the whole fact table (and ``subject``/``attribute`` to narrow it): the footer counts all of it.
    """
    width = max(width, 40)
    statuses = None if statuses is None else tuple(statuses)
    chosen = select_facts(facts, statuses, subject=subject, attribute=attribute)
    unassigned = list(unassigned)
    parts = [render_fact(f, width, context_for(f, unassigned)) for f in chosen]
    if not chosen:
        parts.append("No facts with status " + " or ".join(statuses or STATUS_ORDER) + ".")
    counts = {s: sum(1 for f in facts if f.get("status") == s) for s in STATUS_ORDER}
    others = [f"{n} {s}" for s, n in counts.items() if n]
    footer = (f"{len(chosen)} of {len(facts)} fact{'s' if len(facts) != 1 else ''} shown"
              f" ({', '.join(others) or 'none'} in all)")
    verified = sum(1 for f in facts if f.get("verified"))
    if verified:
        footer += f"; {verified} verified"
    parts.append("\n".join(["═" * width, *textwrap.wrap(footer, width)]))
    return "\n\n".join(parts) + "\n"
