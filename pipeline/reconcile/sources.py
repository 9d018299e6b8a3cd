"""Independence of claims: which claims of one fact come from one origin and so count once.

Claims share an origin when they name the same original reporter (``attributed_to``: "according to
Outlet B"; an outlet and a claim attributed to it are one origin), come from the same outlet without naming
another reporter, or sit in near-duplicate sentences (a syndicated copy; rapidfuzz ratio >=
``[tolerance] near_duplicate``). A claim with no outlet stands for its article path (not merely its
file: a digest file holds pieces of many outlets). The result never depends on the input order.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from ..records import Claim

# Sentences shorter than this are too generic ("The deal runs through 2029.") to prove copying.
MIN_SENTENCE = 40


def outlet_key(claim: Claim) -> str:
    """The name trust is kept under: the outlet, else the article path."""
    return claim.outlet or claim.article


@functools.lru_cache(maxsize=4096)  # a handful of outlets and reporters, asked for once per claim
def _norm_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


@functools.lru_cache(maxsize=65536)  # syndicated and templated sentences repeat
def _norm_sentence(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def origin_key(claim: Claim) -> str:
    """The reporter a claim stands for before copies are merged: attribution, else outlet, else path."""
    if claim.attributed_to:
        return _norm_name(claim.attributed_to)
    if claim.outlet:
        return _norm_name(claim.outlet)
    return "article:" + claim.article


def assign_origins(claims: Sequence[Claim], config: Mapping[str, Any]) -> dict[int, str]:
    """Map each claim's index to its origin label; ``claims`` must already be in a canonical order.

    Keys are not chained through outlets: an aggregator citing Outlet A for one claim and Outlet B for
    another must not make Outlet A and Outlet B one origin. An outlet's unattributed claims join the
    reporter it cites most for this fact (it is most likely repeating it), else stand for the outlet.
    """
    threshold = float(config.get("tolerance", {}).get("near_duplicate", 90))
    cited: dict[str, Counter[str]] = {}
    for claim in claims:
        if claim.outlet and claim.attributed_to:
            cited.setdefault(_norm_name(claim.outlet), Counter())[_norm_name(claim.attributed_to)] += 1
    keys = []
    for claim in claims:
        key = origin_key(claim)
        if claim.outlet and not claim.attributed_to and _norm_name(claim.outlet) in cited:
            counts = cited[_norm_name(claim.outlet)]
            key = min(counts, key=lambda name: (-counts[name], name))
        keys.append(key)
    uf = _UnionFind(len(claims))
    first_by_key: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in first_by_key:
            uf.union(first_by_key[key], i)
        else:
            first_by_key[key] = i
    _join_copies(claims, uf, threshold)
    groups: dict[int, list[int]] = {}
    for i in range(len(claims)):
        groups.setdefault(uf.find(i), []).append(i)
    labels: dict[int, str] = {}
    for members in groups.values():
        label = origin_label([claims[i] for i in members])
        for i in members:
            labels[i] = label
    return labels


def _join_copies(claims: Sequence[Claim], uf: _UnionFind, threshold: float) -> None:
    """Join the claims whose sentences are near-duplicates (rapidfuzz ratio >= ``threshold``).

    The origins are the connected pieces of the 'near-duplicate' graph, so only pairs that could be edges
    need a look: identical sentences are joined by a dict, and the others are compared in order of length,
    stopping once the length gap alone keeps the ratio below the threshold (ratio <= 200 * shorter / total).
    """
    first: dict[str, int] = {}
    for i, claim in enumerate(claims):
        sentence = _norm_sentence(claim.sentence)
        if len(sentence) < MIN_SENTENCE:
            continue
        if sentence in first and threshold <= 100:
            uf.union(first[sentence], i)
        else:
            first.setdefault(sentence, i)
    distinct = sorted((len(s), s, i) for s, i in first.items())
    # A hair of slack so that rounding in the bound never skips a pair the ratio itself would accept.
    floor = threshold - 1e-6
    for a, (length, sentence, i) in enumerate(distinct):
        for other_length, other, j in distinct[a + 1:]:
            if 200.0 * length / (length + other_length) < floor:
                break
            if uf.find(i) != uf.find(j) and fuzz.ratio(sentence, other, score_cutoff=threshold) >= threshold:
                uf.union(i, j)


def origin_label(claims: Sequence[Claim]) -> str:
    """Name an origin: the reporter most cited, else the earliest-published outlet, else the first path."""
    cited = Counter(c.attributed_to for c in claims if c.attributed_to)
    if cited:
        return min(cited, key=lambda name: (-cited[name], name))
    outlets = sorted((c.published or "9999", c.outlet) for c in claims if c.outlet)
    if outlets:
        return outlets[0][1]  # type: ignore[return-value]
    return min(c.article for c in claims)
