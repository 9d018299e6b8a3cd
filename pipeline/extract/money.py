"""Money mentions: "$1.25B", "US$1.25 billion", "1.25bn dollars", "€2 billion", "$150M/month",
"half a billion dollars", "tens of billions of dollars", "up to $6.3 billion", "$5-6 billion".

Vocabulary from config: ``[money.symbols]`` (before or after the figure), ``[money.words]`` and
``[money.minor]`` (after it), ``[money.periods]`` with ``rate_words``/``rate_blockers`` for rates,
``range_openers``/``range_links`` for ranges, ``[hedges.*]`` and ``[numbers.*]``.

Conventions (SPEC leaves them to us):
* the span holds the hedge, the range opener and the rate: "up to $6.3 billion", "$150 million per month";
* amounts stay in their currency, in units (150e6), minor units converted ("50 cents" = 0.5 USD);
* a range "between $5 billion and $6 billion" / "$5-6 billion" is amount = midpoint, low/high = its ends,
  hedge "about"; a vague amount ("tens of billions") is amount = its low end, low/high from
  ``[numbers.vague]``, hedge "about"; "up to X" is [0, X] (``[hedges."up to"] low = 0``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..records import Mention, Money
from .hedges import HedgeTable, hedge_after, hedge_before, hedge_glued, hedge_table
from .numbers import (NumberSpan, NumberVocab, next_index, number_vocab, parse_numeral, phrase_at, prev_index,
                      read_number, scale_of, scan_mentions, split_glued)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from . import Context

_DIGIT = re.compile(r"\d")  # the digits re reads as \d (glued figures, numerals)


@dataclass(frozen=True, slots=True)
class MoneyVocab:
    """Currency symbols (upper case), words (lower case), minor units, rate and range words."""

    symbols: Mapping[str, str]
    words: Mapping[str, str]
    minor: Mapping[str, tuple[str, float]]
    periods: Mapping[str, str]
    rate_words: frozenset[str]
    rate_blockers: frozenset[str]
    range_openers: frozenset[str]
    range_links: frozenset[str]
    numbers: NumberVocab
    hedges: HedgeTable
    # Every prefix of every symbol (upper case): match_symbol stops adding tokens once none can follow.
    symbol_prefixes: frozenset[str] = frozenset()


_VOCABS: dict[int, MoneyVocab] = {}


def money_vocab(config: Any) -> MoneyVocab:
    """The money vocabulary of a config (cached per config object)."""
    key = id(config)
    if key not in _VOCABS:
        sec = config.section("money")
        minor = {str(k).lower(): (str(v["currency"]), float(v["per"])) for k, v in sec.get("minor", {}).items()}
        symbols = {str(k).upper(): str(v) for k, v in sec.get("symbols", {}).items()}
        _VOCABS[key] = MoneyVocab(
            symbols=symbols,
            words={" ".join(str(k).lower().split()): str(v) for k, v in sec.get("words", {}).items()},
            minor=minor,
            periods={str(k).lower(): str(v) for k, v in sec.get("periods", {}).items()},
            rate_words=frozenset(w.lower() for w in sec.get("rate_words", ("per", "a", "an", "/"))),
            rate_blockers=frozenset(w.lower() for w in sec.get("rate_blockers", ())),
            range_openers=frozenset(w.lower() for w in sec.get("range_openers", ())),
            range_links=frozenset(w.lower() for w in sec.get("range_links", ("-", "to"))),
            numbers=number_vocab(config),
            hedges=hedge_table(config),
            symbol_prefixes=frozenset(sym[:n] for sym in symbols for n in range(len(sym) + 1)),
        )
    return _VOCABS[key]


def find_mentions(doc: Doc, ctx: Context) -> Iterator[Mention]:
    """Every money mention of the Doc, left to right, never overlapping one another."""
    vocab = money_vocab(ctx.config)
    return scan_mentions(doc, ctx.text, "money", lambda d, i, floor: read_money(d, i, vocab, floor))


def match_symbol(doc: Doc, i: int, vocab: MoneyVocab) -> tuple[str, int] | None:
    """A currency symbol made of tokens from ``i`` ("$", "US$", "c $", "HK$"): (ISO code, end token)."""
    best: tuple[str, int] | None = None
    text = ""
    j = i
    for _ in range(4):
        j = next_index(doc, j)
        if j >= len(doc):
            break
        tok = doc[j]
        if j > i and text and doc[j - 1].whitespace_.strip() == "" \
                and tok.idx > doc[j - 1].idx + len(doc[j - 1].text) and doc[i].is_stop:
            break  # "a $5 bill" is not A$; "c $ 16.4" (tokenised newswire) is C$
        text += tok.text
        code = vocab.symbols.get(text.upper())
        if code is not None:
            best = (code, j + 1)
        if text.upper() not in vocab.symbol_prefixes:  # no symbol starts with the tokens read so far
            break
        j += 1
    return best


def match_currency_after(doc: Doc, j: int, vocab: MoneyVocab) -> tuple[str, float, int] | None:
    """A currency word, minor unit or symbol at token ``j``: (ISO code, divisor, end token)."""
    j = next_index(doc, j)
    if j >= len(doc):
        return None
    if doc[j].text == "-":  # "12-cent", "one-yen"
        k = next_index(doc, j + 1)
        if k < len(doc) and k == j + 1 and not doc[j].whitespace_:
            j = k
    word = phrase_at(doc, j, vocab.words)
    if word is not None:
        return vocab.words[word[0]], 1.0, word[1]
    low = doc[j].lower_
    if low in vocab.minor:
        code, per = vocab.minor[low]
        return code, per, j + 1
    code = vocab.symbols.get(doc[j].text.upper())
    if code is not None and (not doc[j].text.isalpha() or doc[j].text.isupper()):
        return code, 1.0, j + 1
    return None


def _number_after_symbol(doc: Doc, j: int, vocab: MoneyVocab) -> NumberSpan | None:
    return read_number(doc, j, vocab.numbers)


def read_money(doc: Doc, i: int, vocab: MoneyVocab, floor: int = 0) -> tuple[int, int, Money] | None:
    """A money phrase whose figure or symbol starts at token ``i``: (start token, end token, value)."""
    tok = doc[i]
    if tok.is_space:
        return None
    glued_rule = None
    currency: str | None = None
    divisor = 1.0
    number: NumberSpan | None = None
    glued_number: float | None = None
    sym = match_symbol(doc, i, vocab)
    if sym is None:
        glued = _glued_money(tok.text, vocab)
        if glued is not None:
            glued_rule, currency, glued_number = glued
            after = i + 1
        else:
            number = read_number(doc, i, vocab.numbers)
            if number is None:
                return None
            cur = match_currency_after(doc, number.end, vocab)
            if cur is None and number.end > i:
                # "billions of dollars", "tens of billions of dollars", "half a billion dollars"
                k = next_index(doc, number.end)
                if k < len(doc) and doc[k].lower_ == "of" and (number.vague or number.scale > 1):
                    cur = match_currency_after(doc, k + 1, vocab)
            if cur is None:
                # A range "5 to 6 billion dollars".
                ranged = _range_after(doc, number, vocab, None)
                if ranged is None:
                    return None
                cur = match_currency_after(doc, ranged[1].end, vocab)
                if cur is None:
                    return None
                currency, divisor, after = cur
                return _finish(doc, i, after, currency, divisor, number, vocab, floor, ranged=ranged[1])
            currency, divisor, after = cur
            # "3 dollars 50 cents", "thirteen dollars and forty-five cents"
            after, extra = _cents_after(doc, after, currency, vocab)
            return _finish(doc, i, after, currency, divisor, number, vocab, floor, extra=extra)
    else:
        currency, j = sym
        k = next_index(doc, j)
        if k >= len(doc):
            return None
        number = read_number(doc, k, vocab.numbers)
        if number is None:
            return None
        after = number.end
    if glued_number is not None:
        number = NumberSpan(start=i, end=i + 1, amount=glued_number[0], scale=glued_number[1])  # type: ignore[index]
    assert number is not None and currency is not None
    ranged = _range_after(doc, number, vocab, currency)
    if ranged is not None:
        return _finish(doc, i, ranged[1].end, currency, divisor, number, vocab, floor, ranged=ranged[1],
                       glued_rule=glued_rule)
    return _finish(doc, i, after, currency, divisor, number, vocab, floor, glued_rule=glued_rule)


def _glued_money(text: str, vocab: MoneyVocab) -> tuple[Any, str, tuple[float, float]] | None:
    """One token holding symbol and figure: "~$5B", "US$1.25", "$5bn": (hedge rule, ISO, (amount, scale))."""
    if _DIGIT.search(text) is None:
        return None  # every figure read below starts with a digit (numbers._GLUED, parse_numeral)
    rule = None
    hedge = hedge_glued(text, vocab.hedges)
    if hedge is not None:
        rule, cut = hedge
        text = text[cut:]
    glued = split_glued(text)
    if glued is not None and glued[1].upper() in vocab.symbols and \
            (not glued[1].isascii() or glued[1].isupper()):  # "100元", "5USD"
        return rule, vocab.symbols[glued[1].upper()], (glued[0], 1.0)
    for n in range(min(4, len(text) - 1), 0, -1):
        code = vocab.symbols.get(text[:n].upper())
        if code is None or text[n:n + 1].isalpha():
            continue
        rest = text[n:]
        value = parse_numeral(rest)
        if value is not None:
            return rule, code, (value, 1.0)
        glued = split_glued(rest)
        if glued is not None:
            factor = scale_of(glued[1], vocab.numbers, after_digits=True)
            if factor is not None:
                return rule, code, (glued[0] * factor, factor)
    return None


def _cents_after(doc: Doc, j: int, currency: str, vocab: MoneyVocab) -> tuple[int, float]:
    """Minor units after a major amount ("3 dollars 50 cents"): (new end, amount in major units)."""
    k = next_index(doc, j)
    if k < len(doc) and doc[k].lower_ == "and":
        k = next_index(doc, k + 1)
    if k >= len(doc):
        return j, 0.0
    number = read_number(doc, k, vocab.numbers)
    if number is None or number.vague:
        return j, 0.0
    m = next_index(doc, number.end)
    if m < len(doc) and doc[m].lower_ in vocab.minor and vocab.minor[doc[m].lower_][0] == currency:
        return m + 1, number.amount / vocab.minor[doc[m].lower_][1]
    return j, 0.0


def _range_after(doc: Doc, first: NumberSpan, vocab: MoneyVocab, currency: str | None
                 ) -> tuple[float, NumberSpan] | None:
    """A second figure linked to ``first`` ("$5-6 billion", "$5 billion to $6 billion"): (low, second)."""
    k = next_index(doc, first.end)
    if k >= len(doc) or doc[k].lower_ not in vocab.range_links:
        return None
    link = doc[k].lower_
    before = prev_index(doc, first.start)
    opener = before >= 0 and doc[before].lower_ in vocab.range_openers
    if before >= 0 and not opener:
        sym_start = prev_index(doc, before)
        opener = sym_start >= 0 and doc[sym_start].lower_ in vocab.range_openers and \
            doc[before].text.upper() in vocab.symbols
    if link == "and" and not opener:
        return None
    if link == "to" and before >= 0 and doc[before].lower_ == "from":
        return None
    m = next_index(doc, k + 1)
    if m >= len(doc):
        return None
    if currency is not None:
        sym = match_symbol(doc, m, vocab)
        if sym is not None:
            if sym[0] != currency:
                return None
            m = next_index(doc, sym[1])
    second = read_number(doc, m, vocab.numbers)
    if second is None or second.vague or first.vague:
        return None
    low = first.amount
    if first.scale == 1.0 and second.scale > 1.0:
        low = first.amount * second.scale
    if not low < second.amount:
        return None
    return low, second


def _rate_after(doc: Doc, j: int, vocab: MoneyVocab) -> tuple[str, int] | None:
    """A rate after an amount ("per month", "a year", "/month", "monthly"): (period, end token)."""
    k = next_index(doc, j)
    if k >= len(doc):
        return None
    low = doc[k].lower_
    if low in vocab.rate_words:
        m = next_index(doc, k + 1)
        if m < len(doc) and doc[m].lower_ in vocab.periods:
            n = next_index(doc, m + 1)
            if n < len(doc) and doc[n].lower_ in vocab.rate_blockers:
                return None
            return vocab.periods[doc[m].lower_], m + 1
        return None
    if low in vocab.periods and low not in ("month", "year", "quarter", "week", "day", "mo", "yr", "share"):
        return vocab.periods[low], k + 1
    return None


def _finish(doc: Doc, i: int, after: int, currency: str, divisor: float, number: NumberSpan, vocab: MoneyVocab,
            floor: int, ranged: NumberSpan | None = None, extra: float = 0.0, glued_rule: Any = None
            ) -> tuple[int, int, Money]:
    """Add hedge, range opener and rate to a figure and build the Money value and its token span."""
    start, end = i, after
    amount = number.amount / divisor + extra
    hedge, low, high = "exact", amount, amount
    if ranged is not None:
        first_low = _range_low(number, ranged) / divisor
        high = ranged.amount / divisor
        low, amount, hedge = first_low, _round((first_low + high) / 2), "about"
        opener = prev_index(doc, start)
        if opener >= floor and doc[opener].lower_ in vocab.range_openers:
            start = opener
    elif number.vague:
        hedge = "about"
        low = (number.low or amount) / divisor
        high = number.high / divisor if number.high is not None else None
    if glued_rule is not None and ranged is None:
        hedge = glued_rule.name
        low, high = vocab.hedges.interval(hedge, amount)
    elif ranged is None:
        found = hedge_before(doc, start, vocab.hedges, floor)
        if found is not None:
            start = found.start
            hedge = found.rule.name
            if not number.vague:
                low, high = vocab.hedges.interval(hedge, amount)
        else:
            post = hedge_after(doc, end, vocab.hedges)
            if post is not None:
                end, hedge = post.end, post.rule.name
                if not number.vague:
                    low, high = vocab.hedges.interval(hedge, amount)
    per = None
    rate = _rate_after(doc, end, vocab)
    if rate is not None:
        per, end = rate
    value = Money(currency=currency, amount=_round(amount), low=_round(low), high=_round(high), hedge=hedge,
                  per=per)
    return start, end, value


def _range_low(first: NumberSpan, second: NumberSpan) -> float:
    if first.scale == 1.0 and second.scale > 1.0:
        return first.amount * second.scale
    return first.amount


def _round(value: float | None) -> float | None:
    if value is None:
        return None
    return float(round(value, 6)) if abs(value) < 1e15 else value
