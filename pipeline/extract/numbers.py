"""Read numbers as written in news: digits with separators, words ("two", "a dozen"), scales.

Two layers:

* ``parse_digits`` / ``parse_number`` read one string (others import them);
* ``read_number`` reads the longest number phrase that starts at a token of a spaCy Doc
  ("1.25 billion", "$150M" -> "150M", "twenty-one trillion three hundred", "half a billion",
  "5-6" is left to the caller, "tens of billions" is vague with an interval). Scale words
  ("billion", "bn", "k", "lakh") and vague phrases come from config ``[numbers.scales]`` and
  ``[numbers.vague]``; only the English number words themselves live here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
MULTIPLIERS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SPECIAL = {"dozen": 12, "half": 0.5, "quarter": 0.25, "couple": 2}
# Fractions that can scale a following or preceding scale word ("half a billion", "3 million and a half").
FRACTIONS = {"half": 0.5, "quarter": 0.25}
# Denominators of spelled fractions: "two thirds", "three quarters", "a half", "five ninths".
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
# Wider than _DIGITS, for reading tokens: Indian grouping (12,34,567.89), e-notation (1.3e6),
# and a decimal comma with one or two digits ("1,3", "5,00") which no thousands grouping can produce.
_INDIAN = re.compile(r"^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$")
_EXP = re.compile(r"^\d+(?:\.\d+)?e[+-]?\d+$", re.IGNORECASE)
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")
# A number with letters glued on: "150M", "1.25bn", "300MW", "2mil", "100元".
_GLUED = re.compile(r"^(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?P<suffix>[^\d\s].*)$")
_SPACE_GROUP = re.compile(r"^\d{3}(?:\.\d+)?$")
_LEAD_GROUP = re.compile(r"^\d{1,3}$")
SIGN_WORDS = {"minus": -1.0, "negative": -1.0}


def parse_digits(text: str) -> float | None:
    """'1,250' -> 1250.0, '6.3' -> 6.3; None when the text is not a plain number."""
    text = text.strip()
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def parse_numeral(text: str) -> float | None:
    """Like ``parse_digits`` but also reads Indian grouping, e-notation and a short decimal comma."""
    value = parse_digits(text)
    if value is not None:
        return value
    text = text.strip()
    if _INDIAN.match(text):
        return float(text.replace(",", ""))
    if _EXP.match(text):
        return float(text)
    if _DECIMAL_COMMA.match(text):
        return float(text.replace(",", "."))
    return None


def parse_number(text: str) -> float | None:
    """A number written in digits or words ('1.25', 'two', 'twenty-five', 'a dozen', 'half a'); else None."""
    value = parse_digits(text)
    if value is not None:
        return value
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for k, word in enumerate(words):
        if word in ("a", "an") and k and words[k - 1] in SPECIAL:  # "half a billion": the article is no 1
            continue
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


# ------------------------------------------------------------------------------------------------
# Token-level reading
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NumberVocab:
    """Scale words and vague phrases from config, lower-cased."""

    scales: Mapping[str, float]
    vague: Mapping[str, tuple[float, float]]
    # Scales written as words ("billion", "dozen"); the others ("bn", "k", "M") are abbreviations
    # that only follow digits.
    word_scales: frozenset[str]


_VOCABS: dict[int, NumberVocab] = {}


def number_vocab(config: Any) -> NumberVocab:
    """The number vocabulary of a config (cached per config object)."""
    key = id(config)
    if key not in _VOCABS:
        section = config.section("numbers") if hasattr(config, "section") else config.get("numbers", {})
        scales = {str(k).lower(): float(v) for k, v in section.get("scales", {}).items()}
        for word, value in MULTIPLIERS.items():
            scales.setdefault(word, float(value))
        vague = {" ".join(str(k).lower().split()): (float(v[0]), float(v[1]))
                 for k, v in section.get("vague", {}).items()}
        words = frozenset(k for k in scales if len(k) >= 4)
        _VOCABS[key] = NumberVocab(scales=scales, vague=vague, word_scales=words)
    return _VOCABS[key]


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A number phrase over tokens ``start``..``end`` (exclusive) of a Doc.

    ``scale`` is the product of the scale words that follow the leading figure ("6 billion" -> 1e9), so
    a range "5-6 billion" can lend its scale to the bare "5". Vague phrases carry ``low``/``high``.
    """

    start: int
    end: int
    amount: float
    scale: float = 1.0
    low: float | None = None
    high: float | None = None
    vague: bool = False


def next_index(doc: Doc, i: int) -> int:
    """The index of the first non-space token at or after ``i`` (``len(doc)`` when none)."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def prev_index(doc: Doc, i: int) -> int:
    """The index of the last non-space token before ``i`` (-1 when none)."""
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def split_glued(text: str) -> tuple[float, str] | None:
    """'150M' -> (150.0, 'M'); '300MW' -> (300.0, 'MW'); None when the text is not digits + letters."""
    m = _GLUED.match(text)
    if not m:
        return None
    value = parse_numeral(m.group("num"))
    if value is None:
        return None
    suffix = m.group("suffix")
    if suffix.endswith(".") and len(suffix) > 1:  # spaCy keeps a full stop on "1B." at a sentence end
        suffix = suffix[:-1]
    return value, suffix


def scale_of(word: str, vocab: NumberVocab, after_digits: bool) -> float | None:
    """The factor of a scale word ('billion', 'bn', 'M', 'dozens'); abbreviations only after digits."""
    low = word.lower()
    if low in vocab.scales:
        if low in vocab.word_scales:
            return vocab.scales[low]
        return vocab.scales[low] if after_digits else None
    if low.endswith("s") and low[:-1] in vocab.word_scales:
        return vocab.scales[low[:-1]]
    return None


def phrase_at(doc: Doc, i: int, phrases: Mapping[str, Any], max_tokens: int = 4) -> tuple[str, int] | None:
    """The longest phrase of ``phrases`` (lower case, single spaces) starting at token ``i``: (key, end)."""
    if i < len(doc) and not doc[i].is_space and doc[i].lower_ not in _first_words(phrases):
        return None  # most tokens start no phrase: skip building the keys
    best: tuple[str, int] | None = None
    words: list[str] = []
    j = i
    while j < len(doc) and len(words) < max_tokens:
        if doc[j].is_space:
            j += 1
            continue
        words.append(doc[j].lower_)
        key = " ".join(words)
        if key in phrases:
            best = (key, j + 1)
        j += 1
    return best


_FIRST_WORDS: dict[int, tuple[Mapping[str, Any], frozenset[str]]] = {}


def _first_words(phrases: Mapping[str, Any]) -> frozenset[str]:
    """The first words of the phrases of a vocabulary table (tables live as long as their config)."""
    known = _FIRST_WORDS.get(id(phrases))
    if known is None or known[0] is not phrases:
        known = _FIRST_WORDS[id(phrases)] = (phrases, frozenset(key.split(" ")[0] for key in phrases))
    return known[1]


def read_vague(doc: Doc, i: int, vocab: NumberVocab) -> NumberSpan | None:
    """'tens of billions', 'hundreds of thousands', 'several million', 'dozens of': an interval."""
    found = phrase_at(doc, i, vocab.vague)
    if found is None:
        return None
    key, end = found
    low, high = vocab.vague[key]
    j = next_index(doc, end)
    while j < len(doc):
        factor = scale_of(doc[j].text, vocab, after_digits=False)
        if factor is None or factor < 100:
            break
        low, high, end = low * factor, high * factor, j + 1
        j = next_index(doc, j + 1)
    return NumberSpan(start=i, end=end, amount=low, scale=1.0, low=low, high=high, vague=True)


def _word_value(word: str) -> tuple[str, float] | None:
    """Classify one lower-case number word: ('unit'|'teen'|'ten', value)."""
    if word in UNITS and word not in ("a", "an"):
        value = UNITS[word]
        return ("teen" if value >= 10 else "unit"), float(value)
    if word in TENS:
        return "ten", float(TENS[word])
    return None


def _decimal_words(doc: Doc, j: int) -> tuple[str, int]:
    """Digits spelled after 'point': 'zero three' -> '03', 'seventy-one' -> '71'; (digits, end)."""
    digits, end, prev_ten = "", j, False
    j = next_index(doc, j)
    while j < len(doc):
        if doc[j].text == "-" and digits:
            j = next_index(doc, j + 1)
            continue
        parts = [p for p in doc[j].lower_.split("-") if p]
        classes = [_word_value(p) for p in parts]
        if not parts or any(c is None for c in classes):
            break
        for cls, value in classes:  # type: ignore[misc]
            if cls == "unit" and prev_ten and value:
                digits = digits[:-1] + str(int(value))
            else:
                digits += str(int(value))
            prev_ten = cls == "ten"
        end = j + 1
        j = next_index(doc, j + 1)
    return digits, end


# Key of the per-Doc cache of ``read_number`` in ``Doc.user_data``.
_CACHE = "newsfacts.numbers"


def read_number(doc: Doc, i: int, vocab: NumberVocab, stop: frozenset[str] = frozenset()) -> NumberSpan | None:
    """The longest number phrase starting at token ``i``, vague or exact; None when there is none.

    ``stop`` holds lower-case words never read as scales (a quantity reader passes its units, so
    "300 m" is not 300 million). The money, percent, count and quantity finders all read every
    token of a Doc: each answer is read once per Doc and kept in its ``user_data``.
    """
    cache = doc.user_data.get(_CACHE)
    if cache is None or cache[0] is not vocab:  # one vocabulary per config; a Doc is read with one config
        cache = doc.user_data[_CACHE] = (vocab, {})
    answers = cache[1]
    if stop:
        stop = scale_stops(stop, vocab)  # the quantity units are no scales: their reads share the answers
    key = (i, stop)
    if key in answers:
        return answers[key]
    found = answers[key] = _read_number(doc, i, vocab, stop)
    return found


_STOPS: dict[frozenset[str], tuple[NumberVocab, frozenset[str]]] = {}


def scale_stops(stop: frozenset[str], vocab: NumberVocab) -> frozenset[str]:
    """The words of ``stop`` that ``scale_of`` could read as a scale: the others change no reading.

    ``read_exact`` consults ``stop`` only where it would otherwise take the word for a scale, so a stop
    word no scale spelling matches ("megawatt", "acres") reads the same as no stop word at all.
    """
    known = _STOPS.get(stop)
    if known is None or known[0] is not vocab:
        scales = frozenset(w for w in stop
                           if w in vocab.scales or (w.endswith("s") and w[:-1] in vocab.word_scales))
        known = _STOPS[stop] = (vocab, scales)
    return known[1]


def _read_number(doc: Doc, i: int, vocab: NumberVocab, stop: frozenset[str]) -> NumberSpan | None:
    i = next_index(doc, i)
    if i >= len(doc):
        return None
    vague = read_vague(doc, i, vocab)
    exact = read_exact(doc, i, vocab, stop)
    if vague is not None and (exact is None or vague.end > exact.end):
        return vague
    return exact


def read_exact(doc: Doc, i: int, vocab: NumberVocab, stop: frozenset[str] = frozenset()) -> NumberSpan | None:
    """An exact number phrase at token ``i``: digits, words, scales, 'point', 'and a half'."""
    total = current = 0.0
    last: str | None = None   # class of the last word read
    last_scale = 0.0          # the last big scale word, for "3 million and a half"
    first_scale: float | None = None
    mantissa: float | None = None
    end = i                   # end of what has been read for sure
    seg_end, seg_total = i, 0.0  # state right after the last big scale, to undo "$1,250 million and 1.25 billion"
    num_base = 0.0            # `current` before the last numerator began ("one hundred and | three quarters")
    and_scale = 0.0           # the big scale an "and" followed ("six million and | two thirds")
    article = False           # an "a"/"an" was skipped ("one and a half")
    pending_and = False
    j = i
    n = len(doc)
    while j < n:
        tok = doc[j]
        if tok.is_space:
            j += 1
            continue
        low = tok.lower_
        # Connectors that only count when a number word follows.
        if low == "and" and last in ("hundred", "scale", "unit", "ten", "teen", "digit") and not pending_and:
            pending_and = True
            and_scale = last_scale if last == "scale" else 0.0
            j += 1
            continue
        if low == "of" and last == "frac":  # "two thirds of a million"
            k = next_index(doc, j + 1)
            if k < n and doc[k].lower_ in ("a", "an"):
                j += 1
                continue
            break
        if low == "-" and last is not None and not pending_and:
            k = next_index(doc, j + 1)
            if k < n:
                word = _word_value(doc[k].lower_)
                if (last == "ten" and word is not None and word[0] == "unit") or \
                        (last != "scale" and scale_of(doc[k].text, vocab, after_digits=False)):
                    j += 1
                    continue
            break
        if low in ("a", "an"):
            k = next_index(doc, j + 1)
            if k < n and (scale_of(doc[k].text, vocab, False) or doc[k].lower_ in DENOMINATORS) and \
                    (last is None or last == "frac" or pending_and):
                article = True
                j += 1
                continue
            break
        if low in DENOMINATORS and (last is None or last in ("unit", "teen", "ten") or pending_and):
            den = DENOMINATORS[low]
            if article or last is None or pending_and:
                if last is None and low not in FRACTIONS:
                    break  # "a fifth" alone is no count
                frac = 1.0 / den
            else:
                frac = (current - num_base) / den
                current = num_base
            k = next_index(doc, j + 1)
            while k < n and doc[k].lower_ in ("a", "an", "of"):
                k = next_index(doc, k + 1)
            next_scale = scale_of(doc[k].text, vocab, False) if k < n else None
            if next_scale is not None and (not and_scale or next_scale < and_scale):
                current += frac      # "half million", "three quarters million": the scale comes next
            elif and_scale:
                total += frac * and_scale
            else:
                current += frac
            last, pending_and, article, end = "frac", False, False, j + 1
            j += 1
            continue
        if low == "point" and last in ("unit", "teen", "ten", "hundred", "scale") and not pending_and:
            digits, dend = _decimal_words(doc, j + 1)
            if not digits:
                break
            current += float("0." + digits)
            last, end = "point", dend
            j = dend
            continue
        # Digits, possibly with a glued scale ("150M", "1.25bn") or a space-grouped continuation.
        value = parse_numeral(tok.text)
        glued_scale = None
        if value is None:
            glued = split_glued(tok.text)
            if glued is not None:
                factor = scale_of(glued[1], vocab, after_digits=True) if glued[1].lower() not in stop else None
                if factor is not None:
                    value, glued_scale = glued[0], factor
        if value is not None:
            if last == "digit" and not pending_and and _SPACE_GROUP.match(tok.text) and \
                    _LEAD_GROUP.match(doc[end - 1].text) and _space_between(doc, end - 1, j) and first_scale is None:
                current = current * 1000 + value
                end = j + 1
                j += 1
                continue
            if last is None or (last in ("hundred", "scale") and value < (last_scale or 100)):
                current += value
                last, pending_and, end = "digit", False, j + 1
                if glued_scale is not None:
                    mantissa = current if mantissa is None else mantissa
                    first_scale = first_scale or glued_scale
                    if glued_scale < 1000:
                        current *= glued_scale
                    else:
                        total += current * glued_scale
                        current, last_scale = 0.0, glued_scale
                    last = "scale"
                j += 1
                continue
            break
        # Number words, hyphenated or not ("twenty-one").
        parts = [p for p in low.split("-") if p] if "-" in low and low != "-" else [low]
        classes = [_word_value(p) for p in parts]
        if parts and all(c is not None for c in classes):
            if last in (None, "scale") or pending_and:
                num_base = current
                if not pending_and:
                    and_scale = 0.0
            ok = True
            for cls, val in classes:  # type: ignore[misc]
                allowed = {"unit": (None, "ten", "hundred", "scale"), "teen": (None, "hundred", "scale"),
                           "ten": (None, "hundred", "scale")}[cls]
                if last not in allowed:
                    ok = False
                    break
                current += val
                last = cls
            if not ok:
                break
            pending_and, end = False, j + 1
            j += 1
            continue
        # Scale words.
        if low not in stop:
            factor = scale_of(tok.text, vocab, after_digits=last == "digit")
            if factor is not None and (last is not None or (j > i and doc[prev_index(doc, j)].lower_ in ("a", "an"))) \
                    and not pending_and:
                if last_scale and factor >= last_scale and last not in ("scale", "frac"):
                    # Scales only fall after a figure: "1,250 million and 1.25 billion" is two numbers.
                    end, total, current, last = seg_end, seg_total, 0.0, "scale"
                    break
                if mantissa is None:
                    mantissa = (total + current) or 1.0
                    first_scale = factor
                if factor < 1000:
                    current = (current or 1) * factor
                    last = "hundred"
                elif current:
                    total += current * factor
                    current, last = 0.0, "scale"
                    last_scale = factor
                elif last in ("scale", "frac"):
                    total = (total or 1) * factor
                    last, last_scale = "scale", factor
                else:
                    total += factor
                    last, last_scale = "scale", factor
                end = j + 1
                if factor >= 1000:
                    seg_end, seg_total = end, total + current
                j += 1
                continue
        break
    if last is None or end == i:
        return None
    amount = total + current
    scale = 1.0
    if mantissa is not None and mantissa and first_scale:
        scale = amount / mantissa if mantissa else 1.0
    return NumberSpan(start=i, end=end, amount=_tidy(amount), scale=scale)


def _space_between(doc: Doc, a: int, b: int) -> bool:
    """True when tokens ``a`` and ``b`` are separated by one space (or a thin/no-break space token)."""
    between = doc[a:b].text_with_ws[len(doc[a].text):]  # not Doc.text: it rebuilds the whole text per call
    return between in (" ", "\u202f", "\u00a0", "\u2009")


def _tidy(value: float) -> float:
    """Round away binary noise ("1.25 * 1e9" -> 1250000000.0) without touching real decimals."""
    return float(round(value, 6)) if abs(value) < 1e15 else value


def sign_before(doc: Doc, i: int) -> tuple[float, int]:
    """(-1, index) when a 'minus'/'negative' word or a glued '-' sign precedes token ``i``; else (1, i)."""
    k = prev_index(doc, i)
    if k < 0:
        return 1.0, i
    tok: Token = doc[k]
    if tok.lower_ in SIGN_WORDS:
        return SIGN_WORDS[tok.lower_], k
    if tok.text == "-" and (k == 0 or doc[k - 1].whitespace_ or doc[k - 1].is_space) and \
            _space_between(doc, k, i) is False and not tok.whitespace_:
        return -1.0, k
    return 1.0, i


def scan_mentions(doc: Doc, text: str, kind: str, read: Callable[[Doc, int, int], tuple | None]
                  ) -> Iterator[Mention]:
    """The mentions ``read`` finds, left to right and never overlapping: ``read(doc, i, floor)`` gives the
    (start token, end token, value) of a mention whose figure starts at token ``i`` and that reaches no
    further back than ``floor`` (the end of the mention before)."""
    i, floor = 0, 0
    while i < len(doc):
        found = read(doc, i, floor)
        if found is None:
            i += 1
            continue
        start, end, value = found
        a, b = char_span(doc, start, end)
        yield Mention(kind=kind, text=text[a:b], start=a, end=b, value=value)
        i = floor = end


def char_span(doc: Doc, start: int, end: int, keep_stop: bool = False) -> tuple[int, int]:
    """Character offsets of tokens ``start``..``end`` (exclusive), without a full stop glued to the last
    token ("$1B." at a sentence end) unless ``keep_stop`` (a unit such as "sq. ft.")."""
    last = doc[end - 1]
    b = last.idx + len(last.text)
    if not keep_stop and len(last.text) > 1 and last.text.endswith("."):
        b -= 1
    return doc[start].idx, b


def squash(text: str) -> str:
    """Lower case without whitespace: the key under which phrase tables are matched ("sq. ft." -> "sq.ft.")."""
    return "".join(text.lower().split())


def match_squashed(doc: Doc, i: int, table: Mapping[str, Any], max_tokens: int = 5) -> tuple[str, int] | None:
    """The longest entry of ``table`` (keys made by ``squash``) spelled by tokens from ``i``: (key, end)."""
    i = next_index(doc, i)
    best: tuple[str, int] | None = None
    for j in range(i, min(len(doc), i + max_tokens)):
        if doc[j].is_space:
            continue
        key = squash(doc[i:j + 1].text)
        if key in table:
            best = (key, j + 1)
    return best
