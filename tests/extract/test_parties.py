"""Party finder: organisations under one canonical name, whatever the small NER model tagged them as."""

import pytest

from pipeline.extract import Context
from pipeline.extract import parties


def names(nlp, config, text):
    ms = parties.find_mentions(nlp(text), Context(text=text, published=None, config=config))
    return [(text[m.start:m.end], m.value.name) for m in ms if m.value.label == "ORG"]


def test_spans_are_exact(nlp, config):
    text = "Nimbus Cloud has signed a deal with Meridian Freight. Meridian will pay Nimbus $240 million a year."
    for written, _ in names(nlp, config, text):
        assert written in text


def test_a_company_tagged_as_a_person_is_an_organisation_and_its_short_name_follows(nlp, config):
    # The small model tags both names PERSON; "Cloud" and "Freight" and the short forms tell.
    text = ("Nimbus Cloud has signed a five-year deal to supply computing capacity to logistics group "
            "Meridian Freight. Meridian will pay Nimbus $240 million a year.")
    got = dict(names(nlp, config, text))
    assert got.get("Nimbus Cloud") == "Nimbus Cloud"
    assert got.get("Meridian Freight") == "Meridian Freight"
    assert got.get("Meridian") == "Meridian Freight" and got.get("Nimbus") == "Nimbus Cloud"


def test_a_person_stays_out(nlp, config):
    text = "Katrin Vogel, chief executive of Lumora Labs, said the round closed. Vogel said more was coming."
    got = names(nlp, config, text)
    assert all("Vogel" not in name for _, name in got)
    assert ("Lumora Labs", "Lumora Labs") in got


def test_corporate_suffix_is_not_part_of_the_name(nlp, config):
    text = "Tessaract Semiconductor Corp. shares fell 8.5% on Thursday. Tessaract cut its forecast."
    got = dict(names(nlp, config, text))
    assert got.get("Tessaract Semiconductor Corp.") == "Tessaract Semiconductor"


def test_a_capitalised_common_word_alone_is_not_a_party(nlp, config):
    text = '"Freight is a data business now," said an analyst. Cloud startup Kestrel Compute agreed to buy chips.'
    got = [name for _, name in names(nlp, config, text)]
    assert "Freight" not in got and "Cloud" not in got


def test_a_headline_name_runs_no_further_than_the_article_writes_it(nlp, config):
    text = ("Tessaract Semiconductor Sinks After Data-Center Orders Slip\n\n"
            "Tessaract Semiconductor Corp. shares fell 8.5% on Thursday.")
    got = {name for _, name in names(nlp, config, text)}
    assert got == {"Tessaract Semiconductor"}


@pytest.mark.parametrize("text", ["Northgate Water signed a contract worth £450mn with Corvid Analytics."])
def test_a_name_swallowed_by_a_money_entity_is_found(nlp, config, text):
    assert "Corvid Analytics" in {name for _, name in names(nlp, config, text)}


def test_a_market_index_is_not_a_party(nlp, config):
    text = "Acme Cloud shares lost 20%, compared with a 9% gain for the Philadelphia Stock Exchange Semiconductor Index."
    got = {name for _, name in names(nlp, config, text)}
    assert not any("Index" in n or "Philadelphia" in n for n in got)


def test_a_company_shortened_to_its_first_word(nlp, config):
    text = ("Lumora Labs raised €180 million in a round led by Northwind Capital. Northwind put in roughly "
            "€100 million of the total.")
    got = names(nlp, config, text)
    assert ("Northwind", "Northwind Capital") in got


def test_the_second_half_of_a_hyphenated_place_is_not_a_party(nlp, config):
    text = "Lutèce Compute now runs more than 45,000 GPUs across its sites in Paris-Saclay and Marseille."
    assert "Saclay" not in {name for _, name in names(nlp, config, text)}


def test_a_ticker_after_a_name_is_that_company(nlp, config):
    text = "Reflection AI has signed a deal with SpaceX (SPCX.O), and gets Nvidia (NVDA.O) chips. Acme (NASDAQ:ACME) rose."
    got = {name for _, name in names(nlp, config, text)}
    assert not got & {"SPCX.O", "NVDA.O", "NASDAQ:ACME", "ACME"}


def test_nested_longer_names_are_one_party(nlp, config):
    text = ("Microsoft to buy Zenimax Online for $2.4 billion\n\nMicrosoft said it would acquire Zenimax Online "
            "Studios for $2.4 billion. Zenimax shares jumped 38%.")
    got = dict(names(nlp, config, text))
    assert got.get("Zenimax") == "Zenimax Online Studios"
