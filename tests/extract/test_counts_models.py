"""A model's designation is no count: '777-9', '787-10', '737 MAX' name aircraft, they do not count them."""

import pytest

from pipeline.extract import Context
from pipeline.extract import counts


def found(nlp, config, text):
    return [(m.text, m.value.amount, m.value.item)
            for m in counts.find_mentions(nlp(text), Context(text=text, published=None, config=config))]


@pytest.mark.parametrize("text, expected", [
    ("Halvorsen Air ordered 65 Kestrel 777-9 aircraft.", [("65 Kestrel 777-9 aircraft", 65, "aircraft")]),
    ("Halvorsen Air will take 11 more 737 MAX 8 aircraft.", [("11 more 737 MAX 8 aircraft", 11, "aircraft")]),
    ("Halvorsen Air committed to nine 787-9 jets.", [("nine 787-9 jets", 9, "aircraft")]),
    ("Halvorsen Air flies 787-10 aircraft on the route.", []),
    ("Halvorsen Air ordered 65 more Kestrel 777 9 jets.", [("65 more Kestrel 777 9 jets", 65, "aircraft")]),
    ("Halvorsen Air flies 737 MAX airplanes.", []),
    ("Halvorsen Air bought 2-3 planes and 40 trucks.", [("3 planes", 3, "aircraft"), ("40 trucks", 40, "vehicle")]),
])
def test_a_designation_is_no_count(nlp, config, text, expected):
    assert found(nlp, config, text) == expected
