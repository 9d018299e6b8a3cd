"""Near-duplicate articles: syndicated copies (wire stories, reposts) linked to one canonical article.

Texts are normalised (case, punctuation, whitespace) and compared with rapidfuzz; a cheap shingle
overlap prefilter keeps the pairwise comparison affordable for a few thousand articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Article

_NON_WORD = re.compile(r"[^\w]+")
_SHINGLE = 5
# Pairs sharing fewer than this share of word 5-grams are never near-duplicates at ratios >= 80,
# so the exact rapidfuzz ratio is computed only for the rest.
_PREFILTER = 0.2
# Texts are compared on their first this many normalised characters: a copy is a copy from its start,
# and rapidfuzz's ratio grows with the product of the lengths (two 200,000-character texts take seconds).
_COMPARE_CHARS = 20_000


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces (punctuation and layout dropped)."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def _shingles(words: list[str]) -> set[str]:
    if len(words) < _SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i:i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def near_duplicates(articles: Sequence[Article], threshold: float = 90) -> dict[str, str]:
    """``{article_id: canonical_article_id}`` for every article that copies an earlier one.

    ``threshold`` is a rapidfuzz ratio (0-100) on normalised text. The canonical article of a group is
    the first in input order (so the mapping is stable when inputs are sorted); it maps to nothing.
    """
    from rapidfuzz import fuzz

    normal = [normalise(a.text[: _COMPARE_CHARS * 2])[:_COMPARE_CHARS] for a in articles]
    shingles = [_shingles(n.split()) for n in normal]
    canonical: dict[str, str] = {}
    for j in range(len(articles)):
        for i in range(j):
            if articles[i].article_id in canonical or not normal[i] or not normal[j]:
                continue
            if articles[i].article_id == articles[j].article_id:
                continue
            a, b = shingles[i], shingles[j]
            if len(a & b) / max(1, min(len(a), len(b))) < _PREFILTER:
                continue
            if fuzz.ratio(normal[i], normal[j]) >= threshold:
                canonical[articles[j].article_id] = articles[i].article_id
                break
    return canonical
