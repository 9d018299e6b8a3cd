"""Readers of weeks and of week-bound days: "week 31", "the last week of July", "the week of April 10",
"Tuesday the 11th".

Weeks have no SPEC granularity: value is the ISO week ("2026-W25"), granularity ``day`` (the finest SPEC
has), ``low``/``high`` its Monday..Sunday. A week belongs to the month or year holding its Thursday.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..records import DateValue
from . import calendar as cal
from .date_context import tense
from .date_values import DateSpec, on_day, place_year

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .date_grammar import DateGrammar


def week_value(monday: date, relative: bool, mod: str | None = None) -> DateValue:
    """The value of the Monday..Sunday week starting ``monday`` (or the part ``mod`` names)."""
    low, high = cal.week_mod_bounds(monday, mod)
    return DateValue(cal.iso_week(monday), "day", low.isoformat(), high.isoformat(), mod, relative)


def week_spec(m: re.Match, monday: date, relative: bool, mod: str | None = None, end: int | None = None) -> DateSpec:
    """A spec holding the week that starts ``monday`` (span: the match, or up to ``end``)."""
    return DateSpec(m.start(), m.end() if end is None else end, "day", relative=relative,
                    fixed=week_value(monday, relative, mod))


def read_week_number(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    if m["y"]:
        year, relative = int(m["y"]), False
    elif pub is not None:
        year, relative = pub.year, True
    else:
        return None
    return week_spec(m, date.fromisocalendar(year, int(m["wn"]), 1), relative)


def read_nth_week(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    n = g.week_ordinals[m["wo"].lower()]
    if m["y2"]:
        year = int(m["y2"])
        first, last = cal.year_bounds(year)
        monday = cal.nth_week(first, last, n)
        return week_spec(m, monday, False) if monday else None
    month = g.months[m["mon"].lower()]
    year = int(m["y"]) if m["y"] else None
    if year is None:
        if pub is None:
            return None
        year = place_year(DateSpec(m.start(), m.end(), "month", month=month), pub, tense(doc, m.start(), g.future_cues))
        if year is None:
            return None
    monday = cal.nth_week(*cal.month_bounds(year, month), n)
    # "the last week of July." - the full stop ends the sentence (it only abbreviates "Oct.").
    end = m.end() - 1 if m.group(0).endswith(".") and m["mon"].lower() in g.full_months and not m["y"] else None
    return week_spec(m, monday, not m["y"], end=end) if monday else None


def read_nth_week_rel(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    if pub is None:
        return None
    step = g.relative[m["rel"].lower()] if m["rel"] else 0
    if m["unit"].lower() == "month":
        first = cal.add_months(date(pub.year, pub.month, 1), step)
        bounds = cal.month_bounds(first.year, first.month)
    else:
        bounds = cal.year_bounds(pub.year + step)
    monday = cal.nth_week(*bounds, g.week_ordinals[m["wo"].lower()])
    return week_spec(m, monday, True) if monday else None


def read_weekday_day(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"Tuesday the 11th", "Sun 31": the nearest month (by tense) where that day is that weekday."""
    if pub is None:
        return None
    day = g.day_number(m["d"])
    if day is None or (not m["d"][0].isdigit() and not m["the"]):
        return None  # "Monday three" is no date; "Monday the third" is
    wd = g.weekdays[m["wd"].lower()]
    candidates = []
    for step in range(-14, 15):
        first = cal.add_months(date(pub.year, pub.month, 1), step)
        if cal.valid_day(first.year, first.month, day) and date(first.year, first.month, day).weekday() == wd:
            candidates.append(date(first.year, first.month, day))
    when = tense(doc, m.start(), g.future_cues)
    if when > 0:
        candidates = [d for d in candidates if d >= pub]
    elif when < 0:
        candidates = [d for d in candidates if d <= pub]
    if not candidates:
        return None
    return on_day(m.start(), m.end(), min(candidates, key=lambda d: (abs((d - pub).days), d < pub)))


def widen_to_week(spec: DateSpec, value: DateValue, g: DateGrammar, text: str) -> tuple[DateSpec, DateValue]:
    """A day after "the week of" / "w/c" becomes the week holding it, the span taking in those words."""
    if value.granularity != "day" or value.low != value.high:
        return spec, value
    lead = g.week_of.search(text, max(0, spec.start - 40), spec.start)
    if lead is None:
        return spec, value
    monday = cal.week_bounds(date.fromisoformat(value.low))[0]
    return replace(spec, start=lead.start()), week_value(monday, value.relative)


READERS = {
    "week_number": read_week_number, "nth_week": read_nth_week, "nth_week_rel": read_nth_week_rel,
    "weekday_day": read_weekday_day,
}
