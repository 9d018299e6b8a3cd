"""Who a value is about: a deal between two parties or one entity, and which parties.

The subject comes from the sentence's syntax (the clause that governs the value, its subjects and
objects, appositions, relative clauses, "respectively", parentheticals, "those contracts"), completed
with the article's main deal when the sentence names only one side. An attribute stated of a deal
becomes an entity's when no deal verb or noun governs it (``deal_needs_verb``) or one of its
``entity_when`` words does. An empty answer means the subject cannot be decided: the value is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..records import Mention, Subject
from .deals import ArticleContext, is_product_modifier
from .parse import PartyRef, SentenceView, says
from .vocabulary import Vocabulary

SUBJECT_DEPS = ("nsubj", "nsubjpass", "poss", "compound", "appos", "csubj")


def decide_subjects(m: Mention, spec: Mapping, view: SentenceView, refs: list[PartyRef], ctx: ArticleContext,
                    vocab: Vocabulary) -> tuple[Subject, ...]:
    """The subjects of a value of the attribute ``spec`` describes: its deal(s), or the entity it is about."""
    kind = spec.get("subject", "deal")
    if kind == "deal" and spec.get("deal_needs_verb") and not in_deal_clause(m, view, vocab):
        kind = "entity"
    if kind == "deal" and governed_by(m, view, spec.get("entity_when", ())):
        kind = "entity"
    return deal_subjects(m, view, refs, ctx, vocab) if kind == "deal" else entity_subjects(m, view, refs, ctx, vocab)


def clause_parties(m: Mention, view: SentenceView, refs: list[PartyRef], vocab: Vocabulary,
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
        is_clause = tok.pos in ("VERB", "AUX") or says(tok, vocab.deal_nouns)
        if found and is_clause and tok.dep != "xcomp":
            return found, node
    return found, chain[-1]


def deal_subjects(m: Mention, view: SentenceView, refs: list[PartyRef], ctx: ArticleContext,
                  vocab: Vocabulary) -> tuple[Subject, ...]:
    """The deal (or deals) a value states something about."""
    orgs = [r for r in refs if (r.label == "ORG" and r.name not in vocab.places or place_as_party(view, r, vocab))
            and not is_product_modifier(view, r, vocab)]
    if plural_deal_reference(m, view, vocab) and ctx.last_deals:
        return ctx.last_deals
    paren = parenthetical_party(m, view, orgs)
    if paren:
        other = ctx.counterpart(paren)
        return (Subject("deal", (paren, other)),) if other else ()
    found, _ = clause_parties(m, view, orgs, vocab)
    names = list(dict.fromkeys(r.name for r in found))
    joint = consortium(found, view)
    if joint:
        return (Subject("deal", tuple(joint)),)  # "Blackstone and TPG will buy Hologic": one deal, every side
    if len(names) >= 2:
        if ctx.hub in names and len(names) > 2:
            others = [n for n in names if n != ctx.hub]
            return tuple(Subject("deal", (ctx.hub, o)) for o in others)
        coordinated = any(view.tok(r.last).dep == "conj" for r in found)
        if ctx.parallel(names[0], names[1], coordinated) and not opposite_sides(view, found):
            # "A will get 12,000 GPUs and B about 7,000": two customers of the hub, each value its own.
            head = view.head_of(m.start, m.end) or 0
            near = min(found, key=lambda r: (r.last > head, abs(r.last - head)))
            return (Subject("deal", (near.name, ctx.hub)),)
        if len(names) > 2:
            return ()  # "deals with A, B and C worth $1.4 trillion": no one pair is the figure's
        return (Subject("deal", tuple(names[:2])),)
    if len(names) == 1:
        recent = [d for d in ctx.last_deals if names[0] in d.parties]
        if len(recent) == 1 and definite_deal_reference(view, vocab):
            return tuple(recent)  # the deal of this party named just before
        if into_a_place(m, view, refs, vocab):
            return (Subject("entity", (names[0],)),)  # "will invest $11 billion in Georgia": its own spending
        other = ctx.counterpart(names[0])
        return (Subject("deal", (names[0], other)),) if other else ()
    sentence_names = {r.name for r in orgs}
    if not sentence_names and len(ctx.last_deals) == 1:
        return ctx.last_deals  # "The deal is worth up to $6.3 billion": the deal just named
    if ctx.main_pair and sentence_names <= set(ctx.main_pair):
        return (Subject("deal", ctx.main_pair),)
    return ()


def consortium(found: list[PartyRef], view: SentenceView) -> list[str] | None:
    """Every party of a deal made by several buyers together: a coordination of names that is the clause's
    subject or its agent ('Blackstone and TPG agreed to buy Hologic', 'acquired by A, B and C'), and the
    other side. None when no such group is there (coordinated objects are separate counterparties)."""
    by_last = {r.last: r for r in found}

    def root(r: PartyRef) -> PartyRef:
        seen = 0
        while view.tok(r.last).dep == "conj" and view.tok(r.last).head in by_last and seen < 8:
            r, seen = by_last[view.tok(r.last).head], seen + 1
        return r

    groups: dict[int, list[PartyRef]] = {}
    for r in found:
        groups.setdefault(root(r).last, []).append(r)
    for head, members in groups.items():
        names = list(dict.fromkeys(r.name for r in members))
        tok = view.tok(head)
        agent = tok.dep == "pobj" and view.has(tok.head) and view.tok(tok.head).dep == "agent"
        if len(names) < 2 or not (tok.dep in ("nsubj", "nsubjpass") or agent):
            continue
        others = [r.name for r in found if r.name not in names]
        if others:
            return sorted(set(names) | set(others))
    return None


def join_consortia(claims: list, keep: frozenset[str]) -> list:
    """Across the batch, a deal between some sides of a consortium deal is that deal ('TPG's deal with
    Hologic' where another sentence names Blackstone, TPG and Hologic), except for the attributes in
    ``keep`` (one investor's own contribution stays its own)."""
    from dataclasses import replace

    from collections import Counter

    joint = Counter(c.subject.parties for c in claims if c.subject.kind == "deal" and len(c.subject.parties) > 2)
    if not joint:
        return claims
    out = []
    for c in claims:
        parts = set(c.subject.parties)
        if c.subject.kind == "deal" and len(parts) >= 2 and c.attribute not in keep:
            homes = sorted((j for j in joint if parts < set(j)), key=lambda j: (-joint[j], j))
            # several consortia holding these sides: the one the batch states most, if the others are within it
            if homes and all(set(h) <= set(homes[0]) or set(homes[0]) <= set(h) for h in homes):
                c = replace(c, subject=Subject("deal", homes[0]))
        out.append(c)
    return out


def entity_subjects(m: Mention, view: SentenceView, refs: list[PartyRef], ctx: ArticleContext,
                    vocab: Vocabulary) -> tuple[Subject, ...]:
    """The one party a value is about: named in its clause, or the one a descriptor stands for."""
    orgs = [r for r in refs if r.label == "ORG"]
    found, _ = clause_parties(m, view, orgs, vocab, skip_agents=True)
    if found:
        preferred = [r for r in found if view.tok(r.last).dep in SUBJECT_DEPS] or found
        head = view.head_of(m.start, m.end) or 0
        best = min(preferred, key=lambda r: (abs(r.last - head), r.start))
        return (Subject("entity", (best.name,)),)
    # A descriptor ("the company", "the startup") stands for a party named before it.
    before = [r for r in orgs if r.end <= m.start]
    words = {t.lemma.lower() for t in view.tokens if t.end <= m.start}
    if words & vocab.descriptors or words & vocab.anaphors:
        if before:
            return (Subject("entity", (before[-1].name,)),)
        if ctx.last_subject_party:
            return (Subject("entity", (ctx.last_subject_party,)),)
    return ()


def place_as_party(view: SentenceView, ref: PartyRef, vocab: Vocabulary) -> bool:
    """A name tagged as a place that acts as a side of a deal ('invested $800 million in Initech').

    The small model tags many unfamiliar company names as places; a place that is the subject or
    object of a deal verb (not 'near'/'at' a site) is a party.
    """
    if ref.label != "GPE" or ref.name in vocab.places:
        return False
    tok = view.tok(ref.last)
    if tok.dep in ("nsubj", "nsubjpass", "dobj", "dative"):
        return True
    if tok.dep == "pobj" and view.has(tok.head):
        prep = view.tok(tok.head)
        return (prep.text.lower() in ("in", "with", "from", "to", "by") and view.has(prep.head)
                and view.tok(prep.head).lemma.lower() in vocab.deal_verbs)
    return False


def opposite_sides(view: SentenceView, refs: list[PartyRef]) -> bool:
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


def into_a_place(m: Mention, view: SentenceView, refs: list[PartyRef], vocab: Vocabulary) -> bool:
    """Whether the verb governing the value puts it into a known place ('invest $11 billion in Georgia')."""
    head = view.head_of(m.start, m.end)
    if head is None:
        return False
    verb = next((n for n in view.ancestors(head)[1:] if view.tok(n).pos in ("VERB", "AUX")), None)
    if verb is None:
        return False
    for r in refs:
        tok = view.tok(r.last)
        if r.label == "GPE" and r.name in vocab.places and tok.dep == "pobj" and view.has(tok.head):
            prep = view.tok(tok.head)
            if prep.text.lower() in ("in", "into") and prep.head == verb:
                return True
    return False


def in_deal_clause(m: Mention, view: SentenceView, vocab: Vocabulary) -> bool:
    """Whether a deal verb or deal noun governs the value ('to access 110,000 GPUs'), or is the
    subject of the verb that does ('The contract covers 4,000 GPUs')."""
    head = view.head_of(m.start, m.end)
    if head is None:
        return False
    deal_words = vocab.deal_verbs | vocab.deal_nouns
    for node in view.ancestors(head)[1:]:
        t = view.tok(node)
        if says(t, deal_words):
            return True
        if t.pos in ("VERB", "AUX"):
            subjects = [view.tok(c) for c in view.children.get(node, ()) if view.tok(c).dep in ("nsubj", "nsubjpass")]
            if any(says(s, vocab.deal_nouns) for s in subjects):
                return True
    return False


def governed_by(m: Mention, view: SentenceView, lemmas: Iterable[str]) -> bool:
    """Whether one of ``lemmas`` is on the value's head chain up to its clause's verb
    ('raised $50 million', 'a $50 million round')."""
    lemmas = set(lemmas)
    head = view.head_of(m.start, m.end)
    if not lemmas or head is None:
        return False
    for node in view.ancestors(head)[1:]:
        t = view.tok(node)
        if says(t, lemmas):
            return True
        if t.pos in ("VERB", "AUX"):
            return False
    return False


def definite_deal_reference(view: SentenceView, vocab: Vocabulary) -> bool:
    """'The partnership', 'that deal': the sentence speaks of a deal already named ('a deal' is new)."""
    for t in view.tokens:
        if says(t, vocab.deal_nouns):
            dets = [view.tok(c).lemma.lower() for c in view.children.get(t.i, ())]
            if any(d in ("the", "that", "this") for d in dets):
                return True
    return False


def plural_deal_reference(m: Mention, view: SentenceView, vocab: Vocabulary) -> bool:
    """'Those contracts run through July 2029': the deals of the previous sentence."""
    for t in view.tokens:
        if t.end > m.start:
            break
        if says(t, vocab.deal_nouns) and t.tag in ("NNS", "NNPS"):
            dets = [view.tok(c).lemma.lower() for c in view.children.get(t.i, ())]
            if any(d in ("those", "these", "both", "all") for d in dets):
                return True
    return False


def parenthetical_party(m: Mention, view: SentenceView, orgs: list[PartyRef]) -> str | None:
    """'Acme ($1.25 billion per month)': the party right before the parenthesis."""
    toks = [t for t in view.tokens if t.end <= m.start]
    if len(toks) >= 2 and toks[-1].text == "(":
        prev = toks[-2]
        for r in orgs:
            if r.last == prev.i:
                return r.name
    return None


def pair_respectively(view: SentenceView, refs: list[PartyRef], typed: list[tuple[Mention, str]],
                      ctx: ArticleContext, vocab: Vocabulary) -> dict[int, tuple[Subject, ...]]:
    """Pair the listed parties with the listed values, in order ("A and B ... X and Y, respectively")."""
    out: dict[int, tuple[Subject, ...]] = {}
    by_attr: dict[str, list[Mention]] = {}
    for m, a in typed:
        by_attr.setdefault(a, []).append(m)
    orgs = [r for r in refs if r.label == "ORG" and r.name != ctx.hub
            and not is_product_modifier(view, r, vocab)]
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
        if len(mentions) == 1 and len(names) >= 2 and vocab.attributes[attribute].get("subject") == "deal":
            subs = tuple(Subject("deal", (n, ctx.counterpart(n))) for n in names if ctx.counterpart(n))
            if subs:
                out[mentions[0].start] = subs
    return out
