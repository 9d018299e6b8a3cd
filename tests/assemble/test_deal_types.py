"""Deals beyond compute contracts: per-share prices, premiums, closing and announcement dates, orders."""

import pytest

from .conftest import by_quote

TAKEOVER = ("Orbis agreed to buy Calder Systems for $85 a share in cash, the companies said on Monday. The offer is "
            "a 31% premium over Calder's closing price on Friday. The deal, valued at about $12.6 billion, is "
            "expected to close in the first half of 2027. Calder shares jumped 24% in premarket trading.")


def test_a_takeover_states_its_price_per_share_premium_closing_and_announcement(claims_of):
    got = by_quote(claims_of(TAKEOVER, published="2026-09-14"))  # a Monday
    deal = ("Calder Systems", "Orbis")
    assert got["$85 a share"] == ("price_per_share", deal)
    assert got["31%"] == ("premium", deal)
    assert got["to close in the first half of 2027"] == ("expected_close", deal)
    assert got["said on Monday"] == ("announcement_date", deal)
    # a per-share price makes the deal an acquisition: its worth is its price
    assert got["about $12.6 billion"] == ("acquisition_price", deal)
    assert got["24%"] == ("stock_change", ("Calder Systems",))


def test_the_announcement_day_resolves_from_the_publication_date(claims_of):
    claims = claims_of(TAKEOVER, published="2026-09-16")  # a Wednesday: Monday is two days before
    day = next(c.value for c in claims if c.attribute == "announcement_date")
    assert (day.value, day.granularity) == ("2026-09-14", "day")


@pytest.mark.parametrize("text, quote, attribute", [
    ("Calder shares were down 2% just before the market close on Monday.", "2%", "stock_change"),
    ("Orbis said in 2024 that it would expand.", None, None),
])
def test_close_and_said_are_roles_only_of_a_deal(claims_of, text, quote, attribute):
    got = by_quote(claims_of(text))
    assert not [q for q, (a, _) in got.items() if a in ("expected_close", "announcement_date")]
    if quote:
        assert got[quote][0] == attribute


def test_an_order_counts_its_units_and_its_worth(claims_of):
    got = by_quote(claims_of("Halvorsen Air ordered 65 Kestrel 700-9 jets from Kestrel Aerospace, an order worth "
                             "$38 billion at list prices."))
    deal = ("Halvorsen Air", "Kestrel Aerospace")
    assert got["65 Kestrel 700-9 jets"] == ("order_quantity", deal)
    assert got["$38 billion"] == ("total_value", deal)


@pytest.mark.parametrize("text", [
    "Harbor Capital and Tidewater Partners agreed to buy Calder Systems for about $18 billion.",
    "Calder Systems agreed to be acquired by Harbor Capital and Tidewater Partners for about $18 billion.",
])
def test_a_consortium_deal_is_one_subject_with_every_party(claims_of, text):
    got = by_quote(claims_of(text))
    assert got["about $18 billion"] == ("acquisition_price", ("Calder Systems", "Harbor Capital", "Tidewater Partners"))


def test_coordinated_counterparties_stay_separate_deals(claims_of):
    claims = claims_of("Lumen Compute signed leases with Aubade Labs and Cerulean Labs worth €1.1 billion and "
                       "€640 million, respectively.")
    assert {c.subject.parties for c in claims if c.attribute == "total_value"} == {
        ("Aubade Labs", "Lumen Compute"), ("Cerulean Labs", "Lumen Compute")}


def test_a_consortium_takes_over_its_sides_deals_across_the_batch_but_not_an_investors_own_share(extractor, config):
    from pipeline.assemble import assemble
    from pipeline.records import Article

    articles = [
        Article(path="a.txt", text="Harbor Capital and Tidewater Partners agreed to buy Calder Systems for about $18 "
                                   "billion."),
        Article(path="b.txt", text="Tidewater Partners agreed to buy Calder Systems for $18.3 billion with a partner. "
                                   "Tidewater Partners will invest $4 billion of equity in Calder Systems."),
    ]
    claims = assemble(list(extractor.analyse(articles)), config)
    joint = ("Calder Systems", "Harbor Capital", "Tidewater Partners")
    prices = {c.quote: c.subject.parties for c in claims if c.attribute == "acquisition_price"}
    assert prices == {"about $18 billion": joint, "$18.3 billion": joint}
    own = [c.subject.parties for c in claims if c.attribute == "investment_amount"]
    assert own == [("Calder Systems", "Tidewater Partners")]


def test_a_figure_over_several_counterparties_names_no_pair(claims_of):
    claims = claims_of("Orbis has signed buildout deals worth more than $1.4 trillion with Calder Cloud, Halden "
                       "Systems and Vantor Energy.")
    assert not [c for c in claims if c.attribute != "unassigned" and c.value.KIND == "money"]


def test_taking_a_company_over_is_an_acquisition(claims_of):
    got = by_quote(claims_of("Harbor Capital is taking over the shoe maker Calder Systems for around 9.4 billion "
                             "dollars."))
    assert got["around 9.4 billion dollars"][0] == "acquisition_price"


def test_an_engine_maker_named_by_its_model_is_no_side(claims_of):
    got = by_quote(claims_of("Halvorsen Air ordered 65 Kestrel 700-9 jets, powered by Vantor 9X engines, worth $38 "
                             "billion at list prices from Kestrel Aerospace."))
    assert "Vantor" not in " ".join(p for _, parties in got.values() for p in parties)


def test_a_day_before_the_verb_is_the_announcement_but_a_dateline_is_not(claims_of):
    claims = claims_of("NEW YORK, Sept 16, 2026 (Reuters) - Calder Systems on Monday said it agreed to be bought by "
                       "Orbis for $4 billion.", published="2026-09-16")
    days = [c.value.value for c in claims if c.attribute == "announcement_date"]
    assert days == ["2026-09-14"]


def test_firm_orders_and_options_are_parts_of_the_order(claims_of):
    got = by_quote(claims_of("Halvorsen Air ordered up to 120 narrowbody jets from Kestrel Aerospace, with firm "
                             "orders for 90 jets and options for 30 more jets."))
    assert got["up to 120 narrowbody jets"][0] == "order_quantity"
    assert got["90 jets"][0] == "unassigned" and got["30 more jets"][0] == "unassigned"


def test_a_week_is_no_announcement_day(claims_of):
    claims = claims_of("Orbis announced last week that it had acquired Calder Systems for $60 billion.")
    assert not [c for c in claims if c.attribute == "announcement_date"]
