"""JSON Lines: one article a line, ``{"id", "text" | "html" | "url", "outlet", "published", "title"}``.

Only the body key is required. A bad line is one InputError naming ``FILE:LINE``; the others go on.
An article's ``path`` is ``FILE#ID`` (its text is the line's text, not a slice of the file).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article
from .html import iso_date
from .text import article_from_text

_META = ("outlet", "published", "title", "author", "url", "language")


def iter_jsonl(file: Path, source: str, config: Mapping[str, Any]) -> Iterator[Article | InputError]:
    """The articles of a JSON Lines file."""
    try:
        with open(file, encoding="utf-8", errors="replace") as fh:
            yield from iter_jsonl_lines(fh, source, config)
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")


def iter_jsonl_lines(lines: Iterable[str], source: str, config: Mapping[str, Any]) -> Iterator[Article | InputError]:
    """The articles of JSON Lines given as strings; blank lines are skipped."""
    from . import _guarded

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        yield from _guarded(where, lambda ln=line, w=where: _line_articles(ln, w, source, config))


def _line_articles(line: str, where: str, source: str, config: Mapping[str, Any]) -> list[Article | InputError]:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise InputError(where, f"invalid JSON: {exc.msg}") from None
    if not isinstance(record, dict):
        raise InputError(where, "each line must be a JSON object")
    ident = str(record.get("id") or f"line{where.rsplit(':', 1)[-1]}")
    name = f"{source}#{ident}"
    meta = {k: str(record[k]) for k in _META if isinstance(record.get(k), str | int) and str(record[k]).strip()}
    if "published" in meta:
        day = iso_date(meta.pop("published"))
        if day:
            meta["published"] = day
    if isinstance(record.get("text"), str):
        from .digest import split_digest

        return list(split_digest(article_from_text(record["text"], name, config, **meta), config))
    if isinstance(record.get("html"), str):
        from .html import article_from_html

        article = article_from_html(record["html"].encode("utf-8"), name, config, url=meta.get("url"))
        return [_override(article, meta)]
    if isinstance(record.get("url"), str):
        from . import ingest_url

        return [_override(a, meta) if isinstance(a, Article) else a for a in ingest_url(record["url"], config)]
    raise InputError(where, 'no "text", "html" or "url" key')


def _override(article: Article, meta: Mapping[str, Any]) -> Article:
    fields = {k: v for k, v in meta.items() if v}
    return replace(article, article_id="", **fields) if fields else article
