"""Money finder, issue 11: world currencies by code, name and symbol; spoken and two-part amounts; ranges."""

import json

import pytest

from pipeline.extract import Context, money
from pipeline.extract.currencies import DATA, currency_data


def find(nlp, config, text):
    found = list(money.find_mentions(nlp(text), Context(text=text, published=None, config=config)))
    for m in found:
        assert text[m.start:m.end] == m.text
    return found


M = 1e6

# (sentence, span, expected value fields)
CURRENCIES = [
    ("The ministry set aside UAH3.04 million for repairs.", "UAH3.04 million", {"currency": "UAH", "amount": 3.04 * M}),
    ("Herders earn 10MNT per litre of milk.", "10MNT", {"currency": "MNT", "amount": 10}),
    ("A cup of chai is Rs20 at the kiosk.", "Rs20", {"currency": "INR", "amount": 20}),
    ("Bidders offered 10k$ for the painting.", "10k$", {"currency": "USD", "amount": 10_000}),
    ("The fund paid SAR 7 million in fees.", "SAR 7 million", {"currency": "SAR", "amount": 7 * M}),
    ("The fine was 250 KWD.", "250 KWD", {"currency": "KWD", "amount": 250}),
    ("Bonds worth 300 Kuwaiti dinars were sold.", "300 Kuwaiti dinars", {"currency": "KWD"}),
    ("She was paid 40 ringgit an hour.", "40 ringgit", {"currency": "MYR", "amount": 40}),
    ("A ticket costs 12 zloty.", "12 zloty", {"currency": "PLN"}),
    ("Lunch was 80 rand.", "80 rand", {"currency": "ZAR"}),
    ("The fare is 9 shekels.", "9 shekels", {"currency": "ILS"}),
    ("It sold for 5,000 won.", "5,000 won", {"currency": "KRW", "amount": 5000}),
    ("Rent is 900 tugriks a day.", "900 tugriks a day", {"currency": "MNT", "per": "day"}),
    ("A coffee costs 3 Egyptian pounds.", "3 Egyptian pounds", {"currency": "EGP"}),
    ("Egypt raised LE 500 million from the sale.", "LE 500 million", {"currency": "EGP", "amount": 500 * M}),
    ("The state lender extended RM 3 billion.", "RM 3 billion", {"currency": "MYR", "amount": 3e9}),
    ("The bill came to ₴250.", "₴250", {"currency": "UAH", "amount": 250}),
]

SPOKEN = [
    ("He paid $20 and 43c for the meal.", "$20 and 43c", {"currency": "USD", "amount": 20.43}),
    ("A stamp costs 10¢ now.", "10¢", {"currency": "USD", "amount": 0.1}),
    ("The pencil is 10 c each.", "10 c", {"currency": "USD", "amount": 0.1}),
    ("The watch set him back a grand.", "a grand", {"currency": "USD", "amount": 1000}),
    ("She spent five grand on repairs.", "five grand", {"currency": "USD", "amount": 5000}),
    ("I paid 42 bucks for the boots.", "42 bucks", {"currency": "USD", "amount": 42}),
    ("The toll is a dollar and 42 cents.", "a dollar and 42 cents", {"currency": "USD", "amount": 1.42}),
    ("Parking was twelve dollars sixty.", "twelve dollars sixty", {"amount": 12.6}),
    ("The fee is 20 euros and 43 cents.", "20 euros and 43 cents", {"currency": "EUR", "amount": 20.43}),
]

RANGES = [
    ("Seats cost from $10 to $20.", "from $10 to $20", {"amount": 15, "low": 10, "high": 20, "hedge": "about"}),
    ("Seats cost $10-$20 each.", "$10-$20", {"low": 10, "high": 20}),
    ("Seats cost about $10-$20.", "about $10-$20", {"low": 10, "high": 20, "hedge": "about"}),
    ("The dam costs between 5 and 6 billion euros.", "between 5 and 6 billion euros",
     {"currency": "EUR", "low": 5e9, "high": 6e9}),
    ("Anything lower than 7€ sells.", "lower than 7€", {"currency": "EUR", "low": None, "high": 7, "hedge": "less than"}),
    ("Prices held above a dollar and 42 cents.", "above a dollar and 42 cents",
     {"amount": 1.42, "low": 1.42, "high": None, "hedge": "more than"}),
]


@pytest.mark.parametrize("text,span,expected", CURRENCIES + SPOKEN + RANGES)
def test_money_forms(nlp, config, text, span, expected):
    found = {m.text: m.value.as_dict() for m in find(nlp, config, text)}
    assert span in found, found
    for key, value in expected.items():
        assert found[span][key] == (pytest.approx(value) if isinstance(value, float) else value), key


@pytest.mark.parametrize("text,spans", [
    ("Revenue rose from $10 billion to $12 billion.", ["$10 billion", "$12 billion"]),
    ("The price was cut from $30 to $25.", ["$30", "$25"]),
])
def test_a_change_from_one_amount_to_another_is_two_amounts(nlp, config, text, spans):
    assert [m.text for m in find(nlp, config, text)] == spans


@pytest.mark.parametrize("text", [
    "A grand jury met on Friday.",
    "He bought a pound of tea.",
    "They shop at a dollar store.",
    "ALL 5 members voted and AMD 6 engineers left.",
    "The sum rm 5 was typed in lower case.",
    "It rose to 43C in the shade.",
    "The team won 3 games.",
])
def test_not_money(nlp, config, text):
    assert find(nlp, config, text) == []


def test_the_currency_table_is_generated_iso_4217(config):
    table = json.loads(DATA.read_text(encoding="utf-8"))
    assert "babel" in table["source"]
    names, symbols, codes = currency_data()
    assert len(codes) > 150 and all(len(c) == 3 and c.isupper() for c in codes)
    assert names["ukrainian hryvnias"] == "UAH" and names["hryvnia"] == "UAH"
    assert "dinar" not in names  # several current currencies are dinars: config chooses
    assert money.money_vocab(config).words["dinar"] == "KWD"
    assert symbols["₪"] == "ILS"
