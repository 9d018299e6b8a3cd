"""Throughput of `newsfacts run` stages on the seed corpus replicated to N articles.

Prints articles per second per stage (ingest, extract, assemble, reconcile), the ratio of the
extractor's time to plain ``nlp.pipe`` with the full en_core_web_sm pipeline over the same texts (a
separate, untouched load of the model package: no gazetteer), both measured in this run, and peak memory.

Times are wall clock and CPU time of this process; the ratio is given for both (CPU time is steadier
when other jobs share the machine). ``--repeat N`` keeps the best of N runs of extract and of the baseline.

usage: .venv/bin/python benchmarks/throughput.py [--articles 200] [--repeat 1] [--parse candidates|all]
                                                [--lead-sentences N]
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.assemble import assemble  # noqa: E402
from pipeline.config import load_config  # noqa: E402
from pipeline.errors import InputError  # noqa: E402
from pipeline.extract import Extractor  # noqa: E402
from pipeline.extract.nlp import load_model  # noqa: E402
from pipeline.ingest import iter_articles  # noqa: E402
from pipeline.reconcile import reconcile_claims  # noqa: E402
from pipeline.records import Article  # noqa: E402

T = TypeVar("T")
TARGET_RATIO = 0.5


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="articles to process (the seed corpus cycled)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N timings of extract and of the baseline")
    parser.add_argument("--parse", choices=("candidates", "all"), help="override [extract] parse")
    parser.add_argument("--lead-sentences", type=int, help="override [extract] lead_sentences (its cost: try 0)")
    args = parser.parse_args(argv)
    extract_overrides = {k: v for k, v in (("parse", args.parse), ("lead_sentences", args.lead_sentences))
                         if v is not None}
    overrides = {"extract": extract_overrides} if extract_overrides else None
    config = load_config(base=ROOT / "config.toml", overrides=overrides)

    seed = _ingest(config)
    rounds = math.ceil(args.articles / len(seed))
    ingest = _timed(lambda: [a for _ in range(rounds) for a in _ingest(config)], 1)
    articles = [Article(path=f"{a.path}#{i}", text=a.text, outlet=a.outlet, published=a.published,
                        attributed_to=a.attributed_to, offset=a.offset)
                for i, a in zip(range(args.articles), _cycle(seed))]
    n = len(articles)
    chars = sum(len(a.text) for a in articles)

    extractor = Extractor(config)
    extractor.mentions("warm up: Acme will pay $5 million in June 2029.")
    extract = _timed(lambda: list(extractor.analyse(articles)), args.repeat)
    analyses = extract.result
    assembled = _timed(lambda: assemble(analyses, config), 1)
    reconciled = _timed(lambda: reconcile_claims(assembled.result, config).facts, 1)
    rss_run = _max_rss_mb()

    plain = load_model()
    texts = [a.text for a in articles]
    _consume(plain.pipe(texts[:1]))
    baseline = _timed(lambda: _consume(plain.pipe(texts)), args.repeat)

    print(f"articles: {n} ({chars / n:,.0f} chars each on average; seed pieces: {len(seed)}); "
          f"[extract] parse = {extractor.parse!r}, lead_sentences = "
          f"{config.section('extract').get('lead_sentences', 0)}")
    print(f"{'stage':<44} {'wall s':>7} {'art/s':>8} {'cpu s':>7} {'art/s':>8}")
    rows = (("ingest", ingest, rounds * len(seed)), ("extract", extract, n), ("assemble", assembled, n),
            ("reconcile", reconciled, n),
            (f"plain spaCy nlp.pipe (full model, batch {plain.batch_size})", baseline, n))
    for name, timing, count in rows:
        print(f"{name:<44} {timing.wall:7.2f} {count / timing.wall:8.1f} {timing.cpu:7.2f} {count / timing.cpu:8.1f}")
    total = extract.wall + assembled.wall + reconciled.wall
    print(f"extract + assemble + reconcile: {n / total:,.1f} articles/s "
          f"({len(assembled.result)} claims, {len(reconciled.result)} facts)")
    print(f"ratio extract / plain spaCy: wall {extract.wall / baseline.wall:.2f}, cpu {extract.cpu / baseline.cpu:.2f} "
          f"(target <= {TARGET_RATIO})")
    print(f"peak memory (max RSS): {rss_run:,.0f} MB after the run stages, {_max_rss_mb():,.0f} MB with the baseline")
    return 0


class Timing:
    def __init__(self, wall: float, cpu: float, result: object) -> None:
        self.wall, self.cpu, self.result = wall, cpu, result


def _timed(fn: Callable[[], T], repeat: int) -> Timing:
    """The best wall and CPU time of ``repeat`` calls, with the last call's result."""
    best: Timing | None = None
    for _ in range(max(1, repeat)):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        best = Timing(min(wall, best.wall) if best else wall, min(cpu, best.cpu) if best else cpu, result)
    assert best is not None
    return best


def _ingest(config) -> list[Article]:
    return [a for a in iter_articles([str(ROOT / "corpus")], config) if not isinstance(a, InputError)]


def _consume(docs: Iterator) -> None:
    for _ in docs:
        pass


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cycle(items: Sequence[T]) -> Iterator[T]:
    while True:
        yield from items


if __name__ == "__main__":
    sys.exit(main())
