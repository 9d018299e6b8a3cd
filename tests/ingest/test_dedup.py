"""Syndicated copies are linked to the first article; different reports are not."""

from __future__ import annotations

from pipeline.ingest.dedup import near_duplicates, normalise
from pipeline.records import Article

WIRE = ("Reflection AI said on Monday it has signed a deal with SpaceX that will grant the startup access to "
        "additional computing capacity at the Elon Musk-led company's Colossus 2 data center. The startup has "
        "agreed to pay SpaceX $150 million per month beginning July 1, 2026, through 2029.")


def test_syndicated_copies_are_linked():
    original = Article(path="reuters.txt", text=WIRE, outlet="Reuters")
    copy = Article(path="yahoo.txt", text="  " + WIRE.upper().replace(",", "") + "\nRead more on Yahoo.",
                   outlet="Yahoo Finance")
    other = Article(path="wccftech.txt", text="SpaceX will collect $150 million per month from July onwards by "
                    "renting out NVIDIA GB300 GPUs at its Colossus 2 data center to Reflection.")
    mapping = near_duplicates([original, copy, other], threshold=90)
    assert mapping == {copy.article_id: original.article_id}


def test_normalise():
    assert normalise("Hello,  World!\n— CNBC") == "hello world cnbc"
    assert near_duplicates([], 90) == {}


def _pairwise(articles, threshold):
    """The definition, one pair at a time (the loop the index replaced)."""
    from rapidfuzz import fuzz

    from pipeline.ingest.dedup import _PREFILTER, _shingles

    normal = [normalise(a.text) for a in articles]
    grams = [_shingles(n.split()) for n in normal]
    canonical = {}
    for j in range(len(articles)):
        for i in range(j):
            if articles[i].article_id in canonical or not normal[i] or not normal[j]:
                continue
            if articles[i].article_id == articles[j].article_id:
                continue
            if len(grams[i] & grams[j]) / max(1, min(len(grams[i]), len(grams[j]))) < _PREFILTER:
                continue
            if fuzz.ratio(normal[i], normal[j]) >= threshold:
                canonical[articles[j].article_id] = articles[i].article_id
                break
    return canonical


def test_the_index_finds_what_comparing_every_pair_finds():
    import random

    rng = random.Random(12)
    words = ("deal", "cloud", "acme", "globex", "pay", "month", "billion", "through", "june", "2029", "said",
             "the", "a", "of", "chips", "data", "center", "shares", "rose", "report")
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(60)]
    for _ in range(60):  # copies, edited a little or a lot, and copies of copies
        source = rng.choice(texts).split()
        for _ in range(rng.randint(0, 12)):
            source[rng.randrange(len(source))] = rng.choice(words) if source else ""
        texts.append(" ".join(source))
    rng.shuffle(texts)
    articles = [Article(path=f"{k:03d}.txt", text=t) for k, t in enumerate(texts)]
    articles.append(Article(path="000.txt", text=texts[0]))  # the same article given twice
    for threshold in (95, 90, 80, 60):
        expected = _pairwise(articles, threshold)
        assert near_duplicates(articles, threshold) == expected
        assert expected  # the table exercises copies at every threshold
