"""Date mentions: absolute dates at their own granularity, and relative ones resolved from publication.

How a phrase becomes a value (the choices SPEC leaves open):

- Granularity is what the text gives, never more: "2029" is a year, "June 2029" a month, "Q3 2026" a
  quarter. A month or day without a year ("In May", "July 1") takes its year from the publication date
  (``relative`` true): the governing verb's tense picks the past or next occurrence, else the nearest.
  Without a publication date such mentions, and every relative one, are dropped, never guessed.
- Modifiers narrow ``low``/``high`` (see ``calendar.YEAR_MOD_MONTHS``): a year's start/mid/end are
  Q1/Apr..Sep/Q4, a month's are days 1-10/11-20/21-end.
- "later this year" and "earlier this month" keep the period as value with ``mod`` null and ``low``/``high``
  cut at the publication day. Seasons ("this fall") are the year with the season's months as bounds.
- Fiscal periods ("fiscal 2027", "FY27") keep the fiscal label as value at year granularity; bounds follow
  ``[dates] fiscal_start_month`` (1 = calendar year).
- Weeks ("last week") have no SPEC granularity: value is the ISO week ("2026-W25"), granularity ``day``
  (the finest SPEC has), ``low``/``high`` Monday..Sunday.
- A range "from July 2026 to June 2029" gives two mentions; a side without a year borrows the other's
  ("Nov 18 - Dec 19, 2015"). Spans hold the date and its modifier only, never "through" or "from".

Patterns are regular expressions compiled from the ``[dates]`` vocabularies and run over the text (spaCy
splits "mid-2029" as one token but "2019-Q1" as three); spaCy tokens supply the context checks: whether a
bare four-digit number is a year, and the tense that places a month without a year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..records import DateValue, Mention
from . import calendar as cal
from .numbers import TENS, UNITS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from . import Context

HYPHEN = "[-\u2010\u2011\u2012\u2013\u2014]"
# Words that put a month without a year in the future when they govern it.
FUTURE_CUES = frozenset({"will", "'ll", "shall", "starting", "beginning", "due", "expected", "slated", "scheduled",
                         "set", "plan", "plans", "planned", "upcoming", "next"})


@dataclass(frozen=True, slots=True)
class _Spec:
    """A date read from the text before its year is settled (``year`` None = take it from context)."""

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


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    parts = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


class _Grammar:
    """The compiled patterns and vocabularies of one config."""

    def __init__(self, section: Mapping[str, Any]) -> None:
        self.months = {k.lower(): int(v) for k, v in section.get("months", {}).items()}
        self.weekdays = {k.lower(): int(v) for k, v in section.get("weekdays", {}).items()}
        self.relative = {k.lower(): int(v) for k, v in section.get("relative", {}).items()}
        self.rel_days = {k.lower(): int(v) for k, v in section.get("relative_days", {}).items()}
        self.seasons = {k.lower(): tuple(v) for k, v in section.get("seasons", {}).items()}
        self.quarters = {k.lower(): int(v) for k, v in section.get("quarters", {}).items()}
        self.fiscal_start = int(section.get("fiscal_start_month", 1))
        self.year_cues = {w.lower() for w in section.get("year_cues", ())}
        self.not_after = {w.lower() for w in section.get("context", {}).get("not_after", ())}
        self.mod_of = {phrase.lower().rstrip("-").strip(): mod for mod, phrases in section.get("mods", {}).items()
                       for phrase in phrases}
        self.later = {w.lower() for w in section.get("later_words", ())}
        self.earlier = {w.lower() for w in section.get("earlier_words", ())}
        self.day_words = self._day_words(section.get("day_words", {}))
        fiscal = _alt(section.get("fiscal_words", ("fiscal",)))
        # Full names (the longest word for each month) may stand alone; abbreviations need a day or year.
        full = {n: max((k for k, v in self.months.items() if v == n), key=len) for n in set(self.months.values())}
        full_months = _alt(full.values())

        month = rf"(?P<mon>{_alt(self.months)})\.?"
        mon2 = rf"(?P<mon2>{_alt(self.months)})\.?"
        wday = rf"(?P<wd>{_alt(self.weekdays)})\.?"
        day = rf"(?P<d>(?:[0-3]?\d)(?:st|nd|rd|th)?|{_alt(self.day_words)})"
        year = r"(?P<y>(?<![\d.,])(?:1[89]\d\d|20\d\d|2100)(?![\d%]|[.,]\d))"
        mod = rf"(?:(?P<mod>(?:the\s+)?(?:very\s+)?{_alt(self.mod_of)})(?:\s*{HYPHEN}\s*|\s+))"
        rel = rf"(?P<rel>{_alt(self.relative)})"
        qord = rf"(?P<qo>{_alt(self.quarters)})"
        dsep = rf"(?:\s*,\s*|\s+|\s*{HYPHEN}\s*|/)"
        ysep = rf"(?:\s*,\s*|\s+|\s*{HYPHEN}\s*|/)(?:(?:of|in)\s+)?"
        b, e = r"(?<![\w$€£¥])", r"(?![\w%])"
        patterns = {
            "iso": rf"{b}(?P<y>(?:19|20)\d\d)(?P<s>[-/])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d){e}",
            "compact": rf"{b}(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d){e}",
            "numeric": rf"{b}(?P<a>[01]?\d)(?P<s>[/-])(?P<c>[0-3]?\d)(?P=s)(?P<y>(?:19|20)\d\d|\d\d){e}",
            "slash": rf"{b}(?P<a>[0-3]?\d)/(?P<c>[0-3]?\d){e}(?!/)",
            "ymd_name": rf"{b}(?P<y>(?:19|20)\d\d)(?P<s>[-/]){month}(?P=s)(?P<d>[0-3]?\d){e}",
            "mdy": rf"{b}(?:{wday},?\s+)?{month}(?:{dsep}|(?=\d))(?:the\s+)?{day}{e}(?:{ysep}{year})?{e}",
            "dmy": rf"{b}(?:{wday},?\s+)?(?:the\s+)?{day}(?:\s+of\s+|{dsep}){month}(?:{ysep}{year})?{e}",
            "month_year": rf"{b}{mod}?{month}{ysep}{year}{e}",
            "year_month": rf"{b}{year}\s+(?P<mon>{full_months}){e}",
            "iso_month": rf"{b}(?P<y>(?:19|20)\d\d)-(?P<m>0?[1-9]|1[0-2]){e}(?!-)",
            "month_iso": rf"{b}(?P<m>0?[1-9]|1[0-2])-(?P<y>(?:19|20)\d\d){e}",
            "quarter_q": rf"{b}(?:{fiscal}\s*)?q(?P<q>[1-4])(?:\s*{HYPHEN}\s*|\s+|\s*')(?:{fiscal}\s*)?{year}{e}",
            "year_q": rf"{b}{year}(?:\s*{HYPHEN}\s*|\s+)q(?P<q>[1-4]){e}",
            "quarter_words": rf"{b}(?:the\s+)?{qord}\s+(?:(?P<fq>{fiscal})\s+)?quarter\s+(?:of|in)\s+"
                             rf"(?:(?P<fy>{fiscal})\s+(?:year\s+)?)?{year}{e}",
            "quarter_of_rel": rf"{b}(?:the\s+)?{qord}\s+quarter\s+of\s+{rel}\s+year{e}",
            "rel_year_quarter": rf"{b}{rel}\s+year's\s+{qord}\s+quarter{e}",
            "rel_quarter": rf"{b}(?:the\s+)?{rel}\s+quarter{e}",
            "fiscal": rf"{b}{mod}?(?P<f>{fiscal})(?:\s+year)?\s*(?:'|{HYPHEN})?\s*(?P<y>(?:19|20)\d\d|\d\d){e}",
            "fiscal_rel": rf"{b}{rel}\s+(?P<f>{fiscal})\s+year{e}",
            "year": rf"{b}{mod}?{year}{e}",
            "rel_period": rf"{b}{mod}?(?:(?P<lx>{_alt(self.later | self.earlier)})\s+)?{rel}\s+"
                          rf"(?P<unit>week|month|year){e}",
            "rel_month": rf"{b}{mod}?(?:{rel}\s+)?(?P<mon>{full_months}|{_alt(self.months)}(?=\s*{HYPHEN}\s*"
                         rf"{_alt(self.months)})){e}",
            "weekday": rf"{b}(?:(?P<rel>{_alt(self.relative)})\s+)?(?:week\s*(?:on\s+|{HYPHEN}\s*)?)?"
                       rf"(?P<wd>{_alt(k for k in self.weekdays if len(k) > 3)})"
                       rf"(?:\s+of\s+(?:the\s+)?(?P<rel2>{_alt(self.relative)})\s+week)?{e}",
            "rel_day": rf"{b}(?P<rd>{_alt(self.rel_days)}){e}",
            "season": rf"{b}{mod}?(?:{rel}\s+)?(?P<sea>{_alt(self.seasons)})(?:\s+(?:of\s+)?{year})?{e}",
            "ago": rf"{b}(?:(?P<in>in)\s+)?(?P<n>\d+|{_alt(list(UNITS) + list(TENS))})\s+(?P<unit>days?|weeks?|months?|years?)"
                   rf"(?:\s+(?P<dir>ago|from\s+now|from\s+today|later|earlier))?{e}",
        }
        self.patterns = {name: re.compile(p, re.IGNORECASE) for name, p in patterns.items()}

    def _day_words(self, words: Mapping[str, int]) -> dict[str, int]:
        out = {k.lower(): int(v) for k, v in words.items()}
        for tens_word, tens in (("twenty", 20), ("thirty", 30)):
            out[tens_word] = tens
            for unit_word, unit in list(UNITS.items()) + [(k.lower(), int(v)) for k, v in words.items() if int(v) < 10]:
                if 1 <= unit <= 9 and tens + unit <= 31 and unit_word not in ("a", "an"):
                    out[f"{tens_word} {unit_word}"] = out[f"{tens_word}-{unit_word}"] = tens + unit
        for word, value in UNITS.items():
            if 1 <= value <= 31 and word not in ("a", "an", "one"):
                out.setdefault(word, value)
        return out

    def day_number(self, text: str) -> int | None:
        text = re.sub(r"\s+", " ", text.lower())
        digits = re.match(r"(\d+)", text)
        value = int(digits.group(1)) if digits else self.day_words.get(text)
        return value if value and 1 <= value <= 31 else None


_GRAMMARS: dict[int, tuple[Any, _Grammar]] = {}


def _grammar_for(section: Mapping[str, Any]) -> _Grammar:
    """The grammar of a config section, compiled once per section object."""
    cached = _GRAMMARS.get(id(section))
    if cached is None or cached[0] is not section:
        cached = _GRAMMARS[id(section)] = (section, _Grammar(section))
    return cached[1]


def find_mentions(doc: Doc, ctx: Context) -> Iterator[Mention]:
    """Date mentions of one document (see the module docstring for the value conventions)."""
    section = ctx.config.section("dates")
    grammar = _grammar_for(section)
    published = cal.parse_iso_day(ctx.published)
    specs = [s for s in _scan(ctx.text, grammar, doc, published) if s is not None]
    chosen = _choose(specs)
    chosen = _borrow_years(chosen, ctx.text)
    for spec in chosen:
        value = _resolve(spec, published, grammar, doc)
        if value is not None:
            yield Mention("date", ctx.text[spec.start:spec.end], spec.start, spec.end, value)


def _scan(text: str, g: _Grammar, doc: Doc, published: date | None) -> Iterator[_Spec | None]:
    for name, pattern in g.patterns.items():
        reader = READERS[name]
        for m in pattern.finditer(text):
            try:
                yield reader(m, g, doc, published)
            except (ValueError, KeyError, OverflowError):
                continue


def _choose(specs: list[_Spec]) -> list[_Spec]:
    """Keep the longest non-overlapping readings (earlier on ties)."""
    kept: list[_Spec] = []
    for s in sorted(specs, key=lambda s: (-(s.end - s.start), s.start)):
        if all(s.end <= k.start or k.end <= s.start for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


_RANGE_JOIN = re.compile(rf"^\s*(?:{HYPHEN}|to|through|thru|until|till|and|or)\s*$", re.IGNORECASE)


def _borrow_years(specs: list[_Spec], text: str) -> list[_Spec]:
    """A range side without a year takes the other side's ("Nov 18 - Dec 19, 2015"), a year back if later."""
    out = list(specs)
    for i in range(len(out) - 1, 0, -1):
        left, right = out[i - 1], out[i]
        if left.year is None and left.fixed is None and right.year is not None and left.month \
                and right.month and _RANGE_JOIN.match(text[left.end:right.start]):
            year = right.year
            if (left.month, left.day or 0) > (right.month, right.day or 32):
                year -= 1
            out[i - 1] = replace(left, year=year, relative=False)
    return out


# --------------------------------------------------------------------------------------------------
# Readers: one per pattern, each turning a match into a _Spec (None = not a date here).
# --------------------------------------------------------------------------------------------------

def _mod(m: re.Match, g: _Grammar) -> str | None:
    raw = m.groupdict().get("mod")
    if not raw:
        return None
    key = re.sub(r"\s+", " ", raw.lower())
    key = re.sub(r"^(the )?(very )?", "", key)
    return g.mod_of.get(key) or g.mod_of.get("the " + key)


def _year2(text: str) -> int:
    y = int(text)
    return y if y >= 100 else (2000 + y if y < 70 else 1900 + y)


def _day_spec(m: re.Match, y: int | None, mo: int, d: int) -> _Spec | None:
    if y is not None and not cal.valid_day(y, mo, d):
        return None
    if y is None and not cal.valid_day(2000, mo, d):
        return None
    return _Spec(m.start(), m.end(), "day", year=y, month=mo, day=d)


def _read_iso(m, g, doc, pub):
    return _day_spec(m, int(m["y"]), int(m["m"]), int(m["d"]))


def _read_numeric(m, g, doc, pub):
    a, c, y = int(m["a"]), int(m["c"]), _year2(m["y"])
    month, day = (a, c) if a <= 12 else (c, a)
    return _day_spec(m, y, month, day)


def _read_slash(m, g, doc, pub):
    # "on 11/20" is a date; "24/7" or "3/4 of" are not: require a date-taking word before.
    before = _word_before(m.string, m.start()).rstrip(",") or ","
    if before not in {"on", "from", "to", "through", "until", "by", "since", "and", "or", ","} \
            and not re.fullmatch(r"\d\d?/\d\d?", before) \
            and before not in g.weekdays:
        return None
    a, c = int(m["a"]), int(m["c"])
    month, day = (a, c) if a <= 12 else (c, a)
    return _day_spec(m, None, month, day)


def _read_ymd_name(m, g, doc, pub):
    return _day_spec(m, int(m["y"]), g.months[m["mon"].lower()], int(m["d"]))


def _read_mdy(m, g, doc, pub):
    day = g.day_number(m["d"])
    mon_text = m["mon"]
    if day is None or (mon_text == "may" and not m["y"]):
        return None
    if not m["y"] and not m["d"][0].isdigit() and len(mon_text) <= 3:
        return None
    return _day_spec(m, int(m["y"]) if m["y"] else None, g.months[mon_text.lower()], day)


def _read_dmy(m, g, doc, pub):
    day = g.day_number(m["d"])
    mon_text = m["mon"]
    if day is None or (mon_text.islower() and mon_text == "may" and not m["y"]):
        return None
    if not m["d"][0].isdigit() and " of " not in m.group(0).lower():
        return None  # "second May" is not a day; "the second of May" is
    return _day_spec(m, int(m["y"]) if m["y"] else None, g.months[mon_text.lower()], day)


def _read_month_year(m, g, doc, pub):
    return _Spec(m.start(), m.end(), "month", year=int(m["y"]), month=g.months[m["mon"].lower()], mod=_mod(m, g))


def _read_iso_month(m, g, doc, pub):
    y, mo = int(m["y"]), int(m["m"])
    # "2009-10" is more often a season or fiscal year than October 2009: only accept a month that cannot
    # be the end of a year range (single digit, or smaller than the year's last two digits).
    if m.group(0)[5:] == m["m"] and len(m["m"]) == 2 and mo > y % 100:
        return None
    return _Spec(m.start(), m.end(), "month", year=y, month=mo)


def _read_month_iso(m, g, doc, pub):
    return _Spec(m.start(), m.end(), "month", year=int(m["y"]), month=int(m["m"]))


def _read_quarter(m, g, doc, pub):
    fiscal = bool(m.groupdict().get("fq") or m.groupdict().get("fy")) or bool(re.match(r"(?i)f", m.group(0)))
    q = int(m["q"]) if m.groupdict().get("q") else g.quarters[m["qo"].lower()]
    return _Spec(m.start(), m.end(), "quarter", year=int(m["y"]), quarter=q, fiscal=fiscal)


def _read_quarter_rel(m, g, doc, pub):
    if pub is None:
        return None
    step = g.relative[m["rel"].lower()]
    if m.groupdict().get("qo"):
        return _Spec(m.start(), m.end(), "quarter", year=pub.year + step, quarter=g.quarters[m["qo"].lower()],
                     relative=True)
    first = cal.add_months(date(pub.year, 3 * (cal.quarter_of(pub) - 1) + 1, 1), 3 * step)
    return _Spec(m.start(), m.end(), "quarter", year=first.year, quarter=cal.quarter_of(first), relative=True)


def _read_fiscal(m, g, doc, pub):
    return _Spec(m.start(), m.end(), "year", year=_year2(m["y"]), mod=_mod(m, g), fiscal=True)


def _read_fiscal_rel(m, g, doc, pub):
    if pub is None:
        return None
    year = cal.year_bounds(pub.year + 1, g.fiscal_start)[0] <= pub and pub.year + 1 or pub.year
    return _Spec(m.start(), m.end(), "year", year=year + g.relative[m["rel"].lower()], fiscal=True, relative=True)


def _read_year(m, g, doc, pub):
    if not _is_year(m, g, doc):
        return None
    return _Spec(m.start(), m.end(), "year", year=int(m["y"]), mod=_mod(m, g))


def _read_rel_period(m, g, doc, pub):
    if pub is None:
        return None
    step, unit, mod = g.relative[m["rel"].lower()], m["unit"].lower(), _mod(m, g)
    lx = (m["lx"] or "").lower()
    if unit == "week":
        if mod:
            return None
        monday = cal.week_bounds(pub)[0] + timedelta(weeks=step)
        low, high = monday, monday + timedelta(days=6)
        value = cal.iso_week(monday)
        gran = "day"
    elif unit == "month":
        first = cal.add_months(date(pub.year, pub.month, 1), step)
        low, high = cal.month_bounds(first.year, first.month)
        value, gran = f"{first.year:04d}-{first.month:02d}", "month"
    else:
        low, high = cal.year_bounds(pub.year + step)
        value, gran = f"{pub.year + step:04d}", "year"
    if lx and step == 0:
        if lx in g.later:
            low = min(pub + timedelta(days=1), high)
        else:
            high = max(pub - timedelta(days=1), low)
    elif lx:
        return None
    if mod and gran in ("year", "month"):
        low, high = cal.mod_bounds(low, high, gran, mod)
    return _Spec(m.start(), m.end(), gran, relative=True,
                 fixed=DateValue(value, gran, low.isoformat(), high.isoformat(), mod, True))


def _read_rel_month(m, g, doc, pub):
    mon_text = m["mon"]
    rel = (m["rel"] or "").lower()
    before = _word_before(m.string, m.start())
    # A lone month name needs a capital or a date word around it ("in august"); "may" also the capital.
    if not rel and not m["mod"]:
        if mon_text.lower() == "may" and (mon_text != "May" or before not in g.year_cues):
            return None
        if mon_text[0].islower() and before not in g.year_cues:
            return None
    month = g.months[mon_text.lower()]
    spec = _Spec(m.start(), m.end(), "month", month=month, mod=_mod(m, g), relative=True)
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


def _read_weekday(m, g, doc, pub):
    if pub is None:
        return None
    wd = g.weekdays[m["wd"].lower()]
    rel = (m["rel"] or m["rel2"] or "").lower()
    whole_week = bool(m["rel2"]) or "week" in m.group(0).lower()
    if not rel:
        day = pub - timedelta(days=(pub.weekday() - wd) % 7)
    elif rel in ("coming", "upcoming") and not whole_week:
        day = pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    elif rel == "past" and not whole_week:
        day = pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    else:
        day = cal.week_bounds(pub)[0] + timedelta(weeks=g.relative[rel], days=wd)
    return _Spec(m.start(), m.end(), "day", year=day.year, month=day.month, day=day.day, relative=True)


def _read_rel_day(m, g, doc, pub):
    if pub is None:
        return None
    day = pub + timedelta(days=g.rel_days[m["rd"].lower()])
    return _Spec(m.start(), m.end(), "day", year=day.year, month=day.month, day=day.day, relative=True)


def _read_season(m, g, doc, pub):
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
    return _Spec(m.start(), m.end(), "year", year=year, relative=relative,
                 fixed=DateValue(f"{year:04d}", "year", low.isoformat(), high.isoformat(), None, relative))


def _read_ago(m, g, doc, pub):
    direction = (m["dir"] or "").lower().split()[0] if m["dir"] else ""
    if pub is None or not (direction or (m["in"] and _future_sentence(doc, m.start()))):
        return None
    n = int(m["n"]) if m["n"].isdigit() else (UNITS.get(m["n"].lower()) or TENS.get(m["n"].lower()))
    if not n:
        return None
    sign = -1 if direction in ("ago", "earlier") else 1
    unit = m["unit"].lower().rstrip("s")
    if unit in ("day", "week"):
        day = pub + timedelta(days=sign * n * (7 if unit == "week" else 1))
        return _Spec(m.start(), m.end(), "day", year=day.year, month=day.month, day=day.day, relative=True)
    moved = cal.add_months(pub, sign * n * (12 if unit == "year" else 1))
    if unit == "year":
        return _Spec(m.start(), m.end(), "year", year=moved.year, relative=True)
    return _Spec(m.start(), m.end(), "month", year=moved.year, month=moved.month, relative=True)


READERS = {
    "iso": _read_iso, "compact": _read_iso, "numeric": _read_numeric, "slash": _read_slash,
    "ymd_name": _read_ymd_name, "mdy": _read_mdy, "dmy": _read_dmy, "month_year": _read_month_year,
    "year_month": _read_month_year, "iso_month": _read_iso_month, "month_iso": _read_month_iso,
    "quarter_q": _read_quarter, "year_q": _read_quarter, "quarter_words": _read_quarter,
    "quarter_of_rel": _read_quarter_rel,
    "rel_year_quarter": _read_quarter_rel, "rel_quarter": _read_quarter_rel, "fiscal": _read_fiscal, "fiscal_rel": _read_fiscal_rel, "year": _read_year,
    "rel_period": _read_rel_period, "rel_month": _read_rel_month, "weekday": _read_weekday,
    "rel_day": _read_rel_day, "season": _read_season, "ago": _read_ago,
}


# --------------------------------------------------------------------------------------------------
# Context checks on spaCy tokens
# --------------------------------------------------------------------------------------------------

def _word_before(text: str, pos: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, pos - 40):pos])
    if not m:
        return ""
    word = m.group(1).lower()
    return word if len(word) == 1 else word.strip("\"'(“‘")


def _token_at(doc: Doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _is_year(m: re.Match, g: _Grammar, doc: Doc) -> bool:
    """A bare four-digit number is a year unless money, a percentage or a count of things."""
    text, start, end = m.string, m.start("y"), m.end("y")
    before = text[max(0, start - 4):start].rstrip()
    if before.endswith(("$", "€", "£", "¥", "#")) or re.search(r"(?i)(usd|eur|us\$)$", before):
        return False
    after = re.match(r"\s*([%\w]+)", text[end:end + 30])
    if after and after.group(1).lower() in g.not_after:
        return False
    if m["mod"]:
        return True
    token = _token_at(doc, start)
    if _word_before(text, start) in g.year_cues or (token is not None and token.ent_type_ == "DATE"):
        return True
    nxt = token.nbor(1) if token is not None and token.i + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ == "NNS":
        return False  # "2029 GPUs"
    return token is None or token.ent_type_ not in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")


def _future_sentence(doc: Doc, char: int) -> bool:
    token = _token_at(doc, char)
    if token is None:
        return False
    return any(t.lower_ in FUTURE_CUES or t.tag_ == "MD" and t.lower_ in ("will", "'ll", "shall")
               for t in token.sent if t.i < token.i)


def _tense(doc: Doc, char: int) -> int:
    """-1 when the verb governing the date is past, +1 when future, 0 when the text does not say."""
    token = _token_at(doc, char)
    if token is None:
        return 0
    seen = 0
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.lower_ in FUTURE_CUES or (t.tag_ == "MD" and t.lower_ in ("will", "'ll", "shall")):
            seen = 1
    head = token
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") and head.lower_ not in FUTURE_CUES:
            aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"will", "'ll", "shall"} or any(c.lower_ == "to" and c.dep_ == "aux" for c in head.children):
                return 1
            if head.tag_ == "VBD" or aux & {"had", "did", "was", "were", "has", "have"}:
                return -1
            if head.tag_ in ("VBZ", "VBP", "VB"):
                return seen
        if head.head is head:
            break
        head = head.head
    return seen


# --------------------------------------------------------------------------------------------------
# From a spec to a value
# --------------------------------------------------------------------------------------------------

def _resolve(spec: _Spec, pub: date | None, g: _Grammar, doc: Doc) -> DateValue | None:
    if spec.fixed is not None:
        return spec.fixed
    relative = spec.relative
    year = spec.year
    if year is None:
        if pub is None:
            return None
        relative = True
        year = _place_year(spec, pub, _tense(doc, spec.start))
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
        low, high = cal.quarter_bounds(year, spec.quarter, g.fiscal_start if spec.fiscal else 1)
        value = f"{year:04d}-Q{spec.quarter}"
    else:
        low, high = cal.year_bounds(year, g.fiscal_start if spec.fiscal else 1)
        value = f"{year:04d}"
    if spec.mod:
        low, high = cal.mod_bounds(low, high, spec.granularity, spec.mod)
    return DateValue(value, spec.granularity, low.isoformat(), high.isoformat(), spec.mod, relative)


def _place_year(spec: _Spec, pub: date, tense: int) -> int | None:
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
