"""Choosing among overlapping date readings, and completing the sides of a range.

A range "from July 2026 to June 2029" gives two mentions; a side without a year borrows the other's
("Nov 18 - Dec 19, 2015").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from .date_grammar import HYPHEN
from .date_context import tense
from .date_values import DateSpec, day_spec, on_day, place_year

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .date_grammar import DateGrammar

# One reading of a match: a date, or the sides of a range read together.
Reading = tuple[DateSpec, ...]

_RANGE_JOIN = re.compile(rf"^\s*(?:{HYPHEN}|to|through|thru|until|till|and|or)\s*$", re.IGNORECASE)


def choose_specs(readings: Iterable[Reading]) -> list[DateSpec]:
    """Keep the longest non-overlapping readings (earlier on ties); their specs in text order."""
    kept: list[Reading] = []
    for r in sorted(readings, key=lambda r: (-(r[-1].end - r[0].start), r[0].start)):
        if all(r[-1].end <= k[0].start or k[-1].end <= r[0].start for k in kept):
            kept.append(r)
    return sorted((s for r in kept for s in r), key=lambda s: s.start)


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


# --------------------------------------------------------------------------------------------------
# Readers of ranges written as one phrase: each gives both sides, span by span.
# --------------------------------------------------------------------------------------------------

def _link_is_and(m: re.Match, left_end: int, right_start: int) -> bool:
    return re.search(r"(?i)\band\b", m.string[left_end:right_start]) is not None


def _between_before(m: re.Match) -> bool:
    return re.search(r"(?i)\bbetween\s+$", m.string[max(0, m.start() - 10):m.start()]) is not None


def _sides(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None, year: int | None, left: tuple[int, int, int, int],
           right: tuple[int, int, int, int]) -> Reading | None:
    """Both day sides of a range (start, end, month, day each); without a year the right side is placed
    from the publication day and the left takes its year, or the year before when it would come later."""
    relative = year is None
    if year is None:
        if pub is None:
            return None
        probe = DateSpec(right[0], right[1], "day", month=right[2], day=right[3])
        year = place_year(probe, pub, tense(doc, m.start(), g.future_cues))
        if year is None:
            return None
    left_year = year - 1 if (left[2], left[3]) > (right[2], right[3]) else year
    first = day_spec(left[0], left[1], left_year, left[2], left[3], relative)
    last = day_spec(right[0], right[1], year, right[2], right[3], relative)
    return (first, last) if first and last else None


def read_slash_range(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> tuple[DateSpec, ...] | None:
    """"10/1-11/7", "5/1-5/7, 2020": two month/day sides sharing the year written after them."""
    if _link_is_and(m, m.end("c"), m.start("a2")) and not _between_before(m):
        return None
    year = int(m["y"]) if m["y"] else None
    return _sides(m, g, doc, pub, year, (m.start("a"), m.end("c"), int(m["a"]), int(m["c"])),
                  (m.start("a2"), m.end(), int(m["a2"]), int(m["c2"])))


def read_day_range(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> tuple[DateSpec, ...] | None:
    """"9 to 12 of June", "between 3 and 12 of Sept": two days of the month named after them."""
    right_start = m.start("d") - (4 if m.string[m.start("d") - 4:m.start("d")].lower() == "the " else 0)
    if _link_is_and(m, m.end("d1"), right_start) and not _between_before(m):
        return None
    first, day = g.day_number(m["d1"]), g.day_number(m["d"])
    if first is None or day is None or first >= day:
        return None
    year, month = int(m["y"]) if m["y"] else None, g.months[m["mon"].lower()]
    return _sides(m, g, doc, pub, year, (m.start("d1"), m.end("d1"), month, first), (right_start, m.end(), month, day))


def read_month_day_range(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> tuple[DateSpec, ...] | None:
    """"April 9th through 17th", "June 1-15, 2026": two days of the month named before them."""
    mon_text = m["mon"]
    if mon_text == "may" and not m["y"]:
        return None
    first, day = g.day_number(m["d1"]), g.day_number(m["d"])
    if first is None or day is None or first >= day or _link_is_and(m, m.end("d1"), m.start("d")):
        return None
    year, month = int(m["y"]) if m["y"] else None, g.months[mon_text.lower()]
    return _sides(m, g, doc, pub, year, (m.start(), m.end("d1"), month, first), (m.start("d"), m.end(), month, day))


def read_now(m: re.Match, g: DateGrammar, doc: Doc, pub: date | None) -> DateSpec | None:
    """"now" is the publication day only as a side of a range: "between now and May", "between May and now"."""
    if pub is None:
        return None
    text = m.string
    opens = _between_before(m) and re.match(r"\s+and\b", text[m.end():])
    closes = re.search(r"(?i)\bbetween\b[^.;!?]{1,60}\band\s+$", text[max(0, m.start() - 80):m.start()])
    return on_day(m.start(), m.end(), pub) if opens or closes else None


READERS = {
    "slash_range": read_slash_range, "day_range": read_day_range, "month_day_range": read_month_day_range,
    "now": read_now,
}
