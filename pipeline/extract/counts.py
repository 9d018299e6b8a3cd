"""Count mentions: a number of items ("220,000 Nvidia GPUs", "one million TPUs", "a dozen H100s",
"around 30,000 units of the GB200 AI accelerators", "hundreds of thousands of GPUs").

A count needs an item noun from ``[counts.items]`` or a model from ``[counts] models`` within the noun
phrase after the figure; bare numbers are not mentions. The span runs from the hedge to the item.
A generic item ("units", "servers") followed by "of" gives way to a specific one later in the phrase.
The model is attached when the phrase names it ("H100s" is the plural of H100); a model named without
an item noun takes its item from ``[counts.model_items]`` (else "chip"). Vague figures are
amount = low end, low/high from ``[numbers.vague]``, hedge "about".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..records import Count, Mention
from .hedges import HedgeTable, hedge_before, hedge_table
from .numbers import NumberVocab, match_squashed, next_index, number_vocab, read_number, scan_mentions, squash

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from . import Context

# Tokens that may sit between the figure and the item noun ("110,000 NVIDIA GPUs", "units of the GB200 AI
# accelerators"): nouns, proper nouns, adjectives, determiners after "of", hyphens. Six tokens cover the
# longest phrase of the seed corpus ("units of the GB200 AI accelerators") with one to spare.
PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "X", "NUM", "SYM"})
MAX_GAP = 6
GENERIC_ITEMS = ("unit", "server")


@dataclass(frozen=True, slots=True)
class CountVocab:
    """Item nouns and model names (squashed keys), the item of each model, numbers and hedges."""

    items: Mapping[str, str]
    models: Mapping[str, str]
    model_items: Mapping[str, str]
    generic: frozenset[str]
    numbers: NumberVocab
    hedges: HedgeTable


_VOCABS: dict[int, CountVocab] = {}


def count_vocab(config: Any) -> CountVocab:
    """The count vocabulary of a config (cached per config object)."""
    key = id(config)
    if key not in _VOCABS:
        sec = config.section("counts")
        items = {squash(w): item for item, words in sec.get("items", {}).items() for w in words}
        models: dict[str, str] = {}
        for model in sec.get("models", ()):
            models.setdefault(squash(model), model)
            models.setdefault(squash(model) + "s", model)
        model_items = {m: item for item, names in sec.get("model_items", {}).items() for m in names}
        _VOCABS[key] = CountVocab(items=items, models=models, model_items=model_items,
                                  generic=frozenset(sec.get("generic_items", GENERIC_ITEMS)),
                                  numbers=number_vocab(config), hedges=hedge_table(config))
    return _VOCABS[key]


def find_mentions(doc: Doc, ctx: Context) -> Iterator[Mention]:
    """Every count mention of the Doc, left to right."""
    vocab = count_vocab(ctx.config)
    return scan_mentions(doc, ctx.text, "count", lambda d, i, floor: read_count(d, i, vocab, floor))


def _model_number(doc: Doc, start: int, end: int) -> bool:
    """'777-9 aircraft', '787-10 jets', 'A350-1000': a number joined by a hyphen to another is a model's
    designation, not a count; so is a number glued to capitals after it ('737 MAX' is a name: 'MAX')."""
    if end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) \
            and doc[end + 1].text[:1].isdigit() and not doc[end].whitespace_:
        return True
    if start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and len(doc[start - 2].text) >= 3 \
            and doc[start - 2].text[-1:].isalnum():
        return True  # the "10" of "787-10"
    if start > 0 and doc[start - 1].text.isdigit() and len(doc[start - 1].text) == 3 and len(doc[start].text) == 1:
        return True  # the "9" of "777 9"
    nxt = doc[end] if end < len(doc) else None
    return nxt is not None and nxt.text.isupper() and nxt.is_alpha and len(nxt.text) >= 3 \
        and nxt.pos_ == "PROPN" and doc[start].text.isdigit() and len(doc[start].text) == 3


def _part_of_a_name(doc: Doc, start: int, end: int) -> bool:
    """'Titan 2 GPUs', 'Trainium 2 chips': a small bare number right after a capitalised name is the
    name's numeral, not a count."""
    if end - start != 1 or start == 0 or not doc[start].text.isdigit() or int(doc[start].text) >= 100:
        return False
    prev = doc[start - 1]
    return prev.pos_ == "PROPN" and prev.text[:1].isupper() and not prev.is_sent_start and bool(prev.whitespace_)


def read_count(doc: Doc, i: int, vocab: CountVocab, floor: int = 0) -> tuple[int, int, Count] | None:
    """A count whose figure starts at token ``i``: (start token, end token, value)."""
    if doc[i].is_space or not (doc[i].like_num or doc[i].is_alpha or doc[i].text[:1].isdigit()):
        return None
    number = read_number(doc, i, vocab.numbers)
    if number is None or number.amount < 0:
        return None
    if _part_of_a_name(doc, number.start, number.end) or _model_number(doc, number.start, number.end):
        return None
    after = number.end
    k = next_index(doc, after)
    if number.vague and k < len(doc) and doc[k].lower_ == "of":  # "hundreds of thousands of GPUs"
        after = k + 1
    found = _item_after(doc, after, vocab)
    if found is None:
        return None
    item, model, end = found
    start = number.start
    hedge, low, high = "exact", number.amount, number.amount
    if number.vague:
        hedge, low, high = "about", number.low, number.high
    match = hedge_before(doc, start, vocab.hedges, floor)
    if match is not None:
        start, hedge = match.start, match.rule.name
        if not number.vague:
            low, high = vocab.hedges.interval(hedge, number.amount)
    value = Count(amount=number.amount, low=low, high=high, hedge=hedge, item=item, model=model)
    return start, end, value


def _designation(doc: Doc, k: int) -> bool:
    """A number that is part of a model's name after its maker ('Boeing 777-9', 'Airbus A350-1000')."""
    prev = doc[k - 1] if k > 0 else None
    if _model_number(doc, k, k + 1):
        return True  # "11 more 737 MAX 8 aircraft", "nine 787-9 jets"
    return prev is not None and (prev.pos_ == "PROPN" and prev.text[:1].isupper()
                                 or prev.text == "-" and not prev.whitespace_ and not doc[k - 2].whitespace_)


def _item_after(doc: Doc, j: int, vocab: CountVocab) -> tuple[str, str | None, int] | None:
    """The item (and model) named in the noun phrase starting at token ``j``: (item, model, end token)."""
    model: str | None = None
    model_end = 0
    fallback: tuple[str, int] | None = None
    seen = 0
    k = next_index(doc, j)
    while k < len(doc) and seen < MAX_GAP:
        tok = doc[k]
        hit = match_squashed(doc, k, vocab.models, max_tokens=3)
        if hit is not None and model is None:
            model, model_end = vocab.models[hit[0]], hit[1]
        item_hit = match_squashed(doc, k, vocab.items, max_tokens=4)
        if item_hit is not None and (hit is None or item_hit[1] >= hit[1]):
            item = vocab.items[item_hit[0]]
            after = next_index(doc, item_hit[1])
            if item in vocab.generic and after < len(doc) and doc[after].lower_ == "of":
                fallback = fallback or (item, item_hit[1])
                k, seen = after + 1, seen + 2
                continue
            return item, model, item_hit[1]
        if hit is not None:
            k, seen = hit[1], seen + 1
            continue
        if tok.lower_ == "of" and fallback is not None:
            k, seen = k + 1, seen + 1
            continue
        if tok.pos_ not in PHRASE_POS and tok.text != "-" or tok.like_num and not fallback \
                and not _designation(doc, k):
            break
        k = next_index(doc, k + 1)
        seen += 1
    if model is not None:
        item = fallback[0] if fallback else vocab.model_items.get(model, "chip")
        return item, model, max(model_end, fallback[1] if fallback else 0)
    if fallback is not None:
        return fallback[0], None, fallback[1]
    return None
