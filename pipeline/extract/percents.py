"""Percent mentions: "12.82%", "nearly 17%", "11 percent", "up to 16%", "twenty percent", "percent of 10".

The span holds the hedge and the figure with its percent word; ``direction`` comes from the nearest
direction word (config ``[percents.direction]``) before the hedge or right after the figure
("fell 12%", "a 12% drop"). An explicit sign ("minus five percent", "-5%") makes the amount negative.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..records import Mention, Percent
from .hedges import HedgeTable, hedge_before, hedge_table
from .numbers import NumberVocab, next_index, number_vocab, phrase_at, read_number, scan_mentions, sign_before

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from . import Context

DEFAULT_WORDS = ("%", "percent", "per cent", "percentage", "pct")


@dataclass(frozen=True, slots=True)
class PercentVocab:
    """Percent words, direction words (word -> 'up'/'down') and the direction windows."""

    words: Mapping[str, bool]
    direction: Mapping[str, str]
    window: int
    window_after: int
    numbers: NumberVocab
    hedges: HedgeTable


_VOCABS: dict[int, PercentVocab] = {}


def percent_vocab(config: Any) -> PercentVocab:
    """The percent vocabulary of a config (cached per config object)."""
    key = id(config)
    if key not in _VOCABS:
        sec = config.section("percents")
        direction = {w.lower(): way for way, words in sec.get("direction", {}).items() for w in words}
        _VOCABS[key] = PercentVocab(
            words={" ".join(w.lower().split()): True for w in sec.get("words", DEFAULT_WORDS)},
            direction=direction, window=int(sec.get("window", 6)), window_after=int(sec.get("window_after", 2)),
            numbers=number_vocab(config), hedges=hedge_table(config))
    return _VOCABS[key]


def find_mentions(doc: Doc, ctx: Context) -> Iterator[Mention]:
    """Every percent mention of the Doc, left to right."""
    vocab = percent_vocab(ctx.config)
    return scan_mentions(doc, ctx.text, "percent", lambda d, i, floor: read_percent(d, i, vocab, floor))


def read_percent(doc: Doc, i: int, vocab: PercentVocab, floor: int = 0) -> tuple[int, int, Percent] | None:
    """A percentage whose figure (or leading percent word) starts at token ``i``."""
    tok = doc[i]
    if tok.is_space or tok.like_url:
        return None
    glued = _GLUED.fullmatch(tok.text)
    number = None if glued else read_number(doc, i, vocab.numbers)
    if glued and glued.group(2).lower() in vocab.words:  # "3pct", "4.5pc": figure and word in one token
        fig_start, end, amount = i, i + 1, float(glued.group(1))
    elif glued:
        return None
    elif number is not None and not number.vague:
        word = phrase_at(doc, next_index(doc, number.end), vocab.words)
        if word is None or _glued_to_url(doc, number.end):
            return None
        fig_start, end, amount = number.start, word[1], number.amount
    else:
        # "percent of 10", "per cent of twenty-two"
        word = phrase_at(doc, i, vocab.words)
        if word is None or word[0] == "%":
            return None
        k = next_index(doc, word[1])
        if k >= len(doc) or doc[k].lower_ != "of":
            return None
        number = read_number(doc, k + 1, vocab.numbers)
        if number is None or number.vague:
            return None
        fig_start, end, amount = i, number.end, number.amount
    sign, start = sign_before(doc, fig_start)
    if start < floor:
        sign, start = 1.0, fig_start
    amount *= sign
    hedge, low, high = "exact", amount, amount
    found = hedge_before(doc, start, vocab.hedges, floor)
    if found is not None:
        start, hedge = found.start, found.rule.name
        low, high = vocab.hedges.interval(hedge, amount)
    value = Percent(amount=amount, low=low, high=high, hedge=hedge, direction=_direction(doc, start, end, vocab))
    return start, end, value


_GLUED = re.compile(r"(\d+(?:\.\d+)?)([a-zA-Z]+)")


def _glued_to_url(doc: Doc, j: int) -> bool:
    """True when the percent sign after a figure belongs to a URL ("...%2020%")."""
    k = next_index(doc, j)
    return k < len(doc) and k + 1 < len(doc) and doc[k].text == "%" and not doc[k].whitespace_ \
        and doc[k + 1].like_url


def _direction(doc: Doc, start: int, end: int, vocab: PercentVocab) -> str | None:
    """'up'/'down' from the nearest direction word before ``start`` or just after ``end`` (same sentence)."""
    sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
    seen = 0
    k = start - 1
    while k >= sent.start and seen < vocab.window:
        tok = doc[k]
        if not tok.is_space:
            seen += 1
            way = vocab.direction.get(tok.lower_) or vocab.direction.get(tok.lemma_.lower())
            if way is not None:
                return way
            if tok.text in (";", ":") or tok.like_num:
                break
        k -= 1
    seen = 0
    k = end
    while k < sent.end and seen < vocab.window_after:
        tok = doc[k]
        if not tok.is_space:
            seen += 1
            way = vocab.direction.get(tok.lower_)
            if way is not None and tok.lower_ not in ("up", "down"):
                return way
        k += 1
    return None
