"""RSS and Atom feeds: one article per item, from the item's full content or by fetching its link.

feedparser does the parsing (it copes with the many broken feeds in the wild). An item whose content
holds at least ``[ingest] feed_min_content_chars`` characters of text is used as is; otherwise its link
is fetched (through ``web.fetch``, with all its safety checks); otherwise its summary is used.
Every item has its own error boundary: one bad item is one InputError.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import EmptyArticle, InputError
from ..records import Article
from .html import domain_outlet, flat_text, iso_date
from .text import article_from_text, ingest_settings

# Below this, an item's content is a teaser: the article is fetched from its link instead.
_DEFAULT_MIN_CONTENT = 500


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return iso_date(entry.get("published") or entry.get("updated"))


def _entry_text(entry: Any) -> tuple[str, str]:
    """The item's full content and its summary, both as plain text."""
    contents = entry.get("content") or []
    full = "\n".join(flat_text(c.get("value", "")) for c in contents if c.get("value"))
    summary = flat_text(entry.get("summary", "") or "")
    return full, summary


def articles_from_feed(data: bytes, source: str, config: Mapping[str, Any]) -> Iterator[Article | InputError]:
    """The items of a feed as Articles (or InputErrors, one per bad item)."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception", "not a feed")).split("\n")[0]
            raise InputError(source, f"not a readable feed: {reason}")
        raise EmptyArticle(source, "feed has no items")
    feed_link = parsed.feed.get("link")
    feed_outlet = domain_outlet(feed_link, config) if feed_link else None
    feed_outlet = feed_outlet or (parsed.feed.get("title") or "").strip() or None
    min_content = int(ingest_settings(config).get("feed_min_content_chars", _DEFAULT_MIN_CONTENT))
    for index, entry in enumerate(parsed.entries):
        link = (entry.get("link") or "").strip() or None
        if link and not link.lower().startswith(("http://", "https://")):
            link = None  # feedparser falls back to the entry's id ("urn:...", "tag:..."), which is no address
        name = link or f"{source}#item{index + 1}"
        try:
            yield _item_article(entry, name, link, feed_outlet, min_content, config)
        except InputError as exc:
            yield exc
        except Exception as exc:  # per-item boundary: one broken item must not lose the others
            yield InputError(name, f"cannot ingest feed item: {exc.__class__.__name__}: {exc}")


def _item_article(entry: Any, name: str, link: str | None, feed_outlet: str | None, min_content: int,
                  config: Mapping[str, Any]) -> Article:
    full, summary = _entry_text(entry)
    meta = {"title": (entry.get("title") or "").strip() or None, "published": _entry_date(entry),
            "url": link, "outlet": (domain_outlet(link, config) if link else None) or feed_outlet,
            "author": (entry.get("author") or "").strip() or None}
    if len(full) >= min_content:
        return article_from_text(full, name, config, **meta)
    if link:
        from . import ingest_url

        fetched = [a for a in ingest_url(link, config) if isinstance(a, Article)]
        if fetched:
            page = fetched[0]
            return Article(path=name, text=page.text, title=page.title or meta["title"],
                           outlet=page.outlet or meta["outlet"], published=page.published or meta["published"],
                           url=page.url or link, author=page.author or meta["author"], language=page.language,
                           warnings=page.warnings)
    text = full or summary
    if not text.strip():
        raise EmptyArticle(name, "feed item has no text and no fetchable link")
    return article_from_text(text, name, config, ("text from the feed item's summary only",), **meta)
