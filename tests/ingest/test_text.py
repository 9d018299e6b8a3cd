"""Text files, folders, metadata sidecars and bad inputs: each bad input is one InputError, the batch goes on."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pipeline.errors import BinaryInput, EmptyArticle, InputError
from pipeline.ingest import iter_articles
from pipeline.records import Article

PROSE = ("SpaceX has signed a compute agreement with Reflection AI, which will pay $150 million per month "
         "for access to Nvidia GB300 chips at the Colossus 2 data center in Memphis, Tennessee.\n")


def _run(sources, config, **kw):
    return list(iter_articles([str(s) for s in sources], config, **kw))


def test_text_is_the_file_as_read_text(config, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_bytes(("Title line here\r\n" + PROSE.replace("\n", "\r\n") + "caf\u00e9\r").encode())
    (article,) = _run(["a.txt"], config)
    assert article.path == "a.txt"
    assert article.text == Path("a.txt").read_text(errors="replace")
    assert article.title == "Title line here" and article.language == "en" and article.warnings == ()


def test_folder_walk_is_sorted_recursive_and_filtered(config, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("b/2.txt", "a.md", "b/1.txt", "c.pdf", ".hidden/x.txt", "b/skip.csv"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(PROSE)
    assert [a.path for a in _run(["."], config)] == ["a.md", "b/1.txt", "b/2.txt"]
    assert [a.path for a in _run(["."], config, pattern="*.txt")] == ["b/1.txt", "b/2.txt"]
    assert [a.path for a in _run(["b/*.txt"], config)] == ["b/1.txt", "b/2.txt"]


def test_metadata_sidecar_applies(config, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d").mkdir()
    Path("d/one.txt").write_text(PROSE)
    Path("d/metadata.json").write_text(json.dumps({"one.txt": {"outlet": "CNBC", "url": "https://cnbc.com/x",
                                                               "published": "2026-06-22T10:00:00Z",
                                                               "title": "Deal", "note": "ignored"}}))
    (article,) = _run(["d"], config)
    assert (article.outlet, article.url, article.published, article.title) == (
        "CNBC", "https://cnbc.com/x", "2026-06-22", "Deal")


def test_broken_sidecar_is_a_warning(config, tmp_path):
    (tmp_path / "one.txt").write_text(PROSE)
    (tmp_path / "metadata.json").write_text("{not json")
    (article,) = _run([tmp_path], config)
    assert any("metadata" in w for w in article.warnings)


@pytest.mark.parametrize(("content", "error", "words"), [
    (b"", EmptyArticle, "empty"),
    (b"  \n\t\n", EmptyArticle, "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput, "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", BinaryInput, "binary"),
    (b"text\x00with\x00nuls" * 10, BinaryInput, "NUL"),
    ("\ufeffUTF-16 text".encode("utf-16"), BinaryInput, "UTF-16"),
    (bytes(range(256)) * 4, BinaryInput, "binary"),
])
def test_bad_files_are_input_errors(config, tmp_path, content, error, words):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text(PROSE)
    results = _run([tmp_path], config)
    assert isinstance(results[0], error) and words in results[0].reason
    assert "bad.txt" in str(results[0]) and "\n" not in str(results[0])
    assert isinstance(results[1], Article)


def test_invalid_utf8_is_kept_with_a_warning(config, tmp_path):
    (tmp_path / "latin.txt").write_bytes(PROSE.encode() + "Caf\u00e9 d\u00e9j\u00e0 vu.".encode("latin-1"))
    (article,) = _run([tmp_path / "latin.txt"], config)
    assert "\ufffd" in article.text and any("UTF-8" in w for w in article.warnings)
    assert article.text == (tmp_path / "latin.txt").read_text(errors="replace")


def test_non_english_text_is_kept_with_a_warning(config, tmp_path):
    spanish = ("SpaceX ha firmado un acuerdo de computación con Reflection AI, que pagará 150 millones de "
               "dólares al mes por el acceso a los chips de Nvidia en el centro de datos Colossus 2 de Memphis. "
               "El contrato se extiende hasta 2029 y cualquiera de las partes puede rescindirlo con noventa días.")
    (tmp_path / "es.txt").write_text(spanish)
    (article,) = _run([tmp_path / "es.txt"], config)
    assert any("English" in w for w in article.warnings) and article.language is None


def test_long_text_is_cut_with_a_warning(tmp_path):
    from pipeline.config import load_config
    from tests.ingest.conftest import ROOT

    small = load_config(base=ROOT / "config.toml", overrides={"ingest": {"max_chars": 1000}})
    (tmp_path / "long.txt").write_text(PROSE * 100)
    (article,) = _run([tmp_path / "long.txt"], small)
    assert len(article.text) == 1000 and any("max_chars" in w for w in article.warnings)


def test_missing_inputs_and_stdin(config):
    results = list(iter_articles(["/no/such/file.txt", "-"], config, stdin=io.BytesIO(PROSE.encode())))
    assert isinstance(results[0], InputError) and "no such file" in results[0].reason
    assert isinstance(results[1], Article) and results[1].path == "-"


def test_url_list_file_is_fetched(config, tmp_path):
    # Loopback is refused by default: each URL is its own InputError and nothing is fetched.
    (tmp_path / "urls.txt").write_text("https://127.0.0.1:9/a\n\nhttp://localhost:9/b\n")
    results = _run([tmp_path / "urls.txt"], config)
    assert len(results) == 2 and all(isinstance(r, InputError) for r in results)
    assert "127.0.0.1" in str(results[0])


def test_warnings_of_kept_articles_are_logged_once(config, tmp_path, caplog):
    (tmp_path / "latin.txt").write_bytes(PROSE.encode() + "Caf\u00e9 d\u00e9j\u00e0 vu.".encode("latin-1"))
    with caplog.at_level("WARNING", logger="pipeline.ingest"):
        (article,) = _run([tmp_path / "latin.txt"], config)
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [f"{article.path}: warning: {article.warnings[0]}"] and "UTF-8" in lines[0]


@pytest.mark.parametrize("source", ["ftp://example.com/a.txt", "file:///etc/passwd", "gopher://x/"])
def test_other_url_schemes_are_named_as_such(config, source):
    (result,) = iter_articles([source], config)
    assert isinstance(result, InputError) and "only http and https" in result.reason
