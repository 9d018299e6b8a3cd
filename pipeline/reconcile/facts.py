"""Claims -> facts: group by (subject, attribute), count independent origins, weigh support, then give each
fact its status, canonical value, confidence and a one-sentence reason.

- ``agreed``: every claim states the same value at the same precision;
- ``refined``: all claims compatible, differing in precision or hedge;
- ``conflict``: at least two claims cannot both be true;
- ``single``: one independent origin only (however many copies of it).

The canonical value is the most precise value compatible with the best-supported group; in a conflict a
value derived by arithmetic may be that value (it is named as derived in the reason, never as a claim).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..records import UNASSIGNED, Claim, Fact, Reconciliation, SourceTrust, Subject, Value
from .arithmetic import Derivation, consistent, derive, explain_break
from .sources import assign_origins, outlet_key
from .trust import ClaimGroup, Support, claim_order, discover_trust, weigh
from .values import (any_incompatible, compatible, count_same, describe, group_same, memo_spans, memo_table, precision,
                     raw_span, same, sort_key)


# How far arithmetic moves confidence: a consistent fact closes a quarter of its remaining doubt, a broken
# relation costs a quarter. Chosen so one relation never outweighs the support of the sources themselves.
ARITHMETIC_NUDGE = 0.25


def group_claims(claims: Sequence[Claim], config: Mapping[str, Any]) -> list[ClaimGroup]:
    """Group claims by (subject, attribute) in canonical order and label each claim's origin."""
    buckets: dict[tuple[Subject, str], list[Claim]] = {}
    for claim in claims:
        if claim.derived:  # derived values are evidence computed here, not statements of an outlet
            continue
        buckets.setdefault((claim.subject, claim.attribute), []).append(claim)
    groups = []
    value_keys: dict[Value, tuple[str, str]] = {}  # sort_key is costly and values repeat: once per value

    def value_key(value: Value) -> tuple[str, str]:
        found = value_keys.get(value)
        if found is None:
            found = value_keys[value] = sort_key(value)
        return found

    for (subject, attribute), members in sorted(buckets.items(), key=lambda kv: subject_order(*kv[0])):
        ordered = tuple(sorted(members, key=lambda c: claim_order(c, value_key)))
        labels = assign_origins(ordered, config)
        groups.append(ClaimGroup(subject, attribute, ordered, tuple(labels[i] for i in range(len(ordered))),
                                 tuple(outlet_key(c) for c in ordered)))
    return groups


def subject_order(subject: Subject, attribute: str) -> tuple[Any, ...]:
    return (subject.parties, subject.kind, attribute)


def status_of(group: ClaimGroup, config: Mapping[str, Any]) -> str:
    """The fact's status from its claims and their origins."""
    if len(group.origin_set) <= 1:
        return "single"
    values = [c.value for c in group.claims]
    if not several(group, config) and any_incompatible(values, config):
        return "conflict"
    if all(same(values[0], v) for v in values[1:]):
        return "agreed"
    return "refined"


def choose_value(group: ClaimGroup, support: Support, derivations: Sequence[Derivation], status: str,
                 config: Mapping[str, Any]) -> tuple[Value, Derivation | None]:
    """The most precise value compatible with every claim of the best-supported group."""
    members = sorted(support.best.claims)
    backing = [group.claims[i].value for i in members]
    # Identical stated values are one candidate (the first, as min keeps the first of equal keys).
    candidates: list[tuple[Value, Derivation | None]] = [(v, None) for v in dict.fromkeys(backing)]
    if status == "conflict":
        distinct = list(dict.fromkeys(backing))
        candidates += [(d.value, d) for d in derivations
                       if all(compatible(d.value, v, config) for v in distinct)]
    copies = count_same(backing)

    def key(item: tuple[Value, Derivation | None]) -> tuple[Any, ...]:
        value, derivation = item
        return (precision(value, config), -copies(value), derivation is not None)

    keys = [key(c) for c in candidates]
    best = min(keys)
    tied = [c for c, k in zip(candidates, keys) if k == best]
    return tied[0] if len(tied) == 1 else min(tied, key=lambda c: sort_key(c[0]))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _names(names: Sequence[str], most: int = 5) -> str:
    """'A, B, C'; past ``most`` names, 'A, B, C, D, E and 3 more'."""
    names = list(names)
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


def provenance(group: ClaimGroup) -> str:
    """'4 outlets, 2 origins: Outlet A, Outlet B'."""
    origins = group.origin_set
    return f"{_plural(len(set(group.outlets)), 'outlet')}, {_plural(len(origins), 'origin')}: {', '.join(origins)}"


def positions_of(group: ClaimGroup, config: Mapping[str, Any]) -> list[tuple[Value, list[int]]]:
    """Distinct stated values, each with the indices of the claims stating it, in value order.

    Within ``memo_spans`` the answer is remembered per claims tuple (a fact keeps its group's): callers must
    not change the list.
    """
    memo = memo_table("positions", config)
    if memo is None:
        return _positions_of(group, config)
    found = memo.get(id(group.claims))
    if found is None or found[0] is not group.claims:  # the memo holds the tuple, so its id is not reused
        found = memo[id(group.claims)] = (group.claims, _positions_of(group, config))
    return found[1]


def _positions_of(group: ClaimGroup, config: Mapping[str, Any]) -> list[tuple[Value, list[int]]]:
    out = group_same([c.value for c in group.claims])

    def order(item: tuple[Value, list[int]]) -> tuple[Any, ...]:
        raw = raw_span(item[0], config)
        return (raw.low if raw else 0.0, raw.high if raw else 0.0, describe(item[0]), sort_key(item[0]))

    return sorted(out, key=order)


def disputed(group: ClaimGroup, config: Mapping[str, Any],
             positions: Sequence[tuple[Value, list[int]]] | None = None) -> bool:
    """Two of the group's claims cannot both be true (a conflict, or a lone origin contradicting itself)."""
    if several(group, config):
        return False
    values = [v for v, _ in (positions if positions is not None else positions_of(group, config))]
    return any_incompatible(values, config)


def several(group: ClaimGroup, config: Mapping[str, Any]) -> bool:
    """Whether the attribute can hold several values at once (config ``several``: a deal's chip models, its
    sites), so that different values refine each other and never conflict."""
    return bool(config.get("attributes", {}).get(group.attribute, {}).get("several"))


def _who(group: ClaimGroup, members: Sequence[int]) -> str:
    """The outlets behind some claims: 'Daily Planet, Metro Wire via The Ledger' (via: the reporter it cites)."""
    said: dict[str, set[str]] = {}
    for i in members:
        claim = group.claims[i]
        cited = said.setdefault(group.outlets[i], set())
        if claim.attributed_to and claim.attributed_to != group.outlets[i]:
            cited.add(claim.attributed_to)
    return _names([f"{o} via {'/'.join(sorted(c))}" if c else o for o, c in sorted(said.items())])


def _say(group: ClaimGroup, value: Value, members: Sequence[int]) -> str:
    """'June 2029 (Wccftech)'."""
    return f"{describe(value)} ({_who(group, members)})"


def _support(group: ClaimGroup, members: Sequence[int]) -> tuple[int, int]:
    """A sort key: most origins first, then most outlets."""
    return (-len({group.origins[i] for i in members}), -len({group.outlets[i] for i in members}))


def conflict_sides(group: ClaimGroup, config: Mapping[str, Any]) -> list[tuple[Value, list[int]]]:
    """The stated values that clash with another stated value (the sides of a conflict)."""
    positions = positions_of(group, config)
    return [(v, m) for v, m in positions if any(not compatible(v, w, config) for w, _ in positions)]


def camps(group: ClaimGroup, value: Value, config: Mapping[str, Any],
          positions: Sequence[tuple[Value, list[int]]] | None = None
          ) -> tuple[list[list[tuple[Value, list[int]]]], list[tuple[Value, list[int]]]]:
    """The sides of a conflict and the stated values that fit every side.

    Each side holds stated values that can all be true together; the side of the canonical ``value`` comes
    first, the others by support. A value compatible with every other stated value belongs to no side.
    """
    positions = list(positions) if positions is not None else positions_of(group, config)
    neutral = [p for p in positions if all(compatible(p[0], q[0], config) for q in positions)]
    rest = sorted((p for p in positions if p not in neutral),
                  key=lambda p: (not compatible(p[0], value, config), not same(p[0], value), _support(group, p[1])))
    sides: list[list[tuple[Value, list[int]]]] = []
    for position in rest:
        home = next((side for side in sides if all(compatible(position[0], q[0], config) for q in side)), None)
        if home is None:
            sides.append([position])
        else:
            home.append(position)
    return sides, neutral


def explain(group: ClaimGroup, status: str, value: Value, support: Support,
            derivations: Sequence[Derivation], config: Mapping[str, Any]) -> str:
    """One sentence: who says what, how many outlets and independent origins, and what arithmetic shows."""
    where = provenance(group)
    positions = positions_of(group, config)
    if status == "single":
        origin = group.origin_set[0]
        if disputed(group, config, positions):
            listed = " vs ".join(describe(v) for v, _ in positions)
            head = f"Only {origin} states this, and its claims disagree: {listed}; {describe(value)} is taken ({where})"
        else:
            head = f"Only {origin} states {describe(value)} ({where})"
    elif status == "agreed":
        every = "Both claims" if len(group.claims) == 2 else f"All {len(group.claims)} claims"
        head = f"{every} state {describe(value)} ({where})"
    elif status == "refined":
        listed = ", ".join(_say(group, v, m) for v, m in positions)
        head = f"The claims agree but differ in precision: {listed}; the most precise, {describe(value)}, is taken ({where})"
    else:
        sides, neutral = camps(group, value, config, positions)
        head = " vs ".join(" and ".join(_say(group, v, m) for v, m in side) for side in sides)
        if neutral:
            fits = "fit" if len(neutral) > 1 else "fits"
            head += f"; {' and '.join(_say(group, v, m) for v, m in neutral)} {fits} {'either' if len(sides) == 2 else 'all'}"
        head += f" ({where})"
    parts = [head]
    for derivation in derivations:
        fits = consistent(value, derivation, config)
        against = [describe(v) for v, _ in positions if not consistent(v, derivation, config)]
        specific = [text for v, _ in positions if not consistent(v, derivation, config)
                    and (text := explain_break(v, derivation)) is not None]
        if fits:
            text = (derivation.summary() if derivation.via or status == "conflict"
                    else f"consistent with {derivation.statement}")
        else:
            text = derivation.statement
        if against and not specific:
            text += f", not {' or '.join(against)}"
        parts += [text, *specific] if fits or not specific else specific
    parts = list(dict.fromkeys(parts))
    if status == "conflict" and not any(consistent(value, d, config) for d in derivations):
        parts.append(_trusted(group, value, support))
    return "; ".join(parts)


def _trusted(group: ClaimGroup, value: Value, support: Support) -> str:
    """'$2B has the most trusted support: 2 of 3 origins (Daily Planet 0.90, Metro Wire 0.90)'."""
    backers = sorted({group.origins[i] for i in support.best.claims})
    weights = [support.weights[o] for o in backers]
    if len(backers) <= 3:
        detail = ", ".join(f"{o} {support.weights[o]:.2f}" for o in backers)
    else:
        low, high = f"{min(weights):.2f}", f"{max(weights):.2f}"
        detail = f"trust {low}" if low == high else f"trust {low} to {high}"
    others = [o for o in group.origin_set if o not in backers]
    text = (f"{describe(value)} has the most trusted support: {len(backers)} of {len(group.origin_set)} origins "
            f"({detail})")
    if others:
        text += " against " + (", ".join(f"{o} {support.weights[o]:.2f}" for o in others) if len(others) <= 3
                               else f"{len(others)} origins")
    return text


def confidence_of(group: ClaimGroup, support: Support, value: Value, derivations: Sequence[Derivation],
                  config: Mapping[str, Any]) -> float:
    """Share of trusted support behind the value x corroboration by independent origins, nudged by arithmetic."""
    backing = sorted({group.origins[i] for i in support.best.claims})
    total = sum(support.weights.values())
    share = sum(support.weights[o] for o in backing) / total if total else 0.0
    doubt = 1.0
    for origin in backing:
        doubt *= 1.0 - min(max(support.weights[origin], 0.0), 0.99)
    conf = share * (1.0 - doubt)
    nudge = ARITHMETIC_NUDGE
    if derivations:
        if all(consistent(value, d, config) for d in derivations):
            conf += (1.0 - conf) * nudge
        else:
            conf *= 1.0 - nudge
    return round(min(max(conf, 0.0), 1.0), 4)


def reconcile_claims(claims: Sequence[Claim], config: Mapping[str, Any]) -> Reconciliation:
    """Reconcile claims into facts (sorted by subject, attribute) and outlet trust; order-independent.
    Unassigned claims (no decidable subject or scope) make no fact."""
    claims = [c for c in claims if c.attribute != UNASSIGNED]
    with memo_spans(config):
        return _reconcile(claims, config)


def _reconcile(claims: Sequence[Claim], config: Mapping[str, Any]) -> Reconciliation:
    groups = group_claims(claims, config)
    prior = float(config.get("trust", {}).get("prior", 0.8))
    # 1. A first pass with equal trust gives the undisputed values arithmetic may build on.
    known: dict[Subject, dict[str, Value]] = {}
    stated: dict[Subject, dict[str, int]] = {}
    statuses = [status_of(group, config) for group in groups]  # once: the first and the final pass need it
    for group, status in zip(groups, statuses):
        if disputed(group, config):  # a contested value is no basis for arithmetic
            continue
        support = weigh(group, {}, (), config)
        known.setdefault(group.subject, {})[group.attribute] = choose_value(group, support, (), status, config)[0]
        stated.setdefault(group.subject, {})[group.attribute] = len(group.origin_set)
    derivations: dict[tuple[Subject, str], tuple[Derivation, ...]] = {}
    for subject, values in sorted(known.items(), key=lambda kv: (kv[0].parties, kv[0].kind)):
        for attribute, found in derive(values, config, stated[subject]).items():
            derivations[(subject, attribute)] = found
    # 2. Truth discovery weighs outlets; 3. the final pass uses those weights.
    atoms: dict[int, list[Any]] = {}  # the contested groups' atoms, built once for trust and the final pass
    records = discover_trust(groups, derivations, config, atoms)
    trust = {name: r.trust for name, r in records.items()}
    facts = []
    for group, status in zip(groups, statuses):
        derived = derivations.get((group.subject, group.attribute), ())
        support = weigh(group, trust, derived, config, atoms.get(id(group)))
        value, _ = choose_value(group, support, derived, status, config)
        facts.append(Fact(
            subject=group.subject, attribute=group.attribute, value=value, status=status,
            confidence=confidence_of(group, support, value, derived, config), sources=len(group.origin_set),
            reason=explain(group, status, value, support, derived, config), claims=group.claims,
            origins=group.origin_set))
    sources = tuple(SourceTrust(outlet=name, trust=r.trust if r.facts else prior, claims=r.claims,
                                origins=r.origins, facts=r.facts, backed=r.backed, outvoted=r.outvoted)
                    for name, r in sorted(records.items()))
    return Reconciliation(facts=tuple(facts), sources=sources)
