"""Duration mentions: a number of seconds to years ("90 days' notice", "a three-year term", "half an hour",
"1/2 hour", "one and a quarter hours", "2 years and 3 months" summed into one mention).

The span is the number and its unit ("90 days", "three-year", "three trading days"); the words around it
("notice", "first", "over", "term") are left to claim assembly. ``days`` is the approximate length
(``records.UNIT_DAYS``). Vocabulary comes from ``[durations]``: unit words (a decade is 10 years, a night
a day), adjectives allowed between number and unit, fractions ("one and a half years"), whole-unit words
("all month", "another day") and the words that make "a month" a rate rather than a length ("twice a
year"; an amount right before it, as in "$150 million a month", does too). Vague counts ("several
weeks") are not turned into numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..records import UNIT_DAYS, Duration, Mention
from .numbers import TENS, UNITS, parse_number

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from . import Context

HYPHEN = "[-\u2010\u2011\u2012\u2013\u2014]"
# Units beyond SPEC's four, as (SPEC unit, how many of it).
_MULTIPLES = {"decade": ("year", 10), "century": ("year", 100), "fortnight": ("week", 2)}
# After or before "quarters", words that make it a share of something, not three months.
_QUARTER_AFTER = re.compile(r"(?i)\s+(?:of|hundred|thousand|million|billion|trillion)\b")
_AND_BEFORE = re.compile(r"(?i)\band\s+$")
_RELATIVE_AFTER = re.compile(r"(?i)\s+(?:ago|later|earlier|before|after|from now|hence)\b")
# Words right before "a month" that make it a rate: an amount ("$150 million a month") or a frequency.
_AMOUNT_BEFORE = re.compile(r"(?i)(?:\d[\d,.]*\s*[%kmb]?|million|billion|trillion|thousand|bn|mn|cents?|dollars?"
                            r"|euros?|pounds?|yen|yuan)\W*$")


def _alt(words) -> str:
    parts = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


class _Grammar:
    """The compiled duration pattern of one ``[durations]`` section."""

    def __init__(self, section: Mapping[str, Any]) -> None:
        self.unit_of = {w.lower(): unit for unit, words in section.get("units", {}).items() for w in words}
        self.fractions = {re.sub(r"\s+", " ", k.lower()): float(v) for k, v in section.get("fractions", {}).items()}
        self.rate_before = {w.lower() for w in section.get("rate_before", ())}
        tens = _alt(TENS)
        units = _alt(w for w in UNITS)
        number = rf"(?:(?:\d+\s+)?\d+/\d+|\d+(?:[.,]\d+)?|{tens}(?:\s*{HYPHEN}\s*|\s+){units}|{tens}|{units})"
        frac = _alt(self.fractions) if self.fractions else "(?!)"
        adj = _alt(section.get("adjectives", ())) if section.get("adjectives") else "(?!)"
        unit = _alt(self.unit_of)
        whole = _alt(section.get("whole", ())) if section.get("whole") else "(?!)"
        self.lead = {re.sub(r"\s+", " ", k.lower()): float(v) for k, v in section.get("lead_fractions", {}).items()}
        lead = _alt(self.lead) if self.lead else "(?!)"
        self.pattern = re.compile(
            rf"(?<![\w$€£¥.,/])(?:(?P<whole>{whole})\s+|(?P<lead>{lead})\s+(?:an?\s+)?|(?P<n>{number})(?:\s+(?P<f1>{frac}))?"
            rf"(?:\s*{HYPHEN}\s*|\s+|(?<=\d)))(?:(?P<adj>{adj})\s+)?(?P<unit>{unit})(?:\s+(?P<f2>{frac})(?!\s+of\b))?"
            rf"(?![\w%])(?!\s*{HYPHEN}?\s*old\b)(?!/\d)", re.IGNORECASE)
        links = _alt(section.get("compound_links", ())) if section.get("compound_links") else "(?!)"
        # What may stand between two parts of a compound length: a link and spaces.
        self.compound_gap = re.compile(rf"\s*{links}\s*$", re.IGNORECASE)
        compact = section.get("compact_units", {})
        self.compact = {k: v for k, v in compact.items()}
        self.compact_pattern = re.compile(rf"(?<![\w$€£¥.,])(?P<n>\d+(?:\.\d+)?)(?P<unit>{'|'.join(map(re.escape, compact))})"
                                          r"(?![\w%])") if compact else None
        # "between 12 and 18 months", "two to three years": the first number shares the unit.
        self.range_head = re.compile(rf"(?<![\w$€£¥.,])(?P<n>{number})\s*(?:and|to|or|{HYPHEN})\s*$", re.IGNORECASE)


_GRAMMARS: dict[int, tuple[Any, _Grammar]] = {}


def _grammar_for(section: Mapping[str, Any]) -> _Grammar:
    cached = _GRAMMARS.get(id(section))
    if cached is None or cached[0] is not section:
        cached = _GRAMMARS[id(section)] = (section, _Grammar(section))
    return cached[1]


def find_mentions(doc: Doc, ctx: Context) -> Iterator[Mention]:
    """Duration mentions of one document."""
    g = _grammar_for(ctx.config.section("durations"))
    text = ctx.text
    found: list[Mention] = []
    for m in g.pattern.finditer(text):
        duration = _read(m, g)
        if duration is None:
            continue
        if m["n"] and m["n"].lower() in ("a", "an", "one") and _is_rate(text, m.start(), g):
            continue
        if duration.unit == "quarter" and (_QUARTER_AFTER.match(text, m.end()) or
                                           _AND_BEFORE.search(text, max(0, m.start() - 6), m.start())):
            continue  # "a quarter of the shares", "three quarters million", "a billion and three quarters": shares
        head = g.range_head.search(text, max(0, m.start() - 40), m.start())
        if head and m["n"]:
            first = parse_number(head["n"])
            if first is not None and 0 < first < duration.amount:
                unit, factor = _unit(m["unit"], g)
                found.append(Mention("duration", head["n"], head.start("n"), head.end("n"),
                                     Duration(first * factor, unit)))
                yield from _compound(found, text)
                found = []
                yield Mention("duration", m.group(0), m.start(), m.end(), duration)
                continue
        part = Mention("duration", m.group(0), m.start(), m.end(), duration)
        if found and not _joins(found[-1], part, text, g):
            yield from _compound(found, text)
            found = []
        found.append(part)
    yield from _compound(found, text)
    if g.compact_pattern is not None:
        for m in g.compact_pattern.finditer(text):
            unit = g.compact[m["unit"]]
            yield Mention("duration", m.group(0), m.start(), m.end(), Duration(float(m["n"]), unit))


def _joins(first: Mention, second: Mention, text: str, g: _Grammar) -> bool:
    """True when ``second`` continues the compound length ``first`` ("2 years and 3 months"): only a link
    between them, and a smaller unit."""
    if first.end > second.start or not g.compound_gap.fullmatch(text[first.end:second.start]):
        return False
    return UNIT_DAYS[second.value.unit] < UNIT_DAYS[first.value.unit]  # type: ignore[union-attr]


def _compound(parts: list[Mention], text: str) -> list[Mention]:
    """One mention for the parts of a compound length, counted in its smallest unit; the parts apart when
    a relative-date word follows ("3 months and 2 weeks and 2 days ago": where the date starts is unclear)."""
    if len(parts) < 2 or _RELATIVE_AFTER.match(text, parts[-1].end):
        return parts
    first, last = parts[0], parts[-1]
    days = sum(_days(p.value) for p in parts)  # type: ignore[arg-type]
    unit = last.value.unit  # type: ignore[union-attr]
    amount = round(days / UNIT_DAYS[unit], 6)
    return [Mention("duration", text[first.start:last.end], first.start, last.end, Duration(amount, unit))]


def _days(value: Duration) -> float:
    return value.amount * UNIT_DAYS[value.unit]


def _unit(word: str, g: _Grammar) -> tuple[str, float]:
    unit = g.unit_of[re.sub(r"\s+", " ", word.lower())]
    return _MULTIPLES.get(unit, (unit, 1))


def _read(m: re.Match, g: _Grammar) -> Duration | None:
    if m["whole"]:
        amount: float | None = 1.0
    elif m["lead"]:
        amount = g.lead[re.sub(r"\s+", " ", m["lead"].lower())]
    elif "/" in m["n"]:  # "1/2 hour", "1 1/2 hours"
        *whole, fraction = m["n"].split()
        num, den = (int(x) for x in fraction.split("/"))
        amount = (int(whole[0]) if whole else 0) + num / den if den else None
    else:
        raw = m["n"].replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", m["n"]) else m["n"]
        amount = parse_number(raw.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", raw) else raw)
    if amount is None or amount <= 0:
        return None
    for frac in (m["f1"], m["f2"]):
        if frac:
            amount += g.fractions[re.sub(r"\s+", " ", frac.lower())]
    unit, factor = _unit(m["unit"], g)
    return Duration(amount * factor, unit)


def _is_rate(text: str, start: int, g: _Grammar) -> bool:
    before = text[max(0, start - 30):start]
    word = re.search(r"(\w+)\W*$", before)
    if word and word.group(1).lower() in g.rate_before:
        return True
    return bool(_AMOUNT_BEFORE.search(before))
