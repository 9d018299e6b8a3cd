"""Audit: which facts are shown, how values read, and the side-by-side terminal view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.audit import group_claims, render_audit, select_facts, value_key

FIXTURE = Path(__file__).parent / "fixtures" / "facts_sample.json"


@pytest.fixture
def facts() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_value_key_ignores_int_float_spelling_and_key_order():
    assert value_key({"amount": 150000000, "kind": "money"}) == value_key({"kind": "money", "amount": 150e6})
    assert value_key({"kind": "money", "amount": 1.0}) != value_key({"kind": "money", "amount": 1.5})


@pytest.mark.parametrize("statuses, subject, attribute, expected", [
    (("conflict", "refined"), None, None, 4),
    (("conflict",), None, None, 2),
    (None, None, None, 10),
    (("conflict", "refined"), "reflection", None, 3),
    (("conflict",), "Anthropic", None, 1),
    (None, None, "END_DATE", 2),
    (None, "Reflection AI", "founded", 1),
    (("agreed",), "nobody", None, 0),
])
def test_select_facts(facts, statuses, subject, attribute, expected):
    chosen = select_facts(facts, statuses, subject=subject, attribute=attribute)
    assert len(chosen) == expected


def test_select_facts_puts_conflicts_first(facts):
    assert [f["status"] for f in select_facts(facts, ("conflict", "refined"))] == \
        ["conflict", "conflict", "refined", "refined"]


def test_group_claims_by_value_canonical_first(facts):
    total = next(f for f in facts if f["attribute"] == "total_value")
    groups = group_claims(total)
    assert [g.label for g in groups] == ["up to $6.3B", "$6.3B"]
    assert [g.canonical for g in groups] == [True, False]
    assert sum(len(g.claims) for g in groups) == len(total["claims"])


def test_group_claims_counts_syndicated_copies_once(facts):
    end = next(f for f in facts if f["fact_id"] == "e3361f8138bc")
    through_2029 = next(g for g in group_claims(end) if g.label == "2029")
    assert len(through_2029.claims) == 3 and through_2029.origins == 2
    assert "Yahoo Finance (citing CNBC)" in through_2029.outlets
    assert not any(g.canonical for g in group_claims(end))  # December 2029 is derived, stated by no one


def test_render_audit_shows_who_says_what(facts):
    text = render_audit(facts)
    for needle in ("Reflection AI + SpaceX · end_date · CONFLICT", "June 2029", "end of 2029", "Wccftech",
                   "The Information", "running through June 2029", "canonical: December 2029",
                   "150M/month x 42 months", "Anthropic + SpaceX · end_date · CONFLICT", "REFINED"):
        assert needle in text, needle
    assert "founded" not in text and "SINGLE" not in text
    assert text.rstrip().endswith("4 of 10 facts shown (2 conflict, 2 refined, 3 single, 3 agreed in all); 2 verified")


@pytest.mark.parametrize("width", [40, 60, 100, 160])
def test_render_audit_respects_width(facts, width):
    text = render_audit(facts, width=width)
    assert max(len(line) for line in text.splitlines()) <= width


def test_render_audit_puts_competing_values_side_by_side(facts):
    lines = render_audit(facts, width=100).splitlines()
    assert any("June 2029" in line and "end of 2029" in line and "│" in line for line in lines)


def test_render_audit_with_nothing_to_show(facts):
    agreed = [f for f in facts if f["status"] == "agreed"]
    text = render_audit(agreed)
    assert "No facts with status conflict or refined." in text
    assert "0 of 3 facts shown" in text


def test_render_audit_shows_verdicts(facts):
    fact = dict(next(f for f in facts if f["fact_id"] == "e3361f8138bc"), verdict="accept", verdict_stale=True)
    assert "verdict: accept (stale" in render_audit([fact])


def test_render_audit_narrows_by_subject_but_counts_everything(facts):
    text = render_audit(facts, subject="anthropic")
    assert "Anthropic + SpaceX · end_date" in text and "Reflection AI + SpaceX" not in text
    assert "1 of 10 facts shown" in text


def test_unassigned_claims_of_a_fact_show_as_context_never_as_values():
    fact = {"fact_id": "f1", "subject": {"kind": "deal", "parties": ["Calder", "Orbis"]}, "attribute": "total_value",
            "value": {"kind": "money", "currency": "USD", "amount": 32e9, "low": 32e9, "high": 32e9,
                      "hedge": "exact", "per": None},
            "status": "conflict", "confidence": 0.5, "sources": 2, "reason": "r",
            "claims": [{"article": "a.txt", "outlet": "Daily Planet", "quote": "$32 billion",
                        "value": {"kind": "money", "currency": "USD", "amount": 32e9, "hedge": "exact", "per": None}}]}
    unassigned = [
        {"subject": "Calder + Orbis", "attribute": "unassigned", "quote": "$3.2 billion", "outlet": "Metro Wire",
         "article": "b.txt", "sentence": "Orbis would pay $3.2 billion if the deal falls through."},
        {"subject": "", "attribute": "unassigned", "quote": "$96 billion", "outlet": "Daily Planet",
         "article": "a.txt", "sentence": "Orbis ended the year with $96 billion."},
        {"subject": "Halden + Vantor", "attribute": "unassigned", "quote": "$1 billion", "outlet": "Metro Wire",
         "article": "c.txt", "sentence": "Another deal."},
    ]
    out = render_audit([fact], unassigned=unassigned)
    context = out.split("context, not counted")[1]
    assert "$3.2 billion" in context and "$96 billion" in context and "$1 billion" not in context
    assert "$3.2 billion" not in out.split("context, not counted")[0]
