"""Dates, issue 11: tense places a weekday or a day without a year; names that hold date words are no dates."""

import pytest

PUB = "2024-05-15"  # a Wednesday


@pytest.mark.parametrize("text,span,value", [
    ("Trading will resume Monday.", "Monday", "2024-05-20"),
    ("Trading resumed Monday.", "Monday", "2024-05-13"),
    ("The board will vote Wednesday.", "Wednesday", "2024-05-15"),
    ("The dividend is payable Dec. 7.", "Dec. 7", "2024-12-07"),
    ("The dividend was paid Dec. 7.", "Dec. 7", "2023-12-07"),
    ("The board met last week.", "last week", "2024-W19"),
])
def test_tense_places_the_date(dates_of, text, span, value):
    found = {m.text: m.value.value for m in dates_of(text)}
    assert found.get(span) == value, found


@pytest.mark.parametrize("text", [
    "Thousands joined the March for Life downtown.",
    "The March of Dimes raised funds.",
    "She appeared on This Week with the host.",
    "The march ended at noon.",
])
def test_names_are_no_dates(dates_of, text):
    assert dates_of(text) == []


@pytest.mark.parametrize("text,span", [
    ("This week the board met.", "This week"),
    ("The deal closed in March for Acme.", "March"),
    ("Sales in the March to June period rose.", "March"),
])
def test_dates_beside_such_names_stay(dates_of, text, span):
    assert span in [m.text for m in dates_of(text)]
