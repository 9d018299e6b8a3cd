"""Peer suites for the numeric finders: Microsoft Recognizers-Text (currency, percent, number) and quantulum3.

Every case runs through ``pipeline.extract_mentions`` (the whole extractor, overlaps resolved as in
production). A case passes when every in-scope expected result has a mention of the right kind whose
span overlaps it and whose value matches; a case that expects nothing passes when no mention of that
kind is found. Out-of-scope results are counted apart:

- currency: results with a null value (a bare currency word: SPEC money needs an amount);
- percent: none;
- number: SPEC has no bare-number kind, so each expected number is measured inside a count phrase
  ("The company bought {number} GPUs."); out of scope are negative numbers, powers ("1.1^23"),
  fractions below one or of no scale word from dozen up ("two thirds", "one hundred and thirty fifths"
  are no counts; "half a million", "three million and a half" are), the percent results the
  number spec also lists, and cases that expect no number at all;
- quantulum3: dimensionless numbers and units SPEC has no quantity for (metres, inches, ...).

Also prints the suites of ``benchmarks/peer_dates.py`` (``SUITES``) when that module is present.
Run: ``.venv/bin/python -m benchmarks.peer_suites`` (``-v`` lists all failures, ``--failures SUITE`` one
suite's, ``--only SUITE`` runs one suite).
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script or as `python -m benchmarks.peer_suites`
PEER = ROOT.parent / "shared" / "peer"  # ../shared/peer from the project root
MINOR_UNITS = {"Cent": 100.0, "Pence": 100.0, "Penny": 100.0}
SCALE_WORDS = re.compile(r"(?i)\b(dozens?|thousand|million|billion|trillion|lakh|crore)\b")
COUNT_TEMPLATE = "The company bought {number} GPUs."
# quantulum3 unit names -> (mention kind, SPEC unit or ISO currency)
QUANTULUM_UNITS = {
    "dollar": ("money", "USD"), "united states dollar": ("money", "USD"), "euro": ("money", "EUR"),
    "pound sterling": ("money", "GBP"), "japanese yen": ("money", "JPY"), "cent": ("money", "USD"),
    "megawatt": ("quantity", "MW"), "gigawatt": ("quantity", "GW"), "kilowatt": ("quantity", "kW"),
    "square foot": ("quantity", "sq ft"), "square metre": ("quantity", "sq m"), "acre": ("quantity", "acre"),
}
FAILURES: dict[str, list[str]] = {}
Result = tuple[int, int, int]


def _cases(name: str) -> Iterator[dict[str, Any]]:
    with open(PEER / name, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _mentions(text: str) -> list[dict[str, Any]]:
    from pipeline import extract_mentions

    return extract_mentions(text)


def _close(a: float | None, b: float, rel: float = 1e-6) -> bool:
    return a is not None and abs(a - b) <= rel * max(1.0, abs(b))


def _overlapping(mentions: list[dict[str, Any]], kind: str, start: int, end: int) -> list[dict[str, Any]]:
    """Mentions of ``kind`` overlapping [start, end) (end exclusive)."""
    return [m for m in mentions if m["kind"] == kind and m["start"] < end and start < m["end"]]


def _fail(suite: str, text: str, why: str) -> None:
    FAILURES.setdefault(suite, []).append(f"{text!r}: {why}")


def currency() -> Result:
    """Recognizers CurrencyModel: money mentions with the amount (minor units converted) and ISO code."""
    passed = total = out = 0
    for case in _cases("recognizers_currency.jsonl"):
        text, results = case["input"], case["results"]
        scoped = [r for r in results if r["resolution"].get("value") is not None]
        if results and not scoped:
            out += 1
            continue
        total += 1
        mentions = _mentions(text)
        if not scoped:
            found = [m for m in mentions if m["kind"] == "money"]
            passed += not found
            if found:
                _fail("currency", text, f"unexpected {found[0]['text']!r}")
            continue
        ok = True
        for r in scoped:
            res = r["resolution"]
            want = float(res["value"]) / MINOR_UNITS.get(res.get("unit", ""), 1.0)
            hits = _overlapping(mentions, "money", r["start"], r["end"] + 1)
            good = [m for m in hits if _close(m["value"]["amount"], want)
                    and (not res.get("isoCurrency") or m["value"]["currency"] == res["isoCurrency"])]
            if not good:
                ok = False
                _fail("currency", text, f"want {r['text']!r}={want} {res.get('isoCurrency') or ''}, got "
                      f"{[(m['text'], m['value']['amount'], m['value']['currency']) for m in hits]}")
        passed += ok
    return passed, total, out


def percent() -> Result:
    """Recognizers PercentModel: percent mentions with the signed amount."""
    passed = total = out = 0
    for case in _cases("recognizers_percent.jsonl"):
        text, results = case["input"], case["results"]
        total += 1
        mentions = _mentions(text)
        if not results:
            found = [m for m in mentions if m["kind"] == "percent"]
            passed += not found
            if found:
                _fail("percent", text, f"unexpected {found[0]['text']!r}")
            continue
        ok = True
        for r in results:
            want = float(r["resolution"]["value"].rstrip("%"))
            hits = _overlapping(mentions, "percent", r["start"], r["end"] + 1)
            if not any(_close(m["value"]["amount"], want) for m in hits):
                ok = False
                _fail("percent", text, f"want {r['text']!r}={want}, got {[m['text'] for m in hits]}")
        passed += ok
    return passed, total, out


def _number_in_scope(result: dict[str, Any], surface: str) -> bool:
    res = result["resolution"]
    value = res.get("value")
    if value is None or value.endswith("%"):
        return False
    if "^" in surface or float(value) < 0 or re.match(r"^\s*(-|minus|negative)", surface, re.I):
        return False
    if res.get("subtype") == "fraction" and (not SCALE_WORDS.search(surface) or float(value) < 1):
        return False
    return True


def numbers_as_counts() -> Result:
    """Recognizers NumberModel, each expected number measured as a count in a count phrase."""
    passed = total = out = 0
    for case in _cases("recognizers_number.jsonl"):
        text, results = case["input"], case["results"]
        surfaces = [(r, text[r["start"]:r["end"] + 1]) for r in results]
        scoped = [(r, s) for r, s in surfaces if _number_in_scope(r, s)]
        if not scoped:
            out += 1
            continue
        total += 1
        ok = True
        for r, surface in scoped:
            sentence = COUNT_TEMPLATE.format(number=surface)
            start = sentence.index(surface)
            want = float(r["resolution"]["value"])
            hits = _overlapping(_mentions(sentence), "count", start, start + len(surface))
            if not any(_close(m["value"]["amount"], want) for m in hits):
                ok = False
                _fail("numbers_as_counts", sentence,
                      f"want {want}, got {[(m['text'], m['value']['amount']) for m in hits]}")
        passed += ok
    return passed, total, out


def quantulum() -> Result:
    """quantulum3 quantities: money and SPEC quantity units (others out of scope)."""
    passed = total = out = 0
    for case in _cases("quantulum3_quantities.jsonl"):
        text = case["input"]
        scoped = [(r, QUANTULUM_UNITS[r["unit"]]) for r in case["results"] if r["unit"] in QUANTULUM_UNITS]
        if not scoped:
            out += 1
            continue
        total += 1
        mentions = _mentions(text)
        ok = True
        for r, (kind, unit) in scoped:
            start = text.find(r["surface"])
            want = float(r["value"]) / (100.0 if r["unit"] == "cent" else 1.0)
            hits = _overlapping(mentions, kind, start, start + len(r["surface"])) if start >= 0 else []
            key = "currency" if kind == "money" else "unit"
            if not any(_close(m["value"]["amount"], want) and m["value"][key] == unit for m in hits):
                ok = False
                _fail("quantulum", text, f"want {r['surface']!r}={want} {unit}, got {[m['text'] for m in hits]}")
        passed += ok
    return passed, total, out


SUITES: dict[str, Callable[[], Result]] = {
    "currency": currency, "percent": percent, "numbers_as_counts": numbers_as_counts, "quantulum": quantulum,
}


def _peer_dates() -> dict[str, Callable[[], Result]]:
    try:
        module = importlib.import_module("benchmarks.peer_dates")
    except ImportError:
        return {}
    return dict(getattr(module, "SUITES", {}))


def main(argv: list[str] | None = None) -> int:
    """Run the suites, print one line each (and failing cases with -v or --failures SUITE)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.peer_suites", description=__doc__.split("\n")[0],
                                     epilog="example: python -m benchmarks.peer_suites --failures dates:dates")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every suite's failing cases")
    parser.add_argument("--failures", metavar="SUITE", action="append", default=[],
                        help="print the failing cases of SUITE (e.g. currency, dates:dates); repeatable")
    parser.add_argument("--only", metavar="SUITE", action="append", default=[],
                        help="run only SUITE (repeatable); default: all")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    suites = dict(SUITES)
    dated = _peer_dates()
    suites.update({f"dates:{k}": v for k, v in dated.items()})
    unknown = [s for s in args.failures + args.only if s not in suites]
    if unknown:
        parser.error(f"unknown suite {unknown[0]!r}; one of: {', '.join(suites)}")
    for name, suite in suites.items():
        if args.only and name not in args.only:
            continue
        passed, total, out = suite()
        rate = 100.0 * passed / total if total else 0.0
        print(f"{name:22s} {passed:4d}/{total:<4d} {rate:5.1f}%   out of scope: {out}")
    failures = dict(FAILURES)
    if dated:
        module = importlib.import_module("benchmarks.peer_dates")
        failures.update({f"dates:{k}": v for k, v in getattr(module, "FAILURES", {}).items()})
    shown = list(failures) if args.verbose else args.failures
    for name in shown:
        lines = failures.get(name, [])
        print(f"\n== {name}: {len(lines)} failures", file=sys.stderr)
        for line in lines:
            print("  " + line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
