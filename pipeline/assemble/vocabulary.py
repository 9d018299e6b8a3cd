"""The assembly vocabulary, read once from config: attributes and their triggers, deal nouns and verbs,
descriptors and anaphors, product and item nouns, chip models, sites and known places.

It decides nothing itself; every other module of ``pipeline.assemble`` reads its words from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..config import Config


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The assembly vocabulary read once from config."""

    attributes: Mapping
    deal_nouns: frozenset[str]
    deal_verbs: frozenset[str]
    descriptors: frozenset[str]
    anaphors: frozenset[str]
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
                   anaphors=frozenset(config.section("assemble").get("anaphors", ())),
                   item_nouns=frozenset(items | {m.lower() for m in models} | {"model", "models", "system",
                                                                               "systems", "hardware"}),
                   models=models, sites=tuple(parties.get("sites", ())),
                   products=frozenset(w.lower() for w in parties.get("product_nouns", ())) | items,
                   places=frozenset(parties.get("known_places", ())))
