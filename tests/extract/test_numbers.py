"""Number reading: strings (parse_digits/parse_number), token phrases (read_number) and hedges."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.hedges import hedge_before, hedge_table
from pipeline.extract.numbers import number_vocab, parse_digits, parse_number, parse_numeral, read_number


@pytest.mark.parametrize("text,value", [
    ("1,250", 1250.0), ("6.3", 6.3), (".08", 0.08), ("-1", -1.0), ("1,2", None), ("abc", None), ("", None),
])
def test_parse_digits(text, value):
    assert parse_digits(text) == value


@pytest.mark.parametrize("text,value", [
    ("12,34,567.89", 1234567.89), ("1.3e6", 1.3e6), ("5,00", 5.0), ("1,674,200", 1674200.0),
])
def test_parse_numeral(text, value):
    assert parse_numeral(text) == value


@pytest.mark.parametrize("text,value", [
    ("two", 2), ("twenty-five", 25), ("a dozen", 12), ("one million", 1e6), ("half a", 0.5), ("1.25", 1.25),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


READ = [
    ("1.25 billion", 1.25e9, None), ("150M", 150e6, None), ("1.25bn", 1.25e9, None), ("$1,250 million", None, None),
    ("twenty-one trillion three hundred", 21000000000300, None), ("fifty - two", 52, None),
    ("Three hundred  and  thirty one", 331, None), ("two hundred and two thousand", 202000, None),
    ("two  thousand  and  two hundred", 2200, None), ("half a billion", 5e8, None), ("a dozen", 12, None),
    ("3 dozens", 36, None), ("322 hundred", 32200, None), ("1 234 567", 1234567, None),
    ("two hundred point seventy-one", 200.71, None), ("nine point nought four", 9.04, None),
    ("one million and a half", 1.5e6, None), ("one billion and a quarter million", 1000250000, None),
    ("five billion and three quarters", 5.75e9, None), ("13 lakh", 1.3e6, None), ("three lakh crore", 3e12, None),
    ("1,674.5 million", 1674500000, None), ("10 bln", 1e10, None),
    ("tens of billions", 1e10, (1e10, 1e11)), ("hundreds of thousands", 1e5, (1e5, 1e6)),
    ("several million", 3e6, (3e6, 9e6)),
]


@pytest.mark.parametrize("text,value,interval", READ)
def test_read_number(nlp, config, text, value, interval):
    doc = nlp(text)
    span = read_number(doc, 0, number_vocab(config))
    if value is None:
        assert span is None
        return
    assert span is not None
    assert span.amount == pytest.approx(value)
    assert span.end == len(doc) or doc[span.end:].text.strip() == ""
    if interval:
        assert span.vague and (span.low, span.high) == pytest.approx(interval)


def test_scales_fall_so_two_amounts_stay_apart(nlp, config):
    doc = nlp("1,250 million and 1.25 billion")
    span = read_number(doc, 0, number_vocab(config))
    assert span.amount == 1.25e9 and doc[span.start:span.end].text == "1,250 million"


def test_range_scale(nlp, config):
    doc = nlp("5-6 billion")
    first = read_number(doc, 0, number_vocab(config))
    assert first.amount == 5 and first.scale == 1.0
    second = read_number(doc, 2, number_vocab(config))
    assert second.amount == 6e9 and second.scale == 1e9


@pytest.mark.parametrize("text,hedge", [
    ("up to 5", "up to"), ("as much as 5", "up to"), ("about 5", "about"), ("roughly 5", "about"),
    ("nearly 5", "nearly"), ("close to 5", "nearly"), ("more than 5", "more than"), ("well over 5", "over"),
    ("at least 5", "at least"), ("north of 5", "more than"), ("fewer than 5", "less than"), ("it was 5", None),
])
def test_hedge_before(nlp, config, text, hedge):
    doc = nlp(text)
    found = hedge_before(doc, len(doc) - 1, hedge_table(config))
    assert (found.rule.name if found else None) == hedge


@pytest.mark.parametrize("name,amount,interval", [
    ("exact", 10, (10, 10)), ("about", 100, (95, 105)), ("up to", 10, (0, 10)), ("more than", 10, (10, None)),
    ("less than", 10, (None, 10)), ("nearly", 10, (9, 10)),
])
def test_hedge_intervals(config, name, amount, interval):
    assert hedge_table(config).interval(name, amount) == interval


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(min_value=0, max_value=10**12))
def test_grouped_digits_round_trip(nlp, config, n):
    doc = nlp(f"{n:,}")
    assert read_number(doc, 0, number_vocab(config)).amount == n


CACHE_TEXTS = ["It paid $1,250 million and 1.25 billion, or about 300 m for tens of thousands of users.",
               "Two thirds of a million, three and a half dozen, 5bn, 300MW and one hundred and three quarters."]


@pytest.mark.parametrize("text", CACHE_TEXTS)
def test_read_number_answers_once_per_doc_as_it_reads(nlp, config, text):
    from pipeline.extract.numbers import _read_number

    vocab = number_vocab(config)
    doc = nlp.make_doc(text)
    for stop in (frozenset(), frozenset({"m", "mw"}), frozenset()):  # a quantity reader's stop words apart
        for i in [*range(len(doc)), *reversed(range(len(doc)))]:
            assert read_number(doc, i, vocab, stop) == _read_number(doc, i, vocab, stop)
    assert read_number(doc, 0, vocab) is read_number(doc, 0, vocab) or read_number(doc, 0, vocab) is None


QUANTITY_TEXTS = ["A 300-megawatt site, 1.5GW later, 300 m or 5 mw and 2 million acres; 10 kW, 4 bn.",
                  "Tens of thousands of square feet, 12 gigawatts, 3 Millions sqm and 150M kilowatts."]


@pytest.mark.parametrize("text", QUANTITY_TEXTS)
def test_stop_words_that_are_no_scales_change_no_reading(nlp, config, text):
    from pipeline.extract.numbers import _read_number, scale_stops
    from pipeline.extract.quantities import quantity_vocab

    vocab = number_vocab(config)
    units = quantity_vocab(config).stop
    doc = nlp.make_doc(text)
    assert scale_stops(frozenset({"m", "megawatt", "millions", "bn"}), vocab) == {"m", "millions", "bn"}
    kept = scale_stops(units, vocab)
    for i in range(len(doc)):
        assert _read_number(doc, i, vocab, units) == _read_number(doc, i, vocab, kept)
