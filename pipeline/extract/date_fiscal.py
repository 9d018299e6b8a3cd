"""Quarters and fiscal periods: the text's fiscal calendar, quarters without a year, fiscal values.

How a quarter or fiscal period becomes a SPEC value (the choices SPEC leaves open):

- A fiscal year is labelled by the calendar year it ends in ("fiscal 2028" ending June 30 is
  2027-07-01..2028-06-30); its value is that label at year granularity.
- The fiscal calendar is the one the text states ("whose fiscal year ends June 30", ``[dates]
  fiscal_end_words``/``fiscal_begin_words``), else ``[dates] fiscal_start_month`` (0 = unknown).
- A fiscal quarter under a known calendar is the calendar quarter it covers ("2027-Q4"; a quarter that
  straddles calendar quarters, as a February-April one, takes its middle month's) with its own days as
  ``low``/``high``. Under an unknown calendar it keeps only its fiscal label: the fiscal year at year
  granularity, ``low``/``high`` covering every fiscal year that ends in that calendar year; one without a
  year ("the fiscal third quarter") is then dropped, since no year can be placed.
- A quarter without a year ("third-quarter loss", "in Q3") counts in the text's stated fiscal calendar,
  else in calendar quarters, and is placed from the publication day by tense: a past one is the latest
  that ended before publication, a future one the first that has not ended, else the nearest.
- "the latest quarter" is the last quarter that ended before publication; "the year-ago quarter", and
  a comparison "from a year earlier" after a quarter, are the report's quarter (the quarter the text
  named last) a year before (``DateSpec.back``; see ``dates.apply_year_back``).
"""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from . import calendar as cal
from .date_absolute import year_of
from .date_context import tense, word_before
from .date_values import DateSpec, block_value

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .date_grammar import DateGrammar


def for_text(g: DateGrammar, text: str, words: frozenset[str] | None) -> DateGrammar:
    """``g``, or a copy of it with the fiscal calendar ``text`` states ("fiscal year ends June 30")."""
    if words is not None and words.isdisjoint(g.required.get("fiscal", ())):
        return g
    m = g.fiscal_calendar.search(text)
    if m is None:
        return g
    month = g.months[m["mon"].lower()]
    stated = copy.copy(g)
    stated.fiscal_start = month % 12 + 1 if m["end"] else month
    stated.fiscal_stated = True
    return stated


def quarter_start(g: DateGrammar, fiscal: bool) -> int | None:
    """The month quarters count from: the fiscal calendar for a fiscal quarter or where the text states one
    (None when unknown), else January."""
    return g.fiscal_start if fiscal or g.fiscal_stated else 1


def block_of(day: date, start: int) -> date:
    """First day of the quarter holding ``day`` when quarters start in month ``start`` (and every third)."""
    return cal.add_months(date(day.year, day.month, 1), -((day.month - start) % 3))


def block_number(first: date, start: int) -> int:
    """Which quarter (1-4) of its fiscal year the quarter starting on ``first`` is."""
    return (first.month - start) % 12 // 3 + 1


def place_quarter(number: int, start: int, pub: date, when: int) -> date:
    """First day of quarter ``number`` nearest ``pub`` by tense: the latest ended (past), the first not ended
    (future), else the one holding ``pub`` or the nearest."""
    current = block_of(pub, start)
    firsts = [cal.add_months(current, 3 * k) for k in range(-8, 9)]
    firsts = [f for f in firsts if block_number(f, start) == number]

    def last_day(first: date) -> date:
        return cal.add_months(first, 3) - timedelta(days=1)

    if when < 0:
        return max(f for f in firsts if last_day(f) < pub)
    if when > 0:
        return min(f for f in firsts if last_day(f) >= pub)
    # Nearest: the quarter holding the publication day, else the one whose nearer end is closest.
    return min(firsts, key=lambda f: (0 if f <= pub <= last_day(f) else min(abs((f - pub).days),
                                                                             abs((last_day(f) - pub).days)), f))


def _fiscal(m: re.Match, *names: str) -> bool:
    groups = m.groupdict()
    return any(groups.get(n) for n in names)


def read_quarter_bare(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"third-quarter loss", "the fiscal fourth quarter", "in Q3": a quarter placed from publication."""
    if pub is None:
        return None
    if m["q"] and not m["f3"] and word_before(m.string, m.start()) not in g.quarter_cues:
        return None  # "Audi Q3", "the Q3 model"
    start = quarter_start(g, _fiscal(m, "f", "f2", "f3"))
    if start is None:
        return None
    number = int(m["q"]) if m["q"] else g.quarters[m["qo"].lower()]
    first = place_quarter(number, start, pub, tense(doc, m.start(), g.future_cues))
    return DateSpec(m.start(), m.end(), "quarter", relative=True, fixed=block_value(first))


def read_rel_quarter(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"last quarter", "the next fiscal quarter", "the latest quarter", "the year-ago quarter"."""
    if pub is None:
        return None
    start = quarter_start(g, _fiscal(m, "f"))
    if start is None:
        return None
    latest = (m["lq"] or "").lower()
    step = g.relative[m["rel"].lower()] if m["rel"] else -1
    back = 1 if re.sub(r"\s+", " ", latest) in g.year_ago else 0
    first = cal.add_months(block_of(pub, start), 3 * step - 12 * back)
    return DateSpec(m.start(), m.end(), "quarter", relative=True, fixed=block_value(first), back=back)


def read_fiscal_year_q(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"FY2028 Q2", "fiscal 2028's second quarter"."""
    number = int(m["q"]) if m["q"] else g.quarters[m["qo"].lower()]
    return DateSpec(m.start(), m.end(), "quarter", year=year_of(m["y"]), quarter=number, fiscal=True)


READERS = {"quarter_bare": read_quarter_bare, "rel_quarter": read_rel_quarter, "fiscal_year_q": read_fiscal_year_q}
