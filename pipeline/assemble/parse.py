"""Reading the copied parse of one sentence: head chains and subtrees (``SentenceView``), where each
party mention sits in it (``PartyRef``), and whether a token says one of a set of words.

Nothing here decides a claim; the subject, scope and attribute modules ask these questions of the parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..extract.boundaries import title_case
from ..records import Mention, Sentence, Token

# Dependents that open another clause: parties inside them are not the value's parties.
OTHER_CLAUSES = {"advcl", "ccomp", "relcl", "parataxis", "acl"}


@dataclass(frozen=True, slots=True)
class PartyRef:
    """A party mention located in the parse: its canonical name and token range."""

    name: str
    label: str
    start: int
    end: int
    first: int
    last: int


class SentenceView:
    """Token navigation for one sentence (head chains, subtrees) over the copied parse."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.base = sentence.tokens[0].i if sentence.tokens else 0
        # A title-case headline: the small model parses its capitalised words as one long name, so
        # compound links there say nothing about who makes what.
        self.title_case = title_case([t.text for t in self.tokens])
        self.children: dict[int, list[int]] = {}
        for t in self.tokens:
            if t.head != t.i:
                self.children.setdefault(t.head, []).append(t.i)

    def tok(self, i: int) -> Token:
        return self.tokens[i - self.base]

    def has(self, i: int) -> bool:
        return 0 <= i - self.base < len(self.tokens)

    def ancestors(self, i: int) -> list[int]:
        chain = [i]
        while self.tok(chain[-1]).head != chain[-1] and self.has(self.tok(chain[-1]).head) and len(chain) < 60:
            chain.append(self.tok(chain[-1]).head)
        return chain

    def subtree(self, i: int, keep: set[int] | None = None) -> set[int]:
        """The tokens under ``i``; with ``keep``, without the other clauses hanging off it (those not on
        the ``keep`` path)."""
        out, stack = set(), [i]
        while stack:
            j = stack.pop()
            if j in out:
                continue
            out.add(j)
            for c in self.children.get(j, ()):
                if keep is not None and c not in keep and (
                        self.tok(c).dep in OTHER_CLAUSES
                        or (self.tok(c).dep == "conj" and self.tok(c).pos in ("VERB", "AUX"))):
                    continue  # another clause, or a coordinated one ("..., and B closed a round")
                stack.append(c)
        return out

    def tokens_in(self, start: int, end: int) -> list[Token]:
        return [t for t in self.tokens if t.start < end and start < t.end]

    def head_of(self, start: int, end: int) -> int | None:
        """The syntactic head of a character span: the token whose head lies outside the span."""
        inside = self.tokens_in(start, end)
        ids = {t.i for t in inside}
        for t in inside:
            if t.head not in ids or t.head == t.i:
                return t.i
        return inside[0].i if inside else None


def locate_parties(view: SentenceView, mentions: Sequence[Mention]) -> list[PartyRef]:
    """Party mentions of one sentence with their token ranges."""
    refs = []
    for m in mentions:
        if m.kind != "party" or not (view.sentence.start <= m.start < view.sentence.end):
            continue
        toks = view.tokens_in(m.start, m.end)
        if toks:
            refs.append(PartyRef(m.value.name, m.value.label, m.start, m.end, toks[0].i, toks[-1].i))
    return refs


def says(t: Token, words: set[str] | frozenset[str]) -> bool:
    """Whether a token is one of ``words``, as its lemma or as written (a sentence that was not parsed
    has no lemmas)."""
    return t.lemma.lower() in words or t.text.lower() in words
