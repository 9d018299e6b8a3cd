"""The real-news scorer (benchmarks/real_eval.py): name matching, value credit, and its floors on the set.

The set's texts are third-party writing kept out of git; the floor test skips when they are absent.
"""

import json
from pathlib import Path

import pytest

from benchmarks.real_eval import REAL, Names, available_events, load_sources, score_event, value_score

USD = {"kind": "money", "currency": "USD", "per": None}


def money(amount, hedge="exact", low=None, high=None, per=None):
    low = amount if low is None and hedge == "exact" else low
    high = amount if high is None and hedge in ("exact", "up to") else high
    return {**USD, "amount": amount, "hedge": hedge, "low": low, "high": high, "per": per}


@pytest.mark.parametrize("gold, written, same", [
    ("Meta Platforms", "Meta", True),
    ("Meta", "Meta Platforms Inc.", True),
    ("Alphabet", "Google", True),            # by the event's aliases
    ("Palo Alto Networks", "Palo Alto", True),
    ("Meta", "Metaverse Labs", False),
    ("Google", "Google Cloud", True),       # a longer written form is the same organisation here
    ("Amazon", "OpenAI", False),
])
def test_names_match_their_longer_form_and_aliases(gold, written, same):
    assert Names({"Alphabet": ["Google"]}).same(gold, written) is same


@pytest.mark.parametrize("gold, written, points", [
    (money(10e9), money(10e9), 1.0),
    (money(10e9), money(10e9, "more than", low=10e9), 0.5),
    (money(10e9), money(12e9), 0.0),
    (money(150e6, per="month"), money(150e6, per="year"), 0.0),
    ({"kind": "date", "value": "2029-06", "granularity": "month", "low": "2029-06-01", "high": "2029-06-30"},
     {"kind": "date", "value": "2029", "granularity": "year", "low": "2029-01-01", "high": "2029-12-31"}, 0.5),
    ({"kind": "date", "value": "2029-06", "granularity": "month", "low": "2029-06-01", "high": "2029-06-30"},
     {"kind": "date", "value": "2028", "granularity": "year", "low": "2028-01-01", "high": "2028-12-31"}, 0.0),
    ({"kind": "duration", "amount": 6, "unit": "year", "days": 2191.5},
     {"kind": "duration", "amount": 72, "unit": "month", "days": 2191.5}, 1.0),
])
def test_value_credit(gold, written, points):
    assert value_score(gold, written) == points


def test_a_split_subject_counts_its_second_fact_as_unmatched():
    spec = {"aliases": {}, "traps": [], "facts": [
        {"subject": {"kind": "deal", "parties": ["Acme", "Globex"]}, "attribute": "total_value",
         "value": money(5e9), "status": "agreed", "claims": []}]}
    claim = {"article": "benchmarks/real/texts/ev/a.txt", "quote": "$5 billion"}
    written = [
        {"subject": {"kind": "deal", "parties": ["Acme", "Globex"]}, "attribute": "total_value",
         "value": money(5e9), "status": "agreed", "claims": [claim, claim]},
        {"subject": {"kind": "deal", "parties": ["Acme Group", "Globex"]}, "attribute": "total_value",
         "value": money(5e9), "status": "single", "claims": [claim]},
    ]
    figures = score_event("ev", spec, written).figures()
    assert figures["fact_recall"] == 1.0
    assert figures["fact_precision"] == 0.5
    assert figures["value_accuracy"] == 1.0


def test_the_real_set_meets_its_floors():
    events, _ = available_events(load_sources(), None)
    if not events:
        pytest.skip("the real-news texts are not present (git-ignored); see benchmarks/real/README.md")
    baseline = json.loads((Path(REAL) / "baseline.json").read_text(encoding="utf-8"))
    from benchmarks.real_eval import evaluate

    figures = evaluate(events)["all"].figures()
    for name, floor in baseline.items():
        assert figures[name] >= floor, f"{name} {figures[name]} fell below its floor {floor}"
