"""Date arithmetic shared by the date and duration finders: month ends, quarters, weeks, adding months.

Everything works on ``datetime.date`` and returns ISO strings only where a record needs them.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date, timedelta

# Part of a period each modifier covers, as (first, last) fractions of its months (year) or days (month).
# A year's start is Q1, its end Q4 (SPEC: "the end of 2029" = 2029-10-01..2029-12-31), mid Apr..Sep.
YEAR_MOD_MONTHS = {"start": (1, 3), "mid": (4, 9), "end": (10, 12)}
# A month's start is days 1-10, mid 11-20, end 21 to the last day (thirds of a month).
MONTH_MOD_DAYS = {"start": (1, 10), "mid": (11, 20), "end": (21, 31)}
# A week's start is Monday-Tuesday, mid Wednesday-Thursday, end Friday-Sunday (weekday numbers).
WEEK_MOD_DAYS = {"start": (0, 1), "mid": (2, 3), "end": (4, 6)}


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the target month's last day (Jan 31 + 1 = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, month_end(year, month + 1).day))


def quarter_of(day: date) -> int:
    """The calendar quarter (1-4) a day falls in."""
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int, start_month: int = 1) -> tuple[date, date]:
    """First and last day of a quarter; ``start_month`` shifts it for fiscal years (FY starts that month).

    A fiscal year is labelled by the calendar year it ends in, so with ``start_month=10`` the first
    quarter of fiscal 2027 is 2026-10-01..2026-12-31.
    """
    first = year_bounds(year, start_month)[0]
    low = add_months(first, 3 * (quarter - 1))
    high = add_months(low, 3) - timedelta(days=1)
    return low, high


def year_bounds(year: int, start_month: int = 1) -> tuple[date, date]:
    """First and last day of a (fiscal) year labelled ``year``: it ends in that calendar year."""
    if start_month == 1:
        return date(year, 1, 1), date(year, 12, 31)
    low = date(year - 1, start_month, 1)
    return low, add_months(low, 12) - timedelta(days=1)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), month_end(year, month)


def week_bounds(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def iso_week(day: date) -> str:
    """'2018-W11' for a day of that ISO week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def nth_week(first: date, last: date, n: int) -> date | None:
    """Monday of the ``n``-th week (1-based; -1 = last) of the period first..last, or None.

    A week belongs to the period holding its Thursday, as ISO 8601 weeks belong to years: the first
    week of 2015 is 2014-12-29..2015-01-04, the last week of July 2017 is 07-24..07-30.
    """
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    if n < 0:
        thursday = last - timedelta(days=(last.weekday() - 3) % 7) + timedelta(weeks=n + 1)
    else:
        thursday += timedelta(weeks=n - 1)
    if not first <= thursday <= last:
        return None
    return thursday - timedelta(days=3)


def half_bounds(year: int, half: int) -> tuple[date, date]:
    """First and last day of a calendar half-year (1 = January-June, 2 = July-December)."""
    return date(year, 6 * half - 5, 1), month_end(year, 6 * half)


def week_mod_bounds(monday: date, mod: str | None) -> tuple[date, date]:
    """The days of the week starting ``monday`` that a modifier names (the whole week without one)."""
    first, last = WEEK_MOD_DAYS.get(mod or "", (0, 6))
    return monday + timedelta(days=first), monday + timedelta(days=last)


def mod_bounds(low: date, high: date, granularity: str, mod: str | None) -> tuple[date, date]:
    """Narrow a year's or a month's bounds to the part a modifier names (start/mid/end)."""
    if mod is None:
        return low, high
    if granularity == "year":
        first, last = YEAR_MOD_MONTHS[mod]
        return date(low.year, first, 1), month_end(low.year, last)
    if granularity == "month":
        first, last = MONTH_MOD_DAYS[mod]
        return date(low.year, low.month, first), date(low.year, low.month, min(last, high.day))
    if granularity == "quarter":
        # A quarter's start/mid/end are its three months.
        shift = {"start": 0, "mid": 1, "end": 2}[mod]
        first = add_months(low, shift)
        return first, month_end(first.year, first.month)
    return low, high


def valid_day(year: int, month: int, day: int) -> bool:
    """True when year-month-day is a real calendar day."""
    return 1 <= month <= 12 and 1 <= day <= _stdlib_calendar.monthrange(year, month)[1]


def parse_iso_day(text: str | None) -> date | None:
    """'2026-06-22' (or a longer ISO timestamp) -> date; None when absent or malformed."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
