"""The whole extractor (every finder, the parse, overlap resolution) never raises on arbitrary unicode,
and every mention's span is exact."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import Extractor

FILLER = st.sampled_from(["Acme Cloud", "$5 billion", "through June 2029", "12%", "\n\n", "about 4,000 GPUs",
                          "per month", " ", ",", "Initech", "next quarter", "(", ")", "–", "\u200b", "€"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=200), st.lists(st.one_of(FILLER, st.text(max_size=8)), max_size=25).map("".join)))
def test_never_raises_and_spans_are_exact(config, nlp, text):
    extractor = Extractor(config, nlp=nlp)
    for m in extractor.mentions(text, "2026-06-22"):
        assert text[m.start:m.end] == m.text
