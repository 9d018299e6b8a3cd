"""Date forms beyond plain dates: weeks, halves, the current period, week-bound days, ranges written as one phrase."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract import calendar as cal

PUB = "2026-06-24"  # a Wednesday


# (text, span, value, low, high, relative)
FORMS = [
    # weeks: ISO week value, Monday..Sunday bounds; a week belongs to the period holding its Thursday
    ("Sales in week 31 rose.", "week 31", "2026-W31", "2026-07-27", "2026-08-02", True),
    ("Talks resume the first week of 2027.", "the first week of 2027", "2027-W01", "2027-01-04", "2027-01-10", False),
    ("Talks resumed the first week of 2015.", "the first week of 2015", "2015-W01", "2014-12-29", "2015-01-04", False),
    ("It ends the last week of July.", "the last week of July", "2026-W31", "2026-07-27", "2026-08-02", True),
    ("It ends the first week of Oct. as planned.", "the first week of Oct.", "2026-W40", "2026-09-28", "2026-10-04",
     True),
    ("They meet the last week of next month.", "the last week of next month", "2026-W31", "2026-07-27",
     "2026-08-02", True),
    ("Shipments start the week of July 8.", "the week of July 8", "2026-W28", "2026-07-06", "2026-07-12", True),
    ("Bids close at the end of the week.", "the end of the week", "2026-W26", "2026-06-26", "2026-06-28", True),
    ("It fell earlier last week.", "earlier last week", "2026-W25", "2026-06-15", "2026-06-16", True),
    # halves: the year, bounded by the half
    ("Closing is expected in the second half of 2027.", "the second half of 2027", "2027", "2027-07-01",
     "2027-12-31", False),
    ("Revenue in H1 2026 doubled.", "H1 2026", "2026", "2026-01-01", "2026-06-30", False),
    ("Revenue in 2026-H2 doubled.", "2026-H2", "2026", "2026-07-01", "2026-12-31", False),
    ("Output will rise in the first half of next year.", "the first half of next year", "2027", "2027-01-01",
     "2027-06-30", True),
    # the current period and its parts
    ("Shares have lost 20% since the start of the year.", "the start of the year", "2026", "2026-01-01",
     "2026-03-31", True),
    ("The deal should close by the end of the month.", "the end of the month", "2026-06", "2026-06-21",
     "2026-06-30", True),
    ("Guidance was raised for the year.", "the year", "2026", "2026-01-01", "2026-12-31", True),
    ("A party will be held at the EOY.", "EOY", "2026", "2026-10-01", "2026-12-31", True),
    ("The stock is down 12% year to date.", "year to date", "2026", "2026-01-01", "2026-12-31", True),
    ("They spent more this calendar year.", "this calendar year", "2026", "2026-01-01", "2026-12-31", True),
    ("Sales fell in the first quarter of the year.", "the first quarter of the year", "2026-Q1", "2026-01-01",
     "2026-03-31", True),
    # days fixed by the publication day
    ("The vote is on Tuesday the 14th.", "Tuesday the 14th", "2026-07-14", "2026-07-14", "2026-07-14", True),
    ("Filings are due Fri 31st.", "Fri 31st", "2026-07-31", "2026-07-31", "2026-07-31", True),
    ("The board meets on the 30th.", "the 30th", "2026-06-30", "2026-06-30", "2026-06-30", True),
    ("Payment falls on the 15th day of next month.", "the 15th day of next month", "2026-07-15", "2026-07-15",
     "2026-07-15", True),
    ("It expires May twenty nine, 2027.", "May twenty nine, 2027", "2027-05-29", "2027-05-29", "2027-05-29", False),
    ("Results came two days before today.", "two days before today", "2026-06-22", "2026-06-22", "2026-06-22", True),
]


@pytest.mark.parametrize("text,span,value,low,high,relative", FORMS)
def test_period_forms(dates_of, text, span, value, low, high, relative):
    found = {m.text: m.value for m in dates_of(text)}
    assert span in found, f"no {span!r} in {list(found)}"
    v = found[span]
    assert (v.value, v.low, v.high, v.relative) == (value, low, high, relative)


# (text, [(span, low)]): a range written as one phrase gives its two sides
RANGES = [
    ("The office is shut April 9th through 17th, 2027.", [("April 9th", "2027-04-09"), ("17th, 2027", "2027-04-17")]),
    ("Talks ran between 3 and 12 of June 2026.", [("3", "2026-06-03"), ("12 of June 2026", "2026-06-12")]),
    ("Bids are open 5/1-5/7, 2027.", [("5/1", "2027-05-01"), ("5/7, 2027", "2027-05-07")]),
    # without a year both sides are placed together: December before January
    ("The plant will close 12/20-1/5.", [("12/20", "2026-12-20"), ("1/5", "2027-01-05")]),
    ("It will run between now and November 15th.", [("now", PUB), ("November 15th", "2026-11-15")]),
]


@pytest.mark.parametrize("text,sides", RANGES)
def test_ranges_in_one_phrase(dates_of, text, sides):
    assert [(m.text, m.value.low) for m in dates_of(text)] == sides


NOT_DATES = [
    "At the end of the day, investors shrugged.",       # an idiom, not a part of the day
    "The day the deal closed, shares jumped.",          # another day than the publication's
    "On Monday 15 people were hired.",                  # a count after the weekday
    "It is available 24/7 now.",                        # "now" outside a range
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_period_forms(dates_of, text):
    assert [(m.text, m.value.value) for m in dates_of(text) if m.text.lower() not in ("monday",)] == []


def test_relative_forms_need_a_publication_date(dates_of):
    assert dates_of("Sales in week 31 rose at the end of the week, on Tuesday the 14th.", published=None) == []


def test_past_tense_puts_a_later_part_in_the_previous_period(dates_of):
    got = {m.text: m.value for m in dates_of("The flu season peaked by the end of year.", published="2013-03-22")}
    assert got["the end of year"].value == "2012"


@pytest.mark.parametrize("first,last,n,monday", [
    (date(2015, 1, 1), date(2015, 12, 31), 1, date(2014, 12, 29)),   # Jan 1 2015 is a Thursday
    (date(2019, 1, 1), date(2019, 12, 31), -1, date(2019, 12, 23)),  # 2019-W52, not the week of Dec 31
    (date(2017, 7, 1), date(2017, 7, 31), -1, date(2017, 7, 24)),    # July 31 2017 is a Monday
    (date(2026, 2, 1), date(2026, 2, 28), 5, None),                  # no fifth week
])
def test_nth_week(first, last, n, monday):
    assert cal.nth_week(first, last, n) == monday


@pytest.mark.parametrize("text, shown, mod", [("from early-2027 on", "early-2027", "start"),
                                              ("due by late-2027.", "late-2027", "end")])
def test_a_hyphenated_part_of_a_year(dates_of, text, shown, mod):
    found = dates_of(text)
    assert [(m.text, m.value.mod) for m in found] == [(shown, mod)]


@pytest.mark.parametrize("text, shown", [("The lease will start next April.", "next April"),
                                         ("The deal will end next year.", "next year")])
def test_a_start_or_end_verb_is_no_part_of_the_date(dates_of, text, shown):
    found = dates_of(text)
    assert [(m.text, m.value.mod) for m in found] == [(shown, None)]
