"""Percent finder: values, hedges, direction words and spans."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import Context
from pipeline.extract import percents


def find(nlp, config, text):
    return list(percents.find_mentions(nlp(text), Context(text=text, published=None, config=config)))


CASES = [
    ("SpaceX stock was down 12.82% at $161.28.", "12.82%", {"amount": 12.82, "direction": "down", "hedge": "exact"}),
    ("The price was down nearly 17% before the close.", "nearly 17%",
     {"amount": 17, "hedge": "nearly", "direction": "down", "high": 17}),
    ("xAI consumes just 11 percent of the total.", "11 percent", {"amount": 11, "direction": None}),
    ("A drop of up to 16% in three days.", "up to 16%", {"hedge": "up to", "direction": "down", "low": 0}),
    ("Shares rose 4.8% on Monday.", "4.8%", {"direction": "up"}),
    ("Shares jumped 20 per cent.", "20 per cent", {"amount": 20, "direction": "up"}),
    ("Shares tumbled 9%.", "9%", {"direction": "down"}),
    ("It posted a 5% gain.", "5%", {"direction": "up"}),
    ("Revenue fell, while margins grew 5%.", "5%", {"direction": "up"}),
    ("About 30% of the capacity.", "About 30%", {"hedge": "about", "low": 28.5, "high": 31.5}),
    ("More than 40% of users.", "More than 40%", {"hedge": "more than", "high": None}),
    ("twenty percent of staff", "twenty percent", {"amount": 20}),
    ("per cent of 210", "per cent of 210", {"amount": 210}),
    ("just need minus five percent", "minus five percent", {"amount": -5}),
]


@pytest.mark.parametrize("text,span,expected", CASES)
def test_percent_values_and_spans(nlp, config, text, span, expected):
    found = find(nlp, config, text)
    assert [m.text for m in found] == [span]
    m = found[0]
    assert text[m.start:m.end] == m.text
    value = m.value.as_dict()
    for key, want in expected.items():
        assert value[key] == (pytest.approx(want) if isinstance(want, float) else want), key


@pytest.mark.parametrize("text", [
    "You can go to https://www.test.com/search?q=30%25%2020%",
    "It pays $150 million per month.", "The percentage is unknown.", "",
])
def test_no_percent(nlp, config, text):
    assert find(nlp, config, text) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount=st.decimals(min_value=0, max_value=999, places=2), word=st.sampled_from(["%", " percent"]),
       verb=st.sampled_from([("fell", "down"), ("rose", "up"), ("was", None)]))
def test_generated_percents(nlp, config, amount, word, verb):
    phrase = f"{amount}{word}"
    text = f"Shares {verb[0]} {phrase} on Friday."
    found = find(nlp, config, text)
    assert [m.text for m in found] == [phrase]
    assert found[0].value.amount == pytest.approx(float(amount))
    assert found[0].value.direction == verb[1]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_never_raises_on_unicode(nlp, config, text):
    for m in find(nlp, config, text):
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text, shown, amount", [("Shares fell 3pct.", "3pct", 3.0), ("It rose 4.5pc.", "4.5pc", 4.5)])
def test_a_percent_word_glued_to_its_figure(nlp, config, text, shown, amount):
    found = find(nlp, config, text)
    assert [(m.text, m.value.amount) for m in found] == [(shown, amount)]
