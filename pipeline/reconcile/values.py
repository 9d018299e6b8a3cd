"""The value algebra: when two values are the same, when one refines the other, when both cannot be true.

Every numeric kind (money, count, percent, quantity, duration) and dates become an interval on one line
plus a *key* that says which line it lives on (currency and period of money, direction of a percentage,
model of a count, unit family of a quantity). Three relations follow:

- ``same(a, b)``: the same value stated at the same precision and hedge;
- ``refines(a, b)``: ``a`` is at least as precise as ``b`` and implied by it (raw interval inside);
- ``compatible(a, b)``: both can be true (their spans, widened by half the rounding tolerance each, meet).

Text values (chip models, places) use normalised token sets: more tokens refine fewer
("Site 2" refines "Site"); differing numbered tokens ("Site 1" / "Site 2") never match.
"""

from __future__ import annotations

import bisect
import calendar
import contextlib
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz

from ..records import Count, DateValue, Duration, Money, Party, Percent, Quantity, Text, Value

INF = math.inf
# Quantities are compared in a base unit of their family.
QUANTITY_UNITS = {"kW": ("power", 1e-3), "MW": ("power", 1.0), "GW": ("power", 1e3),
                  "sq ft": ("area", 0.09290304), "sq m": ("area", 1.0), "acre": ("area", 4046.8564224)}
DURATION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


@dataclass(frozen=True, slots=True)
class Span:
    """A value as an interval on its line: ``key`` names the line (None entries match anything)."""

    key: tuple[Any, ...]
    low: float
    high: float


def _tolerance(config: Mapping[str, Any], name: str, default: float) -> float:
    return float(config.get("tolerance", {}).get(name, default))


def _hedge_bounds(amount: float, low: float | None, high: float | None, hedge: str,
                  config: Mapping[str, Any]) -> tuple[float, float]:
    """The raw interval of a hedged amount: stated bounds, else the config's hedge factors, else a point."""
    if low is None and high is None:
        if hedge == "exact":
            return amount, amount
        spec = config.get("hedges", {}).get(hedge, {})
        f_low, f_high = spec.get("low"), spec.get("high")
        low = None if f_low is None else amount * f_low
        high = None if f_high is None else amount * f_high
        if amount < 0:
            low, high = high, low
    lo = -INF if low is None else float(low)
    hi = INF if high is None else float(high)
    # Amounts keep their sign: an open bound stops at zero ("up to $5B" is never a loss).
    if amount > 0:
        lo = max(lo, 0.0)
    elif amount < 0:
        hi = min(hi, 0.0)
    return min(lo, hi), max(lo, hi)


def iso_ordinal(text: str) -> int:
    """An ISO day 'YYYY-MM-DD' as a day number."""
    return date.fromisoformat(text).toordinal()


# Spans memoised for the duration of one reconciliation (see ``memo_spans``): a value's span is asked for
# many times (status, atoms, positions, precision) and values repeat across claims.
_MEMO: dict[str, Any] = {"config": None, "raw": {}, "span": {}, "sort": {}, "describe": {}, "positions": {},
                         "precision": {}, "line": {}}


@contextlib.contextmanager
def memo_spans(config: Mapping[str, Any]) -> Iterator[None]:
    """Within the block, ``raw_span``/``span`` remember their answers for ``config`` (which must not change
    meanwhile) and for the empty config; the memo is dropped on leaving. Inside a block for the same config
    (a command that reconciles and then writes) the outer memo is kept."""
    if _MEMO["config"] is config:
        yield
        return
    outer = dict(_MEMO)
    _MEMO.update(config=config, raw={}, span={}, sort={}, describe={}, positions={}, precision={}, line={})
    try:
        yield
    finally:
        _MEMO.clear()
        _MEMO.update(outer)


def memo_table(name: str, config: Mapping[str, Any]) -> dict[Any, Any] | None:
    """The memo called ``name`` while one for ``config`` is active (see ``memo_spans``), else None."""
    return _MEMO[name] if _MEMO["config"] is not None and config is _MEMO["config"] else None


def _remembered(name: str, key: Any, compute: Callable[[], Any]) -> Any:
    """The answer the active memo ``name`` holds for ``key``, computed (and kept) on the first call; an
    unhashable key is computed every time."""
    memo = _MEMO[name]
    try:
        return memo[key]
    except KeyError:
        found = memo[key] = compute()
        return found
    except TypeError:  # an unhashable value: no memo
        return compute()


def raw_span(value: Value, config: Mapping[str, Any]) -> Span | None:
    """The value's own interval (no tolerance); None for text-like values."""
    if _MEMO["config"] is not None and (config is _MEMO["config"] or not config):
        return _remembered("raw", (value, not config), lambda: _raw_span(value, config))
    return _raw_span(value, config)


def _raw_span(value: Value, config: Mapping[str, Any]) -> Span | None:
    if isinstance(value, Money):
        sign = (value.amount > 0) - (value.amount < 0)
        lo, hi = _hedge_bounds(value.amount, value.low, value.high, value.hedge, config)
        return Span(("money", value.currency, value.per or "total", sign), lo, hi)
    if isinstance(value, Count):
        lo, hi = _hedge_bounds(value.amount, value.low, value.high, value.hedge, config)
        return Span(("count", value.model), lo, hi)
    if isinstance(value, Percent):
        lo, hi = _hedge_bounds(abs(value.amount), _abs(value.low), _abs(value.high), value.hedge, config)
        return Span(("percent", percent_direction(value)), lo, hi)
    if isinstance(value, Quantity):
        family, factor = QUANTITY_UNITS.get(value.unit, (value.unit, 1.0))
        return Span(("quantity", family), value.amount * factor, value.amount * factor)
    if isinstance(value, Duration):
        return Span(("duration",), value.days, value.days)
    if isinstance(value, DateValue):
        return Span(("date",), float(iso_ordinal(value.low)), float(iso_ordinal(value.high)))
    return None


def _abs(x: float | None) -> float | None:
    return None if x is None else abs(x)


def percent_direction(value: Percent) -> str | None:
    """'up', 'down' or None (unknown): a negative amount without direction means down."""
    if value.direction:
        return value.direction
    return "down" if value.amount < 0 else None


def span(value: Value, config: Mapping[str, Any], scale: float = 0.5) -> Span | None:
    """The raw interval widened by ``scale`` x the kind's rounding tolerance on each side.

    With scale 0.5 two exact amounts are compatible when they differ by about the tolerance at most.
    """
    if _MEMO["config"] is not None and config is _MEMO["config"]:
        return _remembered("span", (value, scale), lambda: _span(value, config, scale))
    return _span(value, config, scale)


def _span(value: Value, config: Mapping[str, Any], scale: float) -> Span | None:
    raw = raw_span(value, config)
    if raw is None:
        return None
    if isinstance(value, Percent):
        pad = scale * _tolerance(config, "percent_abs", 0.1)
        return Span(raw.key, raw.low - pad, raw.high + pad)
    if isinstance(value, DateValue):
        return raw
    rel = {Money: ("money_rel", 0.02), Count: ("count_rel", 0.02), Quantity: ("count_rel", 0.02),
           Duration: ("duration_rel", 0.02)}[type(value)]
    tol = scale * _tolerance(config, *rel)
    if isinstance(value, Money | Count) and value.hedge == "exact" and round_figure(value.amount):
        # "$9 billion" beside "$9.4 billion": a round figure may be a rounding of the precise one
        tol = max(tol, _tolerance(config, "round_rel", 0.0))
    return Span(raw.key, _widen(raw.low, -tol), _widen(raw.high, tol))


def round_figure(amount: float) -> bool:
    """A figure of one significant digit of at least 10 ('9 billion', '30,000', '200'): possibly rounded."""
    size = abs(amount)
    if size < 10:
        return False
    step = 10 ** math.floor(math.log10(size))
    return abs(size / step - round(size / step)) < 1e-9


def _widen(x: float, rel: float) -> float:
    if math.isinf(x):
        return x
    return x + rel * abs(x) if rel > 0 else x - (-rel) * abs(x)


def keys_match(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Two span keys name the same line: equal, or one side does not say (None)."""
    if len(a) != len(b) or a[0] != b[0]:
        return False
    return all(x == y or x is None or y is None for x, y in zip(a[1:], b[1:]))


# --------------------------------------------------------------------------------------------- text

_TOKEN = re.compile(r"[a-z0-9]+")


def text_of(value: Value) -> str:
    return value.name if isinstance(value, Party) else getattr(value, "value", "")


def tokens(value: Value) -> frozenset[str]:
    """Normalised tokens of a text value: lower case, punctuation dropped, 'data center' noise kept."""
    return frozenset(_TOKEN.findall(text_of(value).lower()))


def _text_compatible(a: Value, b: Value, config: Mapping[str, Any]) -> bool:
    ta, tb = tokens(a), tokens(b)
    if ta <= tb or tb <= ta:
        return True
    only_a = {t for t in ta - tb if any(ch.isdigit() for ch in t)}
    only_b = {t for t in tb - ta if any(ch.isdigit() for ch in t)}
    if only_a and only_b:
        return False  # "Site 1" vs "Site 2", "X100" vs "X200": different things
    threshold = _tolerance(config, "fuzzy_text", 85)
    return fuzz.token_set_ratio(" ".join(sorted(ta)), " ".join(sorted(tb))) >= threshold


def is_textual(value: Value) -> bool:
    return isinstance(value, Text | Party)


# ---------------------------------------------------------------------------------------- relations

def same(a: Value, b: Value) -> bool:
    """The same value at the same precision ('$1.25 billion' == '$1,250 million')."""
    if type(a) is not type(b):
        return False
    if is_textual(a):
        return tokens(a) == tokens(b)
    if isinstance(a, DateValue):
        return (a.low, a.high, a.granularity, a.mod) == (b.low, b.high, b.granularity, b.mod)  # type: ignore[union-attr]
    if isinstance(a, Duration):
        return math.isclose(a.days, b.days, rel_tol=1e-6)  # type: ignore[union-attr]
    ra, rb = raw_span(a, {}), raw_span(b, {})
    if isinstance(a, Quantity):  # "300 MW" is "0.3 GW": compare in the base unit
        return ra is not None and rb is not None and ra.key == rb.key and math.isclose(ra.low, rb.low, rel_tol=1e-9)
    hedge_a, hedge_b = getattr(a, "hedge", "exact"), getattr(b, "hedge", "exact")
    return (ra is not None and rb is not None and ra.key == rb.key and hedge_a == hedge_b
            and math.isclose(_amount(a), _amount(b), rel_tol=1e-9, abs_tol=1e-12))


def _amount(value: Value) -> float:
    return abs(value.amount) if isinstance(value, Percent) else float(getattr(value, "amount", 0.0))


def compatible(a: Value, b: Value, config: Mapping[str, Any]) -> bool:
    """Both values can be true at once (symmetric)."""
    if is_textual(a) and is_textual(b):
        return _text_compatible(a, b, config)
    sa, sb = span(a, config), span(b, config)
    if sa is None or sb is None or type(a) is not type(b):
        return False
    return keys_match(sa.key, sb.key) and sa.low <= sb.high and sb.low <= sa.high


def any_incompatible(values: Sequence[Value], config: Mapping[str, Any]) -> bool:
    """Whether two of ``values`` cannot both be true: ``not compatible(a, b)`` for some pair, without all pairs.

    Numeric values of one kind whose keys all match can all be true together exactly when their spans share a
    point (intervals on a line meet pairwise iff they share one: the largest low is at most the smallest high);
    text values are compared pairwise but once per distinct token set; a mix of kinds always clashes.
    """
    if len(values) < 2:
        return False
    distinct = list(dict.fromkeys(values))
    if all(is_textual(v) for v in distinct):
        forms = list({tokens(v): v for v in distinct}.values())
        return any(not _text_compatible(a, b, config) for i, a in enumerate(forms) for b in forms[i + 1:])
    if len({type(v) for v in distinct}) > 1:
        return True  # a text and a number, or two kinds of number, are never compatible
    spans = [span(v, config) for v in distinct]
    if any(s is None for s in spans):
        return True  # a value without a span is compatible with nothing, not even its own copy
    keys = list(dict.fromkeys(s.key for s in spans))  # type: ignore[union-attr]
    if any(not keys_match(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]):
        return True
    lows = [s.low for s in spans]  # type: ignore[union-attr]
    highs = [s.high for s in spans]  # type: ignore[union-attr]
    if any(math.isnan(x) for x in (*lows, *highs)):  # NaN meets nothing: keep the pairwise definition
        return any(not compatible(a, b, config) for i, a in enumerate(distinct) for b in distinct[i + 1:]) \
            or len(distinct) < len(values) and any(not compatible(v, v, config) for v in distinct)
    return max(lows) > min(highs)


def _same_line(value: Value) -> tuple[Any, float, float, float] | None:
    """Where ``same`` can hold: (bucket, amount, relative tolerance, absolute tolerance); None when only an
    identical bucket counts (text, dates) -- see ``same``. Two values are ``same`` only within one bucket."""
    if _MEMO["config"] is not None:  # no config involved: any active memo will do
        return _remembered("line", value, lambda: _line_of(value))
    return _line_of(value)


def _line_of(value: Value) -> tuple[Any, float, float, float] | None:
    if is_textual(value):
        return ((type(value), tokens(value)), 0.0, 0.0, 0.0)
    if isinstance(value, DateValue):
        return ((DateValue, value.low, value.high, value.granularity, value.mod), 0.0, 0.0, 0.0)
    if isinstance(value, Duration):
        return ((Duration,), float(value.days), 1e-6, 0.0)
    raw = raw_span(value, {})
    if raw is None:
        return None
    if isinstance(value, Quantity):
        return ((Quantity, raw.key), raw.low, 1e-9, 0.0)
    return ((type(value), raw.key, getattr(value, "hedge", "exact")), _amount(value), 1e-9, 1e-12)


class SameIndex:
    """Values grouped for ``same`` lookups by sorting, not by comparing every pair.

    ``add`` files a value under its bucket (kind, line, hedge), kept sorted by amount; ``matches`` returns
    the filed entries ``same`` as a value, checking only those whose amount lies within the tolerance window
    (``same`` needs |a - b| <= max(rel * max(|a|, |b|), abs), so |a - b| <= 2 * rel * |a| + abs).
    """

    def __init__(self) -> None:
        self._buckets: dict[Any, tuple[list[float], list[int]]] = {}
        self.values: list[Value] = []

    def add(self, value: Value) -> int:
        """File ``value``; returns its entry number."""
        n = len(self.values)
        self.values.append(value)
        line = _same_line(value)
        if line is not None and not math.isnan(line[1]):  # NaN is never `same`: it needs no place
            amounts, entries = self._buckets.setdefault(line[0], ([], []))
            at = bisect.bisect_right(amounts, line[1])
            amounts.insert(at, line[1])
            entries.insert(at, n)
        return n

    def matches(self, value: Value) -> list[int]:
        """The entry numbers of the filed values ``same`` as ``value``, in filing order."""
        line = _same_line(value)
        if line is None or line[0] not in self._buckets or math.isnan(line[1]):
            return []
        amounts, entries = self._buckets[line[0]]
        amount, rel, tol = line[1], line[2], line[3]
        if math.isfinite(amount):
            reach = 2.0 * rel * abs(amount) + 2.0 * tol
            lo, hi = bisect.bisect_left(amounts, amount - reach), bisect.bisect_right(amounts, amount + reach)
        else:
            lo, hi = 0, len(entries)
        return sorted(n for n in entries[lo:hi] if same(self.values[n], value))


def group_same(values: Sequence[Value]) -> list[tuple[Value, list[int]]]:
    """Distinct stated values (the first of each), each with the indices stating it: value i joins the first
    earlier group whose value is ``same`` as it, else starts one."""
    index = SameIndex()
    out: list[tuple[Value, list[int]]] = []
    exact: dict[Value, int] = {}
    for i, value in enumerate(values):
        try:
            home = exact.get(value)
        except TypeError:  # an unhashable field: look it up like any other value
            home = None
        if home is None:
            found = index.matches(value)
            home = found[0] if found else None
        if home is None:
            home = index.add(value)
            out.append((value, []))
            if same(value, value):  # identical values then land here at once
                try:
                    exact[value] = home
                except TypeError:
                    pass
        out[home][1].append(i)
    return out


def count_same(values: Sequence[Value]) -> Any:
    """A function giving, for any value, how many of ``values`` are ``same`` as it."""
    counts: dict[Value, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    index = SameIndex()
    distinct = list(counts)
    for v in distinct:
        index.add(v)

    def count(value: Value) -> int:
        return sum(counts[distinct[n]] for n in index.matches(value))

    return count


def covers(claim: Span, point: float, key: tuple[Any, ...]) -> bool:
    """The claim's span contains the point on the keyed line."""
    return keys_match(claim.key, key) and claim.low <= point <= claim.high


def refines(a: Value, b: Value, config: Mapping[str, Any]) -> bool:
    """``a`` is at least as precise as ``b`` and implied by it: a partial order (reflexive, transitive)."""
    if is_textual(a) and is_textual(b):
        return tokens(b) <= tokens(a)
    if type(a) is not type(b):
        return False
    ra, rb = raw_span(a, config), raw_span(b, config)
    if ra is None or rb is None or not _key_refines(ra.key, rb.key):
        return False
    return rb.low <= ra.low and ra.high <= rb.high


def _key_refines(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Key ``a`` says at least what ``b`` says (b's None is 'unknown')."""
    return len(a) == len(b) and a[0] == b[0] and all(y is None or x == y for x, y in zip(a[1:], b[1:]))


def relation(a: Value, b: Value, config: Mapping[str, Any]) -> str:
    """'same', 'refines' (a more precise), 'refined_by', 'compatible' or 'incompatible'."""
    if same(a, b):
        return "same"
    if not compatible(a, b, config):
        return "incompatible"
    if refines(a, b, config):
        return "refines"
    if refines(b, a, config):
        return "refined_by"
    return "compatible"


def precision(value: Value, config: Mapping[str, Any]) -> tuple[float, float]:
    """A sort key: smaller is more precise (interval width first, then fewer significant digits last)."""
    if _MEMO["config"] is not None and config is _MEMO["config"]:
        return _remembered("precision", value, lambda: _precision(value, config))
    return _precision(value, config)


def _precision(value: Value, config: Mapping[str, Any]) -> tuple[float, float]:
    if is_textual(value):
        return (-float(len(tokens(value))), -float(len(text_of(value))))
    if isinstance(value, Duration):
        return (0.0, float(DURATION_RANK[value.unit]))
    raw = raw_span(value, config)
    assert raw is not None
    width = raw.high - raw.low
    digits = _significant_digits(_amount(value)) if not isinstance(value, DateValue) else 0
    return (width, -float(digits))


def _significant_digits(x: float) -> int:
    if x == 0 or math.isinf(x) or math.isnan(x):
        return 0
    text = f"{abs(x):.12g}".replace(".", "").lstrip("0").rstrip("0")
    return len(text)


def sort_key(value: Value) -> tuple[str, str]:
    """A deterministic order of values (kind, then its repr)."""
    if _MEMO["config"] is not None:
        memo = _MEMO["sort"]
        found = memo.get(value)
        if found is None:
            found = memo[value] = (value.KIND, repr(value.as_dict()))
        return found
    return (value.KIND, repr(value.as_dict()))


# ----------------------------------------------------------------------------------------- describe

def describe(value: Value | Mapping[str, Any] | str | None) -> str:
    """The one human rendering of a value, for reasons, tables, the audit view and the report.

    Takes a value record or its SPEC dict (fields may be missing: a hand-written or corrected value):
    '$150M/month', 'up to $6.3B', 'June 2029', 'July 1, 2026', 'end of 2029', '42 months', 'down 12.5%'.
    A string (a reviewer's correction) is returned as it is.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if _MEMO["config"] is not None and not isinstance(value, Mapping):
        memo = _MEMO["describe"]
        found = memo.get(value)
        if found is None:
            found = memo[value] = _describe(value)
        return found
    return _describe(value)


def _describe(value: Value | Mapping[str, Any]) -> str:
    d: Mapping[str, Any] = value if isinstance(value, Mapping) else value.as_dict(with_kind=True)
    kind = d.get("kind")
    hedge = _hedge_word(d.get("hedge") or "exact")
    amount = float(d.get("amount") or 0)
    span = _written_range(d, amount)
    if kind == "money":
        per = d.get("per")
        currency = str(d.get("currency") or "USD")
        shown = (f"{format_money(span[0], currency)}–{format_money(span[1], currency)}" if span
                 else f"{hedge}{format_money(amount, currency)}")
        return f"{shown}{'/' + per if per else ''}"
    if kind == "date":
        return describe_date(d)
    if kind == "duration":
        return f"{format_number(amount)} {d.get('unit') or ''}{'' if amount == 1 else 's'}".strip()
    if kind == "percent":
        direction = d.get("direction") or ("down" if amount < 0 else None)
        way = f"{direction} " if direction in ("up", "down") else ""
        return f"{way}{hedge}{format_number(abs(amount))}%"
    if kind == "count":
        item = d.get("item")
        what = " ".join(x for x in (d.get("model"), item and (item if amount == 1 else item + "s")) if x)
        shown = f"{format_number(span[0])}–{format_number(span[1])}" if span else f"{hedge}{format_number(amount)}"
        return f"{shown}{' ' + what if what else ''}"
    if kind == "quantity":
        return f"{format_number(amount)} {d.get('unit') or ''}".strip()
    if kind == "party" or "name" in d:
        return str(d.get("name", ""))
    if "value" in d:
        return str(d["value"])
    return json.dumps(dict(d), ensure_ascii=False, sort_keys=True)


def _written_range(d: Mapping[str, Any], amount: float) -> tuple[float, float] | None:
    """(low, high) when the text gave a range or a vague span ('between $5B and $6B', 'tens of billions'),
    not a rounding hedge around one figure ('about $6.3B' is +-5%)."""
    low, high = d.get("low"), d.get("high")
    if d.get("hedge") != "about" or low is None or high is None or not low > 0 or not amount:
        return None
    return (float(low), float(high)) if (float(high) - float(low)) > 0.15 * abs(amount) else None


def _hedge_word(hedge: str) -> str:
    return "" if hedge == "exact" else ("well over " if hedge == "over" else hedge + " ")


def format_number(x: float) -> str:
    """'1,250', '42', '6.85' (at most four decimals)."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def format_money(amount: float, currency: str = "USD") -> str:
    """'$6.3B', '$150M', '-$10B', '€500K', 'CHF 3M'."""
    sign = "-" if amount < 0 else ""
    a = abs(amount)
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= scale:
            num = f"{a / scale:.3f}".rstrip("0").rstrip(".")
            break
    else:
        num, suffix = format_number(a), ""
    symbol = CURRENCY_SIGNS.get(currency)
    return f"{sign}{symbol}{num}{suffix}" if symbol else f"{sign}{currency} {num}{suffix}"


def describe_date(value: DateValue | Mapping[str, Any]) -> str:
    """'2029', 'Q2 2029', 'June 2029', 'July 1, 2026', with 'start of', 'mid-' or 'end of' before it."""
    d: Mapping[str, Any] = value if isinstance(value, Mapping) else value.as_dict()
    iso, granularity = str(d.get("value", "")), d.get("granularity")
    try:
        if granularity == "day":
            text = f"{MONTHS[int(iso[5:7]) - 1]} {int(iso[8:10])}, {iso[:4]}"
        elif granularity == "month":
            text = f"{MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"
        elif granularity == "quarter":
            text = f"{iso[5:]} {iso[:4]}"
        else:
            text = iso
    except (ValueError, IndexError):
        text = iso
    mods = {"start": "start of ", "mid": "mid-", "end": "end of "}
    return mods.get(d.get("mod") or "", "") + text


# ------------------------------------------------------------------------------------- date helpers

def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (clipped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_between(start: date, end_inclusive: date) -> float:
    """Months from ``start`` to the day after ``end_inclusive`` (2026-07-01..2029-06-30 -> 36)."""
    stop = end_inclusive + timedelta(days=1)
    whole = (stop.year - start.year) * 12 + stop.month - start.month
    anchor = add_months(start, whole)
    if anchor > stop:
        whole -= 1
        anchor = add_months(start, whole)
    days_in = calendar.monthrange(anchor.year, anchor.month)[1]
    return round(whole + (stop - anchor).days / days_in, 2)


def month_value(day: date) -> DateValue:
    """The calendar month holding ``day`` as a month-granular DateValue."""
    last = calendar.monthrange(day.year, day.month)[1]
    return DateValue(value=f"{day.year:04d}-{day.month:02d}", granularity="month",
                     low=f"{day.year:04d}-{day.month:02d}-01", high=f"{day.year:04d}-{day.month:02d}-{last:02d}")


def day_value(day: date) -> DateValue:
    iso = day.isoformat()
    return DateValue(value=iso, granularity="day", low=iso, high=iso)
