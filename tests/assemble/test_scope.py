"""Scope: a part, another measure or another window is never the whole of a deal's or a stock's figure.

Such a figure is kept as an `unassigned` claim (claims.csv, the audit's context) and makes no fact.
"""

import pytest

from .conftest import by_quote


@pytest.mark.parametrize("text, figure, whole", [
    # another measure: revenue, a bid, a backlog
    ("Orbis agreed to buy Calder Systems for $32 billion. Calder will join Orbis Cloud, apart from the ad "
     "business that brings in most of Orbis's $350 billion annual revenue.",
     "$350 billion annual", ("$32 billion", "acquisition_price")),
    ("Vantor Energy signed a $12 billion contract with Orbis, adding to a $455 billion backlog of contracts.",
     "$455 billion", ("$12 billion", "total_value")),
    # a part: a first tranche
    ("Orbis will invest up to $40 billion in Calder Labs, and the first $10 billion arrives this year.",
     "$10 billion", ("up to $40 billion", "investment_amount")),
])
def test_a_part_or_another_measure_is_unassigned(claims_of, text, figure, whole):
    got = by_quote(claims_of(text))
    assert got[figure][0] == "unassigned"
    assert got[whole[0]][0] == whole[1]


@pytest.mark.parametrize("text, other, day", [
    ("Calder Systems shares fell 3% on Tuesday. The stock is down 15% this year.", "15%", "3%"),
    ("Calder Systems shares rose as much as 9% before closing up 4%.", "as much as 9%", "4%"),
    ("Calder Systems shares rose 6% on Monday and have gained 40% since January.", "40%", "6%"),
])
def test_a_stock_move_over_another_window_is_unassigned(claims_of, text, other, day):
    got = by_quote(claims_of(text))
    assert got[other][0] == "unassigned"
    assert got[day][0] == "stock_change"


@pytest.mark.parametrize("text, figure", [
    ("Calder Cloud has a 13% share of the cloud market, and its shares rose on the news.", "13%"),
    ("Calder Cloud's revenue jumped 32% in the quarter, its shares were flat.", "32%"),
    ("Orbis holds a 9% stake in Calder Cloud, whose shares trade in New York.", "9%"),
])
def test_a_percent_of_another_measure_is_no_stock_move(claims_of, text, figure):
    got = by_quote(claims_of(text))
    assert got.get(figure, ("none",))[0] != "stock_change"


def test_a_breakup_fee_is_not_the_price(claims_of):
    claims = claims_of("Orbis agreed to acquire Calder Systems for $32 billion. Orbis would pay a $3.2 billion "
                       "breakup fee if the acquisition falls through.")
    prices = {c.quote for c in claims if c.attribute in ("acquisition_price", "total_value")}
    assert prices == {"$32 billion"}


@pytest.mark.parametrize("text, figure, reason_kind", [
    # a vague amount states no figure
    ("Orbis signed a cloud deal with Calder Cloud worth tens of billions of dollars.",
     "tens of billions of dollars", "vague"),
    # a conversion restates the figure before it in another currency
    ("Orbis invested 1.3 billion euros ($1.5 billion) in Calder Labs.", "$1.5 billion", "conversion"),
    # a bare small amount is a per-share price, not a deal's total
    ("Orbis agreed to buy Calder Systems for $63 in cash, or about $9.4 billion.", "$63", "small"),
    # money that is paid only if the deal fails
    ("Orbis would pay Calder Systems $3.2 billion if the acquisition falls through.", "$3.2 billion",
     "conditional"),
    # another basis than the whole's
    ("Orbis agreed to buy Calder Systems for $85 billion, or about $72 billion on an equity basis.",
     "about $72 billion", "basis"),
    # an earlier round
    ("Calder Labs raised $2 billion at a $12 billion valuation, nearly doubling its previous $6 billion "
     "round.", "$6 billion", "earlier"),
])
def test_a_figure_that_is_not_the_whole_is_unassigned(claims_of, text, figure, reason_kind):
    got = by_quote(claims_of(text))
    assert got.get(figure, ("unassigned",))[0] == "unassigned", reason_kind


def test_a_proportion_of_shares_is_no_stock_move(claims_of):
    got = by_quote(claims_of("Orbis will own more than 80% of Calder Systems shares after the deal, and Calder "
                             "Systems shares rose 25% on Monday."))
    assert got["more than 80%"][0] == "unassigned"
    assert got["25%"][0] == "stock_change"


@pytest.mark.parametrize("text, is_location", [
    ("Orbis signed a deal to rent capacity at a data center in Childress, Texas, from Calder Cloud.", True),
    ("Calder Cloud, which is based in Austin, signed a $2 billion deal with Orbis.", False),
    ("Orbis signed a $2 billion deal with Calder Cloud, the companies said in Austin.", False),
])
def test_a_deal_location_is_a_site(claims_of, text, is_location):
    located = [c for c in claims_of(text) if c.attribute == "location"]
    assert bool(located) is is_location


@pytest.mark.parametrize("text, figure", [
    ("Orbis will pay $76 a share in cash plus up to $3 a share in contingent value rights for Calder Systems.",
     "up to $3 a share"),
    ("Calder Labs raised $2 billion from Orbis after raising $3.3 billion to date.", "$3.3 billion"),
    ("Orbis invested €1.3 billion, or about $1.5 billion, in Calder Labs.", "about $1.5 billion"),
    ("Orbis agreed to buy Calder Systems for $32 billion; Calder generated ~$750 million in annual revenue.",
     "~$750 million"),
])
def test_parts_earlier_figures_conversions_and_yearly_measures_are_unassigned(claims_of, text, figure):
    got = by_quote(claims_of(text))
    assert got.get(figure, ("unassigned",))[0] == "unassigned"


def test_a_figure_generated_for_a_party_is_the_deals(claims_of):
    got = by_quote(claims_of("Orbis signed a five-year lease with Calder Cloud, generating well over $6 billion in "
                             "revenue for Calder Cloud."))
    assert got["well over $6 billion"][0] == "total_value"


def test_a_postponed_or_online_date_is_a_schedule(claims_of):
    got = by_quote(claims_of("Orbis signed a five-year lease with Calder Cloud in March. The capacity will come "
                             "online by the end of 2026."))
    assert all(a != "end_date" for a, _ in got.values())


@pytest.mark.parametrize("text, figure", [
    # another deal of the same company, stated beside the main one
    ("Orbis signed a $9.7 billion contract with Calder Cloud. Calder Cloud is separately committing $5.8 billion "
     "to buy servers from Halden Systems.", "$5.8 billion"),
    # an offer that was turned down
    ("Orbis agreed to buy Calder Systems for $79 a share. Calder Systems had rejected a $72 a share offer from "
     "Orbis in May.", "$72 a share"),
    # one of two forms of consideration
    ("Calder Systems holders can take $63 a share in cash or a mix of $57 a share in cash plus an equity unit.",
     "$57 a share"),
    # a pre-money valuation and its conversion
    ("Calder Labs raised €1.7 billion from Orbis, valuing it at €10 billion before new money, or about US "
     "$11.7 billion.", "US $11.7 billion"),
])
def test_another_deal_offer_form_or_basis_is_unassigned(claims_of, text, figure):
    got = by_quote(claims_of(text))
    assert got.get(figure, ("unassigned",))[0] == "unassigned"


def test_a_separate_deal_named_in_its_clause_keeps_its_figure(claims_of):
    got = by_quote(claims_of("Orbis signed a five-year deal with Calder Cloud worth $9 billion. Halden Systems has "
                             "separately agreed to pay Calder Cloud about $920 million per month."))
    assert got["about $920 million per month"] == ("monthly_payment", ("Calder Cloud", "Halden Systems"))


@pytest.mark.parametrize("text", [
    "Halvorsen Air operates more than 200 Kestrel jets across its network.",
    "Halvorsen Air aims to expand its fleet beyond 800 aircraft by 2033.",
])
def test_a_fleet_is_no_order(claims_of, text):
    assert not [c for c in claims_of(text) if c.attribute == "order_quantity"]


@pytest.mark.parametrize("text, figure", [
    # one figure across several deals
    ("Orbis has signed deals worth more than $1.4 trillion with Calder Cloud, Halden Systems and Vantor Energy.",
     "more than $1.4 trillion"),
    # an earlier round, dated to an earlier year than the story
    ("Calder Labs raised €600 million in 2024, at a valuation of around €6 billion.", "€600 million"),
    # the value of a holding
    ("Orbis owns about 10% of Calder Labs, a stake now worth around $2 billion.", "around $2 billion"),
    # a running total of orders
    ("The order from Halvorsen Air brings its total commitments to 270 Kestrel jets.", "270 Kestrel jets"),
])
def test_totals_earlier_rounds_and_holdings_are_unassigned(claims_of, text, figure):
    got = by_quote(claims_of(text, published="2025-09-09"))
    assert got.get(figure, ("unassigned",))[0] == "unassigned"


@pytest.mark.parametrize("text", [
    "Orbis signed a cloud deal with Calder Cloud, confirming a Reuters report from Sunday.",
    "Calder Cloud signed a deal with Orbis after its revenue posted a 32% jump from the previous year.",
])
def test_a_report_or_comparison_date_is_no_start(claims_of, text):
    assert not [c for c in claims_of(text) if c.attribute == "start_date"]
