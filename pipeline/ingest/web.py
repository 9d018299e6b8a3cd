"""Fetching URLs safely: timeouts, retries, size caps, a host allow-check on every redirect hop, a cache.

Only ``http``/``https``. Hosts that resolve to loopback, private, link-local or otherwise non-public
addresses are refused unless ``[fetch] allow_private_hosts`` is true; redirects are followed by hand so
that every hop is checked. The check before a request gives a clear reason; the check that cannot be
fooled is on the socket itself: every connection's peer address is checked right after connect and
before a byte is sent, so a DNS answer that changes between the check and the connect (DNS
rebinding) cannot reach a private address. Bodies are streamed and abandoned past ``[fetch] max_bytes``. Successful
responses are cached on disk under ``[fetch] cache_dir`` so that re-runs do not refetch.
Every failure is a ``FetchError`` with a one-line reason naming the URL.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import json
import os
import socket
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError

MAX_REDIRECTS = 10
_CHUNK = 65536
# Content types an article, page or feed can come as; anything else (images, PDFs, archives) is refused.
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss", "application/atom",
               "application/rdf", "application/json", "application/x-ndjson", "application/jsonl")
_RETRY_STATUSES = {429, 500, 502, 503, 504}
# Longest Retry-After we honour: a server asking for minutes would stall the whole batch.
_MAX_RETRY_AFTER = 30.0

_last_request: dict[str, float] = {}
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body: the final URL (after redirects), status, content type and raw bytes."""

    url: str
    status: int
    content_type: str | None
    body: bytes
    from_cache: bool = False


def _settings(config: Mapping[str, Any]) -> Mapping[str, Any]:
    return config.get("fetch", {}) if hasattr(config, "get") else {}


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (IPv4-mapped IPv6 judged as its IPv4)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class RefusedPeer(Exception):
    """A connection reached a non-public address (raised inside the connection, turned into a FetchError)."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} -> {address}")
        self.host = host
        self.address = address


def check_peer(sock: socket.socket, host: str) -> None:
    """Close ``sock`` and raise RefusedPeer unless it is connected to a public address."""
    try:
        address = str(sock.getpeername()[0])
        public = is_public(address)
    except (OSError, IndexError, ValueError):  # no peer we can name is no peer we can trust
        address, public = "unknown", False
    if not public:
        sock.close()
        raise RefusedPeer(host, address)


@functools.cache
def _public_only_adapter_class() -> type:
    """A requests adapter whose connections check their peer address right after connect."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class PublicHTTPConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            sock = super()._new_conn()
            check_peer(sock, self.host)
            return sock

    class PublicHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:  # TLS is wrapped around this socket afterwards
            sock = super()._new_conn()
            check_peer(sock, self.host)
            return sock

    class PublicHTTPPool(HTTPConnectionPool):
        ConnectionCls = PublicHTTPConnection

    class PublicHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = PublicHTTPSConnection

    class PublicOnlyAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": PublicHTTPPool, "https": PublicHTTPSPool}

    return PublicOnlyAdapter


def check_host(url: str, allow_private: bool) -> None:
    """Raise FetchError unless ``url`` is http(s) to a host whose every address is public."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs are fetched (not {parts.scheme or 'no scheme'})")
    host = parts.hostname
    if not host:
        raise FetchError(url, "URL has no host")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise FetchError(url, "invalid port") from None
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve host {host}: {exc}") from None
    for info in infos:
        address = str(info[4][0])
        if not is_public(address):
            raise FetchError(url, f"refused: host {host} resolves to non-public address {address.split('%')[0]} "
                                  "(set [fetch] allow_private_hosts = true to allow)")


def _cache_paths(url: str, config: Mapping[str, Any]) -> tuple[Path, Path] | None:
    cache_dir = _settings(config).get("cache_dir")
    if not cache_dir:
        return None
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()
    base = Path(str(cache_dir)) / key[:2]
    return base / f"{key}.json", base / f"{key}.body"


def _cache_read(url: str, config: Mapping[str, Any]) -> Response | None:
    paths = _cache_paths(url, config)
    if paths is None:
        return None
    try:
        meta = json.loads(paths[0].read_text(encoding="utf-8"))
        body = paths[1].read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("sha256") != hashlib.sha256(body).hexdigest():
        return None
    return Response(url=meta["url"], status=meta["status"], content_type=meta.get("content_type"), body=body,
                    from_cache=True)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cache_write(url: str, response: Response, config: Mapping[str, Any]) -> None:
    paths = _cache_paths(url, config)
    if paths is None:
        return
    meta = {"url": response.url, "status": response.status, "content_type": response.content_type,
            "sha256": hashlib.sha256(response.body).hexdigest(), "fetched": time.time()}
    try:  # the body first: a meta file without its body is never read as a hit
        _atomic_write(paths[1], response.body)
        _atomic_write(paths[0], json.dumps(meta).encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written only costs a refetch


def _polite_wait(host: str, delay: float) -> None:
    if delay <= 0:
        return
    with _lock:
        now = time.monotonic()
        wait = _last_request.get(host, 0.0) + delay - now
        _last_request[host] = max(now, now + wait)
    if wait > 0:
        time.sleep(wait)


def _retry_after(value: str | None, default: float) -> float:
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return default
    return min(max(seconds, 0.0), _MAX_RETRY_AFTER)


def _session(config: Mapping[str, Any]) -> Any:
    import requests

    session = requests.Session()
    if not bool(_settings(config).get("allow_private_hosts", False)):
        adapter = _public_only_adapter_class()()
        session.mount("http://", adapter)
        session.mount("https://", adapter)
    session.headers["User-Agent"] = str(_settings(config).get("user_agent", "newsfacts"))
    session.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,*/*;q=0.5"
    session.trust_env = False  # no proxies or netrc from the environment: what we fetch is what we checked
    return session


def _read_body(raw: Any, url: str, max_bytes: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    # read1 returns what has arrived (not a full chunk), so a server dripping bytes meets the deadline.
    while True:
        chunk = raw.raw.read1(_CHUNK, decode_content=True)
        if not chunk:
            break
        size += len(chunk)
        if max_bytes and size > max_bytes:
            raise FetchError(url, f"response larger than {max_bytes} bytes ([fetch] max_bytes)")
        if time.monotonic() > deadline:
            raise FetchError(url, "timed out while reading the response")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, config: Mapping[str, Any]) -> Response:
    """GET ``url`` safely (see module doc); the cached copy when there is one."""
    cached = _cache_read(url, config)
    if cached is not None:
        return cached
    import requests
    import urllib3

    settings = _settings(config)
    allow_private = bool(settings.get("allow_private_hosts", False))
    timeout = float(settings.get("timeout", 15))
    retries = max(1, int(settings.get("retries", 3)))
    backoff = float(settings.get("backoff", 0.5))
    max_bytes = int(settings.get("max_bytes", 10_000_000))
    delay = float(settings.get("per_host_delay", 0.0))
    session = _session(config)
    current, seen = url, {url}
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            check_host(current, allow_private)
            attempt = 0
            while True:
                attempt += 1
                _polite_wait((urlsplit(current).hostname or "").lower(), delay)
                # Total time for one response: connect + headers + body, so a slow drip cannot stall us.
                deadline = time.monotonic() + timeout * 2
                try:
                    raw = session.get(current, timeout=(timeout, timeout), allow_redirects=False, stream=True)
                except requests.Timeout:
                    if attempt < retries:
                        time.sleep(backoff * 2 ** (attempt - 1))
                        continue
                    raise FetchError(url, f"timed out after {timeout:g}s") from None
                except requests.ConnectionError as exc:
                    if attempt < retries:
                        time.sleep(backoff * 2 ** (attempt - 1))
                        continue
                    raise FetchError(url, f"connection failed: {_short(exc)}") from None
                except requests.RequestException as exc:
                    raise FetchError(url, f"request failed: {_short(exc)}") from None
                except RefusedPeer as exc:
                    raise FetchError(url, f"refused: host {exc.host} connected to non-public address "
                                          f"{exc.address} (set [fetch] allow_private_hosts = true to allow)") from None
                if raw.status_code in _RETRY_STATUSES and attempt < retries:
                    wait = _retry_after(raw.headers.get("Retry-After"), backoff * 2 ** (attempt - 1))
                    raw.close()
                    time.sleep(wait)
                    continue
                break
            with raw:
                if raw.is_redirect or raw.status_code in (301, 302, 303, 307, 308):
                    location = raw.headers.get("Location")
                    if not location:
                        raise FetchError(url, f"HTTP {raw.status_code} redirect without a Location")
                    nxt = urljoin(current, location)
                    if nxt in seen:
                        raise FetchError(url, f"redirect loop at {nxt}")
                    seen.add(nxt)
                    current = nxt
                    continue
                if raw.status_code >= 400:
                    raise FetchError(url, f"HTTP {raw.status_code} {raw.reason or ''}".strip())
                content_type = raw.headers.get("Content-Type")
                ctype = (content_type or "").split(";")[0].strip().lower()
                if ctype and not ctype.startswith(_TEXT_TYPES) and not ctype.endswith(("+xml", "/xml")):
                    raise FetchError(url, f"unsupported content type {ctype}")
                length = raw.headers.get("Content-Length", "")
                if length.isdigit() and max_bytes and int(length) > max_bytes:
                    raise FetchError(url, f"response of {length} bytes exceeds [fetch] max_bytes ({max_bytes})")
                try:
                    body = _read_body(raw, url, max_bytes, deadline)
                except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
                    raise FetchError(url, f"failed while reading: {_short(exc)}") from None
                response = Response(url=current, status=raw.status_code, content_type=content_type, body=body)
                _cache_write(url, response, config)
                return response
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
    finally:
        session.close()


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:159] + "…"
