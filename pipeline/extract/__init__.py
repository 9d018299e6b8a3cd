"""Extraction: an Article becomes an Analysis (sentences + typed mentions with exact spans).

Each mention kind is one module named in ``[extract.kinds]`` of the config that exposes
``find_mentions(doc, ctx) -> Iterable[Mention]``; this core only runs them and resolves overlaps.
spaCy objects never leave this package: sentences and tokens are copied into records here.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..records import Analysis, Article, Mention, Sentence, Token
from .candidates import CandidateFinder, Parsed, parse_candidates

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..config import Config

log = logging.getLogger(__name__)
Finder = Callable[["Doc", "Context"], Iterable[Mention]]


@dataclass(frozen=True, slots=True)
class Context:
    """What every mention finder may read besides the Doc."""

    text: str
    published: str | None
    config: Config


def load_finders(config: Config) -> dict[str, Finder]:
    """Import the finder of every mention kind the config registers, by module name."""
    finders: dict[str, Finder] = {}
    for kind, module_name in config.section("extract")["kinds"].items():
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise ConfigError(f"config: [extract.kinds] {kind} = {module_name!r}: {exc}") from None
        finder = getattr(module, "find_mentions", None)
        if not callable(finder):
            raise ConfigError(f"config: [extract.kinds] {module_name} has no find_mentions(doc, ctx)")
        finders[kind] = finder
    return finders


def find_all(doc: Doc, ctx: Context, finders: dict[str, Finder]) -> tuple[Mention, ...]:
    """Run every finder over one Doc and keep the non-overlapping mentions, sorted by position."""
    found: list[Mention] = []
    for kind, finder in finders.items():
        for mention in finder(doc, ctx):
            if ctx.text[mention.start:mention.end] != mention.text:
                raise AssertionError(f"{kind} finder returned a span that does not match its text: {mention}")
            found.append(mention)
    return resolve_overlaps(found, ctx.config.section("extract").get("precedence", ()))


def find_in_parts(doc: Doc, parts: Sequence[tuple[int, Doc]], ctx: Context, finders: dict[str, Finder],
                  article_kinds: Collection[str]) -> tuple[Mention, ...]:
    """Like ``find_all``, but value finders read only ``parts`` ((offset, Doc) of candidate pieces).

    The kinds in ``article_kinds`` (parties: a name seen once counts everywhere) read the whole ``doc``.
    """
    found: list[Mention] = []
    for kind, finder in finders.items():
        if kind in article_kinds:
            found.extend(finder(doc, ctx))
            continue
        for offset, part in parts:
            part_ctx = Context(text=part.text, published=ctx.published, config=ctx.config)
            found.extend(replace(m, start=m.start + offset, end=m.end + offset) for m in finder(part, part_ctx))
    for mention in found:
        if ctx.text[mention.start:mention.end] != mention.text:
            raise AssertionError(f"{mention.kind} finder returned a span that does not match its text: {mention}")
    return resolve_overlaps(found, ctx.config.section("extract").get("precedence", ()))


def resolve_overlaps(mentions: Sequence[Mention], precedence: Sequence[str]) -> tuple[Mention, ...]:
    """Keep one mention per stretch of text: the stronger kind, then the longer span, then the earlier."""
    rank = {kind: i for i, kind in enumerate(precedence)}
    ordered = sorted(mentions, key=lambda m: (rank.get(m.kind, len(rank)), -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ordered:
        if m.kind != "party" and any(k.kind != "party" and m.start < k.end and k.start < m.end for k in kept):
            continue
        if m.kind == "party" and any(m.start < k.end and k.start < m.end for k in kept):
            continue
        kept.append(m)
    return tuple(sorted(kept, key=lambda m: (m.start, m.end, m.kind)))


def copy_sentences(doc: Doc) -> tuple[Sentence, ...]:
    """Copy sentence spans and token attributes out of a parsed Doc."""
    from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, ORTH, POS, TAG
    from spacy.parts_of_speech import NAMES

    # Read as arrays, not Token objects (one Python object per token and attribute costs more than the
    # rest of the copy): the strings are what Token.text, .lemma_, .tag_, .dep_, .ent_type_ return
    # (StringStore lookups), .pos_ is parts_of_speech.NAMES, HEAD is the offset to the head.
    strings = doc.vocab.strings
    columns = doc.to_array([IDX, ORTH, LEMMA, POS, TAG, DEP, ENT_TYPE]).T.tolist() if len(doc) else [[]] * 7
    idx, orth, lemma, pos, tag, dep, ent = columns
    heads = doc.to_array([HEAD]).astype("int64").reshape(-1).tolist()  # uint64 offsets back to signed
    names = {h: strings[h] for h in {*orth, *lemma, *tag, *dep, *ent}}
    tokens = [Token(i=i, start=idx[i], end=idx[i] + len(names[orth[i]]), text=names[orth[i]],
                    lemma=names[lemma[i]], pos=NAMES[pos[i]], tag=names[tag[i]], dep=names[dep[i]],
                    head=i + heads[i], ent_type=names[ent[i]])
              for i in range(len(doc))]
    return tuple(Sentence(start=sent.start_char, end=sent.end_char, tokens=tuple(tokens[sent.start:sent.end]))
                 for sent in doc.sents)


class Extractor:
    """Holds the loaded pipeline and finders; turns articles into analyses (one model load for all)."""

    def __init__(self, config: Config, nlp: Language | None = None) -> None:
        from .nlp import load_nlp

        self.config = config
        self.nlp = nlp if nlp is not None else load_nlp(config)
        self.finders = load_finders(config)
        section = config.section("extract")
        self.parse = section.get("parse", "all")
        if self.parse not in ("all", "candidates"):
            raise ConfigError(f"config: [extract] parse = {self.parse!r}: expected \"candidates\" or \"all\"")
        self.other = tuple(section.get("other_sentences", ()))
        unknown = [name for name in self.other if name not in self.nlp.pipe_names]
        if unknown:
            raise ConfigError(f"config: [extract] other_sentences names {unknown}, not in the pipeline "
                              f"({', '.join(self.nlp.pipe_names)})")
        self.candidates = CandidateFinder.from_config(config) if self.parse == "candidates" else None
        self.article_kinds = frozenset(section.get("article_kinds", ("party",)))

    def parse_docs(self, items: Iterable[tuple[str, Any]], batch_size: int = 16) -> Iterator[tuple[Doc, Any]]:
        """(Doc, context) per (text, context): the whole pipeline on every sentence or on candidates only."""
        for parsed, context in self._parse(items, batch_size):
            yield parsed.doc, context

    def _parse(self, items: Iterable[tuple[str, Any]], batch_size: int) -> Iterator[tuple[Parsed, Any]]:
        if self.candidates is None:
            for doc, context in self.nlp.pipe(items, as_tuples=True, batch_size=batch_size):
                yield Parsed(doc, ((0, doc),)), context
        else:
            yield from parse_candidates(self.nlp, items, self.candidates, self.other, batch_size=batch_size)

    def _find(self, parsed: Parsed, text: str, published: str | None) -> tuple[Mention, ...]:
        ctx = Context(text=text, published=published, config=self.config)
        if self.candidates is None:
            return find_all(parsed.doc, ctx, self.finders)
        return find_in_parts(parsed.doc, parsed.parts, ctx, self.finders, self.article_kinds)

    def analyse(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
        """Parse the articles in batches and yield one Analysis per article."""
        pairs = ((a.text, a) for a in articles)
        for parsed, article in self._parse(pairs, batch_size):
            yield Analysis(article=article, sentences=copy_sentences(parsed.doc),
                           mentions=self._find(parsed, article.text, article.published))

    def mentions_batch(self, items: Iterable[tuple[str, Any]], batch_size: int = 32
                       ) -> Iterator[tuple[Any, tuple[Mention, ...]]]:
        """Mentions of many texts with one model load; each item is (text, context dict with "published")."""
        for parsed, item in self._parse(items, batch_size):
            published = item.get("published") if isinstance(item, dict) else None
            yield item, self._find(parsed, parsed.doc.text, published)

    def mentions(self, text: str, published: str | None = None) -> tuple[Mention, ...]:
        """The mentions of one text."""
        parsed, _ = next(self._parse([(text, None)], 1))
        return self._find(parsed, text, published)


_DEFAULT: dict[str, Extractor] = {}


def extract_mentions(text: str, published: str | None = None, config: Config | None = None) -> list[dict[str, Any]]:
    """The mentions of ``text`` as SPEC dicts; the model is loaded once per process and config."""
    from ..config import load_config

    key = "default" if config is None else str(id(config))
    if key not in _DEFAULT:
        _DEFAULT[key] = Extractor(config or load_config())
    return [m.as_dict() for m in _DEFAULT[key].mentions(text, published)]
