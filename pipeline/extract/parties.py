"""Party mentions: organisations (and places) from spaCy NER plus the config gazetteer, under canonical names.

Outlets cited as sources, products, sites and section headings are not parties: config lists them.
Aliases are resolved exactly first, then fuzzily with rapidfuzz against the known canonical names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ..records import Mention, Party

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

    def canonical_name(self, name: str) -> str | None:
        """The canonical name of a party as written, or None when it is not a party."""
        name = " ".join(name.split()).strip(" ,.;:-–—\"'()")
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
        match = process.extractOne(name, self.canonical, scorer=fuzz.ratio, score_cutoff=self.threshold)
        return match[0] if match else name


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


def _proper_noun_chunks(doc: Doc, taken: list[tuple[int, int]], generic: set[str]) -> Iterable[Span]:
    """Capitalised proper-noun runs that act as subject or object and that NER left unlabelled.

    The small English model misses many company names ("Contoso will pay Northwind..."); a proper
    noun that is a participant of its clause is far more often an organisation than anything else.
    """
    # A word the article also writes in lower case is a common word ("Reports", "Compute"), not a name.
    lower_words = {t.text for t in doc if t.text.islower()}
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ != "PROPN" or tok.ent_type_ or not tok.text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (doc[j].pos_ == "PROPN" or doc[j].text in _CHUNK_JOINERS) and not doc[j].ent_type_:
            j += 1
        span = doc[i:j]
        head = span.root
        common = all(t.text.lower() in lower_words for t in span) or any(
            t.text.lower().rstrip("s") in generic for t in span)
        if not common and not _headline(span.sent) and head.dep_ in PARTICIPANT_DEPS and not any(s < span.end_char and span.start_char < e for s, e in taken):
            yield span
        i = j


def _headline(sent: Span) -> bool:
    """Title-case lines (headlines, section titles) capitalise every word: names cannot be told there."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.6 * len(words)


def find_mentions(doc: Doc, ctx: Context) -> Iterable[Mention]:
    """Organisations, people and places named in the text, as party mentions with canonical names."""
    names = party_names(ctx.config)
    found = list(_entity_mentions(doc, names))
    taken = [(m.start, m.end) for m in found]
    taken += [(e.start_char, e.end_char) for e in doc.ents]
    known = {m.text for m in found if m.value.label == "ORG"}
    parties = ctx.config.section("parties")
    generic = {w.lower() for w in (*parties.get("deal_nouns", ()), *parties.get("descriptors", ()))}
    for span in _proper_noun_chunks(doc, taken, generic):
        canonical = names.canonical_name(span.text)
        if canonical is None or canonical.lower() in _NON_NAMES:
            continue
        found.append(Mention(kind="party", text=span.text, start=span.start_char, end=span.end_char,
                             value=Party(name=canonical, label="ORG")))
        known.add(span.text)
    # A name recognised once is the same party wherever else it appears in the article.
    taken = [(m.start, m.end) for m in found] + [(e.start_char, e.end_char) for e in doc.ents if e.label_ != "ORG"]
    for tok in doc:
        if tok.text in known and tok.pos_ == "PROPN" and not any(s < tok.idx + len(tok) and tok.idx < e
                                                                  for s, e in taken):
            canonical = names.canonical_name(tok.text)
            if canonical:
                found.append(Mention(kind="party", text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                     value=Party(name=canonical, label="ORG")))
    return sorted(_unify_short_names(found, names, ctx.text), key=lambda m: m.start)


def _unify_short_names(found: list[Mention], names: PartyNames, text: str) -> list[Mention]:
    """'Meridian' after 'Meridian Freight' is the same party: a name that is the start of a longer
    organisation name in the same article takes that name (unless config already knows it)."""
    orgs = {m.value.name for m in found if m.value.label == "ORG"}
    out = []
    for m in found:
        name = m.value.name
        if _dateline(m, text):
            continue
        if name not in names.canonical and m.value.label in ("ORG", "GPE"):
            longer = sorted(o for o in orgs if o != name and o.startswith(name + " ") and o not in names.blocked)
            if len(longer) == 1:
                m = Mention(m.kind, m.text, m.start, m.end, Party(name=longer[0], label="ORG"))
        out.append(m)
    return out


def _dateline(m: Mention, text: str) -> bool:
    """'SEATTLE, March 3, 2026 (Reuters) -': the upper-case place that opens a wire story."""
    line_start = text.rfind("\n", 0, m.start) + 1
    return m.text.isupper() and len(m.text) > 3 and not text[line_start:m.start].strip() \
        and text[m.end:m.end + 1] in (",", " ")


_NON_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _entity_mentions(doc: Doc, names: PartyNames) -> Iterable[Mention]:
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None or (label == "PERSON" and not names.keep_people):
            continue
        span = _trim(ent, names)
        if span is None:
            continue
        canonical = names.canonical_name(span.text)
        if canonical is None:
            continue
        if label == "GPE" and canonical in names.canonical:
            label = "ORG"
        yield Mention(kind="party", text=span.text, start=span.start_char, end=span.end_char,
                      value=Party(name=canonical, label=label))
