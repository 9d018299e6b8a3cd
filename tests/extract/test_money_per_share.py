"""Money per share (SPEC `per: "share"`): a price per share is its own rate, never a total."""

import pytest

from pipeline.extract import Context
from pipeline.extract import money


def find(nlp, config, text):
    return list(money.find_mentions(nlp(text), Context(text=text, published=None, config=config)))


@pytest.mark.parametrize("text, span, per, amount", [
    ("Borin will pay $85 a share in cash.", "$85 a share", "share", 85),
    ("Holders receive $31.25 per share.", "$31.25 per share", "share", 31.25),
    ("The offer is $12 each share.", "$12 each share", "share", 12),
    ("Up to $9 a share in contingent rights.", "Up to $9 a share", "share", 9),
    ("It plans a $5 billion share buyback.", "$5 billion", None, 5e9),
    ("Its shares closed at $42 on Friday.", "$42", None, 42),
])
def test_a_price_per_share_is_money_per_share(nlp, config, text, span, per, amount):
    found = find(nlp, config, text)
    assert [m.text for m in found] == [span]
    assert found[0].value.per == per
    assert found[0].value.amount == amount
