"""The date patterns: regular expressions compiled from the ``[dates]`` vocabularies of one config.

Each named pattern has a reader of the same name (``date_absolute``, ``date_relative``) that turns its
matches into ``DateSpec``s. Patterns run over the raw text: spaCy splits "mid-2029" as one token but
"2019-Q1" as three, and a regex sees both the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .numbers import TENS, UNITS

HYPHEN = "[-\u2010\u2011\u2012\u2013\u2014]"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace; none matches nothing."""
    parts = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    if not parts:
        return "(?!)"
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


_alt = alternation
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# The only characters besides ASCII ones that match an ASCII letter under re.IGNORECASE or lower-case
# to one (checked over all of Unicode): a text holding any of them is scanned with every pattern.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def plain_words(words: Iterable[str]) -> frozenset[str] | None:
    """The lower-cased words, or None unless every one is a single run of ASCII letters."""
    out = frozenset(w.strip().lower() for w in words)
    return out if out and all(w.isascii() and w.isalpha() for w in out) else None


def letter_runs(text: str) -> frozenset[str] | None:
    """The lower-cased runs of letters of ``text``, as re.IGNORECASE sees them; None when that is unsure."""
    if not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text):
        return None
    return frozenset(_LETTER_RUN.findall(text.lower()))


class DateGrammar:
    """The compiled patterns and vocabularies of one ``[dates]`` section."""

    def __init__(self, section: Mapping[str, Any]) -> None:
        self.months = {k.lower(): int(v) for k, v in section.get("months", {}).items()}
        self.weekdays = {k.lower(): int(v) for k, v in section.get("weekdays", {}).items()}
        self.relative = {k.lower(): int(v) for k, v in section.get("relative", {}).items()}
        self.rel_days = {k.lower(): int(v) for k, v in section.get("relative_days", {}).items()}
        self.seasons = {k.lower(): tuple(v) for k, v in section.get("seasons", {}).items()}
        self.quarters = {k.lower(): int(v) for k, v in section.get("quarters", {}).items()}
        # The month fiscal years start in when the text does not say (None: unknown, config 0); a text that
        # states its fiscal calendar gets a copy of the grammar with its own (``date_fiscal.for_text``).
        self.fiscal_start: int | None = int(section.get("fiscal_start_month", 1)) or None
        self.fiscal_stated = False
        self.fiscal_words = {w.lower() for w in section.get("fiscal_words", ("fiscal",))}
        self.future_cues = frozenset(w.lower() for w in section.get("future_cues", ()))
        self.year_ago = {re.sub(r"\s+", " ", w.lower()) for w in section.get("year_ago_words", ())}
        self.quarter_cues = {w.lower() for w in section.get("quarter_cues", ())}
        self.comparison_words = {w.lower() for w in section.get("comparison_words", ())}
        self.year_cues = {w.lower() for w in section.get("year_cues", ())}
        self.not_after = {w.lower() for w in section.get("context", {}).get("not_after", ())}
        self.fraction_units = {w.lower() for w in section.get("fraction_units", ())}
        self.mod_of = {phrase.lower().rstrip("-").strip(): mod for mod, phrases in section.get("mods", {}).items()
                       for phrase in phrases}
        self.later = {w.lower() for w in section.get("later_words", ())}
        self.earlier = {w.lower() for w in section.get("earlier_words", ())}
        self.day_words = self._day_words(section.get("day_words", {}))
        self.week_ordinals = {k.lower(): int(v) for k, v in section.get("week_ordinals", {}).items()}
        self.halves = {k.lower(): int(v) for k, v in section.get("halves", {}).items()}
        self.shorthand = {re.sub(r"\s+", " ", k.lower()): (v[0], v[1] or None)
                          for k, v in section.get("shorthand", {}).items()}
        self.week_of = re.compile(rf"(?i){_alt(section.get('week_of_words', ()))}\s+$")
        period_words = _alt(section.get("period_words", ("day", "week", "month", "year")))
        now_words = _alt(section.get("now_words", ("now",)))
        self.full_months = set(self._full_month_names().values())
        # Ordinal day words only ("the eleventh", "the twenty first"): a cardinal after "the" is a count.
        ordinal_days = _alt(w for w in self.day_words if re.search(r"(?:st|nd|rd|th)$", w))
        fiscal = _alt(section.get("fiscal_words", ("fiscal",)))
        full_months = _alt(self.full_months)
        latest = _alt(section.get("latest_words", ()))
        spoken_year = spoken_year_pattern()

        month = rf"(?P<mon>{_alt(self.months)})\.?"
        wday = rf"(?P<wd>{_alt(self.weekdays)})\.?"
        day = rf"(?P<d>(?:[0-3]?\d)(?:st|nd|rd|th)?|{_alt(self.day_words)})"
        year = r"(?P<y>(?<![\d.,])(?:1[89]\d\d|20\d\d|2100)(?![\d%]|[.,]\d))"
        mod = rf"(?:(?P<mod>(?:the\s+)?(?:very\s+)?{_alt(self.mod_of)})(?:\s*{HYPHEN}\s*|\s+))"
        rel = rf"(?P<rel>{_alt(self.relative)})"
        qord = rf"(?P<qo>{_alt(self.quarters)})"
        dsep = rf"(?:\s*,\s*|\s+|\s*{HYPHEN}\s*|/)"
        ysep = rf"(?:\s*,\s*|\s+|\s*{HYPHEN}\s*|/)(?:(?:of|in)\s+)?"
        b, e = r"(?<![\w$€£¥])", r"(?![\w%])"
        year2 = year.replace("?P<y>", "?P<y2>")
        clause_end = r"(?=\s*(?:[.,;:!?)](?!\d)|$))"
        sep = rf"(?:\s*{HYPHEN}\s*|\s+)"
        span_link = rf"(?:\s*{HYPHEN}\s*|\s+(?:to|through|thru|until|till|and)\s+)"
        ordinal_day = rf"(?:\d\d?(?:st|nd|rd|th)|{ordinal_days})"
        patterns = {
            "iso": rf"{b}(?P<y>(?:19|20)\d\d)(?P<s>[-/])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d){e}",
            "compact": rf"{b}(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d){e}",
            "numeric": rf"{b}(?P<a>[01]?\d)(?P<s>[/-])(?P<c>[0-3]?\d)(?P=s)(?P<y>(?:19|20)\d\d|\d\d){e}",
            "slash": rf"{b}(?P<a>[0-3]?\d)/(?P<c>[0-3]?\d){e}(?!/)",
            "ymd_name": rf"{b}(?P<y>(?:19|20)\d\d)(?P<s>[-/]){month}(?P=s)(?P<d>[0-3]?\d){e}",
            "mdy": rf"{b}(?:{wday},?\s+)?{month}(?:{dsep}|(?=\d))(?:the\s+)?{day}{e}(?:{ysep}{year})?{e}",
            "dmy": rf"{b}(?:{wday},?\s+)?(?:the\s+)?{day}(?:\s+day\s+of\s+|\s+of\s+|{dsep}){month}(?:{ysep}{year})?{e}",
            "month_year": rf"{b}{mod}?{month}{ysep}{year}{e}",
            "year_month": rf"{b}{year}\s+(?P<mon>{full_months}){e}",
            "iso_month": rf"{b}(?P<y>(?:19|20)\d\d)-(?P<m>0?[1-9]|1[0-2]){e}(?!-)",
            "month_iso": rf"{b}(?P<m>0?[1-9]|1[0-2])-(?P<y>(?:19|20)\d\d){e}",
            "quarter_q": rf"{b}(?:{fiscal}\s*)?q(?P<q>[1-4])(?:\s*{HYPHEN}\s*|\s+|\s*')(?:{fiscal}\s*)?{year}{e}",
            "year_q": rf"{b}{year}(?:\s*{HYPHEN}\s*|\s+)q(?P<q>[1-4]){e}",
            "quarter_words": rf"{b}(?:the\s+)?{qord}\s+(?:(?P<fq>{fiscal})\s+)?quarter\s+(?:of|in)\s+"
                             rf"(?:(?P<fy>{fiscal})\s+(?:year\s+)?)?{year}{e}",
            "quarter_of_rel": rf"{b}(?:the\s+)?{qord}\s+quarter\s+of\s+(?:{rel}|the)\s+year{e}",
            "rel_year_quarter": rf"{b}{rel}\s+year's\s+{qord}\s+quarter{e}",
            "rel_quarter": rf"{b}(?:the\s+)?(?:{rel}|(?P<lq>{latest}))(?:\s+(?P<f>{fiscal}))?\s+quarter{e}",
            # A quarter without a year: "third-quarter loss", "the fiscal fourth quarter", "in Q3".
            "quarter_bare": rf"{b}(?:the\s+)?(?:(?P<f>{fiscal})(?:\s+year)?\s+)?(?:{qord}(?:\s*{HYPHEN}\s*|\s+)"
                            rf"(?:(?P<f2>{fiscal})\s+)?quarter|(?:(?P<f3>{fiscal})\s*)?q(?P<q>[1-4])){e}",
            # "fiscal 2028's second quarter", "FY2028 Q2", "FY28 Q2".
            "fiscal_year_q": rf"{b}(?P<f>{fiscal})(?:\s+year)?\s*'?(?P<y>(?:19|20)\d\d|\d\d)(?:'s\s+{qord}\s+quarter|"
                             rf"(?:\s*{HYPHEN}\s*|\s+)q(?P<q>[1-4])){e}",
            "spoken_year": rf"{b}(?P<yr>the\s+year\s+)?{spoken_year}{e}(?!{HYPHEN})",
            "fiscal": rf"{b}{mod}?(?P<f>{fiscal})(?:\s+year)?\s*(?:'|{HYPHEN})?\s*(?P<y>(?:19|20)\d\d|\d\d){e}",
            "fiscal_rel": rf"{b}{rel}\s+(?P<f>{fiscal})\s+year{e}",
            "year": rf"{b}{mod}?{year}{e}",
            "rel_period": rf"{b}{mod}?(?:(?P<lx>{_alt(self.later | self.earlier)})\s+)?{rel}\s+"
                          rf"(?:calendar\s+)?(?P<unit>week|month|year){e}",
            "current_period": rf"{b}(?:{mod}(?:the\s+)?|(?P<the>the)\s+)(?P<unit>{period_words}){e}",
            "shorthand": rf"{b}(?P<sh>{_alt(self.shorthand)})(?:\s+(?:of\s+)?{year})?{e}",
            "half_words": rf"{b}(?:the\s+)?(?P<ho>{_alt(self.halves)})\s+half\s+(?:of\s+|in\s+)?"
                          rf"(?:(?P<f>{fiscal})\s+(?:year\s+)?)?{year}{e}",
            "half_rel": rf"{b}(?:the\s+)?(?P<ho>{_alt(self.halves)})\s+half\s+of\s+(?:{rel}|the)\s+year{e}",
            "half_h": rf"{b}(?:h(?P<h>[12])|(?P<h2>[12])h){sep}?{year}{e}",
            "year_h": rf"{b}{year}{sep}h(?P<h>[12]){e}",
            "week_number": rf"{b}(?:the\s+)?week\s+(?P<wn>0?[1-9]|[1-4]\d|5[0-3])(?:\s*(?:of|,)\s*{year})?{e}(?![.,]\d)",
            "nth_week": rf"{b}(?:the\s+)?(?P<wo>{_alt(self.week_ordinals)})\s+week\s+(?:of|in)\s+"
                        rf"(?:{month}(?:{ysep}{year})?|{year2}){e}",
            "nth_week_rel": rf"{b}(?:the\s+)?(?P<wo>{_alt(self.week_ordinals)})\s+week\s+(?:of|in)\s+"
                            rf"(?:the\s+)?(?:{rel}\s+)?(?P<unit>month|year){e}",
            "weekday_day": rf"{b}{wday},?\s+(?:(?P<the>the)\s+)?(?P<d>{ordinal_day}|\d\d?{clause_end}){e}",
            "day_only": rf"(?<=\bon\s)the\s+(?P<d>{ordinal_day}){e}{clause_end}",
            "day_of_rel_month": rf"{b}(?:the\s+)?{day}\s+(?:day\s+)?of\s+{rel}\s+month{e}",
            "slash_range": rf"{b}(?P<a>[01]?\d)/(?P<c>[0-3]?\d){span_link}(?P<a2>[01]?\d)/(?P<c2>[0-3]?\d)"
                           rf"(?:(?:\s*,\s*|/)(?P<y>(?:19|20)\d\d))?{e}(?!/)",
            "day_range": rf"{b}(?:the\s+)?(?P<d1>[0-3]?\d(?:st|nd|rd|th)?){span_link}(?:the\s+)?{day}"
                         rf"(?:\s+of\s+|\s+){month}(?:{ysep}{year})?{e}",
            "month_day_range": rf"{b}{month}\s+(?P<d1>[0-3]?\d(?:st|nd|rd|th)?){span_link}(?:the\s+)?"
                               rf"(?P<d>[0-3]?\d(?:st|nd|rd|th)?)(?:{ysep}{year})?{e}",
            "now": rf"{b}(?P<now>{now_words}){e}",
            "rel_month": rf"{b}{mod}?(?:{rel}\s+)?(?P<mon>{full_months}|{_alt(self.months)}(?=\s*{HYPHEN}\s*"
                         rf"{_alt(self.months)})){e}",
            "weekday": rf"{b}(?:(?P<rel>{_alt(self.relative)})\s+)?(?:week\s*(?:on\s+|{HYPHEN}\s*)?)?"
                       rf"(?P<wd>{_alt(k for k in self.weekdays if len(k) > 3)})"
                       rf"(?:\s+of\s+(?:the\s+)?(?P<rel2>{_alt(self.relative)})\s+week)?{e}",
            "rel_day": rf"{b}(?P<rd>{_alt(self.rel_days)}){e}",
            "season": rf"{b}{mod}?(?:{rel}\s+)?(?P<sea>{_alt(self.seasons)})(?:\s+(?:of\s+)?{year})?{e}",
            "ago": rf"{b}(?:(?P<in>in)\s+)?(?P<n>\d+|{_alt(list(UNITS) + list(TENS))})\s+"
                   rf"(?P<unit>days?|weeks?|months?|years?)"
                   rf"(?:\s+(?P<dir>ago|from\s+now|(?:from|after|before)\s+today|later|earlier))?{e}",
        }
        self.patterns = {name: re.compile(p, re.IGNORECASE) for name, p in patterns.items()}
        # "whose fiscal year ends June 30", "fiscal year beginning in October": the text's fiscal calendar.
        end_words, begin_words = section.get("fiscal_end_words", ()), section.get("fiscal_begin_words", ())
        self.fiscal_calendar = re.compile(
            rf"{b}{fiscal}(?:\s*{HYPHEN}\s*|\s+)years?(?:\s*,\s*|\s+)(?:(?:which|that)\s+)?"
            rf"(?:(?P<end>{_alt(end_words)})|(?P<beg>{_alt(begin_words)}))\s+(?:(?:on|in|at)\s+)?"
            rf"(?:the\s+(?:end|last\s+day)\s+of\s+)?(?P<mon>{_alt(self.months)})(?![^\W\d_])", re.IGNORECASE)
        # A word every match of a pattern holds as a whole run of letters (its neighbours are white space,
        # punctuation, digits or the text's ends in every such pattern): ``scan_specs`` skips the pattern
        # in a text that has none of them. Only patterns whose required vocabulary is plain ASCII words.
        months, units = set(self.months), {"week", "month", "year"}
        required = {
            **dict.fromkeys(("dmy", "mdy", "month_year", "ymd_name", "month_day_range", "day_range", "rel_month"),
                            months),
            "day_of_rel_month": {"month"},
            "season": set(self.seasons),
            "weekday_day": set(self.weekdays),
            **dict.fromkeys(("fiscal", "fiscal_rel"), section.get("fiscal_words", ("fiscal",))),
            **dict.fromkeys(("quarter_words", "quarter_of_rel", "rel_year_quarter", "rel_quarter"), {"quarter"}),
            "spoken_year": {*SPOKEN_CENTURIES, "thousand"},
            "fiscal_year_q": section.get("fiscal_words", ("fiscal",)),
            # "third-quarter", "in Q3", "fiscalQ3" (a fiscal word glued to the Q is one run of letters).
            "quarter_bare": {"quarter", "q", *(f"{w}q" for w in section.get("fiscal_words", ("fiscal",)))},
            **dict.fromkeys(("nth_week", "nth_week_rel", "week_number"), {"week"}),
            **dict.fromkeys(("half_words", "half_rel"), {"half"}),
            "current_period": section.get("period_words", ("day", "week", "month", "year")),
            "rel_period": units,
            "ago": {*units, "day"} | {f"{u}s" for u in (*units, "day")},
            "now": section.get("now_words", ("now",)),
            "rel_day": set(self.rel_days),
        }
        self.required = {name: words for name, words in ((n, plain_words(w)) for n, w in required.items())
                         if words is not None}

    def _full_month_names(self) -> dict[int, str]:
        """Full names (the longest word for each month) may stand alone; abbreviations need a day or year."""
        return {n: max((k for k, v in self.months.items() if v == n), key=len) for n in set(self.months.values())}

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
        """The day of the month a written day gives ("3rd", "twenty first"), None when not 1..31."""
        text = re.sub(r"\s+", " ", text.lower())
        digits = re.match(r"(\d+)", text)
        value = int(digits.group(1)) if digits else self.day_words.get(text)
        return value if value and 1 <= value <= 31 else None


# First words of a year said in two halves ("nineteen ninety-six", "twenty twenty-six"). From fifteen only:
# "ten fifteen", "eleven thirty", "twelve forty" are mostly times of day.
SPOKEN_CENTURIES = {w: v for w, v in {**UNITS, **TENS}.items() if 15 <= v <= 20}


def spoken_year_pattern() -> str:
    """A year in words: "nineteen ninety-six", "nineteen oh five", "nineteen hundred", "two thousand and five"."""
    units = _alt(w for w, v in UNITS.items() if 1 <= v <= 9 and w not in ("a", "an"))
    teens = _alt(w for w, v in UNITS.items() if v >= 10)
    tens = _alt(TENS)
    link = rf"(?:\s*{HYPHEN}\s*|\s+)"
    below_100 = rf"(?:{tens}(?:{link}{units})?|{teens}|{units})"
    two_digits = rf"(?:{tens}(?:{link}{units})?|{teens}|(?:oh|o){link}{units})"
    return (rf"(?:(?P<hi>{_alt(SPOKEN_CENTURIES)}){link}(?:(?P<lo>{two_digits})|(?P<hun>hundred))"
            rf"|two\s+thousand(?:(?:\s+and)?\s+(?P<lo2>{below_100}))?)")


_GRAMMARS: dict[int, tuple[Any, DateGrammar]] = {}


def grammar_for(section: Mapping[str, Any]) -> DateGrammar:
    """The grammar of a config section, compiled once per section object."""
    cached = _GRAMMARS.get(id(section))
    if cached is None or cached[0] is not section:
        cached = _GRAMMARS[id(section)] = (section, DateGrammar(section))
    return cached[1]
