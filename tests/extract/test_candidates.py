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
    # Deal nouns are not cues: a sentence naming a deal without a value only tells who the parties are,
    # which the lead sentences and the sentence before an anaphor ("The company ...") tell in full.
    ("The agreements were signed.", False),
    ("It uses H100s.", True),
    # Month and day names count only as names, capitalised.
    ("Shares may drop.", False),
    ("Troops march on Sunday.", True),
    ("Troops march on.", False),
    ("The deal closes in May.", True),
    ("SHARES JUMP IN MAY", True),
]


@pytest.mark.parametrize("text, expected", CANDIDATES)
def test_candidate_cues(finder, text, expected):
    assert finder.is_candidate(text) is expected


def test_cue_phrases_come_from_the_config_vocabularies(config):
    phrases, names = set(cue_phrases(config)), set(cue_phrases(config, names=True))
    assert {"tomorrow", "billion", "tens of", "decade", "twenty"} <= phrases
    assert {"march", "may", "friday"} <= names and not {"march", "may", "friday"} & phrases
    assert not {"a", "an", "bn", "k"} & phrases  # short shorthand counts only next to digits


def test_name_vocabularies_must_be_cue_vocabularies():
    with pytest.raises(ConfigError, match="name_cue_vocabularies"):
        CandidateFinder.from_config(_config(name_cue_vocabularies=["dates.months", "parties.deal_nouns"]))


def test_an_unknown_vocabulary_is_a_config_error():
    with pytest.raises(ConfigError, match="cue_vocabularies"):
        CandidateFinder.from_config(_config(cue_vocabularies=["dates.nonexistent"]))


@pytest.mark.parametrize("extract, message", [({"parse": "some"}, "parse"),
                                               ({"other_sentences": ["nonexistent"]}, "other_sentences")])
def test_bad_parse_settings_are_config_errors(extract, message):
    with pytest.raises(ConfigError, match=message):
        Extractor(_config(**{"parse": "candidates", **extract}))


LEADS = [
    # (text, lead_sentences, candidate flags of its chunks)
    ("Acme agreed. Contoso did not. It pays $5 million.", 0, [False, True, True]),  # "It" refers back
    ("Acme agreed. Contoso did not. Acme pays $5 million.", 0, [False, False, True]),
    ("Acme agreed. Contoso did not. Acme pays $5 million.", 2, [True, True, True]),
    ("Acme Signs Deal\n\nAcme agreed with Contoso. The mayor spoke.", 2, [True, True, False]),
    ("Acme agreed. The company was founded in 2024.", 0, [True, True]),
    ("Acme agreed. Its shares rose 5%.", 0, [True, True]),
    ("Acme agreed. The mayor was elected in 2024.", 0, [False, True]),
    ("Acme agreed. The companion arrived in 2024.", 0, [False, True]),  # a whole word only
]


@pytest.mark.parametrize("text, lead, expected", LEADS)
def test_lead_sentences_and_the_sentence_an_anaphor_points_back_to_are_candidates(nlp, text, lead, expected):
    finder = CandidateFinder.from_config(_config(lead_sentences=lead))
    assert [c.candidate for c in finder.chunks(nlp.make_doc(text))] == expected


@pytest.mark.parametrize("lead", [-1, 1.5, True, "2"])
def test_a_bad_lead_sentences_is_a_config_error(lead):
    with pytest.raises(ConfigError, match="lead_sentences"):
        CandidateFinder.from_config(_config(lead_sentences=lead))


def test_an_unknown_antecedent_vocabulary_is_a_config_error():
    with pytest.raises(ConfigError, match="antecedent_vocabularies"):
        CandidateFinder.from_config(_config(antecedent_vocabularies=["parties.nonexistent"]))


def test_a_lead_sentence_without_a_value_gets_ner_and_the_parse():
    # Neither name is in the gazetteer: only NER on the parsed lead sentence finds them.
    text = ("Mistral AI agreed to rent capacity from British cloud provider Fluidstack. "
            "The companies did not comment. Fluidstack shares rose 5%.")
    extractor = Extractor(_config(parse="candidates", lead_sentences=1))
    doc, _ = next(extractor.parse_docs([(text, None)]))
    lead = next(iter(doc.sents))
    assert any(t.dep_ == "ROOT" for t in lead) and {e.text for e in lead.ents} >= {"Mistral AI", "Fluidstack"}
    parties = {m.text for m in extractor.mentions(text) if m.kind == "party"}
    assert {"Mistral AI", "Fluidstack"} <= parties


def test_merge_chunks_joins_runs_and_keeps_sentence_starts(nlp):
    finder = CandidateFinder.from_config(_config(lead_sentences=0))
    text = "Acme agreed. Acme pays $5 million. Acme pays $6 million. Nothing else."
    pieces = merge_chunks(finder.chunks(nlp.make_doc(text)))
    assert [(text[p.start:p.end], p.candidate) for p in pieces] == [
        ("Acme agreed. ", False), ("Acme pays $5 million. Acme pays $6 million. ", True), ("Nothing else.", False)]
    assert pieces[1].starts == (13, 35)


def test_joined_doc_keeps_text_offsets_and_sentences():
    extractor = Extractor(_config(parse="candidates", lead_sentences=0, antecedent_vocabularies=[]))
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
