"""Atomic writers: records become dicts and rows only here, and every file appears whole or not at all."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .records import Claim, Fact


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path`` and rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def json_bytes(data: Any) -> bytes:
    """Stable, readable JSON (sorted keys are not used: SPEC key order reads better)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def csv_bytes(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> bytes:
    """CSV of dict rows; columns default to the union of keys in first-seen order."""
    if columns is None:
        columns = list(dict.fromkeys(k for row in rows for k in row))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return buf.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return value


def display_value(value: Mapping[str, Any]) -> str:
    """A short human form of a value dict: '$150M/month', 'end of 2029', '90 days', '12.82% down'."""
    kind = value.get("kind")
    if kind == "money":
        amount = value.get("amount") or 0
        sign = "-" if amount < 0 else ""
        text = f"{sign}{_money_amount(abs(amount), value.get('currency', 'USD'))}"
        hedge = value.get("hedge")
        if hedge and hedge != "exact":
            text = f"{hedge} {text}"
        if value.get("per"):
            text += f"/{value['per']}"
        return text
    if kind == "date":
        mod = value.get("mod")
        return f"{mod} of {value.get('value')}" if mod else str(value.get("value"))
    if kind == "duration":
        amount = value.get("amount")
        amount = int(amount) if isinstance(amount, float) and amount.is_integer() else amount
        return f"{amount} {value.get('unit')}{'' if amount == 1 else 's'}"
    if kind == "percent":
        hedge = value.get("hedge")
        text = f"{value.get('amount')}%"
        if value.get("direction"):
            text += f" {value['direction']}"
        return f"{hedge} {text}" if hedge and hedge != "exact" else text
    if kind == "count":
        amount = value.get("amount") or 0
        text = f"{amount:,.0f} {value.get('item') or ''}".strip()
        return f"{text} ({value['model']})" if value.get("model") else text
    if kind == "quantity":
        return f"{value.get('amount')} {value.get('unit')}"
    return str(value.get("value", value.get("name", "")))


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def _money_amount(amount: float, currency: str) -> str:
    symbol = _SYMBOLS.get(currency, currency + " ")
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if amount >= scale:
            return f"{symbol}{amount / scale:,.4g}{suffix}"
    return f"{symbol}{amount:,.2f}"


def fact_rows(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """One flat row per fact for facts.csv."""
    rows = []
    for f in facts:
        value = f.value.as_dict(with_kind=True)
        rows.append({
            "fact_id": f.fact_id, "subject_kind": f.subject.kind, "parties": "; ".join(f.subject.parties),
            "attribute": f.attribute, "value": display_value(value), "value_kind": value["kind"],
            "value_json": value, "status": f.status, "confidence": round(f.confidence, 3), "sources": f.sources,
            "reason": f.reason, "claims": len(f.claims),
            "outlets": "; ".join(sorted({c.outlet or c.article for c in f.claims})), "verified": f.verified,
        })
    return rows


def claim_rows(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """One flat row per claim for claims.csv, sorted by article and position."""
    rows = []
    for c in sorted(claims, key=lambda c: (c.article, c.start or 0, c.attribute, c.subject.parties)):
        value = c.value.as_dict(with_kind=True)
        rows.append({
            "article": c.article, "outlet": c.outlet, "attributed_to": c.attributed_to,
            "subject_kind": c.subject.kind, "parties": "; ".join(c.subject.parties), "attribute": c.attribute,
            "value": display_value(value), "value_json": value, "quote": c.quote, "start": c.start,
            "end": c.end, "published": c.published,
        })
    return rows
