"""Party mentions: organisations (and places) from spaCy NER plus the config gazetteer, under canonical names.

Outlets cited as sources, products, sites and section headings are not parties: config lists them.
Aliases are resolved exactly first, then fuzzily with rapidfuzz against the known canonical names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ..records import Mention, Party
from .boundaries import title_case

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from . import Context

LABELS = {"ORG": "ORG", "PERSON": "PERSON", "GPE": "GPE", "FAC": "GPE", "LOC": "GPE", "NORP": None}
_TRIM_WORDS = {"the", "'s", "’s", "'", "’"}


class PartyNames:
    """Canonical party names from config: aliases, gazetteer, and the names that are never parties."""

    def __init__(self, parties: Mapping, outlets: Iterable[str], models: Iterable[str], threshold: float) -> None:
        self.aliases = {k.lower(): v for k, v in parties.get("aliases", {}).items()}
        self.canonical = sorted(set(parties.get("gazetteer", ())) | set(parties.get("aliases", {}).values()))
        self._canonical_lower = {c.lower(): c for c in self.canonical}
        blocked = set(parties.get("not_parties", ())) | set(outlets) | set(parties.get("sites", ()))
        self.blocked = {b.lower() for b in blocked}
        self.models = {m.lower() for m in models}
        self.threshold = threshold
        self.keep_people = bool(parties.get("keep_people", False))
        self.org_words = {w.lower() for w in parties.get("org_words", ())}
        self.suffixes = {w.lower().rstrip(".") for w in parties.get("corporate_suffixes", ())}
        self.descriptors = {w.lower() for w in parties.get("descriptors", ())}
        self.index_words = set(parties.get("index_words", ()))
        self._answers: dict[str, str | None] = {}
        self.event_words = {w.lower() for w in parties.get("event_words", ())}
        self.product_endings = {w.lower() for w in parties.get("product_endings", ())}
        self.titles = sorted(parties.get("person_titles", ()), key=len, reverse=True)
        pattern = parties.get("non_name_pattern")
        self.non_name = re.compile(f"(?:{pattern})") if pattern else None

    def canonical_name(self, name: str) -> str | None:
        """The canonical name of a party as written, or None when it is not a party (answers kept per name)."""
        try:
            return self._answers[name]
        except KeyError:
            found = self._answers[name] = self._canonical_name(name)
            return found

    def _canonical_name(self, name: str) -> str | None:
        words = name.split()
        while len(words) > 1 and words[-1].islower():
            words.pop()  # "Dell Technologies for": a lower-case word does not end a name
        name = " ".join(words).strip(" ,.;:-–—\"'()")
        if not name or name.lower() in self.blocked:
            return None
        lower = name.lower()
        if lower in self.models or lower.rstrip("s") in self.models:
            return None
        if name[0].islower() and lower not in self._canonical_lower and lower not in self.aliases:
            return None  # "node", "compute": NER noise; real names are capitalised (xAI is in the gazetteer)
        if lower in self.aliases:
            return self.aliases[lower]
        if lower in self._canonical_lower:
            return self._canonical_lower[lower]
        if not self.looks_like_a_name(name):
            return None
        if lower in self.org_words or name in self.index_words:
            return None  # "Cloud", "Freight" on their own: a capitalised common word, not a name
        words = name.split()
        if len(words) > 1 and words[-1].lower().rstrip(".") in self.suffixes:
            return self.canonical_name(" ".join(words[:-1]).rstrip(","))  # "Acme Corp." is Acme
        match = process.extractOne(name, self.canonical, scorer=fuzz.ratio, score_cutoff=self.threshold)
        return match[0] if match else name


    def looks_like_a_name(self, name: str) -> bool:
        """False for what NER takes for an organisation but is none: a unit or a period ('GW', 'H2 26'),
        an event ('the Lagos Airshow'), a person by title ('Chief Executive Jane Roe'), or two names run
        together ('Pixelgram and Chatterly')."""
        if self.non_name is not None and self.non_name.fullmatch(name):
            return False
        if "," in name or " - " in name or _INNER_POSSESSIVE.search(name):
            return False  # "Lample, Mistral", "Orbis's Series C": a list or a possession, not one name
        words = name.split()
        if words[-1].lower() in self.event_words or name.lower() in self.event_words \
                or len(words) > 1 and words[-1].lower() in self.product_endings:
            return False
        if all(w.lower().rstrip(".") in self.suffixes for w in words):
            return False  # "LLC" alone
        if len(words) > 1 and self.titled(name):
            return False
        return " and " not in name

    def titled(self, text: str) -> bool:
        """Whether ``text`` opens with a person's title followed by a name."""
        return any(text.startswith(t + " ") and text[len(t) + 1:len(t) + 2].isupper() for t in self.titles)

    def after_title(self, text: str, start: int) -> bool:
        """Whether the name at ``start`` follows a person's title ('CEO Jane Roe', 'chief executive Jane Roe')."""
        before = text[max(0, start - 40):start]
        return any(before.endswith(t + " ") and (len(before) == len(t) + 1 or not before[-len(t) - 2].isalnum())
                   for t in self.titles)


_INNER_POSSESSIVE = re.compile(r"\w['’]s\b")
_CACHE: dict[int, tuple[object, PartyNames]] = {}


def party_names(config) -> PartyNames:
    """The PartyNames of a config (built once per config object)."""
    cached = _CACHE.get(id(config))
    if cached is None or cached[0] is not config:
        names = PartyNames(config.section("parties"), config.section("outlets").get("names", ()),
                           config.section("counts").get("models", ()),
                           float(config.section("tolerance").get("fuzzy_text", 85)))
        cached = _CACHE[id(config)] = (config, names)
    return cached[1]


def _trim(span: Span, names: PartyNames) -> Span | None:
    """Drop leading articles, trailing possessives and trailing chip models from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _TRIM_WORDS:
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRIM_WORDS or doc[end - 1].lower_ in names.models
                           or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


# Dependencies of a proper-noun chunk that make it a participant of its clause (a likely organisation).
PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos", "poss"}
_CHUNK_JOINERS = {"&", "AI", "Inc", "Inc.", "Corp", "Corp.", "Ltd", "Co", "Co.", "Labs", "Group", "Holdings"}


def _capitalised_noun(tok, deal_verbs: set[str]) -> bool:
    """A name the tagger read as a common noun: a capitalised singular noun inside a sentence ('agreed to
    acquire Splunk'), or opening it as the subject or object of a deal verb ('Salesforce signed a deal')."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not tok.text[:1].isupper() or tok.text.isupper():
        return False
    if not tok.is_sent_start:
        return True
    return (tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.lemma_.lower() in deal_verbs) \
        or _of_shares(tok)


def _of_shares(tok) -> bool:
    """'Pfizer shares tumbled', 'Acme's stock': the name whose shares the clause speaks of."""
    return tok.dep_ in ("compound", "poss") and tok.head.lemma_.lower() in _STOCK_WORDS


_STOCK_WORDS = {"share", "shares", "stock", "stocks"}


def _proper_noun_chunks(doc: Doc, taken: list[tuple[int, int]], generic: set[str],
                        deal_verbs: set[str] = frozenset(),
                        deal_nouns: set[str] = frozenset()) -> Iterable[Span]:
    """Capitalised proper-noun runs that act as subject or object and that NER left unlabelled.

    The small English model misses many company names ("Contoso will pay Northwind..."); a proper
    noun that is a participant of its clause is far more often an organisation than anything else.
    """
    # A word the article also writes in lower case is a common word ("Reports", "Compute"), not a name.
    lower_words = {t.text for t in doc if t.text.islower()}
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not (tok.pos_ == "PROPN" or _capitalised_noun(tok, deal_verbs)) or _named(tok) \
                or not tok.text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (doc[j].pos_ == "PROPN" or doc[j].text in _CHUNK_JOINERS) and not _named(doc[j]):
            j += 1
        # "Thinking Machines Lab": a capitalised word the tagger read as a verb or adjective, compounded
        # onto the name, is part of it.
        while i > 0 and doc[i - 1].dep_ == "compound" and doc[i - 1].text[:1].isupper() \
                and doc[i - 1].head.i in range(i, j) and not _named(doc[i - 1]):
            i -= 1
        if i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].text.isalnum():
            i -= 1  # "3G Capital": the tokenizer split a name glued to a digit
        span = doc[i:j]
        if i >= 2 and doc[i - 1].text in ("-", "–") and not doc[i - 2].whitespace_ and doc[i - 2].ent_type_:
            i = j
            continue  # "Paris-Saclay": the second half of a hyphenated place
        head = span.root
        # A common word ("Reports"), or a generic noun leading the run ("Deal Terms"); a generic noun ending
        # a longer name ("Acme Lab") is the name's own.
        common = all(t.text.lower() in lower_words for t in span) or any(
            t.text.lower().rstrip("s") in generic for t in (span if len(span) == 1 else span[:-1])) or any(
            t.text.lower().rstrip("s") in deal_nouns for t in span)
        if not common and not _headline(span.sent) and (head.dep_ in PARTICIPANT_DEPS or _of_shares(head)) \
                and not _overlaps(span.start_char, span.end_char, taken):
            yield span
        i = j


def _named(tok) -> bool:
    """A token NER already gave a name label (a capitalised word swallowed by a MONEY or CARDINAL
    entity, '£450mn with Acme Analytics', is still free)."""
    return bool(tok.ent_type_) and tok.ent_type_ not in _NUMERIC_ENTS


_NUMERIC_ENTS = {"MONEY", "CARDINAL", "QUANTITY", "PERCENT", "ORDINAL"}


def _headline(sent: Span) -> bool:
    """Title-case lines (headlines, section titles) capitalise every word: names cannot be told there.
    (Read once per sentence: the answer is kept in the Doc's user data.)"""
    seen = sent.doc.user_data.setdefault("newsfacts_headlines", {})
    key = (sent.start, sent.end)
    if key not in seen:
        seen[key] = title_case([t.text for t in sent])
    return seen[key]


def find_mentions(doc: Doc, ctx: Context) -> Iterable[Mention]:
    """Organisations, people and places named in the text, as party mentions with canonical names."""
    names = party_names(ctx.config)
    found = list(_entity_mentions(doc, names))
    taken = [(m.start, m.end) for m in found]
    taken += [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in _NUMERIC_ENTS]
    known = {m.text for m in found if m.value.label == "ORG"}
    parties = ctx.config.section("parties")
    generic = {w.lower() for w in (*parties.get("deal_nouns", ()), *parties.get("descriptors", ()))}
    deal_verbs = set(ctx.config.section("assemble").get("deal_verbs", ()))
    deal_nouns = {w.lower() for w in parties.get("deal_nouns", ())}
    for span in _proper_noun_chunks(doc, taken, generic, deal_verbs, deal_nouns):
        canonical = names.canonical_name(span.text)
        if canonical is None or canonical.lower() in _NON_NAMES:
            continue
        found.append(Mention(kind="party", text=span.text, start=span.start_char, end=span.end_char,
                             value=Party(name=canonical, label="ORG")))
        known.add(span.text)
    # A name recognised once is the same party wherever else it appears in the article.
    taken = [(m.start, m.end) for m in found] + [(e.start_char, e.end_char) for e in doc.ents if e.label_ != "ORG"]
    for tok in doc:
        if tok.text in known and tok.pos_ == "PROPN" and not _overlaps(tok.idx, tok.idx + len(tok), taken):
            canonical = names.canonical_name(tok.text)
            if canonical:
                found.append(Mention(kind="party", text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                     value=Party(name=canonical, label="ORG")))
    found = _longest_names(found, names, ctx.text)
    found += _first_word_forms(doc, found, names)
    ticker = _ticker(parties.get("ticker_pattern"))
    found = _short_forms(doc, found, ctx.text, ticker)
    found = _drop_tickers(found, ctx.text, ticker)
    found = [m for m in found if not (m.value.label == "ORG" and m.value.name not in names.canonical
                                      and names.after_title(ctx.text, m.start))]
    found = _drop_possessed(found, ctx.text)
    found = [m for m in found if not (m.text.isupper() and re.search(r"\d\s$", ctx.text[max(0, m.start - 2):m.start]))]
    return sorted(_unify_short_names(found, names, ctx.text), key=lambda m: m.start)


_POSSESSIVE = re.compile(r"[’']s?\s+$")


def _drop_possessed(found: list[Mention], text: str) -> list[Mention]:
    """'Orbis's AI Business', "Orbis' cloud unit Calder": a name that the article only ever writes as
    another party's possession is a part of that party (a unit, a product line), not a party of its own."""
    ends = {m.end for m in found if m.value.label == "ORG"}

    def possessed(m: Mention) -> bool:
        gap = _POSSESSIVE.search(text, max(0, m.start - 4), m.start)
        return gap is not None and gap.end() == m.start and gap.start() in ends

    by_name: dict[str, list[Mention]] = {}
    for m in found:
        by_name.setdefault(m.value.name, []).append(m)
    dropped = {name for name, ms in by_name.items() if all(possessed(m) for m in ms)}
    return [m for m in found if m.value.name not in dropped]


def _unify_short_names(found: list[Mention], names: PartyNames, text: str) -> list[Mention]:
    """'Meridian' after 'Meridian Freight' is the same party: a name that is the start of a longer
    organisation name in the same article takes that name (unless config already knows it)."""
    orgs = {m.value.name for m in found if m.value.label == "ORG"}
    out = []
    for m in found:
        name = m.value.name
        if _dateline(m, text):
            continue
        if m.value.label in ("GPE", "PERSON") and name in orgs:
            # Tagged a person or a place here, an organisation elsewhere in the article: the organisation.
            m = Mention(m.kind, m.text, m.start, m.end, Party(name=name, label="ORG"))
        elif name not in names.canonical and m.value.label in ("ORG", "GPE", "PERSON"):
            longer = _one_party([o for o in orgs
                                 if o != name and o.startswith(name + " ") and o not in names.blocked])
            if longer:
                m = Mention(m.kind, m.text, m.start, m.end, Party(name=longer, label="ORG"))
        if m.value.label == "PERSON" and not names.keep_people:
            continue
        out.append(m)
    return out


def _one_party(names: Iterable[str]) -> str | None:
    """The one party a set of names stands for: the longest, when every other is its start ('Zenimax Online'
    and 'Zenimax Online Studios'); None when they name different companies or there are none."""
    ordered = sorted(names, key=len)
    return ordered[-1] if ordered and all(ordered[-1].startswith(n) for n in ordered) else None


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether the character span start..end overlaps any of ``spans``."""
    return any(s < end and start < e for s, e in spans)


def _dateline(m: Mention, text: str) -> bool:
    """'SEATTLE, March 3, 2026 (Reuters) -': the upper-case place that opens a wire story."""
    line_start = text.rfind("\n", 0, m.start) + 1
    return m.text.isupper() and len(m.text) > 3 and not text[line_start:m.start].strip() \
        and text[m.end:m.end + 1] in (",", " ")


_NON_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _entity_mentions(doc: Doc, names: PartyNames) -> Iterable[Mention]:
    surnames = _surnames(doc, names)
    org_texts = {e.text for e in doc.ents if e.label_ == "ORG"}
    headline_free = [e for e in doc.ents if e.label_ in LABELS and not _headline(e.sent)]
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        label = LABELS[ent.label_]
        if label is None and len(ent) == 1 and ent[0].pos_ == "PROPN":
            label = "PERSON"  # a one-word "nationality" ('Corvid') may be a company's short name
        span = _trim(ent, names)
        if span is None:
            continue
        if span.start > 0 and doc[span.start - 1].ent_type_ == "PRODUCT":
            continue  # "737 MAX": the rest of a product's name
        index_after = span.end < len(doc) and doc[span.end].text in names.index_words
        if index_after or span[-1].text in names.index_words:
            continue  # "the Acme Semiconductor Index": a market index
        if not _headline(ent.sent):
            span = _extend(span, names)
        elif len(span) >= 3:
            span = _headline_name(span, names, headline_free)
            if span is None:
                continue
        if label == "ORG" and len(span) == 1 and span.text in surnames:
            continue  # 'Vogel' of 'Katrin Vogel': the person again
        if label != "ORG" and _org_evidence(span, names, surnames, org_texts):
            label = "ORG"
        if label is None or (label == "PERSON" and len(span) > 1 and not names.keep_people):
            continue  # a one-word "person" may still be a company's short name: decided after
        canonical = names.canonical_name(span.text)
        if canonical is None:
            continue
        if label == "GPE" and canonical in names.canonical:
            label = "ORG"
        yield Mention(kind="party", text=span.text, start=span.start_char, end=span.end_char,
                      value=Party(name=canonical, label=label))


def _headline_name(span: Span, names: PartyNames, others: list[Span]) -> Span | None:
    """In a title-case headline NER runs a name on into the next words ('Acme Semiconductor Sinks After
    Orders Slip'): keep the longest start of it that the article names elsewhere, else nothing."""
    best = None
    for other in others:
        canonical = names.canonical_name(other.text)
        if not canonical:
            continue
        words = canonical.split()
        if len(words) < len(span) and [t.text for t in span[:len(words)]] == words:
            if best is None or len(words) > len(best):
                best = span[:len(words)]
    return best


def _extend(span: Span, names: PartyNames) -> Span:
    """Grow a name over the words NER left outside it: 'Brightwater' + 'Software', 'Acme' + 'Corp.'.

    To the right over capitalised organisation words and corporate suffixes; to the left when the name
    starts with such a word ('Freight' after 'Meridian')."""
    doc = span.doc
    start, end = span.start, span.end
    while end < len(doc) and _org_word(doc[end], names) and not doc[end].ent_type_ in ("DATE", "MONEY"):
        end += 1
    if start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text.isalnum():
        start -= 1  # "3G Capital": the tokenizer split a name glued to a digit
    if _org_word(doc[start], names) and start > 0:
        prev = doc[start - 1]
        if prev.pos_ == "PROPN" and prev.text[:1].isupper() and not prev.is_sent_start \
                and prev.text.lower() not in names.blocked:
            start -= 1
    return doc[start:end]


def _org_word(tok, names: PartyNames) -> bool:
    return tok.text[:1].isupper() and (tok.text.lower() in names.org_words
                                       or tok.text.lower().rstrip(".") in names.suffixes)


def _surnames(doc: Doc, names: PartyNames) -> set[str]:
    """Last words of people's names ('Vogel' of 'Katrin Vogel'): a person is shortened to them."""
    out = set()
    for ent in doc.ents:
        words = ent.text.split()
        if ent.label_ == "PERSON" and len(words) > 1 and words[-1].lower() not in names.org_words:
            out.add(words[-1])
    return out


def _org_evidence(span: Span, names: PartyNames, surnames: set[str], org_texts: set[str]) -> bool:
    """Whether a name tagged as a person, place or group is an organisation.

    The small model tags unfamiliar company names as people or places. An organisation word at the end
    ('Nimbus Cloud', 'Acme Corp.'), a descriptor before it ('insurer Corvane', 'logistics group X'), the
    same name tagged as an organisation elsewhere, or a short form by its first word ('Nimbus' for
    'Nimbus Cloud'; people are shortened to their last word) tell it apart."""
    words = span.text.split()
    if not words or not words[0][:1].isupper():
        return False
    last = words[-1].lower()
    if len(words) > 1 and (last in names.org_words or last.rstrip(".") in names.suffixes):
        return True
    if len(words) == 1 and span.text in surnames:
        return False
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in names.descriptors and prev.head.i in range(span.start, span.end):
        return True
    if prev is not None and span.root.dep_ == "appos" and span.root.head.lower_ in names.descriptors:
        return True
    if span.text in org_texts and span.label_ != "GPE":
        return True
    if len(words) > 1:
        first, second = words[0], words[1]
        return any(t.text == first and (t.i + 1 >= len(doc) or doc[t.i + 1].text != second)
                   and not (span.start <= t.i < span.end) for t in doc)
    return False


def _ticker(pattern: str | None) -> re.Pattern | None:
    """Config's ticker pattern, compiled once per pattern."""
    return _TICKERS.setdefault(pattern, re.compile(pattern)) if pattern else None


_TICKERS: dict[str, re.Pattern] = {}


def _short_forms(doc: Doc, found: list[Mention], text: str, ticker: re.Pattern | None) -> list[Mention]:
    """'Acme Widgets (AW)', 'Acme (NASDAQ: ACMW)': an abbreviation or ticker the article introduces after a
    name is that company wherever it stands alone later ('AW said', 'ACMW shares rose')."""
    if ticker is None:
        return found
    short: dict[str, str] = {}
    for m in found:
        if m.value.label != "ORG":
            continue
        hit = re.match(r"\s*\(([^()]{1,24})\)", text[m.end:m.end + 28])
        if hit and ticker.fullmatch(hit.group(1).strip()):
            code = hit.group(1).split(":")[-1].strip()
            short.setdefault(code, m.value.name)
    if not short:
        return found
    out = [Mention(m.kind, m.text, m.start, m.end, Party(name=short[m.text], label="ORG"))
           if m.text in short and m.value.name != short[m.text] else m for m in found]
    taken = [(m.start, m.end) for m in out]
    for tok in doc:
        if tok.text in short and not _overlaps(tok.idx, tok.idx + len(tok), taken) \
                and not text[max(0, tok.idx - 12):tok.idx].rstrip().endswith(("(", ":")):
            out.append(Mention("party", tok.text, tok.idx, tok.idx + len(tok), Party(name=short[tok.text], label="ORG")))
    return out


def _drop_tickers(found: list[Mention], text: str, ticker: re.Pattern | None) -> list[Mention]:
    """'Nvidia (NVDA.O)', 'Acme (NASDAQ:ACME)': the ticker in parentheses after a name is that company
    again, not another party."""
    if ticker is None:
        return found
    ends = {m.end for m in found}
    out = []
    for m in found:
        opening = text.rfind("(", max(0, m.start - 12), m.start)
        closing = text.find(")", m.end, m.end + 12)
        inside = text[opening + 1:closing].strip() if opening >= 0 and closing >= 0 else ""
        after_a_name = any(text[e:opening].strip() == "" for e in ends if e <= opening)
        if inside and ticker.fullmatch(inside) and after_a_name:
            continue
        out.append(m)
    return out


def _first_word_forms(doc: Doc, found: list[Mention], names: PartyNames) -> list[Mention]:
    """'Northwind put in EUR 100 million' after 'Northwind Capital': a company is shortened to its first
    word. Only a proper noun the article never writes in lower case, outside any other name."""
    firsts: dict[str, set[str]] = {}
    for m in found:
        words = m.value.name.split()
        if m.value.label == "ORG" and len(words) > 1 and words[0] == m.text.split()[0]:
            firsts.setdefault(words[0], set()).add(m.value.name)
    if not firsts:
        return []
    lower_words = {t.lower_ for t in doc if t.text.islower()}
    taken = [(m.start, m.end) for m in found] + [(e.start_char, e.end_char) for e in doc.ents
                                                  if e.label_ not in _NUMERIC_ENTS and e.label_ != "PERSON"]
    out = []
    for tok in doc:
        if tok.text not in firsts:
            continue
        owner = _one_party(firsts[tok.text])  # None when two different companies start with this word
        if not owner or tok.pos_ not in ("PROPN", "NOUN") or tok.lower_ in lower_words \
                or tok.lower_ in names.org_words or tok.lower_ in names.blocked:
            continue
        if _overlaps(tok.idx, tok.idx + len(tok), taken):
            continue
        out.append(Mention(kind="party", text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                           value=Party(name=owner, label="ORG")))
    return out


def _longest_names(found: list[Mention], names: PartyNames, text: str) -> list[Mention]:
    """A multi-word organisation name found once is that party at every place the text writes it, even
    where NER split it ('Meridian' + 'Freight'): the longest name wins over the pieces inside it."""
    long_names = {m.text: m.value.name for m in found if m.value.label == "ORG" and " " in m.text.strip()}
    extra = []
    for written, canonical in long_names.items():
        for hit in re.finditer(r"(?<!\w)" + re.escape(written) + r"(?!\w)", text):
            extra.append(Mention(kind="party", text=written, start=hit.start(), end=hit.end(),
                                 value=Party(name=canonical, label="ORG")))
    if not extra:
        return found
    extra_spans = [(m.start, m.end) for m in extra]
    kept = [m for m in found
            if not any(s <= m.start and m.end <= e and (e - s) > (m.end - m.start) for s, e in extra_spans)]
    have = {(m.start, m.end) for m in kept}
    kept += [m for m in extra if (m.start, m.end) not in have
             and not any(k.start < m.end and m.start < k.end and (k.end - k.start) >= (m.end - m.start)
                         for k in kept)]
    return kept
