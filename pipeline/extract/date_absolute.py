"""Readers of dates the text states in full or in part: days, months, quarters, fiscal and plain years.

Each reader turns one match of the ``date_grammar`` pattern of its name into a ``DateSpec`` (None = not a
date here). A month or day without a year is left with ``year`` None for ``date_values`` to place.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ..records import DateValue
from . import calendar as cal
from .date_context import is_year, token_at, word_before
from .date_grammar import SPOKEN_CENTURIES
from .date_values import DateSpec, day_spec
from .numbers import TENS, UNITS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .date_grammar import DateGrammar

# Words before "11/20" that make it a date ("on 11/20"); "24/7" or "3/4 of" are not.
_SLASH_CUES = frozenset({"on", "from", "to", "through", "until", "by", "since", "and", "or", ","})


def read_mod(m: re.Match, g: DateGrammar) -> str | None:
    """The modifier (start/mid/end) a match's ``mod`` group names, if any."""
    raw = m.groupdict().get("mod")
    if not raw:
        return None
    key = re.sub(r"\s+", " ", raw.lower())
    key = re.sub(r"^(the )?(very )?", "", key)
    return g.mod_of.get(key) or g.mod_of.get("the " + key)


def year_of(text: str) -> int:
    """A written year; two digits are 2000..2069 or 1970..1999."""
    y = int(text)
    return y if y >= 100 else (2000 + y if y < 70 else 1900 + y)


def read_iso(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    return day_spec(m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"]))


def read_numeric(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    a, c, y = int(m["a"]), int(m["c"]), year_of(m["y"])
    month, day = (a, c) if a <= 12 else (c, a)
    return day_spec(m.start(), m.end(), y, month, day)


def read_slash(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    before = word_before(m.string, m.start()).rstrip(",") or ","
    if before[-1] in ".?!:;" and len(before) > 1:
        before = ","  # a sentence of its own: "The date? 11/20"
    if before not in _SLASH_CUES and not re.fullmatch(r"\d\d?/\d\d?", before) and before not in g.weekdays:
        return None
    after = re.match(r"\s*([^\W\d_]+)", m.string[m.end():])
    if after and after[1].lower() in g.fraction_units:
        return None  # "1/2 hour" is a fraction of a unit
    a, c = int(m["a"]), int(m["c"])
    month, day = (a, c) if a <= 12 else (c, a)
    return day_spec(m.start(), m.end(), None, month, day)


def read_ymd_name(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    return day_spec(m.start(), m.end(), int(m["y"]), g.months[m["mon"].lower()], int(m["d"]))


def read_mdy(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    day = g.day_number(m["d"])
    mon_text = m["mon"]
    if day is None or (mon_text == "may" and not m["y"]):
        return None
    if not m["y"] and not m["d"][0].isdigit() and mon_text.lower() not in g.full_months:
        return None  # "Jan second" is too loose; "May twenty nine" is a day
    return day_spec(m.start(), m.end(), int(m["y"]) if m["y"] else None, g.months[mon_text.lower()], day)


def read_dmy(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    day = g.day_number(m["d"])
    mon_text = m["mon"]
    if day is None or (mon_text.islower() and mon_text == "may" and not m["y"]):
        return None
    if not m["d"][0].isdigit() and " of " not in m.group(0).lower():
        return None  # "second May" is not a day; "the second of May" is
    if re.search(r"[$€£¥]\s*$", m.string[max(0, m.start() - 3):m.start()]):
        return None  # "$ 12 December 27": the 12 is money
    return day_spec(m.start(), m.end(), int(m["y"]) if m["y"] else None, g.months[mon_text.lower()], day)


def read_month_year(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    return DateSpec(m.start(), m.end(), "month", year=int(m["y"]), month=g.months[m["mon"].lower()],
                    mod=read_mod(m, g))


def read_iso_month(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    y, mo = int(m["y"]), int(m["m"])
    # "2009-10" is more often a season or fiscal year than October 2009: only accept a month that cannot
    # be the end of a year range (single digit, or smaller than the year's last two digits).
    if m.group(0)[5:] == m["m"] and len(m["m"]) == 2 and mo > y % 100:
        return None
    return DateSpec(m.start(), m.end(), "month", year=y, month=mo)


def read_month_iso(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    return DateSpec(m.start(), m.end(), "month", year=int(m["y"]), month=int(m["m"]))


def read_quarter(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    fiscal = bool(m.groupdict().get("fq") or m.groupdict().get("fy")) or bool(re.match(r"(?i)f", m.group(0)))
    q = int(m["q"]) if m.groupdict().get("q") else g.quarters[m["qo"].lower()]
    return DateSpec(m.start(), m.end(), "quarter", year=int(m["y"]), quarter=q, fiscal=fiscal)


def read_fiscal(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    return DateSpec(m.start(), m.end(), "year", year=year_of(m["y"]), mod=read_mod(m, g), fiscal=True)


def read_year(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    if not is_year(m, g, doc):
        return None
    return DateSpec(m.start(), m.end(), "year", year=int(m["y"]), mod=read_mod(m, g))


def read_half(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"the second half of 2026", "H2 2026", "2026-H2": the year bounded by the half's months."""
    groups = m.groupdict()
    half = g.halves[m["ho"].lower()] if groups.get("ho") else int(groups.get("h") or groups["h2"])
    return half_spec(m, int(m["y"]), half, relative=False)


def half_spec(m: re.Match, year: int, half: int, relative: bool) -> DateSpec:
    """A spec for one half of a year (value the year, low/high the half, as seasons)."""
    low, high = cal.half_bounds(year, half)
    return DateSpec(m.start(), m.end(), "year", year=year, relative=relative,
                    fixed=DateValue(f"{year:04d}", "year", low.isoformat(), high.isoformat(), None, relative))


def read_spoken_year(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"nineteen ninety-six", "the year two thousand", "two thousand and five": a year said in words, where
    a year cue comes before it ("in", "since", "the year") and no counted noun after it."""
    year = spoken_year_value(m)
    if year is None or not 1500 <= year <= 2100:
        return None
    after = re.match(r"\s*([%\w]+)", m.string[m.end():m.end() + 30])
    if after and after.group(1).lower() in g.not_after:
        return None
    if not m["yr"] and word_before(m.string, m.start()) not in g.year_cues:
        return None  # "two thousand people", "nineteen twenty-dollar bills"
    token = token_at(doc, m.end() - 1)
    nxt = token.nbor(1) if token is not None and token.i + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS"):
        return None  # "in two thousand homes"
    start = m.start("hi") if m["hi"] else m.start() + len(m["yr"] or "")
    return DateSpec(start if not m["yr"] else m.start(), m.end(), "year", year=year)


def spoken_year_value(m: re.Match) -> int | None:
    """The year a ``spoken_year`` match says; None when a part is not a number word."""
    def words(text: str) -> int:
        parts = re.split(r"[\s\u2010-\u2014-]+", text.lower())
        if parts[0] in ("oh", "o"):
            parts = parts[1:]
        return sum(TENS.get(w) or UNITS[w] for w in parts)

    if m["hi"]:
        century = SPOKEN_CENTURIES[m["hi"].lower()] * 100
        return century if m["hun"] else century + words(m["lo"])
    return 2000 + (words(m["lo2"]) if m["lo2"] else 0)


READERS = {
    "half_words": read_half, "half_h": read_half, "year_h": read_half,
    "iso": read_iso, "compact": read_iso, "numeric": read_numeric, "slash": read_slash,
    "ymd_name": read_ymd_name, "mdy": read_mdy, "dmy": read_dmy, "month_year": read_month_year,
    "year_month": read_month_year, "iso_month": read_iso_month, "month_iso": read_month_iso,
    "quarter_q": read_quarter, "year_q": read_quarter, "quarter_words": read_quarter,
    "fiscal": read_fiscal, "year": read_year, "spoken_year": read_spoken_year,
}
