"""Readers of dates resolved from the publication day: "next month", "last week", "Monday", "this fall".

Each reader turns one match of the ``date_grammar`` pattern of its name into a ``DateSpec`` marked
relative, or None (always None without a publication day: a relative date is never guessed).

- "later this year" and "earlier this month" keep the period as value with ``mod`` null and ``low``/``high``
  cut at the publication day.
- Weeks ("last week") have no SPEC granularity: value is the ISO week ("2026-W25"), granularity ``day``
  (the finest SPEC has), ``low``/``high`` Monday..Sunday.
- Seasons ("this fall") are the year with the season's months as bounds.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..records import DateValue
from . import calendar as cal
from .date_absolute import half_spec, read_mod
from .date_context import future_sentence, tense, word_before
from .date_fiscal import block_of, quarter_start
from .date_values import DateSpec, block_value, day_spec, on_day
from .date_weeks import week_spec
from .numbers import TENS, UNITS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .date_grammar import DateGrammar


def read_quarter_rel(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    if pub is None:
        return None
    step = g.relative[m["rel"].lower()] if m["rel"] else 0  # "the first quarter of the year": this year
    if m.groupdict().get("qo"):
        return DateSpec(m.start(), m.end(), "quarter", year=pub.year + step, quarter=g.quarters[m["qo"].lower()],
                        relative=True)
    first = cal.add_months(date(pub.year, 3 * (cal.quarter_of(pub) - 1) + 1, 1), 3 * step)
    return DateSpec(m.start(), m.end(), "quarter", year=first.year, quarter=cal.quarter_of(first), relative=True)


def read_fiscal_rel(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    if pub is None:
        return None
    # The fiscal year holding the publication day; under an unknown calendar, the one labelled by its year.
    start = g.fiscal_start
    year = pub.year + 1 if start is not None and cal.year_bounds(pub.year + 1, start)[0] <= pub else pub.year
    return DateSpec(m.start(), m.end(), "year", year=year + g.relative[m["rel"].lower()], fiscal=True,
                    relative=True)


def read_rel_period(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    if pub is None:
        return None
    step, unit, mod = g.relative[m["rel"].lower()], m["unit"].lower(), read_mod(m, g)
    lx = (m["lx"] or "").lower()
    if lx and step != 0:  # "earlier last week": the start of that week
        mod, lx = mod or ("start" if lx in g.earlier else "end"), ""
    if unit == "week":
        return week_spec(m, cal.week_bounds(pub)[0] + timedelta(weeks=step), True, mod)
    elif unit == "month":
        first = cal.add_months(date(pub.year, pub.month, 1), step)
        low, high = cal.month_bounds(first.year, first.month)
        value, gran = f"{first.year:04d}-{first.month:02d}", "month"
    else:
        low, high = cal.year_bounds(pub.year + step)
        value, gran = f"{pub.year + step:04d}", "year"
    if lx:
        if lx in g.later:
            low = min(pub + timedelta(days=1), high)
        else:
            high = max(pub - timedelta(days=1), low)
    if mod and gran in ("year", "month"):
        low, high = cal.mod_bounds(low, high, gran, mod)
    return DateSpec(m.start(), m.end(), gran, relative=True,
                    fixed=DateValue(value, gran, low.isoformat(), high.isoformat(), mod, True))


def read_rel_month(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    mon_text = m["mon"]
    rel = (m["rel"] or "").lower()
    before = word_before(m.string, m.start())
    # A lone month name needs a capital or a date word around it ("in august"); "may" also the capital, or
    # a clause ending right after it ("it may be in may.").
    if not rel and not m["mod"]:
        if before == "the":  # "in the april"
            before = word_before(m.string, m.string.rfind("the", 0, m.start()))
        ends = re.match(r"\s*(?:[.,;:!?)]|$)", m.string[m.end():]) is not None
        if mon_text.lower() == "may" and (before not in g.year_cues or (mon_text != "May" and not ends)):
            return None
        if mon_text[0].islower() and before not in g.year_cues:
            return None
    month = g.months[mon_text.lower()]
    spec = DateSpec(m.start(), m.end(), "month", month=month, mod=read_mod(m, g), relative=True)
    if rel:
        if pub is None:
            return None
        step = g.relative[rel]
        if step < 0:  # "last June": the latest June before the current month
            year = pub.year if month < pub.month else pub.year - 1
        elif step > 0:
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year
        spec = replace(spec, year=year)
    return spec


def read_weekday(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    if pub is None:
        return None
    wd = g.weekdays[m["wd"].lower()]
    rel = (m["rel"] or m["rel2"] or "").lower()
    whole_week = bool(m["rel2"]) or "week" in m.group(0).lower()
    if not rel and tense(doc, m.start(), g.future_cues) > 0:  # "will resume Monday": that day of this week or the next
        day = pub + timedelta(days=(wd - pub.weekday()) % 7)
    elif not rel:
        day = pub - timedelta(days=(pub.weekday() - wd) % 7)
    elif rel in ("coming", "upcoming") and not whole_week:
        day = pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    elif rel == "past" and not whole_week:
        day = pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    else:
        day = cal.week_bounds(pub)[0] + timedelta(weeks=g.relative[rel], days=wd)
    return on_day(m.start(), m.end(), day)


def read_rel_day(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    if pub is None:
        return None
    return on_day(m.start(), m.end(), pub + timedelta(days=g.rel_days[m["rd"].lower()]))


def read_season(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    first, last = g.seasons[m["sea"].lower()]
    if m["y"]:
        year = int(m["y"])
    elif m["rel"] and pub is not None:
        step = g.relative[m["rel"].lower()]
        year = pub.year + step
        if first > last and pub.month <= last:  # "this winter" in January is the one that began in December
            year -= 1
    else:
        return None
    low = date(year, first, 1)
    high = cal.month_end(year + (1 if last < first else 0), last)
    relative = not m["y"]
    return DateSpec(m.start(), m.end(), "year", year=year, relative=relative,
                    fixed=DateValue(f"{year:04d}", "year", low.isoformat(), high.isoformat(), None, relative))


def read_ago(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    direction = (m["dir"] or "").lower().split()[0] if m["dir"] else ""
    if pub is None or not (direction or (m["in"] and future_sentence(doc, m.start(), g.future_cues))):
        return None
    n = int(m["n"]) if m["n"].isdigit() else (UNITS.get(m["n"].lower()) or TENS.get(m["n"].lower()))
    if not n:
        return None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    unit = m["unit"].lower().rstrip("s")
    # "rose 8% from a year earlier": a comparison, the report's quarter a year before when the text has one.
    back = n if unit == "year" and sign < 0 and word_before(m.string, m.start()) in g.comparison_words else 0
    if unit in ("day", "week"):
        return on_day(m.start(), m.end(), pub + timedelta(days=sign * n * (7 if unit == "week" else 1)))
    moved = cal.add_months(pub, sign * n * (12 if unit == "year" else 1))
    if unit == "year":
        return DateSpec(m.start(), m.end(), "year", year=moved.year, relative=True, back=back)
    return DateSpec(m.start(), m.end(), "month", year=moved.year, month=moved.month, relative=True)


def read_current_period(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"the end of the week", "later in the year", "for the month.": a part of the current period."""
    if pub is None:
        return None
    unit, mod = m["unit"].lower(), read_mod(m, g)
    if m["the"] and re.match(r"\s*(?:[.,;:!?)]|$)", m.string[m.end():]) is None:
        return None  # "the day the deal closed" is another day
    if unit == "day" and mod:
        return None  # "at the end of the day" is an idiom
    return _period_spec(m, unit, mod, pub, doc, g)


def read_shorthand(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"EOY", "year to date", "OTD": a part of the current period named by an abbreviation."""
    unit, mod = g.shorthand[re.sub(r"\s+", " ", m["sh"].lower())]
    if word_before(m.string, m.start()) in g.fiscal_words:
        return None  # "fiscal year-end": the fiscal calendar's, read by date_fiscal
    if m["y"]:  # "year-end 2026"
        return DateSpec(m.start(), m.end(), "year", year=int(m["y"]), mod=mod) if unit == "year" else None
    if pub is None:
        return None
    if unit == "quarter":  # "by quarter-end": the current quarter's last month (the text's fiscal quarters)
        start = quarter_start(g, False)
        return None if start is None else DateSpec(m.start(), m.end(), "quarter", relative=True,
                                                   fixed=block_value(block_of(pub, start), mod))
    return _period_spec(m, unit, mod, pub, doc, g)


def _period_spec(m: re.Match, unit: str, mod: str | None, pub: date, doc: Doc, g: DateGrammar) -> DateSpec:
    """The current ``unit`` (or its part ``mod``); a part the tense puts on the other side of publication
    is the previous or next one ("it peaked by the end of year", said in March, is last year's end)."""
    if unit == "day":
        return on_day(m.start(), m.end(), pub)
    if unit == "week":
        return week_spec(m, cal.week_bounds(pub)[0], True, mod)
    step = 0
    if mod:
        when = tense(doc, m.start(), g.future_cues)
        low, high = cal.month_bounds(pub.year, pub.month) if unit == "month" else cal.year_bounds(pub.year)
        low, high = cal.mod_bounds(low, high, unit, mod)
        step = -1 if when < 0 and low > pub else 1 if when > 0 and high < pub else 0
    if unit == "month":
        first = cal.add_months(date(pub.year, pub.month, 1), step)
        return DateSpec(m.start(), m.end(), "month", year=first.year, month=first.month, mod=mod, relative=True)
    return DateSpec(m.start(), m.end(), "year", year=pub.year + step, mod=mod, relative=True)


def read_half_rel(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"the second half of next year", "the first half of the year"."""
    if pub is None:
        return None
    step = g.relative[m["rel"].lower()] if m["rel"] else 0
    return half_spec(m, pub.year + step, g.halves[m["ho"].lower()], relative=True)


def read_day_only(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"on the 18th": that day of the nearest month (by tense) around publication."""
    if pub is None:
        return None
    day = g.day_number(m["d"])
    if day is None:
        return None
    when = tense(doc, m.start(), g.future_cues)
    candidates = []
    for step in (-1, 0, 1):
        first = cal.add_months(date(pub.year, pub.month, 1), step)
        if cal.valid_day(first.year, first.month, day):
            candidates.append(date(first.year, first.month, day))
    if when:
        candidates = [d for d in candidates if (d - pub).days * when >= 0]
    if not candidates:
        return None
    return on_day(m.start(), m.end(), min(candidates, key=lambda d: abs((d - pub).days)))


def read_day_of_rel_month(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"the 15th day of next month"."""
    day = g.day_number(m["d"])
    if pub is None or day is None:
        return None
    first = cal.add_months(date(pub.year, pub.month, 1), g.relative[m["rel"].lower()])
    return day_spec(m.start(), m.end(), first.year, first.month, day, relative=True)


READERS = {
    "current_period": read_current_period, "shorthand": read_shorthand, "half_rel": read_half_rel,
    "day_only": read_day_only, "day_of_rel_month": read_day_of_rel_month,
    "quarter_of_rel": read_quarter_rel, "rel_year_quarter": read_quarter_rel,
    "fiscal_rel": read_fiscal_rel, "rel_period": read_rel_period, "rel_month": read_rel_month,
    "weekday": read_weekday, "rel_day": read_rel_day, "season": read_season, "ago": read_ago,
}
