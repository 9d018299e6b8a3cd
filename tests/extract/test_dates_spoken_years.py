"""Dates, issue 11: years said in words, and the future cues read from config."""

import pytest

from pipeline.config import load_config
from pipeline.extract import Context
from pipeline.extract.dates import find_mentions

PUB = "2026-03-11"


@pytest.mark.parametrize("text,span,year", [
    ("The mill opened in nineteen ninety-six.", "nineteen ninety-six", "1996"),
    ("The mill opened in nineteen ninety six.", "nineteen ninety six", "1996"),
    ("By the year two thousand the mill had closed.", "the year two thousand", "2000"),
    ("The firm listed in two thousand and five.", "two thousand and five", "2005"),
    ("The firm listed in two thousand five.", "two thousand five", "2005"),
    ("It has run since nineteen oh eight.", "nineteen oh eight", "1908"),
    ("A plan for twenty thirty was drafted.", "twenty thirty", "2030"),
    ("The law dates from nineteen hundred.", "nineteen hundred", "1900"),
    ("Rates last peaked in twenty twenty-three.", "twenty twenty-three", "2023"),
])
def test_spoken_years(dates_of, text, span, year):
    found = {m.text: (m.value.value, m.value.granularity, m.value.relative) for m in dates_of(text)}
    assert found.get(span) == (year, "year", False), found


@pytest.mark.parametrize("text", [
    "Two thousand people marched downtown.",
    "The plant employs two thousand workers.",
    "He counted nineteen ninety-dollar tickets.",
    "Acme hired two thousand and five hundred staff.",
    "In two thousand homes the power failed.",
    "The meeting ran from ten fifteen to eleven thirty.",
])
def test_spoken_numbers_that_are_no_years(dates_of, text):
    assert [m.text for m in dates_of(text)] == []


def test_future_cues_come_from_config(config, nlp):
    text = "The dividend goes out Dec. 7."
    none = load_config(base=config.origin[0], overrides={"dates": {"future_cues": []}})
    goes = load_config(base=config.origin[0], overrides={"dates": {"future_cues": ["goes"]}})

    def value(cfg):
        return next(m.value.value for m in find_mentions(nlp(text), Context(text=text, published=PUB, config=cfg)))

    assert value(none) == "2025-12-07"  # the nearest Dec. 7
    assert value(goes) == "2026-12-07"  # forward
