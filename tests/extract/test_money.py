"""Money finder: value tables, exact spans, and hypothesis round-trips of generated phrases."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import Context
from pipeline.extract import money


def find(nlp, config, text):
    return list(money.find_mentions(nlp(text), Context(text=text, published=None, config=config)))


B = 1e9
M = 1e6

CASES = [
    ("It pays $1.25B a month.", "$1.25B a month", {"currency": "USD", "amount": 1.25 * B, "per": "month"}),
    ("It pays $1.25bn.", "$1.25bn", {"amount": 1.25 * B, "hedge": "exact", "low": 1.25 * B, "high": 1.25 * B}),
    ("Worth 1.25 billion dollars.", "1.25 billion dollars", {"currency": "USD", "amount": 1.25 * B}),
    ("Worth 1.25bn dollars.", "1.25bn dollars", {"amount": 1.25 * B}),
    ("Worth US$1.25 billion.", "US$1.25 billion", {"currency": "USD", "amount": 1.25 * B}),
    ("Worth $1,250 million.", "$1,250 million", {"amount": 1.25 * B}),
    ("A $6.3-billion deal.", "$6.3-billion", {"amount": 6.3 * B}),
    ("It owes $150M/month.", "$150M/month", {"amount": 150 * M, "per": "month"}),
    ("It pays $150 million per month starting June.", "$150 million per month", {"per": "month"}),
    ("It pays $150 million monthly.", "$150 million monthly", {"per": "month"}),
    ("It pays $15 billion per year.", "$15 billion per year", {"per": "year"}),
    ("It pays $15 billion annually.", "$15 billion annually", {"per": "year"}),
    ("It pays $2 billion per quarter.", "$2 billion per quarter", {"per": "quarter"}),
    ("Sales rose to $1.17 billion a year earlier.", "$1.17 billion", {"per": None}),
    ("About half a billion dollars.", "About half a billion dollars", {"amount": 0.5 * B, "hedge": "about"}),
    ("It spends tens of billions of dollars.", "tens of billions of dollars",
     {"amount": 10 * B, "low": 10 * B, "high": 100 * B, "hedge": "about"}),
    ("A €2 billion fund.", "€2 billion", {"currency": "EUR", "amount": 2 * B}),
    ("A £300 million fund.", "£300 million", {"currency": "GBP"}),
    ("A ¥500 billion fund.", "¥500 billion", {"currency": "JPY", "amount": 500 * B}),
    ("Worth up to $6.3 billion.", "up to $6.3 billion", {"hedge": "up to", "low": 0, "high": 6.3 * B}),
    ("Roughly $150 million per month.", "Roughly $150 million per month",
     {"hedge": "about", "low": 142.5 * M, "high": 157.5 * M}),
    ("Around $920 million.", "Around $920 million", {"hedge": "about"}),
    ("Approximately $600 billion.", "Approximately $600 billion", {"hedge": "about"}),
    ("Nearly $5 billion.", "Nearly $5 billion", {"hedge": "nearly", "high": 5 * B}),
    ("Almost $5 billion.", "Almost $5 billion", {"hedge": "nearly"}),
    ("More than $5 billion.", "More than $5 billion", {"hedge": "more than", "low": 5 * B, "high": None}),
    ("Over $100 billion.", "Over $100 billion", {"hedge": "more than"}),
    ("North of $40 billion.", "North of $40 billion", {"hedge": "more than"}),
    ("At least $2 billion.", "At least $2 billion", {"hedge": "at least", "low": 2 * B, "high": None}),
    ("Well over $6 billion.", "Well over $6 billion", {"hedge": "over"}),
    ("As much as $6 billion.", "As much as $6 billion", {"hedge": "up to"}),
    ("Between $5 billion and $6 billion.", "Between $5 billion and $6 billion",
     {"amount": 5.5 * B, "low": 5 * B, "high": 6 * B, "hedge": "about"}),
    ("A $5-6 billion deal.", "$5-6 billion", {"amount": 5.5 * B, "low": 5 * B, "high": 6 * B}),
    ("Stock was down 12.82% at $161.28 at the close.", "$161.28", {"amount": 161.28}),
    ("It cost 50 cents.", "50 cents", {"currency": "USD", "amount": 0.5}),
    ("It cost 3 dollars 50 cents.", "3 dollars 50 cents", {"amount": 3.5}),
    ("A C$ 16.4 million simulator.", "C$ 16.4 million", {"currency": "CAD"}),
    ("To hk $ 10.05 billion.", "hk $ 10.05 billion", {"currency": "HKD"}),
    ("For 323 million euros.", "323 million euros", {"currency": "EUR"}),
    ("Received five million yen.", "five million yen", {"currency": "JPY", "amount": 5 * M}),
    ("Costs ~$5B in cash.", "~$5B", {"hedge": "about", "amount": 5 * B}),
    ("Hey, the cost is 100元!", "100元", {"currency": "CNY", "amount": 100}),
    ("Some $5 billion or so.", "Some $5 billion", {"hedge": "about"}),
]


@pytest.mark.parametrize("text,span,expected", CASES)
def test_money_values_and_spans(nlp, config, text, span, expected):
    found = find(nlp, config, text)
    assert [m.text for m in found] == [span]
    m = found[0]
    assert text[m.start:m.end] == m.text
    value = m.value.as_dict()
    for key, want in expected.items():
        if isinstance(want, float):
            assert value[key] == pytest.approx(want), key
        else:
            assert value[key] == want, key


@pytest.mark.parametrize("text", [
    "The deal runs through 2029.", "It has 220,000 GPUs.", "Dollar strength weighed on markets.",
    "It rose 12%.", "", "   ",
])
def test_no_money(nlp, config, text):
    assert find(nlp, config, text) == []


def test_same_money_written_four_ways(nlp, config):
    texts = ["It is 1.25 billion dollars.", "It is $1.25B.", "It is $1,250 million.", "It is 1.25bn dollars."]
    amounts = {find(nlp, config, t)[0].value.amount for t in texts}
    assert amounts == {1.25e9}


FILLER = st.sampled_from(["The company said", "Analysts expect", "In a filing,", "Reportedly", "It will pay"])
SCALES = st.sampled_from([("billion", 1e9), ("million", 1e6), ("bn", 1e9), ("B", 1e9), ("M", 1e6), ("", 1.0)])
SYMBOLS = st.sampled_from([("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("US$", "USD")])


@st.composite
def money_phrases(draw):
    whole = draw(st.integers(min_value=1, max_value=999))
    frac = draw(st.sampled_from(["", ".5", ".25", ".3"]))
    symbol, code = draw(SYMBOLS)
    word, factor = draw(SCALES)
    glue = "" if len(word) <= 2 else " "
    phrase = f"{symbol}{whole}{frac}{glue}{word}" if word else f"{symbol}{whole}{frac}"
    return phrase, code, float(f"{whole}{frac}") * factor


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=FILLER, phrase=money_phrases(), after=st.sampled_from([".", " in cash.", ", sources said."]))
def test_generated_money_round_trips(nlp, config, before, phrase, after):
    text, code, amount = phrase
    source = f"{before} {text}{after}"
    found = find(nlp, config, source)
    assert len(found) == 1
    m = found[0]
    assert (m.start, m.end) == (len(before) + 1, len(before) + 1 + len(text))
    assert m.text == text
    assert m.value.currency == code
    assert m.value.amount == pytest.approx(amount)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_never_raises_on_unicode(nlp, config, text):
    for m in find(nlp, config, text):
        assert text[m.start:m.end] == m.text


def test_symbol_prefixes_are_exactly_the_prefixes_of_the_symbols_and_codes(config):
    vocab = money.money_vocab(config)
    written = [*vocab.symbols, *(code.upper() for code in vocab.codes)]
    for text in ["", "U", "US", "US$", "HK", "C", "C $", "X", "$$", "€", "USD", "USDX", "RMB", "£", "UA", "QQ"]:
        assert (text in vocab.symbol_prefixes) == any(sym.startswith(text) for sym in written)


@pytest.mark.parametrize("text", ["~$5B", "~", "~5", "$5", "about", "approx.5", ">$3", "≈€2bn"])
def test_glued_hedges_as_a_scan_of_the_whole_table(config, text):
    from pipeline.extract.hedges import hedge_glued

    table = money.money_vocab(config).hedges
    expected = next(((rule, len(word)) for word, rule in table.before.items()
                     if not word[-1:].isalpha() and word and text.lower().startswith(word)
                     and len(text) > len(word)), None)
    assert hedge_glued(text, table) == expected


def test_rupees_in_crore(nlp, config):
    found = find(nlp, config, "The plant is worth Rs 5,000 crore.")
    assert [(m.text, m.value.currency, m.value.amount) for m in found] == [("Rs 5,000 crore", "INR", 5e10)]
