"""Verdicts: stored by fact_id, applied to re-generated fact tables, stale when the value moves."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.verdicts import apply_verdicts, load_verdicts, record_verdict

FIXTURE = Path(__file__).parent / "fixtures" / "facts_sample.json"


@pytest.fixture
def facts() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def store(tmp_path, facts) -> Path:
    """A facts/ directory holding facts.json, as `newsfacts run` leaves it; the store goes beside it."""
    (tmp_path / "facts.json").write_text(json.dumps(facts), encoding="utf-8")
    return tmp_path / "verdicts.json"


def by_id(facts: list[dict], fact_id: str) -> dict:
    return next(f for f in facts if f["fact_id"] == fact_id)


def conflict(facts: list[dict]) -> dict:
    return next(f for f in facts if f["status"] == "conflict" and f["attribute"] == "end_date"
                and f["subject"]["parties"] == ["Reflection AI", "SpaceX"])


def test_missing_store_is_empty(tmp_path):
    assert load_verdicts(tmp_path / "verdicts.json") == {}


def test_record_stores_the_value_seen_and_a_timestamp(store, facts):
    fact = conflict(facts)
    entry = record_verdict(store, fact["fact_id"], "accept", note="checked the filing")
    assert entry["fact_value"] == fact["value"]
    assert entry["verdict"] == "accept" and entry["value"] is None and entry["note"] == "checked the filing"
    assert entry["at"].endswith("+00:00")
    assert load_verdicts(store) == {fact["fact_id"]: entry}


def test_record_replaces_an_earlier_verdict_and_keeps_others(store, facts):
    a, b = facts[0]["fact_id"], facts[1]["fact_id"]
    record_verdict(store, a, "accept")
    record_verdict(store, b, "reject")
    record_verdict(store, a, "reject", note="second look")
    stored = load_verdicts(store)
    assert set(stored) == {a, b}
    assert stored[a]["verdict"] == "reject" and stored[a]["note"] == "second look"


@pytest.mark.parametrize("verdict, value, message", [
    ("approve", None, "unknown verdict"),
    ("", None, "unknown verdict"),
    ("correct", None, "needs the corrected value"),
    ("correct", "", "needs the corrected value"),
])
def test_record_rejects_bad_verdicts(store, facts, verdict, value, message):
    with pytest.raises(UsageError, match=message):
        record_verdict(store, facts[0]["fact_id"], verdict, value)
    assert not store.exists()


def test_record_rejects_an_unknown_fact_id(store):
    with pytest.raises(UsageError, match="no such fact"):
        record_verdict(store, "feedfacefeed", "accept")


def test_record_without_a_fact_table_takes_the_value_given(tmp_path):
    entry = record_verdict(tmp_path / "verdicts.json", "abc", "accept", fact_value={"kind": "text", "value": "x"})
    assert entry["fact_value"] == {"kind": "text", "value": "x"}
    assert record_verdict(tmp_path / "v2.json", "abc", "accept")["fact_value"] is None


def test_malformed_store_is_a_usage_error(tmp_path):
    bad = tmp_path / "verdicts.json"
    bad.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(UsageError, match="verdict file"):
        load_verdicts(bad)
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(UsageError, match="verdict file"):
        load_verdicts(bad)


@pytest.mark.parametrize("verdict, value, verified, extra", [
    ("accept", None, True, {}),
    ("reject", None, False, {}),
    ("correct", {"kind": "date", "value": "2029-06", "granularity": "month", "low": "2029-06-01",
                 "high": "2029-06-30"}, True, {"value": {"kind": "date", "value": "2029-06", "granularity": "month",
                                                          "low": "2029-06-01", "high": "2029-06-30"}}),
    ("correct", "June 2029", True, {"value": {"kind": "text", "value": "June 2029"}}),
])
def test_apply_each_verdict(store, facts, verdict, value, verified, extra):
    fact = conflict(facts)
    record_verdict(store, fact["fact_id"], verdict, value)
    applied = by_id(apply_verdicts(facts, load_verdicts(store)), fact["fact_id"])
    assert applied["verified"] is verified
    assert applied["verdict"] == verdict
    assert "verdict_stale" not in applied
    for key, expected in extra.items():
        assert applied[key] == expected


def test_apply_leaves_other_facts_and_the_input_unchanged(store, facts):
    before = copy.deepcopy(facts)
    fact = conflict(facts)
    record_verdict(store, fact["fact_id"], "accept")
    applied = apply_verdicts(facts, load_verdicts(store))
    assert facts == before
    assert [f for f in applied if f["fact_id"] != fact["fact_id"]] == \
        [f for f in before if f["fact_id"] != fact["fact_id"]]
    assert all("verdict" not in f for f in applied if f["fact_id"] != fact["fact_id"])


def regenerate(facts: list[dict]) -> list[dict]:
    """What a re-run produces: new dicts, same ids, numbers as floats, verified reset, order shuffled."""
    fresh = json.loads(json.dumps(facts[::-1]))
    for fact in fresh:
        fact["verified"] = False
        value = fact["value"]
        for key in ("amount", "low", "high"):
            if isinstance(value.get(key), int):
                value[key] = float(value[key])
    return fresh


def test_accept_survives_a_re_run_with_the_same_value(store, facts):
    fact = next(f for f in facts if f["attribute"] == "monthly_payment" and f["status"] == "agreed")
    record_verdict(store, fact["fact_id"], "accept")
    applied = by_id(apply_verdicts(regenerate(facts), load_verdicts(store)), fact["fact_id"])
    assert applied["verified"] is True and applied["verdict"] == "accept"
    assert "verdict_stale" not in applied


def test_accept_goes_stale_when_the_value_changes(store, facts):
    fact = conflict(facts)
    record_verdict(store, fact["fact_id"], "accept")
    rerun = regenerate(facts)
    moved = by_id(rerun, fact["fact_id"])
    moved["value"] = {"kind": "date", "value": "2029-06", "granularity": "month", "low": "2029-06-01",
                      "high": "2029-06-30", "mod": None, "relative": False}
    applied = by_id(apply_verdicts(rerun, load_verdicts(store)), fact["fact_id"])
    assert applied["verified"] is False
    assert applied["verdict_stale"] is True


def test_correction_survives_a_re_run_even_when_the_value_changes(store, facts):
    fact = conflict(facts)
    record_verdict(store, fact["fact_id"], "correct", "June 2029", note="per the contract")
    rerun = regenerate(facts)
    by_id(rerun, fact["fact_id"])["value"] = {"kind": "date", "value": "2029", "granularity": "year",
                                              "low": "2029-01-01", "high": "2029-12-31"}
    applied = by_id(apply_verdicts(rerun, load_verdicts(store)), fact["fact_id"])
    assert applied["value"] == {"kind": "text", "value": "June 2029"}
    assert applied["verified"] is True and applied["verdict_note"] == "per the contract"


def test_verdict_on_a_fact_that_disappeared_is_kept_but_inert(store, facts):
    fact = conflict(facts)
    record_verdict(store, fact["fact_id"], "accept")
    rest = [f for f in facts if f["fact_id"] != fact["fact_id"]]
    assert apply_verdicts(rest, load_verdicts(store)) == rest
    assert fact["fact_id"] in load_verdicts(store)


def test_failed_write_leaves_the_old_store_intact(store, facts, monkeypatch):
    record_verdict(store, facts[0]["fact_id"], "accept")
    before = store.read_bytes()

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        record_verdict(store, facts[1]["fact_id"], "reject")
    assert store.read_bytes() == before
    assert sorted(p.name for p in store.parent.iterdir()) == ["facts.json", "verdicts.json"]


def test_apply_is_idempotent_and_clears_old_flags(store, facts):
    fact = conflict(facts)
    record_verdict(store, fact["fact_id"], "accept", fact_value={"kind": "text", "value": "something else"})
    once = apply_verdicts(facts, load_verdicts(store))
    assert by_id(once, fact["fact_id"])["verdict_stale"] is True
    assert apply_verdicts(once, load_verdicts(store)) == once
    record_verdict(store, fact["fact_id"], "accept")  # re-accepted on the current value
    again = by_id(apply_verdicts(once, load_verdicts(store)), fact["fact_id"])
    assert again["verified"] is True and "verdict_stale" not in again


def test_correction_typed_as_json_is_stored_as_a_value(store, facts):
    fact = conflict(facts)
    typed = '{"kind": "date", "value": "2029-06", "granularity": "month", "low": "2029-06-01", "high": "2029-06-30"}'
    entry = record_verdict(store, fact["fact_id"], "correct", typed)
    assert entry["value"] == json.loads(typed)
    with pytest.raises(UsageError, match="not valid JSON"):
        record_verdict(store, fact["fact_id"], "correct", "{kind: date")
