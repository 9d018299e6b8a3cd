"""Score newsfacts on the real-news development set (benchmarks/real/): facts, values, statuses, conflicts.

usage: python benchmarks/real_eval.py [--event SLUG ...] [--separately] [--details] [--json FILE]

All events present are run as one batch (as a user would run a day's coverage), unless --separately runs
each event on its own. The texts are not committed (see benchmarks/real/README.md): an event whose texts are
missing or whose hashes differ is skipped, and with no event left the script says so and exits 0.

A written fact matches an annotated fact when the attribute and the subject's kind agree and the parties are
the same organisations (names compared after the event's aliases and legal suffixes, a name matching its
longer written form: "Meta" ~ "Meta Platforms"). Each annotated fact matches at most one written fact; a
second written fact for it (one subject split in two) counts as unmatched.

Only facts of the kinds the set annotates are scored (money, date, duration, count, percent: chip models,
places and power capacities are not annotated). Printed per group (all events, compute, other deal types):
- fact precision: written facts (with a claim from the group's texts) that match an annotated fact;
- fact recall: annotated facts matched;
- value accuracy: over matched facts, 1 for the same value at the same precision, 1/2 for a compatible
  value at another precision or hedge, 0 otherwise;
- status accuracy over matched facts; conflict precision/recall and refined F1 (a flag counts when the
  written fact matches an annotated fact of that status);
- traps taken: annotated traps (figures that state no fact of the deal) that became a claim of a fact.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "benchmarks" / "real"
sys.path.insert(0, str(ROOT))

STATUSES = ("agreed", "refined", "conflict", "single")
# The kinds the set annotates (as tests/gold/README.md: chip models, places and power capacities are not):
# written facts of other kinds are not scored.
SCORED_KINDS = {"money", "date", "duration", "count", "percent"}
_SUFFIX = re.compile(r"\b(inc|corp|corporation|co|company|ltd|limited|plc|llc|group|holdings?|sa|ag|nv|se)\b\.?")


# ---------------------------------------------------------------- the set


def load_sources() -> list[dict[str, Any]]:
    """Every source row: sources.json if present, else the per-event lists under sources/."""
    merged = REAL / "sources.json"
    if merged.exists():
        return json.loads(merged.read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    for part in sorted((REAL / "sources").glob("*.json")):
        rows.extend(json.loads(part.read_text(encoding="utf-8")))
    return rows


def load_event(slug: str) -> dict[str, Any]:
    """The fact annotations of one event, with its claim rows attached to each fact."""
    spec = json.loads((REAL / "facts" / f"{slug}.json").read_text(encoding="utf-8"))
    claims_path = REAL / "claims" / f"{slug}.jsonl"
    rows = [json.loads(line) for line in claims_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for fact in spec["facts"]:
        key = _subject_key(fact["subject"]), fact["attribute"]
        fact["claims"] = [r for r in rows if (_subject_key(r["subject"]), r["attribute"]) == key]
    spec.setdefault("aliases", {})
    spec.setdefault("traps", [])
    return spec


def _subject_key(subject: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return subject["kind"], tuple(sorted(subject["parties"]))


def available_events(sources: list[dict[str, Any]], wanted: set[str] | None) -> tuple[list[str], list[str]]:
    """(events whose every text is present with its hash, reasons for the events skipped)."""
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in sources:
        by_event[row["event"]].append(row)
    ready, skipped = [], []
    for event in sorted(by_event):
        if wanted and event not in wanted:
            continue
        if not (REAL / "facts" / f"{event}.json").exists():
            skipped.append(f"{event}: no annotations")
            continue
        bad = []
        for row in by_event[event]:
            path = REAL / "texts" / event / row["file"]
            if not path.exists():
                bad.append(f"{row['file']} missing")
            elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
                bad.append(f"{row['file']} differs from its sha256")
        if bad:
            skipped.append(f"{event}: " + ", ".join(bad))
        else:
            ready.append(event)
    return ready, skipped


# ---------------------------------------------------------------- matching


def _norm(name: str) -> str:
    name = name.lower().replace("&", " and ")
    name = re.sub(r"[^\w\s]", " ", name)
    name = _SUFFIX.sub(" ", name)
    return " ".join(name.split())


class Names:
    """Party names of one event: aliases resolved, a name matching its longer or shorter written form."""

    def __init__(self, aliases: dict[str, list[str]]):
        self.canon: dict[str, str] = {}
        for name, others in aliases.items():
            for other in [name, *others]:
                self.canon[_norm(other)] = _norm(name)

    def forms(self, name: str) -> set[tuple[str, ...]]:
        """The name as written and as its alias's canonical name (also when an alias opens the name)."""
        raw = _norm(name)
        found = {tuple(raw.split()), tuple(self.canon.get(raw, raw).split())}
        for alias, canon in self.canon.items():
            if raw.startswith(alias + " "):
                found.add(tuple(canon.split()))
        return {f for f in found if f}

    def same(self, gold: str, written: str) -> bool:
        for a in self.forms(gold):
            for b in self.forms(written):
                short, long_ = sorted((a, b), key=len)
                if long_[: len(short)] == short:
                    return True
        return False

    def same_parties(self, gold: list[str], written: list[str]) -> bool:
        if len(gold) != len(written):
            return False
        left = list(written)
        for name in gold:
            hit = next((w for w in left if self.same(name, w)), None)
            if hit is None:
                return False
            left.remove(hit)
        return True


def _interval(value: dict[str, Any]) -> tuple[float | None, float | None]:
    low, high = value.get("low"), value.get("high")
    if value.get("kind") == "date":
        return (_day(low), _day(high))
    return (low, high)


def _day(iso: str | None) -> float | None:
    if not iso:
        return None
    y, m, d = (int(p) for p in iso.split("-"))
    return y * 372 + m * 31 + d


def _overlap(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    lo = max(x for x in (a[0], b[0], float("-inf")) if x is not None)
    hi = min(x for x in (a[1], b[1], float("inf")) if x is not None)
    return lo <= hi


def _close(a: float | None, b: float | None, rel: float = 1e-6) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= rel * max(abs(a), abs(b), 1.0)


def value_score(gold: dict[str, Any], written: dict[str, Any]) -> float:
    """1 the same value at the same precision, 0.5 compatible at another precision or hedge, else 0."""
    kind = gold.get("kind")
    if kind != written.get("kind"):
        return 0.0
    if kind == "text":
        return 1.0 if _norm(gold["value"]) == _norm(written["value"]) else 0.0
    if kind == "quantity":
        return 1.0 if gold.get("unit") == written.get("unit") and _close(gold["amount"], written["amount"]) else 0.0
    if kind == "duration":
        ga, wa = gold.get("days"), written.get("days")
        if ga is None or wa is None:
            return 1.0 if (gold["amount"], gold["unit"]) == (written["amount"], written["unit"]) else 0.0
        if _close(ga, wa, 0.01):
            return 1.0
        return 0.5 if _close(ga, wa, 0.1) else 0.0
    if kind == "date":
        if gold["value"] == written["value"] and gold.get("mod") == written.get("mod"):
            return 1.0
        return 0.5 if _overlap(_interval(gold), _interval(written)) else 0.0
    # money, count, percent
    for key in ("currency", "per", "direction"):
        if gold.get(key) != written.get(key):
            return 0.0
    if kind == "count" and gold.get("item") and written.get("item") and gold["item"] != written["item"]:
        return 0.0
    if _close(gold["amount"], written["amount"]) and gold.get("hedge") == written.get("hedge"):
        return 1.0
    gi, wi = _interval(gold), _interval(written)
    if _overlap(gi, wi) or _overlap((gold["amount"], gold["amount"]), wi):
        return 0.5
    return 0.0


# ---------------------------------------------------------------- scoring


@dataclass
class Tally:
    written: int = 0
    matched_written: int = 0
    gold: int = 0
    matched_gold: int = 0
    value_points: float = 0.0
    status_right: int = 0
    flags: dict[str, list[int]] = field(default_factory=lambda: {s: [0, 0, 0] for s in STATUSES})
    traps: int = 0
    traps_taken: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("written", "matched_written", "gold", "matched_gold", "value_points", "status_right",
                     "traps", "traps_taken"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for status, counts in other.flags.items():
            for i in range(3):
                self.flags[status][i] += counts[i]
        self.notes.extend(other.notes)

    def figures(self) -> dict[str, float]:
        def ratio(a: float, b: float) -> float:
            return round(a / b, 3) if b else 0.0

        def f1(status: str) -> tuple[float, float, float]:
            tp, flagged, truth = self.flags[status]
            p, r = ratio(tp, flagged), ratio(tp, truth)
            return p, r, round(2 * p * r / (p + r), 3) if p + r else 0.0

        cp, cr, cf = f1("conflict")
        rp, rr, rf = f1("refined")
        return {"fact_precision": ratio(self.matched_written, self.written),
                "fact_recall": ratio(self.matched_gold, self.gold),
                "value_accuracy": ratio(self.value_points, self.matched_gold),
                "status_accuracy": ratio(self.status_right, self.matched_gold),
                "conflict_precision": cp, "conflict_recall": cr, "conflict_f1": cf,
                "refined_precision": rp, "refined_recall": rr, "refined_f1": rf,
                "written": self.written, "annotated": self.gold,
                "conflicts_flagged": self.flags["conflict"][1], "conflicts_annotated": self.flags["conflict"][2],
                "traps_taken": self.traps_taken, "traps": self.traps}


def score_event(event: str, spec: dict[str, Any], facts: list[dict[str, Any]]) -> Tally:
    """Match the written facts whose claims come from this event's texts to its annotated facts."""
    prefix = f"benchmarks/real/texts/{event}/"
    names = Names(spec["aliases"])
    mine = [f for f in facts if _share_of(f, prefix) > 0.5 and f["value"].get("kind") in SCORED_KINDS]
    tally = Tally(written=len(mine), gold=len(spec["facts"]), traps=len(spec["traps"]))
    used: set[int] = set()
    for written in sorted(mine, key=lambda f: -len(f.get("claims", ()))):
        hit = None
        for i, gold in enumerate(spec["facts"]):
            if i in used or gold["attribute"] != written["attribute"]:
                continue
            if gold["subject"]["kind"] != written["subject"]["kind"]:
                continue
            if names.same_parties(gold["subject"]["parties"], written["subject"]["parties"]):
                hit = i
                break
        if hit is None:
            tally.notes.append(f"  unmatched written  {event}: {_show(written)}")
            if written["status"] in tally.flags:
                tally.flags[written["status"]][1] += 1
            continue
        used.add(hit)
        gold = spec["facts"][hit]
        tally.matched_written += 1
        tally.matched_gold += 1
        points = value_score(gold["value"], written["value"])
        tally.value_points += points
        tally.status_right += gold["status"] == written["status"]
        tally.flags[written["status"]][1] += 1
        if gold["status"] == written["status"]:
            tally.flags[written["status"]][0] += 1
        if points < 1 or gold["status"] != written["status"]:
            tally.notes.append(f"  differs {event}: {_show(written)}  | gold {gold['status']} "
                               f"{_short(gold['value'])} (value {points})")
    for i, gold in enumerate(spec["facts"]):
        tally.flags[gold["status"]][2] += 1
        if i not in used:
            tally.notes.append(f"  missed   {event}: {gold['subject']['kind']} {gold['subject']['parties']} "
                               f"{gold['attribute']} {gold['status']} {_short(gold['value'])}")
    for trap in spec["traps"]:
        path = prefix + trap["file"]
        for written in mine:
            if any(c.get("article") == path and c.get("quote") and
                   (trap["quote"] in c["quote"] or c["quote"] in trap["quote"]) for c in written.get("claims", ())):
                tally.traps_taken += 1
                tally.notes.append(f"  trap     {event}: {trap['quote']!r} -> {_show(written)}")
                break
    return tally


def _share_of(fact: dict[str, Any], prefix: str) -> float:
    claims = fact.get("claims") or ()
    if not claims:
        return 0.0
    return sum(str(c.get("article", "")).startswith(prefix) for c in claims) / len(claims)


def _short(value: dict[str, Any]) -> str:
    keep = ("value", "amount", "unit", "currency", "hedge", "per", "direction", "item", "mod")
    return json.dumps({k: value[k] for k in keep if value.get(k) is not None}, ensure_ascii=False)


def _show(fact: dict[str, Any]) -> str:
    return (f"{fact['subject']['kind']} {fact['subject']['parties']} {fact['attribute']} {fact['status']} "
            f"{_short(fact['value'])}")


# ---------------------------------------------------------------- running


def run_events(events: list[str], separately: bool) -> list[dict[str, Any]]:
    """The fact dicts newsfacts writes for these events' texts (one batch, or one batch per event)."""
    from pipeline.config import load_config
    from pipeline.extract import Extractor
    from pipeline.runner import run

    config = load_config(base=ROOT / "config.toml")
    extractor = Extractor(config)
    folders = [f"benchmarks/real/texts/{e}" for e in events]
    batches = [[f] for f in folders] if separately else [folders]
    facts: list[dict[str, Any]] = []
    for batch in batches:
        facts.extend(run(batch, None, config, extractor=extractor).fact_dicts)
    return facts


def evaluate(events: list[str], separately: bool = False) -> dict[str, Tally]:
    """Tallies for 'all', 'compute' and 'other types' (and per event under 'event:SLUG')."""
    facts = run_events(events, separately)
    groups: dict[str, Tally] = {"all": Tally(), "compute": Tally(), "other types": Tally()}
    for event in events:
        spec = load_event(event)
        tally = score_event(event, spec, facts)
        groups[f"event:{event}"] = tally
        groups["all"].add(tally)
        groups["compute" if spec.get("type") == "compute" else "other types"].add(tally)
    return groups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event", action="append", help="score only this event (repeatable)")
    parser.add_argument("--separately", action="store_true", help="run each event as its own batch")
    parser.add_argument("--details", action="store_true", help="list misses, unmatched facts and value errors")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    import os

    os.chdir(ROOT)
    events, skipped = available_events(load_sources(), set(args.event) if args.event else None)
    for line in skipped:
        print(f"skipped {line}", file=sys.stderr)
    if not events:
        print("real_eval: no event with its texts present; see benchmarks/real/README.md to rebuild them")
        return 0
    groups = evaluate(events, args.separately)
    table = {name: tally.figures() for name, tally in groups.items()}
    for name, figures in table.items():
        if name.startswith("event:") and not args.details:
            continue
        f = figures
        print(f"{name:>24}: facts P {f['fact_precision']:.3f} R {f['fact_recall']:.3f} "
              f"({f['written']} written, {f['annotated']} annotated) | value {f['value_accuracy']:.3f} | "
              f"status {f['status_accuracy']:.3f} | conflict P {f['conflict_precision']:.3f} "
              f"R {f['conflict_recall']:.3f} ({f['conflicts_flagged']} flagged, {f['conflicts_annotated']} real) | "
              f"refined F1 {f['refined_f1']:.3f} | traps {f['traps_taken']}/{f['traps']}")
    if args.details:
        for line in groups["all"].notes:
            print(line)
    if args.json:
        args.json.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
