"""Sentence boundaries the parser cannot see: line breaks.

News text puts a headline, a dateline or a list item on its own line, often without final punctuation;
the parser then glues it to the next sentence ("... Compute Deal\\n\\nOracle will supply ..."). A blank
line always ends a sentence; a single line break does when the next line does not continue in lower
case (a hard-wrapped sentence does). The parser keeps boundaries set before it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "newsfacts_line_breaks"


@Language.component(COMPONENT)
def line_breaks(doc: Doc) -> Doc:
    for i, token in enumerate(doc[:-1]):
        gap = token.text if token.is_space else token.whitespace_
        if "\n" not in gap:
            continue
        nxt = doc[i + 1]
        if nxt.is_space:
            continue
        if "\n\n" in gap.replace("\r", "") or not nxt.text[:1].islower():
            nxt.is_sent_start = True
    return doc


def title_case(words: list[str]) -> bool:
    """A title-case line (a headline, a section title): nearly every longer word capitalised.

    Names cannot be told from other words there, and the parser reads the line as one long name."""
    long_words = [w for w in words if w[:1].isalpha() and len(w) > 3]
    return len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)
