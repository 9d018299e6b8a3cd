"""Digests: texts that gather several outlets' reports, split into one Article per quoted source.

A digest quotes other outlets in recognisable layouts:

* numbered blocks ``[1] ... [7]`` (a title line, then the body), often followed by a summary whose
  sentences end in citation markers ("...Tennessee\\n1\\n." or "...hardware3\\n.") pointing back to a block;
* quote lines ``"..." — Outlet`` or ``"..." — Outlet (via Other Outlet)``;
* a ``Sources`` list of ``- Outlet — Headline`` items;
* paragraphs followed by a ``Source: Outlet`` line (only when there are no citation markers: in
  summaries that have markers these lines are image credits, not the source of the paragraph).

Every piece keeps its exact place: ``piece.text == text[piece.offset - base : ...]`` where ``base`` is
the offset of the digest itself, so claim quotes still index the file. The digest's own prose (what is
not a quoted piece) is kept as pieces of its own, attributed to no one but its own outlet.
Only general layout rules live here; outlet names come from ``[outlets]`` of the config.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..attribution import (canonical_outlet, find_attribution, find_outlet_name, find_publisher,
                           find_publisher_match)
from ..records import Article

_BLOCK_MARKER = re.compile(r"^[ \t]*\[(\d{1,3})\][ \t]*$", re.M)
# A citation marker: a block number closing a sentence, on its own line or glued to the last word,
# followed by the sentence's punctuation on the next line (the layout copy-pasted summaries have).
_CITATION = re.compile(r"(?:\n|(?<=[^\d\s]))(?P<num>\d{1,2})\n(?=[.,;:!?]|\d{1,2}\n)")
_QUOTE_LINE = re.compile(r"^[ \t]*[“\"](?P<quote>[^\n]+?)[”\"][ \t]*[—–][ \t]*(?P<source>[^\n“”\"]{2,80}?)[ \t]*$",
                         re.M)
_SOURCES_HEADING = re.compile(r"^[ \t]*(?:Sources?|References|Read more|Further reading)[ \t]*:?[ \t]*$",
                              re.M | re.I)
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-•*–]|\d{1,2}[.)])[ \t]*(?P<name>[^\n—–]{2,60}?)[ \t]+[—–][ \t]+(?P<title>[^\n]+?)[ \t]*$")
_SOURCE_LINE = re.compile(r"^[ \t]*Source:[ \t]*(?P<name>[^\n]{2,60}?)[ \t]*$", re.M)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Own-prose runs need one line of at least this many words: headings, captions, share buttons and
# "related stories" date lists have fewer, a sentence of news prose has more.
_PROSE_LINE_WORDS = 6
# The lead of a block, where a report says whose report it repeats ("Outlet reported, citing...").
_LEAD_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Piece:
    """A span of a digest and who it belongs to (internal to the splitter)."""

    start: int
    end: int
    kind: str
    outlet: str | None = None
    attributed_to: str | None = None
    title: str | None = None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _numbered_blocks(text: str, config: Mapping[str, Any]) -> tuple[list[Piece], int]:
    """The ``[1]..[N]`` blocks (a consecutive run from 1) and where the last one ends."""
    markers: list[re.Match[str]] = []
    for match in _BLOCK_MARKER.finditer(text):
        if int(match.group(1)) == len(markers) + 1:
            markers.append(match)
        elif markers:
            break
    if len(markers) < 2:
        return [], 0
    bounds: list[tuple[int, int]] = []
    for i, marker in enumerate(markers):
        start = marker.end() + 1 if text[marker.end():marker.end() + 1] == "\n" else marker.end()
        end = markers[i + 1].start() if i + 1 < len(markers) else len(text)
        bounds.append((start, end))
    # The last block has no closing marker: give it as many lines as every earlier block has
    # (digests repeat one layout); when the layouts differ, it runs to the end.
    counts = {len([ln for ln in text[s:e].split("\n") if ln.strip()]) for s, e in bounds[:-1]}
    if len(counts) == 1:
        wanted = counts.pop()
        start, end = bounds[-1]
        pos, seen = start, 0
        while pos < end and seen < wanted:
            nl = text.find("\n", pos, end)
            line_end = end if nl < 0 else nl
            if text[pos:line_end].strip():
                seen += 1
            pos = line_end + 1 if nl >= 0 else end
        bounds[-1] = (start, min(pos, end))
    pieces = []
    for start, end in bounds:
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        body = text[start:end]
        first_nl = body.find("\n")
        title = body[:first_nl].strip() if first_nl > 0 else None
        outlet = find_publisher(body, config)
        lead_text = body[first_nl + 1:] if first_nl > 0 else body
        lead = " ".join(_SENTENCE_END.split(lead_text)[:_LEAD_SENTENCES])
        attributed = find_attribution(lead, config) or outlet
        pieces.append(Piece(start, end, "block", outlet, attributed, title))
    return pieces, bounds[-1][1]


def _citations(text: str, start: int, end: int, blocks: list[Piece]) -> list[Piece]:
    """Summary sentences that end in a citation marker, attributed to the cited block's outlet."""
    cited: list[Piece] = []
    cursor = start
    for match in _CITATION.finditer(text, start, end):
        number = int(match.group("num"))
        if not 1 <= number <= len(blocks):
            continue
        seg_start = text.rfind("\n", cursor, match.start())
        seg_start = cursor if seg_start < 0 else seg_start + 1
        while seg_start < match.start() and (text[seg_start].isspace() or text[seg_start] in ".,;:!?"):
            seg_start += 1
        s, e = _trim(text, seg_start, match.start())
        cursor = match.end()
        if s >= e:
            continue
        block = blocks[number - 1]
        cited.append(Piece(s, e, "cited", block.outlet, block.attributed_to or block.outlet))
    return cited if len(cited) >= 2 else []


def _quote_lines(text: str, config: Mapping[str, Any]) -> list[Piece]:
    pieces = []
    for match in _QUOTE_LINE.finditer(text):
        source = match.group("source")
        outlet = find_outlet_name(source, config)
        if outlet is None:  # "— Jane Doe, CEO" is a person, not an outlet
            continue
        line = match.group(0)
        attributed = find_attribution(line, config) or outlet
        s, e = _trim(text, match.start("quote"), match.end("quote"))
        pieces.append(Piece(s, e, "quote", outlet, attributed))
    return pieces


def _sources_list(text: str, config: Mapping[str, Any]) -> list[Piece]:
    pieces = []
    for heading in _SOURCES_HEADING.finditer(text):
        pos = heading.end() + 1
        while pos < len(text):
            nl = text.find("\n", pos)
            line_end = len(text) if nl < 0 else nl
            line = text[pos:line_end]
            item = _LIST_ITEM.match(line)
            if item is None:
                if line.strip():
                    break
            else:
                raw_name = item.group("name")
                name = find_outlet_name(raw_name, config) or re.sub(r"\s*\([^)]*\)\s*$", "", raw_name).strip()
                name = canonical_outlet(name, config)
                s, e = _trim(text, pos + item.start("title"), pos + item.end("title"))
                pieces.append(Piece(s, e, "listed", name, name, text[s:e]))
            pos = line_end + 1
    return pieces


def _source_lines(text: str, config: Mapping[str, Any], taken: list[Piece]) -> list[Piece]:
    """Paragraphs closed by a ``Source: Outlet`` line (a configured outlet) belong to that outlet."""
    pieces = []
    previous_end = 0
    for match in _SOURCE_LINE.finditer(text):
        outlet = find_outlet_name(match.group("name"), config)
        if outlet is None or match.group("name").strip() != outlet:
            previous_end = match.end()
            continue
        s, e = _trim(text, previous_end, match.start())
        previous_end = match.end()
        # The paragraph right above the line: blank-line paragraphs when the text has them, else lines.
        cut = text.rfind("\n\n", s, e)
        cut = cut if cut >= 0 else text.rfind("\n", s, e)
        if cut >= 0:
            s, e = _trim(text, cut, e)
        if s < e and not any(p.start < e and s < p.end for p in taken):
            pieces.append(Piece(s, e, "sourced", outlet, outlet))
    return pieces


def _is_prose(text: str) -> bool:
    return any(len(line.split()) >= _PROSE_LINE_WORDS for line in text.split("\n"))


def _own_prose(text: str, pieces: list[Piece], min_chars: int, stops: tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """The spans between quoted pieces that are prose (not headings, captions or link lists).

    A run ends at any of ``stops`` (a sign-off such as "Summarized by X": what follows is page chrome).
    """
    spans = []
    cursor = 0
    for piece in sorted(pieces, key=lambda p: p.start) + [Piece(len(text), len(text), "end")]:
        s, e = cursor, piece.start
        cursor = max(cursor, piece.end)
        if s >= e:
            continue
        # Drop short heading-like lines and stray punctuation at both ends of the run.
        stop = next((x for x in stops if s <= x < e), None)
        if stop is not None:
            e = stop
        lines = text[s:e].split("\n")
        while lines and len(lines[0].split()) < _PROSE_LINE_WORDS:
            s += len(lines.pop(0)) + 1
        while lines and len(lines[-1].split()) < _PROSE_LINE_WORDS:
            e -= len(lines.pop()) + 1
        while s < e and (text[s].isspace() or text[s] in ".,;:!?"):
            s += 1
        s, e = _trim(text, s, e)
        chunk = text[s:e]
        if s < e and len("".join(chunk.split())) >= min_chars and _is_prose(chunk):
            spans.append((s, e))
    return spans


def find_pieces(text: str, config: Mapping[str, Any]) -> list[Piece]:
    """The quoted pieces of a digest (empty when ``text`` is not a digest), in text order."""
    blocks, blocks_end = _numbered_blocks(text, config)
    pieces: list[Piece] = list(blocks)
    if blocks:
        pieces += _citations(text, blocks_end, len(text), blocks)
    taken = list(pieces)
    for found in (_quote_lines(text, config), _sources_list(text, config)):
        for piece in found:
            if not any(p.start < piece.end and piece.start < p.end for p in taken):
                taken.append(piece)
    if not any(p.kind == "cited" for p in taken):
        taken += _source_lines(text, config, taken)
    return sorted(taken, key=lambda p: p.start)


def split_digest(article: Article, config: Mapping[str, Any]) -> list[Article]:
    """One Article per quoted source of a digest plus its own prose; ``[article]`` when not a digest.

    Pieces keep ``path`` and get ``offset`` (start in the file), ``part`` (index) and ``parent``.
    Own prose takes the digest's outlet: metadata first, else the publisher the digest names
    ("Summarized by X"); quoted pieces take only the outlet their own block names.
    """
    text = article.text
    pieces = find_pieces(text, config)
    if not pieces:
        return [article]
    ingest = config.get("ingest", {}) if hasattr(config, "get") else {}
    min_chars = int(ingest.get("min_piece_chars", 30))
    # The digest's own outlet: metadata, else a sign-off after its numbered blocks ("Summarized by X").
    # Elsewhere "documents obtained by X" in a digest names whom it quotes, not who wrote it.
    own_outlet, stops = article.outlet, ()
    blocks_end = max((p.end for p in pieces if p.kind == "block"), default=None)
    if blocks_end is not None:
        found = find_publisher_match(text, config, blocks_end)
        if found is not None:
            own_outlet = own_outlet or found[0]
            stops = (found[1],)
    pieces = [dataclasses.replace(p, outlet=own_outlet) if p.kind == "cited" else p for p in pieces]
    spans = [Piece(s, e, "own", own_outlet, None, None) for s, e in _own_prose(text, pieces, min_chars, stops)]
    out = []
    for index, piece in enumerate(sorted(pieces + spans, key=lambda p: p.start)):
        out.append(dataclasses.replace(
            article, text=text[piece.start:piece.end], offset=article.offset + piece.start, part=index,
            parent=article.path, outlet=piece.outlet, attributed_to=piece.attributed_to,
            title=piece.title if piece.kind != "own" else article.title, article_id=""))
    return out
