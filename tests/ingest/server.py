"""A local HTTP server for the ingest tests (127.0.0.1 only, started inside the test, never the internet)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .conftest import FIXTURES

PAGE = (FIXTURES / "cnbc_page.html").read_bytes()
TEXT = (b"SpaceX will be paid $150 million per month by Reflection AI for GB300 chips at Colossus 2, "
        b"the company told TechCrunch. The deal runs through 2029 and is worth up to $6.3 billion.\n")


def feed(base: str) -> bytes:
    """An RSS feed: one item with full content, one that must be fetched, one broken link."""
    body = "<p>" + ("Reflection AI will pay SpaceX $150 million a month through 2029 for Nvidia chips. " * 8) + "</p>"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Tech News</title><link>https://www.theverge.com/</link><description>d</description>
<item><title>Full item</title><link>{base}/nothing-to-fetch</link><pubDate>Mon, 22 Jun 2026 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
<item><title>Linked item</title><link>{base}/page</link><description>Short teaser.</description>
<pubDate>Tue, 23 Jun 2026 10:00:00 GMT</pubDate></item>
<item><title>Broken item</title><link>{base}/404</link><description>Gone.</description></item>
</channel></rss>""".encode()


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server API)
        path = self.path
        Handler.hits[path] += 1
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path in ("/page", "/counted"):
            self._send(200, PAGE)
        elif path == "/text":
            self._send(200, TEXT, "text/plain; charset=utf-8")
        elif path == "/feed.xml":
            self._send(200, feed(base), "application/rss+xml")
        elif path == "/redirect":
            self._send(302, b"", Location="/page")
        elif path == "/loop-a":
            self._send(302, b"", Location="/loop-b")
        elif path == "/loop-b":
            self._send(301, b"", Location=f"{base}/loop-a")
        elif path == "/to-private":
            self._send(302, b"", Location="http://169.254.169.254/latest/meta-data/")
        elif path == "/404":
            self._send(404, b"<h1>Not found</h1>")
        elif path == "/500":
            self._send(500, b"<h1>Server error</h1>")
        elif path == "/429-once":
            if Handler.hits[path] == 1:
                self._send(429, b"slow down", "text/plain", Retry_After="0")
            else:
                self._send(200, TEXT, "text/plain")
        elif path == "/ua":
            self._send(200, b"The request came from " + self.headers.get("User-Agent", "").encode() + b".\n" + TEXT,
                       "text/plain; charset=utf-8")
        elif path == "/latin1":
            self._send(200, "Caf\u00e9 owners in the region say the deal is worth \u00a3 5 million to them. ".encode(
                "latin-1") + TEXT, "text/plain; charset=ISO-8859-1")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, TEXT, "text/plain")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"x " * 10)
                    self.wfile.flush()
                    time.sleep(0.25)
            except OSError:
                pass
        elif path in ("/big", "/big-declared"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if path == "/big-declared":
                self.send_header("Content-Length", str(50_000_000))
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"Nvidia up 3% " * 1000 + b"</p>")
            except OSError:
                pass
        else:
            self._send(404, b"no such page")


class LocalServer:
    """``with LocalServer() as base:`` serves Handler on 127.0.0.1 at a free port."""

    def __enter__(self) -> str:
        Handler.hits.clear()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # A short poll interval: shutdown() waits up to one interval, on every test that starts a server.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
