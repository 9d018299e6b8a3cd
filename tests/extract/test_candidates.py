"""Candidate sentences: the rule-based split, the cue words, and the parse that runs only on candidates.

The two parse modes must agree on the seed corpus: the same values, every value in a candidate.
"""

from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.errors import ConfigError, InputError
from pipeline.extract import Extractor
from pipeline.extract.candidates import CandidateFinder, cue_phrases, merge_chunks
from pipeline.ingest import iter_articles

ROOT = Path(__file__).resolve().parents[2]


def _config(**extract):
    return load_config(base=ROOT / "config.toml", overrides={"extract": extract})


@pytest.fixture(scope="module")
def finder(config):
    return CandidateFinder.from_config(config)


@pytest.fixture(scope="module")
def seed(config):
    return [a for a in iter_articles([str(ROOT / "corpus")], config) if not isinstance(a, InputError)]


SPLITS = [
    ("Acme agreed. Contoso did not.", ["Acme agreed. ", "Contoso did not."]),
    ("Acme Signs Compute Deal\n\nThe deal runs to 2029.", ["Acme Signs Compute Deal\n\n", "The deal runs to 2029."]),
    ("- Acme pays $5 million.\n- Contoso pays nothing.", ["- ", "Acme pays $5 million.\n", "- ", "Contoso pays nothing."]),
    ('He said "we agreed." Then he left.', ['He said "we agreed." ', "Then he left."]),
    ("It rose 5.5% in the U.S. market today.", ["It rose 5.5% in the U.S. market today."]),
    ("\n\nA wrapped line goes\non in lower case.", ["\n\nA wrapped line goes\non in lower case."]),
    ("Glued.Stops stay one sentence.", ["Glued.Stops stay one sentence."]),
    ("", []),
]


@pytest.mark.parametrize("text, expected", SPLITS)
def test_chunks_cover_the_text_exactly(nlp, finder, text, expected):
    chunks = finder.chunks(nlp.make_doc(text))
    assert [text[c.start:c.end] for c in chunks] == expected
    assert "".join(text[c.start:c.end] for c in chunks) == text


CANDIDATES = [
    ("The company declined to comment.", False),
    ("The mayor spoke at length.", False),
    ("It will pay $5 million.", True),
    ("Three firms joined.", True),
    ("The lease begins in March.", True),
    ("Shares fell on Friday.", True),
    ("It will run for a decade.", True),
    ("Tens of thousands attended.", True),
    ("The agreements were signed.", True),  # a deal noun: the sentence states something about a deal
    ("It uses H100s.", True),
]


@pytest.mark.parametrize("text, expected", CANDIDATES)
def test_candidate_cues(finder, text, expected):
    assert finder.is_candidate(text) is expected


def test_cue_phrases_come_from_the_config_vocabularies(config):
    phrases = set(cue_phrases(config))
    assert {"march", "friday", "tomorrow", "billion", "tens of", "decade", "deal", "twenty"} <= phrases
    assert not {"a", "an", "bn", "k"} & phrases  # short shorthand counts only next to digits


def test_an_unknown_vocabulary_is_a_config_error():
    with pytest.raises(ConfigError, match="cue_vocabularies"):
        CandidateFinder.from_config(_config(cue_vocabularies=["dates.nonexistent"]))


@pytest.mark.parametrize("extract, message", [({"parse": "some"}, "parse"),
                                               ({"other_sentences": ["nonexistent"]}, "other_sentences")])
def test_bad_parse_settings_are_config_errors(extract, message):
    with pytest.raises(ConfigError, match=message):
        Extractor(_config(**{"parse": "candidates", **extract}))


def test_merge_chunks_joins_runs_and_keeps_sentence_starts(nlp, finder):
    text = "Acme agreed. It pays $5 million. It pays $6 million. Nothing else."
    pieces = merge_chunks(finder.chunks(nlp.make_doc(text)))
    assert [(text[p.start:p.end], p.candidate) for p in pieces] == [
        ("Acme agreed. ", False), ("It pays $5 million. It pays $6 million. ", True), ("Nothing else.", False)]
    assert pieces[1].starts == (13, 33)


def test_joined_doc_keeps_text_offsets_and_sentences():
    extractor = Extractor(_config(parse="candidates"))
    text = "Acme Corp said on Monday.\n\nIt will pay $5 million to Contoso in June 2027. The firm declined. Shares rose 5%."
    doc, _ = next(extractor.parse_docs([(text, None)]))
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == ["Acme Corp said on Monday.", "It will pay $5 million to Contoso in June 2027.",
                                           "The firm declined.", "Shares rose 5%."]
    unparsed = list(doc.sents)[2]
    assert all(t.head.i == t.i and t.dep_ == "" for t in unparsed)
    paid = [t for t in doc if t.text == "pay"][0]
    assert paid.dep_ == "ROOT" and paid.lemma_ == "pay" and paid.idx == text.index("pay")
    for m in extractor.mentions(text):
        assert text[m.start:m.end] == m.text


def test_both_parse_modes_find_the_same_values_on_the_seed_corpus(seed):
    # Parties differ by design: the other sentences get no NER unless [extract] other_sentences asks for it.
    fast, full = Extractor(_config(parse="candidates")), Extractor(_config(parse="all"))
    for a, b in zip(fast.analyse(seed), full.analyse(seed)):
        values = [[m for m in analysis.mentions if m.kind != "party"] for analysis in (a, b)]
        assert values[0] == values[1], a.article.path
        assert a.sentences[-1].end <= len(a.article.text)


def test_every_value_of_the_seed_corpus_is_in_a_candidate_sentence(nlp, finder, seed):
    full = Extractor(_config(parse="all"))
    for analysis in full.analyse(seed):
        chunks = finder.chunks(nlp.make_doc(analysis.article.text))
        for m in analysis.mentions:
            if m.kind != "party":
                chunk = next(c for c in chunks if c.start <= m.start < c.end)
                assert chunk.candidate, (analysis.article.path, m.text)
