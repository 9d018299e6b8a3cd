"""How `newsfacts reconcile` scales: synthetic claims tables of 100k and 1M claims.

The tables are generated here (no NLP): subjects (deals between two generated companies, and single
companies) with 10 claims each from 50 outlets, spread over two or three attributes per subject, in mixed
kinds (money with and without a period, dates at year/quarter/month/day precision with "end of"/"mid-",
durations, GPU counts, percentages), mixed hedges ("about", "up to", "more than", "nearly"), publication
dates over a year (some missing), some claims attributed to a wire service, and about one claim in seventeen
stating a conflicting value. The same seed gives the same table.

Each size is timed as a `newsfacts reconcile CLAIMS.csv --out DIR -q` subprocess: wall seconds and the
child's CPU seconds (user + system: steadier than wall time on a shared machine) and peak RSS
(resource.getrusage RUSAGE_CHILDREN, one child per measurement), plus the size of the
outputs. With --check DIR2 the outputs of a second tree (``--tree PATH``) are compared byte for byte.

usage: .venv/bin/python benchmarks/reconcile_scale.py [--sizes 100000 1000000] [--keep DIR] [--tree PATH]

To measure a fixed tree while the checkout changes: git archive HEAD | tar -x -C /tmp/snap, then pass
--tree /tmp/snap (its code and config are used; the tables are the same for any tree).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OUTLETS = [f"{a} {b}" for a in ("Daily", "Metro", "Harbor", "Capital", "Signal", "Northern", "Tech", "Market",
                                "Evening", "Global") for b in ("Planet", "Wire", "Ledger", "Times", "Courier")]
WIRES = ["Reuters", "Bloomberg", "CNBC"]
_FIRST = ["Nor", "Quan", "Vel", "Ast", "Cor", "Lum", "Tor", "Zen", "Ori", "Kal", "Mer", "Sol", "Vant", "Hel",
          "Bry", "Cyr", "Dax", "Eld", "Fen", "Gal", "Hal", "Ix", "Jor", "Kyr", "Lor", "Mav", "Nex", "Oct", "Pra"]
_SECOND = ["vex", "tara", "ion", "ora", "ant", "ella", "ium", "ith", "ador", "eon", "ova", "yx", "ar", "esta",
           "oria", "ex", "ano", "is", "um"]
_KIND = ["Labs", "Systems", "Cloud", "Compute", "Networks", "AI", "Technologies", "Robotics", "Data", "Dynamics"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DEAL_ATTRIBUTES = ["total_value", "monthly_payment", "start_date", "end_date", "term_length", "gpu_count"]
ENTITY_ATTRIBUTES = ["valuation", "stock_change", "founded"]
CLAIMS_PER_SUBJECT = 10
COLUMNS = ["source", "subject", "attribute", "value", "quote", "published", "attributed_to"]


def _name(n: int) -> str:
    """A distinct company name for every n (mixed radix over the name parts, then a number)."""
    a, rest = n % len(_FIRST), n // len(_FIRST)
    b, rest = rest % len(_SECOND), rest // len(_SECOND)
    c, rest = rest % len(_KIND), rest // len(_KIND)
    return f"{_FIRST[a]}{_SECOND[b]} {_KIND[c]}" + (f" {rest + 1}" if rest else "")


def _money(amount: float) -> str:
    return f"${amount / 1e9:g} billion" if amount >= 1e9 else f"${amount / 1e6:g} million"


def _truth(rng: random.Random, attribute: str) -> dict:
    """The value a subject's attribute really has."""
    if attribute in ("total_value", "valuation"):
        return {"amount": rng.choice([1.2, 2.5, 6.3, 9.7, 14, 38]) * 1e9}
    if attribute == "monthly_payment":
        return {"amount": rng.choice([50, 75, 150, 220]) * 1e6}
    if attribute in ("start_date", "end_date", "founded"):
        year = rng.randint(2010, 2020) if attribute == "founded" else rng.randint(2026, 2031)
        return {"year": year, "month": rng.randint(1, 12), "day": rng.randint(1, 28)}
    if attribute == "term_length":
        return {"amount": rng.choice([18, 24, 36, 42, 60]), "unit": "month"}
    if attribute == "gpu_count":
        return {"amount": rng.choice([10_000, 50_000, 100_000, 220_000])}
    return {"amount": rng.choice([3.5, 7.2, 12.8, 16.9]), "down": rng.random() < 0.5}


def _conflicting(rng: random.Random, attribute: str, truth: dict) -> dict:
    """Another value for the same attribute, far enough off to be a conflict."""
    other = dict(truth)
    if "year" in truth:
        other["month"] = (truth["month"] + rng.randint(3, 8) - 1) % 12 + 1
        other["year"] = truth["year"] + rng.choice([0, 1])
    elif "amount" in truth:
        other["amount"] = truth["amount"] * rng.choice([0.6, 0.75, 1.4, 2.0])
    return other


def _render(rng: random.Random, attribute: str, v: dict) -> str:
    """One outlet's wording of a value: its own precision and hedge."""
    hedge = rng.choices(["", "about ", "up to ", "more than ", "nearly "], weights=[6, 2, 1, 1, 1])[0]
    if "year" in v:
        forms = ["month", "year", "day", "quarter", "iso"] + (["end"] if v["month"] >= 10 else []) \
            + (["mid"] if 5 <= v["month"] <= 8 else [])
        form = rng.choices(forms, weights=[5, 2, 2, 1, 1, 1, 1][:len(forms)])[0]
        month = MONTHS[v["month"] - 1]
        return {"month": f"{month} {v['year']}", "year": f"{v['year']}", "end": f"end of {v['year']}",
                "mid": f"mid-{v['year']}", "day": f"{month} {v['day']}, {v['year']}",
                "quarter": f"Q{(v['month'] - 1) // 3 + 1} {v['year']}",
                "iso": f"{v['year']}-{v['month']:02d}"}[form]
    if attribute == "term_length":
        months = v["amount"]
        return f"{months // 12:g} years" if months % 12 == 0 and rng.random() < 0.5 else f"{months:g} months"
    if attribute in ("total_value", "valuation", "monthly_payment"):
        amount = v["amount"]
        if rng.random() < 0.3:  # rounded to two significant figures
            amount = float(f"{amount:.2g}")
        text = hedge + _money(amount)
        return text + (rng.choice([" per month", " a month"]) if attribute == "monthly_payment" else "")
    if attribute == "gpu_count":
        return f"{hedge}{v['amount']:,.0f} GPUs"
    return f"{'down' if v['down'] else 'up'} {v['amount']:g}%"


def build_table(path: Path, claims: int, seed: int = 12) -> None:
    """Write a claims CSV of ``claims`` rows (a multiple of 10 claims per subject)."""
    rng = random.Random(seed)
    start = date(2026, 1, 1)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for n in range(claims // CLAIMS_PER_SUBJECT):
            if rng.random() < 0.75:
                subject = f"{_name(2 * n)} + {_name(2 * n + 1)}"
                attributes = rng.sample(DEAL_ATTRIBUTES, rng.choice([2, 3]))
            else:
                subject = _name(2 * n)
                attributes = rng.sample(ENTITY_ATTRIBUTES, 2)
            truths = {a: _truth(rng, a) for a in attributes}
            outlets = rng.sample(OUTLETS, CLAIMS_PER_SUBJECT)
            day = start + timedelta(days=rng.randint(0, 330))
            for k, outlet in enumerate(outlets):
                attribute = attributes[k % len(attributes)]
                value = truths[attribute]
                if rng.random() < 0.06:
                    value = _conflicting(rng, attribute, value)
                text = _render(rng, attribute, value)
                published = "" if rng.random() < 0.08 else (day + timedelta(days=rng.randint(0, 20))).isoformat()
                wire = rng.choice(WIRES) if rng.random() < 0.2 else ""
                quote = f"{text}, {outlet} reported" if rng.random() < 0.5 else text
                writer.writerow([outlet, subject, attribute, text, quote, published, wire])


def time_reconcile(tree: Path, table: Path, out: Path) -> dict:
    """Run `newsfacts reconcile` of ``tree`` on ``table`` in a subprocess: wall time and peak RSS."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    # A fresh interpreter per measurement, so RUSAGE_CHILDREN's maximum is this run's own peak.
    probe = ("import resource, subprocess, sys, time, json;"
             "t = time.perf_counter();"
             "rc = subprocess.call(sys.argv[1:]);"
             "wall = time.perf_counter() - t;"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
             "print(json.dumps({'rc': rc, 'wall': wall, 'cpu': u.ru_utime + u.ru_stime, 'rss_mb': u.ru_maxrss / 1024}))")
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "pipeline", "reconcile", str(table), "--out", str(out),
           "-q"]
    result = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"probe failed: {result.stderr[-2000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["outputs_mb"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    report = [out / "report.html", *(out / "report").glob("*")]  # the overview and its pages, if any
    figures["report_mb"] = sum(p.stat().st_size for p in report if p.is_file()) / 2**20
    figures["report_page_mb"] = max((p.stat().st_size for p in report if p.is_file()), default=0) / 2**20
    return figures


def same_outputs(a: Path, b: Path, names: tuple[str, ...] = ("facts.json", "facts.csv", "conflicts.csv",
                                                              "sources.csv", "claims.csv")) -> dict[str, bool]:
    """Which output files of two runs are byte-identical."""
    return {n: (a / n).read_bytes() == (b / n).read_bytes() for n in names if (a / n).exists() or (b / n).exists()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--keep", type=Path, help="keep tables and outputs here (default: a temp folder)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the tree whose code is timed (default: this one)")
    parser.add_argument("--check", type=Path, help="another tree: run it too and compare the outputs byte for byte")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="reconcile-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"tree {args.tree}  work {work}", flush=True)
    for size in args.sizes:
        table = work / f"claims-{size}.csv"
        if not table.exists():
            build_table(table, size)
        out = work / f"out-{size}"
        figures = time_reconcile(args.tree.resolve(), table, out)
        print(f"{size:>9,} claims: {figures['wall']:7.1f} s (cpu {figures['cpu']:.1f} s)  peak RSS {figures['rss_mb']:7.0f} MB  "
              f"outputs {figures['outputs_mb']:6.1f} MB (report {figures['report_mb']:.1f} MB, largest page "
              f"{figures['report_page_mb']:.1f} MB)  rc {figures['rc']}",
              flush=True)
        if args.check:
            other = work / f"out-{size}-check"
            theirs = time_reconcile(args.check.resolve(), table, other)
            print(f"{'':>9}  check tree: {theirs['wall']:7.1f} s (cpu {theirs['cpu']:.1f} s)  peak RSS {theirs['rss_mb']:7.0f} MB; "
                  f"identical: {same_outputs(out, other)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
