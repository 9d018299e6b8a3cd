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
