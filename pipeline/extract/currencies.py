"""Currency vocabulary: which tokens name a currency, and matching them next to a figure.

Two sources, config over data:

* ``pipeline/data/currencies.json``, generated from babel's CLDR tables (``pipeline/data/make_currencies.py``):
  every ISO 4217 code, its English names ("Kuwaiti dinar", "Kuwaiti dinars") and its unambiguous symbols
  ("₴", "₪", "CA$"). A name's last word alone ("hryvnia", "ringgit") names the currency when only one
  current currency ends in it; an ISO code counts only written in capitals ("UAH 3", "10MNT") and never
  when ``[money] not_codes`` lists it (codes that are also words or names: "ALL", "TOP", "AMD");
* config ``[money.symbols]`` (any case: newswire writes "hk $"), ``[money.cased_symbols]`` (letters read
  only as written: "RM", "LE", "zł"), ``[money.words]`` (names, and the choice for a bare name several
  currencies share: "dinar", "won") and ``[money.minor]`` (units after a figure that divide or multiply
  it: "cents", "¢", "bucks", "grand").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .hedges import HedgeTable, hedge_table
from .numbers import NumberVocab, next_index, number_vocab, phrase_at

if TYPE_CHECKING:
    from spacy.tokens import Doc

DATA = Path(__file__).resolve().parent.parent / "data" / "currencies.json"


@dataclass(frozen=True, slots=True)
class MoneyVocab:
    """Currency symbols (upper case), codes (as written), words (lower case), minor units, rate and range
    words."""

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
    # ISO codes and letter symbols, matched only as written ("UAH", "RM"): in lower case they are words.
    codes: Mapping[str, str] = None  # type: ignore[assignment]
    # Every prefix of every symbol and code (upper case): match_symbol stops once none can follow.
    symbol_prefixes: frozenset[str] = frozenset()
    # Words before "from" that make "from $5B to $6B" a change, not a range ("rose from").
    change_words: frozenset[str] = frozenset()

    def symbol(self, text: str) -> str | None:
        """The ISO code a symbol or code written as ``text`` stands for, or None."""
        code = self.codes.get(text)
        return code if code is not None else self.symbols.get(text.upper())

    def minor_unit(self, text: str) -> tuple[str, float] | None:
        """(ISO code, units per major unit) of a minor or slang unit ("cents", "¢"); one letter ("c") only
        in the case config writes it."""
        found = self.minor.get(text.lower())
        if found is None or (len(text) == 1 and text.isalpha() and text not in self.minor):
            return None
        return found


@lru_cache(maxsize=1)
def currency_data() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(names, symbols, codes) of the generated ISO 4217 table: lower-case name -> code, symbol -> code,
    code -> code (current currencies only)."""
    table = json.loads(DATA.read_text(encoding="utf-8"))["currencies"]
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    codes: dict[str, str] = {}
    last_words: dict[str, set[str]] = {}
    for code, row in sorted(table.items(), key=lambda kv: not kv[1]["current"]):  # current ones first
        for name in row["names"]:
            names.setdefault(name, code)
            if row["current"]:
                last_words.setdefault(name.split()[-1], set()).add(code)
        if row["current"]:
            codes[code] = code
            for symbol in row["symbols"]:
                symbols.setdefault(symbol, code)
    for word, owners in last_words.items():
        if len(owners) == 1:
            names.setdefault(word, next(iter(owners)))
    return names, symbols, codes


_VOCABS: dict[int, MoneyVocab] = {}


def money_vocab(config: Any) -> MoneyVocab:
    """The money vocabulary of a config (cached per config object)."""
    key = id(config)
    if key not in _VOCABS:
        sec = config.section("money")
        names, data_symbols, data_codes = currency_data()
        minor = {str(k) if len(str(k)) == 1 else str(k).lower(): (str(v["currency"]), float(v["per"]))
                 for k, v in sec.get("minor", {}).items()}
        symbols = {s.upper(): c for s, c in data_symbols.items() if not s.isalpha()}
        symbols.update({str(k).upper(): str(v) for k, v in sec.get("symbols", {}).items()})
        blocked = {str(c) for c in sec.get("not_codes", ())}
        codes = {c: v for c, v in data_codes.items() if c not in blocked}
        codes.update({s: c for s, c in data_symbols.items() if s.isalpha()})
        codes.update({str(k): str(v) for k, v in sec.get("cased_symbols", {}).items()})
        words = dict(names)
        words.update({" ".join(str(k).lower().split()): str(v) for k, v in sec.get("words", {}).items()})
        written = [*symbols, *(c.upper() for c in codes)]
        _VOCABS[key] = MoneyVocab(
            symbols=symbols,
            words=words,
            minor=minor,
            periods={str(k).lower(): str(v) for k, v in sec.get("periods", {}).items()},
            rate_words=frozenset(w.lower() for w in sec.get("rate_words", ("per", "a", "an", "/"))),
            rate_blockers=frozenset(w.lower() for w in sec.get("rate_blockers", ())),
            range_openers=frozenset(w.lower() for w in sec.get("range_openers", ())),
            range_links=frozenset(w.lower() for w in sec.get("range_links", ("-", "to"))),
            numbers=number_vocab(config),
            hedges=hedge_table(config),
            codes=codes,
            symbol_prefixes=frozenset(sym[:n] for sym in written for n in range(len(sym) + 1)),
            change_words=frozenset(w.lower() for w in sec.get("change_words", ())),
        )
    return _VOCABS[key]


def match_symbol(doc: Doc, i: int, vocab: MoneyVocab) -> tuple[str, int] | None:
    """A currency symbol made of tokens from ``i`` ("$", "US$", "c $", "HK$", "UAH"): (ISO code, end token)."""
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
        code = vocab.symbol(text)
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
    minor = vocab.minor_unit(doc[j].text)
    if minor is not None:
        return minor[0], minor[1], j + 1
    text = doc[j].text
    code = vocab.codes.get(text)
    if code is None and (not text.isalpha() or text.isupper()):
        code = vocab.symbols.get(text.upper())
    if code is not None:
        return code, 1.0, j + 1
    return None
