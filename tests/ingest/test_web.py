"""Fetching, feeds and JSON Lines against a local server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import time

import pytest

from pipeline.errors import FetchError, InputError
from pipeline.ingest import iter_articles, web
from pipeline.ingest.web import check_host, fetch
from pipeline.records import Article

from .server import Handler, LocalServer


@pytest.fixture()
def server():
    with LocalServer() as base:
        yield base


def test_page_is_fetched_extracted_and_cached(server, local_config):
    (article,) = iter_articles([f"{server}/counted"], local_config)
    assert isinstance(article, Article) and article.path == f"{server}/counted"
    assert "$150 million per month" in article.text and "$4.99" not in article.text
    assert article.outlet == "CNBC" and article.published == "2026-06-22"
    again = fetch(f"{server}/counted", local_config)
    assert again.from_cache and Handler.hits["/counted"] == 1


def test_redirect_is_followed(server, local_config):
    response = fetch(f"{server}/redirect", local_config)
    assert response.url == f"{server}/page" and response.status == 200


@pytest.mark.parametrize(("path", "words"), [
    ("/404", "HTTP 404"), ("/500", "HTTP 500"), ("/loop-a", "redirect loop"), ("/image", "content type"),
    ("/slow", "timed out"), ("/drip", "timed out"), ("/big", "larger than"), ("/big-declared", "exceeds"),
])
def test_fetch_failures_are_one_line_errors(server, local_config, path, words):
    start = time.monotonic()
    (result,) = iter_articles([server + path], local_config)
    assert isinstance(result, FetchError), result
    assert words in result.reason and server + path in str(result) and "\n" not in str(result)
    assert time.monotonic() - start < 15


def test_server_errors_are_retried(server, local_config):
    from pipeline.config import load_config
    from tests.ingest.conftest import ROOT

    retrying = load_config(base=ROOT / "config.toml", overrides={"fetch": {**dict(local_config["fetch"]),
                                                                           "retries": 3}})
    assert fetch(f"{server}/429-once", retrying).status == 200 and Handler.hits["/429-once"] == 2
    with pytest.raises(FetchError):
        fetch(f"{server}/500", retrying)
    assert Handler.hits["/500"] == 3


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/x", "http://localhost/x", "http://10.0.0.8/", "http://192.168.1.1/", "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/", "ftp://example.com/x", "file:///etc/passwd",
])
def test_private_hosts_and_other_schemes_are_refused(url):
    with pytest.raises(FetchError):
        check_host(url, allow_private=False)


def test_loopback_is_refused_by_default(server, config):
    (result,) = iter_articles([f"{server}/page"], config)
    assert isinstance(result, FetchError) and "allow_private_hosts" in result.reason
    assert Handler.hits["/page"] == 0


def test_redirect_hops_are_checked(server, local_config, monkeypatch):
    real = web.check_host

    def first_hop_only(url, allow_private):  # the test server is trusted, every other hop is checked for real
        real(url, allow_private=url.startswith(server))

    monkeypatch.setattr(web, "check_host", first_hop_only)
    with pytest.raises(FetchError, match="non-public"):
        fetch(f"{server}/to-private", local_config)


def test_feed_items_use_content_or_fetch_links(server, local_config):
    results = list(iter_articles([f"{server}/feed.xml"], local_config))
    full, linked, broken = results
    assert isinstance(full, Article) and full.title == "Full item" and full.published == "2026-06-22"
    assert "$150 million a month" in full.text and full.outlet is not None
    assert isinstance(linked, Article) and linked.outlet == "CNBC" and "$4.99" not in linked.text
    assert isinstance(broken, InputError) and "404" in broken.reason


def test_jsonl_lines(server, local_config, tmp_path):
    lines = [
        {"id": "a", "text": "SpaceX will be paid $150 million per month by Reflection AI, the company told "
                            "TechCrunch, in a deal worth up to $6.3 billion.", "outlet": "TechCrunch",
         "published": "2026-06-22T08:00:00Z"},
        {"id": "b", "html": (tmp_path / "x").as_posix() and "<html><body><article><p>" +
         "Reflection AI will pay SpaceX $150 million a month through 2029, according to CNBC. " * 4 +
         "</p></article></body></html>", "outlet": "Benzinga"},
        {"id": "c", "url": f"{server}/text"},
        {"id": "d"},
        "not an object",
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n\n")
    results = list(iter_articles([str(path)], local_config))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Article", "Article", "Article", "InputError", "InputError", "InputError"]
    a, b, c = results[:3]
    assert (a.path.endswith("#a"), a.outlet, a.published) == (True, "TechCrunch", "2026-06-22")
    assert b.outlet == "Benzinga" and "according to CNBC" in b.text
    assert c.url == f"{server}/text" and "told TechCrunch" in c.text
    assert results[3].source.endswith(":4") and "body" not in results[3].reason or "text" in results[3].reason


def test_url_list_file(server, local_config, tmp_path):
    (tmp_path / "urls.txt").write_text(f"{server}/text\n\n{server}/404\n")
    results = list(iter_articles([str(tmp_path / "urls.txt")], local_config))
    assert isinstance(results[0], Article) and isinstance(results[1], FetchError)


def _rebinding_dns(monkeypatch, answers):
    """``rebind.test`` resolves to each of ``answers`` in turn (the last one sticks); other names as usual."""
    import socket

    real = socket.getaddrinfo
    queue = list(answers)

    def fake(host, port, *args, **kwargs):
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)


def test_dns_rebinding_is_refused_at_the_socket(server, config, monkeypatch, tmp_path):
    # The pre-check sees a public address; the connect then gets 127.0.0.1. The socket's peer is
    # checked after connect and before the request is sent, so the local server never sees it.
    from pipeline.config import load_config
    from tests.ingest.conftest import ROOT

    strict = load_config(base=ROOT / "config.toml", overrides={"fetch": {
        "cache_dir": str(tmp_path / "cache"), "per_host_delay": 0.0, "timeout": 1, "retries": 2, "backoff": 0.01}})
    _rebinding_dns(monkeypatch, ["93.184.216.34", "127.0.0.1"])
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="connected to non-public address 127.0.0.1"):
        fetch(f"http://rebind.test:{port}/page", strict)
    assert Handler.hits["/page"] == 0
    (result,) = iter_articles([f"http://rebind.test:{port}/page"], strict)
    assert isinstance(result, FetchError) and "\n" not in str(result) and Handler.hits["/page"] == 0


def test_peer_check_is_off_when_private_hosts_are_allowed(server, local_config, monkeypatch):
    _rebinding_dns(monkeypatch, ["127.0.0.1"])
    port = server.rsplit(":", 1)[1]
    assert fetch(f"http://rebind.test:{port}/text", local_config).status == 200


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True), ("2606:2800:220:1::1", True), ("127.0.0.1", False), ("::1", False),
    ("::ffff:127.0.0.1", False), ("::ffff:93.184.216.34", True), ("10.1.2.3", False), ("172.16.0.1", False),
    ("169.254.169.254", False), ("fe80::1%eth0", False), ("100.64.0.1", False), ("224.0.0.1", False),
    ("0.0.0.0", False), ("fc00::1", False),
])
def test_is_public(address, public):
    assert web.is_public(address) is public


def test_user_agent_and_polite_per_host_delay(server, local_config):
    from pipeline.config import load_config
    from tests.ingest.conftest import ROOT

    polite = load_config(base=ROOT / "config.toml", overrides={"fetch": {**dict(local_config["fetch"]),
                                                                         "per_host_delay": 0.4}})
    start = time.monotonic()
    first = fetch(f"{server}/ua", polite)
    fetch(f"{server}/text", polite)
    assert time.monotonic() - start >= 0.4
    assert polite["fetch"]["user_agent"].encode() in first.body


def test_charset_of_a_plain_text_response(server, local_config):
    (article,) = iter_articles([f"{server}/latin1"], local_config)
    assert "Caf\u00e9" in article.text and "\u00a3 5 million" in article.text and "\ufffd" not in article.text
    assert article.warnings == ()


def test_atom_feed_file(config, tmp_path):
    body = "Acme Corp will pay Globex $5 million per month through 2029, according to Reuters. " * 8
    (tmp_path / "news.atom").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Daily Planet</title><link href="https://planet.example/"/>
<updated>2026-04-02T09:00:00Z</updated><id>urn:x</id>
<entry><title>Acme signs with Globex</title><link href="https://planet.example/acme"/><id>urn:1</id>
<published>2026-04-01T08:00:00Z</published><updated>2026-04-01T09:00:00Z</updated><author><name>Lois Lane</name></author>
<content type="html">&lt;p&gt;{body}&lt;/p&gt;</content></entry>
<entry><title>Teaser only</title><id>urn:2</id><summary>Globex shares rose 4% on Tuesday.</summary></entry>
</feed>""")
    full, teaser = iter_articles([str(tmp_path / "news.atom")], config)
    assert (full.title, full.published, full.author, full.outlet, full.url) == (
        "Acme signs with Globex", "2026-04-01", "Lois Lane", "planet.example", "https://planet.example/acme")
    assert "$5 million per month" in full.text and "<p>" not in full.text and full.warnings == ()
    assert teaser.text == "Globex shares rose 4% on Tuesday." and any("summary" in w for w in teaser.warnings)
