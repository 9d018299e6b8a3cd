"""Date mentions: absolute dates at their own granularity, and relative ones resolved from publication.

How a phrase becomes a value (the choices SPEC leaves open):

- Granularity is what the text gives, never more: "2029" is a year, "June 2029" a month, "Q3 2026" a
  quarter. A month or day without a year ("In May", "July 1") takes its year from the publication date
  (``relative`` true): the governing verb's tense picks the past or next occurrence, else the nearest.
  Without a publication date such mentions, and every relative one, are dropped, never guessed.
- Modifiers narrow ``low``/``high`` (see ``calendar.YEAR_MOD_MONTHS``): a year's start/mid/end are
  Q1/Apr..Sep/Q4, a month's are days 1-10/11-20/21-end.
- Fiscal periods ("fiscal 2027", "FY27") keep the fiscal label as value at year granularity; bounds follow
  ``[dates] fiscal_start_month`` (1 = calendar year).
- Relative periods, weeks and seasons: see ``date_relative``. Ranges: see ``date_ranges``. Spans hold the
  date and its modifier only, never "through" or "from".

The work is split by job: ``date_grammar`` compiles the patterns from ``[dates]``, ``date_absolute`` and
``date_relative`` read their matches into ``DateSpec``s, ``date_context`` holds the spaCy checks (is this
number a year, which tense governs it), ``date_ranges`` picks readings and completes range sides, and
``date_values`` turns a spec into a ``DateValue``.
"""

from __future__ import annotations

import re

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from ..records import DateValue, Mention
from . import calendar as cal
from . import date_absolute, date_fiscal, date_ranges, date_relative, date_weeks
from .date_context import tense
from .date_grammar import DateGrammar, grammar_for, letter_runs
from .date_ranges import Reading, borrow_years, choose_specs
from .date_values import block_value, resolve_spec
from .date_weeks import widen_to_week

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from . import Context

READERS = {**date_absolute.READERS, **date_relative.READERS, **date_weeks.READERS, **date_ranges.READERS,
           **date_fiscal.READERS}


def find_mentions(doc: Doc, ctx: Context) -> Iterator[Mention]:
    """Date mentions of one document (see the module docstring for the value conventions)."""
    words = letter_runs(ctx.text)
    grammar = date_fiscal.for_text(grammar_for(ctx.config.section("dates")), ctx.text, words)
    published = cal.parse_iso_day(ctx.published)
    specs = list(scan_specs(ctx.text, grammar, doc, published, words))
    report_quarter: DateValue | None = None  # the quarter the text named last
    for spec in borrow_years(choose_specs(specs), ctx.text):
        placed = 0
        if spec.year is None and spec.fixed is None and published:
            placed = tense(doc, spec.start, grammar.future_cues)
        value = resolve_spec(spec, published, grammar.fiscal_start, placed)
        if value is not None and not is_title(ctx.text, spec.start, spec.end, grammar):
            if spec.back and report_quarter is not None:
                value = year_before(report_quarter, spec.back)
            elif value.granularity == "quarter":
                report_quarter = value
            spec, value = widen_to_week(spec, value, grammar, ctx.text)
            yield Mention("date", ctx.text[spec.start:spec.end], spec.start, spec.end, value)


def year_before(quarter: DateValue, years: int) -> DateValue:
    """The same quarter ``years`` earlier ("the year-ago quarter" of a report on 2026-Q2 is 2025-Q2)."""
    shift = {"mid": 1, "end": 2}.get(quarter.mod or "", 0)  # low is the modifier's month, not the quarter's
    first = cal.add_months(date.fromisoformat(quarter.low).replace(day=1), -shift - 12 * years)
    return block_value(first)


# A capitalised relative period inside a sentence is a title ("appeared on This Week"); a month that opens
# "the March for ..." / "the March of ..." before a capitalised word is an event's name.
_TITLE = re.compile(r"(?:This|Next|Last) (?:Week|Month|Year)")
_EVENT_AFTER = re.compile(r"\s+(?:for|of|on)\s+[A-Z]")


def is_title(text: str, start: int, end: int, g: DateGrammar) -> bool:
    """True when the date words at ``start``..``end`` are part of a name, not a date."""
    before = text[max(0, start - 3):start]
    if _TITLE.fullmatch(text[start:end]):
        return bool(before.strip()) and before.rstrip()[-1:] not in ".!?:\"“'(" and "\n" not in before
    word = text[start:end]
    return word.lower() in g.months and word[:1].isupper() and before.endswith("he ") \
        and _EVENT_AFTER.match(text, end) is not None and not _next_is_date_word(text, end, g)


def _next_is_date_word(text: str, end: int, g: DateGrammar) -> bool:
    m = re.match(r"\s+\w+\s+(\w+)", text[end:end + 40])
    return m is not None and (m[1].lower() in g.months or m[1].lower() in g.weekdays)


def scan_specs(text: str, g: DateGrammar, doc: Doc, published: date | None,
               words: frozenset[str] | None) -> Iterator[Reading]:
    """Every reading of every pattern over the text (overlapping; ``choose_specs`` picks among them);
    ``words`` are the text's ``letter_runs``."""
    for name, pattern in g.patterns.items():
        required = g.required.get(name)
        if required is not None and words is not None and required.isdisjoint(words):
            continue  # no match can hold none of its required words (see DateGrammar.required)
        reader = READERS[name]
        for m in pattern.finditer(text):
            try:
                spec = reader(m, g, doc, published)
            except (ValueError, KeyError, OverflowError):
                continue
            if isinstance(spec, tuple):
                yield spec
            elif spec is not None:
                yield (spec,)
