"""Export the fact table (SPEC fact dicts) as csv, json, parquet or sqlite.

Flat formats hold one row per fact with the value spread over typed ``value_*`` columns; sqlite
adds a ``claims`` table. Every file is written whole or not at all (temp file + ``os.replace``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from .audit import sort_key
from .errors import UsageError
from .output import atomic_path, csv_bytes, write_atomic
from .reconcile.values import describe

FORMATS = ("csv", "json", "parquet", "sqlite")

# One fixed schema for every fact whatever its value kind, so that parquet and sqlite columns keep one
# type: numbers in value_amount/low/high, ISO dates in value_date*, labels in the text columns.
FACT_COLUMNS: dict[str, str] = {
    "fact_id": "str", "subject_kind": "str", "parties": "str", "attribute": "str",
    "value_kind": "str", "value": "str",
    "value_amount": "float", "value_currency": "str", "value_per": "str", "value_hedge": "str",
    "value_low": "float", "value_high": "float",
    "value_date": "str", "value_granularity": "str", "value_date_low": "str", "value_date_high": "str",
    "value_mod": "str", "value_unit": "str", "value_days": "float", "value_item": "str", "value_model": "str",
    "value_direction": "str",
    "status": "str", "confidence": "float", "sources": "int", "reason": "str",
    "first_seen": "str", "last_seen": "str", "verified": "bool",
    "verdict": "str", "n_claims": "int", "outlets": "str",
}
CLAIM_COLUMNS: dict[str, str] = {
    "fact_id": "str", "article": "str", "outlet": "str", "attributed_to": "str", "quote": "str",
    "start": "int", "end": "int", "value": "str", "value_json": "str",
}
_SQL_TYPES = {"str": "TEXT", "float": "REAL", "int": "INTEGER", "bool": "INTEGER"}
_PANDAS_TYPES = {"str": "string", "float": "float64", "int": "Int64", "bool": "boolean"}


def export_facts(facts: list[dict], fmt: str, output: Path | None,
                 verified_only: bool = False) -> bytes | None:
    """Export ``facts`` as ``fmt``: to ``output`` (atomically; returns None) or, for csv/json, as bytes."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if output is None and fmt in ("parquet", "sqlite"):
        raise UsageError(f"--format {fmt} writes a binary file: give an output path with -o FILE")
    if output is not None and not Path(output).parent.is_dir():
        raise UsageError(f"{output}: the directory {Path(output).parent} does not exist")
    chosen = sorted((f for f in facts if f.get("verified") or not verified_only), key=sort_key)
    if fmt == "json":
        data = (json.dumps(chosen, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    elif fmt == "csv":
        data = facts_csv(chosen)
    else:
        assert output is not None
        with atomic_path(output) as tmp:
            if fmt == "parquet":
                facts_frame(chosen).to_parquet(tmp, index=False)
            else:
                _write_sqlite(chosen, tmp)
        return None
    if output is None:
        return data
    write_atomic(output, data)
    return None


def flatten_fact(fact: dict) -> dict[str, Any]:
    """One fact as a flat row in the ``FACT_COLUMNS`` schema."""
    value = fact.get("value") or {}
    if not isinstance(value, dict):  # a correction given as a display string
        value = {"kind": "text", "value": str(value)}
    kind = value.get("kind")
    numeric = kind in ("money", "count", "percent", "duration", "quantity")
    claims = fact.get("claims") or []
    outlets = sorted({c.get("outlet") for c in claims if c.get("outlet")})
    row: dict[str, Any] = {
        "fact_id": fact.get("fact_id"),
        "subject_kind": fact.get("subject", {}).get("kind"),
        "parties": "; ".join(fact.get("subject", {}).get("parties", [])),
        "attribute": fact.get("attribute"),
        "value_kind": kind,
        "value": describe(value),
        "value_amount": value.get("amount") if numeric else None,
        "value_currency": value.get("currency"),
        "value_per": value.get("per"),
        "value_hedge": value.get("hedge"),
        "value_low": value.get("low") if numeric else None,
        "value_high": value.get("high") if numeric else None,
        "value_date": value.get("value") if kind == "date" else None,
        "value_granularity": value.get("granularity"),
        "value_date_low": value.get("low") if kind == "date" else None,
        "value_date_high": value.get("high") if kind == "date" else None,
        "value_mod": value.get("mod"),
        "value_unit": value.get("unit"),
        "value_days": value.get("days"),
        "value_item": value.get("item"),
        "value_model": value.get("model"),
        "value_direction": value.get("direction"),
        "status": fact.get("status"),
        "confidence": fact.get("confidence"),
        "sources": fact.get("sources"),
        "reason": fact.get("reason"),
        "first_seen": fact.get("first_seen"),
        "last_seen": fact.get("last_seen"),
        "verified": bool(fact.get("verified")),
        "verdict": fact.get("verdict"),
        "n_claims": len(claims),
        "outlets": "; ".join(outlets),
    }
    return row


def flatten_claims(fact: dict) -> list[dict[str, Any]]:
    """The claims of one fact as flat rows in the ``CLAIM_COLUMNS`` schema."""
    rows = []
    for claim in fact.get("claims") or []:
        value = claim.get("value")
        rows.append({
            "fact_id": fact.get("fact_id"), "article": claim.get("article"), "outlet": claim.get("outlet"),
            "attributed_to": claim.get("attributed_to"), "quote": claim.get("quote"),
            "start": claim.get("start"), "end": claim.get("end"), "value": describe(value),
            "value_json": json.dumps(value, ensure_ascii=False, sort_keys=True) if value is not None else None,
        })
    return rows


def facts_csv(facts: list[dict]) -> bytes:
    """The fact table as CSV bytes: ``facts.csv`` of a run and ``export --format csv`` are this table."""
    return csv_bytes([flatten_fact(f) for f in facts], list(FACT_COLUMNS))


def facts_frame(facts: list[dict]):  # -> pandas.DataFrame (pandas imported lazily: the CLI starts faster)
    """The flat fact rows as a typed DataFrame (one row per fact, columns in ``FACT_COLUMNS`` order)."""
    import pandas as pd

    frame = pd.DataFrame([flatten_fact(f) for f in facts], columns=list(FACT_COLUMNS))
    return frame.astype({name: _PANDAS_TYPES[kind] for name, kind in FACT_COLUMNS.items()})


def _write_sqlite(facts: list[dict], path: Path) -> None:
    def create(table: str, columns: dict[str, str], key: str | None) -> str:
        cols = ", ".join(f'"{name}" {_SQL_TYPES[kind]}' + (" PRIMARY KEY" if name == key else "")
                         for name, kind in columns.items())
        return f'CREATE TABLE "{table}" ({cols})'

    def insert(table: str, columns: dict[str, str]) -> str:
        names = ", ".join(f'"{n}"' for n in columns)
        return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'

    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(create("facts", FACT_COLUMNS, "fact_id"))
            conn.execute(create("claims", CLAIM_COLUMNS, None))
            conn.execute('CREATE INDEX "claims_fact_id" ON "claims" ("fact_id")')
            conn.executemany(insert("facts", FACT_COLUMNS),
                             [tuple(_sql_value(row[n]) for n in FACT_COLUMNS) for row in map(flatten_fact, facts)])
            conn.executemany(insert("claims", CLAIM_COLUMNS),
                             [tuple(_sql_value(row[n]) for n in CLAIM_COLUMNS)
                              for fact in facts for row in flatten_claims(fact)])
    finally:
        conn.close()


def _sql_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value
