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


def find_mentions(doc: Doc, ctx: Context) -> Iterable[Mention]:
    """Organisations, people and places named in the text, as party mentions with canonical names."""
    names = party_names(ctx.config)
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
