"""How much of a thing a value measures: the whole, or a rate of it (per month, per year, per share).

An attribute that names a ``per`` takes only money at that rate, and every other attribute only
money without one, so a per-share price is never a deal's total and a total never a per-share price.
A rate written once after a list of amounts is every amount's rate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..records import Mention, Money


def fits_rate(spec: Mapping, value: object) -> bool:
    """Whether a value's rate is the one the attribute ``spec`` measures (none, unless it names a ``per``)."""
    if "per" in spec:
        return isinstance(value, Money) and value.per == spec["per"]
    return not (isinstance(value, Money) and value.per is not None)


def share_rates(values: list[Mention], text: str) -> list[Mention]:
    """'$90 million and $150 million a year': the rate written after the last amount of a list is
    every amount's rate."""
    money = sorted((m for m in values if isinstance(m.value, Money)), key=lambda m: m.start)
    shared: dict[int, Mention] = {}
    for k in range(len(money) - 2, -1, -1):
        m, nxt = money[k], shared.get(money[k + 1].start, money[k + 1])
        between = text[m.end:nxt.start].strip(" ,").lower()
        if m.value.per is None and nxt.value.per is not None and between in ("and", "or", "", "to"):
            shared[m.start] = replace(m, value=replace(m.value, per=nxt.value.per))
    return [shared.get(m.start, m) if isinstance(m.value, Money) else m for m in values]
