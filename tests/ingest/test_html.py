"""HTML pages: main text without boilerplate, metadata from the page, work capped on hostile markup."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from pipeline.errors import EmptyArticle, InputError
from pipeline.ingest import iter_articles
from pipeline.ingest.html import article_from_html, domain_outlet, nesting_depth
from pipeline.records import Article

from .conftest import FIXTURES

BOILERPLATE = ["$4.99", "$59.88", "Nvidia up 3%", "Tesla down 7%", "Dow 44,102", "Bitcoin", "Trending",
               "Apple stock jumps 9%", "Oracle signs $30 billion", "$65 billion", "Subscribe", "Advertisement",
               "$1.5 billion a month", "$920 million monthly", "$7 billion", "Privacy Policy", "All Rights Reserved",
               "window.__PRICE__", "display:block", "comment:", "$1 a week", "$80 billion", "11%", "$49.99",
               "1,204 shares"]


def _page(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_news_page_main_text_and_metadata(config):
    article = article_from_html(_page("cnbc_page.html"), "cnbc_page.html", config)
    assert "$150 million per month beginning July 1, 2026" in article.text
    assert "90 days' notice" in article.text and "acquiring Cursor" in article.text
    for junk in BOILERPLATE:
        assert junk not in article.text, junk
    assert article.title.startswith("SpaceX signs computing power deal")
    assert (article.outlet, article.published, article.author, article.language) == (
        "CNBC", "2026-06-22", "Jordan Novet", "en")
    assert article.url == "https://www.cnbc.com/2026/06/22/spacex-reflection-ai-compute-deal.html"


def test_page_without_declared_outlet_uses_the_domain(config):
    article = article_from_html(_page("plain_blog.html"), "p.html", config, url="https://www.axios.com/2026/06/23/x")
    assert "$150 million a month starting July 1, 2026" in article.text
    assert "$800 million in Reflection" in article.text
    for junk in BOILERPLATE:
        assert junk not in article.text, junk
    assert (article.outlet, article.published, article.author) == ("Axios", "2026-06-23", "Ina Fried")
    assert article.title.startswith("Reflection lands SpaceX compute deal")


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www.cnbc.com/a", "CNBC"), ("https://techcrunch.com/x", "TechCrunch"),
    ("https://finance.yahoo.com/news/x", "Yahoo Finance"), ("https://news.example.org/x", "news.example.org"),
    (None, None),
])
def test_domain_outlet(config, url, outlet):
    assert domain_outlet(url, config) == outlet


def test_html_file_through_the_dispatcher(config, in_root):
    results = list(iter_articles(["tests/fixtures/ingest"], config, pattern="*.html"))
    assert [r.path for r in results] == ["tests/fixtures/ingest/cnbc_page.html", "tests/fixtures/ingest/pages/business_daily.html",
                                         "tests/fixtures/ingest/pages/wire_report.html", "tests/fixtures/ingest/plain_blog.html"]
    assert all(isinstance(r, Article) for r in results)


def test_deeply_nested_markup_is_capped(config):
    depth = 200_000
    page = b"<html><body>" + b"<div>" * depth + b"SpaceX will pay $150 million per month to the lab." + \
        b"</div>" * depth + b"</body></html>"
    start = time.monotonic()
    article = article_from_html(page, "deep.html", config)
    assert time.monotonic() - start < 10
    assert "$150 million per month" in article.text and any("nested" in w for w in article.warnings)
    assert nesting_depth(page, 500) > 500


def test_huge_page_is_cut(config):
    filler = b"<p>" + b"SpaceX and Reflection AI signed a compute deal in Memphis. " * 20 + b"</p>\n"
    page = b"<html><body><article>" + filler * (50_000_000 // len(filler)) + b"</article></body></html>"
    start = time.monotonic()
    article = article_from_html(page, "huge.html", config)
    assert time.monotonic() - start < 30
    assert any("cut" in w for w in article.warnings)
    assert len(article.text) <= config["ingest"]["max_chars"]


@pytest.mark.parametrize("page", [
    b"", b"<html></html>", b"<html><body><!-- nothing --></body></html>",
    b"<script>var a = '$5';</script>",
])
def test_pages_without_text_are_empty(config, page):
    with pytest.raises(EmptyArticle):
        article_from_html(page, "e.html", config)


def test_charset_from_meta_and_header(config):
    body = ("<html><head><meta charset='windows-1252'></head><body><article><p>" + "Café owners in Memphis say "
            "the SpaceX data center deal with Reflection AI is worth €5 billion to the region. " * 3 +
            "</p></article></body></html>")
    article = article_from_html(body.encode("windows-1252"), "c.html", config)
    assert "Café" in article.text and "€5 billion" in article.text
    article = article_from_html(body.replace("windows-1252", "x").encode("latin-1", "replace"), "c.html", config,
                                content_type="text/html; charset=ISO-8859-1")
    assert "Café" in article.text


def test_binary_html_file_is_an_input_error(config, tmp_path):
    (tmp_path / "x.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (result,) = iter_articles([str(tmp_path / "x.html")], config)
    assert isinstance(result, InputError) and "binary" in result.reason
    assert re.fullmatch(r"[^\n]+", str(result))


def test_huge_html_file_is_read_capped_and_says_so(tmp_path):
    from pipeline.config import load_config
    from tests.ingest.conftest import ROOT

    small = load_config(base=ROOT / "config.toml", overrides={"ingest": {"max_html_bytes": 20_000}})
    para = b"<p>" + b"Acme will pay Globex $5 million per month through 2029 under the agreement. " * 5 + b"</p>\n"
    (tmp_path / "big.html").write_bytes(b"<html><body><article>" + para * 500 + b"</article></body></html>")
    (article,) = iter_articles([str(tmp_path / "big.html")], small)
    size = (tmp_path / "big.html").stat().st_size
    assert any(w.startswith(f"page cut at 20000 bytes (of {size})") for w in article.warnings)


def test_undeclared_date_falls_back_to_htmldate(config):
    page = ("<html lang='de'><head><title>Acme and Globex sign a compute deal today</title></head><body><article>"
            "<p class='date'>Veröffentlicht am 03.03.2026</p><p>" + "Acme Corp will pay Globex $5 million per month "
            "through 2029 under the agreement signed on Tuesday. " * 4 + "</p></article></body></html>").encode()
    article = article_from_html(page, "d.html", config, url="https://news.example.org/2026/03/03/acme-globex")
    assert (article.published, article.language, article.outlet) == ("2026-03-03", "de", "news.example.org")
