"""Ingestion: turn every input (file, folder, URL, feed, JSON Lines, stdin) into Articles.

``iter_articles(sources, config)`` is the one entry point. Each input is handled inside its own error
boundary: a bad input yields an ``InputError`` with a one-line reason naming it, and the batch goes on.
Folders are walked recursively in sorted order, so the order of articles is deterministic. An article
kept despite a problem (invalid UTF-8, cut for length, not English) carries warnings, each logged once.
One module per input kind: ``text``, ``digest``, ``html``, ``web`` (fetching), ``feeds``, ``jsonl``.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..records import Article
from .digest import split_digest
from .metadata import sidecar_for
from .text import article_from_bytes, ingest_settings

log = logging.getLogger(__name__)

__all__ = ["display_path", "ingest_bytes", "ingest_file", "ingest_url", "is_url", "iter_articles", "iter_files"]

_URL = re.compile(r"^https?://\S+$", re.I)
_OTHER_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]{1,15}):/", re.I)
_DEFAULT_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".jsonl", ".xml", ".rss", ".atom")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_FEED_SUFFIXES = (".xml", ".rss", ".atom")
# Bytes read from a text file: enough for [ingest] max_chars characters of 4-byte UTF-8.
_BYTES_PER_CHAR = 4


def is_url(source: str) -> bool:
    """True for an ``http(s)://`` address."""
    return bool(_URL.match(source.strip()))


def display_path(path: Path | str) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    text = str(path)
    try:
        rel = os.path.relpath(os.path.abspath(text))
    except ValueError:  # another drive on Windows
        return text
    return text if rel.startswith("..") else rel


def iter_articles(sources: Sequence[str], config: Mapping[str, Any], pattern: str | None = None,
                  stdin: BinaryIO | None = None) -> Iterator[Article | InputError]:
    """Articles (or InputErrors) from every source, in order; folders in sorted path order.

    ``pattern`` is an optional glob (``"*.txt"``, ``"**/2026-*.html"``) that files found in folders must
    match. A source containing glob characters that is not an existing path is expanded as a glob.
    """
    reported: set[tuple[str, str]] = set()
    for source in sources:
        for item in _iter_source(str(source), config, pattern, stdin):
            if isinstance(item, Article):
                _report_warnings(item, reported)
            yield item


def _report_warnings(article: Article, reported: set[tuple[str, str]]) -> None:
    """Each warning of a kept article once on stderr (the pieces of a digest share their file's)."""
    for note in article.warnings:
        if (article.path, note) not in reported:
            reported.add((article.path, note))
            log.warning("%s: warning: %s", article.path, note)


def _iter_source(source: str, config: Mapping[str, Any], pattern: str | None,
                 stdin: BinaryIO | None) -> Iterator[Article | InputError]:
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from _guarded("-", lambda: ingest_bytes(stream.read(), "-", config))
        return
    if is_url(source):
        yield from _guarded(source, lambda: ingest_url(source.strip(), config))
        return
    path = Path(source)
    scheme = _OTHER_SCHEME.match(source.strip())
    if scheme and not path.exists():
        yield InputError(source, f"only http and https URLs are fetched (not {scheme.group(1).lower()})")
        return
    if path.is_dir():
        for file in iter_files(path, config, pattern):
            yield from _guarded(display_path(file), lambda f=file: ingest_file(f, config))
        return
    if path.is_file():
        yield from _guarded(display_path(path), lambda: ingest_file(path, config))
        return
    if glob.has_magic(source):
        matches = sorted(glob.glob(source, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        if not files:
            yield InputError(source, "no files match this pattern")
        for file in files:
            yield from _guarded(display_path(file), lambda f=file: ingest_file(f, config))
        return
    yield InputError(source, "no such file or folder" if not path.exists() else "not a regular file or folder")


def _guarded(source: str, work: Any) -> Iterator[Article | InputError]:
    """Run one input's ingestion to completion; turn any failure into an InputError naming it."""
    try:
        results = list(work())
    except InputError as exc:
        yield exc
        return
    except RecursionError:
        yield InputError(source, "input nested too deeply to parse")
        return
    except MemoryError:
        yield InputError(source, "input too large to hold in memory")
        return
    except Exception as exc:  # the per-input boundary: one bad input must not stop the batch
        log.debug("unexpected failure on %s", source, exc_info=True)
        yield InputError(source, f"cannot ingest: {exc.__class__.__name__}: {_one_line(str(exc))}")
        return
    yield from results


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def iter_files(folder: Path, config: Mapping[str, Any], pattern: str | None = None) -> list[Path]:
    """Files below ``folder`` with an ``[ingest] extensions`` suffix (and matching ``pattern``), sorted.

    Hidden files and folders (the fetch cache, ``.git``) and the metadata sidecar are skipped.
    """
    settings = ingest_settings(config)
    extensions = tuple(e.lower() for e in settings.get("extensions", _DEFAULT_EXTENSIONS))
    sidecar = str(settings.get("metadata_file", "metadata.json"))
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or name == sidecar or not name.lower().endswith(extensions):
                continue
            file = Path(root) / name
            if pattern and not (file.match(pattern) or Path(os.path.relpath(file, folder)).match(pattern)):
                continue
            found.append(file)
    return sorted(found, key=lambda p: p.as_posix())


def _read_capped(file: Path, limit: int) -> bytes:
    with open(file, "rb") as fh:
        return fh.read(limit) if limit > 0 else fh.read()


def ingest_file(file: Path, config: Mapping[str, Any]) -> list[Article | InputError]:
    """The articles of one file, by its suffix: text (maybe a digest or a URL list), HTML, feed, JSON Lines."""
    source = display_path(file)
    suffix = file.suffix.lower()
    settings = ingest_settings(config)
    meta, notes = sidecar_for(file, config)
    try:
        if suffix == ".jsonl":
            from .jsonl import iter_jsonl

            return list(iter_jsonl(file, source, config))
        if suffix in _HTML_SUFFIXES:
            from .html import article_from_html

            # One byte past the cap, so the page knows it was cut and says so.
            limit = int(settings.get("max_html_bytes", 0) or 0)
            data = _read_capped(file, limit + 1 if limit else 0)
            article = article_from_html(data, source, config, url=meta.get("url"), size=file.stat().st_size)
            return [_apply_meta(article, meta, notes)]
        if suffix in _FEED_SUFFIXES:
            from .feeds import articles_from_feed

            return list(articles_from_feed(file.read_bytes(), source, config))
        limit = int(settings.get("max_chars", 0) or 0) * _BYTES_PER_CHAR
        data = _read_capped(file, limit)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    urls = url_list(data)
    if urls:
        out: list[Article | InputError] = []
        for url in urls:
            out.extend(_guarded(url, lambda u=url: ingest_url(u, config)))
        return out
    article = _apply_meta(article_from_bytes(data, source, config), meta, notes)
    return list(split_digest(article, config))


def url_list(data: bytes) -> list[str]:
    """The URLs of a text whose non-blank lines are all http(s) URLs, else an empty list."""
    if len(data) > 1_000_000 or b"://" not in data[:2000]:
        return []
    try:
        lines = [ln.strip() for ln in data.decode("utf-8").splitlines() if ln.strip()]
    except UnicodeDecodeError:
        return []
    lines = [ln for ln in lines if not ln.startswith("#")]
    return lines if lines and all(is_url(ln) for ln in lines) else []


def _apply_meta(article: Article, meta: Mapping[str, Any], notes: Iterable[str] = ()) -> Article:
    """Sidecar metadata overrides what the text itself suggested (it was curated by hand)."""
    fields = {k: v for k, v in meta.items() if k in ("outlet", "url", "published", "title", "author", "language")}
    notes = tuple(notes)
    if not fields and not notes:
        return article
    return replace(article, warnings=article.warnings + notes, article_id="", **fields)


def ingest_bytes(data: bytes, source: str, config: Mapping[str, Any],
                 content_type: str | None = None, url: str | None = None) -> list[Article | InputError]:
    """Articles from raw bytes whose kind is sniffed (stdin, fetched bodies): HTML, feed, JSONL or text."""
    kind = sniff_kind(data, content_type)
    if kind in ("text", "jsonl"):
        data = _as_utf8(data, content_type)
    if kind == "html":
        from .html import article_from_html

        return [article_from_html(data, source, config, url=url, content_type=content_type)]
    if kind == "feed":
        from .feeds import articles_from_feed

        return list(articles_from_feed(data, source, config))
    if kind == "jsonl":
        from .jsonl import iter_jsonl_lines

        return list(iter_jsonl_lines(data.decode("utf-8", errors="replace").splitlines(), source, config))
    urls = url_list(data) if url is None else []
    if urls:
        out: list[Article | InputError] = []
        for item in urls:
            out.extend(_guarded(item, lambda u=item: ingest_url(u, config)))
        return out
    article = article_from_bytes(data, source, config)
    if url:
        article = replace(article, url=url, article_id="")
    return list(split_digest(article, config))


def _as_utf8(data: bytes, content_type: str | None) -> bytes:
    """``data`` re-encoded as UTF-8 when the content type declares another charset that decodes it."""
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    if not match or match.group(1).lower().replace("_", "-") in ("utf-8", "utf8", "us-ascii", "ascii"):
        return data
    try:
        return data.decode(match.group(1)).encode("utf-8")
    except (LookupError, UnicodeError):  # an unknown or wrong label: read as UTF-8 with replacement
        return data


def sniff_kind(data: bytes, content_type: str | None = None) -> str:
    """``html``, ``feed``, ``jsonl`` or ``text`` from a content type or the first bytes."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if ctype in ("application/xml", "text/xml") or head.startswith(b"<?xml"):
        return "feed" if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", data[:4096].lower()) else "html"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or (
            head.startswith(b"<") and re.search(rb"<(p|div|article|title)[\s>]", head)):
        return "html"
    if re.search(rb"<(rss|feed)[\s>]", head[:512]):
        return "feed"
    if ctype in ("application/x-ndjson", "application/jsonl") or (head.startswith(b"{") and b'"' in head[:50]):
        return "jsonl"
    return "text"


def ingest_url(url: str, config: Mapping[str, Any]) -> list[Article | InputError]:
    """Fetch ``url`` (see ``web.fetch``) and ingest the body by its content type."""
    from .web import fetch

    response = fetch(url, config)
    return ingest_bytes(response.body, url, config, content_type=response.content_type, url=response.url)
