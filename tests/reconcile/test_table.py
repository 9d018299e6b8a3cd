"""The claims-table entry: cell parsing, subjects, a small CSV end to end, and the output rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.records import Count, DateValue, Duration, Money, Percent, Quantity, Subject, Text
from pipeline.reconcile import claims_from_table, conflict_rows, reconcile_claims, reconcile_frame, source_rows
from pipeline.reconcile.table import TableError, parse_subject, parse_value

DATA = Path(__file__).parent / "data"

CELLS = [
    ("$150 million per month", ("money",), Money("USD", 150e6, 150e6, 150e6, per="month")),
    ("$150 million a month", ("money",), Money("USD", 150e6, 150e6, 150e6, per="month")),
    ("up to $6.3 billion", ("money",), Money("USD", 6.3e9, 0.0, 6.3e9, "up to")),
    ("6.3e9", ("money",), Money("USD", 6.3e9, 6.3e9, 6.3e9)),
    ("$1,250 million", ("money",), Money("USD", 1.25e9, 1.25e9, 1.25e9)),
    ("-$10B", ("money",), Money("USD", -1e10, -1e10, -1e10)),
    ("€5bn a year", ("money",), Money("EUR", 5e9, 5e9, 5e9, per="year")),
    ("2029", ("date",), DateValue("2029", "year", "2029-01-01", "2029-12-31")),
    ("2029-06", ("date",), DateValue("2029-06", "month", "2029-06-01", "2029-06-30")),
    ("June 2029", ("date",), DateValue("2029-06", "month", "2029-06-01", "2029-06-30")),
    ("end of 2029", ("date",), DateValue("2029", "year", "2029-10-01", "2029-12-31", "end")),
    ("July 1, 2026", ("date",), DateValue("2026-07-01", "day", "2026-07-01", "2026-07-01")),
    ("Q2 2029", ("date",), DateValue("2029-Q2", "quarter", "2029-04-01", "2029-06-30")),
    ("90 days", ("duration",), Duration(90, "day")),
    ("42 months", ("duration",), Duration(42, "month")),
    ("-12.82%", ("percent",), Percent(12.82, 12.82, 12.82, "exact", "down")),
    ("nearly 17%", ("percent",), Percent(17, 15.3, 17, "nearly")),
    ("100,000 GB300 GPUs", ("count",), Count(100000, 100000, 100000, "exact", "GPU", "GB300")),
    ("300 MW", ("quantity",), Quantity(300, "MW")),
    ("GB300", ("chip",), Text("GB300")),
    ("Memphis, Tennessee", ("place",), Text("Memphis, Tennessee")),
]


@pytest.mark.parametrize("cell,kinds,expected", CELLS)
def test_parse_value(config, cell, kinds, expected):
    assert parse_value(cell, kinds, config) == expected


def test_unreadable_numeric_cell_is_an_error(config):
    with pytest.raises(TableError):
        parse_value("sometime soon", ("date",), config)


@pytest.mark.parametrize("text,parties,kind", [
    ("Reflection AI + SpaceX", ("Reflection AI", "SpaceX"), "deal"),
    ("SpaceX|Reflection", ("Reflection AI", "SpaceX"), "deal"),
    ("Anthropic, SpaceX", ("Anthropic", "SpaceX"), "deal"),
    ("Google and SpaceX", ("Google", "SpaceX"), "deal"),
    ("SpaceX", ("SpaceX",), "entity"),
])
def test_parse_subject(config, text, parties, kind):
    assert parse_subject(text, config) == Subject(kind, parties)


def test_small_csv_end_to_end(config):
    df = pd.read_csv(DATA / "reflection_claims.csv")
    facts = reconcile_frame(df, config)
    by_attr = {(r.parties, r.attribute): r for r in facts.itertuples()}
    end = by_attr[("Reflection AI; SpaceX", "end_date")]
    assert end.status == "conflict" and end.value == "December 2029" and "42 months" in end.reason
    assert by_attr[("Reflection AI; SpaceX", "total_value")].status == "refined"
    assert by_attr[("SpaceX", "stock_change")].status == "conflict"
    assert by_attr[("Anthropic; SpaceX", "monthly_payment")].status == "agreed"
    assert list(facts["parties"] + facts["attribute"]) == sorted(facts["parties"] + facts["attribute"])
    # a verbatim re-run gives the same table; so does the table upside down
    assert reconcile_frame(df, config).equals(facts)
    assert reconcile_frame(df.iloc[::-1].reset_index(drop=True), config).equals(facts)


def test_conflict_and_source_rows(config):
    result = reconcile_claims(claims_from_table(pd.read_csv(DATA / "reflection_claims.csv"), config), config)
    rows = {(r["parties"], r["attribute"]): r for r in conflict_rows(result.facts, config)}
    end = rows[("Reflection AI + SpaceX", "end_date")]
    # side a holds the canonical value's side (December 2029, from arithmetic, fits the end of 2029)
    assert (end["value_a"], end["outlets_a"]) == ("end of 2029", "Benzinga")
    assert (end["value_b"], end["outlets_b"]) == ("June 2029", "Wccftech")
    assert end["quotes_b"] == "running through June 2029" and end["other_values"].startswith("2029 (")
    assert set(r["status"] for r in rows.values()) == {"conflict", "refined"}
    sources = source_rows(result)
    assert [s["trust"] for s in sources] == sorted((s["trust"] for s in sources), reverse=True)
    assert {"outlet", "trust", "claims", "origins"} <= set(sources[0])


def test_rows_need_the_four_columns(config):
    with pytest.raises(TableError, match="missing column value"):
        claims_from_table(pd.DataFrame([{"source": "CNBC", "subject": "SpaceX", "attribute": "founded"}]), config)
    with pytest.raises(TableError, match="row 2: empty value"):
        claims_from_table([{"source": "CNBC", "subject": "SpaceX", "attribute": "founded", "value": ""}], config)
    with pytest.raises(TableError, match="unknown attribute"):
        claims_from_table([{"source": "CNBC", "subject": "SpaceX", "attribute": "colour", "value": "red"}], config)


def test_pipeline_reconcile_as_a_user_calls_it():
    import pipeline
    from pipeline.export import FACT_COLUMNS
    from pipeline.reconcile.values import describe  # the modules stay importable under the function's name

    facts = pipeline.reconcile(pd.read_csv(DATA / "reflection_claims.csv"))
    assert isinstance(facts, pd.DataFrame) and list(facts.columns) == list(FACT_COLUMNS)
    end = facts[(facts.parties == "Reflection AI; SpaceX") & (facts.attribute == "end_date")].iloc[0]
    assert (end.status, end.value, end.value_date) == ("conflict", "December 2029", "2029-12")
    assert describe({"kind": "date", "value": end.value_date, "granularity": "month"}) == end.value
    assert pipeline.reconcile([{"source": "A", "subject": "X", "attribute": "founded", "value": "2019"}]).status[0] \
        == "single"


def test_claims_csv_of_a_run_reads_back_to_the_same_facts(config, tmp_path):
    from pipeline.output import CLAIM_COLUMNS, claim_rows, csv_bytes

    from .helpers import claim
    sentence = "Acme AI will pay Globex $150 million per month through June 2029, the company said on Monday."
    claims = [claim(config, "Daily Planet", "monthly_payment", "$150 million per month", "money",
                    sentence=sentence, article="corpus/a.txt"),
              claim(config, "Metro Wire", "monthly_payment", "$150 million per month", "money",
                    sentence=sentence.replace("said", "announced"), article="corpus/b.txt"),  # a syndicated copy
              claim(config, None, "end_date", "June 2029", "date", article="corpus/c.txt", attributed_to="The Ledger"),
              claim(config, "Metro Wire", "end_date", "end of 2029", "date", article="corpus/b.txt")]
    (tmp_path / "claims.csv").write_bytes(csv_bytes(claim_rows(claims), CLAIM_COLUMNS))
    again = claims_from_table(pd.read_csv(tmp_path / "claims.csv", dtype=str, keep_default_na=False), config)
    assert reconcile_claims(again, config) == reconcile_claims(claims, config)
    assert fact_sources(reconcile_claims(again, config)) == {"monthly_payment": 1, "end_date": 2}


def fact_sources(result):
    return {f.attribute: f.sources for f in result.facts}
