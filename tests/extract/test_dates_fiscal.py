"""Dates, issue 11: quarters without a year, the text's fiscal calendar, fiscal periods, year-end, comparisons."""

from datetime import date

import pytest

from pipeline.config import load_config
from pipeline.extract import Context
from pipeline.extract.date_fiscal import block_number, block_of, place_quarter
from pipeline.extract.date_grammar import grammar_for, letter_runs
from pipeline.extract.dates import find_mentions

PUB = "2026-10-28"  # a Wednesday, in earnings season after the calendar third quarter


def _found(mentions) -> dict:
    return {m.text: (m.value.value, m.value.granularity, m.value.low, m.value.high) for m in mentions}


# Quarters without a year, in calendar quarters (no fiscal calendar stated): tense places them.
@pytest.mark.parametrize("text,span,value,low,high", [
    ("Acme posted a third-quarter loss of $5 million.", "third-quarter", "2026-Q3", "2026-07-01", "2026-09-30"),
    ("Acme expects fourth-quarter revenue of $2 billion.", "fourth-quarter", "2026-Q4", "2026-10-01",
     "2026-12-31"),
    ("Acme expects third-quarter revenue to rise.", "third-quarter", "2027-Q3", "2027-07-01", "2027-09-30"),
    ("Acme said sales fell in the second quarter.", "the second quarter", "2026-Q2", "2026-04-01", "2026-06-30"),
    ("Deliveries rose 4% in Q3 at Acme.", "Q3", "2026-Q3", "2026-07-01", "2026-09-30"),
    ("Revenue in the latest quarter was $3 billion.", "the latest quarter", "2026-Q3", "2026-07-01",
     "2026-09-30"),
    ("Margins in the most recent quarter narrowed.", "the most recent quarter", "2026-Q3", "2026-07-01",
     "2026-09-30"),
    ("Sales in the year-ago quarter were $3 billion.", "the year-ago quarter", "2025-Q3", "2025-07-01",
     "2025-09-30"),
    ("The company will report next quarter.", "next quarter", "2027-Q1", "2027-01-01", "2027-03-31"),
])
def test_quarters_without_a_year(dates_of, text, span, value, low, high):
    found = _found(dates_of(text))
    assert found.get(span) == (value, "quarter", low, high), found


@pytest.mark.parametrize("text", [
    "The new Audi Q3 costs $40,000.",  # a model name, not a quarter
    "Acme posted a third-quarter loss of $5 million.",
])
def test_quarters_need_a_publication_day_or_a_cue(dates_of, text):
    if "Audi" in text:
        assert dates_of(text) == []
    else:
        assert dates_of(text, published=None) == []  # never guessed without a publication day


# The fiscal calendar the text states moves fiscal quarters onto calendar quarters.
@pytest.mark.parametrize("text,span,value,low,high", [
    ("Acme, whose fiscal year ends June 30, expects revenue of $9 billion in the second quarter of fiscal 2028.",
     "the second quarter of fiscal 2028", "2027-Q4", "2027-10-01", "2027-12-31"),
    ("Acme's fiscal year ends Sept. 30. Revenue in fiscal 2027 will reach $5 billion.",
     "fiscal 2027", "2027", "2026-10-01", "2027-09-30"),
    ("Acme's fiscal year begins in February. Sales in FY2027 Q1 rose 3%.",
     "FY2027 Q1", "2026-Q1", "2026-02-01", "2026-04-30"),
    ("Acme's fiscal year, which ends June 30, closed with a fiscal third-quarter profit of $4 million.",
     "fiscal third-quarter", "2026-Q1", "2026-01-01", "2026-03-31"),
    ("Under a fiscal year ending in June, Acme posted a third-quarter loss of $2 million.",
     "third-quarter", "2026-Q1", "2026-01-01", "2026-03-31"),
    ("Acme's fiscal year ends June 30. It will report fiscal 2027's second quarter soon, with $1 billion.",
     "fiscal 2027's second quarter", "2026-Q4", "2026-10-01", "2026-12-31"),
])
def test_the_stated_fiscal_calendar(dates_of, text, span, value, low, high):
    found = _found(dates_of(text))
    assert found.get(span)[0] == value and found.get(span)[2:] == (low, high), found


# Without a stated calendar a fiscal period keeps only its fiscal year: the label, bounds covering every
# fiscal year that ends in it.
@pytest.mark.parametrize("text,span,value,granularity,low,high", [
    ("Revenue in the second quarter of fiscal 2028 will rise 5%.", "the second quarter of fiscal 2028", "2028",
     "year", "2027-02-01", "2028-12-31"),
    ("Sales in FY28 Q2 rose 5%.", "FY28 Q2", "2028", "year", "2027-02-01", "2028-12-31"),
    ("Sales in fiscal 2028 will rise 5%.", "fiscal 2028", "2028", "year", "2027-02-01", "2028-12-31"),
    ("Revenue for the third quarter of 2026 rose 5%.", "the third quarter of 2026", "2026-Q3", "quarter",
     "2026-07-01", "2026-09-30"),
])
def test_fiscal_periods_without_a_calendar(dates_of, text, span, value, granularity, low, high):
    found = _found(dates_of(text))
    assert found.get(span) == (value, granularity, low, high), found


def test_a_fiscal_quarter_without_year_or_calendar_is_dropped(dates_of):
    assert "the fiscal third quarter" not in _found(dates_of("Acme lost $3 million in the fiscal third quarter."))


def test_the_configured_fiscal_calendar_applies_when_the_text_is_silent(config, nlp):
    shifted = load_config(base=config.origin[0], overrides={"dates": {"fiscal_start_month": 10}})
    text = "Revenue in the first quarter of fiscal 2027 rose 5%."
    found = _found(find_mentions(nlp(text), Context(text=text, published=PUB, config=shifted)))
    assert found["the first quarter of fiscal 2027"] == ("2026-Q4", "quarter", "2026-10-01", "2026-12-31")


# "a year earlier" after a quarter is that quarter a year before; elsewhere it stays the year before.
@pytest.mark.parametrize("text,span,value", [
    ("Acme's third-quarter revenue rose 8% from a year earlier, to $2 billion.", "a year earlier", "2025-Q3"),
    ("Revenue in the latest quarter was $3 billion. That was up 8% from a year ago.", "a year ago", "2025-Q3"),
    ("Acme's revenue rose 8% from a year earlier, to $2 billion.", "a year earlier", "2025"),
    ("Acme posted a third-quarter loss. It was founded two years earlier, in Ohio, with $5.", "two years earlier",
     "2024"),
])
def test_a_year_earlier_in_a_quarterly_report(dates_of, text, span, value):
    found = _found(dates_of(text))
    assert found.get(span, (None,))[0] == value, found


@pytest.mark.parametrize("text,span,value,low,high,mod", [
    ("Acme expects to close the deal by year-end.", "year-end", "2026", "2026-10-01", "2026-12-31", "end"),
    ("Acme had $3 billion in cash at year-end 2025.", "year-end 2025", "2025", "2025-10-01", "2025-12-31", "end"),
    ("Acme will pay $2 million by quarter-end.", "quarter-end", "2026-Q4", "2026-12-01", "2026-12-31", "end"),
])
def test_year_end_and_quarter_end(dates_of, text, span, value, low, high, mod):
    m = next(m for m in dates_of(text) if m.text == span)
    assert (m.value.value, m.value.low, m.value.high, m.value.mod) == (value, low, high, mod)


def test_fiscal_year_end_is_not_the_calendar_year_end(dates_of):
    assert "year-end" not in _found(dates_of("Acme's fiscal year-end moved to June 30."))


@pytest.mark.parametrize("pub,number,when,first", [
    (date(2026, 10, 28), 3, -1, date(2026, 7, 1)),
    (date(2026, 10, 28), 3, 1, date(2027, 7, 1)),
    (date(2026, 10, 28), 4, 0, date(2026, 10, 1)),
    (date(2026, 10, 28), 1, 0, date(2027, 1, 1)),  # nearer than the one that ended ten months ago
])
def test_place_quarter(pub, number, when, first):
    assert place_quarter(number, 1, pub, when) == first


@pytest.mark.parametrize("day,start,first,number", [
    (date(2026, 5, 17), 1, date(2026, 4, 1), 2),
    (date(2026, 5, 17), 7, date(2026, 4, 1), 4),
    (date(2026, 5, 17), 2, date(2026, 5, 1), 2),
    (date(2026, 1, 5), 2, date(2025, 11, 1), 4),
])
def test_blocks_of_fiscal_quarters(day, start, first, number):
    assert block_of(day, start) == first
    assert block_number(first, start) == number


@pytest.mark.parametrize("text", [
    "Sales in fiscalQ3 rose; FY28 Q2 and fiscal 2028's second quarter too.",
    "In Q4, by quarter-end and at year-end 2025, in nineteen ninety-six and two thousand and five.",
    "The third-quarter loss, the latest quarter and the year-ago quarter.",
])
def test_the_word_gate_keeps_the_new_patterns(text):
    grammar = grammar_for(load_config().section("dates"))
    words = letter_runs(text)
    for name in ("quarter_bare", "fiscal_year_q", "spoken_year", "rel_quarter", "shorthand"):
        required = grammar.required.get(name)
        if required is not None and required.isdisjoint(words):
            assert grammar.patterns[name].search(text) is None, name
