"""Ingest seen from the whole pipeline: boilerplate never becomes a claim; spans index the text written out."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.extract import Extractor
from pipeline.ingest.texts import quote_text
from pipeline.runner import run

from .conftest import FIXTURES

PAGES = [FIXTURES / "pages" / "business_daily.html", FIXTURES / "pages" / "wire_report.html",
         FIXTURES / "cnbc_page.html", FIXTURES / "plain_blog.html"]
# Every number-bearing phrase of the pages' furniture: tickers, paywall and ad copy, trending and related
# headlines, comments, footers, inline scripts. None may reach a claim's sentence.
BOILERPLATE = [
    "$4.99", "$59.88", "Save 40%", "1,240 partners", "41,832", "5,912", "Nvidia up 3%", "Tesla down 7%",
    "$91,204", "4.21%", "5.99% APR", "$500,000", "$12 billion", "$3 billion", "$60 billion", "$1.5 billion",
    "Apple stock jumps 9%", "$30 billion", "2031", "$920 million", "1,200 jobs", "11%", "$2 billion", "25%",
    "2.1 million readers", "$7 a week", "15 minutes", "$1 a week", "Oil up 2%", "1.5%", "$80 billion",
    "14%", "$6 billion", "$210 billion", "$0.99", "$14.99", "5% of staff", "32%", "$4.1 billion", "3,417",
    "20 minutes", "$250 per week", "$49.99", "1,204 shares", "Dow", "Bitcoin", "Subscribe", "Trending",
]
# Money amounts that appear only in furniture: a claim with one of these values came from boilerplate.
BOILERPLATE_AMOUNTS = {4.99, 59.88, 500_000, 91_204, 12e9, 3e9, 60e9, 1.5e9, 30e9, 920e6, 2e9, 7, 1, 80e9, 6e9,
                       210e9, 0.99, 14.99, 4.1e9, 250, 49.99, 65e9}


@pytest.fixture(scope="module")
def extractor(config, nlp):
    return Extractor(config, nlp)


@pytest.fixture(scope="module")
def page_run(config, extractor, tmp_path_factory):
    out = tmp_path_factory.mktemp("pages-run")
    result = run([str(p) for p in PAGES], out, config, extractor=extractor)
    return result, out


def test_page_furniture_never_becomes_a_claim(page_run):
    result, _ = page_run
    assert not result.errors and len(result.articles) == 4
    for claim in result.claims:
        for junk in BOILERPLATE:
            assert junk not in claim.sentence and junk not in claim.quote, (junk, claim.sentence)
        if isinstance(claim.value, dict) or not hasattr(claim.value, "currency"):
            continue
        assert claim.value.amount not in BOILERPLATE_AMOUNTS, claim
    # The article's own figures do arrive (party naming is the extractor's business, not checked here).
    found = {(c.attribute, getattr(c.value, "amount", None), party) for c in result.claims for party in
             c.subject.parties}
    assert {("monthly_payment", 40e6, "Northwind Data"), ("acquisition_price", 850e6, "Fabrikam"),
            ("monthly_payment", 150e6, "SpaceX")} <= found


def test_page_metadata_reaches_the_claims(page_run):
    result, _ = page_run
    by_page = {Path(a.path).name: a for a in result.articles}
    daily, wire = by_page["business_daily.html"], by_page["wire_report.html"]
    assert (daily.outlet, daily.published, daily.author, daily.language) == (
        "Business Daily", "2026-03-09", "Maria Lopez", "en")
    assert daily.url == "https://www.businessdaily.example/2026/03/09/northwind-contoso-cloud-deal.html"
    # No og:site_name here: the outlet is the JSON-LD publisher inside an @graph.
    assert (wire.outlet, wire.published, wire.author) == ("Metro Wire", "2026-05-14", "Sam Okafor")
    assert {c.outlet for c in result.claims if c.article == wire.path} == {"Metro Wire"}
    # Inline attribution ("according to materials viewed by CNBC") stays on the claims of its sentence.
    cnbc = [c for c in result.claims if c.article.endswith("cnbc_page.html") and c.attribute == "monthly_payment"]
    assert cnbc and {c.attributed_to for c in cnbc} == {"CNBC"}


def _rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


def _assert_spans_contract(out: Path) -> int:
    """Every claim of claims.csv and facts.json is its article's text[start:end] in articles.jsonl."""
    rows = _rows(out)
    checked = 0
    with open(out / "claims.csv", encoding="utf-8", newline="") as fh:
        claims = [dict(r, start=int(r["start"]), end=int(r["end"])) for r in csv.DictReader(fh)]
    claims += [c for f in json.loads((out / "facts.json").read_text()) for c in f["claims"]]
    for claim in claims:
        assert quote_text(rows, claim["article"], claim["start"], claim["end"]) == claim["quote"], claim
        path = Path(claim["article"])
        if path.suffix == ".txt" and path.is_file():  # a text file's spans also index the file itself
            assert path.read_text(errors="replace")[claim["start"]:claim["end"]] == claim["quote"]
        checked += 1
    return checked


def test_spans_index_the_extracted_text_written_out(page_run):
    result, out = page_run
    rows = _rows(out)
    assert [r["article"] for r in rows] == sorted(a.path for a in result.articles)
    assert all("<" not in r["text"] and "$4.99" not in r["text"] for r in rows)
    assert _assert_spans_contract(out) == len(result.claims) + sum(len(f.claims) for f in result.facts) > 20


def test_spans_contract_for_digests_jsonl_and_copies(config, extractor, tmp_path, in_root):
    # A digest (pieces with offsets into the file), a JSON Lines file with an HTML record, and a syndicated copy.
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(in_root / "corpus" / "004_cb932f288a1ff8ec.txt", folder / "digest.txt")
    page = (FIXTURES / "pages" / "wire_report.html").read_text(encoding="utf-8")
    (folder / "export.jsonl").write_text(json.dumps({"id": "w1", "html": page, "outlet": "Metro Wire"}) + "\n")
    body = (PAGES[1].read_text(encoding="utf-8"))
    (folder / "copy.html").write_text(body.replace("Metro Wire", "Syndicator Daily"), encoding="utf-8")
    out = tmp_path / "out"
    result = run([str(folder)], out, config, extractor=extractor)
    assert not result.errors
    assert _assert_spans_contract(out) > 10
    rows = _rows(out)
    assert any(r["offset"] > 0 for r in rows)  # digest pieces keep their place in the file
    by_article = {r["article"]: r for r in rows}
    original = next(r for a, r in by_article.items() if a.endswith("copy.html"))
    copy = next(r for a, r in by_article.items() if a.endswith("export.jsonl#w1"))
    assert original["duplicate_of"] is None and copy["duplicate_of"] == original["id"]


def test_cli_writes_the_texts_and_mentions_batch_reads_them(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(PAGES[0]), "--out", str(out), "-q"]) == 0
    (row,) = _rows(out)
    capsys.readouterr()
    assert main(["mentions", "--batch", str(out / "articles.jsonl")]) == 0
    mentions = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert mentions and all(m["id"] == row["id"] for m in mentions)
    assert all(row["text"][m["start"]:m["end"]] == m["text"] for m in mentions)
    assert any(m["text"] == "$40 million per month" for m in mentions)


def test_cli_batch_of_bad_inputs(tmp_path, capsys, caplog):
    # Each rejected input is one stderr line naming it; kept-with-a-warning inputs are analysed; exit 1.
    d = tmp_path / "in"
    d.mkdir()
    good = "Acme Corp will pay Globex $5 million per month through 2029, according to Reuters.\n"
    (d / "good.txt").write_text(good)
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    (d / "latin1.txt").write_bytes(good.encode() + "Caf\u00e9 d\u00e9j\u00e0 vu.".encode("latin-1"))
    (d / "empty.txt").write_bytes(b"")
    (d / "deep.html").write_bytes(b"<div>" * 200_000 + good.encode() + b"</div>" * 200_000)
    (d / "spanish.txt").write_text("Acme pagará a Globex cinco millones de dólares al mes hasta 2029, según la "
                                   "empresa, que no quiso dar más detalles sobre el acuerdo con los inversores.")
    (d / "lines.jsonl").write_text('{"id": "a", "text": "Globex shares rose 4% on Tuesday."}\n{oops\n')
    out = tmp_path / "out"
    with caplog.at_level("WARNING", logger="pipeline.ingest"):
        code = main(["run", str(d), "ftp://example.com/x", "http://127.0.0.1:9/page", "--out", str(out), "-q"])
    errors = capsys.readouterr().err.splitlines()
    assert code == 1
    sources = [line.split(": ")[1] for line in errors]
    assert [Path(s).name if s.startswith(str(d)) else s for s in sources] == [
        "binary.txt", "empty.txt", "lines.jsonl:2", "ftp://example.com/x", "http://127.0.0.1:9/page"]
    assert all(line.startswith("newsfacts: ") for line in errors)
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert all(w in warned for w in ("latin1.txt: warning: invalid UTF-8", "deep.html: warning: markup nested",
                                     "spanish.txt: warning: text does not look English"))
    kept = {Path(r["article"]).name for r in _rows(out)}
    assert kept == {"deep.html", "good.txt", "latin1.txt", "lines.jsonl#a", "spanish.txt"}
