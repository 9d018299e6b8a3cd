"""Truth discovery: which value of a fact is best supported, and how far each outlet can be trusted.

Support works on *atoms*: the finest things that could be true (a point on a value's line, or the most
specific text). A claim covers an atom when the atom being true makes the claim true; an atom's score is
the summed weight of the independent origins covering it, plus ``[arithmetic] weight`` when a derived
value agrees. The best atom's covering claims are the best-supported group, which is always mutually
compatible.

Outlet trust is estimated in the spirit of TruthFinder/Accu: each outlet starts at ``[trust] prior``;
on every fact stated by two or more origins it earns the share of support its value gets relative to the
winner (1 when it is on the winning side); trust is the smoothed mean of those shares, iterated with the
origin weights it implies. Outlets often in the minority on conflicts thus lose weight, which then
breaks ties. Everything is iterated in sorted order, so the result does not depend on input order.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Claim, Subject, Value
from .arithmetic import Derivation, derived_span
from .values import compatible, covers, is_textual, keys_match, refines, sort_key, span, tokens


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """The claims of one (subject, attribute), in canonical order, with each claim's origin and outlet."""

    subject: Subject
    attribute: str
    claims: tuple[Claim, ...]
    origins: tuple[str, ...]
    outlets: tuple[str, ...]

    @property
    def origin_set(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.origins)))


@dataclass(frozen=True, slots=True)
class Atom:
    """One thing that could be true, with the claims and derivations that it would make true.

    ``origins`` are the sorted distinct origins of those claims (filled in by ``weigh``'s callers' atoms:
    see ``with_origins``); an atom's score sums their weights in that order.
    """

    order: tuple[Any, ...]
    claims: frozenset[int]
    derivations: frozenset[int]
    origins: tuple[str, ...] = ()


def with_origins(group: ClaimGroup, atoms: Sequence[Atom]) -> list[Atom]:
    """The atoms with ``origins`` filled in from the group (once, not on every weighing)."""
    return [Atom(a.order, a.claims, a.derivations, tuple(sorted({group.origins[i] for i in a.claims})))
            for a in atoms]


@dataclass(frozen=True, slots=True)
class Support:
    """The outcome of weighing one group: the best atom and each claim's support relative to it."""

    best: Atom
    score: float
    claim_share: tuple[float, ...]
    weights: Mapping[str, float]


def build_atoms(group: ClaimGroup, derivations: Sequence[Derivation], config: Mapping[str, Any]) -> list[Atom]:
    """Enumerate the atoms of a group (sorted; deterministic)."""
    values = [c.value for c in group.claims]
    if values and all(is_textual(v) for v in values):
        return _text_atoms(values, config)
    spans = [span(v, config) for v in values]
    dspans = [derived_span(d, config) for d in derivations]
    keys = sorted({s.key for s in spans if s is not None}, key=repr)
    atom_keys: set[tuple[Any, ...]] = set()  # a handful: the lines the values live on
    for key in keys:
        options = []
        for pos, part in enumerate(key):
            concrete = sorted({k[pos] for k in keys if k[0] == key[0] and k[pos] is not None}, key=repr)
            options.append(concrete if part is None and concrete else [part])
        atom_keys.update(itertools.product(*options))
    points: set[float] = set()
    for s in [*spans, *dspans]:
        if s is None:
            continue
        finite = [x for x in (s.low, s.high) if abs(x) != float("inf")]
        points.update(finite or [0.0])
    ordered = sorted(points)
    if any(math.isnan(x) for x in ordered) or any(s is not None and (math.isnan(s.low) or math.isnan(s.high))
                                                   for s in spans):
        return _atoms_pairwise(spans, dspans, atom_keys, ordered)
    atoms = []
    for key in sorted(atom_keys, key=repr):
        # A sweep over the points: a span joins when the sweep reaches its low end and leaves once past its
        # high end, so each point's covering spans come without testing every span at every point.
        on_line = sorted((s.low, i) for i, s in enumerate(spans) if s is not None and keys_match(s.key, key))
        dline = [(i, s) for i, s in enumerate(dspans) if s is not None and keys_match(s.key, key)]
        active: set[int] = set()
        ends: list[tuple[float, int]] = []
        nxt = 0
        for x in ordered:
            while nxt < len(on_line) and on_line[nxt][0] <= x:
                i = on_line[nxt][1]
                active.add(i)
                heapq.heappush(ends, (spans[i].high, i))  # type: ignore[union-attr]
                nxt += 1
            while ends and ends[0][0] < x:
                active.discard(heapq.heappop(ends)[1])
            if not active:
                continue
            dcovered = frozenset(i for i, s in dline if s.low <= x <= s.high)
            atoms.append(Atom((repr(key), x), frozenset(active), dcovered))
    return atoms


def _atoms_pairwise(spans: Sequence[Any], dspans: Sequence[Any], atom_keys: set[tuple[Any, ...]],
                    ordered: Sequence[float]) -> list[Atom]:
    """Every span tested at every point: the definition, kept for spans with NaN ends (which the sweep's
    ordering cannot place)."""
    atoms = []
    for key in sorted(atom_keys, key=repr):
        for x in ordered:
            covered = frozenset(i for i, s in enumerate(spans) if s is not None and covers(s, x, key))
            if not covered:
                continue
            dcovered = frozenset(i for i, s in enumerate(dspans) if s is not None and covers(s, x, key))
            atoms.append(Atom((repr(key), x), covered, dcovered))
    return atoms


def _text_atoms(values: Sequence[Value], config: Mapping[str, Any]) -> list[Atom]:
    distinct = sorted({" ".join(sorted(tokens(v))): v for v in values}.items())
    atoms = []
    for label, atom in distinct:
        covered = frozenset(i for i, v in enumerate(values)
                            if refines(atom, v, config)
                            or (compatible(atom, v, config) and not (tokens(atom) < tokens(v))))
        atoms.append(Atom((label,), covered, frozenset()))
    return atoms


def weigh(group: ClaimGroup, trust: Mapping[str, float], derivations: Sequence[Derivation],
          config: Mapping[str, Any], atoms: list[Atom] | None = None) -> Support:
    """Score every atom with origin weights (mean trust of the outlets carrying an origin) and pick the best."""
    prior = float(config.get("trust", {}).get("prior", 0.8))
    arith = float(config.get("arithmetic", {}).get("weight", 0.5))
    per_origin: dict[str, list[float]] = {}
    for origin, outlet in sorted(set(zip(group.origins, group.outlets))):
        per_origin.setdefault(origin, []).append(trust.get(outlet, prior))
    weights = {o: sum(ws) / len(ws) for o, ws in sorted(per_origin.items())}
    atoms = atoms if atoms is not None else with_origins(group, build_atoms(group, derivations, config))

    def score(atom: Atom) -> float:
        lent = max((arithmetic_weight(derivations[i], arith) for i in sorted(atom.derivations)), default=0.0)
        return sum(weights[o] for o in atom.origins) + lent

    scored = [(score(a), len(a.claims), -n, a) for n, a in enumerate(atoms)]
    best_score, _, _, best = max(scored, key=lambda t: t[:3])
    # Each claim's best atom: one pass over the atoms' members, not every claim against every atom.
    mine: list[float | None] = [None] * len(group.claims)
    for s, _, _, a in scored:
        for i in a.claims:
            held = mine[i]
            if held is None or s > held:
                mine[i] = s
    share = tuple(((m if m is not None else 0.0) / best_score) if best_score > 0 else 1.0 for m in mine)
    return Support(best, best_score, share, weights)


def arithmetic_weight(derivation: Derivation, weight: float) -> float:
    """Support a derivation lends: the full ``[arithmetic] weight`` once its weakest input has two origins."""
    return weight * min(1.0, derivation.strength / 2)


@dataclass(frozen=True, slots=True)
class OutletRecord:
    """An outlet's estimated trust and the record it rests on."""

    trust: float
    claims: int
    facts: int
    origins: tuple[str, ...]
    backed: int
    outvoted: int


def discover_trust(groups: Sequence[ClaimGroup], derivations: Mapping[tuple[Subject, str], Sequence[Derivation]],
                   config: Mapping[str, Any], atoms: dict[int, list[Atom]] | None = None) -> dict[str, OutletRecord]:
    """Iterate outlet trust over every fact stated by two or more independent origins.

    ``atoms``, when given, receives each contested group's atoms (by ``id(group)``) for the final weighing.
    """
    cfg = config.get("trust", {})
    prior = float(cfg.get("prior", 0.8))
    strength = float(cfg.get("prior_weight", 2.0))
    iterations = int(cfg.get("iterations", 10))
    contested = [g for g in groups if len(g.origin_set) >= 2]
    atoms = atoms if atoms is not None else {}
    for g in contested:
        atoms[id(g)] = with_origins(g, build_atoms(g, derivations.get((g.subject, g.attribute), ()), config))
    outlets = sorted({o for g in groups for o in g.outlets})
    trust = {o: prior for o in outlets}
    # Each outlet's shares in group order, as the iteration appends them. A group whose claims one atom
    # covers, that atom lending the most arithmetic support, gives every claim a share of 1 on the winning
    # side whatever the (non-negative) trust: its entries are filled once; only the others are weighed on each
    # iteration.
    arith = float(config.get("arithmetic", {}).get("weight", 0.5))
    template: dict[str, list[float]] = {o: [] for o in outlets}
    open_slots: list[tuple[ClaimGroup, list[tuple[str, int]]]] = []
    for g in contested:
        outlets_here = sorted(set(g.outlets))
        if prior >= 0 and strength >= 0 and _settled(g, atoms[id(g)], derivations.get((g.subject, g.attribute), ()),
                                                     arith):
            for outlet in outlets_here:
                template[outlet].append(1.0)
            continue
        slots = []
        for outlet in outlets_here:
            slots.append((outlet, len(template[outlet])))
            template[outlet].append(1.0)
        open_slots.append((g, slots))
    shares: dict[str, list[float]] = {}
    backed: dict[str, list[bool]] = {}
    for _ in range(max(iterations, 1)):
        shares = {o: list(t) for o, t in template.items()}
        backed = {o: [True] * len(t) for o, t in template.items()}
        for g, slots in open_slots:
            support = weigh(g, trust, derivations.get((g.subject, g.attribute), ()), config, atoms[id(g)])
            best_per_outlet: dict[str, float] = {}
            on_top: dict[str, bool] = {}
            for i, (outlet, share) in enumerate(zip(g.outlets, support.claim_share)):
                best_per_outlet[outlet] = max(best_per_outlet.get(outlet, 0.0), share)
                on_top[outlet] = on_top.get(outlet, False) or i in support.best.claims
            for outlet, slot in slots:
                shares[outlet][slot] = best_per_outlet[outlet]
                backed[outlet][slot] = on_top[outlet]
        new = {o: round((strength * prior + sum(shares[o])) / (strength + len(shares[o])), 6) for o in outlets}
        if new == trust:
            break
        trust = new
    said: dict[str, list[tuple[ClaimGroup, int]]] = {o: [] for o in outlets}
    for g in groups:
        for i, o in enumerate(g.outlets):
            said[o].append((g, i))
    records = {}
    for outlet in outlets:
        mine = said[outlet]
        records[outlet] = OutletRecord(
            trust=trust[outlet], claims=len(mine), facts=len({(g.subject, g.attribute) for g, _ in mine}),
            origins=tuple(sorted({g.origins[i] for g, i in mine})),
            backed=sum(backed.get(outlet, [])), outvoted=sum(not b for b in backed.get(outlet, [])))
    return records


def _settled(group: ClaimGroup, atoms: Sequence[Atom], derivations: Sequence[Derivation], arith: float) -> bool:
    """Whether ``weigh`` picks an atom covering every claim for any non-negative origin weights.

    Such an atom's origins are all the group's, so with the most arithmetic support of any atom its score is
    the highest (float sums of non-negative terms only grow with more terms) and ties go to the most claims:
    every claim then has a share of 1 and sits on the winning side, whatever the trust.
    """
    def lent(atom: Atom) -> float:
        return max((arithmetic_weight(derivations[i], arith) for i in atom.derivations), default=0.0)

    whole = len(group.claims)
    most = max((lent(a) for a in atoms), default=0.0)
    return any(len(a.claims) == whole and lent(a) >= most for a in atoms)


def claim_order(claim: Claim, value_key: Callable[[Value], Any] = sort_key) -> tuple[Any, ...]:
    """The canonical order of claims: outlet, article, position, quote, value (``value_key``: ``sort_key``
    or a memo of it)."""
    return (claim.outlet or "", claim.article, claim.start if claim.start is not None else -1,
            claim.end if claim.end is not None else -1, claim.quote, value_key(claim.value),
            claim.attributed_to or "", claim.published or "", claim.sentence, claim.derived)
