"""The SQLite store a run keeps in ``DIR/newsfacts.db``: articles, their analyses, claims, facts, runs, verdicts.

Articles are keyed by ``article_id`` (a hash of path, part and text) and carry a hash of their whole record
(metadata included) and the fingerprint of the extraction that analysed them, so a run extracts only what
is new, changed, or was analysed under another extraction config or model. Analyses are stored in a neutral
JSON layout (not pickles), so they never depend on how the record classes are laid out in memory.

The schema is versioned with ``PRAGMA user_version``; a store of another version is migrated when a
migration exists, else refused with one line saying why (never read as if it were this version).
Every write is a transaction: a process killed at any point leaves the last committed state.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import UsageError
from .records import VALUE_TYPES, Analysis, Article, Claim, Mention, Sentence, Token, Value

STORE_FILE = "newsfacts.db"
SCHEMA_VERSION = 2
# PRAGMA application_id: tells a newsfacts store from any other SQLite file ("NWSF").
APPLICATION_ID = 0x4E575346
# Sections no extraction step reads: changing them re-assembles and re-reconciles, but re-extracts nothing.
NOT_EXTRACTION = ("arithmetic", "trust", "fetch", "ingest")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
    run_id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, inputs TEXT NOT NULL,
    fresh INTEGER NOT NULL DEFAULT 0, articles_read INTEGER, articles_added INTEGER, articles_extracted INTEGER,
    articles_removed INTEGER, inputs_rejected INTEGER, articles INTEGER, claims INTEGER, facts INTEGER,
    facts_changed INTEGER, outputs_key TEXT);
CREATE TABLE articles (
    article_id TEXT PRIMARY KEY, path TEXT NOT NULL, part INTEGER, "offset" INTEGER NOT NULL,
    published TEXT, outlet TEXT, title TEXT, url TEXT, record_hash TEXT NOT NULL, record TEXT NOT NULL,
    added_run INTEGER, seen_run INTEGER);
CREATE INDEX articles_path ON articles (path);
CREATE INDEX articles_published ON articles (published);
CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL, sentences BLOB NOT NULL);
CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE TABLE claims (
    fact_id TEXT, article TEXT NOT NULL, subject_kind TEXT NOT NULL, parties TEXT NOT NULL, attribute TEXT NOT NULL,
    value TEXT NOT NULL, quote TEXT NOT NULL, start INTEGER, "end" INTEGER, outlet TEXT, attributed_to TEXT,
    published TEXT, sentence TEXT NOT NULL, derived INTEGER NOT NULL);
CREATE INDEX claims_fact ON claims (fact_id);
CREATE TABLE facts (
    fact_id TEXT PRIMARY KEY, subject_kind TEXT NOT NULL, parties TEXT NOT NULL, attribute TEXT NOT NULL,
    status TEXT NOT NULL, data TEXT NOT NULL, updated_run INTEGER);
CREATE TABLE verdicts (fact_id TEXT PRIMARY KEY, entry TEXT NOT NULL);
"""
# Each article's part of the batch statistics and its claims, with the digest of the batch view they were
# made from, under an assembly fingerprint (see ``incremental``). Added in schema version 2.
_ASSEMBLY = """
CREATE TABLE assembly (
    article_id TEXT PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL, part TEXT NOT NULL, view TEXT, claims BLOB);
"""
_SCHEMA += _ASSEMBLY

# MIGRATIONS[n] turns a store of schema version n into version n + 1.
MIGRATIONS: dict[int, str] = {1: _ASSEMBLY}


class StoreError(UsageError):
    """A store that cannot be used: another program's file, or a schema this newsfacts cannot read."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ------------------------------------------------------------------------------ fingerprints


def digest(*parts: Any) -> str:
    """A short stable hash of JSON-able parts."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _source_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for file in sorted(folder.rglob("*.py")):
        h.update(file.relative_to(folder).as_posix().encode())
        h.update(file.read_bytes())
    return h.hexdigest()[:20]


def extraction_fingerprint(config: Mapping[str, Any]) -> str:
    """Hash of what decides an article's analysis: the config sections extraction reads, the spaCy
    model and spaCy versions, and the extractor's code. A change re-extracts every stored article."""
    from importlib import metadata

    from .extract.nlp import MODEL_PACKAGES

    versions = {}
    for name in ("spacy", *MODEL_PACKAGES):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    plain = config.to_plain() if hasattr(config, "to_plain") else dict(config)
    sections = {k: v for k, v in plain.items() if k not in NOT_EXTRACTION}
    package = Path(__file__).resolve().parent
    return digest(sections, versions, _source_hash(package / "extract"), SCHEMA_VERSION)


def code_fingerprint() -> str:
    """Hash of the whole package's code: a new newsfacts rewrites the outputs even with nothing new."""
    return _source_hash(Path(__file__).resolve().parent)


# ------------------------------------------------------------------------------ record layout


def article_record(article: Article) -> dict[str, Any]:
    """Every field of an Article as JSON-able data."""
    return {f.name: (list(v) if isinstance(v := getattr(article, f.name), tuple) else v) for f in fields(Article)}


def article_from_record(data: Mapping[str, Any]) -> Article:
    return Article(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items()})


def record_hash(article: Article) -> str:
    return digest(article_record(article))


def encode_value(value: Value) -> list[Any]:
    """[kind, field values in declaration order]: JSON keeps floats and ints apart, so it round-trips."""
    return [value.KIND, *(getattr(value, f.name) for f in fields(value))]


def decode_value(data: Sequence[Any]) -> Value:
    return VALUE_TYPES[data[0]](*data[1:])


def encode_analysis(analysis: Analysis) -> bytes:
    """Sentences (with tokens) and mentions of one analysis as compressed JSON."""
    sentences = [[s.start, s.end, [[t.i, t.start, t.end, t.text, t.lemma, t.pos, t.tag, t.dep, t.head, t.ent_type]
                                   for t in s.tokens]] for s in analysis.sentences]
    mentions = [[m.kind, m.text, m.start, m.end, encode_value(m.value)] for m in analysis.mentions]
    text = json.dumps([sentences, mentions], ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 1)


def decode_analysis(article: Article, blob: bytes) -> Analysis:
    sentences, mentions = json.loads(zlib.decompress(blob))
    return Analysis(
        article=article,
        sentences=tuple(Sentence(start, end, tuple(Token(*t) for t in tokens)) for start, end, tokens in sentences),
        mentions=tuple(Mention(kind, text, start, end, decode_value(v)) for kind, text, start, end, v in mentions))


def article_order(path: str, part: int | None, article_id: str) -> tuple[Any, ...]:
    """The canonical order of stored articles (input order of a fresh run over one folder)."""
    return (path, -1 if part is None else part, article_id)


# ------------------------------------------------------------------------------ the store


class Store:
    """One open store; every method that writes commits before it returns."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # ----- opening
    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> Store:
        """Open (or create) the store at ``path``; refuse a file of another program or schema version."""
        path = Path(path)
        if not path.exists() and not create:
            raise StoreError(f"{path}: no store here; run `newsfacts run --out {path.parent}` first")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            app, version = (conn.execute("PRAGMA application_id").fetchone()[0],
                            conn.execute("PRAGMA user_version").fetchone()[0])
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a newsfacts store ({exc})") from None
        store = cls(path, conn)
        if tables == 0:
            store._create()
        elif app != APPLICATION_ID:
            conn.close()
            raise StoreError(f"{path}: not a newsfacts store (another program's SQLite file); "
                             f"give another --out folder")
        elif version != SCHEMA_VERSION:
            store._migrate(version)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        return store

    def _create(self) -> None:
        # One script, one transaction: a kill while creating leaves an empty file, created again next time.
        self.conn.executescript(f"BEGIN; {_SCHEMA} PRAGMA application_id = {APPLICATION_ID}; "
                                f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        self.set_meta("created", _now())

    def _migrate(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            self.conn.close()
            raise StoreError(f"{self.path}: store schema version {version} is newer than this newsfacts reads "
                             f"({SCHEMA_VERSION}); upgrade newsfacts, or start over with --fresh")
        while version < SCHEMA_VERSION:
            script = MIGRATIONS.get(version)
            if script is None:
                self.conn.close()
                raise StoreError(f"{self.path}: store schema version {version} is older than {SCHEMA_VERSION} and "
                                 f"has no migration; start over with --fresh")
            self.conn.executescript(f"BEGIN; {script} PRAGMA user_version = {version + 1}; COMMIT;")
            version += 1

    def close(self) -> None:
        self.conn.close()

    def transaction(self):
        """``with store.transaction():`` one atomic write."""
        return _Transaction(self.conn)

    # ----- meta and runs
    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def begin_run(self, inputs: Sequence[str], fresh: bool) -> int:
        with self.transaction():
            cur = self.conn.execute("INSERT INTO runs (started, inputs, fresh) VALUES (?, ?, ?)",
                                    (_now(), json.dumps(list(inputs)), int(fresh)))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, **counts: Any) -> None:
        names = sorted(counts)
        with self.transaction():
            self.conn.execute(f"UPDATE runs SET finished = ?, {', '.join(f'{n} = ?' for n in names)} "
                              f"WHERE run_id = ?", (_now(), *(counts[n] for n in names), run_id))

    def runs(self) -> list[dict[str, Any]]:
        cur = self.conn.execute("SELECT * FROM runs ORDER BY run_id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    # ----- articles and analyses
    def article_states(self) -> dict[str, tuple[str, str | None]]:
        """``{article_id: (record_hash, fingerprint of its analysis or None)}`` for every stored article."""
        return {aid: (rh, fp) for aid, rh, fp in self.conn.execute(
            "SELECT a.article_id, a.record_hash, n.fingerprint FROM articles a "
            "LEFT JOIN analyses n USING (article_id)")}

    def put_articles(self, articles: Sequence[Article], run_id: int) -> None:
        """Store new or changed article records (an earlier analysis of a changed record is dropped)."""
        with self.transaction():
            for article in articles:
                aid = article.article_id
                self.conn.execute("DELETE FROM articles WHERE article_id = ?", (aid,))
                self.conn.execute(
                    'INSERT INTO articles (article_id, path, part, "offset", published, outlet, title, url, '
                    "record_hash, record, added_run, seen_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (aid, article.path, article.part, article.offset, article.published, article.outlet,
                     article.title, article.url, record_hash(article),
                     json.dumps(article_record(article), ensure_ascii=False), run_id, run_id))

    def put_analyses(self, analyses: Iterable[tuple[str, bytes, Sequence[Mention]]], fingerprint: str) -> int:
        """Store (article_id, encoded analysis, mentions) for stored articles, replacing older analyses."""
        n = 0
        with self.transaction():
            for aid, blob, mentions in analyses:
                self.conn.execute("DELETE FROM mentions WHERE article_id = ?", (aid,))
                self.conn.execute("DELETE FROM assembly WHERE article_id = ?", (aid,))
                self.conn.execute("INSERT OR REPLACE INTO analyses (article_id, fingerprint, sentences) "
                                  "VALUES (?, ?, ?)", (aid, fingerprint, blob))
                self.conn.executemany(
                    'INSERT INTO mentions (article_id, kind, start, "end", text, value) VALUES (?, ?, ?, ?, ?, ?)',
                    [(aid, m.kind, m.start, m.end, m.text, json.dumps(m.value.as_dict(), ensure_ascii=False))
                     for m in mentions])
                n += 1
        return n

    def stale_ids(self, fingerprint: str) -> list[str]:
        """Ids of stored articles with no analysis under ``fingerprint`` (new, or analysed by another
        extraction config, model or code), in canonical order."""
        rows = self.conn.execute("SELECT a.article_id, a.path, a.part FROM articles a LEFT JOIN analyses n "
                                 "USING (article_id) WHERE n.fingerprint IS NULL OR n.fingerprint != ?",
                                 (fingerprint,)).fetchall()
        return [r[0] for r in sorted(rows, key=lambda r: article_order(r[1], r[2], r[0]))]

    def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles of ``ids``, in that order."""
        marks = ", ".join("?" for _ in ids)
        rows = dict(self.conn.execute(f"SELECT article_id, record FROM articles WHERE article_id IN ({marks})",
                                      list(ids)))
        return [article_from_record(json.loads(rows[i])) for i in ids if i in rows]

    def mark_seen(self, article_ids: Sequence[str], run_id: int) -> None:
        with self.transaction():
            self.conn.executemany("UPDATE articles SET seen_run = ? WHERE article_id = ?",
                                  [(run_id, aid) for aid in article_ids])

    def drop_stale_versions(self, read: Mapping[str, set[str]]) -> int:
        """Remove the stored articles of each path read now that this run did not produce (an edited file's
        old version, a digest piece that is gone). Paths not read now are left alone."""
        stale = []
        for path, ids in read.items():
            for (aid,) in self.conn.execute("SELECT article_id FROM articles WHERE path = ?", (path,)):
                if aid not in ids:
                    stale.append(aid)
        if stale:
            with self.transaction():
                self.conn.executemany("DELETE FROM articles WHERE article_id = ?", [(a,) for a in stale])
        return len(stale)

    def count_articles(self, published_by: str | None = None) -> int:
        if published_by is None:
            return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        return int(self.conn.execute("SELECT count(*) FROM articles WHERE published IS NOT NULL AND "
                                     "substr(published, 1, 10) <= ?", (published_by,)).fetchone()[0])

    def content_key(self) -> str:
        """Hash of every stored article's record and analysis fingerprint: equal keys, equal outputs."""
        h = hashlib.sha256()
        for aid, rh, fp in self.conn.execute("SELECT a.article_id, a.record_hash, n.fingerprint FROM articles a "
                                             "LEFT JOIN analyses n USING (article_id) ORDER BY a.article_id"):
            h.update(f"{aid}:{rh}:{fp};".encode())
        return h.hexdigest()[:20]

    def _ordered_ids(self, published_by: str | None) -> list[str]:
        where = "" if published_by is None else " WHERE published IS NOT NULL AND substr(published, 1, 10) <= ?"
        rows = self.conn.execute(f"SELECT article_id, path, part FROM articles{where}",
                                 () if published_by is None else (published_by,)).fetchall()
        rows.sort(key=lambda r: article_order(r[1], r[2], r[0]))
        return [r[0] for r in rows]

    def iter_articles(self, published_by: str | None = None, batch: int = 200) -> Iterator[Article]:
        """Stored articles in canonical order, read in batches (memory stays flat)."""
        for analysis in self._iter(published_by, batch, with_analysis=False):
            yield analysis  # type: ignore[misc]

    def iter_analyses(self, published_by: str | None = None, batch: int = 200) -> Iterator[Analysis]:
        """Stored analyses in canonical order (optionally only articles published by a day), in batches."""
        yield from self._iter(published_by, batch, with_analysis=True)  # type: ignore[misc]

    def _iter(self, published_by: str | None, batch: int, with_analysis: bool) -> Iterator[Analysis | Article]:
        ids = self._ordered_ids(published_by)
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            marks = ", ".join("?" for _ in chunk)
            if with_analysis:
                rows = {aid: (rec, blob) for aid, rec, blob in self.conn.execute(
                    f"SELECT a.article_id, a.record, n.sentences FROM articles a JOIN analyses n USING (article_id) "
                    f"WHERE a.article_id IN ({marks})", chunk)}
            else:
                rows = {aid: (rec, None) for aid, rec in self.conn.execute(
                    f"SELECT article_id, record FROM articles WHERE article_id IN ({marks})", chunk)}
            for aid in chunk:
                if aid not in rows:
                    continue
                record, blob = rows[aid]
                article = article_from_record(json.loads(record))
                yield decode_analysis(article, blob) if with_analysis else article

    def analysed_ids(self) -> list[str]:
        """Ids of the stored articles that have an analysis, in canonical order."""
        analysed = {aid for (aid,) in self.conn.execute("SELECT article_id FROM analyses")}
        return [aid for aid in self._ordered_ids(None) if aid in analysed]

    def analyses_by_id(self, ids: Sequence[str]) -> list[Analysis]:
        """The stored analyses of ``ids``, in that order (ids without one are left out)."""
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        rows = {aid: (rec, blob) for aid, rec, blob in self.conn.execute(
            f"SELECT a.article_id, a.record, n.sentences FROM articles a JOIN analyses n USING (article_id) "
            f"WHERE a.article_id IN ({marks})", list(ids))}
        return [decode_analysis(article_from_record(json.loads(rows[i][0])), rows[i][1]) for i in ids if i in rows]

    # ----- assembly (see ``incremental``)
    def assembly_parts(self, fingerprint: str) -> dict[str, dict[str, Any]]:
        """``{article_id: its part of the batch statistics}`` stored under ``fingerprint``."""
        return {aid: json.loads(part) for aid, part in self.conn.execute(
            "SELECT article_id, part FROM assembly WHERE fingerprint = ?", (fingerprint,))}

    def put_assembly_parts(self, parts: Mapping[str, Mapping[str, Any]], fingerprint: str) -> None:
        """Store articles' parts (their claims are made again, so any kept ones are dropped)."""
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO assembly (article_id, fingerprint, part, view, claims) VALUES (?, ?, ?, NULL, NULL)",
                [(aid, fingerprint, json.dumps(part, ensure_ascii=False)) for aid, part in parts.items()])

    def assembly_claims(self, ids: Sequence[str], fingerprint: str) -> dict[str, tuple[str, bytes]]:
        """``{article_id: (view digest, encoded claims)}`` kept for ``ids`` under ``fingerprint``."""
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        return {aid: (view, blob) for aid, view, blob in self.conn.execute(
            f"SELECT article_id, view, claims FROM assembly WHERE fingerprint = ? AND view IS NOT NULL "
            f"AND article_id IN ({marks})", [fingerprint, *ids])}

    def put_assembly_claims(self, claims: Mapping[str, tuple[str, bytes]]) -> None:
        """Keep articles' claims with the digest of the batch view they were made from."""
        if not claims:
            return
        with self.transaction():
            self.conn.executemany("UPDATE assembly SET view = ?, claims = ? WHERE article_id = ?",
                                  [(view, blob, aid) for aid, (view, blob) in claims.items()])

    # ----- claims and facts
    def put_results(self, claims: Sequence[Claim], facts: Sequence[dict[str, Any]], run_id: int) -> int:
        """Replace the claims and facts with a run's; only facts whose content changed are rewritten.
        Returns the number of facts added, changed or removed."""
        from .records import fact_key

        old = {fid: data for fid, data in self.conn.execute("SELECT fact_id, data FROM facts")}
        new = {f["fact_id"]: json.dumps(f, ensure_ascii=False, sort_keys=True) for f in facts}
        changed = [f for f in facts if old.get(f["fact_id"]) != new[f["fact_id"]]]
        gone = [fid for fid in old if fid not in new]
        with self.transaction():
            self.conn.execute("DELETE FROM claims")
            self.conn.executemany(
                'INSERT INTO claims (fact_id, article, subject_kind, parties, attribute, value, quote, start, "end", '
                "outlet, attributed_to, published, sentence, derived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(fact_key(c.subject, c.attribute) if c.attribute != "unassigned" else None, c.article,
                  c.subject.kind, " + ".join(c.subject.parties), c.attribute,
                  json.dumps(c.value.as_dict(with_kind=True), ensure_ascii=False), c.quote, c.start, c.end, c.outlet,
                  c.attributed_to, c.published, c.sentence, int(c.derived)) for c in claims])
            self.conn.executemany("DELETE FROM facts WHERE fact_id = ?", [(fid,) for fid in gone])
            self.conn.executemany(
                "INSERT OR REPLACE INTO facts (fact_id, subject_kind, parties, attribute, status, data, updated_run) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(f["fact_id"], f["subject"]["kind"], " + ".join(f["subject"]["parties"]), f["attribute"],
                  f["status"], new[f["fact_id"]], run_id) for f in changed])
        return len(changed) + len(gone)

    def facts(self) -> list[dict[str, Any]]:
        """The stored fact dicts (as reconciled, before verdicts), sorted by subject and attribute."""
        from .audit import sort_key

        return sorted((json.loads(d) for (d,) in self.conn.execute("SELECT data FROM facts")), key=sort_key)

    def count(self, table: str) -> int:
        return int(self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    # ----- verdicts
    def verdicts(self) -> dict[str, dict[str, Any]]:
        return {fid: json.loads(e) for fid, e in self.conn.execute("SELECT fact_id, entry FROM verdicts ORDER BY fact_id")}

    def put_verdicts(self, verdicts: Mapping[str, Mapping[str, Any]]) -> None:
        with self.transaction():
            self.conn.executemany("INSERT OR REPLACE INTO verdicts (fact_id, entry) VALUES (?, ?)",
                                  [(fid, json.dumps(dict(e), ensure_ascii=False, sort_keys=True))
                                   for fid, e in verdicts.items()])


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, exc, tb) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def store_path(out_dir: str | Path) -> Path:
    """Where the store of an output folder lives."""
    return Path(out_dir) / STORE_FILE
