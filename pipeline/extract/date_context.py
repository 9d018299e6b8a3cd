"""Context checks on the words around a date: whether a bare number is a year, and the tense that places it.

These read spaCy tokens (``Doc``) and raw text; nothing spaCy leaves this module.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .date_grammar import DateGrammar

# Modal verbs of the future: they count only tagged as modals (MD), whatever ``[dates] future_cues`` holds.
_FUTURE_MODALS = ("will", "'ll", "shall")


def word_before(text: str, pos: int) -> str:
    """The lower-cased word right before ``pos`` (quotes and brackets stripped)."""
    m = re.search(r"(\S+)\s*$", text[max(0, pos - 40):pos])
    if not m:
        return ""
    word = m.group(1).lower()
    return word if len(word) == 1 else word.strip("\"'(“‘")


def token_at(doc: Doc, char: int) -> Token | None:
    """The token covering character ``char``, if any."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def is_year(m: re.Match, g: DateGrammar, doc: Doc) -> bool:
    """A bare four-digit number is a year unless money, a percentage or a count of things."""
    text, start, end = m.string, m.start("y"), m.end("y")
    before = text[max(0, start - 4):start].rstrip()
    if before.endswith(("$", "€", "£", "¥", "#")) or re.search(r"(?i)(usd|eur|us\$)$", before):
        return False
    after = re.match(r"\s*([%\w]+)", text[end:end + 30])
    if after and after.group(1).lower() in g.not_after:
        return False
    if m["mod"]:
        return True
    token = token_at(doc, start)
    if word_before(text, start) in g.year_cues or (token is not None and token.ent_type_ == "DATE"):
        return True
    nxt = token.nbor(1) if token is not None and token.i + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ == "NNS":
        return False  # "2029 GPUs"
    return token is None or token.ent_type_ not in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")


def future_sentence(doc: Doc, char: int, cues: frozenset[str]) -> bool:
    """True when a future cue (``[dates] future_cues``: "will", "expected", ...) comes before ``char`` in its
    sentence."""
    token = token_at(doc, char)
    if token is None:
        return False
    return any(t.lower_ in cues or t.tag_ == "MD" and t.lower_ in _FUTURE_MODALS
               for t in token.sent if t.i < token.i)


def tense(doc: Doc, char: int, cues: frozenset[str]) -> int:
    """-1 when the verb governing the date is past, +1 when future, 0 when the text does not say.

    ``cues`` are the future cues of ``[dates] future_cues`` (``DateGrammar.future_cues``).
    """
    token = token_at(doc, char)
    if token is None:
        return 0
    seen = 0
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.lower_ in cues or (t.tag_ == "MD" and t.lower_ in _FUTURE_MODALS):
            seen = 1
    head = token
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") and head.lower_ not in cues:
            aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
            if aux & set(_FUTURE_MODALS) or any(c.lower_ == "to" and c.dep_ == "aux" for c in head.children):
                return 1
            if head.tag_ == "VBD" or aux & {"had", "did", "was", "were", "has", "have"}:
                return -1
            if head.tag_ in ("VBZ", "VBP", "VB"):
                return seen
        if head.head is head:
            break
        head = head.head
    return seen
