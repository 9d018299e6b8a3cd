"""Arbitrary bytes and markup never raise past the per-input error boundary."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.ingest import ingest_bytes, iter_articles
from pipeline.ingest.digest import split_digest
from pipeline.records import Article

_settings = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TAGS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<!--", "-->", "<html>",
                        "<body>", "<article>", "</article>", "<meta charset='x'>", "&amp;", "&#0;", "<![CDATA[",
                        "<table><tr><td>", "<rss>", "<feed>", "<?xml version='1.0'?>"])
WORDS = st.sampled_from(["SpaceX", "$150 million", "per month", "[1]", "\n", "“", "” — CNBC", "Source: Reuters",
                         " ", "2029", "according to CNBC", "\u00e9", "\ufffd", "\x00", "\r\n"])


def _check(results):
    for result in results:
        assert isinstance(result, Article | InputError)
        if isinstance(result, InputError):
            assert "\n" not in result.reason


@_settings
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_as_files(config, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    for name in ("a.txt", "b.html", "c.jsonl", "d.xml"):
        (folder / name).write_bytes(data)
    _check(list(iter_articles([str(folder)], config)))


@_settings
@given(st.lists(st.one_of(TAGS, WORDS, st.text(max_size=20)), max_size=80))
def test_arbitrary_markup(config, parts):
    markup = "".join(parts).encode("utf-8", "surrogatepass")
    for kind in (None, "text/html", "application/rss+xml", "text/plain"):
        try:
            _check(ingest_bytes(markup, "fuzz", config, content_type=kind))
        except InputError:
            pass


@_settings
@given(st.lists(st.one_of(WORDS, st.text(max_size=30), st.sampled_from(["[2]", "[3]", "\n1\n.", "3\n.", "- CNBC — x"])),
                max_size=60))
def test_digest_offsets_always_exact(config, parts):
    text = "".join(parts)
    for piece in split_digest(Article(path="f.txt", text=text), config):
        assert text[piece.offset:piece.offset + len(piece.text)] == piece.text
