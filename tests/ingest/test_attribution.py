"""Attribution phrases name the outlet behind a claim; outlet names come only from config."""

from __future__ import annotations

import pytest

from pipeline.attribution import canonical_outlet, find_attribution, find_outlet_name, find_publisher


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The deal runs through 2029, according to CNBC.", "CNBC"),
    ("It will pay $150 million per month, according to materials viewed by CNBC.", "CNBC"),
    ("Reflection AI will pay $150 million a month, the company told TechCrunch.", "TechCrunch"),
    ("“...worth up to $6.3B.” — Gate.io News (via CNBC)", "CNBC"),
    ("has agreed to pay SpaceX $150 million per month, CNBC reported, citing materials viewed by the publisher.",
     "CNBC"),
    ("The price was first reported by Reuters on Monday.", "Reuters"),
    ("Reuters reported, citing The Information, that the deal is worth $6 billion.", "The Information"),
    ("According to Bloomberg Technology, shares fell 12%.", "Bloomberg Technology"),
    ("Some investors have called Reflection the DeepSeek of the West, The Wall Street Journal reported.",
     "The Wall Street Journal"),
    ("Reflection will reportedly pay SpaceX $150 million per month.", None),
    ("Market News and Data brought to you by Benzinga APIs", None),
    ("The company's APIs are cheap; apnews is not a word here.", None),
])
def test_find_attribution(config, sentence, expected):
    assert find_attribution(sentence, config) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("June 22 (Reuters) - Reflection AI said on Monday it has signed a deal", "Reuters"),
    ("Follow Wccftech on Google to get more of our news coverage in your feeds.", "Wccftech"),
    ("Market News and Data brought to you by Benzinga APIs", "Benzinga"),
    ("the company told TechCrunch. The deal is worth up to $6.3 billion", "TechCrunch"),
    ("Summarized by\nNavi", "Navi"),
    ("SpaceX's stock price was down nearly 17% just before market close on Monday.", None),
])
def test_find_publisher(config, text, expected):
    assert find_publisher(text, config) == expected


def test_outlet_names_are_canonicalised(config):
    assert find_outlet_name("Techmeme (Facebook)", config) == "Techmeme"
    assert find_outlet_name("Gate.io News (via CNBC)", config) == "Gate.io News"
    assert find_outlet_name("Jane Doe, CEO", config) is None
    assert canonical_outlet("the  verge", config) == "The Verge"


def test_outlets_are_config_not_code(config):
    plain = config.to_plain()
    plain["outlets"]["names"] = ["Daily Planet"]
    from pipeline.config import Config

    custom = Config(plain)
    assert find_attribution("according to Daily Planet", custom) == "Daily Planet"
    assert find_attribution("according to CNBC", custom) is None
