"""Line breaks as sentence boundaries before the parser."""

import pytest


@pytest.mark.parametrize("text, first", [
    ("Acme Buys Initech For $2 Billion\n\nThe deal closed on Monday.", "Acme Buys Initech For $2 Billion"),
    ("Acme Buys Initech For $2 Billion\nThe deal closed on Monday.", "Acme Buys Initech For $2 Billion"),
])
def test_a_line_break_ends_the_headline(nlp, text, first):
    assert list(nlp(text).sents)[0].text.strip() == first


def test_a_hard_wrapped_sentence_stays_whole(nlp):
    doc = nlp("The company said it\nwould pay $5 million a month for the capacity.")
    assert len(list(doc.sents)) == 1
