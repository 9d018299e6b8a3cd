"""Validate the hand-made gold claim sets in tests/gold/.

Checks, for `seed_claims.jsonl` and `other_claims.jsonl`:
- every line is a JSON object with the required keys and no unknown ones;
- `text == Path(article).read_text()[start:end]` (offsets into the decoded text, end exclusive)
  and the span has no leading/trailing whitespace;
- `kind` is one of money/date/duration/count/percent and the value has exactly the
  SPEC fields for that kind, with consistent enumerations, intervals and dates;
- `attribute` is in the SPEC vocabulary and plausible for the kind;
- `subject` is a deal (two distinct parties, sorted) or an entity (one party);
- no duplicate (article, start, end, subject, attribute);
and, for the second set, that every `other/*.txt` has a metadata.json entry, is 150-400
words, contains none of the seed story's names and has at least one claim.

Usage: python tests/gold/check_gold.py [--summary]   (exit 0 clean, 1 problems found)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parent
ROOT = GOLD.parents[1]
SETS = ("seed_claims.jsonl", "other_claims.jsonl")

ATTRIBUTES = {
    "monthly_payment", "annual_payment", "total_value", "start_date", "end_date",
    "term_length", "termination_notice", "chip_model", "gpu_count", "capacity_power",
    "investment_amount", "valuation", "founded", "stock_change", "market_value_change",
    "acquisition_price", "location", "price_per_share", "premium", "expected_close", "announcement_date",
    "order_quantity", "quarterly_payment",
}
# Which attributes a value of each annotated kind may state.
KIND_ATTRIBUTES = {
    "money": {"monthly_payment", "annual_payment", "total_value", "investment_amount",
              "valuation", "market_value_change", "acquisition_price", "price_per_share", "quarterly_payment"},
    "date": {"start_date", "end_date", "founded", "expected_close", "announcement_date"},
    "duration": {"term_length", "termination_notice"},
    "count": {"gpu_count", "order_quantity"},
    "percent": {"stock_change", "premium"},
}
VALUE_FIELDS = {
    "money": {"currency", "amount", "low", "high", "hedge", "per"},
    "date": {"value", "granularity", "low", "high", "mod", "relative"},
    "duration": {"amount", "unit", "days"},
    "count": {"amount", "low", "high", "hedge", "item", "model"},
    "percent": {"amount", "low", "high", "hedge", "direction"},
}
HEDGES = {"exact", "about", "up to", "at least", "more than", "less than", "nearly", "over"}
PERS = {None, "day", "week", "month", "quarter", "year", "share"}
UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}  # days per unit (approximate)
REQUIRED = {"article", "start", "end", "text", "kind", "subject", "attribute", "value"}
OPTIONAL = {"note", "range"}  # range: true marks "between X and Y" / "X to Y" (see README)
# Names of the seed story that must not appear in the second set (word match, any case).
SEED_NAMES = ("SpaceX", "Reflection AI", "Anthropic", "Colossus", "GB300", "xAI", "Cursor")
DATE_VALUE = {
    "year": re.compile(r"^\d{4}$"),
    "quarter": re.compile(r"^\d{4}-Q[1-4]$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}


def _num(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _day(s: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(s))
    except ValueError:
        return None


def expected_interval(amount: float, hedge: str) -> tuple[float | None, float | None]:
    """The interval a hedge implies around amount (README: 'Hedges')."""
    table = {
        "exact": (amount, amount),
        "about": (amount * 0.95, amount * 1.05),
        "up to": (None, amount),
        "less than": (None, amount),
        "at least": (amount, None),
        "more than": (amount, None),
        "over": (amount, None),
        "nearly": (amount * 0.9, amount),
    }
    lo, hi = table[hedge]
    if amount < 0:  # a loss: "more than $40bn wiped out" is below -40bn
        if hedge in ("up to", "less than"):
            lo, hi = amount, None
        elif hedge in ("at least", "more than", "over"):
            lo, hi = None, amount
        elif lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
    return lo, hi


def _close(a: float | None, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return _num(b) and abs(a - float(b)) <= 1e-6 * max(1.0, abs(a))  # type: ignore[arg-type]


def check_interval(v: dict, errs: list[str]) -> None:
    """Check amount/low/high/hedge of a money, count or percent value."""
    if not _num(v.get("amount")):
        errs.append(f"amount not a number: {v.get('amount')!r}")
        return
    if v.get("hedge") not in HEDGES:
        errs.append(f"hedge {v.get('hedge')!r} not in {sorted(HEDGES)}")
        return
    lo, hi = expected_interval(float(v["amount"]), v["hedge"])
    if not (_close(lo, v.get("low")) and _close(hi, v.get("high"))):
        errs.append(f"low/high {v.get('low')!r}/{v.get('high')!r} != {lo!r}/{hi!r} for hedge {v['hedge']!r}")


def check_date(v: dict, errs: list[str]) -> None:
    """Check a date value: ISO prefix at its granularity, low/high inside it, mod ranges."""
    g = v.get("granularity")
    if g not in DATE_VALUE:
        errs.append(f"granularity {g!r}")
        return
    if not DATE_VALUE[g].match(str(v.get("value"))):
        errs.append(f"value {v.get('value')!r} does not match granularity {g}")
        return
    lo, hi = _day(v.get("low")), _day(v.get("high"))
    if lo is None or hi is None or lo > hi:
        errs.append(f"bad low/high {v.get('low')!r}..{v.get('high')!r}")
        return
    if not str(v["low"]).startswith(str(v["value"])[:4]) and g != "quarter":
        errs.append("low outside the value's year")
    if v.get("mod") not in (None, "start", "mid", "end"):
        errs.append(f"mod {v.get('mod')!r}")
    if not isinstance(v.get("relative"), bool):
        errs.append("relative must be true/false")
    y = int(str(v["value"])[:4])
    if g == "year" and v.get("mod") is not None:
        want = {"start": ("01-01", "03-31"), "mid": ("04-01", "09-30"), "end": ("10-01", "12-31")}[v["mod"]]
        if (v["low"], v["high"]) != (f"{y}-{want[0]}", f"{y}-{want[1]}"):
            errs.append(f"mod {v['mod']} of {y} should span {want}")
    if g == "day" and not (v["low"] == v["high"] == v["value"]):
        errs.append("day granularity: low == high == value")
    if g == "month" and v.get("mod") is None and not (str(v["low"]).startswith(v["value"]) and str(v["high"]).startswith(v["value"])):
        errs.append("month granularity: low/high outside the month")


def check_value(kind: str, v: object, errs: list[str]) -> None:
    """Check a value dict against the SPEC fields of its mention kind."""
    if not isinstance(v, dict):
        errs.append("value is not an object")
        return
    fields = VALUE_FIELDS[kind]
    if set(v) != fields:
        errs.append(f"value fields {sorted(v)} != {sorted(fields)}")
        return
    if kind == "money":
        if not re.fullmatch(r"[A-Z]{3}", str(v["currency"])):
            errs.append(f"currency {v['currency']!r}")
        if v["per"] not in PERS:
            errs.append(f"per {v['per']!r}")
        check_interval(v, errs)
    elif kind in ("count", "percent"):
        check_interval(v, errs)
        if kind == "count" and not (isinstance(v["item"], str) and v["item"]):
            errs.append("count item missing")
        if kind == "percent" and v["direction"] not in (None, "up", "down"):
            errs.append(f"direction {v['direction']!r}")
        if kind == "percent" and _num(v["amount"]) and v["amount"] < 0:
            errs.append("percent amount must be positive; use direction")
    elif kind == "duration":
        if v["unit"] not in UNITS or not _num(v["amount"]):
            errs.append(f"duration unit/amount {v['unit']!r}/{v['amount']!r}")
        elif not _close(float(v["amount"]) * UNITS[v["unit"]], v["days"]):
            errs.append(f"days {v['days']!r} != {v['amount']} x {UNITS[v['unit']]}")
    elif kind == "date":
        check_date(v, errs)


def check_range(kind: str, v: object, errs: list[str]) -> None:
    """A range "between X and Y": hedge about, low = X, high = Y, amount = the midpoint."""
    if kind not in ("money", "count", "percent") or not isinstance(v, dict) or set(v) != VALUE_FIELDS[kind]:
        errs.append("range value must be a money/count/percent value with the SPEC fields")
        return
    lo, hi, amt = v.get("low"), v.get("high"), v.get("amount")
    if not (_num(lo) and _num(hi) and _num(amt) and lo < hi):  # type: ignore[operator]
        errs.append(f"range needs numeric low < high: {lo!r}..{hi!r}")
    elif not _close((lo + hi) / 2, amt) or v.get("hedge") != "about":  # type: ignore[operator]
        errs.append("range: amount must be the midpoint and hedge 'about'")
    if kind == "money" and v.get("per") not in PERS:
        errs.append(f"per {v.get('per')!r}")


def check_record(rec: object, texts: dict[str, str]) -> list[str]:
    """Return the problems of one gold record (empty when clean)."""
    errs: list[str] = []
    if not isinstance(rec, dict):
        return ["not a JSON object"]
    missing, extra = REQUIRED - set(rec), set(rec) - REQUIRED - OPTIONAL
    if missing or extra:
        return [f"missing keys {sorted(missing)}, unknown keys {sorted(extra)}"]
    path = ROOT / rec["article"]
    if rec["article"] not in texts:
        if not path.is_file():
            return [f"article {rec['article']!r} not found"]
        texts[rec["article"]] = path.read_text()
    text = texts[rec["article"]]
    s, e = rec["start"], rec["end"]
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        errs.append(f"bad offsets {s!r}..{e!r}")
    elif text[s:e] != rec["text"]:
        errs.append(f"span text {text[s:e]!r} != {rec['text']!r}")
    elif rec["text"] != rec["text"].strip():
        errs.append("span has surrounding whitespace")
    kind = rec["kind"]
    if kind not in VALUE_FIELDS:
        errs.append(f"kind {kind!r} not annotated (money/date/duration/count/percent)")
        return errs
    attr = rec["attribute"]
    if attr not in ATTRIBUTES:
        errs.append(f"attribute {attr!r} not in the SPEC vocabulary")
    elif attr not in KIND_ATTRIBUTES[kind]:
        errs.append(f"attribute {attr!r} unexpected for kind {kind!r}")
    subj = rec["subject"]
    if not isinstance(subj, dict) or set(subj) != {"kind", "parties"}:
        errs.append(f"subject {subj!r} must be {{kind, parties}}")
    else:
        parties = subj["parties"]
        ok = isinstance(parties, list) and all(isinstance(p, str) and p.strip() == p and p for p in parties)
        if not ok:
            errs.append(f"parties {parties!r}")
        elif subj["kind"] == "deal":
            if len(parties) != 2 or len(set(parties)) != 2 or parties != sorted(parties):
                errs.append(f"deal parties must be two distinct names, sorted: {parties!r}")
        elif subj["kind"] == "entity":
            if len(parties) != 1:
                errs.append(f"entity must have one party: {parties!r}")
        else:
            errs.append(f"subject kind {subj['kind']!r}")
    if rec.get("range") is True:
        check_range(kind, rec["value"], errs)
    else:
        if "range" in rec:
            errs.append("range must be true when present")
        check_value(kind, rec["value"], errs)
    if kind == "money" and isinstance(rec["value"], dict):
        per = rec["value"].get("per")
        rates = {"monthly_payment": "month", "annual_payment": "year", "quarterly_payment": "quarter",
                 "price_per_share": "share"}
        if attr in rates and per != rates[attr]:
            errs.append(f"{attr} with per={per!r}")
        if per is not None and attr not in rates:
            errs.append(f"per={per!r} on {attr}")
        amt = rec["value"].get("amount")
        if _num(amt) and (amt < 0) != (attr == "market_value_change" and amt < 0):
            errs.append("negative amount outside market_value_change")
    if "note" in rec and not isinstance(rec["note"], str):
        errs.append("note must be a string")
    return errs


def check_other_texts(records: list[dict]) -> list[str]:
    """Check the second set's articles: metadata, length, foreign names, coverage."""
    errs: list[str] = []
    other = GOLD / "other"
    files = sorted(other.glob("*.txt"))
    meta_path = other / "metadata.json"
    meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
    if not meta_path.is_file():
        errs.append("other/metadata.json missing")
    if not 8 <= len(files) <= 10:
        errs.append(f"other/: {len(files)} articles, expected 8-10")
    claimed = Counter(r["article"] for r in records)
    for f in files:
        rel = f"tests/gold/other/{f.name}"
        if not re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", f.name):
            errs.append(f"{rel}: name should be NN_slug.txt")
        m = meta.get(f.name)
        if not isinstance(m, dict) or _day(m.get("published")) is None or not m.get("outlet"):
            errs.append(f"{rel}: metadata needs published (YYYY-MM-DD) and outlet")
        text = f.read_text()
        words = len(text.split())
        if not 150 <= words <= 400:
            errs.append(f"{rel}: {words} words, expected 150-400")
        for name in SEED_NAMES:
            if re.search(rf"\b{re.escape(name)}\b", text, re.I):
                errs.append(f"{rel}: contains seed-story name {name!r}")
        if not claimed[rel]:
            errs.append(f"{rel}: no claims annotated")
    for name in meta:
        if not (other / name).is_file():
            errs.append(f"metadata.json lists missing file {name}")
    for art in claimed:
        if not art.startswith("tests/gold/other/"):
            errs.append(f"other_claims.jsonl refers to {art} outside tests/gold/other/")
    return errs


def load(path: Path) -> tuple[list[dict], list[str]]:
    """Read one JSONL gold file; returns the records and the parse errors."""
    records, errs = [], []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            errs.append(f"{path.name}:{n}: blank line")
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errs.append(f"{path.name}:{n}: {exc}")
            records.append({})
    return records, errs


def summarise(name: str, records: list[dict]) -> None:
    """Print claim counts per file, per attribute and per kind."""
    print(f"{name}: {len(records)} claims")
    for label, key in (("file", lambda r: r["article"]), ("attribute", lambda r: r["attribute"]),
                       ("kind", lambda r: r["kind"])):
        counts = Counter(key(r) for r in records)
        print(f"  per {label}:")
        for k, c in sorted(counts.items()):
            print(f"    {c:4d}  {k}")


def main(argv: list[str] | None = None) -> int:
    """Validate both gold files; print problems to stderr; return 0 when clean."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--summary", action="store_true", help="print counts per file/attribute/kind")
    args = ap.parse_args(argv)
    problems: list[str] = []
    texts: dict[str, str] = {}
    for name in SETS:
        path = GOLD / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        records, errs = load(path)
        problems += errs
        seen: set[tuple] = set()
        for n, rec in enumerate(records, 1):
            if not rec:
                continue
            for err in check_record(rec, texts):
                problems.append(f"{name}:{n}: {rec.get('text')!r}: {err}")
            if isinstance(rec.get("subject"), dict):
                key = (rec.get("article"), rec.get("start"), rec.get("end"), rec.get("attribute"),
                       tuple(rec["subject"].get("parties") or ()))
                if key in seen:
                    problems.append(f"{name}:{n}: duplicate claim {key}")
                seen.add(key)
        if name == "other_claims.jsonl":
            problems += check_other_texts([r for r in records if r])
        if args.summary:
            summarise(name, [r for r in records if r])
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
