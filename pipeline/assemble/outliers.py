"""Figures far from what the other outlets state: a misread figure, not a disagreement.

Outlets that disagree about one fact disagree by a little (12.8% or nearly 17%, $6 billion or $6.3 billion);
a figure (money, a count, a percent) several times larger or smaller than the value several other outlets
agree on is almost always
another figure of its article read as this fact (the company's cash, its revenue, an earlier round). Such a
claim is kept as ``unassigned`` (claims.csv, the audit's context) instead of making a false conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from ..records import UNASSIGNED, Claim, Count, Money, Percent


def _amount(claim: Claim) -> tuple[tuple, float] | None:
    """(what the figure measures, its amount) for money, counts and percents; None for other values."""
    value = claim.value
    if isinstance(value, Money):
        return ("money", value.currency, value.per), value.amount
    if isinstance(value, Count):
        return ("count", value.item), value.amount
    if isinstance(value, Percent):
        return ("percent", value.direction), abs(value.amount)
    return None


def drop_outliers(claims: Sequence[Claim], settings: Mapping) -> list[Claim]:
    """The claims, with each figure that is ``factor`` times off the value at least ``min_outlets`` other
    outlets agree on (and than it has outlets of its own) made unassigned."""
    factor = float(settings.get("factor", 0))
    needed = int(settings.get("min_outlets", 2))
    if factor <= 1:
        return list(claims)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.attribute != UNASSIGNED and _amount(c) is not None:
            groups[(c.subject, c.attribute)].append(i)
    outliers: set[int] = set()
    for members in groups.values():
        if len(members) < needed + 1:
            continue
        outlets = {i: claims[i].outlet or claims[i].article for i in members}
        measured = {i: _amount(claims[i]) for i in members}

        def backers(i: int) -> set[str]:
            key, amount = measured[i]
            return {outlets[j] for j in members if measured[j][0] == key and _near(measured[j][1], amount, 1.1)}

        support = {i: backers(i) for i in members}
        best = max(members, key=lambda i: (len(support[i]), -i))
        key, amount = measured[best]
        if len(support[best]) < needed:
            continue
        for i in members:
            other_key, other = measured[i]
            if other_key != key and other_key[0] in ("money", "percent"):
                continue  # another currency, rate or direction: no ratio to judge by
            far = other_key != key or not _near(other, amount, factor)
            if far and len(support[best]) >= 2 * len(support[i]):
                outliers.add(i)
    return [replace(c, attribute=UNASSIGNED) if i in outliers else c for i, c in enumerate(claims)]


def _near(a: float, b: float, factor: float) -> bool:
    """Whether a and b are within ``factor`` of each other (same sign)."""
    if a == b:
        return True
    if a == 0 or b == 0 or (a < 0) != (b < 0):
        return False
    ratio = abs(a) / abs(b)
    return 1 / factor < ratio < factor


def drop_other_days(claims: Sequence[Claim], attributes: Sequence[str], days: int = 1) -> list[Claim]:
    """A day's figure (a stock move) from articles of several days: the claims from the day the most outlets
    report (and the days within ``days`` of it) stand, the others are another day's figure, unassigned."""
    def day(c: Claim) -> int | None:
        try:
            return date.fromisoformat(str(c.published)[:10]).toordinal()
        except ValueError:
            return None

    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.attribute in attributes and day(c) is not None:
            groups[(c.subject, c.attribute)].append(i)
    other: set[int] = set()
    for members in groups.values():
        by_day: dict[int, set[str]] = defaultdict(set)
        for i in members:
            by_day[day(claims[i])].add(claims[i].outlet or claims[i].article)
        if len(by_day) < 2:
            continue
        main = max(by_day, key=lambda d: (sum(len(by_day[e]) for e in by_day if abs(e - d) <= days), d))
        other |= {i for i in members if abs(day(claims[i]) - main) > days}
    return [replace(c, attribute=UNASSIGNED) if i in other else c for i, c in enumerate(claims)]
