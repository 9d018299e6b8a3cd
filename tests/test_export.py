"""Export: one row per fact in every format, round trips, verified-only, atomic writes."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.audit import sort_key
from pipeline.errors import UsageError
from pipeline.export import FACT_COLUMNS, export_facts, flatten_fact

FIXTURE = Path(__file__).parent / "fixtures" / "facts_sample.json"


@pytest.fixture
def facts() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_json_round_trip_equals_input_sorted(facts):
    data = export_facts(facts, "json", None)
    assert json.loads(data) == sorted(facts, key=sort_key)


def test_json_file_round_trip(facts, tmp_path):
    out = tmp_path / "facts.json"
    assert export_facts(facts, "json", out) is None
    assert json.loads(out.read_text(encoding="utf-8")) == sorted(facts, key=sort_key)


def test_csv_has_one_row_per_fact_in_sorted_order(facts, tmp_path):
    out = tmp_path / "facts.csv"
    export_facts(facts, "csv", out)
    frame = pd.read_csv(out)
    assert len(frame) == len(facts)
    assert list(frame.columns) == list(FACT_COLUMNS)
    assert list(frame["fact_id"]) == [f["fact_id"] for f in sorted(facts, key=sort_key)]


def test_csv_to_stdout_bytes_match_file(facts, tmp_path):
    out = tmp_path / "facts.csv"
    export_facts(facts, "csv", out)
    assert export_facts(facts, "csv", None) == out.read_bytes()


def test_parquet_readable_by_pandas_with_types(facts, tmp_path):
    out = tmp_path / "facts.parquet"
    export_facts(facts, "parquet", out)
    frame = pd.read_parquet(out)
    assert len(frame) == len(facts)
    assert frame["value_amount"].dtype.kind == "f"
    assert frame["sources"].dropna().astype(int).tolist() == [f["sources"] for f in sorted(facts, key=sort_key)]
    conflict = frame[frame["attribute"].eq("end_date") & frame["parties"].eq("Reflection AI; SpaceX")].iloc[0]
    assert conflict["value"] == "December 2029"
    assert conflict["value_date_low"] == "2029-12-01"


def test_sqlite_tables_and_row_counts(facts, tmp_path):
    out = tmp_path / "facts.db"
    export_facts(facts, "sqlite", out)
    with sqlite3.connect(out) as conn:
        assert conn.execute("select count(*) from facts").fetchone()[0] == len(facts)
        assert conn.execute("select count(*) from claims").fetchone()[0] == sum(len(f["claims"]) for f in facts)
        quotes = {q for (q,) in conn.execute(
            "select quote from claims join facts using (fact_id) where facts.attribute = 'end_date' "
            "and facts.parties = 'Reflection AI; SpaceX'")}
        assert "starting in July 2026 and running through June 2029" in quotes
        row = conn.execute('select "start", "end", value from claims where outlet = ? and quote like ?',
                           ("Wccftech", "%June 2029%")).fetchone()
    assert row[1] - row[0] == len("starting in July 2026 and running through June 2029")
    assert row[2] == "June 2029"


def test_sqlite_overwrites_an_existing_database(facts, tmp_path):
    out = tmp_path / "facts.db"
    export_facts(facts, "sqlite", out)
    export_facts(facts[:2], "sqlite", out)
    with sqlite3.connect(out) as conn:
        assert conn.execute("select count(*) from facts").fetchone()[0] == 2


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "sqlite"])
def test_verified_only_keeps_only_verified_facts(facts, tmp_path, fmt):
    out = tmp_path / f"facts.{fmt}"
    export_facts(facts, fmt, out, verified_only=True)
    expected = sorted(f["fact_id"] for f in facts if f["verified"])
    assert expected  # the fixture holds verified facts
    if fmt == "json":
        got = [f["fact_id"] for f in json.loads(out.read_text())]
    elif fmt == "csv":
        got = pd.read_csv(out)["fact_id"].tolist()
    elif fmt == "parquet":
        got = pd.read_parquet(out)["fact_id"].tolist()
    else:
        with sqlite3.connect(out) as conn:
            got = [r[0] for r in conn.execute("select fact_id from facts")]
    assert sorted(got) == expected


@pytest.mark.parametrize("fmt", ["parquet", "sqlite"])
def test_binary_formats_need_an_output_path(facts, fmt):
    with pytest.raises(UsageError, match="-o FILE"):
        export_facts(facts, fmt, None)


def test_unknown_format_is_a_usage_error(facts):
    with pytest.raises(UsageError, match="unknown export format"):
        export_facts(facts, "xlsx", None)


def test_empty_fact_table_exports_headers_only(tmp_path):
    assert json.loads(export_facts([], "json", None)) == []
    assert export_facts([], "csv", None).decode().strip() == ",".join(FACT_COLUMNS)
    export_facts([], "parquet", tmp_path / "empty.parquet")
    assert pd.read_parquet(tmp_path / "empty.parquet").empty


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "sqlite"])
def test_failed_write_leaves_old_file_intact_and_no_temp(facts, tmp_path, monkeypatch, fmt):
    out = tmp_path / f"facts.{fmt}"
    out.write_bytes(b"old contents")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        export_facts(facts, fmt, out)
    assert out.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


@pytest.mark.parametrize("value, expected", [
    ({"kind": "money", "currency": "USD", "amount": 150e6, "low": 150e6, "high": 150e6, "hedge": "exact",
      "per": "month"},
     {"value": "$150M/month", "value_amount": 150e6, "value_currency": "USD", "value_per": "month",
      "value_low": 150e6, "value_date_low": None}),
    ({"kind": "date", "value": "2029", "granularity": "year", "low": "2029-10-01", "high": "2029-12-31",
      "mod": "end"},
     {"value": "end of 2029", "value_date": "2029", "value_date_low": "2029-10-01", "value_low": None,
      "value_granularity": "year", "value_mod": "end"}),
    ({"kind": "duration", "amount": 90, "unit": "day", "days": 90},
     {"value": "90 days", "value_amount": 90, "value_unit": "day", "value_days": 90}),
    ({"kind": "count", "amount": 72000, "low": None, "high": None, "hedge": "about", "item": "GPU", "model": "GB300"},
     {"value": "about 72,000 GB300 GPUs", "value_item": "GPU", "value_model": "GB300"}),
    ({"kind": "percent", "amount": 4.5, "low": 4.5, "high": 4.5, "hedge": "exact", "direction": "up"},
     {"value": "up 4.5%", "value_direction": "up"}),
    ({"kind": "text", "value": "GB300"}, {"value": "GB300", "value_kind": "text", "value_amount": None}),
    ("December 2029", {"value": "December 2029", "value_kind": "text"}),
])
def test_flatten_value_columns(value, expected):
    fact = {"fact_id": "x", "subject": {"kind": "deal", "parties": ["A", "B"]}, "attribute": "a",
            "value": value, "status": "single", "confidence": 0.5, "sources": 1, "reason": "", "claims": []}
    row = flatten_fact(fact)
    assert set(row) == set(FACT_COLUMNS)
    assert row["parties"] == "A; B"
    assert {k: row[k] for k in expected} == expected


text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(reason=text, party=text, quote=text, outlet=text)
@example(reason="0", party="0", quote="a\rb", outlet="\r")  # a lone CR once split the row
def test_text_fields_survive_csv_and_sqlite(tmp_path_factory, reason, party, quote, outlet):
    fact = {"fact_id": "f1", "subject": {"kind": "entity", "parties": [party]}, "attribute": "location",
            "value": {"kind": "text", "value": quote}, "status": "single", "confidence": 0.5, "sources": 1,
            "reason": reason, "verified": False,
            "claims": [{"article": "a.txt", "outlet": outlet, "attributed_to": None, "quote": quote, "start": 0,
                        "end": len(quote), "value": {"kind": "text", "value": quote}}]}
    row = pd.read_csv(io.BytesIO(export_facts([fact], "csv", None)), dtype=str, keep_default_na=False).iloc[0]
    assert (row["reason"], row["parties"], row["value"], row["outlets"]) == (reason, party, quote, outlet)
    out = tmp_path_factory.mktemp("db") / "facts.db"
    export_facts([fact], "sqlite", out)
    with sqlite3.connect(out) as conn:
        assert conn.execute("select quote, outlet from claims").fetchone() == (quote, outlet)
        assert conn.execute("select reason, parties from facts").fetchone() == (reason, party)


def test_output_in_a_missing_directory_is_a_usage_error(facts, tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        export_facts(facts, "csv", tmp_path / "nope" / "facts.csv")
