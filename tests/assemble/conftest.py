"""Shared fixtures for the assembly tests: one extractor per test session, claims of one text."""

import pytest

from pipeline.assemble import Assembler
from pipeline.extract import Extractor
from pipeline.records import Article


@pytest.fixture(scope="session")
def extractor(config):
    return Extractor(config)


@pytest.fixture
def claims_of(extractor, config):
    """The claims of one text (an article published on ``published``)."""
    def claims(text, published="2026-03-04"):
        analysis = next(extractor.analyse([Article(path="t.txt", text=text, published=published)]))
        return Assembler(config).claims(analysis)
    return claims


def by_quote(claims):
    """{quote: (attribute, parties)} of a text's claims."""
    return {c.quote: (c.attribute, c.subject.parties) for c in claims}
