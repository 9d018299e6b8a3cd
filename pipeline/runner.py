"""The main job: ingest every source, extract, assemble claims, reconcile, write the fact table."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assemble import assemble
from .config import Config
from .errors import InputError
from .extract import Extractor
from .ingest import iter_articles
from .ingest.texts import articles_jsonl
from .output import claim_rows, csv_bytes, fact_rows, json_bytes, write_atomic
from .reconcile import conflict_rows, reconcile_claims, source_rows
from .records import Article, Claim, Fact

log = logging.getLogger(__name__)
VERDICTS_FILE = "verdicts.json"


@dataclass(frozen=True, slots=True)
class RunResult:
    """What one run produced: the articles read, the claims, the facts and the rejected inputs."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    facts: tuple[Fact, ...]
    fact_dicts: tuple[dict[str, Any], ...]
    errors: tuple[InputError, ...]


def run(sources: Sequence[str], out_dir: str | Path | None, config: Config,
        extractor: Extractor | None = None, on_error: Callable[[InputError], None] | None = None) -> RunResult:
    """Run the whole pipeline over ``sources``; write ``out_dir`` (skipped when None) atomically."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in iter_articles(sources, config):
        if isinstance(item, InputError):
            errors.append(item)
            if on_error:
                on_error(item)
        else:
            articles.append(item)
    extractor = extractor or Extractor(config)
    claims = assemble(extractor.analyse(articles), config)
    reconciliation = reconcile_claims(claims, config)
    facts = reconciliation.facts
    fact_dicts = [f.as_dict() for f in facts]
    if out_dir is not None:
        out = Path(out_dir)
        fact_dicts = _apply_verdicts(fact_dicts, out / VERDICTS_FILE)
        write_atomic(out / "facts.json", json_bytes(fact_dicts))
        write_atomic(out / "facts.csv", csv_bytes(_flat_with_verdicts(fact_rows(facts), fact_dicts)))
        write_atomic(out / "claims.csv", csv_bytes(claim_rows(claims)))
        write_atomic(out / "conflicts.csv", csv_bytes(conflict_rows(facts)))
        write_atomic(out / "sources.csv", csv_bytes(source_rows(reconciliation)))
        write_atomic(out / "articles.jsonl", articles_jsonl(articles, config))  # the texts spans index
        _write_report(fact_dicts, out / "report.html")
    log.debug("%d articles, %d claims, %d facts, %d inputs rejected", len(articles), len(claims), len(facts),
             len(errors))
    return RunResult(tuple(articles), tuple(claims), tuple(facts), tuple(fact_dicts), tuple(errors))


def _apply_verdicts(fact_dicts: list[dict[str, Any]], store: Path) -> list[dict[str, Any]]:
    from .verdicts import apply_verdicts, load_verdicts

    return apply_verdicts(fact_dicts, load_verdicts(store)) if store.exists() else fact_dicts


def _flat_with_verdicts(rows: list[dict[str, Any]], fact_dicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    verified = {f["fact_id"]: f.get("verified", False) for f in fact_dicts}
    return [{**row, "verified": verified.get(row["fact_id"], row["verified"])} for row in rows]


def _write_report(fact_dicts: list[dict[str, Any]], path: Path) -> None:
    from .report import write_report

    write_report(fact_dicts, path)
