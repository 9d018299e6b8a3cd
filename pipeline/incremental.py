"""Assembly over the whole store that reuses each article's claims while what it reads of the batch is unchanged.

``Assembler.claims(analysis, batch)`` reads the batch (``Assembler.batch_stats`` over every stored article)
only through a small view of it: the batch's names for the parties the article writes, the batch's counts
and pair counts of those (renamed) parties, and, for an article that names no organisation, the batch's
most named party (an article's naming none is unchanged by renaming: which names count depends on the
words around them only). A standalone article's claims are therefore made from that view alone (``batch_view``),
on every run, fresh or not, and kept in the store with a digest of the view: a later run reuses them while
the digest is the same, and makes them again when a new article moves any number the article reads.
Because the view is what every run uses, a run over several days gives what one fresh run gives, byte for
byte; ``tests/test_store.py`` also checks that the view gives what the whole batch gives (``assemble``).

The batch statistics themselves are summed from each article's own statistics, also kept in the store,
so an unchanged article is not decoded at all. Pieces of a digest (``Article.parent``) borrow the whole
batch and the previous piece's discourse, so they, and the article just before one, are made every run.
Everything is keyed by the assembly fingerprint (config, code, extraction): any change makes it all again.
``Assembler.finish``, the pass over the whole batch's claims, runs on every run over kept and new claims.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import Any

from .assemble import Assembler
from .assemble.deals import DealStats
from .assemble.names import name_map
from .config import Config
from .records import Analysis, Claim, Subject
from .store import Store, code_fingerprint, decode_value, digest, encode_value, extraction_fingerprint

log = logging.getLogger(__name__)
# Articles decoded, assembled and written to the store at a time (memory stays flat as the store grows).
BATCH = 200


def assembly_fingerprint(config: Config) -> str:
    """What decides an article's claims besides its analysis and its batch view: config and code."""
    return digest(config.to_plain(), code_fingerprint(), extraction_fingerprint(config))


# ------------------------------------------------------------------------------ an article's own part


def own_part(assembler: Assembler, analysis: Analysis) -> dict[str, Any]:
    """What an article adds to the batch statistics (its party pairs, counts and name forms, in the order
    ``batch_stats`` adds them), the party names it writes and its parent, as JSON-able data."""
    own = assembler._prepare(analysis)[3]  # the article's DealStats, as batch_stats sums them
    forms: Counter = Counter(m.value.name for m in analysis.mentions if m.kind == "party" and m.value.label == "ORG")
    names = sorted({m.value.name for m in analysis.mentions if m.kind == "party"})
    return {"pairs": [[a, b, n] for (a, b), n in own.pairs.items()], "counts": [[k, n] for k, n in own.counts.items()],
            "forms": [[k, n] for k, n in forms.items()], "names": names, "parent": analysis.article.parent}


def sum_parts(assembler: Assembler, parts: Iterable[dict[str, Any]]) -> DealStats:
    """``Assembler.batch_stats`` from the articles' own parts, in canonical order (equal to it: tested)."""
    stats = DealStats()
    for part in parts:
        stats.pairs.update({(a, b): n for a, b, n in part["pairs"]})
        stats.counts.update({k: n for k, n in part["counts"]})
        stats.forms.update({k: n for k, n in part["forms"]})
    stats.names = name_map(stats.forms, assembler.known_names)
    return stats.renamed(stats.names)


def batch_view(batch: DealStats, top: tuple[str, int] | None, part: dict[str, Any]) -> DealStats:
    """The part of ``batch`` a standalone article's claims read (see the module docstring)."""
    mapping = {n: batch.names[n] for n in part["names"] if n in batch.names}
    parties = sorted({mapping.get(n, n) for n in part["names"]})
    view = DealStats()
    if top is not None and not part["counts"]:
        # Only an article that names no organisation reads the batch's most named party (first in, so the
        # view's most named party is the batch's, ties included); the others would be made again whenever
        # that count moves, which is every run.
        view.counts[top[0]] = top[1]
    for p in parties:  # set, not added: the most named party may be one of them
        if p in batch.counts:
            view.counts[p] = batch.counts[p]
    for pair in combinations(parties, 2):
        if pair in batch.pairs:
            view.pairs[pair] = batch.pairs[pair]
    view.names = mapping
    return view


def view_key(view: DealStats) -> str:
    return digest(sorted(view.names.items()), list(view.counts.items()), sorted(view.pairs.items()))


# ------------------------------------------------------------------------------ claims as stored


def encode_claims(claims: Sequence[Claim]) -> bytes:
    rows = [[c.subject.kind, list(c.subject.parties), c.attribute, encode_value(c.value), c.article, c.quote, c.start,
             c.end, c.outlet, c.attributed_to, c.published, c.sentence, c.derived] for c in claims]
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def decode_claims(blob: bytes) -> list[Claim]:
    return [Claim(Subject(kind, tuple(parties)), attribute, decode_value([_tuples(v) for v in value]), article, quote,
                  start, end, outlet, attributed_to, published, sentence, derived)
            for kind, parties, attribute, value, article, quote, start, end, outlet, attributed_to, published,
            sentence, derived in json.loads(zlib.decompress(blob))]


# ------------------------------------------------------------------------------ the whole store


def assemble_store(store: Store, config: Config, on_article: Callable[[], None] | None = None,
                   stats: dict[str, Any] | None = None) -> tuple[Claim, ...]:
    """Every stored article's claims in canonical order, made again only where something it reads changed
    (``stats`` gains ``articles_assembled``: how many were made, not reused)."""
    key = assembly_fingerprint(config)
    assembler = Assembler(config)
    ids = store.analysed_ids()
    parts = store.assembly_parts(key)
    missing = [aid for aid in ids if aid not in parts]
    for start in range(0, len(missing), BATCH):
        made = {a.article.article_id: own_part(assembler, a)
                for a in store.analyses_by_id(missing[start:start + BATCH])}
        store.put_assembly_parts(made, key)
        parts.update(made)
    batch = sum_parts(assembler, (parts[aid] for aid in ids))
    top = batch.counts.most_common(1)[0] if batch.counts else None
    claims: list[Claim] = []
    made_again = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        after = ids[start + BATCH] if start + BATCH < len(ids) else None
        kept = store.assembly_claims(chunk, key)
        plan: dict[str, tuple[DealStats, str | None]] = {}
        for k, aid in enumerate(chunk):
            following = chunk[k + 1] if k + 1 < len(chunk) else after
            if parts[aid]["parent"] or (following and parts[following]["parent"]):
                plan[aid] = (batch, None)  # a digest piece, or the article whose discourse the next piece continues
                continue
            view = batch_view(batch, top, parts[aid])
            vkey = view_key(view)
            if kept.get(aid, (None,))[0] != vkey:
                plan[aid] = (view, vkey)
        analyses = {a.article.article_id: a for a in store.analyses_by_id([aid for aid in chunk if aid in plan])}
        fresh: dict[str, tuple[str, bytes]] = {}
        for aid in chunk:
            if aid in plan:
                seen, vkey = plan[aid]
                article_claims = assembler.claims(analyses[aid], seen)
                if vkey is not None:
                    fresh[aid] = (vkey, encode_claims(article_claims))
                made_again += 1
            else:
                article_claims = decode_claims(kept[aid][1])
            claims.extend(article_claims)
            if on_article:
                on_article()
        store.put_assembly_claims(fresh)
    log.info("assembled %d of %d articles again (%d parts made)", made_again, len(ids), len(missing))
    if stats is not None:
        stats["articles_assembled"] = made_again
    return assembler.finish(claims)  # the batch-wide pass over every claim (kept claims are from before it)
