"""The store behind `newsfacts run`: incremental runs equal a fresh run, byte for byte, on every route;
--fresh, --as-of, schema versions, progress only on a terminal."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from pipeline.audit import sort_key
from pipeline.cli import main
from pipeline.extract import Extractor
from pipeline.incremental import assemble_store
from pipeline.progress import Progress
from pipeline.runner import assemble_stored, facts_as_of, run
from pipeline.store import STORE_FILE, Store, decode_analysis, encode_analysis

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
OUTPUTS = ("facts.json", "facts.csv", "claims.csv", "conflicts.csv", "sources.csv", "articles.jsonl")

# Three outlets on one deal over three days; the third changes the end date (a conflict from day 3 on).
DAYS = {
    "a_planet.txt": ("Daily Planet", "2026-03-02",
                     "Acme Cloud signed a deal with Globex Labs. Globex Labs will pay Acme Cloud $40 million per "
                     "month through 2029, according to people familiar with the agreement."),
    "b_wire.txt": ("Metro Wire", "2026-03-03",
                   "Globex Labs agreed to rent servers from Acme Cloud. The contract runs through June 2029 and "
                   "is worth up to $1.5 billion, Metro Wire reported. Acme Cloud was founded in 2014."),
    "c_ledger.txt": ("The Ledger", "2026-03-05",
                     "Acme Cloud and Globex Labs signed a compute lease that runs through December 2029. Globex "
                     "Labs will pay $40 million a month, The Ledger has learned."),
}


def write_days(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    meta = {}
    for name in names:
        outlet, day, text = DAYS[name]
        (folder / name).write_text(text, encoding="utf-8")
        meta[name] = {"outlet": outlet, "published": day, "url": None, "title": None}
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def extractor(config, nlp):
    return Extractor(config, nlp)


@pytest.fixture()
def seeds(tmp_path, monkeypatch):
    """A copy of the seed corpus under a relative path (outputs name articles by the path given)."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CORPUS, tmp_path / "news")
    return Path("news")


def test_incremental_runs_equal_one_fresh_run_byte_for_byte(seeds, config, extractor):
    files = sorted(p.name for p in seeds.glob("*.txt"))
    held = Path("later")
    held.mkdir()
    for name in files[3:]:
        shutil.move(seeds / name, held / name)
    first = run([str(seeds)], "inc", config, extractor=extractor)
    assert first.stats["articles_extracted"] == first.stats["articles"] > 0
    for name in files[3:]:  # the next day's articles arrive in the same folder
        shutil.move(held / name, seeds / name)
    second = run([str(seeds)], "inc", config, extractor=extractor)
    assert 0 < second.stats["articles_extracted"] == second.stats["articles_added"] < second.stats["articles"]
    again = run([str(seeds)], "inc", config, extractor=extractor)
    assert again.stats["articles_extracted"] == 0 and again.stats["reconciled"] is False
    fresh = run([str(seeds)], "fresh", config, extractor=extractor)
    assert outputs(Path("inc")) == outputs(Path("fresh"))
    assert [f.as_dict() for f in second.facts] == [f.as_dict() for f in fresh.facts]
    assert again.fact_dicts == fresh.fact_dicts


def test_an_edited_file_replaces_its_old_version(tmp_path, config, extractor, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = write_days(Path("in"), ["a_planet.txt", "b_wire.txt"])
    run([str(folder)], "inc", config, extractor=extractor)
    (folder / "b_wire.txt").write_text(DAYS["c_ledger.txt"][2], encoding="utf-8")
    result = run([str(folder)], "inc", config, extractor=extractor)
    assert result.stats["articles_removed"] == 1 and result.stats["articles"] == 2
    run([str(folder)], "fresh", config, extractor=extractor)
    assert outputs(Path("inc")) == outputs(Path("fresh"))


def test_a_config_change_that_alters_extraction_re_extracts(tmp_path, config, extractor, monkeypatch):
    from pipeline.config import load_config

    monkeypatch.chdir(tmp_path)
    folder = write_days(Path("in"), ["a_planet.txt", "b_wire.txt"])
    run([str(folder)], "out", config, extractor=extractor)
    # Trust is read by reconcile only: nothing is extracted again, but the outputs are rewritten.
    trust = load_config(base=ROOT / "config.toml", overrides={"trust": {"prior": 0.7}})
    result = run([str(folder)], "out", trust, extractor=extractor)
    assert result.stats["articles_extracted"] == 0 and result.stats["reconciled"] is True
    # An alias is read by the party finder: every stored article is analysed again.
    alias = load_config(base=ROOT / "config.toml", overrides={"parties": {"aliases": {"Globex": "Globex Labs"}}})
    result = run([str(folder)], "out", alias, extractor=Extractor(alias, None))
    assert result.stats["articles_extracted"] == 2


def test_stored_analyses_round_trip_exactly(config, extractor):
    from pipeline.ingest import iter_articles

    articles = [a for a in iter_articles([str(CORPUS)], config) if not isinstance(a, Exception)][:6]
    for analysis in extractor.analyse(articles):
        assert decode_analysis(analysis.article, encode_analysis(analysis)) == analysis


def test_streamed_assembly_equals_assemble(tmp_path, config, extractor):
    from pipeline.assemble import assemble

    # Two outlets on one acquisition: the batch-wide pass (Assembler.finish) makes the second's figure a price.
    deal = tmp_path / "deal"
    deal.mkdir()
    (deal / "a.txt").write_text("Acme Corp agreed to acquire Globex Labs for $5 billion, the companies said on "
                                "Monday.", encoding="utf-8")
    (deal / "b.txt").write_text("Acme Corp's deal with Globex Labs is valued at $5 billion, according to people "
                                "familiar with it.", encoding="utf-8")
    run([str(CORPUS), str(deal)], tmp_path, config, extractor=extractor)
    store = Store.open(tmp_path / STORE_FILE, create=False)
    try:
        analyses = list(store.iter_analyses())
        assert [a.article.path for a in analyses] == sorted(a.article.path for a in analyses)
        assert assemble_stored(store, config) == assemble(analyses, config)
        assert assemble_store(store, config) == assemble(analyses, config)  # claims made from batch views
        assert assemble_store(store, config) == assemble(analyses, config)  # and reused
    finally:
        store.close()


def _corpus_analyses(extractor, config, tmp_path):
    """The seed corpus, the three days, and articles that write one company two ways or name none."""
    from pipeline.ingest import iter_articles

    folder = write_days(tmp_path / "days", list(DAYS))
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "forms.txt").write_text("Acme said Acme Cloud Group will pay Globex Labs $9 million a month through 2030. "
                                     "Acme Cloud was founded in 2011.", encoding="utf-8")
    (extra / "none.txt").write_text("The contract runs through 2031 and is worth $2 billion.", encoding="utf-8")
    articles = [a for a in iter_articles([str(CORPUS), str(folder), str(extra)], config) if not isinstance(a, Exception)]
    return list(extractor.analyse(articles))


def test_claims_from_the_batch_view_equal_claims_from_the_whole_batch(tmp_path, config, extractor):
    """What makes reusing an article's claims exact: the view ``incremental`` keeps is all that they read."""
    from pipeline.assemble import Assembler
    from pipeline.incremental import batch_view, decode_claims, encode_claims, own_part, sum_parts

    analyses = _corpus_analyses(extractor, config, tmp_path)
    assembler = Assembler(config)
    whole = assembler.batch_stats(analyses)
    parts = [own_part(assembler, a) for a in analyses]
    summed = sum_parts(assembler, parts)
    assert (summed.pairs, summed.counts, summed.forms, summed.names) == (whole.pairs, whole.counts, whole.forms,
                                                                         whole.names)
    assert whole.names  # 'Acme Cloud Group' is written as 'Acme Cloud' elsewhere
    top = whole.counts.most_common(1)[0]
    viewed = Assembler(config)
    standalone = 0
    for k, (analysis, part) in enumerate(zip(analyses, parts)):
        claims = assembler.claims(analysis, whole)
        # As assemble_store does: digest pieces, and the article a piece follows, read the whole batch.
        if part["parent"] or (k + 1 < len(parts) and parts[k + 1]["parent"]):
            assert viewed.claims(analysis, whole) == claims
            continue
        standalone += 1
        assert viewed.claims(analysis, batch_view(whole, top, part)) == claims, analysis.article.path
        assert decode_claims(encode_claims(claims)) == claims
    assert standalone >= 5


def test_a_run_makes_again_only_the_claims_whose_batch_view_changed(tmp_path, config, extractor, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = write_days(Path("in"), ["a_planet.txt", "b_wire.txt"])
    first = run([str(folder)], "inc", config, extractor=extractor)
    assert first.stats["articles_assembled"] == 2
    (folder / "other.txt").write_text("Initech Systems raised $40 million in a funding round that values it at "
                                      "$1 billion, Initech Systems said.", encoding="utf-8")
    second = run([str(folder)], "inc", config, extractor=extractor)
    assert second.stats["articles_assembled"] == 1  # the two stored stories read nothing the new one changed
    meta = json.loads((folder / "metadata.json").read_text())
    outlet, day, text = DAYS["c_ledger.txt"]
    (folder / "c_ledger.txt").write_text(text, encoding="utf-8")
    meta["c_ledger.txt"] = {"outlet": outlet, "published": day, "url": None, "title": None}
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    third = run([str(folder)], "inc", config, extractor=extractor)
    assert third.stats["articles_assembled"] == 3  # a third telling moves the counts the first two read
    run([str(folder)], "fresh", config, extractor=extractor)
    assert outputs(Path("inc")) == outputs(Path("fresh"))


def test_a_version_1_store_is_migrated(tmp_path, config, extractor, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = write_days(Path("in"), ["a_planet.txt", "b_wire.txt"])
    run([str(folder)], "old", config, extractor=extractor)
    conn = sqlite3.connect(Path("old") / STORE_FILE)
    conn.executescript("DROP TABLE assembly; PRAGMA user_version = 1;")
    conn.close()
    result = run([str(folder)], "old", config, extractor=extractor)
    assert result.stats["articles_extracted"] == 0
    conn = sqlite3.connect(Path("old") / STORE_FILE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()
    run([str(folder)], "fresh", config, extractor=extractor)
    assert outputs(Path("old")) == outputs(Path("fresh"))


def test_two_workers_give_the_same_fact_table(seeds, config, extractor):
    one = run([str(seeds)], "one", config, extractor=extractor)
    two = run([str(seeds)], "two", config, workers=2)
    assert two.stats["articles_extracted"] == one.stats["articles_extracted"] > 0
    assert outputs(Path("one")) == outputs(Path("two"))


def test_dask_executor_gives_the_same_fact_table(tmp_path, config, extractor, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.chdir(tmp_path)
    folder = write_days(Path("in"), list(DAYS))
    run([str(folder)], "local", config, extractor=extractor)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        result = run([str(folder)], "dask", config, executor="dask", scheduler=cluster.scheduler_address)
    assert result.stats["articles_extracted"] == 3
    assert outputs(Path("local")) == outputs(Path("dask"))


def test_as_of_is_the_table_of_the_articles_published_by_then(tmp_path, config, extractor, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = write_days(Path("in"), list(DAYS))
    run([str(folder)], "all", config, extractor=extractor)
    # The same articles under the same names, as a run on 2026-03-04 would have seen them.
    early = Path("early")
    shutil.copytree(folder, early)
    (early / "c_ledger.txt").unlink()
    then = run([str(early)], "then", config, extractor=extractor)
    as_of = facts_as_of("all", "2026-03-04", config)

    def strip(facts):  # the folder name is the only difference
        return json.loads(json.dumps(facts).replace("early/", "in/"))

    assert as_of == strip(list(then.fact_dicts))
    now = json.loads(Path("all/facts.json").read_text())
    assert facts_as_of("all", "2026-12-31", config) == now
    assert facts_as_of("all", "2026-01-01", config) == []
    end_then = next(f for f in as_of if f["attribute"] == "end_date")
    end_now = next(f for f in now if f["attribute"] == "end_date")
    assert len(end_now["claims"]) > len(end_then["claims"])
    assert main(["export", "--store", "all", "--format", "json", "--as-of", "2026-03-04", "-o", "asof.json"]) == 0
    assert json.loads(Path("asof.json").read_text()) == sorted(as_of, key=sort_key)
    assert main(["export", "--store", "all", "--format", "json", "--as-of", "March 4"]) == 2


def test_fresh_starts_the_store_over_and_keeps_verdicts(tmp_path, config, extractor, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = write_days(Path("in"), list(DAYS))
    run([str(folder)], "out", config, extractor=extractor)
    fact = json.loads(Path("out/facts.json").read_text())[0]
    assert main(["audit", "--store", "out", "--accept", fact["fact_id"], "-q"]) == 0
    other = write_days(Path("other"), ["a_planet.txt"])
    result = run([str(other)], "out", config, extractor=extractor, fresh=True)
    assert result.stats["articles"] == 1
    store = Store.open(Path("out") / STORE_FILE, create=False)
    try:
        assert [a.path for a in store.iter_articles()] == ["other/a_planet.txt"]
        assert fact["fact_id"] in store.verdicts()
    finally:
        store.close()
    assert not list(Path("out").glob(".newsfacts.db.fresh*"))
    run([str(other)], "plain", config, extractor=extractor)
    fresh = json.loads(Path("out/facts.json").read_text())
    plain = json.loads(Path("plain/facts.json").read_text())
    assert [f["fact_id"] for f in fresh] == [f["fact_id"] for f in plain]


def _store_with(tmp_path, version: int | None = None, app: int | None = None) -> Path:
    path = tmp_path / "out" / STORE_FILE
    Store.open(path).close()
    conn = sqlite3.connect(path)
    if version is not None:
        conn.execute(f"PRAGMA user_version = {version}")
    if app is not None:
        conn.execute(f"PRAGMA application_id = {app}")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("version, app, message", [
    (99, None, "store schema version 99 is newer than this newsfacts reads (2)"),
    (0, None, "store schema version 0 is older than 2 and has no migration; start over with --fresh"),
    (None, 7, "not a newsfacts store (another program's SQLite file)"),
])
def test_a_store_of_another_schema_is_refused_in_one_line(tmp_path, capsys, version, app, message):
    path = _store_with(tmp_path, version, app)
    before = path.read_bytes()
    (tmp_path / "a.txt").write_text("Acme will pay Beta Corp $5 million per month through 2029.")
    assert main(["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and err[0].startswith("newsfacts: ")
    assert path.read_bytes() == before
    assert main(["export", "--store", str(tmp_path / "out"), "--format", "json"]) == 2


def test_a_file_that_is_not_sqlite_is_refused(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / STORE_FILE).write_text("not a database, just text " * 100)
    (tmp_path / "a.txt").write_text("Acme will pay Beta Corp $5 million per month through 2029.")
    assert main(["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "-q"]) == 2
    assert "not a newsfacts store" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bars_only_on_a_terminal_and_never_with_q(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    folder = write_days(Path("in"), ["a_planet.txt"])
    assert main(["run", str(folder), "--out", "plain"]) == 0  # stderr captured: not a terminal
    err = capsys.readouterr().err
    assert "%|" not in err and "\r" not in err
    assert err.strip().splitlines()[-1].startswith("newsfacts: 1 articles (1 new, 1 extracted), ")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["run", str(folder), "--out", "tty", "-q"]) == 0
    assert terminal.getvalue() == ""
    assert main(["run", str(folder), "--out", "tty2"]) == 0
    shown = terminal.getvalue()
    for label in ("ingest", "extract", "reconcile"):
        assert label in shown
    assert "articles/s" in shown and "<" in shown  # rate and time left
    assert shown.strip().splitlines()[-1].startswith("newsfacts: 1 articles")


def test_progress_is_silent_when_disabled():
    stream = _Terminal()
    bar = Progress(enabled=False, stream=stream).bar("extract", 3)
    bar.update(3)
    bar.close()
    assert stream.getvalue() == ""
