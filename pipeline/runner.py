"""The main job: ingest every source, extract, assemble claims, reconcile, write the fact table."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assemble import assemble
from .audit import sort_key
from .config import Config, load_config
from .errors import InputError
from .extract import Extractor
from .ingest import iter_articles
from .ingest.texts import articles_jsonl
from .output import CLAIM_COLUMNS, claim_rows, csv_bytes, json_bytes, write_atomic
from .reconcile import conflict_rows, reconcile_claims, source_rows
from .reconcile.table import CONFLICT_COLUMNS, SOURCE_COLUMNS
from .records import Article, Claim, Fact, Reconciliation

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


def run(sources: str | Path | Sequence[str | Path] = ("corpus",), out_dir: str | Path | None = None,
        config: Config | None = None, extractor: Extractor | None = None,
        on_error: Callable[[InputError], None] | None = None) -> RunResult:
    """Run the whole pipeline over ``sources``; write ``out_dir`` (skipped when None) atomically.

    ``config`` defaults to the project's config.toml; rejected inputs are collected in ``errors`` (and
    passed to ``on_error`` as they come).
    """
    if config is None:
        config = load_config()
    if isinstance(sources, str | Path):
        sources = [sources]
    sources = [str(s) for s in sources]
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
    if out_dir is not None and not articles and errors:
        # Every input was rejected: the fact table already in out_dir stays as it was.
        log.warning("no article could be read; %s left unchanged", out_dir)
    elif out_dir is not None:
        out = Path(out_dir)
        fact_dicts = write_fact_table(out, reconciliation, claims, config)
        write_atomic(out / "articles.jsonl", articles_jsonl(articles, config))  # the texts spans index
    log.debug("%d articles, %d claims, %d facts, %d inputs rejected", len(articles), len(claims), len(facts),
             len(errors))
    return RunResult(tuple(articles), tuple(claims), tuple(facts), tuple(fact_dicts), tuple(errors))


def write_fact_table(out: Path, reconciliation: Reconciliation, claims: Sequence[Claim],
                     config: Config) -> list[dict[str, Any]]:
    """Write the fact table folder: facts.json, facts.csv, claims.csv, conflicts.csv, sources.csv, report.html.

    Verdicts kept in ``out/verdicts.json`` are applied first; facts.csv is the table ``newsfacts export
    --format csv`` gives. Returns the fact dicts as written.
    """
    from .export import facts_csv
    from .report import write_report
    from .verdicts import apply_verdicts, load_verdicts

    facts = reconciliation.facts
    fact_dicts = [f.as_dict() for f in facts]
    store = out / VERDICTS_FILE
    if store.exists():
        fact_dicts = apply_verdicts(fact_dicts, load_verdicts(store))
    write_atomic(out / "facts.json", json_bytes(fact_dicts))
    write_atomic(out / "facts.csv", facts_csv(sorted(fact_dicts, key=sort_key)))
    write_atomic(out / "claims.csv", csv_bytes(claim_rows(claims), CLAIM_COLUMNS))
    write_atomic(out / "conflicts.csv", csv_bytes(conflict_rows(facts, config), CONFLICT_COLUMNS))
    write_atomic(out / "sources.csv", csv_bytes(source_rows(reconciliation), SOURCE_COLUMNS))
    write_report(fact_dicts, out / "report.html")
    return fact_dicts
