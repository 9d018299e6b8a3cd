"""Independence of claims: which claims of one fact come from one origin and so count once.

Claims share an origin when they come from the same outlet, name the same original reporter
(``attributed_to``: "according to CNBC"; an outlet and a claim attributed to it are one origin), or
sit in near-duplicate sentences (a syndicated copy; rapidfuzz ratio >= ``[tolerance] near_duplicate``).
A claim with no outlet stands for its article path. The result never depends on the input order.
"""

from __future__ import annotations

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


def _norm_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


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


def assign_origins(claims: Sequence[Claim], config: Mapping[str, Any]) -> dict[int, str]:
    """Map each claim's index to its origin label; ``claims`` must already be in a canonical order."""
    threshold = float(config.get("tolerance", {}).get("near_duplicate", 90))
    uf = _UnionFind(len(claims))
    first_by_name: dict[str, int] = {}
    for i, claim in enumerate(claims):
        names = {_norm_name(n) for n in (claim.outlet, claim.attributed_to) if n}
        names.add("article:" + claim.article)
        for name in sorted(names):
            if name in first_by_name:
                uf.union(first_by_name[name], i)
            else:
                first_by_name[name] = i
    sentences = [_norm_sentence(c.sentence) for c in claims]
    for i in range(len(claims)):
        if len(sentences[i]) < MIN_SENTENCE:
            continue
        for j in range(i + 1, len(claims)):
            if len(sentences[j]) >= MIN_SENTENCE and uf.find(i) != uf.find(j) \
                    and fuzz.ratio(sentences[i], sentences[j]) >= threshold:
                uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(claims)):
        groups.setdefault(uf.find(i), []).append(i)
    labels: dict[int, str] = {}
    for members in groups.values():
        label = origin_label([claims[i] for i in members])
        for i in members:
            labels[i] = label
    return labels


def origin_label(claims: Sequence[Claim]) -> str:
    """Name an origin: the reporter most cited, else the earliest-published outlet, else the first path."""
    cited = Counter(c.attributed_to for c in claims if c.attributed_to)
    if cited:
        return min(cited, key=lambda name: (-cited[name], name))
    outlets = sorted((c.published or "9999", c.outlet) for c in claims if c.outlet)
    if outlets:
        return outlets[0][1]  # type: ignore[return-value]
    return min(c.article for c in claims)
