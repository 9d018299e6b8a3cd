"""Reconciliation scenarios built from hand-made claims, and order independence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.records import DateValue, Money
from pipeline.reconcile import reconcile_claims
from pipeline.reconcile.values import compatible

from .helpers import ANTHROPIC, REFLECTION, claim


def fact(result, attribute, subject=REFLECTION):
    [found] = [f for f in result.facts if f.attribute == attribute and f.subject == subject]
    return found


def reflection_claims(config):
    c = lambda *a, **k: claim(config, *a, **k)  # noqa: E731
    return [
        c("CNBC", "monthly_payment", "$150 million per month", "money"),
        c("TechCrunch", "monthly_payment", "$150 million a month", "money"),
        c("Axios", "monthly_payment", "$150 million a month", "money"),
        c("TechCrunch", "total_value", "up to $6.3 billion", "money"),
        c("CNBC", "total_value", "about $6.3 billion", "money"),
        c("Gizmodo", "total_value", "well over $6 billion", "money"),
        c("CNBC", "start_date", "2026-07-01", "date"),
        c("TechCrunch", "start_date", "2026-07-01", "date"),
        c("CNBC", "end_date", "2029", "date"),
        c("TechCrunch", "end_date", "2029", "date"),
        c("Axios", "end_date", "2029", "date"),
        c("Reuters", "end_date", "2029", "date", attributed_to="CNBC"),
        c("Wccftech", "end_date", "June 2029", "date", quote="running through June 2029"),
        c("Benzinga", "end_date", "end of 2029", "date", quote="through the end of 2029"),
    ]


def test_reflection_end_date_is_a_conflict_settled_by_arithmetic(config):
    result = reconcile_claims(reflection_claims(config), config)
    end = fact(result, "end_date")
    assert end.status == "conflict"
    assert end.value == DateValue("2029-12", "month", "2029-12-01", "2029-12-31")
    assert end.reason.startswith("end of 2029 (Benzinga) vs June 2029 (Wccftech); "
                                 "2029 (Axios, CNBC, Reuters via CNBC, TechCrunch) fits either (6 outlets, 5 origins: ")
    assert "$150M/month x 42 months = $6.3B supports December 2029" in end.reason
    assert "June 2029 gives 36 months x $150M/month = $5.4B, not $6.3B" in end.reason
    # Reuters repeats CNBC: one origin, and the derived value is not a claim of anyone
    assert end.sources == 5 and "Reuters" not in end.origins
    assert all(not c.derived for c in end.claims) and len(end.claims) == 6
    assert fact(result, "total_value").status == "refined"
    assert fact(result, "total_value").value.amount == 6.3e9
    assert fact(result, "monthly_payment").status == "agreed"
    assert fact(result, "start_date").status == "agreed"
    # the outlet alone on the losing side of a conflict ends below the ones that agree
    trust = {s.outlet: s for s in result.sources}
    assert trust["Wccftech"].trust < trust["CNBC"].trust
    assert trust["Wccftech"].outvoted == 1


def test_one_dissenting_outlet_against_four(config):
    outlets = ["CNBC", "TechCrunch", "Axios", "Reuters"]
    claims = [claim(config, o, "monthly_payment", "$150 million per month", "money") for o in outlets]
    claims.append(claim(config, "Gizmodo", "monthly_payment", "$250 million per month", "money"))
    result = reconcile_claims(claims, config)
    f = fact(result, "monthly_payment")
    assert f.status == "conflict" and f.sources == 5
    assert f.value == Money("USD", 150e6, 150e6, 150e6, per="month")
    assert f.reason.startswith("$150M/month (Axios, CNBC, Reuters, TechCrunch) vs $250M/month (Gizmodo) "
                               "(5 outlets, 5 origins: Axios, CNBC, Gizmodo, Reuters, TechCrunch); ")
    assert "$150M/month has the most trusted support: 4 of 5 origins (trust 0.87) against Gizmodo 0.59" in f.reason
    assert 0.5 < f.confidence < 1
    trust = {s.outlet: s.trust for s in result.sources}
    assert trust["Gizmodo"] < min(trust[o] for o in outlets)


def test_two_outlets_copying_a_third_count_once(config):
    sentence = "Reflection AI will pay SpaceX $150 million per month beginning July 1, 2026, through 2029."
    claims = [
        claim(config, "CNBC", "monthly_payment", "$150 million per month", "money", sentence=sentence),
        claim(config, "Coinpaper", "monthly_payment", "$150 million per month", "money",
              sentence=sentence.replace("will pay", "is to pay")),  # a syndicated copy, lightly edited
        claim(config, "Benzinga", "monthly_payment", "$150 million a month", "money", attributed_to="CNBC"),
        claim(config, "TechCrunch", "monthly_payment", "$150 million a month", "money",
              sentence="Reflection AI will pay $150 million a month, the company told TechCrunch."),
    ]
    f = fact(reconcile_claims(claims, config), "monthly_payment")
    assert f.sources == 2 and f.origins == ("CNBC", "TechCrunch")
    assert f.status == "agreed"
    assert "4 outlets, 2 origins: CNBC, TechCrunch" in f.reason


def test_five_copies_of_one_article_are_single(config):
    text = "SpaceX will rent Colossus 2 to Reflection AI for $150 million per month through June 2029, it said."
    claims = []
    for outlet in ["Site A", "Site B", "Site C", "Site D", "Site E"]:
        claims.append(claim(config, outlet, "monthly_payment", "$150 million per month", "money", sentence=text,
                            article=f"corpus/{outlet}.txt"))
        claims.append(claim(config, outlet, "end_date", "June 2029", "date", sentence=text,
                            article=f"corpus/{outlet}.txt"))
    result = reconcile_claims(claims, config)
    assert {(f.sources, f.status) for f in result.facts} == {(1, "single")}
    assert "5 outlets, 1 origin" in result.facts[0].reason


def test_claims_without_outlet_stand_for_their_article(config):
    claims = [claim(config, None, "end_date", "2029", "date", article="corpus/a.txt"),
              claim(config, None, "end_date", "2029", "date", article="corpus/b.txt")]
    f = fact(reconcile_claims(claims, config), "end_date")
    assert f.origins == ("corpus/a.txt", "corpus/b.txt") and f.status == "agreed"


def _tie(config, total):
    c = lambda *a, **k: claim(config, *a, subject=ANTHROPIC, **k)  # noqa: E731
    return [
        c("CNBC", "monthly_payment", "$1.25 billion per month", "money"),
        c("Reuters", "monthly_payment", "$1.25 billion per month", "money"),
        c("CNBC", "total_value", total, "money"),
        c("Reuters", "total_value", total, "money"),
        c("CNBC", "start_date", "2026-06-01", "date"),
        c("Reuters", "start_date", "2026-06-01", "date"),
        c("Wccftech", "end_date", "May 2029", "date"),
        c("Benzinga", "end_date", "July 2029", "date"),
    ]


def test_arithmetic_breaks_a_tie(config):
    # 36 months from June 2026 ends May 2029; 38 months ends July 2029
    may = fact(reconcile_claims(_tie(config, "$45 billion"), config), "end_date", ANTHROPIC)
    july = fact(reconcile_claims(_tie(config, "$47.5 billion"), config), "end_date", ANTHROPIC)
    assert may.status == july.status == "conflict"
    assert may.value.value == "2029-05" and july.value.value == "2029-07"
    assert "$1.25B/month x 36 months = $45B supports May 2029" in may.reason
    assert "July 2029 gives 38 months x $1.25B/month = $47.5B, not $45B" in may.reason


def test_monthly_and_annual_payments_support_each_other(config):
    claims = [claim(config, "Wccftech", "monthly_payment", "$1.25 billion per month", "money", subject=ANTHROPIC),
              claim(config, "CNBC", "monthly_payment", "$1.25 billion per month", "money", subject=ANTHROPIC),
              claim(config, "Wccftech", "annual_payment", "$15 billion per year", "money", subject=ANTHROPIC)]
    result = reconcile_claims(claims, config)
    annual = fact(result, "annual_payment", ANTHROPIC)
    assert annual.status == "single"
    assert "consistent with $1.25B/month x 12 = $15B/year" in annual.reason
    assert "x 12" in fact(result, "monthly_payment", ANTHROPIC).reason


def test_rates_and_totals_are_never_merged(config):
    claims = [claim(config, "CNBC", "total_value", "$150 million per month", "money"),
              claim(config, "Axios", "total_value", "$150 million", "money")]
    assert fact(reconcile_claims(claims, config), "total_value").status == "conflict"


# ------------------------------------------------------------------------------------ order independence

@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_result_does_not_depend_on_claim_order(config, rnd):
    claims = reflection_claims(config) + _tie(config, "$45 billion")
    expected = reconcile_claims(claims, config)
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert reconcile_claims(shuffled, config) == expected


AMOUNTS = st.sampled_from(["$6.3 billion", "$6.25 billion", "up to $6.3 billion", "about $6.3 billion",
                           "well over $6 billion", "$5.4 billion", "nearly $6.5 billion", "more than $7 billion"])
DATES = st.sampled_from(["2029", "June 2029", "end of 2029", "2029-12", "Q4 2029", "2030", "mid-2029"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C", "D"]), AMOUNTS, DATES), min_size=1, max_size=6))
def test_canonical_value_fits_every_claim_of_an_agreed_or_refined_fact(config, rows):
    claims = []
    for n, (outlet, amount, when) in enumerate(rows):
        claims.append(claim(config, outlet, "total_value", amount, "money", article=f"a{n}"))
        claims.append(claim(config, outlet, "end_date", when, "date", article=f"a{n}"))
    result = reconcile_claims(claims, config)
    for f in result.facts:
        assert 0.0 <= f.confidence <= 1.0
        assert f.sources == len({c.outlet for c in f.claims})
        if f.status in ("agreed", "refined"):
            assert all(compatible(f.value, c.value, config) for c in f.claims)
    assert reconcile_claims(list(reversed(claims)), config) == result


def test_an_aggregator_citing_two_reporters_does_not_merge_them(config):
    claims = [claim(config, "Navi", "end_date", "July 2029", "date", attributed_to="TechCrunch", article="n1"),
              claim(config, "Navi", "end_date", "May 2029", "date", attributed_to="CNBC", article="n2"),
              claim(config, "TechCrunch", "end_date", "July 2029", "date"),
              claim(config, "CNBC", "end_date", "May 2029", "date"),
              claim(config, None, "end_date", "2029", "date", article="corpus/digest.txt")]
    f = fact(reconcile_claims(claims, config), "end_date")
    assert f.origins == ("CNBC", "TechCrunch", "corpus/digest.txt")
    assert f.status == "conflict"


# ------------------------------------------------------------------------------ first_seen / last_seen

def _dated(config, outlet, text, published, article=None):
    from dataclasses import replace

    return replace(claim(config, outlet, "end_date", text, "date", article=article), published=published)


@pytest.mark.parametrize("published, first, last", [
    (["2026-03-04", "2026-01-15", "2026-02-01"], "2026-01-15", "2026-03-04"),
    (["2026-03-04", None, "2026-02-01"], "2026-02-01", "2026-03-04"),  # an undated article adds nothing
    ([None, None, None], None, None),  # no date at all: null, not a guess
    (["2026-03-04T23:30:00Z", "2026-03-04", None], "2026-03-04", "2026-03-04"),  # a timestamp counts by its day
    (["yesterday", "2026-05-01", None], "2026-05-01", "2026-05-01"),  # a cell that is no date is none
])
def test_first_and_last_seen_are_the_earliest_and_latest_publication_days(config, published, first, last):
    claims = [_dated(config, outlet, "2029", day, article=f"a{n}")
              for n, (outlet, day) in enumerate(zip(["CNBC", "Axios", "Reuters"], published))]
    f = fact(reconcile_claims(claims, config), "end_date")
    assert (f.first_seen, f.last_seen) == (first, last)
    d = f.as_dict()
    assert (d["first_seen"], d["last_seen"]) == (first, last)
    assert list(d)[list(d).index("reason") + 1:list(d).index("reason") + 3] == ["first_seen", "last_seen"]


def test_first_and_last_seen_in_the_flat_fact_table(config):
    import pandas as pd

    from pipeline.reconcile import reconcile_frame

    table = pd.DataFrame([
        {"source": "CNBC", "subject": "Acme + Globex", "attribute": "end_date", "value": "2029",
         "published": "2026-02-01"},
        {"source": "Axios", "subject": "Acme + Globex", "attribute": "end_date", "value": "June 2029",
         "published": "2026-04-30"},
        {"source": "Axios", "subject": "Acme + Globex", "attribute": "total_value", "value": "$5 billion",
         "published": ""},
    ])
    rows = reconcile_frame(table, config).set_index("attribute")
    assert (rows.loc["end_date", "first_seen"], rows.loc["end_date", "last_seen"]) == ("2026-02-01", "2026-04-30")
    assert pd.isna(rows.loc["total_value", "first_seen"]) and pd.isna(rows.loc["total_value", "last_seen"])
