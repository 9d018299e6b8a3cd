"""Digests split into one article per quoted source, with exact offsets into the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import iter_articles
from pipeline.ingest.digest import split_digest
from pipeline.records import Article

DIGEST = "corpus/004_cb932f288a1ff8ec.txt"
QUOTES = "corpus/001_5e530c03548ce462.txt"


def _articles(config, path):
    return [a for a in iter_articles([path], config) if isinstance(a, Article)]


def test_offsets_are_exact_for_every_piece(config, in_root):
    for path in sorted(Path("corpus").glob("*.txt")):
        file_text = path.read_text(errors="replace")
        for article in _articles(config, str(path)):
            assert article.path == str(path)
            assert file_text[article.offset:article.offset + len(article.text)] == article.text


def test_numbered_blocks_keep_their_outlets(config, in_root):
    pieces = _articles(config, DIGEST)
    blocks = [p for p in pieces if p.title and p.part is not None and p.part < 7]
    assert [(b.outlet, b.attributed_to) for b in blocks] == [
        ("TechCrunch", "TechCrunch"), ("Reuters", "CNBC"), ("CNBC", "CNBC"), (None, None), (None, None),
        ("Benzinga", "CNBC"), ("Wccftech", "Wccftech")]
    assert blocks[0].title.startswith("SpaceX inks compute deal")
    assert all(p.parent == DIGEST and p.published == "2026-06-22" for p in pieces)
    assert [p.part for p in pieces] == list(range(len(pieces)))


def test_summary_sentences_follow_their_citation(config, in_root):
    pieces = _articles(config, DIGEST)
    by_start = {p.text[:40]: p for p in pieces}
    cited = by_start["The compute deal, valued at up to $6.3 b"]
    assert (cited.outlet, cited.attributed_to) == ("Navi", "CNBC")
    notice = next(p for p in pieces if p.text.startswith("Either company can terminate"))
    assert notice.attributed_to == "CNBC"  # block [2] is Reuters repeating CNBC
    assert not any("Source: Wccftech" in p.text or "Policy and Regulation" in p.text for p in pieces)
    lead = next(p for p in pieces if p.text.startswith("SpaceX has secured a major compute deal"))
    assert (lead.outlet, lead.attributed_to) == ("Navi", None)


def test_quote_lines_and_sources_list(config, in_root):
    pieces = _articles(config, QUOTES)
    quotes = [(p.outlet, p.attributed_to) for p in pieces if p.text.startswith(("The open-source", "According",
                                                                                  "SpaceX signs a $6.3B"))]
    assert quotes == [("The Verge", "The Verge"), ("Gate.io News", "CNBC"), ("Coinpaper", "Coinpaper")]
    own = [p for p in pieces if p.outlet == "Buildloop"]
    assert len(own) == 2 and own[0].offset == 0
    assert all("“" not in p.text[:1] for p in pieces)
    listed = {p.outlet for p in pieces if p.title == p.text}
    assert {"The Verge", "Coinpaper", "Techmeme", "Stocktwits News"} <= listed


@pytest.mark.parametrize("text", [
    "An ordinary article.\nIt quotes a person: “We are thrilled,” — Jane Doe, CEO\nNothing else.",
    "Prices rose [1] and fell [2] in one line.",
    "Source: link\nThe end.",
])
def test_ordinary_texts_are_not_split(config, text):
    article = Article(path="x.txt", text=text)
    assert split_digest(article, config) == [article]


def test_source_lines_attribute_paragraphs_without_citations(config):
    text = ("Roundup of the day\n"
            "SpaceX will be paid $150 million per month under the deal, the filing shows.\n"
            "Source: Reuters\n"
            "The agreement runs through June 2029 and can be ended with 90 days' notice.\n"
            "Source: Wccftech\n")
    pieces = split_digest(Article(path="r.txt", text=text), config)
    assert [(p.outlet, p.text[:10]) for p in pieces] == [("Reuters", "SpaceX wil"), ("Wccftech", "The agreem")]
    for p in pieces:
        assert text[p.offset:p.offset + len(p.text)] == p.text


def test_piece_offsets_add_to_the_parent_offset(config, in_root):
    text = Path(QUOTES).read_text()
    parent = Article(path=QUOTES, text=text[10:], offset=10)
    for piece in split_digest(parent, config):
        assert text[piece.offset:piece.offset + len(piece.text)] == piece.text
