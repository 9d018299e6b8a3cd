"""Quality gate: claim precision and recall on the hand-made gold sets stay above the pinned floors."""

import json
import os
from pathlib import Path

import pytest

from pipeline.runner import run
from tests.gold.scoring import describe, load_gold, score_claims

ROOT = Path(__file__).resolve().parent.parent
BASELINE = json.loads((ROOT / "tests/gold/baseline.json").read_text())
SETS = {"seed": ("corpus", "tests/gold/seed_claims.jsonl"),
        "other": ("tests/gold/other", "tests/gold/other_claims.jsonl")}


@pytest.mark.parametrize("name", sorted(SETS))
def test_claims_meet_the_floors(name, config, monkeypatch):
    monkeypatch.chdir(ROOT)  # gold paths are relative to the project root, as `newsfacts run corpus` makes them
    source, gold_path = SETS[name]
    result = run([source], None, config)
    score = score_claims(result.claims, load_gold(ROOT / gold_path))
    floor = BASELINE[name]
    assert score.precision >= floor["precision"] and score.recall >= floor["recall"], \
        f"{score.line(name)}\n{describe(score)}"
