"""What NER takes for an organisation but is none: units, periods, events, people by title, possessions."""

import pytest

from pipeline.extract import Context
from pipeline.extract import parties


def org_names(nlp, config, text):
    ms = parties.find_mentions(nlp(text), Context(text=text, published=None, config=config))
    return {m.value.name for m in ms if m.value.label == "ORG"}


@pytest.mark.parametrize("text, not_a_party, party", [
    ("Vantor Energy will supply 2 GW to Orbis starting in H2 26, Vantor said.", "GW", "Vantor Energy"),
    ("Halvorsen Air ordered 40 jets from Kestrel Aerospace at the Lagos Airshow.", "Lagos Airshow",
     "Kestrel Aerospace"),
    ("Chief Executive Maren Holt said Kestrel Aerospace would deliver from 2028.", "Chief Executive Maren Holt",
     "Kestrel Aerospace"),
    ("Orbis signed a deal with Calder Cloud. Orbis's AI Business will move to Calder Cloud.", "AI Business",
     "Calder Cloud"),
    ("The parent of Pixelgram and Chatterly will pay Calder Cloud at least $2 billion.",
     "Pixelgram and Chatterly", "Calder Cloud"),
])
def test_not_a_party(nlp, config, text, not_a_party, party):
    found = org_names(nlp, config, text)
    assert not_a_party not in found
    assert party in found


@pytest.mark.parametrize("name, is_name", [
    ("GW", False), ("H2 26", False), ("Q3'25", False), ("FY2027", False), ("MWh", False),
    ("Dubrow Summit", False), ("CEO Jane Roe", False), ("Acme and Globex", False),
    ("Acme Aerospace", True), ("Q-Cells Energy", True), ("Hartwell Week Media", True),
    ("Airshow", False), ("Lagos Air Show", False), ("Lagos Stock Exchange", False), ("LLC", False),
    ("Ruby Merger Sub 1", False), ("PR - Kestrel", False),
])
def test_looks_like_a_name(config, name, is_name):
    assert parties.party_names(config).looks_like_a_name(name) is is_name


def test_a_possession_stays_a_party_where_the_article_also_names_it_alone(nlp, config):
    text = "Orbis's Calder unit signed the lease. Calder will pay Vantor Energy $40 million a month."
    assert "Calder" in org_names(nlp, config, text)


def test_capitals_after_a_number_are_a_model(nlp, config):
    found = org_names(nlp, config, "Halvorsen Air ordered 50 Kestrel 737 MAX jets from Kestrel Aerospace.")
    assert "MAX" not in found and "Kestrel Aerospace" in found


def test_an_abbreviation_or_ticker_the_article_introduces_is_its_company(nlp, config):
    text = ("Acme Widgets (AW) agreed to buy Globex for $5 billion. AW said the deal would close in 2027. "
            "Globex (NASDAQ: GLBX) rose 9%. GLBX shares jumped again on Friday.")
    ms = parties.find_mentions(nlp(text), Context(text=text, published=None, config=config))
    got = {text[m.start:m.end]: m.value.name for m in ms if m.value.label == "ORG"}
    assert got.get("AW") == "Acme Widgets" and got.get("GLBX") == "Globex"
