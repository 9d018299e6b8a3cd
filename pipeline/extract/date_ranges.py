"""Choosing among overlapping date readings, and completing the sides of a range.

A range "from July 2026 to June 2029" gives two mentions; a side without a year borrows the other's
("Nov 18 - Dec 19, 2015").
"""

from __future__ import annotations

import re
from dataclasses import replace

from .date_grammar import HYPHEN
from .date_values import DateSpec

_RANGE_JOIN = re.compile(rf"^\s*(?:{HYPHEN}|to|through|thru|until|till|and|or)\s*$", re.IGNORECASE)


def choose_specs(specs: list[DateSpec]) -> list[DateSpec]:
    """Keep the longest non-overlapping readings (earlier on ties), in text order."""
    kept: list[DateSpec] = []
    for s in sorted(specs, key=lambda s: (-(s.end - s.start), s.start)):
        if all(s.end <= k.start or k.end <= s.start for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def borrow_years(specs: list[DateSpec], text: str) -> list[DateSpec]:
    """A range side without a year takes the other side's ("Nov 18 - Dec 19, 2015"), a year back if later."""
    out = list(specs)
    for i in range(len(out) - 1, 0, -1):
        left, right = out[i - 1], out[i]
        if left.year is None and left.fixed is None and right.year is not None and left.month \
                and right.month and _RANGE_JOIN.match(text[left.end:right.start]):
            year = right.year
            if (left.month, left.day or 0) > (right.month, right.day or 32):
                year -= 1
            out[i - 1] = replace(left, year=year, relative=False)
    return out
