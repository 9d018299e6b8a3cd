"""Read numbers as written in news: digits with separators, words ("two", "a dozen"), scales."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
MULTIPLIERS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SPECIAL = {"dozen": 12, "half": 0.5, "quarter": 0.25, "couple": 2}
_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")


def parse_digits(text: str) -> float | None:
    """'1,250' -> 1250.0, '6.3' -> 6.3; None when the text is not a plain number."""
    text = text.strip()
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def parse_number(text: str) -> float | None:
    """A number written in digits or words ('1.25', 'two', 'twenty-five', 'a dozen', 'half a'); else None."""
    value = parse_digits(text)
    if value is not None:
        return value
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SPECIAL:
            current = (current or 1) * SPECIAL[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in MULTIPLIERS:
            total += (current or 1) * MULTIPLIERS[word]
            current = 0
        else:
            digits = parse_digits(word)
            if digits is None:
                return None
            current += digits
        seen = True
    return total + current if seen else None
