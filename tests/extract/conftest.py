"""Fixtures shared by the finder tests."""

import pytest

from pipeline.extract import Context
from pipeline.extract.dates import find_mentions as find_dates


@pytest.fixture(scope="module")
def dates_of(request, config, nlp):
    """The date mentions of a text, published on the test module's ``PUB`` day unless told otherwise; every
    span is checked to be exact."""
    default = request.module.PUB

    def run(text: str, published: str | None = default) -> list:
        mentions = list(find_dates(nlp(text), Context(text=text, published=published, config=config)))
        for m in mentions:
            assert text[m.start:m.end] == m.text
        return mentions
    return run
