"""A lookup in place of the model's ``attribute_ruler``: the same rules and token attributes, less time.

The ruler of en_core_web_sm maps each tag to its POS and morphology and fixes a few words (179 rules
of one or two tokens, on TAG, LOWER, DEP and IS_SPACE). spaCy runs them through a Matcher, which costs
more than the rules: here each token's values are read once per Doc as an array and the rules are
found by the tag or word they require. They apply as the ruler applies them: every match is found on
the attributes the earlier components left, then the attributes are set in rule order (a later rule
wins), with spaCy's own ``set_token_attrs`` and the ruler's own normalised values. A ruler with any
other kind of pattern (quantifiers, other attributes or predicates) is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.language import Language

if TYPE_CHECKING:
    from spacy.tokens import Doc

FACTORY = "newsfacts_attribute_lookup"
COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes a rule may test, as array columns
EVERYWHERE = (-1, 0)  # the index key of rules tried at every token
MEMO_ROWS = 200_000  # rows whose one-token rules are kept (about 40 MB at most); news holds far fewer


class UnsupportedRules(ValueError):
    """The ruler holds a pattern the lookup cannot reproduce exactly."""


Test = Callable[[tuple[int, ...]], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of one ruler entry: a test per token, the token it sets, and the entry's position."""

    order: int
    tests: tuple[tuple[Test, ...], ...]
    target: int


def _test(column: int, value: Any, strings: Any) -> tuple[Test, Any]:
    """A test of one array column as the Matcher does it; and the hash it requires (None: no single one)."""
    from spacy.strings import get_string_id

    if isinstance(value, bool):
        want = int(value)
        return (lambda row: row[column] == want), None
    if isinstance(value, str):
        want = strings.add(value)  # already in the store: the Matcher added it
        return (lambda row: row[column] == want), want
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            values = frozenset(get_string_id(v) for v in arg)
            if op == "IN":
                return (lambda row: row[column] in values), values
            return (lambda row: row[column] not in values), None
        if op == "REGEX" and isinstance(arg, str):
            regex = re.compile(arg)
            return (lambda row: bool(regex.search(strings[row[column]]))), None
    raise UnsupportedRules(f"attribute_ruler: no lookup for {COLUMNS[column]} = {value!r}")


def compile_rules(ruler: Any) -> tuple[dict[tuple[int, int], list[Rule]], dict[tuple[int, int], list[Rule]]]:
    """The ruler's patterns as rules of one token and of more, each under (column, hash) its first token
    requires (``EVERYWHERE`` when it requires no single value)."""
    strings = ruler.vocab.strings
    single: dict[tuple[int, int], list[Rule]] = {}
    longer: dict[tuple[int, int], list[Rule]] = {}
    for order, (entry, index) in enumerate(zip(ruler.patterns, ruler.indices)):
        for pattern in entry["patterns"]:
            if not pattern or not isinstance(pattern, list):
                raise UnsupportedRules(f"attribute_ruler: pattern {pattern!r}")
            tests, keys = [], {}
            for position, spec in enumerate(pattern):
                token_tests = []
                for attr, value in spec.items():
                    if attr not in COLUMNS:
                        raise UnsupportedRules(f"attribute_ruler: no lookup for {attr} in {pattern!r}")
                    test, key = _test(COLUMNS.index(attr), value, strings)
                    token_tests.append(test)
                    if position == 0 and key is not None:
                        keys[COLUMNS.index(attr)] = key
                tests.append(tuple(token_tests))
            target = index if index >= 0 else len(pattern) + index
            if not 0 <= target < len(pattern):
                raise UnsupportedRules(f"attribute_ruler: index {index} outside {pattern!r}")
            rule = Rule(order=order, tests=tuple(tests), target=target)
            index_by = single if len(pattern) == 1 else longer
            column = next((c for c in range(len(COLUMNS)) if c in keys), None)
            if column is None:
                index_by.setdefault(EVERYWHERE, []).append(rule)
            else:
                for value in (keys[column] if isinstance(keys[column], frozenset) else (keys[column],)):
                    index_by.setdefault((column, value), []).append(rule)
    return single, longer


class AttributeLookup:
    """A pipeline component that sets what the model's attribute_ruler sets (see the module docstring)."""

    def __init__(self) -> None:
        self.attrs: Sequence[dict[int, Any]] = ()
        self.single: dict[tuple[int, int], list[Rule]] = {}
        self.longer: dict[tuple[int, int], list[Rule]] = {}
        # A token's one-token rules depend on its row only: their orders per row, computed once.
        self.by_row: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.merged: dict[tuple[int, ...], dict[int, Any]] = {}

    def load(self, ruler: Any) -> AttributeLookup:
        """Take the rules of an AttributeRuler (raises UnsupportedRules when one cannot be looked up)."""
        self.single, self.longer = compile_rules(ruler)
        self.attrs = list(ruler.attrs)
        self.by_row, self.merged = {}, {}
        return self

    def _orders(self, row: tuple[int, ...]) -> tuple[int, ...]:
        orders = self.by_row.get(row)
        if orders is None:
            if len(self.by_row) >= MEMO_ROWS:
                self.by_row.clear()
            rules = [r for key in (*enumerate(row), EVERYWHERE) for r in self.single.get(key, ())]
            met = {r.order for r in rules if all(test(row) for test in r.tests[0])}
            orders = self.by_row[row] = tuple(sorted(met))
        return orders

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import IDS
        from spacy.tokens._retokenize import set_token_attrs

        if not self.attrs:
            raise RuntimeError(f"{FACTORY}: no rules loaded")
        n = len(doc)
        if not n:
            return doc
        rows = [tuple(row) for row in doc.to_array([IDS[c] for c in COLUMNS]).tolist()]
        found = [self._orders(row) for row in rows]
        longer = self.longer
        for start, row in enumerate(rows):
            for rule in [r for key in (*enumerate(row), EVERYWHERE) for r in longer.get(key, ())]:
                if start + len(rule.tests) <= n and \
                        all(test(rows[start + k]) for k, tests in enumerate(rule.tests) for test in tests):
                    i = start + rule.target
                    found[i] = tuple(sorted({*found[i], rule.order}))
        merged = self.merged
        for i, key in enumerate(found):
            if not key:
                continue
            attrs = merged.get(key)
            if attrs is None:  # the ruler sets one rule's attributes after another: the last value stays
                attrs = merged[key] = {}
                for order in key:
                    attrs.update(self.attrs[order])
            set_token_attrs(doc[i], attrs)
        return doc


@Language.factory(FACTORY)
def make_attribute_lookup(nlp: Language, name: str) -> AttributeLookup:
    """An empty lookup: ``use_attribute_lookup`` loads the rules of the ruler it replaces."""
    return AttributeLookup()


def use_attribute_lookup(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the AttributeRuler ``name`` by a lookup of its rules; False (ruler kept) when it cannot."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if isinstance(ruler, AttributeLookup):
        return True
    lookup = AttributeLookup()
    try:
        lookup.load(ruler)
    except UnsupportedRules:
        return False
    nlp.replace_pipe(name, FACTORY).load(ruler)
    return True
