"""Near-duplicate articles: syndicated copies (wire stories, reposts) linked to one canonical article.

Texts are normalised (case, punctuation, whitespace) and compared with rapidfuzz; a pair is compared only
when its word 5-grams overlap enough (the prefilter). The overlaps of one article with every earlier one
come from an inverted index of the 5-grams (one ``numpy.bincount`` over the postings it shares), so the
cost grows with the shared 5-grams, not with every pair of articles (2,000 template articles: 28 s with a
Python loop over all pairs, 4 s now, the same mapping; what remains is rapidfuzz on the pairs the
prefilter lets through, about one in nine of these templated articles).
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
    Article j copies the first earlier article i that is no copy itself, has text, shares at least
    ``_PREFILTER`` of the smaller 5-gram set with j, and whose ratio with j reaches ``threshold``.
    """
    import numpy as np
    from rapidfuzz import fuzz

    normal = [normalise(a.text[: _COMPARE_CHARS * 2])[:_COMPARE_CHARS] for a in articles]
    shingles = [_shingles(n.split()) if n else set() for n in normal]
    postings: dict[str, list[int]] = {}
    for i, grams in enumerate(shingles):
        for gram in grams:
            postings.setdefault(gram, []).append(i)
    # Only 5-grams two articles share can make an overlap; the index keeps those (ascending article numbers).
    shared = {gram: np.array(ids, dtype=np.int64) for gram, ids in postings.items() if len(ids) > 1}
    del postings
    sizes = np.array([len(s) for s in shingles], dtype=np.int64)
    canonical: dict[str, str] = {}
    for j, grams in enumerate(shingles):
        lists = [shared[g] for g in grams if g in shared]
        if not lists:
            continue
        overlap = np.bincount(np.concatenate(lists), minlength=len(articles))[:j]
        smaller = np.maximum(1, np.minimum(sizes[:j], sizes[j]))
        # The same float test as comparing the two sets one pair at a time: overlap / smaller >= _PREFILTER.
        own = articles[j].article_id
        for i in np.flatnonzero(overlap / smaller >= _PREFILTER).tolist():
            if articles[i].article_id in canonical or articles[i].article_id == own:
                continue
            if fuzz.ratio(normal[i], normal[j], score_cutoff=threshold) >= threshold:
                canonical[own] = articles[i].article_id
                break
    return canonical
