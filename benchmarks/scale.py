"""How `newsfacts run` scales with the store: corpora of 1k, 5k and 20k distinct synthetic articles.

Each corpus is written from templates of our own: stories about compute, cloud and chip deals between
generated companies, each told by 2-6 outlets with their own wording, figures at their own precision
(some in conflict), publication dates spread over a year, plus one-outlet company pieces. No two articles
share a text. Per size it prints, all as `newsfacts run` subprocesses on the same corpus:

- full: a fresh run over all N articles (articles/s, wall seconds, peak RSS of the run process);
- add 50: a store holding N - 50 of them, then a run over all N (ratio to the full run's time);
- nothing new: the same run again (ratio to full);
- workers 2: a fresh run with --workers 2 (ratio to the 1-worker full run; peak RSS of the parent);
- same facts: whether facts.json is byte-identical across the full, incremental and 2-worker stores.

Then it times `newsfacts reconcile` on synthetic claims tables (--claims, default 100k and 1M) with the
generator and timer of ``reconcile_scale.py`` (wall and CPU seconds, peak RSS).

usage: .venv/bin/python benchmarks/scale.py [--sizes 1000 5000 20000] [--claims 100000 1000000] [--keep DIR]
       [--skip-workers]

To measure one fixed tree while the checkout changes: git archive HEAD | tar -x -C /tmp/snap, then
run /work/main/.venv/bin/python /tmp/snap/benchmarks/scale.py ... (the copy's code and config are used).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This checkout's code, whichever interpreter runs the script (run it from a `git archive` copy to measure
# a fixed tree while the working tree changes).
NEWSFACTS = [sys.executable, "-m", "pipeline"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

OUTLETS = ["Daily Planet", "Metro Wire", "The Ledger", "Harbor Times", "Capital Courier", "Signal Post",
           "Northern Gazette", "Tech Dispatch", "Market Brief", "Silicon Standard", "Evening Chronicle",
           "Global Monitor", "Bay Reporter", "Finance Tribune", "Data Center Weekly", "Circuit News",
           "The Observer Review", "Lakeside Journal", "Union Herald", "Pacific Wire"]
_FIRST = ["Nor", "Quan", "Vel", "Ast", "Cor", "Lum", "Tor", "Zen", "Ori", "Kal", "Mer", "Sol", "Vant", "Hel",
          "Bry", "Cyr", "Dax", "Eld", "Fen", "Gal", "Hal", "Ix", "Jor", "Kyr", "Lor", "Mav", "Nex", "Oct", "Pra"]
_SECOND = ["vex", "tara", "ion", "ora", "ant", "ella", "ium", "ith", "ador", "eon", "ova", "yx", "ar", "esta",
           "ion", "oria", "ex", "ano", "is", "um"]
_KIND = ["Labs", "Systems", "Cloud", "Compute", "Networks", "AI", "Technologies", "Robotics", "Data", "Dynamics"]
CHIPS = ["H100", "H200", "B200", "GB200", "GB300", "MI300X", "MI325X"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FILLERS = [
    "Analysts said the agreement reflects how scarce accelerator capacity has become for young model makers.",
    "The companies did not respond to requests for comment.",
    "Shares of several chip suppliers were little changed in morning trading.",
    "Industry watchers have questioned whether such long commitments will pay off.",
    "The arrangement follows a string of similar contracts across the sector this year.",
    "People familiar with the matter described the talks as lengthy.",
    "Power supply remains the main constraint on new data center campuses.",
    "Investors have poured money into infrastructure start-ups over the past two years.",
    "Executives have argued that owning capacity is cheaper than renting it over time.",
    "Some customers have started to pre-book capacity years ahead.",
]


_MIDDLE = ["ar", "el", "on", "is", "ur", "en", "ax", "or", "il", "am"]


def company(rng: random.Random, used: set[str]) -> str:
    """A name not used yet: two syllables and a kind (5,800 names), then three once those run short (a 20k
    corpus names about 11,000 companies)."""
    for tries in range(10_000):
        middle = rng.choice(_MIDDLE) if tries >= 30 else ""
        name = f"{rng.choice(_FIRST)}{middle}{rng.choice(_SECOND)} {rng.choice(_KIND)}"
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("no company name left")


def _money(m: float) -> str:
    return f"${m / 1000:g} billion" if m >= 1000 else f"${m:g} million"


def deal_article(rng: random.Random, story: dict, outlet: str, n: int, published: date) -> str:
    """One outlet's telling of a deal story, in its own words and precision."""
    a, b = story["provider"], story["customer"]
    monthly, months = story["monthly"], story["months"]
    end = story["end"]
    total = monthly * months
    # Each outlet picks its precision; one in five gets the end date wrong (a conflict to reconcile).
    end_text = rng.choice([f"{MONTHS[end.month - 1]} {end.year}", f"{end.year}", f"the end of {end.year}"])
    if rng.random() < 0.2:
        end_text = f"{MONTHS[(end.month + 5) % 12]} {end.year}"
    total_text = rng.choice([_money(round(total / 1000, 1) * 1000), "up to " + _money(round(total / 1000, 1) * 1000),
                             "about " + _money(round(total / 1000) * 1000 or total)])
    lead = rng.choice([
        f"{b} has signed an agreement to rent computing capacity from {a} for {_money(monthly)} per month through {end_text}.",
        f"{a} will supply {b} with compute worth {total_text} under a deal running through {end_text}.",
        f"{b} agreed to pay {a} {_money(monthly)} a month for access to its data centers, according to {outlet}.",
    ])
    body = [
        f"The contract, valued at {total_text}, covers {story['gpus']:,} {story['chip']} GPUs.",
        f"Access begins on {MONTHS[story['start'].month - 1]} {story['start'].day}, {story['start'].year}.",
        f"{b} was founded in {story['founded']} and is based in {story['city']}.",
        f"The lease runs for {months} months.",
    ]
    rng.shuffle(body)
    fillers = rng.sample(FILLERS, 3)
    title = rng.choice([f"{a} strikes compute deal with {b}", f"{b} books {a} capacity",
                        f"{a} and {b} sign {total_text} agreement"])
    parts = [title, lead, *body[: rng.randint(2, 4)], *fillers,
             f"Reported by {outlet} on {published.isoformat()} (story {story['id']}, item {n})."]
    return "\n".join(parts) + "\n"


def company_article(rng: random.Random, name: str, outlet: str, n: int, published: date) -> str:
    """A one-company piece: a funding round, a valuation, a stock move."""
    raised, valuation = rng.randint(2, 90) * 10, rng.randint(2, 60)
    move = rng.randint(2, 19)
    lines = [f"{name} raises {_money(raised)}",
             f"{name} said it raised {_money(raised)} in a new funding round that values the company at "
             f"${valuation} billion.",
             f"Shares of {name} rose {move}% on the news." if rng.random() < 0.5 else
             f"{name} was founded in {rng.randint(2012, 2023)}.",
             *rng.sample(FILLERS, 2),
             f"Reported by {outlet} on {published.isoformat()} (item {n})."]
    return "\n".join(lines) + "\n"


def build_corpus(folder: Path, size: int, seed: int = 7) -> list[str]:
    """Write ``size`` distinct articles (and metadata.json) into ``folder``; returns the file names in order."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    meta: dict[str, dict] = {}
    names: list[str] = []
    day0 = date(2026, 1, 1)
    n = 0
    story_id = 0
    cities = ["Austin", "Toronto", "Berlin", "Singapore", "Denver", "Dublin", "Seoul", "Oslo"]
    while n < size:
        story_id += 1
        published = day0 + timedelta(days=rng.randint(0, 364))
        if rng.random() < 0.8:
            story = {"id": story_id, "provider": company(rng, used), "customer": company(rng, used),
                     "monthly": rng.randint(2, 40) * 10, "months": rng.choice([24, 36, 42, 48, 60]),
                     "start": date(2026, rng.randint(1, 12), rng.randint(1, 28)),
                     "gpus": rng.randint(2, 200) * 500, "chip": rng.choice(CHIPS),
                     "founded": rng.randint(2015, 2024), "city": rng.choice(cities)}
            end_month = story["start"].month - 1 + story["months"]
            story["end"] = date(story["start"].year + end_month // 12, end_month % 12 + 1, 1)
            tellers = rng.sample(OUTLETS, rng.randint(2, 6))
            texts = [(o, deal_article(rng, story, o, i, published + timedelta(days=i))) for i, o in enumerate(tellers)]
        else:
            name = company(rng, used)
            outlet = rng.choice(OUTLETS)
            texts = [(outlet, company_article(rng, name, outlet, 0, published))]
        for i, (outlet, text) in enumerate(texts):
            if n >= size:
                break
            name = f"{n:06d}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            meta[name] = {"outlet": outlet, "url": None, "published": (published + timedelta(days=i)).isoformat(),
                          "title": text.split("\n", 1)[0]}
            names.append(name)
            n += 1
    (folder / "metadata.json").write_text(json.dumps(meta, indent=0), encoding="utf-8")
    return names


def timed_run(args: Sequence[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of the newsfacts process, stderr of one `newsfacts run`."""
    start = time.perf_counter()
    proc = subprocess.Popen([*NEWSFACTS, "run", *args], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newsfacts run {' '.join(args)} failed ({proc.returncode}):\n{stderr}")
    return wall, usage.ru_maxrss / 1024, stderr.strip().splitlines()[-1] if stderr.strip() else ""


def measure(size: int, work: Path, workers: bool) -> dict:
    """One size: the incremental route first (N - 50, then all N, then again), then fresh runs over the
    same folder, so every store holds the same paths and the fact tables can be compared byte for byte."""
    source = work / f"source{size}"
    if not (source / "metadata.json").exists():
        build_corpus(source, size)
    files = sorted(p.name for p in source.glob("*.txt"))
    meta = json.loads((source / "metadata.json").read_text())
    corpus = work / f"corpus{size}"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir()
    for name in files[:-50]:
        os.link(source / name, corpus / name)
    (corpus / "metadata.json").write_text(json.dumps({k: meta[k] for k in files[:-50]}), encoding="utf-8")
    rel = corpus.name
    full_dir, inc_dir, w2_dir = f"full{size}", f"inc{size}", f"w2_{size}"
    for d in (full_dir, inc_dir, w2_dir):
        shutil.rmtree(work / d, ignore_errors=True)
    out: dict = {"size": size}
    wall, rss, _ = timed_run([rel, "--out", inc_dir], work)
    out.update(base_s=round(wall, 1), base_rss_mb=round(rss))
    # The day's 50 new articles arrive in the same folder as the older ones: the run is given all N.
    for name in files[-50:]:
        os.link(source / name, corpus / name)
    shutil.copy(source / "metadata.json", corpus / "metadata.json")
    add_wall, add_rss, add_line = timed_run([rel, "--out", inc_dir], work)
    rerun_wall, rerun_rss, _ = timed_run([rel, "--out", inc_dir], work)
    wall, rss, line = timed_run([rel, "--out", full_dir], work)
    out.update(full_s=round(wall, 1), articles_per_s=round(size / wall, 1), full_rss_mb=round(rss), full=line)
    out.update(add50_s=round(add_wall, 1), add50_ratio=round(add_wall / wall, 3), add50_rss_mb=round(add_rss),
               add50=add_line, rerun_s=round(rerun_wall, 2), rerun_ratio=round(rerun_wall / wall, 3),
               rerun_rss_mb=round(rerun_rss))
    tables = [(work / full_dir / "facts.json").read_bytes(), (work / inc_dir / "facts.json").read_bytes()]
    if workers:
        w_wall, w_rss, _ = timed_run([rel, "--out", w2_dir, "--workers", "2"], work)
        out.update(workers2_s=round(w_wall, 1), workers2_ratio=round(w_wall / wall, 3), workers2_rss_mb=round(w_rss))
        tables.append((work / w2_dir / "facts.json").read_bytes())
    out["same_facts"] = len(set(tables)) == 1
    return out


def measure_reconcile(claims: int, work: Path) -> dict:
    """`newsfacts reconcile` on a synthetic table of ``claims`` rows (reconcile_scale.py's generator)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from reconcile_scale import build_table, time_reconcile

    table = work / f"claims-{claims}.csv"
    if not table.exists():
        build_table(table, claims)
    figures = time_reconcile(ROOT, table, work / f"reconciled-{claims}")
    return {"claims": claims, "wall_s": round(figures["wall"], 1), "cpu_s": round(figures["cpu"], 1),
            "rss_mb": round(figures["rss_mb"]), "rc": figures["rc"]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--keep", metavar="DIR", help="work folder to keep (corpora are reused when present)")
    parser.add_argument("--skip-workers", action="store_true", help="skip the --workers 2 run")
    parser.add_argument("--build-only", metavar="DIR", help="only write a corpus of --sizes[0] articles to DIR")
    parser.add_argument("--claims", type=int, nargs="*", default=[100_000, 1_000_000],
                        help="claims tables to time `newsfacts reconcile` on (none: skip)")
    args = parser.parse_args(argv)
    if args.build_only:
        build_corpus(Path(args.build_only), args.sizes[0])
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="newsfacts-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"work folder: {work}; {os.cpu_count()} cores", flush=True)
    for size in args.sizes:
        row = measure(size, work, not args.skip_workers)
        print(json.dumps(row), flush=True)
    for claims in args.claims:
        print(json.dumps(measure_reconcile(claims, work)), flush=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
