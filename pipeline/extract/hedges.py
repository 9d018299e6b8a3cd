"""Hedges: the words around a number that say how exact it is ("up to", "about", "more than").

The vocabulary is config ``[hedges.NAME]``: ``words`` (before the number), ``after`` (after it, "or so"),
and ``low``/``high`` factors of the amount (absent = open end). Shared by money, percent and count
finders; the dates helper can use ``hedge_before`` too. Matching is on the text of whole tokens,
case-insensitive, so "Up to" and "approx." match however spaCy splits them.

Conventions (SPEC leaves them open): "up to X" is [0, X] because config gives it ``low = 0``; an
exact number has low = high = amount.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_TOKENS = 5  # the longest hedge phrase in config ("well in excess of") is four tokens


@dataclass(frozen=True, slots=True)
class HedgeRule:
    """One hedge: its name (a SPEC hedge) and the factors of its interval (None = open)."""

    name: str
    low: float | None
    high: float | None


@dataclass(frozen=True, slots=True)
class HedgeTable:
    """Hedge phrases (lower case, single-spaced) before and after a number, to their rule."""

    before: Mapping[str, HedgeRule]
    after: Mapping[str, HedgeRule]
    # The ``before`` phrases that can be glued to a figure (not ending in a letter: "~"), in table order.
    glued: tuple[tuple[str, HedgeRule], ...] = ()

    def interval(self, name: str, amount: float) -> tuple[float | None, float | None]:
        """The (low, high) interval that hedge ``name`` implies around ``amount``."""
        if name == "exact":
            return amount, amount
        rule = next((r for r in (*self.before.values(), *self.after.values()) if r.name == name), None)
        if rule is None:
            return amount, amount
        return _times(rule.low, amount), _times(rule.high, amount)


@dataclass(frozen=True, slots=True)
class HedgeMatch:
    """A hedge found next to a number: its rule and the token span of its words."""

    rule: HedgeRule
    start: int
    end: int


def _times(factor: float | None, amount: float) -> float | None:
    if factor is None:
        return None
    value = factor * amount
    return float(round(value, 6)) if abs(value) < 1e15 else value


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


_TABLES: dict[int, HedgeTable] = {}


def hedge_table(config: Any) -> HedgeTable:
    """The hedge vocabulary of a config (cached per config object)."""
    key = id(config)
    if key not in _TABLES:
        section = config.section("hedges") if hasattr(config, "section") else config.get("hedges", {})
        before: dict[str, HedgeRule] = {}
        after: dict[str, HedgeRule] = {}
        for name, spec in section.items():
            if not isinstance(spec, Mapping):
                continue
            rule = HedgeRule(name=name, low=spec.get("low"), high=spec.get("high"))
            for word in spec.get("words", ()):
                before.setdefault(_norm(word), rule)
            for word in spec.get("after", ()):
                after.setdefault(_norm(word), rule)
        glued = tuple((word, rule) for word, rule in before.items() if word and not word[-1:].isalpha())
        _TABLES[key] = HedgeTable(before=before, after=after, glued=glued)
    return _TABLES[key]


def _span_text(doc: Doc, a: int, b: int) -> str:
    """The text of tokens a..b (inclusive), lower case, whitespace collapsed."""
    return _norm(doc[a:b + 1].text)  # a span's text: Doc.text rebuilds the whole text per call


def hedge_before(doc: Doc, i: int, table: HedgeTable, floor: int = 0) -> HedgeMatch | None:
    """The longest hedge phrase that ends right before token ``i`` (and starts at or after ``floor``)."""
    end = i - 1
    while end >= floor and doc[end].is_space:
        end -= 1
    if end < floor:
        return None
    best: HedgeMatch | None = None
    for start in range(end, max(floor, end - MAX_TOKENS + 1) - 1, -1):
        if doc[start].is_space:
            continue
        rule = table.before.get(_span_text(doc, start, end))
        if rule is not None:
            best = HedgeMatch(rule=rule, start=start, end=end + 1)
    return best


def hedge_glued(text: str, table: HedgeTable) -> tuple[HedgeRule, int] | None:
    """A hedge sign glued to a token's front ("~$5B"): (rule, its length in characters)."""
    if not table.glued:
        return None
    lower = text.lower()
    for word, rule in table.glued:
        if lower.startswith(word) and len(text) > len(word):
            return rule, len(word)
    return None


def hedge_after(doc: Doc, j: int, table: HedgeTable) -> HedgeMatch | None:
    """The longest hedge phrase that starts at token ``j`` (right after a number): "or so", "or more"."""
    while j < len(doc) and doc[j].is_space:
        j += 1
    best: HedgeMatch | None = None
    for end in range(j, min(len(doc), j + MAX_TOKENS)):
        if j >= len(doc):
            break
        rule = table.after.get(_span_text(doc, j, end))
        if rule is not None:
            best = HedgeMatch(rule=rule, start=j, end=end + 1)
    return best
