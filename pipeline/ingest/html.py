"""HTML pages: the article's main text and its metadata.

The main text comes from trafilatura because news pages are mostly boilerplate full of numbers
("$4.99 per month", "Nvidia up 3%", trending headlines) that would become false claims; trafilatura's
content scoring, tuned and evaluated on hundreds of real news pages, drops navigation, ads, paywall
boxes, related links, comments, scripts and styles far better than tag rules we could write here.
Metadata comes from BeautifulSoup over the declared fields (Open Graph, JSON-LD, ``<time>``), with
htmldate as the fallback for the publication date.

Work is capped before parsing: bodies beyond ``[ingest] max_html_bytes`` are cut, and markup nested
deeper than ``[ingest] max_html_depth`` (parsers and trafilatura recurse per level) is reduced to its
text with a warning instead of being parsed.
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..errors import EmptyArticle
from ..records import Article
from .text import article_from_text, check_binary, ingest_settings

log = logging.getLogger(__name__)

_TAG = re.compile(rb"<(/?)([a-zA-Z][\w:-]{0,30})\b[^>]{0,2000}?(/?)>")
_VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
         b"source", b"track", b"wbr", b"p", b"li", b"option", b"td", b"tr", b"th", b"dt", b"dd"}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{1,40})""", re.I)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_STRIP_BLOCKS = re.compile(r"(?is)<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->")
_ANY_TAG = re.compile(r"(?s)<[^>]*>")


def nesting_depth(data: bytes, limit: int) -> int:
    """How deep the markup nests (stops counting past ``limit``); unclosed paragraph-like tags are ignored."""
    depth = deepest = 0
    for match in _TAG.finditer(data):
        closing, name, self_closing = match.groups()
        name = name.lower()
        if name in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Decode a page: the HTTP charset, else ``<meta charset>``, else UTF-8, else a detected charset."""
    declared = None
    if content_type and "charset=" in content_type.lower():
        declared = content_type.lower().split("charset=")[-1].split(";")[0].strip().strip("\"'")
    if declared is None:
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii", "ignore").lower() if match else None
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return data.decode(encoding), ()
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace"), (f"charset guessed as {best.encoding}",)
    except Exception:  # detection is a nicety; replacement decoding below always works
        log.debug("charset detection failed", exc_info=True)
    return data.decode("utf-8", errors="replace"), ("invalid UTF-8; undecodable bytes replaced",)


def _json_ld(soup: Any) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
                yield item


def _meta(soup: Any, *keys: str) -> str | None:
    for key in keys:
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        if tag and tag.get("content", "").strip():
            return str(tag["content"]).strip()
    return None


def _name_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name_of(value.get("name"))
    if isinstance(value, list) and value:
        names = [n for n in (_name_of(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def iso_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` at the start of a date-time string, or None."""
    if not value:
        return None
    match = _DATE.search(value)
    return "-".join(match.groups()) if match else None


def domain_outlet(url: str | None, config: Mapping[str, Any]) -> str | None:
    """The outlet of a URL's host via ``[outlets.domains]`` (sub-domains included), else the bare host."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    domains = config.get("outlets", {}).get("domains", {}) if hasattr(config, "get") else {}
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in domains:
            return str(domains[candidate])
    return host[4:] if host.startswith("www.") else host


def page_metadata(markup: str, url: str | None, config: Mapping[str, Any]) -> dict[str, Any]:
    """Title, outlet, published date, author, canonical URL and language declared by a page."""
    import warnings

    from bs4 import BeautifulSoup

    with warnings.catch_warnings():  # XHTML served as HTML is normal; bs4 would warn about it
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(markup, "lxml")
    ld = [item for item in _json_ld(soup)]
    articles = [i for i in ld if "headline" in i or "datePublished" in i] or ld
    first = articles[0] if articles else {}
    title = (_meta(soup, "og:title", "twitter:title") or first.get("headline")
             or (soup.title.string.strip() if soup.title and soup.title.string else None))
    if not title and soup.h1:
        title = soup.h1.get_text(" ", strip=True) or None
    canonical = None
    link = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    if link and link.get("href"):
        canonical = str(link["href"]).strip()
    canonical = canonical or _meta(soup, "og:url")
    outlet = _meta(soup, "og:site_name") or _name_of(first.get("publisher")) or domain_outlet(canonical or url, config)
    published = iso_date(first.get("datePublished") if isinstance(first.get("datePublished"), str) else None)
    published = published or iso_date(_meta(soup, "article:published_time", "og:published_time", "pubdate",
                                            "publishdate", "date", "dc.date", "parsely-pub-date",
                                            "sailthru.date"))
    if not published:
        time_tag = soup.find("time", attrs={"datetime": True})
        published = iso_date(time_tag["datetime"]) if time_tag else None
    author = _name_of(first.get("author")) or _meta(soup, "author", "article:author", "parsely-author")
    language = None
    if soup.html and soup.html.get("lang"):
        language = str(soup.html["lang"]).split("-")[0].lower() or None
    language = language or (_meta(soup, "content-language", "og:locale") or "").split("_")[0].lower() or None
    return {"title": _clean(title), "outlet": _clean(outlet), "published": published, "author": _clean(author),
            "url": canonical or url, "language": language}


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(html_lib.unescape(value).split())
    return value or None


def _fallback_date(markup: str, url: str | None) -> str | None:
    try:
        from htmldate import find_date

        found = find_date(markup, url=url, extensive_search=False, original_date=True)
    except Exception:  # htmldate is a heuristic fallback; no date is a fine answer
        log.debug("htmldate failed", exc_info=True)
        return None
    return iso_date(found)


_CLASS_SPLIT = re.compile(r"[\s_-]+")


def drop_furniture(markup: str, words: frozenset[str]) -> Any:
    """The parsed page without elements whose class or id names page furniture (``[ingest] drop_class_words``)."""
    import lxml.html

    tree = lxml.html.document_fromstring(markup)
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "main", "article"):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if names.strip() and words.intersection(_CLASS_SPLIT.split(names)):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()
    return tree


def main_text(markup: str, url: str | None = None, config: Mapping[str, Any] | None = None) -> str:
    """The article body of a page as plain text (paragraphs separated by newlines)."""
    import trafilatura

    words = frozenset(str(w).lower() for w in ingest_settings(config or {}).get("drop_class_words", ()))
    document: Any = markup
    if words:
        from lxml.etree import LxmlError

        try:
            document = drop_furniture(markup, words)
        except (LxmlError, ValueError, TypeError):  # lxml refuses some inputs; trafilatura parses them itself
            document = markup
    # Not deduplicate=True: its cache is process-wide, so a page seen twice (a re-run, a feed item
    # fetched again) would come back empty.
    text = trafilatura.extract(document, url=url, include_comments=False, include_tables=False,
                               include_links=False, include_images=False, favor_precision=True)
    return (text or "").strip()


def flat_text(markup: str) -> str:
    """The visible text of markup without parsing it (scripts, styles and comments removed)."""
    text = _STRIP_BLOCKS.sub(" ", markup)
    text = _ANY_TAG.sub("\n", text)
    lines = (" ".join(html_lib.unescape(line).split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def article_from_html(data: bytes, source: str, config: Mapping[str, Any], url: str | None = None,
                      content_type: str | None = None, size: int | None = None) -> Article:
    """An Article from the bytes of an HTML page: main text, metadata, warnings for anything cut.

    ``size`` is the page's full size when ``data`` was read only in part (a capped file read).
    """
    settings = ingest_settings(config)
    if not data.strip():
        raise EmptyArticle(source, "empty page")
    check_binary(data, source)
    notes: list[str] = []
    max_bytes = int(settings.get("max_html_bytes", 0) or 0)
    if max_bytes and len(data) > max_bytes:
        notes.append(f"page cut at {max_bytes} bytes (of {max(size or 0, len(data))}); see [ingest] max_html_bytes")
        data = data[:max_bytes]
    markup, decode_notes = decode_html(data, content_type)
    notes.extend(decode_notes)
    max_depth = int(settings.get("max_html_depth", 400) or 400)
    if nesting_depth(data, max_depth) > max_depth:
        notes.append(f"markup nested deeper than {max_depth} levels; read as flat text without boilerplate removal")
        text = flat_text(markup)
        meta: dict[str, Any] = {"title": None, "outlet": domain_outlet(url, config), "published": None,
                                "author": None, "url": url, "language": None}
    else:
        meta = page_metadata(markup, url, config)
        text = main_text(markup, url, config)
        if not meta["published"]:
            meta["published"] = _fallback_date(markup, url)
    if not text:
        raise EmptyArticle(source, "no article text found in the page")
    return article_from_text(text, source, config, tuple(notes), **meta)
