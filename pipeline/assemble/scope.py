"""How much of a thing a value measures: the whole, or a rate of it (per month, per year, per share), or
something else: a part of it (the first tranche), another measure (revenue, a fee, a market share) or a
stock move over another window (year to date, intraday). What is not the whole stays unassigned.

An attribute that names a ``per`` takes only money at that rate, and every other attribute only
money without one, so a per-share price is never a deal's total and a total never a per-share price.
A rate written once after a list of amounts is every amount's rate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from ..records import Mention, Money
from .parse import SentenceView


def fits_rate(spec: Mapping, value: object) -> bool:
    """Whether a value's rate is the one the attribute ``spec`` measures (none, unless it names a ``per``)."""
    if "per" in spec:
        return isinstance(value, Money) and value.per == spec["per"]
    return not (isinstance(value, Money) and value.per is not None)


def share_rates(values: list[Mention], text: str) -> list[Mention]:
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


# ----- parts, other measures and other windows -----------------------------------------------------------
# Dependencies by which a figure modifies the noun it measures ("$350 billion annual revenue", "a 13% share").
_MODIFIER_DEPS = {"compound", "nummod", "amod", "quantmod", "npadvmod", "nmod", "poss"}
# Dependencies by which a figure is what a verb's subject amounts to ("revenue was $13 billion").
_PREDICATE_DEPS = {"attr", "dobj", "npadvmod", "acomp", "oprd"}


# The reason given to a figure said of another deal than the sentence's own (claims.py lets it stand when the
# subject found is not the article's main deal: then that other deal is named).
OTHER_DEAL = "another deal or offer"
# Kinds of figure that can be a part of a whole (a date's "third quarter" is its own period).
_PART_KINDS = {"money", "count", "quantity"}
_PERIODIC = {"annual", "yearly", "quarterly", "monthly"}


def _noun_forms(view: SentenceView, i: int) -> set[str]:
    """A noun as written and as its lemma, alone and with its compounds ('market share', 'share price').
    A percent's 'share' is a market share, its 'shares' a stock: the lemma of 'shares' stays out there."""
    t = view.tok(i)
    head = {t.text.lower(), t.lemma.lower()} if t.lemma.lower() != "share" else {t.text.lower()}
    compounds = [view.tok(c).text.lower() for c in view.children.get(i, ()) if view.tok(c).dep == "compound"]
    return head | {" ".join([*compounds, w]) for w in head if compounds}


def measured_nouns(m: Mention, view: SentenceView, verbs: frozenset[str] = frozenset()) -> set[str]:
    """The nouns a figure measures, read from the parse: the noun it modifies ('a $3.2 billion breakup fee'),
    its own 'in'/'of' phrase ('$500 million of revenue'), the noun whose 'of' phrase it is ('a backlog of
    $455 billion'), and the subject of the verb it is the predicate of ('revenue rose 32%', 'sales were $5
    billion', 'revenue rose to $13 billion'). A figure that one of ``verbs`` governs ('generating $6 billion
    in revenue for Acme', 'paying $5 billion in cash') has its in-phrase as its form, not as its measure."""
    head = view.head_of(m.start, m.end)
    if head is None:
        return set()
    out: set[str] = set()
    inside = {t.i for t in view.tokens_in(m.start, m.end)}
    tok = view.tok(head)
    if tok.dep in _MODIFIER_DEPS and view.has(tok.head) and view.tok(tok.head).pos in ("NOUN", "PROPN"):
        out |= _noun_forms(view, tok.head)
    governed = view.has(tok.head) and view.tok(tok.head).lemma.lower() in verbs
    for c in view.children.get(head, ()):
        if c in inside or view.tok(c).dep != "prep" or view.tok(c).text.lower() not in ("of", "in"):
            continue
        for g in view.children.get(c, ()):
            # a governed figure's in-phrase is its form ('$6 billion in revenue for Acme'), unless the noun is a
            # yearly or quarterly measure ('$750 million in annual revenue': the company's)
            periodic = any(view.tok(a).lemma.lower() in _PERIODIC for a in view.children.get(g, ()))
            if view.tok(g).dep == "pobj" and (view.tok(c).text.lower() == "of" or not governed or periodic):
                out |= _noun_forms(view, g)
    verb = None
    if tok.dep == "pobj" and view.has(tok.head):
        prep = view.tok(tok.head)
        above = view.tok(prep.head) if view.has(prep.head) and prep.head != prep.i else None
        if above is not None and prep.text.lower() == "of" and above.pos in ("NOUN", "PROPN"):
            out |= _noun_forms(view, above.i)
        elif above is not None and prep.text.lower() in ("to", "by", "at") and above.pos in ("VERB", "AUX"):
            verb = above
    elif tok.dep in _PREDICATE_DEPS and view.has(tok.head) and view.tok(tok.head).pos in ("VERB", "AUX"):
        verb = view.tok(tok.head)
    if verb is not None:
        for c in view.children.get(verb.i, ()):
            if view.tok(c).dep in ("nsubj", "nsubjpass"):
                out |= _noun_forms(view, c)
    return out


def _modifier_words(m: Mention, view: SentenceView) -> set[str]:
    """The words that qualify a figure or the noun it measures ('the first $10 billion', 'an initial $1 billion
    investment', 'the first tranche of $5 billion')."""
    head = view.head_of(m.start, m.end)
    if head is None:
        return set()
    nodes = [head]
    tok = view.tok(head)
    if tok.dep in _MODIFIER_DEPS and view.has(tok.head):
        nodes.append(tok.head)
    if tok.dep == "pobj" and view.has(tok.head):
        prep = view.tok(tok.head)
        if prep.text.lower() == "of" and view.has(prep.head):
            nodes.append(prep.head)
    words = {view.tok(i).lemma.lower() for i in nodes}
    for i in nodes:
        words |= {view.tok(c).lemma.lower() for c in view.children.get(i, ())
                  if view.tok(c).dep in ("amod", "advmod", "det", "quantmod", "compound", "nmod")}
    words |= {t.lemma.lower() for t in view.tokens_in(m.start, m.end)}
    return words


def _of_phrase(m: Mention, view: SentenceView) -> bool:
    """Whether a figure has an 'of' phrase of its own ('80% of the shares', '12% of the market')."""
    head = view.head_of(m.start, m.end)
    if head is None:
        return False
    inside = {t.i for t in view.tokens_in(m.start, m.end)}
    return any(c not in inside and view.tok(c).dep == "prep" and view.tok(c).text.lower() == "of"
               for c in view.children.get(head, ()))


def earlier_year(m: Mention, mentions: list[Mention], text: str, view: SentenceView,
                 published: str | None) -> str | None:
    """'raised €600 million in 2024' in a story of 2025: a round or valuation dated to an earlier year than the
    article's is an earlier one."""
    if not published:
        return None
    clause = clause_span(m, text, view.sentence.start, view.sentence.end)
    year = published[:4]
    for d in mentions:
        if d.kind == "date" and clause[0] <= d.start and d.end <= clause[1] and d.value.high and \
                d.value.high[:4] < year and not d.value.relative:
            return f"an earlier figure ({d.text})"
    return None


def conversions(mentions: list[Mention], text: str) -> set[int]:
    """Starts of the money figures that restate the figure before them in another currency:
    '1.7 billion euros ($2 billion)', '$38 billion (€32.75bn)'."""
    money = sorted((m for m in mentions if isinstance(m.value, Money)), key=lambda m: m.start)
    out = set()
    for a, b in zip(money, money[1:]):
        between = text[a.end:b.start]
        if a.value.currency != b.value.currency and _CONVERSION_GAP.fullmatch(between):
            out.add(b.start)
    return out


_CONVERSION_GAP = re.compile(r"\s*(?:[(\[]|,?\s+or|,?\s+equivalent to|,?\s+worth)\s*"
                             r"(?:about\s+|approximately\s+|around\s+|roughly\s+|some\s+|nearly\s+|~)?(?:US\s*)?",
                             re.IGNORECASE)


def clause_span(m: Mention, text: str, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    """The stretch of the sentence around a figure up to the nearest comma, semicolon, dash or joining
    conjunction on each side: a window phrase ('this year') qualifies the figure only within it."""
    lo = max((text.rfind(c, sentence_start, m.start) for c in _CLAUSE_STOPS), default=-1)
    lo = max(lo + 1, sentence_start)
    his = [k for k in (text.find(c, m.end, sentence_end) for c in _CLAUSE_STOPS) if k >= 0]
    return lo, (min(his) if his else sentence_end)


def clause_text(m: Mention, text: str, sentence_start: int, sentence_end: int) -> str:
    """``clause_span``'s text, lower case."""
    lo, hi = clause_span(m, text, sentence_start, sentence_end)
    return text[lo:hi].lower()


# Where one clause of a sentence ends: punctuation, and the conjunctions that join another statement
# ("fell 4% on Tuesday and are down 15% this year").
_CLAUSE_STOPS = (",", ";", "—", "–", "(", ")", " and ", " but ", " while ", " after ", " as ", " or ")


def out_of_scope(m: Mention, attribute: str, spec: Mapping, view: SentenceView, text: str,
                 scope: Mapping) -> str | None:
    """Why a figure is not the whole of the attribute it was read as, or None when it is.

    ``scope`` is config's ``[assemble.scope]``: ``other_measures`` (nouns of another measure: revenue,
    backlog, a fee), ``percent_measures`` (what a percent can be a share of besides a stock: a market share,
    a stake, a margin), ``parts`` (words that make a figure a part: first, initial, tranche),
    ``windows`` (phrases that put a stock move on another basis: year to date, since, intraday) and
    ``windowed`` (the attributes windows apply to). A noun that is one of a money attribute's own triggers is
    its measure, not another ('a loss of $40 billion in market value')."""
    value = m.value
    low, high = getattr(value, "low", None), getattr(value, "high", None)
    if m.kind in ("money", "count") and low and high:
        small, large = sorted((abs(low), abs(high)))
        if large >= float(scope.get("vague_ratio", 3)) * small:
            return "a vague amount"  # "tens of billions of dollars", "hundreds of thousands of chips"
    if isinstance(value, Money) and value.per is None and "per" not in spec \
            and abs(value.amount) < float(scope.get("min_amount", 0)):
        return "too small for a deal's or a company's figure (a price per share?)"
    sentence = text[view.sentence.start:view.sentence.end].lower()
    clause = clause_text(m, text, view.sentence.start, view.sentence.end)
    conditional = _first_phrase(clause, scope.get("conditional", ()))
    if conditional and m.kind == "money":
        return f"a conditional payment ({conditional})"
    if m.kind == "percent" and attribute in scope.get("windowed", ()) and _of_phrase(m, view):
        return "a proportion of something, not a move"
    basis = _first_phrase(clause, scope.get("other_bases", ()))
    if basis and m.kind == "money":
        return f"another basis ({basis})"
    if attribute in scope.get("other_deal_attributes", ()):
        other = _first_phrase(clause, scope.get("other_deal_phrases", ()))
        if other:
            return f"{OTHER_DEAL} ({other})"
    part = _first_phrase(clause, scope.get("part_phrases", ()))
    if part and m.kind == "money":
        return f"a part of the consideration ({part})"
    if attribute in scope.get("option_attributes", ()):
        # "options for 30 more jets", "firm orders for 90 jets": the words just before the count say so
        lead = text[max(view.sentence.start, m.start - 30):m.start].lower()
        option = _first_phrase(lead, scope.get("option_phrases", ()))
        if option:
            return f"a part of the order ({option})"
    if attribute in scope.get("cumulative_attributes", ()):
        total = _first_phrase(clause, scope.get("cumulative_phrases", ()))
        if total:
            return f"a running total ({total})"
    if attribute in scope.get("earlier_windowed", ()):
        earlier = _first_phrase(clause, scope.get("earlier_windows", ()))
        if earlier:
            return f"an earlier or cumulative figure ({earlier})"
    nouns = measured_nouns(m, view, frozenset(spec.get("triggers", ())))
    if m.kind == "percent":
        hit = sorted(nouns & set(scope.get("percent_measures", ())))
    else:
        hit = sorted((nouns - set(spec.get("triggers", ()))) & set(scope.get("other_measures", ())))
    if hit:
        return f"measures {hit[0]}"
    parts = sorted(_modifier_words(m, view) & set(scope.get("parts", ()))) if m.kind in _PART_KINDS else []
    if parts:
        return f"a part ({parts[0]})"
    if attribute in scope.get("scheduled", ()):
        word = _first_phrase(sentence, scope.get("schedule_words", ()))
        if word:
            return f"a schedule, not the contract's ({word})"
    if attribute in scope.get("windowed", ()):
        window = _first_phrase(clause, scope.get("windows", ()))
        if window:
            return f"another window ({window})"
    return None


def _first_phrase(text: str, phrases) -> str | None:
    """The first of ``phrases`` that stands in ``text`` as whole words, or None."""
    return next((p for p in phrases if _has_phrase(text, p)), None)


def _has_phrase(text: str, phrase: str) -> bool:
    k = text.find(phrase)
    while k >= 0:
        before = text[k - 1] if k else " "
        after = text[k + len(phrase)] if k + len(phrase) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        k = text.find(phrase, k + 1)
    return False
