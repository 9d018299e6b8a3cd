"""Count finder: items, models, hedges, written and vague numbers; bare numbers are not counts."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import Context
from pipeline.extract import counts


def find(nlp, config, text):
    return list(counts.find_mentions(nlp(text), Context(text=text, published=None, config=config)))


CASES = [
    ("Google will supply one million TPUs.", "one million TPUs", {"amount": 1e6, "item": "TPU"}),
    ("They bought two GPUs.", "two GPUs", {"amount": 2, "item": "GPU"}),
    ("They bought a dozen H100s.", "a dozen H100s", {"amount": 12, "item": "GPU", "model": "H100"}),
    ("It needs hundreds of thousands of GPUs.", "hundreds of thousands of GPUs",
     {"amount": 1e5, "low": 1e5, "high": 1e6, "hedge": "about", "item": "GPU"}),
    ("The site has more than 220,000 Nvidia GPUs.", "more than 220,000 Nvidia GPUs",
     {"amount": 220000, "hedge": "more than", "item": "GPU", "model": None}),
    ("It holds around 30,000 units of the GB200 AI accelerators.",
     "around 30,000 units of the GB200 AI accelerators",
     {"amount": 30000, "hedge": "about", "item": "chip", "model": "GB200"}),
    ("Access to 110,000 NVIDIA GPUs plus storage.", "110,000 NVIDIA GPUs", {"amount": 110000, "item": "GPU"}),
    ("It runs 100,000 GB300 GPUs.", "100,000 GB300 GPUs", {"model": "GB300", "item": "GPU"}),
    ("It ordered 5,000 servers.", "5,000 servers", {"item": "server"}),
    ("It ordered 1,000 TPU v5p chips.", "1,000 TPU v5p chips", {"item": "chip", "model": "TPU v5p"}),
    ("Nearly 50,000 chips shipped.", "Nearly 50,000 chips", {"hedge": "nearly", "low": 45000, "high": 50000}),
    ("The company bought 10k GPUs.", "10k GPUs", {"amount": 10000}),
    ("The company bought half a dozen GPUs.", "half a dozen GPUs", {"amount": 6}),
    ("The company bought 3 million and a half GPUs.", "3 million and a half GPUs", {"amount": 3.5e6}),
    ("The company bought two thirds of a million GPUs.", "two thirds of a million GPUs",
     {"amount": pytest.approx(666666.666667)}),
]


@pytest.mark.parametrize("text,span,expected", CASES)
def test_count_values_and_spans(nlp, config, text, span, expected):
    found = find(nlp, config, text)
    assert [m.text for m in found] == [span]
    value = found[0].value.as_dict()
    assert text[found[0].start:found[0].end] == span
    for key, want in expected.items():
        assert value[key] == want, key


@pytest.mark.parametrize("text", [
    "The deal runs for 42 months.", "It was founded in 2024.", "Two executives left.", "It has 3 sites.",
    "He paid $5 million.", "",
])
def test_bare_numbers_are_not_counts(nlp, config, text):
    assert find(nlp, config, text) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount=st.integers(min_value=1, max_value=10_000_000),
       noun=st.sampled_from([("GPUs", "GPU"), ("chips", "chip"), ("TPUs", "TPU"), ("Nvidia H100 GPUs", "GPU")]))
def test_generated_counts(nlp, config, amount, noun):
    phrase = f"{amount:,} {noun[0]}"
    text = f"The cluster will hold {phrase} by next year."
    found = find(nlp, config, text)
    assert [m.text for m in found] == [phrase]
    assert found[0].value.amount == amount
    assert found[0].value.item == noun[1]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_never_raises_on_unicode(nlp, config, text):
    for m in find(nlp, config, text):
        assert text[m.start:m.end] == m.text


def test_a_numeral_of_a_name_is_not_a_count(nlp, config):
    assert not find(nlp, config, "SpaceX will start renting out Colossus 2 GPUs to the lab.")
