"""Claim assembly: subjects and attributes decided from the parse, on gold mentions and on sentences."""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.assemble import Assembler
from pipeline.config import Config
from pipeline.extract import Context, Extractor, copy_sentences, find_all, resolve_overlaps
from pipeline.records import Analysis, Article, Mention, value_from_dict
from tests.gold.scoring import describe, load_gold, score_claims

ROOT = Path(__file__).resolve().parent.parent
# Assembly alone, fed the gold mentions, must place nearly every value: measured 0.978 / 0.971.
ASSEMBLY_FLOOR = 0.95


@pytest.fixture(scope="module")
def extractor(config):
    return Extractor(config)


@pytest.fixture(scope="module")
def party_only(config, extractor):
    data = config.to_plain()
    data["extract"]["kinds"] = {"party": "pipeline.extract.parties"}
    return Extractor(Config(data), nlp=extractor.nlp)


def test_assembly_on_gold_mentions_places_the_values(party_only, config):
    gold = load_gold(ROOT / "tests/gold/seed_claims.jsonl")
    by_article = defaultdict(list)
    for g in gold:
        by_article[g["article"]].append(g)
    assembler = Assembler(config)
    claims = []
    for path in sorted(by_article):
        text = (ROOT / path).read_text()
        doc = party_only.nlp(text)
        mentions = list(find_all(doc, Context(text, None, party_only.config), party_only.finders))
        mentions += [Mention(g["kind"], g["text"], g["start"], g["end"], value_from_dict(g["value"], g["kind"]))
                     for g in by_article[path]]
        mentions = resolve_overlaps(mentions, config["extract"]["precedence"])
        claims += assembler.claims(Analysis(Article(path=path, text=text), copy_sentences(doc), mentions))
    score = score_claims(claims, gold)
    assert score.precision >= ASSEMBLY_FLOOR and score.recall >= ASSEMBLY_FLOOR, describe(score)


def _claims(extractor, config, text, published=None):
    article = Article(path="t.txt", text=text, published=published)
    analysis = next(extractor.analyse([article]))
    return Assembler(config).claims(analysis)


def _find(claims, attribute):
    return [c for c in claims if c.attribute == attribute]


@pytest.mark.parametrize("text, attribute, parties, amount", [
    ("Northwind signed a cloud deal with Contoso. Contoso will pay Northwind $40 million per month.",
     "monthly_payment", ("Contoso", "Northwind"), 40e6),
    ("Northwind signed a cloud deal with Contoso. Separately, Fabrikam will pay around $1.25 billion per month "
     "for capacity.", "monthly_payment", ("Fabrikam", "Northwind"), 1.25e9),
    ("Globex invested $800 million in Initech, according to people familiar with the matter.",
     "investment_amount", ("Globex", "Initech"), 800e6),
    ("Umbrella agreed to acquire Hooli for $2.1 billion in cash.", "acquisition_price", ("Hooli", "Umbrella"), 2.1e9),
])
def test_deal_subject_from_the_clause(extractor, config, text, attribute, parties, amount):
    claims = _find(_claims(extractor, config, text), attribute)
    assert claims, f"no {attribute} claim"
    assert claims[0].subject.parties == parties
    assert claims[0].value.amount == pytest.approx(amount)


def test_respectively_gives_each_amount_to_its_party(extractor, config):
    text = ("Northwind has struck compute deals with Contoso and Fabrikam. The agreements with Contoso and "
            "Fabrikam are valued at roughly $30 billion and $45 billion, respectively.")
    claims = _find(_claims(extractor, config, text), "total_value")
    got = {c.subject.parties: c.value.amount for c in claims}
    assert got.get(("Contoso", "Northwind")) == pytest.approx(30e9)
    assert got.get(("Fabrikam", "Northwind")) == pytest.approx(45e9)


def test_a_loss_keeps_its_sign(extractor, config):
    text = "Globex shares tumbled, wiping out approximately $600 billion in market value."
    claims = _find(_claims(extractor, config, text), "market_value_change")
    assert claims and claims[0].value.amount < 0 and claims[0].subject.parties == ("Globex",)


def test_value_without_a_subject_is_dropped(extractor, config):
    claims = _claims(extractor, config, "The weather cost about $5 million last year.")
    assert not [c for c in claims if c.attribute in ("total_value", "monthly_payment")]
