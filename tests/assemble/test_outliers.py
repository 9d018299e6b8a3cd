"""A figure far from what several other outlets agree on is a misread figure, kept unassigned."""

from pipeline.assemble.outliers import drop_outliers
from pipeline.records import Claim, Count, Money, Subject

DEAL = Subject("deal", ("Calder Systems", "Orbis"))
SETTINGS = {"factor": 2.5, "min_outlets": 2}


def claim(amount, outlet, currency="USD", attribute="acquisition_price"):
    return Claim(subject=DEAL, attribute=attribute, value=Money(currency, amount), article=f"{outlet}.txt",
                 quote=str(amount), outlet=outlet)


def attributes(claims):
    return [c.attribute for c in drop_outliers(claims, SETTINGS)]


def test_a_figure_several_times_off_the_consensus_is_unassigned():
    claims = [claim(32e9, "A"), claim(32e9, "B"), claim(32e9, "C"), claim(96e9, "D"), claim(0.75e9, "E")]
    assert attributes(claims) == ["acquisition_price"] * 3 + ["unassigned"] * 2


def test_a_small_disagreement_stays_a_disagreement():
    claims = [claim(6.3e9, "A"), claim(6.3e9, "B"), claim(6.3e9, "C"), claim(6e9, "D"), claim(9e9, "E")]
    assert attributes(claims) == ["acquisition_price"] * 5


def test_no_consensus_no_outlier():
    assert attributes([claim(32e9, "A"), claim(96e9, "B")]) == ["acquisition_price"] * 2
    # one outlet repeating a figure is one outlet
    assert attributes([claim(32e9, "A"), claim(32e9, "A"), claim(96e9, "B")]) == ["acquisition_price"] * 3


def test_another_currency_is_not_judged_by_ratio():
    claims = [claim(1.3e9, "A", "EUR"), claim(1.3e9, "B", "EUR"), claim(1.3e9, "C", "EUR"), claim(1.3e9, "D")]
    assert attributes(claims) == ["acquisition_price"] * 4


def test_a_count_of_another_item_is_off():
    def order(amount, item, outlet):
        return Claim(subject=DEAL, attribute="order_quantity", value=Count(amount, item=item),
                     article=f"{outlet}.txt", quote=str(amount), outlet=outlet)
    claims = [order(65, "aircraft", "A"), order(65, "aircraft", "B"), order(130, "engine", "C")]
    assert attributes(claims) == ["order_quantity", "order_quantity", "unassigned"]


def test_a_percent_far_from_the_consensus_is_unassigned():
    from pipeline.records import Percent

    def premium(amount, outlet):
        return Claim(subject=DEAL, attribute="premium", value=Percent(amount), article=f"{outlet}.txt",
                     quote=f"{amount}%", outlet=outlet)
    claims = [premium(46, "A"), premium(46, "B"), premium(46, "C"), premium(6, "D"), premium(40, "E")]
    assert attributes(claims) == ["premium", "premium", "premium", "unassigned", "premium"]


def test_a_stock_move_reported_on_another_day_is_another_move():
    from pipeline.assemble.outliers import drop_other_days
    from pipeline.records import Percent

    def move(amount, outlet, day):
        return Claim(subject=Subject("entity", ("Calder Systems",)), attribute="stock_change",
                     value=Percent(amount, direction="up"), article=f"{outlet}.txt", quote=f"{amount}%",
                     outlet=outlet, published=day)
    claims = [move(4, "A", "2026-03-04"), move(4.2, "B", "2026-03-05"), move(9, "C", "2026-06-10"),
              move(5, "D", None)]
    kept = [c.attribute for c in drop_other_days(claims, ["stock_change"])]
    assert kept == ["stock_change", "stock_change", "unassigned", "stock_change"]
