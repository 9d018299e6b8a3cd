"""Claim assembly: decide which deal or entity each mention describes and which attribute it states.

The subject comes from the sentence's syntax (the clause that governs the value, its subjects and
objects, appositions, relative clauses, "respectively", parentheticals, "those contracts"), completed
with the article's main deal when the sentence names only one side. A value whose subject cannot be
decided is dropped and counted, never guessed. Vocabulary (triggers, roles, deal nouns, descriptors)
comes from config.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .attribution import find_attribution
from .config import Config
from .extract.boundaries import title_case
from .records import (Analysis, Claim, Count, Duration, Mention, Money, Percent, Quantity, Sentence, Subject, Text,
                      Token)

log = logging.getLogger(__name__)

# Dependents that open another clause: parties inside them are not the value's parties.
OTHER_CLAUSES = {"advcl", "ccomp", "relcl", "parataxis", "acl"}
EXAMPLE_WORDS = {"like", "as", "including", "include"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "poss", "compound", "appos", "csubj")
# Tokens between a date and its role word that do not break the link ("through the end of", "in").
GOVERNOR_BONUS = 100
ROLE_FILLERS = {"in", "on", "the", "of", "at", "around", "about", "approximately", "roughly", "early", "late"}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The assembly vocabulary read once from config."""

    attributes: Mapping
    deal_nouns: frozenset[str]
    deal_verbs: frozenset[str]
    descriptors: frozenset[str]
    item_nouns: frozenset[str]
    models: tuple[str, ...]
    sites: tuple[str, ...]
    products: frozenset[str]
    places: frozenset[str]

    @classmethod
    def from_config(cls, config: Config) -> Vocabulary:
        parties = config.section("parties")
        counts = config.section("counts")
        items = {w.lower() for words in counts.get("items", {}).values() for w in words}
        models = tuple(sorted(counts.get("models", ()), key=len, reverse=True))
        return cls(attributes=config.section("attributes"),
                   deal_nouns=frozenset(parties.get("deal_nouns", ())),
                   deal_verbs=frozenset(config.section("assemble").get("deal_verbs", ())),
                   descriptors=frozenset(parties.get("descriptors", ())),
                   item_nouns=frozenset(items | {m.lower() for m in models} | {"model", "models", "system",
                                                                               "systems", "hardware"}),
                   models=models, sites=tuple(parties.get("sites", ())),
                   products=frozenset(w.lower() for w in parties.get("product_nouns", ())) | items,
                   places=frozenset(parties.get("known_places", ())))


@dataclass(frozen=True, slots=True)
class PartyRef:
    """A party mention located in the parse: its canonical name and token range."""

    name: str
    label: str
    start: int
    end: int
    first: int
    last: int


class Governors(set):
    """The words governing a value, with the nearest verbs it hangs from ('will begin shipping') and
    whether the nearest verb's object names a company ('valued the company at ...')."""

    def __init__(self) -> None:
        super().__init__()
        self.verbs: list[Token] = []
        self.names_a_party = False
        self.deal_clause = False


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


@dataclass
class DealStats:
    """Which parties are named together in sentences that state something (money, dates, deal nouns)."""

    pairs: Counter = None  # type: ignore[assignment]
    counts: Counter = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.pairs = self.pairs or Counter()
        self.counts = self.counts or Counter()
        self.first: dict[str, int] = {}

    def add(self, views: Sequence[SentenceView], refs: Sequence[Sequence[PartyRef]], mentions: Sequence[Sequence[Mention]],
            vocab: Vocabulary) -> None:
        for view, rs, ms in zip(views, refs, mentions):
            names = sorted({r.name for r in rs if r.label == "ORG" and not _is_product_modifier(view, r, vocab)})
            self.counts.update(names)
            for r in rs:  # in text order
                if r.name in names:
                    self.first.setdefault(r.name, len(self.first))
            # (words as written too: a sentence that was not parsed has no lemmas)
            stating = any(m.kind != "party" for m in ms) or any(
                _says(t, vocab.deal_nouns) or t.text.lower()[:-1] in vocab.deal_nouns for t in view.tokens)
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


def _is_product_modifier(view: SentenceView, ref: PartyRef, vocab: Vocabulary) -> bool:
    """A party that only names a product's maker ("Acme X100 chips", "Acme's data center")."""
    head = view.tok(ref.last)
    if view.has(head.head) and view.tok(head.head).text.lower() in EXAMPLE_WORDS:
        return True  # "chip makers like Nvidia": an example, not a side of the deal
    if view.has(ref.last + 1) and view.tok(ref.last + 1).text.lower().rstrip("s") in vocab.item_nouns:
        return True  # "Acme X100 access", "Acme GPUs": the maker of a product
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
        if any(_says(t, vocab.deal_nouns) for t in run):
            return False
        if head.dep == "poss":
            # "Acme's data center" is a site of the party's; "Acme's payments", "Acme's stock" are its doings.
            return target.pos == "PROPN" or _says(target, vocab.products)
        # "Acme X100 chips", "former Acme researchers": the name only qualifies another noun.
        return target.pos in ("NOUN", "PROPN") and target.lemma.lower() not in ("stock", "share", "valuation")
    return False


class Assembler:
    """Turns the analyses of articles into claims."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.vocab = Vocabulary.from_config(config)
        self.dropped: Counter[str] = Counter()
        self.credit_lines = tuple(config.section("assemble").get("credit_lines", ()))
        self.anaphors = frozenset(config.section("assemble").get("anaphors", ()))
        self._previous_text = ""  # the sentence before the one being read (lower case), and its words
        self._previous_words: set[str] = set()
        self._carry: tuple | None = None

    # ----- public -----------------------------------------------------------------------------
    def _prepare(self, analysis: Analysis):
        views = [SentenceView(s) for s in analysis.sentences]
        refs = [locate_parties(v, analysis.mentions) for v in views]
        by_sentence = self._mentions_by_sentence(analysis, views)
        own = DealStats()
        own.add(views, refs, by_sentence, self.vocab)
        return views, refs, by_sentence, own

    def batch_stats(self, analyses: Iterable[Analysis]) -> DealStats:
        """Party co-occurrence over a whole batch: the prior for short articles."""
        stats = DealStats()
        for analysis in analyses:
            other = self._prepare(analysis)[3]
            stats.pairs.update(other.pairs)
            stats.counts.update(other.counts)
        return stats

    def claims(self, analysis: Analysis, batch: DealStats | None = None) -> list[Claim]:
        """Every claim of one article, in text order (``batch``: co-occurrence over all articles)."""
        views, refs, by_sentence, own = self._prepare(analysis)
        # The batch lends its deals to a piece split from a digest (a quote of one sentence has no context of
        # its own); a standalone article that names no party of the batch gets none of them.
        ctx = ArticleContext(own, batch or own, lend_unnamed=bool(analysis.article.parent))
        article = analysis.article
        if self._carry and article.parent and self._carry[0] == article.parent:
            # A piece split from a digest continues the previous piece's discourse.
            ctx.last_deals, ctx.last_subject_party = self._carry[1], self._carry[2]
        out: list[Claim] = []
        self._previous_text, self._previous_words = "", set()
        for view, prefs, mentions in zip(views, refs, by_sentence):
            sentence_claims = self._sentence_claims(analysis, view, prefs, mentions, ctx)
            self._previous_text = article.text[view.sentence.start:view.sentence.end].lower()
            self._previous_words = {t.lemma.lower() for t in view.tokens} | {t.text.lower() for t in view.tokens}
            deals = tuple(dict.fromkeys(c.subject for c in sentence_claims
                                        if c.subject.kind == "deal" and c.value.KIND != "text"))
            if deals:
                ctx.last_deals = deals
            subj = [r.name for r in prefs if r.label == "ORG" and view.tok(r.last).dep in ("nsubj", "nsubjpass")]
            subj += [c.subject.parties[0] for c in sentence_claims if c.subject.kind == "entity"]
            if subj:
                ctx.last_subject_party = subj[0]
            out.extend(sentence_claims)
        self._carry = (article.parent or article.path, ctx.last_deals, ctx.last_subject_party)
        return self._absorb(out)

    def _absorb(self, claims: list[Claim]) -> list[Claim]:
        """A deal the article calls an acquisition has a price, not a value: an attribute with ``absorbs``
        takes over those attributes' claims about the same subject."""
        out = claims
        for name, spec in self.vocab.attributes.items():
            absorbed = set(spec.get("absorbs", ()))
            subjects = {c.subject for c in out if c.attribute == name}
            if absorbed and subjects:
                out = [replace(c, attribute=name) if c.attribute in absorbed and c.subject in subjects else c
                       for c in out]
        return out

    # ----- per sentence -------------------------------------------------------------------------
    @staticmethod
    def _mentions_by_sentence(analysis: Analysis, views: Sequence[SentenceView]) -> list[list[Mention]]:
        groups: list[list[Mention]] = [[] for _ in views]
        starts = [v.sentence.start for v in views]
        import bisect

        for m in analysis.mentions:
            k = bisect.bisect_right(starts, m.start) - 1
            if k >= 0:
                groups[k].append(m)
        return groups

    def _sentence_claims(self, analysis: Analysis, view: SentenceView, refs: list[PartyRef],
                         mentions: list[Mention], ctx: ArticleContext) -> list[Claim]:
        text = analysis.article.text
        values = [m for m in mentions if m.kind != "party"]
        values += self._text_values(view, refs, text)
        if not values:
            return []
        sent_text = text[view.sentence.start:view.sentence.end]
        credit = min((k for k in (sent_text.find(c) for c in self.credit_lines) if k >= 0), default=None)
        if credit is not None:  # nothing from the newsroom's credit line on
            values = [m for m in values if m.start < view.sentence.start + credit]
        attributed = find_attribution(sent_text, self.config) or analysis.article.attributed_to
        lemmas = [t.lemma.lower() for t in view.tokens]
        respectively = "respectively" in lemmas
        claims: list[Claim] = []
        values = _share_rates(values, text)
        typed = [(m, self._attribute(m, view, text)) for m in values]
        typed = [(m, a) for m, a in typed if a]
        resp_map = self._respectively(view, refs, typed, ctx) if respectively else {}
        for mention, attribute in typed:
            spec = self.vocab.attributes[attribute]
            kind = spec.get("subject", "deal")
            subjects = resp_map.get(mention.start)
            if subjects is None and kind == "deal" and spec.get("deal_needs_verb") \
                    and not self._in_deal_clause(mention, view):
                kind = "entity"
            if subjects is None and kind == "deal" and self._governed_by(mention, view, spec.get("entity_when", ())):
                kind = "entity"
            if subjects is None:
                subjects = (self._deal_subjects(mention, view, refs, ctx) if kind == "deal"
                            else self._entity_subjects(mention, view, refs, ctx, text))
            if not subjects:
                self.dropped[attribute] += 1
                continue
            value = self._signed(mention, attribute, view)
            quote_start = self._quote_start(mention, view, text, attribute)
            for subject in subjects:
                claims.append(Claim(
                    subject=subject, attribute=attribute, value=value, article=analysis.article.path,
                    quote=text[quote_start:mention.end], start=quote_start + analysis.article.offset,
                    end=mention.end + analysis.article.offset, outlet=analysis.article.outlet,
                    attributed_to=attributed, published=analysis.article.published, sentence=sent_text.strip()))
        return claims

    # ----- attributes ---------------------------------------------------------------------------
    def _attribute(self, m: Mention, view: SentenceView, text: str) -> str | None:
        best: tuple[int, str] | None = None
        window = self._window_lemmas(m, view)
        governors = self._governors(m, view)
        governors.deal_clause = self._in_deal_clause(m, view)
        sentence_text = text[view.sentence.start:view.sentence.end].lower()
        sentence = {t.lemma.lower() for t in view.tokens} | {t.text.lower() for t in view.tokens}
        before = text[max(view.sentence.start, m.start - 40):m.start].lower()
        after = text[m.end:min(view.sentence.end, m.end + 30)].lower()
        for name, spec in self.vocab.attributes.items():
            if m.kind not in spec.get("kinds", ()):
                continue
            score = self._match(name, spec, m, window, before, after, sentence, governors, sentence_text)
            if score is not None and (best is None or score > best[0]):
                best = (score, name)
        return best[1] if best else None

    def _match(self, name: str, spec: Mapping, m: Mention, window: set[str], before: str, after: str,
               sentence: set[str], governors: Governors = Governors(), sentence_text: str = "") -> int | None:
        priority = int(spec.get("priority", 0))
        value = m.value
        if "per" in spec:
            return priority if isinstance(value, Money) and value.per == spec["per"] else None
        if isinstance(value, Money) and value.per is not None:
            return None
        if any(before.rstrip().endswith(p) for p in spec.get("not_after", ())) and not governors.deal_clause:
            return None  # "hire 150 engineers over the next 18 months" (but "the deal covers ... over the next")
        if any(after.lstrip().startswith(p) for p in spec.get("not_before", ())):
            return None
        if "roles" in spec:
            role = _role_before(before, spec["roles"])
            if role:
                return priority + len(role)
            # "will begin shipping the chips next quarter": the verb the date hangs from gives the role.
            verbs = spec.get("role_verbs", ())
            return priority if any(v.lemma.lower() in verbs and v.tag != "VBD" for v in governors.verbs) else None
        if "items" in spec:
            return priority if isinstance(value, Count) and value.item in spec["items"] else None
        if "units" in spec:
            return priority if isinstance(value, Quantity) and value.unit in spec["units"] else None
        if m.kind in ("chip", "place"):
            return priority
        valued_by = spec.get("valued_by", ())
        if valued_by and governors.names_a_party and governors.verbs and governors.verbs[0].lemma.lower() in valued_by:
            return priority + GOVERNOR_BONUS  # "values the company at $12 billion", "valued Acme at ..."
        if any(x in window for x in spec.get("exclude", ())):
            return None
        if any(x in sentence for x in spec.get("exclude_in_sentence", ())):
            return None
        if isinstance(value, Duration) and "notice" in spec.get("triggers", ()):
            return priority if "notice" in after[:15] else None
        # The context may come from the sentence before ("Shares of Acme fell 4%. Beta dropped 3%.").
        previous_words, previous_text = ((self._previous_words, self._previous_text)
                                         if spec.get("context_from_previous") else (set(), ""))
        if spec.get("context") and not any(c in sentence or c in previous_words
                                           or (" " in c and (c in sentence_text or c in previous_text))
                                           for c in spec["context"]):
            return None
        triggers = spec.get("triggers", ())
        hits = [t for t in triggers if t in window or (" " in t and (t in before or t in after))]
        if not hits:
            return None
        # A trigger that governs the value ("valued at $7 billion") outweighs one merely nearby ("... in
        # its last funding round").
        return priority + (GOVERNOR_BONUS if governors & set(hits) else 0)

    def _governors(self, m: Mention, view: SentenceView) -> Governors:
        """Words and lemmas of the value's two nearest heads, skipping prepositions ('valued at $7 billion'),
        and the nearest verb among them (a date's role verb: 'will begin shipping ... next quarter')."""
        head = view.head_of(m.start, m.end)
        descriptors = self.vocab.descriptors
        out = Governors()
        prev: int | None = None
        if head is None:
            return out
        taken = 0
        for node in view.ancestors(head)[1:]:
            t = view.tok(node)
            out.update((t.lemma.lower(), t.text.lower()))
            if t.pos in ("VERB", "AUX") and len(out.verbs) < 2:
                out.verbs.append(t)
                # "values the company at $12 billion": the value is the verb's "at" phrase, the object a company
                via_at = view.tok(prev).text.lower() == "at" if prev is not None else False
                if not out.verbs[1:] and via_at:
                    objects = [c for c in view.children.get(node, ()) if view.tok(c).dep in ("dobj", "nsubjpass")]
                    out.names_a_party = any(
                        (view.tok(o).pos == "PROPN" or view.tok(o).lemma.lower() in descriptors)
                        and not any(_says(view.tok(k), self.vocab.deal_nouns) for k in view.subtree(o))
                        for o in objects)
            prev = node
            if t.pos != "ADP":
                taken += 1
            if taken >= 2:
                break
        return out

    def _window_lemmas(self, m: Mention, view: SentenceView) -> set[str]:
        """Lemmas and words of the value's clause and of a few tokens around it."""
        head = view.head_of(m.start, m.end)
        out: set[str] = set()
        if head is None:
            return out
        chain = view.ancestors(head)
        # "$30 billion and $45 billion": the second value shares the first one's governor.
        while len(chain) > 1 and view.tok(chain[0]).dep == "conj":
            chain = chain[1:]
        chain = chain[:4]
        ids: set[int] = set()
        for a in chain[1:3]:
            ids.add(a)
            ids.update(c for c in view.children.get(a, ()) if view.tok(c).dep not in ("ccomp", "advcl", "relcl"))
        lo = max(view.base, head - 6)
        hi = min(view.base + len(view.tokens), head + 6)
        ids.update(range(lo, hi))
        # with their compounds: "market value" is not "value"
        ids.update(c for i in list(ids) for c in view.children.get(i, ()) if view.tok(c).dep == "compound")
        for i in ids:
            t = view.tok(i)
            out.add(t.lemma.lower())
            out.add(t.text.lower())
        return out

    # ----- subjects -----------------------------------------------------------------------------
    def _clause_parties(self, m: Mention, view: SentenceView, refs: list[PartyRef],
                        skip_agents: bool = False) -> tuple[list[PartyRef], int | None]:
        """The parties of the clause that governs the mention, and the clause's head token."""
        head = view.head_of(m.start, m.end)
        if head is None:
            return [], None
        refs = [r for r in refs if not (r.start < m.end and m.start < r.end)]
        chain = view.ancestors(head)
        on_path = set(chain)
        found: list[PartyRef] = []
        for node in chain:
            sub = view.subtree(node, on_path)
            tok = view.tok(node)
            if tok.dep == "relcl" and view.has(tok.head):
                sub = sub | {tok.head}
            if skip_agents:
                for a in list(sub):
                    if view.tok(a).dep == "agent":
                        sub -= view.subtree(a)
            found = [r for r in refs if r.last in sub]
            is_clause = tok.pos in ("VERB", "AUX") or _says(tok, self.vocab.deal_nouns)
            if found and is_clause and tok.dep != "xcomp":
                return found, node
        return found, chain[-1]

    def _deal_subjects(self, m: Mention, view: SentenceView, refs: list[PartyRef],
                       ctx: ArticleContext) -> tuple[Subject, ...]:
        orgs = [r for r in refs if (r.label == "ORG" or self._place_as_party(view, r))
                and not _is_product_modifier(view, r, self.vocab)]
        if self._plural_deal_reference(m, view) and ctx.last_deals:
            return ctx.last_deals
        paren = self._parenthetical_party(m, view, orgs)
        if paren:
            other = ctx.counterpart(paren)
            return (Subject("deal", (paren, other)),) if other else ()
        found, _ = self._clause_parties(m, view, orgs)
        names = list(dict.fromkeys(r.name for r in found))
        if len(names) >= 2:
            if ctx.hub in names and len(names) > 2:
                others = [n for n in names if n != ctx.hub]
                return tuple(Subject("deal", (ctx.hub, o)) for o in others)
            coordinated = any(view.tok(r.last).dep == "conj" for r in found)
            if ctx.parallel(names[0], names[1], coordinated) and not self._opposite_sides(view, found):
                # "A will get 12,000 GPUs and B about 7,000": two customers of the hub, each value its own.
                head = view.head_of(m.start, m.end) or 0
                near = min(found, key=lambda r: (r.last > head, abs(r.last - head)))
                return (Subject("deal", (near.name, ctx.hub)),)
            return (Subject("deal", tuple(names[:2])),)
        if len(names) == 1:
            recent = [d for d in ctx.last_deals if names[0] in d.parties]
            if len(recent) == 1 and self._definite_deal_reference(view):
                return tuple(recent)  # the deal of this party named just before
            if self._into_a_place(m, view, refs):
                return (Subject("entity", (names[0],)),)  # "will invest $11 billion in Georgia": its own spending
            other = ctx.counterpart(names[0])
            return (Subject("deal", (names[0], other)),) if other else ()
        sentence_names = {r.name for r in orgs}
        if not sentence_names and len(ctx.last_deals) == 1:
            return ctx.last_deals  # "The deal is worth up to $6.3 billion": the deal just named
        if ctx.main_pair and sentence_names <= set(ctx.main_pair):
            return (Subject("deal", ctx.main_pair),)
        return ()

    def _entity_subjects(self, m: Mention, view: SentenceView, refs: list[PartyRef], ctx: ArticleContext,
                         text: str) -> tuple[Subject, ...]:
        orgs = [r for r in refs if r.label == "ORG"]
        found, _ = self._clause_parties(m, view, orgs, skip_agents=True)
        if found:
            preferred = [r for r in found if view.tok(r.last).dep in SUBJECT_DEPS] or found
            head = view.head_of(m.start, m.end) or 0
            best = min(preferred, key=lambda r: (abs(r.last - head), r.start))
            return (Subject("entity", (best.name,)),)
        # A descriptor ("the company", "the startup") stands for a party named before it.
        before = [r for r in orgs if r.end <= m.start]
        words = {t.lemma.lower() for t in view.tokens if t.end <= m.start}
        if words & self.vocab.descriptors or words & self.anaphors:
            if before:
                return (Subject("entity", (before[-1].name,)),)
            if ctx.last_subject_party:
                return (Subject("entity", (ctx.last_subject_party,)),)
        return ()

    def _place_as_party(self, view: SentenceView, ref: PartyRef) -> bool:
        """A name tagged as a place that acts as a side of a deal ('invested $800 million in Initech').

        The small model tags many unfamiliar company names as places; a place that is the subject or
        object of a deal verb (not 'near'/'at' a site) is a party.
        """
        if ref.label != "GPE" or ref.name in self.vocab.places:
            return False
        tok = view.tok(ref.last)
        if tok.dep in ("nsubj", "nsubjpass", "dobj", "dative"):
            return True
        if tok.dep == "pobj" and view.has(tok.head):
            prep = view.tok(tok.head)
            return (prep.text.lower() in ("in", "with", "from", "to", "by") and view.has(prep.head)
                    and view.tok(prep.head).lemma.lower() in self.vocab.deal_verbs)
        return False

    @staticmethod
    def _opposite_sides(view: SentenceView, refs: list[PartyRef]) -> bool:
        """Whether two of the parties are subject and object of one verb ('A invested $5 million in B')."""
        roles: dict[int, set[str]] = {}
        for r in refs:
            if view.tok(r.last).dep == "conj":
                continue  # coordinated with another name ("A ... and B to 7,000"): a parallel side
            chain = view.ancestors(r.last)
            verb = next((n for n in chain[1:] if view.tok(n).pos in ("VERB", "AUX")), None)
            if verb is None:
                continue
            below = next((n for n in chain if view.tok(n).head == verb), r.last)
            dep = view.tok(below).dep
            side = "subject" if dep in ("nsubj", "nsubjpass", "csubj") else "object" \
                if dep in ("dobj", "dative", "prep", "pobj", "attr", "oprd") else None
            if side:
                roles.setdefault(verb, set()).add(side)
        return any(len(sides) == 2 for sides in roles.values())

    def _into_a_place(self, m: Mention, view: SentenceView, refs: list[PartyRef]) -> bool:
        """Whether the verb governing the value puts it into a known place ('invest $11 billion in Georgia')."""
        head = view.head_of(m.start, m.end)
        if head is None:
            return False
        verb = next((n for n in view.ancestors(head)[1:] if view.tok(n).pos in ("VERB", "AUX")), None)
        if verb is None:
            return False
        for r in refs:
            tok = view.tok(r.last)
            if r.label == "GPE" and r.name in self.vocab.places and tok.dep == "pobj" and view.has(tok.head):
                prep = view.tok(tok.head)
                if prep.text.lower() in ("in", "into") and prep.head == verb:
                    return True
        return False

    def _in_deal_clause(self, m: Mention, view: SentenceView) -> bool:
        """Whether a deal verb or deal noun governs the value ('to access 110,000 GPUs'), or is the
        subject of the verb that does ('The contract covers 4,000 GPUs')."""
        head = view.head_of(m.start, m.end)
        if head is None:
            return False
        deal_words = self.vocab.deal_verbs | self.vocab.deal_nouns
        for node in view.ancestors(head)[1:]:
            t = view.tok(node)
            if _says(t, deal_words):
                return True
            if t.pos in ("VERB", "AUX"):
                subjects = [view.tok(c) for c in view.children.get(node, ()) if view.tok(c).dep in ("nsubj", "nsubjpass")]
                if any(_says(s, self.vocab.deal_nouns) for s in subjects):
                    return True
        return False

    @staticmethod
    def _governed_by(m: Mention, view: SentenceView, lemmas: Iterable[str]) -> bool:
        """Whether one of ``lemmas`` is on the value's head chain up to its clause's verb
        ('raised $50 million', 'a $50 million round')."""
        lemmas = set(lemmas)
        head = view.head_of(m.start, m.end)
        if not lemmas or head is None:
            return False
        for node in view.ancestors(head)[1:]:
            t = view.tok(node)
            if _says(t, lemmas):
                return True
            if t.pos in ("VERB", "AUX"):
                return False
        return False

    def _definite_deal_reference(self, view: SentenceView) -> bool:
        """'The partnership', 'that deal': the sentence speaks of a deal already named ('a deal' is new)."""
        for t in view.tokens:
            if _says(t, self.vocab.deal_nouns):
                dets = [view.tok(c).lemma.lower() for c in view.children.get(t.i, ())]
                if any(d in ("the", "that", "this") for d in dets):
                    return True
        return False

    def _plural_deal_reference(self, m: Mention, view: SentenceView) -> bool:
        """'Those contracts run through July 2029': the deals of the previous sentence."""
        for t in view.tokens:
            if t.end > m.start:
                break
            if _says(t, self.vocab.deal_nouns) and t.tag in ("NNS", "NNPS"):
                dets = [view.tok(c).lemma.lower() for c in view.children.get(t.i, ())]
                if any(d in ("those", "these", "both", "all") for d in dets):
                    return True
        return False

    @staticmethod
    def _parenthetical_party(m: Mention, view: SentenceView, orgs: list[PartyRef]) -> str | None:
        """'Acme ($1.25 billion per month)': the party right before the parenthesis."""
        toks = [t for t in view.tokens if t.end <= m.start]
        if len(toks) >= 2 and toks[-1].text == "(":
            prev = toks[-2]
            for r in orgs:
                if r.last == prev.i:
                    return r.name
        return None

    def _respectively(self, view: SentenceView, refs: list[PartyRef], typed: list[tuple[Mention, str]],
                      ctx: ArticleContext) -> dict[int, tuple[Subject, ...]]:
        """Pair the listed parties with the listed values, in order."""
        out: dict[int, tuple[Subject, ...]] = {}
        by_attr: dict[str, list[Mention]] = {}
        for m, a in typed:
            by_attr.setdefault(a, []).append(m)
        orgs = [r for r in refs if r.label == "ORG" and r.name != ctx.hub
                and not _is_product_modifier(view, r, self.vocab)]
        names = list(dict.fromkeys(r.name for r in orgs))
        for attribute, mentions in by_attr.items():
            if len(mentions) < 2:
                continue
            # The listed parties are the last N named before the first value ("A and B ... X and Y, respectively").
            before = [r.name for r in orgs if r.end <= mentions[0].start]
            listed = list(dict.fromkeys(reversed(before)))[:len(mentions)][::-1]
            if len(listed) != len(mentions):
                continue
            for m, name in zip(mentions, listed):
                other = ctx.counterpart(name)
                if other:
                    out[m.start] = (Subject("deal", (name, other)),)
        # A single value shared by listed parties ("extend to around mid-2029") applies to each.
        for attribute, mentions in by_attr.items():
            if len(mentions) == 1 and len(names) >= 2 and self.vocab.attributes[attribute].get("subject") == "deal":
                subs = tuple(Subject("deal", (n, ctx.counterpart(n))) for n in names if ctx.counterpart(n))
                if subs:
                    out[mentions[0].start] = subs
        return out

    # ----- values -------------------------------------------------------------------------------
    def _signed(self, m: Mention, attribute: str, view: SentenceView):
        """Losses keep their sign: 'wiping out $600 billion in market value' is -600 billion."""
        cues = self.vocab.attributes[attribute].get("negative_cues")
        value = m.value
        if not cues or not isinstance(value, Money) or value.amount < 0:
            return value
        words = {t.lemma.lower() for t in view.tokens} | {t.text.lower() for t in view.tokens}
        if not words & set(cues):
            return value
        neg = lambda x: None if x is None else -x  # noqa: E731
        return replace(value, amount=-value.amount, low=neg(value.high), high=neg(value.low))

    def _quote_start(self, m: Mention, view: SentenceView, text: str, attribute: str) -> int:
        """Dates keep their role word in the quote ('through June 2029'), so the quote reads as a claim."""
        roles = self.vocab.attributes[attribute].get("roles")
        if not roles:
            return m.start
        before = text[max(view.sentence.start, m.start - 40):m.start]
        role = _role_before(before.lower(), roles)
        if not role:
            return m.start
        idx = before.lower().rfind(role)
        return m.start - (len(before) - idx) if idx >= 0 else m.start

    def _text_values(self, view: SentenceView, refs: list[PartyRef], text: str) -> list[Mention]:
        """Chip models and places named in the sentence, as text mentions for chip_model and location."""
        out: list[Mention] = []
        sent = text[view.sentence.start:view.sentence.end]
        taken: list[tuple[int, int]] = []
        for model in self.vocab.models:
            pos = 0
            while (k := sent.find(model, pos)) >= 0:
                s, e = view.sentence.start + k, view.sentence.start + k + len(model)
                pos = k + len(model)
                ok_left = k == 0 or not sent[k - 1].isalnum()
                ok_right = e - view.sentence.start >= len(sent) or not sent[e - view.sentence.start].isalnum() \
                    or sent[e - view.sentence.start] == "s"
                if ok_left and ok_right and not any(s < te and ts < e for ts, te in taken):
                    taken.append((s, e))
                    out.append(Mention("chip", model, s, e, Text(model)))
        places = [r for r in refs if r.label == "GPE"]
        i = 0
        while i < len(places):
            r = places[i]
            prev = [t for t in view.tokens if t.end <= r.start][-1:]
            if prev and prev[0].text.lower() in ("in", "near", "at", "outside"):
                end = r.end
                while i + 1 < len(places) and text[end:places[i + 1].start].strip() in (",", ""):
                    i += 1
                    end = places[i].end
                out.append(Mention("place", text[r.start:end], r.start, end, Text(text[r.start:end])))
            i += 1
        return out


def _share_rates(values: list[Mention], text: str) -> list[Mention]:
    """'$90 million and $150 million a year': the rate written after the last amount of a list is
    every amount's rate."""
    money = sorted((m for m in values if isinstance(m.value, Money)), key=lambda m: m.start)
    shared: dict[int, Mention] = {}
    for k in range(len(money) - 2, -1, -1):
        m, nxt = money[k], shared.get(money[k + 1].start, money[k + 1])
        between = text[m.end:nxt.start].strip(" ,").lower()
        if m.value.per is None and nxt.value.per is not None and between in ("and", "or", "", "to"):
            shared[m.start] = replace(m, value=replace(m.value, per=nxt.value.per))
    return [shared.get(m.start, m) if isinstance(m.value, Money) else m for m in values]


def _says(t: Token, words: set[str] | frozenset[str]) -> bool:
    """Whether a token is one of ``words``, as its lemma or as written (a sentence that was not parsed
    has no lemmas)."""
    return t.lemma.lower() in words or t.text.lower() in words


def _role_before(before: str, roles: Iterable[str]) -> str | None:
    """The longest role phrase that ends right before the value (fillers like 'in the' allowed)."""
    words = before.replace(",", " ").split()
    while words and words[-1] in ROLE_FILLERS:
        words.pop()
    tail = " ".join(words[-4:])
    best = None
    for role in roles:
        if tail == role or tail.endswith(" " + role):
            if best is None or len(role) > len(best):
                best = role
    return best


def assemble(analyses: Iterable[Analysis], config: Config) -> tuple[Claim, ...]:
    """All claims of the analysed articles, in article and text order; logs what had no subject."""
    assembler = Assembler(config)
    analyses = list(analyses)
    batch = assembler.batch_stats(analyses)
    claims: list[Claim] = []
    for analysis in analyses:
        claims.extend(assembler.claims(analysis, batch))
    if assembler.dropped:
        log.info("dropped %d values with no decidable subject (%s)", sum(assembler.dropped.values()),
                 ", ".join(f"{k} {v}" for k, v in sorted(assembler.dropped.items())))
    return tuple(claims)


__all__ = ["Assembler", "assemble"]
