"""The main job: ingest every source, extract, assemble claims, reconcile, write the fact table.

With an output folder the run keeps a store there (``DIR/newsfacts.db``, see ``store``) and works in three
streamed phases, each committed as it goes:

1. ingest: every input is read; articles not stored yet (or changed) are stored, in batches;
2. extract: every stored article without an analysis under today's extraction fingerprint is analysed
   (here, in worker processes or as dask tasks) and stored, in batches;
3. assemble + reconcile over the whole store, then the outputs are rewritten together.

Assembly and reconciliation are batch-wide by design: a story's deals are learnt from every article
(``Assembler.batch_stats``), copies are found across articles, and outlet trust is learnt from every
contested fact, so one new article can move any fact. Phase 3 therefore covers the whole store (no NLP),
but assembly reuses each article's stored claims while the part of the batch they read is unchanged
(``incremental``); the phase is skipped when the store, the config and the code are what produced the
outputs on disk. The facts table of the store is updated only where a fact changed. The fact table of a
run over several days equals that of one fresh run over the same articles, byte for byte.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .assemble import Assembler, assemble
from .audit import sort_key
from .config import Config, load_config
from .errors import InputError
from .extract import Extractor
from .ingest import iter_articles
from .ingest.texts import articles_jsonl
from .output import CLAIM_COLUMNS, OutputSet, claim_rows, csv_bytes, json_bytes, recover_outputs, write_atomic
from .progress import SILENT, Progress
from .reconcile import conflict_rows, reconcile_claims, source_rows
from .reconcile.table import CONFLICT_COLUMNS, SOURCE_COLUMNS
from .records import Analysis, Article, Claim, Fact, Reconciliation
from .store import STORE_FILE, Store, code_fingerprint, digest, extraction_fingerprint, record_hash

log = logging.getLogger(__name__)
VERDICTS_FILE = "verdicts.json"
# What the outputs on disk were made from (store content, config, code): equal keys, nothing to rewrite.
OUTPUTS_KEY_FILE = ".outputs-key"
# Articles held in memory between commits. Ingest and extraction commit every batch, so a killed run
# loses at most one batch of work and memory does not grow with the corpus. An extraction batch is four
# worker chunks (workers.CHUNK): two workers stay busy, and a kill loses about a second of extraction.
BATCH = 128
EXTRACT_BATCH = 64


@dataclass(frozen=True, slots=True)
class RunResult:
    """What one run produced: the articles read, the claims, the facts and the rejected inputs.

    With a store, ``claims``/``facts`` cover the whole store, and are empty when nothing changed since
    the outputs were written (``fact_dicts`` then come from the store); ``stats`` holds the counts.
    """

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    facts: tuple[Fact, ...]
    fact_dicts: tuple[dict[str, Any], ...]
    errors: tuple[InputError, ...]
    stats: dict[str, Any] = field(default_factory=dict)


def run(sources: str | Path | Sequence[str | Path] = ("corpus",), out_dir: str | Path | None = None,
        config: Config | None = None, extractor: Extractor | None = None,
        on_error: Callable[[InputError], None] | None = None, *, fresh: bool = False, workers: int = 1,
        executor: str = "local", scheduler: str | None = None, progress: Progress | None = None,
        keep_articles: bool = True) -> RunResult:
    """Run the whole pipeline over ``sources``; with ``out_dir``, grow its store and rewrite its outputs.

    ``config`` defaults to the project's config.toml; rejected inputs are collected in ``errors`` (and
    passed to ``on_error`` as they come). ``fresh`` starts the store over; ``workers``/``executor``/
    ``scheduler`` choose where extraction runs (same fact table on every route). ``out_dir=None`` runs in
    memory and writes nothing.
    """
    if config is None:
        config = load_config()
    if isinstance(sources, str | Path):
        sources = [sources]
    sources = [str(s) for s in sources]
    if out_dir is None:
        return _run_in_memory(sources, config, extractor, on_error)
    return _StoreRun(Path(out_dir), config, extractor, on_error, fresh, workers, executor, scheduler,
                     progress or SILENT, keep_articles).run(sources)


def _run_in_memory(sources: Sequence[str], config: Config, extractor: Extractor | None,
                   on_error: Callable[[InputError], None] | None) -> RunResult:
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
    return RunResult(tuple(articles), tuple(claims), tuple(facts), tuple(f.as_dict() for f in facts),
                     tuple(errors), {"articles": len(articles), "claims": len(claims), "facts": len(facts)})


class _StoreRun:
    """One run against the store of an output folder (see the module docstring)."""

    def __init__(self, out: Path, config: Config, extractor: Extractor | None,
                 on_error: Callable[[InputError], None] | None, fresh: bool, workers: int, executor: str,
                 scheduler: str | None, progress: Progress, keep_articles: bool) -> None:
        self.out, self.config, self.extractor, self.on_error = out, config, extractor, on_error
        self.fresh, self.workers, self.executor, self.scheduler = fresh, workers, executor, scheduler
        self.progress, self.keep_articles = progress, keep_articles
        self.errors: list[InputError] = []
        self.read: list[Article] = []
        self.stats: dict[str, Any] = {}

    def run(self, sources: Sequence[str]) -> RunResult:
        from .workers import Extraction

        out = self.out
        out.mkdir(parents=True, exist_ok=True)
        recover_outputs(out)
        final = out / STORE_FILE
        # --fresh builds a new store beside the old one; the old one stays until the new run has finished.
        path = out / f".{STORE_FILE}.fresh" if self.fresh else final
        if self.fresh:
            _remove_db(path)
        extraction = Extraction(self.config, self.workers, self.executor, self.scheduler, self.extractor)
        store = Store.open(path)
        try:
            if self.fresh and final.exists():
                _carry_verdicts(final, store)
            elif not self.fresh and not store.verdicts() and (out / VERDICTS_FILE).exists():
                from .verdicts import load_verdicts

                store.put_verdicts(load_verdicts(out / VERDICTS_FILE))  # verdicts kept before the store
            run_id = store.begin_run(sources, self.fresh)
            self._ingest(store, sources, run_id)
            with extraction:
                self._extract(store, extraction)
            result = self._finish(store, run_id)
        finally:
            store.close()
        if self.fresh:
            _move_db(path, final)
        return result

    # ----- phase 1
    def _ingest(self, store: Store, sources: Sequence[str], run_id: int) -> None:
        states = store.article_states()
        read: dict[str, set[str]] = {}
        new: list[Article] = []
        seen: list[str] = []
        counts = {"read": 0, "added": 0}
        with self.progress.bar("ingest", _count_inputs(sources, self.config)) as bar:
            last = None
            for item in iter_articles(sources, self.config):
                if isinstance(item, InputError):
                    self.errors.append(item)
                    if self.on_error:
                        self.on_error(item)
                    bar.update()
                    continue
                source = item.path.split("#", 1)[0]
                if source != last:
                    bar.update()
                    last = source
                ids = read.setdefault(item.path, set())
                if item.article_id in ids:
                    continue  # the same input given twice
                ids.add(item.article_id)
                counts["read"] += 1
                if self.keep_articles:
                    self.read.append(item)
                if states.get(item.article_id, ("",))[0] == record_hash(item):
                    seen.append(item.article_id)
                else:
                    new.append(item)
                if len(new) >= BATCH:
                    store.put_articles(new, run_id)
                    counts["added"] += len(new)
                    new = []
            store.put_articles(new, run_id)
            counts["added"] += len(new)
            store.mark_seen(seen, run_id)
        removed = store.drop_stale_versions(read)
        self.stats.update(articles_read=counts["read"], articles_added=counts["added"], articles_removed=removed,
                          inputs_rejected=len(self.errors))

    # ----- phase 2
    def _extract(self, store: Store, extraction) -> None:
        fingerprint = extraction_fingerprint(self.config)
        todo = store.stale_ids(fingerprint)
        done = 0
        if todo:
            batches = [todo[start:start + EXTRACT_BATCH] for start in range(0, len(todo), EXTRACT_BATCH)]
            with self.progress.bar("extract", len(todo)) as bar:
                # The next batch is in flight while this one is stored: workers never wait for the writes.
                pending = extraction.submit(store.articles_by_id(batches[0]))
                for k in range(len(batches)):
                    current = pending
                    if k + 1 < len(batches):
                        pending = extraction.submit(store.articles_by_id(batches[k + 1]))
                    results = []
                    for result in extraction.collect(current):
                        results.append(result)
                        bar.update()
                    done += store.put_analyses(results, fingerprint)
        self.stats["articles_extracted"] = done

    # ----- phase 3
    def _finish(self, store: Store, run_id: int) -> RunResult:
        out = self.out
        key = digest(store.content_key(), self.config.to_plain(), code_fingerprint())
        on_disk = out / OUTPUTS_KEY_FILE
        current = on_disk.read_text(encoding="utf-8").strip() if on_disk.is_file() else None
        self.stats["articles"] = store.count_articles()
        if not store.count_articles() and self.errors:
            # Every input was rejected and nothing is stored: the fact table in out_dir stays as it was.
            log.warning("no article could be read; %s left unchanged", out)
            store.finish_run(run_id, **self._counts(store, 0))
            return self._result((), (), [])
        if current == key and not self.fresh and all((out / n).exists() for n in ("facts.json", "articles.jsonl")):
            store.finish_run(run_id, outputs_key=key, **self._counts(store, 0))
            self.stats["reconciled"] = False
            return self._result((), (), _with_verdicts(store.facts(), store.verdicts()))
        total = store.count_articles()
        from .incremental import assemble_store

        with self.progress.bar("reconcile", total) as bar:
            claims = assemble_store(store, self.config, on_article=bar.update, stats=self.stats)
            bar.set_postfix_str(f"reconciling {len(claims)} claims")
            reconciliation = reconcile_claims(claims, self.config)
        facts = [f.as_dict() for f in reconciliation.facts]
        changed = store.put_results(claims, facts, run_id)
        outputs = OutputSet(out)
        fact_dicts = write_fact_table(outputs, reconciliation, claims, self.config, verdicts=store.verdicts())
        articles = store.iter_articles()
        outputs.write("articles.jsonl", articles_jsonl(list(articles), self.config))  # the texts spans index
        outputs.write(OUTPUTS_KEY_FILE, (key + "\n").encode())
        outputs.commit()
        self.stats["reconciled"] = True
        store.finish_run(run_id, outputs_key=key, facts_changed=changed, **self._counts(store, len(claims)))
        log.debug("%s", self.stats)
        return self._result(tuple(claims), reconciliation.facts, fact_dicts)

    def _counts(self, store: Store, claims: int) -> dict[str, Any]:
        self.stats.update(claims=claims or store.count("claims"), facts=store.count("facts"))
        names = ("articles_read", "articles_added", "articles_extracted", "articles_removed", "inputs_rejected",
                 "articles", "claims", "facts")
        return {n: self.stats.get(n) for n in names}

    def _result(self, claims: tuple[Claim, ...], facts: Sequence[Fact], fact_dicts: list[dict]) -> RunResult:
        statuses = {s: sum(1 for f in fact_dicts if f.get("status") == s)
                    for s in ("agreed", "refined", "conflict", "single")}
        self.stats["statuses"] = statuses
        return RunResult(tuple(self.read), claims, tuple(facts), tuple(fact_dicts), tuple(self.errors),
                         dict(self.stats))


def assemble_stored(store: Store, config: Config, published_by: str | None = None,
                    on_article: Callable[[], None] | None = None) -> tuple[Claim, ...]:
    """``assemble`` over the stored analyses (those published by ``published_by`` when given), streamed.

    Two passes, as ``assemble`` makes them: the batch's deal statistics first, then each article's claims,
    so only one batch of analyses is in memory at a time.
    """
    assembler = Assembler(config)
    batch = assembler.batch_stats(store.iter_analyses(published_by))
    claims: list[Claim] = []
    for analysis in store.iter_analyses(published_by):
        claims.extend(assembler.claims(analysis, batch))
        if on_article:
            on_article()
    if assembler.dropped:
        log.info("kept %d values unassigned: no decidable subject or scope (%s)", sum(assembler.dropped.values()),
                 ", ".join(f"{k} {v}" for k, v in sorted(assembler.dropped.items())))
    return assembler.finish(claims)


def facts_as_of(out_dir: str | Path, day: str, config: Config | None = None) -> list[dict[str, Any]]:
    """The fact table as it stood from the stored articles published by ``day`` (YYYY-MM-DD).

    The same table a fresh run over only those articles gives (articles with no date are left out),
    with the reviewer's verdicts applied.
    """
    from datetime import date

    from .errors import UsageError
    from .store import Store, store_path

    try:
        date.fromisoformat(day)
    except (TypeError, ValueError):
        raise UsageError(f"--as-of {day}: expected a day as YYYY-MM-DD") from None
    config = config or load_config()
    store = Store.open(store_path(out_dir), create=False)
    try:
        claims = assemble_stored(store, config, published_by=day)
        facts = [f.as_dict() for f in reconcile_claims(claims, config).facts]
        return _with_verdicts(facts, store.verdicts())
    finally:
        store.close()


def _with_verdicts(facts: list[dict[str, Any]], verdicts: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    from .verdicts import apply_verdicts

    return apply_verdicts(facts, verdicts) if verdicts else facts


def write_fact_table(out: Path | OutputSet, reconciliation: Reconciliation, claims: Sequence[Claim],
                     config: Config, verdicts: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Write the fact table folder: facts.json, facts.csv, claims.csv, conflicts.csv, sources.csv, report.html.

    Verdicts (``verdicts``, else those kept in ``out/verdicts.json``) are applied first; facts.csv is the
    table ``newsfacts export --format csv`` gives. Given a folder, the files replace the old ones together
    (see ``OutputSet``); given an ``OutputSet``, they are staged in it. Returns the fact dicts as written.
    """
    from .export import facts_csv
    from .report import write_report
    from .verdicts import load_verdicts

    outputs = out if isinstance(out, OutputSet) else OutputSet(Path(out))
    if verdicts is None:
        verdicts = load_verdicts(outputs.out / VERDICTS_FILE)
    facts = reconciliation.facts
    fact_dicts = _with_verdicts([f.as_dict() for f in facts], verdicts)
    outputs.write("facts.json", json_bytes(fact_dicts))
    outputs.write("facts.csv", facts_csv(sorted(fact_dicts, key=sort_key)))
    outputs.write("claims.csv", csv_bytes(claim_rows(claims), CLAIM_COLUMNS))
    outputs.write("conflicts.csv", csv_bytes(conflict_rows(facts, config), CONFLICT_COLUMNS))
    outputs.write("sources.csv", csv_bytes(source_rows(reconciliation), SOURCE_COLUMNS))
    write_report(fact_dicts, outputs.path("report.html"))
    if not isinstance(out, OutputSet):
        outputs.commit()
    return fact_dicts


def _count_inputs(sources: Sequence[str], config: Config) -> int | None:
    """How many files the inputs hold (the ingest bar's total), None when a URL or stdin is among them."""
    from .ingest import is_url, iter_files

    total = 0
    for source in sources:
        path = Path(source)
        if source == "-" or is_url(source):
            return None
        if path.is_dir():
            total += len(iter_files(path, config))
        else:
            total += 1
    return total


def _carry_verdicts(old: Path, new: Store) -> None:
    """A reviewer's verdicts survive --fresh (they are keyed by fact ids, which do not change)."""
    try:
        previous = Store.open(old, create=False)
    except Exception as exc:  # a store that cannot be read is what --fresh is for
        log.warning("%s: verdicts not carried over (%s)", old, exc)
        return
    try:
        new.put_verdicts(previous.verdicts())
    finally:
        previous.close()


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _move_db(source: Path, target: Path) -> None:
    """Put a closed store in place of another in one rename.

    The old store's write-ahead log is folded into it first: a log left beside the new file would be
    read as the new file's. A process killed at any point leaves one whole store at ``target``.
    """
    import os
    import sqlite3

    if target.exists():
        conn = sqlite3.connect(target)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode = DELETE")  # no -wal/-shm left once this connection closes
        finally:
            conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{source}{suffix}").unlink(missing_ok=True)
    os.replace(source, target)


def iter_stored(out_dir: str | Path) -> Iterator[Analysis]:
    """The stored analyses of an output folder, in canonical order (for tools and tests)."""
    from .store import store_path

    store = Store.open(store_path(out_dir), create=False)
    try:
        yield from store.iter_analyses()
    finally:
        store.close()


__all__ = ["RunResult", "assemble_stored", "facts_as_of", "run", "write_fact_table"]
