"""Arithmetic between the facts of one subject, from ``[arithmetic] relations`` in the config.

A relation ``result = left OP right`` (OP is ``*`` or ``+``; operands are attributes or numbers) is used
forwards and backwards: ``total_value = monthly_payment * term_length`` also gives an implied term
(total / monthly) and, chained with ``end_date = start_date + term_length``, an implied end date. The
derived values are evidence, never claims of an outlet: a claim that agrees with one gains support, a
claim that breaks one is named in the fact's reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Union

from pipeline.records import UNIT_DAYS, DateValue, Duration, Money, Value
from .values import (Span, add_months, describe, format_money, format_number, keys_match, month_value,
                     months_between, raw_span, day_value)

Operand = Union[str, float]
# Date arithmetic needs a month or a day: "2026" + 3 years says nothing about the month a term ends.
FINE = ("month", "day")
_FORMULA = re.compile(r"^\s*([A-Za-z_][\w]*|[\d.]+)\s*([*+])\s*([A-Za-z_][\w]*|[\d.]+)\s*$")


@dataclass(frozen=True, slots=True)
class Relation:
    """``result = left op right`` between attributes of one subject."""

    name: str
    result: str
    left: Operand
    op: str
    right: Operand


@dataclass(frozen=True, slots=True)
class Derivation:
    """A value of ``attribute`` computed from other facts; ``statement`` is the relation written out."""

    attribute: str
    value: Value
    relation: Relation
    statement: str
    basis: frozenset[str]
    inputs: tuple[tuple[str, Value], ...]
    via: Derivation | None = None
    strength: int = 1

    def summary(self) -> str:
        """'$150M/month x 42 months = $6.3B supports December 2029' or the bare statement."""
        if self.via is not None:
            return f"{self.via.statement} supports {describe(self.value)}"
        return self.statement


def parse_relations(config: Mapping[str, Any]) -> tuple[Relation, ...]:
    """The relations of ``[arithmetic] relations`` (malformed ones are skipped)."""
    out = []
    for spec in config.get("arithmetic", {}).get("relations", ()):
        match = _FORMULA.match(str(spec.get("formula", "")))
        if not match or not spec.get("result"):
            continue
        left, op, right = match.groups()
        out.append(Relation(str(spec.get("name", spec["result"])), str(spec["result"]), _operand(left), op,
                            _operand(right)))
    return tuple(out)


def _operand(text: str) -> Operand:
    try:
        return float(text)
    except ValueError:
        return text


# ------------------------------------------------------------------------------------ value algebra

def _months(duration: Duration) -> float:
    return duration.days / UNIT_DAYS["month"]


def _multiply(a: Value | float, b: Value | float, per: str | None) -> Value | None:
    if isinstance(b, Money) and not isinstance(a, Money):
        a, b = b, a
    if isinstance(a, Money) and isinstance(b, float):
        return Money(a.currency, a.amount * b, per=per)
    if isinstance(a, Money) and isinstance(b, Duration) and a.per in UNIT_DAYS:
        return Money(a.currency, a.amount * b.days / UNIT_DAYS[a.per], per=per)
    return None


def _divide(total: Value, part: Value | float, target_kinds: tuple[str, ...], per: str | None) -> Value | None:
    if not isinstance(total, Money):
        return None
    if isinstance(part, float) and part:
        return Money(total.currency, total.amount / part, per=per)
    if isinstance(part, Money) and part.amount and part.currency == total.currency and part.per in UNIT_DAYS \
            and total.per != part.per and "duration" in target_kinds and total.per is None:
        amount = round(total.amount / part.amount, 1)
        unit = part.per if part.per in ("day", "week", "month", "year") else "month"
        return Duration(amount=amount, unit=unit)
    if isinstance(part, Duration) and part.days and per in UNIT_DAYS:
        return Money(total.currency, total.amount / (part.days / UNIT_DAYS[per]), per=per)
    return None


def _whole_months(duration: Duration) -> int | None:
    months = duration.amount * (12 if duration.unit == "year" else 1)
    if duration.unit in ("month", "year") and abs(months - round(months)) < 0.05:
        return int(round(months))
    return None


def _add(start: Value, term: Value) -> Value | None:
    """Last day of a term that begins on ``start`` (inclusive): 2026-07-01 + 42 months -> December 2029."""
    if not isinstance(start, DateValue) or not isinstance(term, Duration) or start.granularity not in FINE:
        return None
    first = date.fromisoformat(start.low)
    months = _whole_months(term)
    if months is not None:
        return month_value(add_months(first, months) - timedelta(days=1))
    return day_value(first + timedelta(days=round(term.days) - 1))


def _subtract(end: Value, other: Value) -> Value | None:
    if not isinstance(end, DateValue) or end.granularity not in FINE or end.mod:
        return None
    last = date.fromisoformat(end.high)
    if isinstance(other, Duration):
        months = _whole_months(other)
        if months is not None:
            return month_value(add_months(last + timedelta(days=1), -months))
        return day_value(last - timedelta(days=round(other.days) - 1))
    if isinstance(other, DateValue) and other.granularity in FINE:
        months = round(months_between(date.fromisoformat(other.low), last), 1)
        return Duration(amount=months, unit="month") if months > 0 else None
    return None


def _render(x: Value | float) -> str:
    if isinstance(x, float):
        return format_number(x)
    if isinstance(x, Money):  # the amount as computed: hedges belong to claims, not to arithmetic
        return format_money(x.amount, x.currency) + (f"/{x.per}" if x.per else "")
    return describe(x)


# ------------------------------------------------------------------------------------------ deriving

def derive(known: Mapping[str, Value], config: Mapping[str, Any],
           origins: Mapping[str, int] | None = None) -> dict[str, tuple[Derivation, ...]]:
    """Every value the relations imply for each attribute of one subject, from its ``known`` values.

    ``known`` holds the undisputed canonical values (attribute -> value); ``origins`` how many independent
    origins state each (a derivation is as strong as its weakest input). A derivation never rests on the
    attribute it derives (no circular support); implied values may feed one more step (total / monthly
    -> term, then start + term -> end).
    """
    attrs = config.get("attributes", {})
    relations = parse_relations(config)
    derived: dict[str, list[Derivation]] = {}
    done: set[tuple[str, str, str]] = set()

    def options(operand: Operand, target: str) -> list[tuple[Value | float, Derivation | None, frozenset[str]]]:
        if isinstance(operand, float):
            return [(operand, None, frozenset())]
        out: list[tuple[Value | float, Derivation | None, frozenset[str]]] = []
        if operand in known:
            out.append((known[operand], None, frozenset({operand})))
        out.extend((d.value, d, d.basis) for d in derived.get(operand, ()) if target not in d.basis)
        return out

    for _round in range(2):
        for rel in relations:
            for target in (rel.result, rel.left, rel.right):
                if isinstance(target, float) or (target, rel.name, "x") in done or target not in attrs:
                    continue
                spec = attrs[target]
                kinds = tuple(spec.get("kinds", ()))
                per = spec.get("per")
                others = [o for o in (rel.result, rel.left, rel.right) if o != target]
                if len(others) != 2:
                    continue
                for first in options(others[0], target):
                    seconds = options(others[1], target)
                    if not seconds:
                        break
                    second = seconds[0]
                    value = _solve(rel, target, {others[0]: first[0], others[1]: second[0]}, kinds, per)
                    if value is None or value.KIND not in kinds:
                        continue
                    trio = {others[0]: first[0], others[1]: second[0], target: value}
                    statement = (f"{_render(trio[rel.left])} {'x' if rel.op == '*' else '+'} "
                                 f"{_render(trio[rel.right])} = {_render(trio[rel.result])}")
                    via = first[1] or second[1]
                    inputs = tuple((o, v) for o, v in ((others[0], first[0]), (others[1], second[0]))
                                   if isinstance(o, str) and not isinstance(v, float))
                    basis = first[2] | second[2]
                    strength = min((origins or {}).get(a, 1) for a in basis) if basis else 1
                    derived.setdefault(target, []).append(Derivation(
                        target, value, rel, statement, basis, inputs, via, strength))  # type: ignore[arg-type]
                    done.add((target, rel.name, "x"))
                    break
    return {k: tuple(v) for k, v in sorted(derived.items())}


def _solve(rel: Relation, target: Operand, values: dict[Operand, Value | float], kinds: tuple[str, ...],
           per: str | None) -> Value | None:
    if rel.op == "*":
        if target == rel.result:
            return _multiply(values[rel.left], values[rel.right], per)
        other = rel.right if target == rel.left else rel.left
        total = values[rel.result]
        return _divide(total, values[other], kinds, per) if not isinstance(total, float) else None
    if target == rel.result:
        return _add(values[rel.left], values[rel.right])  # type: ignore[arg-type]
    other = rel.right if target == rel.left else rel.left
    result = values[rel.result]
    if isinstance(result, float) or isinstance(values[other], float):
        return None
    return _subtract(result, values[other])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------- checking

def derived_span(derivation: Derivation, config: Mapping[str, Any]) -> Span | None:
    """The derived value's interval widened by ``[arithmetic] tolerance`` (relative; dates stay as they are)."""
    raw = raw_span(derivation.value, config)
    if raw is None:
        return None
    if isinstance(derivation.value, DateValue):
        return raw
    tol = float(config.get("arithmetic", {}).get("tolerance", 0.03))
    return Span(raw.key, raw.low - tol * abs(raw.low), raw.high + tol * abs(raw.high))


def consistent(claim_value: Value, derivation: Derivation, config: Mapping[str, Any]) -> bool:
    """A claimed value can be true together with the derived one."""
    a, b = raw_span(claim_value, config), derived_span(derivation, config)
    if a is None or b is None:
        return True
    return keys_match(a.key, b.key) and a.low <= b.high and b.low <= a.high


def explain_break(claim_value: Value, derivation: Derivation) -> str | None:
    """What a claimed end date implies, when that shows the break best.

    For an end date derived as start + (total / monthly): 'June 2029 gives 36 months x $150M/month = $5.4B,
    not $6.3B'. None otherwise: the reason then says '<derivation>, not <claimed value>'.
    """
    via = derivation.via
    if not isinstance(claim_value, DateValue) or via is None or derivation.relation.op != "+" \
            or derivation.attribute != derivation.relation.result or via.relation.op != "*":
        return None
    start = next((v for a, v in derivation.inputs if isinstance(v, DateValue)), None)
    rate = next((v for _, v in via.inputs if isinstance(v, Money) and v.per), None)
    total = next((v for _, v in via.inputs if isinstance(v, Money) and not v.per), None)
    if start is None or rate is None or total is None:
        return None
    months = months_between(date.fromisoformat(start.low), date.fromisoformat(claim_value.high))
    if months <= 0:
        return None
    implied = rate.amount * months * UNIT_DAYS["month"] / UNIT_DAYS[rate.per or "month"]
    return (f"{describe(claim_value)} gives {format_number(months)} months x {describe(rate)} = "
            f"{format_money(implied, rate.currency)}, not {format_money(total.amount, total.currency)}")
