"""The claims-table entry (no NLP): read ``source, subject, attribute, value [, quote, published]`` rows into
claims, and turn facts back into flat rows (facts, conflicts.csv, sources.csv).

Values are parsed by the kinds config gives the attribute (``[attributes.X] kinds``) with a small parser of
its own: money ("$150 million per month", "up to $6.3 billion", "6.3e9"), dates ("2029", "2029-06",
"June 2029", "end of 2029", "2026-07-01"), durations ("90 days", "42 months"), percentages ("-12.82%",
"nearly 17%"), counts, quantities, and text otherwise.
"""

from __future__ import annotations

import calendar
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..records import (UNASSIGNED, Claim, Count, DateValue, Duration, Fact, Money, Percent, Quantity,
                       Reconciliation, Subject, Text, Value, value_from_dict)
from .facts import camps, positions_of, reconcile_claims
from .trust import ClaimGroup
from .values import MONTHS, compatible, describe, precision

_NUMBER = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?"
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9,
           "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12}
# "A + B", "A | B", "A; B", "A, B", "A & B", "A and B" (but "AT&T" stays one name).
_SUBJECT_SPLIT = re.compile(r"\s*[+|;,]\s*|\s+(?:&|and)\s+")
# Parts of a year a modifier stands for (SPEC: "end of 2029" is 2029-10-01..2029-12-31).
_YEAR_PARTS = {"start": ("01-01", "03-31"), "mid": ("04-01", "09-30"), "end": ("10-01", "12-31")}
_MONTH_NAMES = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NAMES.update({name.lower()[:3]: i + 1 for i, name in enumerate(MONTHS)})
_MONTH_NAMES["sept"] = 9


class TableError(ValueError):
    """A claims-table row that cannot be read (names the row and the reason)."""


# ------------------------------------------------------------------------------------------ numbers

def _to_number(text: str) -> float | None:
    text = text.strip().replace("−", "-").replace(",", "")
    if not text:
        return None
    if text.lower() in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[text.lower()])
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _hedge_of(text: str, config: Mapping[str, Any]) -> tuple[str, str]:
    """Strip a leading hedge phrase: ('up to', '$6.3 billion')."""
    lowered = text.lower().strip()
    words = sorted(((w, name) for name, spec in config.get("hedges", {}).items() for w in spec.get("words", ())),
                   key=lambda t: (-len(t[0]), t))
    for word, name in words:
        if lowered.startswith(word + " ") or (word == "~" and lowered.startswith("~")):
            return name, text.strip()[len(word):].strip()
    return "exact", text.strip()


def _hedge_interval(amount: float, hedge: str, config: Mapping[str, Any]) -> tuple[float | None, float | None]:
    if hedge == "exact":
        return amount, amount
    spec = config.get("hedges", {}).get(hedge, {})
    low = None if spec.get("low") is None else amount * spec["low"]
    high = None if spec.get("high") is None else amount * spec["high"]
    if amount < 0:
        low, high = high, low
    return low, high


# -------------------------------------------------------------------------------------------- kinds

def parse_money(text: str, config: Mapping[str, Any]) -> Money | None:
    """'$150 million per month', 'up to $6.3 billion', '6.3e9', '-$10B', '€5bn a year'."""
    hedge, rest = _hedge_of(text, config)
    symbols = sorted(config.get("money", {}).get("symbols", {"$": "USD"}).items(), key=lambda kv: -len(kv[0]))
    words = dict(config.get("money", {}).get("words", {}))
    periods = dict(config.get("money", {}).get("periods", {}))
    sign = 1.0
    rest = rest.replace("−", "-")
    if rest.startswith("-"):
        sign, rest = -1.0, rest[1:].strip()
    currency = None
    for symbol, code in symbols:
        if rest.upper().startswith(symbol.upper()):
            currency, rest = code, rest[len(symbol):].strip()
            break
    if rest.startswith("-"):
        sign, rest = -1.0, rest[1:].strip()
    match = re.match(rf"^({_NUMBER})\s*([A-Za-z]+)?\b\s*(.*)$", rest)
    if not match or not match.group(1) or _to_number(match.group(1)) is None:
        return None
    amount = _to_number(match.group(1))
    assert amount is not None
    scale_word, tail = (match.group(2) or "").lower(), match.group(3).strip().lower()
    if scale_word in _SCALES:
        amount *= _SCALES[scale_word]
    elif scale_word:
        tail = f"{scale_word} {tail}".strip()
    for word in re.findall(r"[a-z]+", tail):
        if word in words and currency is None:
            currency = words[word]
    per = None
    period = re.search(r"(?:per|a|an|each|/)\s*([a-z]+)|\b(monthly|annually|annual|yearly|quarterly|weekly|daily)\b",
                       tail)
    if period:
        per = periods.get(period.group(1) or period.group(2))
    if currency is None and tail and not per and not set(re.findall(r"[a-z]+", tail)) <= {"dollars", "in", "total"}:
        return None
    amount *= sign
    low, high = _hedge_interval(amount, hedge, config)
    return Money(currency or "USD", amount, low, high, hedge, per)


def _date(value: str, granularity: str, low: str, high: str, mod: str | None = None) -> DateValue:
    return DateValue(value=value, granularity=granularity, low=low, high=high, mod=mod)


def _month(year: int, month: int, mod: str | None = None) -> DateValue:
    last = calendar.monthrange(year, month)[1]
    low, high = f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    if mod:
        low, high = {"start": (low, f"{year:04d}-{month:02d}-10"), "mid": (f"{year:04d}-{month:02d}-11",
                     f"{year:04d}-{month:02d}-20"), "end": (f"{year:04d}-{month:02d}-21", high)}[mod]
    return _date(f"{year:04d}-{month:02d}", "month", low, high, mod)


def parse_date(text: str, config: Mapping[str, Any]) -> DateValue | None:
    """'2029', '2029-06', '2026-07-01', 'June 2029', 'July 1, 2026', 'end of 2029', 'Q2 2029', 'mid-2029'."""
    s = text.strip().lower().rstrip(".")
    s = re.sub(r"^(?:through|until|till|by|from|in|on|starting|beginning|ending)\s+", "", s)
    mod = None
    for name, phrases in sorted(config.get("dates", {}).get("mods", {}).items()):
        for phrase in sorted(phrases, key=len, reverse=True):
            if s.startswith(phrase) and (len(s) == len(phrase) or not s[len(phrase)].isalpha()):
                mod, s = name, s[len(phrase):].strip(" -")
                break
        if mod:
            break
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
        if mod:
            return None
        iso = s
        return _date(iso, "day", iso, iso)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", s):
        return _month(int(m.group(1)), int(m.group(2)), mod)
    if m := re.fullmatch(r"(\d{4})", s):
        year = int(m.group(1))
        low, high = _YEAR_PARTS.get(mod or "", ("01-01", "12-31"))
        return _date(str(year), "year", f"{year}-{low}", f"{year}-{high}", mod)
    if m := re.fullmatch(r"(?:q([1-4])\s*(\d{4})|(\d{4})-?q([1-4]))", s):
        quarter, year = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
        first = 3 * quarter - 2
        last_day = calendar.monthrange(year, first + 2)[1]
        return _date(f"{year}-Q{quarter}", "quarter", f"{year}-{first:02d}-01",
                     f"{year}-{first + 2:02d}-{last_day:02d}", mod)
    if m := re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", s):
        month = _MONTH_NAMES.get(m.group(1))
        if month and not mod:
            iso = f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(2)):02d}"
            return _date(iso, "day", iso, iso)
    if m := re.fullmatch(r"([a-z]+)\.?,?\s+(\d{4})", s):
        month = _MONTH_NAMES.get(m.group(1))
        if month:
            return _month(int(m.group(2)), month, mod)
    return None


def parse_duration(text: str, config: Mapping[str, Any]) -> Duration | None:
    """'90 days', '42 months', '3.5 years', 'two weeks', "90 days' notice"."""
    m = re.match(r"^\s*([\d.,]+|[a-z]+)[\s-]+(day|week|month|year)s?\b", text.strip().lower())
    if not m:
        return None
    amount = _to_number(m.group(1))
    return None if amount is None else Duration(amount=amount, unit=m.group(2))


def parse_percent(text: str, config: Mapping[str, Any]) -> Percent | None:
    """'-12.82%', 'nearly 17%', 'down 16 percent', 'up 3%'."""
    hedge, rest = _hedge_of(text, config)
    direction = None
    if m := re.match(r"^(up|down|rose|fell|gained|lost|dropped)\s+(.*)$", rest.strip().lower()):
        direction = "up" if m.group(1) in ("up", "rose", "gained") else "down"
        rest = m.group(2)
        if hedge == "exact":
            hedge, rest = _hedge_of(rest, config)
    m = re.fullmatch(rf"\s*({_NUMBER})\s*(?:%|percent|per cent|pct)\s*", rest.replace("−", "-"), re.I)
    if not m or _to_number(m.group(1)) is None:
        return None
    amount = _to_number(m.group(1))
    assert amount is not None
    if amount < 0:
        direction, amount = "down", -amount
    elif m.group(1).startswith("+"):
        direction = "up"
    low, high = _hedge_interval(amount, hedge, config)
    return Percent(amount, low, high, hedge, direction)


def parse_count(text: str, config: Mapping[str, Any]) -> Count | None:
    """'100,000 X100 GPUs', 'about 220,000'."""
    hedge, rest = _hedge_of(text, config)
    m = re.match(rf"^({_NUMBER})\s*(thousand|million|k)?\b\s*(.*)$", rest.strip(), re.I)
    if not m or not m.group(1) or _to_number(m.group(1)) is None:
        return None
    amount = _to_number(m.group(1)) * _SCALES.get((m.group(2) or "").lower(), 1.0)  # type: ignore[operator]
    tail = m.group(3)
    model = next((x for x in sorted(config.get("counts", {}).get("models", ()), key=len, reverse=True)
                  if re.search(rf"\b{re.escape(x)}s?\b", tail, re.I)), None)
    item = next((name for name, words in sorted(config.get("counts", {}).get("items", {}).items())
                 if any(re.search(rf"\b{re.escape(w)}\b", tail, re.I) for w in words)), None)
    if tail and model is None and item is None:
        return None
    low, high = _hedge_interval(amount, hedge, config)
    return Count(amount, low, high, hedge, item, model)


def parse_quantity(text: str, config: Mapping[str, Any]) -> Quantity | None:
    """'300 MW', '1.2 gigawatts'."""
    m = re.fullmatch(rf"\s*(?:about|around|roughly)?\s*({_NUMBER})\s*(.+?)\s*", text, re.I)
    if not m or not m.group(1) or _to_number(m.group(1)) is None:
        return None
    for unit, words in sorted(config.get("quantities", {}).get("units", {}).items()):
        if m.group(2).lower() in {unit.lower(), *words}:
            return Quantity(_to_number(m.group(1)), unit)  # type: ignore[arg-type]
    return None


PARSERS = {"money": parse_money, "date": parse_date, "duration": parse_duration, "percent": parse_percent,
           "count": parse_count, "quantity": parse_quantity}


def parse_value(text: str, kinds: Iterable[str], config: Mapping[str, Any]) -> Value:
    """Parse a table cell by the attribute's kinds, in order; text when no numeric kind reads it."""
    text = str(text).strip()
    for kind in kinds:
        parser = PARSERS.get(kind)
        if parser is not None:
            value = parser(text, config)
            if value is not None:
                return value
    if any(k in PARSERS for k in kinds) and not any(k not in PARSERS for k in kinds):
        raise TableError(f"cannot read {text!r} as {'/'.join(kinds)}")
    return Text(text)


def parse_subject(text: str, config: Mapping[str, Any], kind: str | None = None) -> Subject:
    """'Acme AI + Globex', 'A|B', 'A; B', 'A, B', 'A and B' -> a deal; one name -> an entity (aliases resolved).

    ``kind`` ('deal' or 'entity', from a ``subject_kind`` column) overrides the guess from the count.
    """
    aliases = {k.casefold(): v for k, v in config.get("parties", {}).get("aliases", {}).items()}
    names = [n.strip() for n in _SUBJECT_SPLIT.split(str(text)) if n and n.strip()]
    names = list(dict.fromkeys(aliases.get(n.casefold(), n) for n in names))
    if not names:
        raise TableError("empty subject")
    if kind not in (None, "deal", "entity"):
        raise TableError(f"unknown subject_kind {kind!r} (deal or entity)")
    return Subject(kind or ("deal" if len(names) > 1 else "entity"), tuple(names))


def _cell(row: Mapping[str, Any], name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    if value.__class__ is str:  # the common case first: a cell of a CSV
        return value.strip() or None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    return text or None


REQUIRED_COLUMNS = ("source", "subject", "attribute", "value")


def claims_from_table(df: Any, config: Mapping[str, Any],
                      on_error: Callable[[TableError], None] | None = None) -> list[Claim]:
    """Read a claims table (pandas DataFrame or iterable of row dicts) into claims.

    ``source`` is an outlet name, or an article path/URL (then the claim has no outlet and the path is its
    origin). Optional columns: ``quote``, ``published``, ``attributed_to``, ``outlet``, ``article``,
    ``sentence``, ``subject_kind``, ``start``/``end``, and ``value_json`` (the exact value, as claims.csv of
    a run writes it; it wins over ``value``). A row that cannot be read raises ``TableError``, or, with
    ``on_error``, is reported there and skipped.
    """
    if hasattr(df, "columns") and hasattr(df, "iloc"):  # a DataFrame: column lists, not to_dict's boxing
        columns = list(df.columns)
        cells = [df.iloc[:, i].tolist() for i in range(len(columns))]
        rows: Iterable[Mapping[str, Any]] = (dict(zip(columns, values)) for values in zip(*cells))
    else:
        rows = list(df)
        columns = list(dict.fromkeys(k for r in rows for k in r))
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise TableError(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                         f"(a claims table has {', '.join(REQUIRED_COLUMNS)}; this one has {', '.join(map(str, columns))})")
    claims = []
    memo: dict[Any, Any] = {}  # a table repeats its values, subjects and names: parse each once
    for n, row in enumerate(rows, start=2):  # row 1 is the header in a CSV
        try:
            claims.append(_claim_of_row(row, config, memo))
        except (TableError, ValueError) as exc:
            error = TableError(f"row {n}: {exc}")
            if on_error is None:
                raise error from None
            on_error(error)
    return claims


def _claim_of_row(row: Mapping[str, Any], config: Mapping[str, Any], memo: dict[Any, Any] | None = None) -> Claim:
    source, attribute, raw = _cell(row, "source"), _cell(row, "attribute"), _cell(row, "value")
    subject_text = _cell(row, "subject")
    unassigned = attribute == UNASSIGNED  # kept as context: its subject may be unknown
    if not (source and attribute and raw and (subject_text or unassigned)):
        empty = [name for name, v in (("source", source), ("subject", subject_text), ("attribute", attribute),
                                      ("value", raw)) if not v]
        raise TableError(f"empty {', '.join(empty)}")
    attrs = _memo(memo, "attributes", lambda: {**config.get("attributes", {}), UNASSIGNED: {"kinds": tuple(PARSERS)}})
    if attribute not in attrs:
        raise TableError(f"unknown attribute {attribute!r}")
    exact = _cell(row, "value_json")
    if exact:
        value = _memo(memo, ("value_json", exact), lambda: _exact_value(exact))
    else:
        value = _memo(memo, ("value", attribute, raw),
                      lambda: parse_value(raw, attrs[attribute].get("kinds", ("text",)), config))
    kind = _cell(row, "subject_kind")
    subject = _memo(memo, ("subject", subject_text, kind),
                    lambda: parse_subject(subject_text, config, kind) if subject_text else Subject(kind or "entity", ()))
    if memo is not None:  # one string object per distinct name, not one per row
        source = memo.setdefault(("name", source), source)
        attribute = memo.setdefault(("name", attribute), attribute)
    is_path = _memo(memo, ("is_path", source), lambda: "/" in source or "\\" in source
                    or re.search(r"\.(txt|md|html?|jsonl)$", source) is not None)
    outlet = _cell(row, "outlet") or (None if is_path else source)
    quote = _cell(row, "quote") or raw
    return Claim(subject=subject, attribute=attribute, value=value, article=_cell(row, "article") or source,
                 quote=quote, outlet=outlet, attributed_to=_cell(row, "attributed_to"),
                 published=_cell(row, "published"), start=_offset(row, "start"), end=_offset(row, "end"),
                 sentence=_cell(row, "sentence") or ("" if "sentence" in row or not _cell(row, "quote") else quote))


def _exact_value(text: str) -> Value:
    try:
        return value_from_dict(json.loads(text))
    except (ValueError, TypeError, AttributeError) as exc:
        raise TableError(f"value_json {text!r} is not a value ({exc})") from None


def _memo(memo: dict[Any, Any] | None, key: Any, make: Callable[[], Any]) -> Any:
    """``make()``, remembered under ``key`` (parsing is a pure function of the cell and the config)."""
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()  # a TableError is raised again for the next row with the same cell
    return memo[key]


def _offset(row: Mapping[str, Any], name: str) -> int | None:
    text = _cell(row, name)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        raise TableError(f"{name} {text!r} is not a character offset") from None


# --------------------------------------------------------------------------------------------- rows

CONFLICT_COLUMNS = ("fact_id", "parties", "attribute", "status", "value", "confidence", "sources", "reason",
                    "value_a", "outlets_a", "quotes_a", "value_b", "outlets_b", "quotes_b", "other_values")


def conflict_rows(facts: Sequence[Fact], config: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per conflicting or refined fact: the two main competing values side by side.

    For a conflict, side a is the best-supported stated value on the side of the canonical value and side b
    the best-supported one of the strongest other side; for a refined fact, a is the most precise and b the
    least.
    Other stated values go to ``other_values`` as 'value (outlets)'.
    """
    rows = []
    for fact in facts:
        if fact.status not in ("conflict", "refined"):
            continue
        group = ClaimGroup(fact.subject, fact.attribute, fact.claims, tuple("" for _ in fact.claims),
                           tuple(c.outlet or c.article for c in fact.claims))
        if fact.status == "conflict":  # a: the best-backed value on the canonical value's side; b: the next side's
            sides, _ = camps(group, fact.value, config)
            a, b = sides[0][0], (sides[1][0] if len(sides) > 1 else None)
        else:  # refined: a is the most precise value, b the least
            positions = sorted(positions_of(group, config), key=lambda p: precision(p[0], config))
            a, b = positions[0], (positions[-1] if len(positions) > 1 else None)
        rest = [p for p in positions_of(group, config) if p is not a and p is not b and
                not (a and p[0] == a[0]) and not (b and p[0] == b[0])]

        def side(p: Any, fact: Fact = fact) -> tuple[str, str, str]:
            if p is None:
                return "", "", ""
            claims = [fact.claims[i] for i in p[1]]
            return (describe(p[0]), "; ".join(sorted({c.outlet or c.article for c in claims})),
                    " | ".join(sorted({c.quote for c in claims})))

        va, oa, qa = side(a)
        vb, ob, qb = side(b)
        rows.append({"fact_id": fact.fact_id, "parties": " + ".join(fact.subject.parties),
                     "attribute": fact.attribute, "status": fact.status, "value": describe(fact.value),
                     "confidence": round(fact.confidence, 3), "sources": fact.sources, "reason": fact.reason,
                     "value_a": va, "outlets_a": oa, "quotes_a": qa, "value_b": vb, "outlets_b": ob,
                     "quotes_b": qb,
                     "other_values": "; ".join(f"{describe(v)} ({', '.join(sorted({group.outlets[i] for i in m}))})"
                                               for v, m in rest)})
    return rows


SOURCE_COLUMNS = ("outlet", "trust", "claims", "facts", "backed", "outvoted", "origins")


def source_rows(reconciliation: Reconciliation) -> list[dict[str, Any]]:
    """One row per outlet for sources.csv, most trusted first (then by name)."""
    rows = [{"outlet": s.outlet, "trust": round(s.trust, 3), "claims": s.claims, "facts": s.facts,
             "backed": s.backed, "outvoted": s.outvoted, "origins": "; ".join(s.origins)}
            for s in reconciliation.sources]
    return sorted(rows, key=lambda r: (-r["trust"], r["outlet"]))


def reconcile_frame(df: Any, config: Mapping[str, Any] | None = None) -> Any:
    """Reconcile a claims table into a pandas DataFrame of facts: the rows of facts.csv, one per fact.

    ``df`` is a DataFrame (or row dicts) with columns ``source, subject, attribute, value`` and optional
    ``quote, published``; ``config`` defaults to the project's config.toml. A row that cannot be read
    raises ``TableError`` naming it.
    """
    from ..export import facts_frame

    if config is None:
        from ..config import load_config
        config = load_config()
    result = reconcile_claims(claims_from_table(df, config), config)
    return facts_frame([f.as_dict() for f in result.facts])


def value_json(value: Value) -> str:
    """The value as compact JSON (kind included), for a single table cell."""
    return json.dumps(value.as_dict(with_kind=True), sort_keys=True)

