"""Building the claims: the ``Assembler`` walks each article sentence by sentence, asks ``attributes``
what each value states and ``subjects`` whom it is about, and writes one ``Claim`` per subject with its
value (a loss keeps its sign), its quote and span (a date keeps its role word: "through June 2029"),
outlet, attribution and publication date. Nothing after a newsroom's credit line is claimed; a value
whose subject cannot be decided is dropped and counted, never guessed.
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from ..attribution import find_attribution
from ..config import Config
from ..records import UNASSIGNED, Analysis, Claim, Mention, Money, Subject
from .attributes import absorb_attributes, choose_attribute, role_before, text_values
from .deals import ArticleContext, DealStats
from .names import count_forms, name_map, rename
from .outliers import drop_other_days, drop_outliers
from .parse import PartyRef, SentenceView, locate_parties
from .scope import OTHER_DEAL, conversions, earlier_year, out_of_scope, share_rates
from .subjects import decide_subjects, join_consortia, pair_respectively
from .vocabulary import Vocabulary

log = logging.getLogger(__name__)


class Assembler:
    """Turns the analyses of articles into claims."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.vocab = Vocabulary.from_config(config)
        self.dropped: Counter[str] = Counter()
        self.credit_lines = tuple(config.section("assemble").get("credit_lines", ()))
        self.scope = config.section("assemble").get("scope", {})
        parties = config.section("parties")
        self.known_names = frozenset(parties.get("gazetteer", ())) | frozenset(parties.get("aliases", {}).values())
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
        """Party co-occurrence over a whole batch, the prior for short articles, and the batch's one name for
        each organisation (``DealStats.names``)."""
        stats = DealStats()
        for analysis in analyses:
            other = self._prepare(analysis)[3]
            stats.pairs.update(other.pairs)
            stats.counts.update(other.counts)
            count_forms([analysis], stats.forms)
        stats.names = name_map(stats.forms, self.known_names)
        return stats.renamed(stats.names)

    def claims(self, analysis: Analysis, batch: DealStats | None = None) -> list[Claim]:
        """Every claim of one article, in text order (``batch``: co-occurrence over all articles)."""
        mapping = batch.names if batch is not None else name_map(count_forms([analysis]), self.known_names)
        analysis = rename(analysis, mapping)
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
            # Context follows the facts a sentence states about a deal, not the day it was announced.
            assigned = [c for c in sentence_claims if c.attribute != UNASSIGNED
                        and not self.vocab.attributes.get(c.attribute, {}).get("no_context")]
            deals = tuple(dict.fromkeys(c.subject for c in assigned
                                        if c.subject.kind == "deal" and c.value.KIND != "text"))
            if deals:
                ctx.last_deals = deals
            subj = [r.name for r in prefs if r.label == "ORG" and view.tok(r.last).dep in ("nsubj", "nsubjpass")]
            subj += [c.subject.parties[0] for c in assigned if c.subject.kind == "entity"]
            if subj:
                ctx.last_subject_party = subj[0]
            out.extend(sentence_claims)
        self._carry = (article.parent or article.path, ctx.last_deals, ctx.last_subject_party)
        return absorb_attributes(out, self.vocab)

    def finish(self, claims: Iterable[Claim]) -> tuple[Claim, ...]:
        """The batch's claims once every article is read: an attribute that absorbs others does so across
        the batch (one outlet calls the deal an acquisition: every outlet's figure of its worth is its price),
        a deal between some sides of a consortium deal is that deal, and a figure far from what several
        other outlets agree on is unassigned (``outliers``)."""
        settings = self.config.section("assemble")
        keep = frozenset(settings.get("consortium_keeps", ()))
        claims = absorb_attributes(join_consortia(list(claims), keep), self.vocab)
        claims = drop_other_days(claims, settings.get("daily", ()))
        return tuple(drop_outliers(claims, settings.get("outliers", {})))

    # ----- per sentence -------------------------------------------------------------------------
    @staticmethod
    def _mentions_by_sentence(analysis: Analysis, views: Sequence[SentenceView]) -> list[list[Mention]]:
        groups: list[list[Mention]] = [[] for _ in views]
        starts = [v.sentence.start for v in views]
        for m in analysis.mentions:
            k = bisect.bisect_right(starts, m.start) - 1
            if k >= 0:
                groups[k].append(m)
        return groups

    def _sentence_claims(self, analysis: Analysis, view: SentenceView, refs: list[PartyRef],
                         mentions: list[Mention], ctx: ArticleContext) -> list[Claim]:
        text = analysis.article.text
        values = [m for m in mentions if m.kind != "party"]
        values += text_values(view, refs, text, self.vocab)
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
        values = share_rates(values, text)
        typed = [(m, choose_attribute(m, view, text, self.vocab, self._previous_words, self._previous_text))
                 for m in values]
        typed = [(m, a) for m, a in typed if a]
        resp_map = pair_respectively(view, refs, typed, ctx, self.vocab) if respectively else {}
        converted = conversions(values, text)
        for mention, attribute in typed:
            spec = self.vocab.attributes[attribute]
            subjects = resp_map.get(mention.start)
            if subjects is None:
                subjects = decide_subjects(mention, spec, view, refs, ctx, self.vocab)
            why = ("a conversion into another currency" if mention.start in converted
                   else out_of_scope(mention, attribute, spec, view, text, self.scope))
            if not why and len(subjects) > 1 and mention.kind in ("money", "count") and mention.start not in resp_map:
                why = "one figure for several deals (a total, or unclear whose)"
            if not why and attribute in self.scope.get("earlier_windowed", ()):
                why = earlier_year(mention, values, text, view, analysis.article.published)
            if why and why.startswith(OTHER_DEAL) and subjects and ctx.main_pair \
                    and all(set(s.parties) != set(ctx.main_pair) for s in subjects):
                why = None  # "B has separately agreed to pay A ...": that other deal is named, the figure is its own
            if not subjects and mention.kind in ("chip", "place"):
                continue  # a name, not a figure: nothing to keep as context
            if why or not subjects:
                # Precision first: a figure whose scope or subject is unclear is kept as context, never a fact.
                self.dropped[f"{attribute} ({why or 'no subject'})"] += 1
                subjects = subjects[:1] or (Subject("entity", ()),)
                spec, attribute = {}, UNASSIGNED
            value = signed_value(mention, spec, view)
            start = quote_start(mention, spec, view, text)
            for subject in subjects:
                claims.append(Claim(
                    subject=subject, attribute=attribute, value=value, article=analysis.article.path,
                    quote=text[start:mention.end], start=start + analysis.article.offset,
                    end=mention.end + analysis.article.offset, outlet=analysis.article.outlet,
                    attributed_to=attributed, published=analysis.article.published, sentence=sent_text.strip()))
        return claims


def signed_value(m: Mention, spec: Mapping, view: SentenceView):
    """Losses keep their sign: 'wiping out $600 billion in market value' is -600 billion."""
    cues = spec.get("negative_cues")
    value = m.value
    if not cues or not isinstance(value, Money) or value.amount < 0:
        return value
    words = {t.lemma.lower() for t in view.tokens} | {t.text.lower() for t in view.tokens}
    if not words & set(cues):
        return value
    neg = lambda x: None if x is None else -x  # noqa: E731
    return replace(value, amount=-value.amount, low=neg(value.high), high=neg(value.low))


def quote_start(m: Mention, spec: Mapping, view: SentenceView, text: str) -> int:
    """Dates keep their role word in the quote ('through June 2029'), so the quote reads as a claim."""
    roles = spec.get("roles")
    if not roles:
        return m.start
    before = text[max(view.sentence.start, m.start - 40):m.start]
    role = role_before(before.lower(), roles)
    if not role:
        return m.start
    idx = before.lower().rfind(role)
    return m.start - (len(before) - idx) if idx >= 0 else m.start


def assemble(analyses: Iterable[Analysis], config: Config) -> tuple[Claim, ...]:
    """All claims of the analysed articles, in article and text order; logs what had no subject."""
    assembler = Assembler(config)
    analyses = list(analyses)
    batch = assembler.batch_stats(analyses)
    claims: list[Claim] = []
    for analysis in analyses:
        claims.extend(assembler.claims(analysis, batch))
    if assembler.dropped:
        log.info("kept %d values unassigned: no decidable subject or scope (%s)", sum(assembler.dropped.values()),
                 ", ".join(f"{k} {v}" for k, v in sorted(assembler.dropped.items())))
    return assembler.finish(claims)
