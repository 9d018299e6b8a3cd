"""From a date read in the text (``DateSpec``) to its SPEC value (``DateValue``).

A spec whose year the text leaves out takes it from the publication date: the governing verb's tense
picks the past or next occurrence, else the nearest one. Without a publication date it is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..records import DateValue
from . import calendar as cal


@dataclass(frozen=True, slots=True)
class DateSpec:
    """A date read from the text before its year is settled (``year`` None = take it from context).

    ``fixed`` carries a value a reader already resolved in full (weeks, seasons, parts of a period).
    ``back`` > 0: the period is the report's quarter that many years before when the text named a quarter
    before it ("the year-ago quarter", "up 8% from a year earlier"); the value stands otherwise.
    """

    start: int
    end: int
    granularity: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    mod: str | None = None
    fiscal: bool = False
    relative: bool = False
    fixed: DateValue | None = None
    back: int = 0


def day_spec(start: int, end: int, year: int | None, month: int, day: int, relative: bool = False) -> DateSpec | None:
    """A day spec, None when no year (or the given one) has that day."""
    if not cal.valid_day(2000 if year is None else year, month, day):
        return None
    return DateSpec(start, end, "day", year=year, month=month, day=day, relative=relative)


def on_day(start: int, end: int, day: date, relative: bool = True) -> DateSpec:
    """A spec for one known calendar day."""
    return DateSpec(start, end, "day", year=day.year, month=day.month, day=day.day, relative=relative)


def resolve_spec(spec: DateSpec, pub: date | None, fiscal_start: int | None, tense: int) -> DateValue | None:
    """The SPEC value of a spec; ``tense`` (-1, 0, +1) places a spec without a year around ``pub``;
    ``fiscal_start`` is the month fiscal years start in (None: unknown, see ``date_fiscal``)."""
    if spec.fixed is not None:
        return spec.fixed
    relative = spec.relative
    year = spec.year
    if year is None:
        if pub is None:
            return None
        relative = True
        year = place_year(spec, pub, tense)
        if year is None:
            return None
    if spec.granularity == "day":
        if spec.day is None or spec.month is None or not cal.valid_day(year, spec.month, spec.day):
            return None
        iso = date(year, spec.month, spec.day).isoformat()
        return DateValue(iso, "day", iso, iso, None, relative)
    if spec.fiscal and spec.granularity == "quarter":
        return fiscal_quarter_value(year, spec.quarter, fiscal_start, spec.mod, relative)
    if spec.fiscal and spec.granularity == "year":
        return fiscal_year_value(year, fiscal_start, spec.mod, relative)
    if spec.granularity == "month":
        low, high = cal.month_bounds(year, spec.month)
        value = f"{year:04d}-{spec.month:02d}"
    elif spec.granularity == "quarter":
        low, high = cal.quarter_bounds(year, spec.quarter)
        value = f"{year:04d}-Q{spec.quarter}"
    else:
        low, high = cal.year_bounds(year)
        value = f"{year:04d}"
    if spec.mod:
        low, high = cal.mod_bounds(low, high, spec.granularity, spec.mod)
    return DateValue(value, spec.granularity, low.isoformat(), high.isoformat(), spec.mod, relative)


def place_year(spec: DateSpec, pub: date, tense: int) -> int | None:
    """The year of a month (and day) written without one, seen from the publication day."""
    month, day = spec.month, spec.day or 1
    if month is None:
        return None
    candidates = [y for y in (pub.year - 1, pub.year, pub.year + 1) if cal.valid_day(y, month, day)]
    if not candidates:
        return None

    def when(y: int) -> date:
        return date(y, month, min(day, cal.month_end(y, month).day))

    if tense < 0:
        past = [y for y in candidates if (when(y) <= pub if spec.day else (y, month) <= (pub.year, pub.month))]
        return max(past, default=None)
    if tense > 0:
        future = [y for y in candidates if (when(y) >= pub if spec.day else (y, month) >= (pub.year, pub.month))]
        return min(future, default=None)
    return min(candidates, key=lambda y: (abs((when(y) - pub).days), -y))


def block_value(first: date, mod: str | None = None, relative: bool = True) -> DateValue:
    """The SPEC value of the three months starting ``first``: the calendar quarter they are (or their middle
    month's), with their own days as bounds."""
    middle = cal.add_months(first, 1)
    low, high = first, cal.add_months(first, 3) - timedelta(days=1)
    if mod:
        low, high = cal.mod_bounds(low, high, "quarter", mod)
    return DateValue(f"{middle.year:04d}-Q{cal.quarter_of(middle)}", "quarter", low.isoformat(), high.isoformat(),
                     mod, relative)


def fiscal_year_value(year: int, start: int | None, mod: str | None, relative: bool) -> DateValue:
    """Fiscal year ``year``: its days under a known calendar, every fiscal year ending in ``year`` if not."""
    if start is None:
        low, high = date(year - 1, 2, 1), date(year, 12, 31)
    else:
        low, high = cal.year_bounds(year, start)
        if mod:  # a fiscal year's start/mid/end are its months 1-3/4-9/10-12, as a calendar year's
            first, last = cal.YEAR_MOD_MONTHS[mod]
            low, high = cal.add_months(low, first - 1), cal.add_months(low, last) - timedelta(days=1)
    return DateValue(f"{year:04d}", "year", low.isoformat(), high.isoformat(), mod, relative)


def fiscal_quarter_value(year: int, quarter: int, start: int | None, mod: str | None,
                         relative: bool) -> DateValue:
    """Quarter ``quarter`` of fiscal ``year``: its calendar quarter when the calendar is known, else the year."""
    if start is None:
        return fiscal_year_value(year, None, None, relative)
    return block_value(cal.quarter_bounds(year, quarter, start)[0], mod, relative)
