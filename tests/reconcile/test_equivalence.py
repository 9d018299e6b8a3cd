"""The near-linear reconciler gives exactly the answer of the all-pairs one it replaced (tests/reconcile/legacy).

Random claims mix every value kind, hedges, precisions, wire attributions, near-duplicate sentences and
publication days over a few subjects, in groups large enough (up to 60 claims) for the sweeps to matter.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.records import Claim, Subject
from pipeline.reconcile import reconcile_claims
from pipeline.reconcile.table import parse_value
from pipeline.reconcile.values import any_incompatible, compatible, count_same, group_same, same

from . import legacy

SUBJECTS = [Subject("deal", ("Acme AI", "Globex")), Subject("deal", ("Initech", "Umbrella")),
            Subject("entity", ("Acme AI",))]
VALUES = {
    "total_value": ["$6.3 billion", "$6.25 billion", "up to $6.3 billion", "about $6.3 billion", "$6,300 million",
                    "well over $6 billion", "$5.4 billion", "nearly $6.5 billion", "more than $7 billion",
                    "at least $6 billion", "less than $8 billion", "$6.3 billion", "$6 billion"],
    "monthly_payment": ["$150 million per month", "$150 million a month", "about $150 million a month",
                        "$125 million a month", "up to $200 million per month"],
    "start_date": ["2026-07-01", "July 2026", "2026", "Q3 2026", "mid-2026", "2026-08-01"],
    "term_length": ["42 months", "3.5 years", "36 months", "3 years", "40 months"],
    "end_date": ["2029", "June 2029", "end of 2029", "2029-12", "Q4 2029", "2030", "mid-2029", "December 2029",
                 "2029-12-31"],
    "gpu_count": ["100,000 GPUs", "about 100,000 GPUs", "up to 120,000 GPUs", "80,000 GPUs", "100,000"],
    "stock_change": ["down 12.8%", "-12.82%", "nearly 13%", "up 3%", "down 13 percent"],
    "chip_model": ["GB300", "Nvidia GB300", "GB200", "B200 chips"],
    "location": ["Memphis", "Memphis, Tennessee", "Site 2 Memphis", "Site 1 Memphis", "Austin"],
}
OUTLETS = ["CNBC", "Reuters", "TechCrunch", "Axios", "Wccftech", "Benzinga", "The Verge", None]
WIRES = [None, None, None, "CNBC", "Reuters"]
SENTENCES = ["", "The deal runs through 2029.",
             "Acme AI will pay Globex about $150 million a month under the agreement, people said.",
             "Acme AI will pay Globex about $150 million a month under the agreement, people said!",
             "Acme AI will pay Globex roughly $150 million a month under the agreement, sources said.",
             "The contract, which begins in July 2026, is worth up to $6.3 billion over its term in total.",
             "Shares of Acme AI fell sharply on Monday after the company cut its outlook for the year."]
DAYS = [None, "2026-01-05", "2026-02-10", "2026-02-10", "2026-03-04T08:00:00Z"]


@st.composite
def claim_lists(draw, max_size: int = 60) -> list[Claim]:
    n = draw(st.integers(1, max_size))
    attributes = draw(st.lists(st.sampled_from(sorted(VALUES)), min_size=1, max_size=4, unique=True))
    claims = []
    for k in range(n):
        attribute = draw(st.sampled_from(attributes))
        text = draw(st.sampled_from(VALUES[attribute]))
        config = CONFIG
        value = parse_value(text, tuple(config["attributes"][attribute]["kinds"]), config)
        outlet = draw(st.sampled_from(OUTLETS))
        claims.append(Claim(
            subject=draw(st.sampled_from(SUBJECTS)), attribute=attribute, value=value,
            article=f"corpus/{draw(st.integers(0, 12))}.txt", quote=text, start=draw(st.sampled_from([None, k])),
            end=None, outlet=outlet, attributed_to=draw(st.sampled_from(WIRES)),
            published=draw(st.sampled_from(DAYS)), sentence=draw(st.sampled_from(SENTENCES))))
    return claims


CONFIG: dict = {}


def _load(config) -> None:
    CONFIG.clear()
    CONFIG.update(config)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_same_facts_and_trust_as_the_all_pairs_reconciler(config, data):
    _load(config)
    claims = data.draw(claim_lists())
    assert reconcile_claims(claims, config) == legacy.reconcile_claims(claims, config)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_value_groupings_match_their_pairwise_definitions(config, data):
    _load(config)
    attribute = data.draw(st.sampled_from(sorted(VALUES)))
    texts = data.draw(st.lists(st.sampled_from(VALUES[attribute] + VALUES["end_date"][:2]), min_size=1, max_size=25))
    values = [parse_value(t, tuple(config["attributes"][attribute]["kinds"]) + ("date",), config) for t in texts]
    # any_incompatible is "some pair is not compatible"
    pairwise = any(not compatible(a, b, config) for i, a in enumerate(values) for b in values[i + 1:])
    assert any_incompatible(values, config) == pairwise
    # group_same is the first-fit grouping by `same`
    expected: list[tuple[object, list[int]]] = []
    for i, v in enumerate(values):
        home = next((g for g in expected if same(g[0], v)), None)
        if home is None:
            expected.append((v, [i]))
        else:
            home[1].append(i)
    assert group_same(values) == expected
    count = count_same(values)
    for v in values:
        assert count(v) == sum(1 for w in values if same(w, v))
