"""Peer suites for the date and duration finders: Microsoft Recognizers-Text and TempEval-3 platinum.

``SUITES`` maps a suite name to a function returning ``(passed, total, out_of_scope)``:

- ``dates``: Recognizers cases with date or date-range results; a case passes when every in-scope
  expected result has an overlapping date mention whose value matches (same ISO value, or the same
  low/high; a range matches when the overlapping mentions start at its start and end at its end).
  A year the text leaves out (``XXXX-10-02``) matches any of the resolutions Recognizers lists.
- ``durations``: Recognizers cases with duration results; the overlapping duration mention's ``days``
  must be within 3% of the expected length (months and years are approximate on both sides).
- ``te3_timex``: every DATE and DURATION timex of TempEval-3 platinum, one item each, resolved against
  the document's creation date.

Out of scope (counted apart, per SPEC): seasons, open ranges ("before 2010", "since August"),
TIMEX SET/TIME, PRESENT_REF-like values, underspecified or
vague values (``XXXX-XX-XX``, ``PXM``), centuries and annotation values not in TIMEX date/duration form.
Run: ``.venv/bin/python -m benchmarks.peer_dates`` (add ``-v`` to list failures).
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

PEER = Path(__file__).resolve().parent.parent.parent / "shared" / "peer"  # ../shared/peer from the project root
RECOGNIZERS = PEER / "recognizers_datetime.jsonl"
TE3 = PEER / "te3_platinum_timex.jsonl"
FAILURES: dict[str, list[str]] = {}
_SEASON = re.compile(r"(SP|SU|FA|WI)\b")
_OPEN_MODS = {"before", "after", "since", "until", "less", "more", "sinceex", "untilex"}
_OPEN_WORDS = re.compile(r"(?i)^(before|after|since|no later than|later than|greater than|as late as|as early as|"
                         r"year greater|> ?=|=)")


@lru_cache(maxsize=1)
def _finders():
    from pipeline.config import load_config
    from pipeline.extract import Context
    from pipeline.extract import dates, durations
    from pipeline.extract.nlp import load_nlp

    config = load_config()
    nlp = load_nlp(config)

    def run(text: str, published: str | None) -> dict[str, list]:
        doc = nlp(text)
        ctx = Context(text=text, published=published, config=config)
        return {"date": list(dates.find_mentions(doc, ctx)), "duration": list(durations.find_mentions(doc, ctx))}

    return run


def _period(timex: str) -> tuple[str, str] | None:
    """(low, high) ISO days of a TIMEX date value at year/month/day/week/quarter granularity."""
    from pipeline.extract import calendar as cal

    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", timex):
        return timex, timex
    if m := re.fullmatch(r"(\d{4})-(\d\d)", timex):
        low, high = cal.month_bounds(int(m[1]), int(m[2]))
    elif m := re.fullmatch(r"(\d{4})", timex):
        low, high = cal.year_bounds(int(m[1]))
    elif m := re.fullmatch(r"(\d{4})-W(\d\d)", timex):
        low = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        high = low + timedelta(days=6)
    elif m := re.fullmatch(r"(\d{4})-Q([1-4])", timex):
        low, high = cal.quarter_bounds(int(m[1]), int(m[2]))
    else:
        return None
    return low.isoformat(), high.isoformat()


def _overlapping(mentions: list, start: int, end: int) -> list:
    return [m for m in mentions if m.start < end and start < m.end]


def _date_matches(mentions: list, expected: list[str], bounds: list[tuple[str, str]] = ()) -> bool:
    """A mention matches an expected TIMEX value (or its period's days) or one of the (low, high) bounds."""
    for m in mentions:
        v = m.value
        if (v.low, v.high) in bounds:
            return True
        for timex in expected:
            if v.value == timex or (_period(timex) == (v.low, v.high)):
                return True
    return False


def _bounds(values: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(low, high) ISO days of Recognizers resolutions given as a start and an exclusive end."""
    out = []
    for v in values:
        if v.get("start") and v.get("end"):
            last = date.fromisoformat(v["end"][:10]) - timedelta(days=1)
            out.append((v["start"][:10], last.isoformat()))
    return out


def _range_matches(mentions: list, start: str, end: str) -> bool:
    """Recognizers ranges: start inclusive, end the first day after or the start of the last unit."""
    if not mentions:
        return False
    first, last = min(mentions, key=lambda m: m.start), max(mentions, key=lambda m: m.start)
    last_day = (date.fromisoformat(end) - timedelta(days=1)).isoformat()
    return first.value.low == start and (last.value.high == last_day or last.value.low == end)


def _recognizers_dates() -> tuple[int, int, int]:
    passed = total = out = 0
    run = _finders()
    FAILURES["dates"] = []
    for line in RECOGNIZERS.read_text().splitlines():
        case = json.loads(line)
        results = [r for r in case["results"] if r["type"] in ("datetimeV2.date", "datetimeV2.daterange")]
        if not results:
            continue
        in_scope = [r for r in results if _in_scope_date(r)]
        if not in_scope:
            out += 1
            continue
        total += 1
        published = (case["reference_datetime"] or "")[:10] or None
        mentions = run(case["input"], published)["date"]
        ok = True
        for r in in_scope:
            near = _overlapping(mentions, r["start"], r["end"] + 1)
            values = r["resolution"]["values"]
            if values[0]["timex"].startswith("(") and values[0].get("start") and values[0].get("end"):
                ok &= any(_range_matches(near, v["start"], v["end"]) for v in values)
            else:
                # A period's concrete value ("2019-10") is not given, only its bounds: compare those.
                expected = [v["value"] for v in values if v.get("value")] + [v["timex"] for v in values]
                ok &= _date_matches(near, expected, _bounds(values))
        passed += ok
        if not ok:
            FAILURES["dates"].append(f"{case['input']!r} @{published}: want {[r['text'] for r in in_scope]} "
                                     f"{[v['timex'] for r in in_scope for v in r['resolution']['values']]}, got "
                                     f"{[(m.text, m.value.value, m.value.low, m.value.high) for m in mentions]}")
    return passed, total, out


def _in_scope_date(result: dict[str, Any]) -> bool:
    values = result["resolution"].get("values", [])
    if not values:
        return False
    timex = values[0]["timex"]
    if _SEASON.search(timex) or values[0].get("Mod", "").lower() in _OPEN_MODS:
        return False
    if _OPEN_WORDS.match(result["text"]):
        return False
    return "T" not in timex.split("-W")[0][4:] and "WE" not in timex


def _recognizers_durations() -> tuple[int, int, int]:
    passed = total = out = 0
    run = _finders()
    FAILURES["durations"] = []
    for line in RECOGNIZERS.read_text().splitlines():
        case = json.loads(line)
        results = [r for r in case["results"] if r["type"] == "datetimeV2.duration"]
        if not results:
            continue
        in_scope = [r for r in results if r["resolution"]["values"][0].get("value") is not None]
        if not in_scope:
            out += 1
            continue
        total += 1
        mentions = run(case["input"], (case["reference_datetime"] or "")[:10] or None)["duration"]
        ok = all(any(_same_length(m.value.days, float(r["resolution"]["values"][0]["value"]) / 86400)
                     for m in _overlapping(mentions, r["start"], r["end"] + 1)) for r in in_scope)
        passed += ok
        if not ok:
            FAILURES["durations"].append(f"{case['input']!r}: want {[r['text'] for r in in_scope]}, got "
                                         f"{[(m.text, m.value.days) for m in mentions]}")
    return passed, total, out


def _same_length(got: float, want: float) -> bool:
    return abs(got - want) <= 0.03 * want


_TE3_UNIT_DAYS = {"D": 1, "W": 7, "M": 30.4375, "Y": 365.25, "DE": 3652.5}
_TE3_TIME_DAYS = {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}


def _te3() -> tuple[int, int, int]:
    passed = total = out = 0
    run = _finders()
    FAILURES["te3_timex"] = []
    for line in TE3.read_text().splitlines():
        doc = json.loads(line)
        mentions = run(doc["text"], doc["dct"])
        for t in doc["timexes"]:
            value = t["value"]
            if t["type"] == "DATE" and _period(value) is not None:
                ok = _date_matches(_overlapping(mentions["date"], t["start"], t["end"]), [value])
            elif t["type"] == "DURATION" and (m := re.fullmatch(r"P(T?)(\d+(?:\.\d+)?)(DE|D|W|M|Y|H|S)", value)):
                want = float(m[2]) * (_TE3_TIME_DAYS if m[1] else _TE3_UNIT_DAYS)[m[3]]
                ok = any(_same_length(d.value.days, want)
                         for d in _overlapping(mentions["duration"], t["start"], t["end"]))
            else:
                out += 1
                continue
            total += 1
            passed += ok
            if not ok:
                near = [(x.text, x.value.as_dict()) for k in mentions.values()
                        for x in _overlapping(k, t["start"], t["end"])]
                FAILURES["te3_timex"].append(f"{t['text']!r} {t['type']} {value} @{doc['dct']}: got {near}")
    return passed, total, out


SUITES = {"dates": _recognizers_dates, "durations": _recognizers_durations, "te3_timex": _te3}


def main(argv: list[str] | None = None) -> int:
    """Print each suite's figures (``-v``: and its failures)."""
    argv = sys.argv[1:] if argv is None else argv
    for name, suite in SUITES.items():
        passed, total, out = suite()
        print(f"{name}: {passed}/{total} = {passed / total:.1%} ({out} out of scope)")
        if "-v" in argv:
            for failure in FAILURES.get(name, []):
                print("   ", failure)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
