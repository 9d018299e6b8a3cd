"""Candidate sentences: the ones that may hold a value, found cheaply before the costly parse.

A first pass tokenizes the article and splits it into sentences by rule; a sentence is a candidate
when it holds a digit or a cue word of the value finders' own vocabularies (number words, scales,
currency symbols and words, month and weekday names, duration units, chip models, deal nouns...).
The config names those vocabularies in ``[extract] cue_vocabularies``, so a new mention kind adds its
anchors there. Only candidates need the tagger, parser and NER of the full pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from ..errors import ConfigError
from . import numbers
from .boundaries import line_breaks

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..config import Config

T = TypeVar("T")

# Spelled numbers are the number reader's own tables (code, not config): "three", "twenty", "dozen".
NUMBER_WORDS = (*numbers.UNITS, *numbers.TENS, *numbers.MULTIPLIERS, *numbers.SPECIAL, *numbers.DENOMINATORS)
# Sentence-final punctuation for the rule-based split; not the ellipsis, which often runs on mid-sentence.
# Components the other sentences always get: the config's party gazetteer costs next to nothing.
ALWAYS = frozenset({"newsfacts_gazetteer"})
_SENTENCE_END = frozenset({".", "!", "?", "。", "!", "?"})


@dataclass(frozen=True, slots=True)
class Chunk:
    """A stretch of the article text, [start, end), that is one rule-based sentence with its trailing space."""

    start: int
    end: int
    candidate: bool


def cue_phrases(config: Config, names: bool = False) -> tuple[str, ...]:
    """Every cue word or phrase, lower-cased, from the vocabularies ``[extract] cue_vocabularies`` names.

    ``names``: only those of the vocabularies also in ``[extract] name_cue_vocabularies`` (month and day
    names: cues only when capitalised, so the modal "may" is none); otherwise only the others.
    """
    section_ = config.section("extract")
    named = set(section_.get("name_cue_vocabularies", ()))
    unknown = named - set(section_.get("cue_vocabularies", ()))
    if unknown:
        raise ConfigError(f"config: [extract] name_cue_vocabularies names {sorted(unknown)}, "
                          "which are not in cue_vocabularies")
    phrases: set[str] = set() if names else set(NUMBER_WORDS)
    for ref in section_.get("cue_vocabularies", ()):
        if (ref in named) != names:
            continue
        section, _, key = ref.rpartition(".")
        try:
            value = config.section(section)[key] if section else config.section(key)
        except (KeyError, ConfigError):
            raise ConfigError(f"config: [extract] cue_vocabularies names {ref!r}, which the config lacks") from None
        phrases.update(_strings(value))
    # Letters-only cues of one or two characters ("a", "an", "mo", "bn", "k") are articles or shorthand
    # that only counts next to digits, which make a sentence a candidate anyway.
    return tuple(sorted(p for p in (" ".join(s.lower().split()) for s in phrases)
                        if p and not (p.isalpha() and len(p) <= 2)))


def anaphor_words(config: Config) -> tuple[str, ...]:
    """Words that refer back to a party named before, from the vocabularies ``[extract] antecedent_vocabularies``."""
    words: set[str] = set()
    for ref in config.section("extract").get("antecedent_vocabularies", ()):
        section, _, key = ref.rpartition(".")
        try:
            value = config.section(section)[key] if section else config.section(key)
        except (KeyError, ConfigError):
            raise ConfigError(f"config: [extract] antecedent_vocabularies names {ref!r}, which the config lacks") \
                from None
        words.update(" ".join(w.lower().split()) for w in _strings(value))
    return tuple(sorted(w for w in words if w))


def _strings(value: object) -> Iterable[str]:
    """The cue strings of a config value: a table's keys, a list's items, a string itself."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        yield from (str(k) for k in value)
    elif isinstance(value, Sequence):
        yield from (item for item in value if isinstance(item, str))


class CandidateFinder:
    """Splits a tokenized Doc into chunks and tells which hold a digit or a cue phrase."""

    def __init__(self, phrases: Iterable[str], lead: int = 0, anaphors: Iterable[str] = (),
                 names: Iterable[str] = ()) -> None:
        self.lead = lead
        words = "|".join(re.escape(w) for w in sorted(anaphors, key=len, reverse=True))
        # "It ...", "The company ...", "Its shares ...": a sentence that opens by referring back.
        self._anaphor = re.compile(rf"\W*(?:(?:the|this|that|its)\s+)?(?:{words})s?(?![^\W\d_])",
                                   re.IGNORECASE) if words else None
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
        # A cue is a whole word: no letter or digit glued on either side ("mayor" holds no "may"); a plural
        # "s" may follow ("deals", "Fridays").
        self._cue = re.compile(rf"\d|(?<![^\W\d_])(?:{alternatives})s?(?![^\W\d_])", re.IGNORECASE)
        # Names ("May", "Fri") count only capitalised or in capitals, matched case-sensitively.
        spelled = {v for p in names for v in (p[:1].upper() + p[1:], p.upper())}
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(spelled, key=len, reverse=True))
        self._name = re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])") if spelled else None

    @classmethod
    def from_config(cls, config: Config) -> CandidateFinder:
        lead = config.section("extract").get("lead_sentences", 0)
        if not isinstance(lead, int) or isinstance(lead, bool) or lead < 0:
            raise ConfigError(f"config: [extract] lead_sentences = {lead!r}: expected a whole number >= 0")
        return cls(cue_phrases(config), lead, anaphor_words(config), cue_phrases(config, names=True))

    def is_candidate(self, text: str) -> bool:
        """Whether ``text`` holds a digit or a cue phrase."""
        return self._cue.search(text) is not None or self._name is not None and self._name.search(text) is not None

    def chunks(self, doc: Doc) -> list[Chunk]:
        """Consecutive chunks that cover ``doc.text`` exactly, one per rule-based sentence.

        Sentences end after final punctuation and where the pipeline's own line-break rule ends them; a
        list bullet stands alone, as the parser leaves it. Cuts fall only after whitespace, so each
        chunk's tokens are the same as the whole text's. The first ``lead`` chunks (the title and first
        sentence, which introduce the story's parties) are candidates whatever they hold, and so is the
        chunk before a candidate that opens by referring back ("The company was founded in 2024"): the
        assembler takes the party it stands for from the subject of the sentence before.
        """
        text = doc.text
        line_breaks(doc)
        starts = [0]
        for i, tok in enumerate(doc[:-1]):
            nxt = doc[i + 1]
            final = tok.text in _SENTENCE_END or (tok.is_quote or tok.is_right_punct) and i > 0 \
                and doc[i - 1].text in _SENTENCE_END
            bullet = tok.is_punct and not (tok.is_quote or tok.is_bracket) and (i == 0 or "\n" in doc[i - 1].text)
            ends = nxt.is_sent_start or (final or bullet) and tok.whitespace_ and not nxt.is_space \
                and nxt.text not in _SENTENCE_END
            if ends and text[nxt.idx - 1].isspace() and text[starts[-1]:nxt.idx].strip():
                starts.append(nxt.idx)
        bounds = [*starts, len(text)]
        spans = [(s, e) for s, e in zip(bounds, bounds[1:]) if e > s]
        flags = [i < self.lead or self.is_candidate(text[s:e]) for i, (s, e) in enumerate(spans)]
        if self._anaphor is not None:
            for i in range(1, len(spans)):
                if flags[i] and self._anaphor.match(text, spans[i][0], spans[i][1]):
                    flags[i - 1] = True
        return [Chunk(s, e, flag) for (s, e), flag in zip(spans, flags)]


@dataclass(frozen=True, slots=True)
class Piece:
    """Consecutive chunks of one kind, parsed as one text; ``starts`` are its sentences' offsets."""

    start: int
    end: int
    candidate: bool
    starts: tuple[int, ...]


def merge_chunks(chunks: Sequence[Chunk]) -> list[Piece]:
    """Runs of candidate (or of other) chunks as pieces: fewer, longer texts to parse."""
    pieces: list[Piece] = []
    for chunk in chunks:
        last = pieces[-1] if pieces else None
        if last is not None and last.candidate == chunk.candidate and last.end == chunk.start:
            pieces[-1] = Piece(last.start, chunk.end, last.candidate, (*last.starts, chunk.start))
        else:
            pieces.append(Piece(chunk.start, chunk.end, chunk.candidate, (chunk.start,)))
    return pieces


@dataclass(frozen=True, slots=True)
class Parsed:
    """An article's Doc over its whole text, and the Docs of its candidate pieces with their offsets."""

    doc: Doc
    parts: tuple[tuple[int, Doc], ...]


def parse_candidates(nlp: Language, items: Iterable[tuple[str, T]], finder: CandidateFinder,
                     other: Sequence[str] = (), batch_size: int = 16, piece_batch_size: int = 256
                     ) -> Iterator[tuple[Parsed, T]]:
    """Like ``nlp.pipe(items, as_tuples=True)``, but the whole pipeline runs only on candidate sentences.

    The other sentences get only the components named in ``other`` (e.g. ``ner``) and the gazetteer. Each article comes
    back as one Doc over its exact text, the pieces' Docs joined: candidates with their parse and
    sentence split, the others split by rule and not parsed (every head points to itself).
    """
    items = iter(items)
    while batch := list(islice(items, batch_size)):
        tokenized = [nlp.make_doc(text) for text, _ in batch]
        splits = [merge_chunks(finder.chunks(doc)) for doc in tokenized]
        todo: dict[bool, list[tuple[str, tuple[int, int]]]] = {True: [], False: []}
        for a, ((text, _), pieces) in enumerate(zip(batch, splits)):
            for p, piece in enumerate(pieces):
                # Without its trailing white space: a piece ending in a blank line parses differently.
                todo[piece.candidate].append((text[piece.start:piece.end].rstrip() or text[piece.start:piece.end],
                                              (a, p)))
        docs: dict[tuple[int, int], Doc] = {}
        for doc, key in nlp.pipe(todo[True], as_tuples=True, batch_size=piece_batch_size):
            docs[key] = doc
        with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in other or name in ALWAYS]):
            for doc, key in nlp.pipe(todo[False], as_tuples=True, batch_size=piece_batch_size):
                docs[key] = doc
        for a, ((text, context), pieces) in enumerate(zip(batch, splits)):
            if not pieces:
                doc = nlp(text)
                yield Parsed(doc, ((0, doc),)), context
                continue
            piece_docs = [docs[(a, p)] for p in range(len(pieces))]
            parts = tuple((piece.start, doc) for piece, doc in zip(pieces, piece_docs) if piece.candidate)
            joined = join_docs(tokenized[a], pieces, piece_docs)
            yield Parsed(joined if joined is not None else nlp(text), parts), context


def join_docs(doc: Doc, pieces: Sequence[Piece], docs: Sequence[Doc]) -> Doc | None:
    """``doc`` (the first-pass tokens of the whole text) annotated from the Docs of its pieces.

    Candidates keep their parse and sentence split; the other pieces are split into the rule-based
    sentences and not parsed (every head points to itself); white space between pieces joins the
    sentence before it. None when a piece was tokenized differently from the whole text (rare).
    """
    import numpy
    from spacy.attrs import IDX, ORTH, SENT_START

    offsets = doc.to_array([IDX]).astype("int64")
    orth = doc.to_array([ORTH])
    array = numpy.zeros((len(doc), len(_ATTRS)), dtype="uint64")
    starts = numpy.full(len(doc), -1, dtype="int64")
    for piece, piece_doc in zip(pieces, docs):
        k, n = int(numpy.searchsorted(offsets, piece.start)), len(piece_doc)
        if k + n > len(doc) or offsets[k] != piece.start or (piece_doc.to_array([ORTH]) != orth[k:k + n]).any():
            return None
        array[k:k + n] = piece_doc.to_array(_ATTRS)
        if piece.candidate:
            column = piece_doc.to_array([SENT_START]).astype("int64")
        else:
            column = numpy.isin(piece_doc.to_array([IDX]).astype("int64") + piece.start, piece.starts).astype("int64")
        column[0] = 1
        column[column != 1] = -1
        starts[k:k + n] = column
    doc.from_array(_ATTRS, array)
    # Heads make sentences, and the unparsed pieces have none: put every piece's own split back.
    doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


# Token annotations copied from the pieces.
_ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID"]
