"""The word gate of date patterns (DateGrammar.required) never skips a pattern that would match."""

from __future__ import annotations

import pytest

from pipeline.config import load_config
from pipeline.extract.date_grammar import grammar_for, letter_runs

TEXTS = [
    "The deal closes on 3 May 2029, or on May5 at the latest.",
    "Shipments start in the second quarter of next year and run through fiscal2027.",
    "In the first week of the month, 2 weeks ago, during summer 2026, then Q3 2026.",
    "Halfway: the first half of 2027; the mayor met in March, Sept. 4 and sep-2026.",
    "Capital letters too: MAY 4, FISCAL 2028, THE THIRD QUARTER OF 2026.",
    "\u212aelvin and \u017fummer are folded by re.IGNORECASE: \u017fummer 2026, \u0130n May.",
    "Nothing datable here, only 5 GPUs and $3 billion.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_gate_skips_only_patterns_without_a_match(text: str) -> None:
    grammar = grammar_for(load_config().section("dates"))
    words = letter_runs(text)
    for name, required in grammar.required.items():
        if words is not None and required.isdisjoint(words):
            assert grammar.patterns[name].search(text) is None, name


def test_letter_runs_gives_up_on_letters_that_fold_to_ascii() -> None:
    assert letter_runs("\u017fummer 2026") is None
    assert letter_runs("Caf\u00e9 in May2029") == frozenset({"café", "in", "may"})
