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
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..records import Mention, Money
from .currencies import MoneyVocab, match_currency_after, match_symbol, money_vocab
from .hedges import hedge_after, hedge_before, hedge_glued
from .numbers import NumberSpan, next_index, parse_numeral, prev_index, read_number, scale_of, scan_mentions, split_glued

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from . import Context

_DIGIT = re.compile(r"\d")  # the digits re reads as \d (glued figures, numerals)


def find_mentions(doc: Doc, ctx: Context) -> Iterator[Mention]:
    """Every money mention of the Doc, left to right, never overlapping one another."""
    vocab = money_vocab(ctx.config)
    return scan_mentions(doc, ctx.text, "money", lambda d, i, floor: read_money(d, i, vocab, floor))


def read_money(doc: Doc, i: int, vocab: MoneyVocab, floor: int = 0) -> tuple[int, int, Money] | None:
    """A money phrase whose figure or symbol starts at token ``i``: (start token, end token, value)."""
    tok = doc[i]
    if tok.is_space:
        return None
    sym = match_symbol(doc, i, vocab)
    if sym is not None:
        return _after_symbol(doc, i, sym, vocab, floor)
    glued = _glued_money(tok.text, vocab)
    if glued is not None:
        rule, currency, (amount, scale) = glued
        after = i + 1
        if scale == 1.0:  # "UAH3.04 million"
            k = next_index(doc, after)
            factor = scale_of(doc[k].text, vocab.numbers, after_digits=True) if k < len(doc) else None
            if factor is not None and factor >= 1000:
                amount, scale, after = amount * factor, factor, k + 1
        number = NumberSpan(start=i, end=after, amount=amount, scale=scale)
        if rule is None:
            ranged = _range_after(doc, number, vocab, currency)
            if ranged is not None:
                return _finish(doc, i, ranged[1].end, currency, 1.0, number, vocab, floor, ranged=ranged[1])
        after, extra = _cents_after(doc, after, currency, vocab)
        return _finish(doc, i, after, currency, 1.0, number, vocab, floor, extra=extra, glued_rule=rule)
    number = read_number(doc, i, vocab.numbers) or _article_one(doc, i, vocab)
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


def _after_symbol(doc: Doc, i: int, sym: tuple[str, int], vocab: MoneyVocab, floor: int
                  ) -> tuple[int, int, Money] | None:
    """The figure after a currency symbol at token ``i`` ("$ 5 billion", "$10-$20", "$20 and 43c")."""
    currency, j = sym
    k = next_index(doc, j)
    if k >= len(doc):
        return None
    number = read_number(doc, k, vocab.numbers)
    if number is None:
        pair = _glued_range(doc, k, currency, vocab)
        if pair is None:
            return None
        return _finish(doc, i, pair[1].end, currency, 1.0, pair[0], vocab, floor, ranged=pair[1])
    ranged = _range_after(doc, number, vocab, currency)
    if ranged is not None:
        return _finish(doc, i, ranged[1].end, currency, 1.0, number, vocab, floor, ranged=ranged[1])
    after, extra = _cents_after(doc, number.end, currency, vocab)
    return _finish(doc, i, after, currency, 1.0, number, vocab, floor, extra=extra)


# "10-$20", "5–6": two figures and a dash in one token, the second maybe behind a currency symbol.
_GLUED_RANGE = re.compile(r"^(?P<a>\d[\d,]*(?:\.\d+)?)[-\u2013](?P<sym>\D{0,4}?)(?P<b>\d[\d,]*(?:\.\d+)?)$")


def _glued_range(doc: Doc, k: int, currency: str, vocab: MoneyVocab) -> tuple[NumberSpan, NumberSpan] | None:
    """A range written as one token after a symbol ("$10-$20"), with a scale word after it: (low, high)."""
    m = _GLUED_RANGE.match(doc[k].text)
    if m is None or (m["sym"] and vocab.symbol(m["sym"]) != currency):
        return None
    low, high = parse_numeral(m["a"]), parse_numeral(m["b"])
    if low is None or high is None or not low < high:
        return None
    end, factor = k + 1, 1.0
    n = next_index(doc, end)
    scale = scale_of(doc[n].text, vocab.numbers, after_digits=True) if n < len(doc) else None
    if scale is not None:
        end, factor = n + 1, scale
    return (NumberSpan(start=k, end=end, amount=low * factor, scale=factor),
            NumberSpan(start=k, end=end, amount=high * factor, scale=factor))


def _article_one(doc: Doc, i: int, vocab: MoneyVocab) -> NumberSpan | None:
    """"a dollar", "a grand", "an euro": the article is the figure 1 when a currency word follows it and
    no noun the currency word would qualify ("a dollar store", "a pound of", "a grand jury")."""
    if doc[i].lower_ not in ("a", "an"):
        return None
    cur = match_currency_after(doc, i + 1, vocab)
    if cur is None or not doc[next_index(doc, i + 1)].is_alpha:
        return None
    k = next_index(doc, cur[2])
    if k < len(doc) and (doc[k].pos_ in ("NOUN", "PROPN", "ADJ") or doc[k].lower_ in ("of", "for")
                         or (doc[k].text == "-" and not doc[k - 1].whitespace_)):
        return None
    return NumberSpan(start=i, end=i + 1, amount=1.0)


def _glued_money(text: str, vocab: MoneyVocab) -> tuple[Any, str, tuple[float, float]] | None:
    """One token holding symbol and figure: "~$5B", "US$1.25", "$5bn", "UAH3.04", "10MNT", "10k$", "43c":
    (hedge rule, ISO, (amount, scale))."""
    if _DIGIT.search(text) is None:
        return None  # every figure read below starts with a digit (numbers._GLUED, parse_numeral)
    rule = None
    hedge = hedge_glued(text, vocab.hedges)
    if hedge is not None:
        rule, cut = hedge
        text = text[cut:]
    glued = split_glued(text)
    if glued is not None:
        value, suffix = glued
        code = vocab.codes.get(suffix)
        if code is None and (not suffix.isascii() or suffix.isupper()):  # "100元", "5USD"
            code = vocab.symbols.get(suffix.upper())
        if code is not None:
            return rule, code, (value, 1.0)
        minor = vocab.minor_unit(suffix)  # "43c", "10¢"
        if minor is not None:
            return rule, minor[0], (value / minor[1], 1.0)
        for n in range(len(suffix) - 1, 0, -1):  # "10k$", "5bn€"
            factor = scale_of(suffix[:n], vocab.numbers, after_digits=True)
            code = vocab.symbol(suffix[n:]) if factor is not None else None
            if code is not None and not suffix[n:].isalpha():
                return rule, code, (value * factor, factor)  # type: ignore[operator]
    for n in range(min(4, len(text) - 1), 0, -1):
        code = vocab.codes.get(text[:n]) or vocab.symbols.get(text[:n].upper())
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
    """Minor units after a major amount ("3 dollars 50 cents", "$20 and 43c"): (new end, amount in major
    units). A hundredth ("cents", "c", "¢") serves any currency."""
    k = next_index(doc, j)
    if k < len(doc) and doc[k].lower_ == "and":
        k = next_index(doc, k + 1)
    if k >= len(doc):
        return j, 0.0
    glued = split_glued(doc[k].text)
    if glued is not None:
        minor = vocab.minor_unit(glued[1])
        if minor is not None and (minor[0] == currency or minor[1] == 100):
            return k + 1, glued[0] / minor[1]
    number = read_number(doc, k, vocab.numbers)
    if number is None or number.vague:
        return j, 0.0
    m = next_index(doc, number.end)
    minor = vocab.minor_unit(doc[m].text) if m < len(doc) else None
    if minor is not None and (minor[0] == currency or minor[1] == 100):
        return m + 1, number.amount / minor[1]
    if minor is None and number.scale == 1.0 and number.amount == int(number.amount) and 0 < number.amount < 100 \
            and (m >= len(doc) or not doc[m].is_alpha or doc[m].lower_ in ("and", "or")) \
            and not (m < len(doc) and doc[m].text in ("%", "-", "/", ".") and m + 1 < len(doc) and doc[m + 1].is_digit):
        return number.end, number.amount / 100  # spoken cents: "thirteen dollars forty-five", "$100 and fifty"
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
    if link == "to" and _is_change(doc, first.start, vocab):
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


def _is_change(doc: Doc, start: int, vocab: MoneyVocab) -> bool:
    """True when "from" before the figure at ``start`` (or its symbol) follows a word of change: "rose from
    $5 billion to $6 billion" gives two amounts, "costs from $5 to $6" one range."""
    k = prev_index(doc, start)
    if k >= 0 and doc[k].lower_ != "from" and vocab.symbol(doc[k].text) is not None:
        k = prev_index(doc, k)
    if k < 0 or doc[k].lower_ != "from":
        return False
    word = prev_index(doc, k)
    return word >= 0 and (doc[word].lower_ in vocab.change_words or doc[word].lemma_.lower() in vocab.change_words)


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
        found = hedge_before(doc, start, vocab.hedges, floor)
        if found is not None and found.rule.name == hedge:  # "about $10-$20": a range is "about" already
            start = found.start
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
