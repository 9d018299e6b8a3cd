"""Quantity mentions: a figure with a physical unit from ``[quantities.units]`` ("300 megawatts" -> 300 MW,
"1.5GW", "300-megawatt", "one million square feet" -> sq ft).

The span is the figure and its unit (a quantity value has no hedge, so hedge words stay outside).
Unit spellings are matched case-insensitively with whitespace ignored ("sq. ft.", "sq ft").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..records import Mention, Quantity
from .numbers import (NumberVocab, char_span, match_squashed, next_index, number_vocab, parse_numeral,
                      read_number, split_glued, squash)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from . import Context


@dataclass(frozen=True, slots=True)
class QuantityVocab:
    """Unit spellings (squashed) to the canonical unit, and the number vocabulary."""

    units: Mapping[str, str]
    stop: frozenset[str]
    numbers: NumberVocab


_VOCABS: dict[int, QuantityVocab] = {}


def quantity_vocab(config: Any) -> QuantityVocab:
    """The quantity vocabulary of a config (cached per config object)."""
    key = id(config)
    if key not in _VOCABS:
        sec = config.section("quantities")
        units = {squash(w): unit for unit, words in sec.get("units", {}).items() for w in (*words, unit)}
        stop = frozenset(u for u in units if u.isalpha())
        _VOCABS[key] = QuantityVocab(units=units, stop=stop, numbers=number_vocab(config))
    return _VOCABS[key]


def find_mentions(doc: Doc, ctx: Context) -> Iterator[Mention]:
    """Every quantity mention of the Doc, left to right."""
    vocab = quantity_vocab(ctx.config)
    i = 0
    while i < len(doc):
        found = read_quantity(doc, i, vocab)
        if found is None:
            i += 1
            continue
        start, end, value = found
        # "sq. ft." keeps its stop; a glued "300MW." at a sentence end does not.
        a, b = char_span(doc, start, end, keep_stop=not doc[end - 1].text[:1].isdigit())
        yield Mention(kind="quantity", text=ctx.text[a:b], start=a, end=b, value=value)
        i = end


def read_quantity(doc: Doc, i: int, vocab: QuantityVocab) -> tuple[int, int, Quantity] | None:
    """A quantity whose figure starts at token ``i``: (start token, end token, value)."""
    tok = doc[i]
    if tok.is_space:
        return None
    glued = split_glued(tok.text)
    if glued is not None and squash(glued[1]) in vocab.units and parse_numeral(tok.text) is None:
        return i, i + 1, Quantity(amount=glued[0], unit=vocab.units[squash(glued[1])])
    number = read_number(doc, i, vocab.numbers, stop=vocab.stop)
    if number is None or number.vague:
        return None
    k = next_index(doc, number.end)
    if k < len(doc) and doc[k].text == "-" and not doc[k].whitespace_:  # "300-megawatt"
        k += 1
    unit = match_squashed(doc, k, vocab.units, max_tokens=4)
    if unit is None:
        return None
    return i, unit[1], Quantity(amount=number.amount, unit=vocab.units[unit[0]])
