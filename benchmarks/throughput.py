"""Throughput of `newsfacts run` stages on the seed corpus replicated to N articles.

Prints articles per second per stage, the ratio of the extractor's time to plain `nlp.pipe` with the
full en_core_web_sm pipeline over the same texts (both measured in this run), and peak memory.

usage: python benchmarks/throughput.py [--articles 200]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.assemble import assemble  # noqa: E402
from pipeline.config import load_config  # noqa: E402
from pipeline.errors import InputError  # noqa: E402
from pipeline.extract import Extractor  # noqa: E402
from pipeline.extract.nlp import _load_model  # noqa: E402
from pipeline.ingest import iter_articles  # noqa: E402
from pipeline.reconcile import reconcile_claims  # noqa: E402
from pipeline.records import Article  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    config = load_config(base=ROOT / "config.toml")

    t0 = time.perf_counter()
    seed = [a for a in iter_articles([str(ROOT / "corpus")], config) if not isinstance(a, InputError)]
    t_ingest = time.perf_counter() - t0
    articles = [Article(path=f"{a.path}#{i}", text=a.text, outlet=a.outlet, published=a.published,
                        attributed_to=a.attributed_to, offset=a.offset)
                for i, a in zip(range(args.articles), _cycle(seed))]
    chars = sum(len(a.text) for a in articles)

    extractor = Extractor(config)
    extractor.mentions("warm up $5 million in June 2029.")
    t0 = time.perf_counter()
    analyses = list(extractor.analyse(articles))
    t_extract = time.perf_counter() - t0

    t0 = time.perf_counter()
    claims = assemble(analyses, config)
    t_assemble = time.perf_counter() - t0
    t0 = time.perf_counter()
    facts = reconcile_claims(claims, config).facts
    t_reconcile = time.perf_counter() - t0

    plain = _load_model()
    t0 = time.perf_counter()
    for _ in plain.pipe((a.text for a in articles), batch_size=16):
        pass
    t_spacy = time.perf_counter() - t0

    n = len(articles)
    print(f"articles: {n} ({chars / n:,.0f} chars each on average; seed pieces: {len(seed)})")
    print(f"ingest (seed corpus once): {t_ingest:.2f}s")
    for name, secs in (("extract", t_extract), ("assemble", t_assemble), ("reconcile", t_reconcile),
                       ("plain spaCy nlp.pipe (full en_core_web_sm)", t_spacy)):
        print(f"{name}: {secs:.2f}s, {n / secs:,.1f} articles/s")
    total = t_extract + t_assemble + t_reconcile
    print(f"run stages after ingest: {n / total:,.1f} articles/s ({len(claims)} claims, {len(facts)} facts)")
    print(f"ratio extract / plain spaCy: {t_extract / t_spacy:.2f} (target <= 0.5)")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


def _cycle(items):
    while True:
        yield from items


if __name__ == "__main__":
    main()
