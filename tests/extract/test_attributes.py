"""The attribute lookup sets exactly what the model's attribute_ruler sets."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from pipeline.extract.attributes import AttributeLookup, use_attribute_lookup
from pipeline.extract.nlp import load_model

ROOT = Path(__file__).resolve().parent.parent.parent
# Words the ruler's own exceptions are about, next to ordinary news text.
RULE_WORDS = ("I ai n't sure. Ai nt. We 're gon na win, got ta go, let 's see, c'm on y' all, y'all. There is a dog "
              "and there are cats; there 's one. Nothin' nuthin' doin'. He 'd have done it. I 'm here, you 've been."
              "\n\n  \t x Do n't, does n't. Whether or not, because of it. They will've. 'Cause w/out him, tho.")


@pytest.fixture(scope="module")
def pipelines():
    ruler, lookup = load_model(), load_model()
    assert use_attribute_lookup(lookup)
    assert isinstance(lookup.get_pipe("attribute_ruler"), AttributeLookup)
    return ruler, lookup


def _texts():
    yield RULE_WORDS
    yield ""
    for folder in ("corpus", "tests/gold/other"):
        for path in sorted((ROOT / folder).glob("*.txt")):
            yield path.read_text(encoding="utf-8")


def test_same_docs_as_the_attribute_ruler(pipelines):
    ruler, lookup = pipelines
    texts = list(_texts())
    for a, b in zip(ruler.pipe(texts), lookup.pipe(texts)):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in a] == \
            [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in b]
        assert a.to_bytes(exclude=["user_data"]) == b.to_bytes(exclude=["user_data"])


def test_a_ruler_with_other_patterns_stays():
    nlp = load_model()
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "x", "OP": "+"}]], {"LEMMA": "x"})
    assert not use_attribute_lookup(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), AttributeLookup)


REGEX_SAMPLES = ("n't", "nt", "nothin'", "nuthin'", "y'", "y", "x")


def _satisfying(spec):
    """(word, tag, dep) of a made-up token that meets one token of a ruler pattern."""
    def pick(value, default, samples=()):
        if value is None:
            return default
        if isinstance(value, bool):
            return " " if value else default
        if isinstance(value, str):
            return value
        (op, arg), = value.items()
        if op == "IN":
            return arg[-1]
        if op == "REGEX":
            return next(w for w in samples if re.search(arg, w))
        return next(v for v in (default, "NN", "nsubj", "x") if v not in arg)  # NOT_IN

    word = pick(spec.get("LOWER"), "x", REGEX_SAMPLES)
    if spec.get("IS_SPACE") is True:
        word = " "
    return word, pick(spec.get("TAG"), "NN"), pick(spec.get("DEP"), "dep")


def _apply(pipelines, tokens):
    ruler, lookup = pipelines
    docs = []
    for nlp in (ruler, lookup):
        doc = Doc(nlp.vocab, words=[w for w, _, _ in tokens], spaces=[False] * len(tokens),
                  tags=[t for _, t, _ in tokens])
        for t, (_, _, dep) in zip(doc, tokens):
            t.dep_ = dep
        nlp.get_pipe("attribute_ruler")(doc)
        docs.append(doc)
    assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in docs[0]] == \
        [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in docs[1]]
    return ruler.get_pipe("attribute_ruler").match(docs[0])


def _rule_tokens(ruler):
    """Per rule, made-up tokens that meet its pattern, between two ordinary ones."""
    for entry in ruler.get_pipe("attribute_ruler").patterns:
        for pattern in entry["patterns"]:
            yield [("the", "DT", "det"), *(_satisfying(spec) for spec in pattern), ("GPU", "NN", "pobj")]


def test_every_rule_on_made_up_tokens(pipelines):
    """Each rule met in turn, then tokens of all rules mixed: the lookup sets what the ruler sets."""
    fired = {attr_id for tokens in _rule_tokens(pipelines[0]) for attr_id, _, _, _ in _apply(pipelines, tokens)}
    assert fired == set(range(len(pipelines[0].get_pipe("attribute_ruler").attrs)))
    pool = [token for tokens in _rule_tokens(pipelines[0]) for token in tokens]

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.lists(st.sampled_from(pool), min_size=1, max_size=8))
    def mixed(tokens):
        _apply(pipelines, tokens)

    mixed()
