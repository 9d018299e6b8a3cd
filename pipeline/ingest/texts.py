"""The texts that claim spans index, written next to the fact table as ``DIR/articles.jsonl``.

The spans contract: a claim's ``start``/``end`` index the text newsfacts analysed for its ``article``.
For a ``.txt``/``.md`` file that is the file itself as ``Path.read_text(errors="replace")`` reads it;
for an HTML page, a URL, a feed item or a JSON Lines record it is the extracted main text, which
exists nowhere else, so every article's text is written here, one JSON object a line:

``{"id", "article", "part", "offset", "text", "title", "outlet", "attributed_to", "published", "url",
"author", "language", "duplicate_of", "warnings"}``

and for every claim ``row["text"][claim["start"] - row["offset"]:claim["end"] - row["offset"]] ==
claim["quote"]`` in the row whose ``article`` is the claim's and whose span holds it (``offset`` is 0
except for the pieces a digest is split into, which keep their place in the file). The rows are also
valid ``newsfacts mentions --batch`` input, whose mention offsets index ``text``.
``duplicate_of`` links a syndicated copy to the ``id`` of the first article it copies (see ``dedup``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..records import Article
from .dedup import near_duplicates

# Same threshold as the reconciler's near-duplicate sentences: one notion of "a copy" across stages.
_DEFAULT_NEAR_DUPLICATE = 90.0


def article_rows(articles: Sequence[Article], config: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per article (see module doc), sorted by article, offset and part."""
    tolerance = config.get("tolerance", {}) if hasattr(config, "get") else {}
    copies = near_duplicates(articles, float(tolerance.get("near_duplicate", _DEFAULT_NEAR_DUPLICATE)))
    rows = [{
        "id": a.article_id, "article": a.path, "part": a.part, "offset": a.offset, "text": a.text,
        "title": a.title, "outlet": a.outlet, "attributed_to": a.attributed_to, "published": a.published,
        "url": a.url, "author": a.author, "language": a.language, "duplicate_of": copies.get(a.article_id),
        "warnings": list(a.warnings),
    } for a in articles]
    return sorted(rows, key=lambda r: (r["article"], r["offset"], r["part"] if r["part"] is not None else -1))


def articles_jsonl(articles: Sequence[Article], config: Mapping[str, Any]) -> bytes:
    """``DIR/articles.jsonl``: the rows of ``article_rows`` as JSON Lines (UTF-8)."""
    lines = (json.dumps(row, ensure_ascii=False) for row in article_rows(articles, config))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def quote_text(rows: Sequence[Mapping[str, Any]], article: str, start: int, end: int) -> str | None:
    """``text[start:end]`` of ``article`` from its rows (the piece whose span holds it), or None."""
    for row in rows:
        offset = int(row["offset"])
        if row["article"] == article and offset <= start and end <= offset + len(row["text"]):
            return str(row["text"][start - offset:end - offset])
    return None
