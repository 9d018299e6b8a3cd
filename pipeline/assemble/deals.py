"""The deals of an article: which parties are named together where something is stated (``DealStats``),
the article's main deal and its hub party, and the other side of a deal when a sentence names only
one (``ArticleContext``), and which named parties are sides at all rather than a product's maker
("Acme X100 chips", "chip makers like Acme").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Mention, Subject
from .parse import PartyRef, SentenceView, says
from .vocabulary import Vocabulary

EXAMPLE_WORDS = {"like", "as", "including", "include"}


def is_product_modifier(view: SentenceView, ref: PartyRef, vocab: Vocabulary) -> bool:
    """A party that only names a product's maker ("Acme X100 chips", "Acme's data center")."""
    head = view.tok(ref.last)
    if view.has(head.head) and view.tok(head.head).text.lower() in EXAMPLE_WORDS:
        return True  # "chip makers like Nvidia": an example, not a side of the deal
    if view.has(ref.last + 1) and view.tok(ref.last + 1).text.lower().rstrip("s") in vocab.item_nouns:
        return True  # "Acme X100 access", "Acme GPUs": the maker of a product
    if view.has(ref.last + 2) and any(ch.isdigit() for ch in view.tok(ref.last + 1).text) \
            and view.tok(ref.last + 2).text.lower() in vocab.item_nouns | {n + "s" for n in vocab.item_nouns}:
        return True  # "Acme 9X engines": the maker of a model
    if head.dep in ("compound", "poss", "nmod", "amod") and view.has(head.head) and not view.title_case:
        target = view.tok(head.head)
        # "Acme Compute Deal" is Acme's deal: a deal noun in the compound run after the name (or on
        # the chain of compound heads) makes the name a side of the deal, not a product's maker.
        run = [target]
        j = ref.last + 1
        while view.has(j) and view.tok(j).dep in ("compound", "amod") and len(run) < 6:
            run.append(view.tok(j))
            j += 1
        if view.has(j) and j > ref.last + 1:
            run.append(view.tok(j))
        node = target
        while node.dep in ("compound", "amod") and view.has(node.head) and node.head != node.i and len(run) < 10:
            node = view.tok(node.head)
            run.append(node)
        if any(says(t, vocab.deal_nouns) for t in run):
            return False
        if head.dep == "poss":
            # "Acme's data center" is a site of the party's; "Acme's payments", "Acme's stock" are its doings.
            return target.pos == "PROPN" or says(target, vocab.products)
        # "Acme X100 chips", "former Acme researchers": the name only qualifies another noun.
        return target.pos in ("NOUN", "PROPN") and target.lemma.lower() not in ("stock", "share", "valuation")
    return False


@dataclass
class DealStats:
    """Which parties are named together in sentences that state something (money, dates, deal nouns)."""

    pairs: Counter = None  # type: ignore[assignment]
    counts: Counter = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.pairs = self.pairs or Counter()
        self.counts = self.counts or Counter()
        self.first: dict[str, int] = {}
        self.forms: Counter = Counter()  # organisation names as written across the batch
        self.names: dict[str, str] = {}  # a form -> the batch's one name for its organisation

    def renamed(self, mapping: dict[str, str]) -> DealStats:
        """These statistics with every party under the batch's names (pairs of one party's forms vanish)."""
        if not mapping:
            return self
        out = DealStats()
        for (a, b), n in self.pairs.items():
            a, b = sorted((mapping.get(a, a), mapping.get(b, b)))
            if a != b:
                out.pairs[(a, b)] += n
        for name, n in self.counts.items():
            out.counts[mapping.get(name, name)] += n
        out.forms, out.names = self.forms, self.names
        return out

    def add(self, views: Sequence[SentenceView], refs: Sequence[Sequence[PartyRef]], mentions: Sequence[Sequence[Mention]],
            vocab: Vocabulary) -> None:
        for view, rs, ms in zip(views, refs, mentions):
            names = sorted({r.name for r in rs if r.label == "ORG" and not is_product_modifier(view, r, vocab)})
            self.counts.update(names)
            for r in rs:  # in text order
                if r.name in names:
                    self.first.setdefault(r.name, len(self.first))
            # (words as written too: a sentence that was not parsed has no lemmas)
            stating = any(m.kind != "party" for m in ms) or any(
                says(t, vocab.deal_nouns) or t.text.lower()[:-1] in vocab.deal_nouns for t in view.tokens)
            if not stating:
                continue
            for a_i, a in enumerate(names):
                for b in names[a_i + 1:]:
                    self.pairs[(a, b)] += 1

    def main_pair(self) -> tuple[str, str] | None:
        if not self.pairs:
            return None
        return max(self.pairs.items(), key=lambda kv: (kv[1], self.counts[kv[0][0]] + self.counts[kv[0][1]], kv[0]))[0]

    def partners(self) -> Counter:
        return Counter(p for pair in self.pairs for p in pair)


class ArticleContext:
    """Per-article knowledge: the main deal, the hub party and the last deals named.

    The hub (the party most deals are with) and, when the article itself is too short to tell, the
    main deal come from the whole batch of articles: a quote of one sentence has no context of its own.
    """

    BATCH_WEIGHT = 0.9

    def __init__(self, own: DealStats, batch: DealStats, lend_unnamed: bool = True) -> None:
        self.counts = own.counts
        self.pairs = own.pairs
        # The article's own co-occurrences decide; the batch's break ties and fill in for short pieces
        # (a batch share adds at most BATCH_WEIGHT, less than one sentence of the article's own).
        # A batch may gather several stories: its deals count only where the article names one of their
        # parties (or names no party at all, as a one-sentence quote).
        named = set(own.counts)
        if lend_unnamed:  # a digest piece: the batch's deals that share a party with it, or all when it names none
            batch_pairs = {p: n for p, n in batch.pairs.items() if not named or named & set(p)}
        else:  # a standalone story: only the batch's deals between parties it names itself
            batch_pairs = {p: n for p, n in batch.pairs.items() if set(p) <= named}
        top = max(batch_pairs.values(), default=0) or 1
        scores = {p: own.pairs[p] + self.BATCH_WEIGHT * batch_pairs.get(p, 0) / top
                  for p in set(own.pairs) | set(batch_pairs)}
        self.main_pair = max(scores, key=lambda p: (scores[p], p)) if scores else None
        lent = Counter(p for pair in batch_pairs for p in pair)
        partners = own.partners() + lent
        candidates = self.main_pair or tuple(n for n, _ in (own.counts or batch.counts).most_common(1))
        # Ties go to the party the article names first: the story's protagonist.
        self.hub: str | None = max(candidates, key=lambda p: (partners[p], batch.counts[p],
                                                              -own.first.get(p, 1 << 30), p)) if candidates else None
        # A party that deals with more partners than either side of the main pair is the hub of the story
        # ("Acme signed leases with B and C"); ties go to the party the article names first.
        own_partners = own.partners()
        if self.main_pair and own_partners:
            first = own.first
            top = max(own_partners, key=lambda p: (own_partners[p], -first.get(p, 1 << 30), p))
            if top not in self.main_pair and own_partners[top] >= max(own_partners[p] for p in self.main_pair) \
                    and first.get(top, 1 << 30) < min(first.get(p, 1 << 30) for p in self.main_pair):
                self.hub = top
                with_hub = [p for p in scores if top in p]
                if with_hub:
                    self.main_pair = max(with_hub, key=lambda p: (scores[p], p))
        self.last_deals: tuple[Subject, ...] = ()
        self.last_subject_party: str | None = None

    def parallel(self, a: str, b: str, coordinated: bool = False) -> bool:
        """Whether ``a`` and ``b`` are two counterparties of the hub rather than the sides of one deal:
        the article pairs each with the hub at least as often as with each other (or, when the sentence
        coordinates them, at all)."""
        hub = self.hub
        if not hub or hub in (a, b):
            return False
        key = lambda x, y: (x, y) if x < y else (y, x)  # noqa: E731
        together = 1 if coordinated else self.pairs[key(a, b)]
        return 0 < self.pairs[key(a, hub)] >= together and 0 < self.pairs[key(b, hub)] >= together

    def counterpart(self, party: str) -> str | None:
        """The other side of a deal when a sentence names only ``party``."""
        if self.main_pair and party in self.main_pair:
            return self.main_pair[0] if self.main_pair[1] == party else self.main_pair[1]
        return self.hub if self.hub and self.hub != party else None
