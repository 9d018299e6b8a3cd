"""Score assembled claims against a hand-made gold set (precision and recall of claims).

A predicted claim matches a gold claim when both name the same article, attribute and subject
(kind and parties) and their spans overlap; each gold claim matches at most one prediction.
Only the kinds the gold annotates (money, date, duration, count, percent) are scored.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SCORED_KINDS = {"money", "date", "duration", "count", "percent"}


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list = field(default_factory=list)
    spurious: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    def line(self, name: str) -> str:
        return (f"{name}: precision {self.precision:.3f} ({self.matched}/{self.predicted}), "
                f"recall {self.recall:.3f} ({self.matched}/{self.gold})")


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_claims(claims, gold: list[dict]) -> Score:
    """Match claims (records) to gold rows; return counts and the misses/spurious ones for reading."""
    preds = [c for c in claims if c.value.KIND in SCORED_KINDS and c.attribute != "unassigned"]
    by_key: dict[tuple, list[dict]] = {}
    for g in gold:
        key = (g["article"], g["attribute"], g["subject"]["kind"], tuple(sorted(g["subject"]["parties"])))
        by_key.setdefault(key, []).append(g)
    used: set[int] = set()
    score = Score(predicted=len(preds), gold=len(gold))
    for c in sorted(preds, key=lambda c: (c.article, c.start or 0)):
        key = (c.article, c.attribute, c.subject.kind, tuple(c.subject.parties))
        hit = None
        for g in by_key.get(key, ()):
            if id(g) not in used and c.start is not None and c.start < g["end"] and g["start"] < c.end:
                hit = g
                break
        if hit is None:
            score.spurious.append(c)
        else:
            used.add(id(hit))
            score.matched += 1
    score.missed = [g for g in gold if id(g) not in used]
    return score


def describe(score: Score, limit: int = 40) -> str:
    lines = []
    for g in score.missed[:limit]:
        lines.append(f"  missed   {g['article']}@{g['start']} {g['attribute']} {g['subject']['parties']} {g['text']!r}")
    for c in score.spurious[:limit]:
        lines.append(f"  spurious {c.article}@{c.start} {c.attribute} {list(c.subject.parties)} {c.quote!r}")
    counts = Counter(g["attribute"] for g in score.missed)
    lines.append(f"  missed by attribute: {dict(counts)}")
    return "\n".join(lines)
