"""From a date read in the text (``DateSpec``) to its SPEC value (``DateValue``).

A spec whose year the text leaves out takes it from the publication date: the governing verb's tense
picks the past or next occurrence, else the nearest one. Without a publication date it is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..records import DateValue
from . import calendar as cal


@dataclass(frozen=True, slots=True)
class DateSpec:
    """A date read from the text before its year is settled (``year`` None = take it from context).

    ``fixed`` carries a value a reader already resolved in full (weeks, seasons, parts of a period).
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


def day_spec(start: int, end: int, year: int | None, month: int, day: int, relative: bool = False) -> DateSpec | None:
    """A day spec, None when no year (or the given one) has that day."""
    if not cal.valid_day(2000 if year is None else year, month, day):
        return None
    return DateSpec(start, end, "day", year=year, month=month, day=day, relative=relative)


def on_day(start: int, end: int, day: date, relative: bool = True) -> DateSpec:
    """A spec for one known calendar day."""
    return DateSpec(start, end, "day", year=day.year, month=day.month, day=day.day, relative=relative)


def resolve_spec(spec: DateSpec, pub: date | None, fiscal_start: int, tense: int) -> DateValue | None:
    """The SPEC value of a spec; ``tense`` (-1, 0, +1) places a spec without a year around ``pub``."""
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
    if spec.granularity == "month":
        low, high = cal.month_bounds(year, spec.month)
        value = f"{year:04d}-{spec.month:02d}"
    elif spec.granularity == "quarter":
        low, high = cal.quarter_bounds(year, spec.quarter, fiscal_start if spec.fiscal else 1)
        value = f"{year:04d}-Q{spec.quarter}"
    else:
        low, high = cal.year_bounds(year, fiscal_start if spec.fiscal else 1)
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
