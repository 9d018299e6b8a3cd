"""Quantity finder: figures with physical units from config."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import Context
from pipeline.extract import quantities


def find(nlp, config, text):
    return list(quantities.find_mentions(nlp(text), Context(text=text, published=None, config=config)))


CASES = [
    ("It will buy roughly 300 megawatts of capacity.", "300 megawatts", 300, "MW"),
    ("A 1.5GW campus.", "1.5GW", 1.5, "GW"),
    ("A 300MW site.", "300MW", 300, "MW"),
    ("The site draws 300MW.", "300MW", 300, "MW"),
    ("A 300-megawatt site.", "300-megawatt", 300, "MW"),
    ("A facility extending over one million square feet in Memphis.", "one million square feet", 1e6, "sq ft"),
    ("An office of 20 sq. ft. only.", "20 sq. ft.", 20, "sq ft"),
    ("It sits on 5 acres.", "5 acres", 5, "acre"),
    ("Two gigawatts of power.", "Two gigawatts", 2, "GW"),
]


@pytest.mark.parametrize("text,span,amount,unit", CASES)
def test_quantities(nlp, config, text, span, amount, unit):
    found = find(nlp, config, text)
    assert [m.text for m in found] == [span]
    assert text[found[0].start:found[0].end] == span
    assert found[0].value.amount == amount
    assert found[0].value.unit == unit


@pytest.mark.parametrize("text", ["It has 220,000 GPUs.", "It costs $300 million.", "Megawatts matter."])
def test_no_quantity(nlp, config, text):
    assert find(nlp, config, text) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_never_raises_on_unicode(nlp, config, text):
    for m in find(nlp, config, text):
        assert text[m.start:m.end] == m.text
