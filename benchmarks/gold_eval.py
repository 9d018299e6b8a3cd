"""Print claim precision and recall of the pipeline against the hand-made gold sets.

usage: python benchmarks/gold_eval.py [--details]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.config import load_config  # noqa: E402
from pipeline.runner import run  # noqa: E402
from tests.gold.scoring import describe, load_gold, score_claims  # noqa: E402

SETS = {"seed": (["corpus"], ROOT / "tests/gold/seed_claims.jsonl"),
        "other": (["tests/gold/other"], ROOT / "tests/gold/other_claims.jsonl")}


def evaluate(name: str, details: bool = False):
    sources, gold_path = SETS[name]
    if not gold_path.exists():
        return None
    result = run(sources, None, load_config(base=ROOT / "config.toml"))
    score = score_claims(result.claims, load_gold(gold_path))
    print(score.line(name))
    if details:
        print(describe(score))
    return score


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    for set_name in SETS:
        evaluate(set_name, "--details" in sys.argv)
