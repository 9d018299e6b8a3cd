"""Date mentions: values at their own granularity, relative dates from publication, exact spans."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import Context
from pipeline.extract import calendar as cal
from pipeline.extract.dates import find_mentions

PUB = "2026-06-22"  # a Monday


def _one(mentions: list, text: str):
    found = [m for m in mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[0].value.as_dict()


ABSOLUTE = [
    ("The deal runs through 2029.", "2029", "2029", "year", "2029-01-01", "2029-12-31", None),
    ("It runs through June 2029.", "June 2029", "2029-06", "month", "2029-06-01", "2029-06-30", None),
    ("Payments start June 1 2029.", "June 1 2029", "2029-06-01", "day", "2029-06-01", "2029-06-01", None),
    ("Payments start June 1, 2029, they said.", "June 1, 2029", "2029-06-01", "day", "2029-06-01", "2029-06-01", None),
    ("Payments start 1 June 2029.", "1 June 2029", "2029-06-01", "day", "2029-06-01", "2029-06-01", None),
    ("28 May 2026•Business and Economy", "28 May 2026", "2026-05-28", "day", "2026-05-28", "2026-05-28", None),
    ("Revenue in Q3 2026 rose.", "Q3 2026", "2026-Q3", "quarter", "2026-07-01", "2026-09-30", None),
    ("In the third quarter of 2026 it rose.", "the third quarter of 2026", "2026-Q3", "quarter", "2026-07-01",
     "2026-09-30", None),
    ("It extends to around mid-2029.", "mid-2029", "2029", "year", "2029-04-01", "2029-09-30", "mid"),
    ("It extends to around mid\u20112029.", "mid\u20112029", "2029", "year", "2029-04-01", "2029-09-30", "mid"),
    ("Launch is planned for early 2027.", "early 2027", "2027", "year", "2027-01-01", "2027-03-31", "start"),
    ("It runs through the end of 2029.", "the end of 2029", "2029", "year", "2029-10-01", "2029-12-31", "end"),
    ("It runs through late 2029.", "late 2029", "2029", "year", "2029-10-01", "2029-12-31", "end"),
    # Fiscal calendar unknown: every fiscal year that ends in 2027 (see date_fiscal).
    ("Revenue in fiscal 2027 will grow.", "fiscal 2027", "2027", "year", "2026-02-01", "2027-12-31", None),
    ("As of May 2026, the site ran.", "May 2026", "2026-05", "month", "2026-05-01", "2026-05-31", None),
    ("Filed on 2026-07-01.", "2026-07-01", "2026-07-01", "day", "2026-07-01", "2026-07-01", None),
    ("Filed on 7/1/2026.", "7/1/2026", "2026-07-01", "day", "2026-07-01", "2026-07-01", None),
    ("Sold on Dec. 31, 1994.", "Dec. 31, 1994", "1994-12-31", "day", "1994-12-31", "1994-12-31", None),
]


@pytest.mark.parametrize("text,span,value,granularity,low,high,mod", ABSOLUTE)
def test_absolute_dates(dates_of, text, span, value, granularity, low, high, mod):
    got = _one(dates_of(text), span)
    assert got == {"value": value, "granularity": granularity, "low": low, "high": high, "mod": mod,
                   "relative": False}


def test_end_of_2029_is_the_spec_shape(dates_of):
    got = _one(dates_of("through the end of 2029"), "the end of 2029")
    assert {k: got[k] for k in ("value", "granularity", "mod", "low", "high")} == {
        "value": "2029", "granularity": "year", "mod": "end", "low": "2029-10-01", "high": "2029-12-31"}


RELATIVE = [
    ("The partnership is slated to begin next month.", "next month", "2026-07", "2026-07-01", "2026-07-31"),
    ("SpaceX announced last week that it bought Cursor.", "last week", "2026-W25", "2026-06-15", "2026-06-21"),
    ("The stock fell 17% on Monday.", "Monday", "2026-06-22", "2026-06-22", "2026-06-22"),
    ("It was announced on Friday.", "Friday", "2026-06-19", "2026-06-19", "2026-06-19"),
    ("They will meet next Friday.", "next Friday", "2026-07-03", "2026-07-03", "2026-07-03"),
    ("Starting later this year, it will pay.", "later this year", "2026", "2026-06-23", "2026-12-31"),
    ("SpaceX, which went public earlier this month, rose.", "earlier this month", "2026-06", "2026-06-01",
     "2026-06-21"),
    ("The chips arrive this fall.", "this fall", "2026", "2026-09-01", "2026-11-30"),
    ("Sales doubled last year.", "last year", "2025", "2025-01-01", "2025-12-31"),
    ("The debut early last year of DeepSeek.", "early last year", "2025", "2025-01-01", "2025-03-31"),
    ("In May, filings and reporting showed the site.", "May", "2026-05", "2026-05-01", "2026-05-31"),
    ("He told CNN in August that he left.", "August", "2025-08", "2025-08-01", "2025-08-31"),
    ("The program will run through August.", "August", "2026-08", "2026-08-01", "2026-08-31"),
    ("Payments begin July 1, with the first due.", "July 1", "2026-07-01", "2026-07-01", "2026-07-01"),
    ("It happened two years ago.", "two years ago", "2024", "2024-01-01", "2024-12-31"),
    ("It happened yesterday.", "yesterday", "2026-06-21", "2026-06-21", "2026-06-21"),
    ("Sales for last quarter fell.", "last quarter", "2026-Q1", "2026-01-01", "2026-03-31"),
]


@pytest.mark.parametrize("text,span,value,low,high", RELATIVE)
def test_relative_dates(dates_of, text, span, value, low, high):
    got = _one(dates_of(text), span)
    assert (got["value"], got["low"], got["high"], got["relative"]) == (value, low, high, True)


@pytest.mark.parametrize("text", ["It starts next month.", "In May, filings showed it.", "Shares fell on Monday.",
                                  "Later this year it will pay.", "It happened last week."])
def test_relative_dates_need_a_publication_date(dates_of, text):
    assert dates_of(text, published=None) == []


def test_range_gives_two_mentions_without_the_connectives(dates_of):
    mentions = dates_of("starting in July 2026 and running from July 2026 to June 2029")
    assert [m.text for m in mentions] == ["July 2026", "July 2026", "June 2029"]


def test_range_side_borrows_the_other_sides_year(dates_of):
    got = [m.value.value for m in dates_of("It ran Nov 18 - Dec 19, 2015 and from May to Oct 2020.", None)]
    assert got == ["2015-11-18", "2015-12-19", "2020-05", "2020-10"]


def test_beginning_through_is_not_in_the_span(dates_of):
    mentions = dates_of("pay $150 million a month beginning July 1, 2026 through 2029")
    assert [(m.text, m.value.value) for m in mentions] == [("July 1, 2026", "2026-07-01"), ("2029", "2029")]


@pytest.mark.parametrize("text", ["It paid $2029 for it.", "Shares rose 12.82% to 2029 points.",
                                  "They bought 2029 GPUs.", "It may rise.", "A 24/7 operation.",
                                  "It costs US$ 2026.", "The deal is worth $6.3 billion."])
def test_numbers_that_are_not_dates(dates_of, text):
    assert dates_of(text) == []


@pytest.mark.parametrize("text,value", [("founded in 2024", "2024"), ("the 2009-2010 pandemic", "2009"),
                                        ("Since 1957, it ran.", "1957")])
def test_bare_years_in_date_context(dates_of, text, value):
    assert dates_of(text)[0].value.value == value


def test_fiscal_year_follows_the_configured_start_month(config, nlp):
    from pipeline.config import load_config

    shifted = load_config(base=config.origin[0], overrides={"dates": {"fiscal_start_month": 10}})
    text = "Revenue in fiscal 2027 grew."
    (m,) = find_mentions(nlp(text), Context(text=text, published=None, config=shifted))
    assert (m.value.value, m.value.low, m.value.high) == ("2027", "2026-10-01", "2027-09-30")


def test_calendar_helpers():
    from datetime import date

    assert cal.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert cal.quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert cal.quarter_bounds(2027, 1, start_month=10) == (date(2026, 10, 1), date(2026, 12, 31))
    assert cal.iso_week(date(2026, 6, 22)) == "2026-W26"


# ---------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FILLER = st.sampled_from(["The deal runs through", "Payments begin", "It was signed in", "Analysts expect"])
TAIL = st.sampled_from([".", ", the company said.", " and beyond.", "; more later."])


@st.composite
def date_phrases(draw):
    year = draw(st.integers(1950, 2090))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, cal.month_end(year, month).day))
    form = draw(st.sampled_from(["y", "my", "mdy", "dmy", "q", "mod"]))
    if form == "y":
        return str(year), str(year)
    if form == "my":
        return f"{MONTHS[month - 1]} {year}", f"{year:04d}-{month:02d}"
    if form == "mdy":
        return f"{MONTHS[month - 1]} {day}, {year}", f"{year:04d}-{month:02d}-{day:02d}"
    if form == "dmy":
        return f"{day} {MONTHS[month - 1]} {year}", f"{year:04d}-{month:02d}-{day:02d}"
    if form == "q":
        q = (month - 1) // 3 + 1
        return f"Q{q} {year}", f"{year:04d}-Q{q}"
    return f"the end of {year}", str(year)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=FILLER, phrase=date_phrases(), after=TAIL)
def test_generated_phrases_round_trip(dates_of, before, phrase, after):
    written, value = phrase
    text = f"{before} {written}{after}"
    mentions = dates_of(text, published=None)
    assert [(m.text, m.start, m.value.value) for m in mentions] == [(written, len(before) + 1, value)]
    v = mentions[0].value
    assert v.low <= v.high and v.low.startswith(value[:4])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80), published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_never_raises_on_arbitrary_text(dates_of, text, published):
    dates_of(text, published=published)
