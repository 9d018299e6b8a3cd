"""The typed records that flow one way through the stages: Article -> Analysis(Mention) -> Claim -> Fact.

Records are frozen, slotted and hold only immutable fields. They normalise in ``__post_init__`` and
know how to become plain dicts (``as_dict``) in the SPEC shapes; nothing else lives here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Union

# The attribute of a claim whose subject or scope could not be established (SPEC): kept, never a fact.
UNASSIGNED = "unassigned"
HEDGES = ("exact", "about", "up to", "at least", "more than", "less than", "nearly", "over")
PERIODS = (None, "day", "week", "month", "quarter", "year", "share")
GRANULARITIES = ("year", "quarter", "month", "day")
DATE_MODS = (None, "start", "mid", "end")
DURATION_UNITS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year")
# Approximate length of a unit in days; used to compare durations and to do date arithmetic.
UNIT_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.4375,
             "quarter": 91.3125, "year": 365.25}
STATUSES = ("agreed", "refined", "conflict", "single")


def content_id(*parts: object, length: int = 16) -> str:
    """A stable hex id from the given parts (so ids do not change between runs)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


class _ValueBase:
    """Shared behaviour of value records: ``as_dict`` gives the SPEC mention value shape."""

    KIND: ClassVar[str] = ""
    __slots__ = ()

    def as_dict(self, with_kind: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.KIND} if with_kind else {}
        for f in fields(self):  # type: ignore[arg-type]
            out[f.name] = _plain(getattr(self, f.name))
        return out


@dataclass(frozen=True, slots=True)
class Money(_ValueBase):
    """An amount of money in one currency; ``low``/``high`` is the interval the hedge implies."""

    KIND: ClassVar[str] = "money"
    currency: str
    amount: float
    low: float | None = None
    high: float | None = None
    hedge: str = "exact"
    per: str | None = None

    def __post_init__(self) -> None:
        if self.hedge not in HEDGES:
            raise ValueError(f"unknown hedge {self.hedge!r}")
        if self.per not in PERIODS:
            raise ValueError(f"unknown period {self.per!r}")
        object.__setattr__(self, "currency", self.currency.upper())


@dataclass(frozen=True, slots=True)
class DateValue(_ValueBase):
    """A date at its own granularity: ``value`` is an ISO prefix, ``low``/``high`` ISO days."""

    KIND: ClassVar[str] = "date"
    value: str
    granularity: str
    low: str
    high: str
    mod: str | None = None
    relative: bool = False

    def __post_init__(self) -> None:
        if self.granularity not in GRANULARITIES:
            raise ValueError(f"unknown granularity {self.granularity!r}")
        if self.mod not in DATE_MODS:
            raise ValueError(f"unknown date modifier {self.mod!r}")
        if self.low > self.high:
            raise ValueError(f"empty date interval {self.low}..{self.high}")


@dataclass(frozen=True, slots=True)
class Duration(_ValueBase):
    """A length of time: ``amount`` of ``unit``, and its approximate length in ``days``."""

    KIND: ClassVar[str] = "duration"
    amount: float
    unit: str
    days: float = 0.0

    def __post_init__(self) -> None:
        if self.unit not in DURATION_UNITS:
            raise ValueError(f"unknown duration unit {self.unit!r}")
        if not self.days:
            days = self.amount * UNIT_DAYS[self.unit]  # below a day: four significant digits (a second: 1.157e-05)
            object.__setattr__(self, "days", round(days, 2) if days >= 1 else float(f"{days:.4g}"))


@dataclass(frozen=True, slots=True)
class Count(_ValueBase):
    """A number of items (GPUs, chips, TPUs...), with the accelerator model when one is named."""

    KIND: ClassVar[str] = "count"
    amount: float
    low: float | None = None
    high: float | None = None
    hedge: str = "exact"
    item: str | None = None
    model: str | None = None


@dataclass(frozen=True, slots=True)
class Percent(_ValueBase):
    """A percentage; ``direction`` is up/down when the text says which way it moved."""

    KIND: ClassVar[str] = "percent"
    amount: float
    low: float | None = None
    high: float | None = None
    hedge: str = "exact"
    direction: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity(_ValueBase):
    """A physical quantity with a unit (MW, GW, sq ft...)."""

    KIND: ClassVar[str] = "quantity"
    amount: float
    unit: str


@dataclass(frozen=True, slots=True)
class Party(_ValueBase):
    """An organisation, person or place, under its canonical name."""

    KIND: ClassVar[str] = "party"
    name: str
    label: str = "ORG"


@dataclass(frozen=True, slots=True)
class Text(_ValueBase):
    """A textual value (a chip model, a location), kept as written and compared after normalising."""

    KIND: ClassVar[str] = "text"
    value: str


Value = Union[Money, DateValue, Duration, Count, Percent, Quantity, Party, Text]
VALUE_TYPES: dict[str, type] = {
    t.KIND: t for t in (Money, DateValue, Duration, Count, Percent, Quantity, Party, Text)
}


def value_from_dict(data: dict[str, Any], kind: str | None = None) -> Value:
    """Rebuild a value record from its dict (``kind`` in the dict or given)."""
    kind = kind or data.get("kind")
    if kind not in VALUE_TYPES:
        raise ValueError(f"unknown value kind {kind!r}")
    cls = VALUE_TYPES[kind]
    names = {f.name for f in fields(cls)}
    return cls(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in names})


@dataclass(frozen=True, slots=True)
class Article:
    """One article's text and metadata, ready for extraction.

    ``path`` names the input as the user gave it (a file path, a URL). ``offset`` is where ``text``
    starts inside that file, so spans of a piece split out of a digest still point into the file.
    """

    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    attributed_to: str | None = None
    offset: int = 0
    part: int | None = None
    parent: str | None = None
    warnings: tuple[str, ...] = ()
    article_id: str = ""

    def __post_init__(self) -> None:
        if not self.article_id:
            object.__setattr__(self, "article_id", content_id(self.path, self.part, self.text))


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed value found in a text, with its exact span: ``text == source[start:end]``."""

    kind: str
    text: str
    start: int
    end: int
    value: Value

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
                "value": self.value.as_dict()}


@dataclass(frozen=True, slots=True)
class Token:
    """A copy of what assembly needs from one spaCy token (spaCy objects stay inside extract/)."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its character span and its tokens (``Token.i`` and ``head`` index the doc)."""

    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    """What extraction makes of one article: its sentences and mentions, offsets into ``article.text``."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Subject:
    """What a fact is about: a ``deal`` between parties (sorted) or one ``entity``."""

    kind: str
    parties: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.kind not in ("deal", "entity"):
            raise ValueError(f"unknown subject kind {self.kind!r}")
        object.__setattr__(self, "parties", tuple(sorted(set(self.parties))))

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "parties": list(self.parties)}

    @property
    def label(self) -> str:
        return " + ".join(self.parties)


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's statement of one attribute of one subject, with the quote behind it.

    ``start``/``end`` index the article's file (or fetched text) so that ``quote`` is exactly that slice.
    ``sentence`` is the whole sentence, used to recognise syndicated copies.
    """

    subject: Subject
    attribute: str
    value: Value
    article: str
    quote: str
    start: int | None = None
    end: int | None = None
    outlet: str | None = None
    attributed_to: str | None = None
    published: str | None = None
    sentence: str = ""
    derived: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.article, "outlet": self.outlet, "attributed_to": self.attributed_to,
                "quote": self.quote, "start": self.start, "end": self.end,
                "value": self.value.as_dict(with_kind=True)}


@dataclass(frozen=True, slots=True)
class Fact:
    """The reconciled statement of one attribute of one subject across all articles."""

    subject: Subject
    attribute: str
    value: Value
    status: str
    confidence: float
    sources: int
    reason: str
    claims: tuple[Claim, ...]
    verified: bool = False
    origins: tuple[str, ...] = ()
    fact_id: str = field(default="")
    first_seen: str | None = None
    last_seen: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if not self.fact_id:
            object.__setattr__(self, "fact_id", fact_key(self.subject, self.attribute))
        if self.first_seen is None and self.last_seen is None:
            days = publication_days(self.claims)
            if days:
                object.__setattr__(self, "first_seen", days[0])
                object.__setattr__(self, "last_seen", days[-1])

    def as_dict(self) -> dict[str, Any]:
        return {"fact_id": self.fact_id, "subject": self.subject.as_dict(), "attribute": self.attribute,
                "value": self.value.as_dict(with_kind=True), "status": self.status,
                "confidence": round(self.confidence, 3), "sources": self.sources, "reason": self.reason,
                "first_seen": self.first_seen, "last_seen": self.last_seen,
                "claims": [c.as_dict() for c in self.claims], "verified": self.verified}


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def publication_days(claims: Iterable[Claim]) -> list[str]:
    """The distinct publication days (YYYY-MM-DD) of the claims' articles, sorted; undated claims add none.

    A timestamp counts by its day ('2026-03-04T09:30:00Z' -> '2026-03-04'); anything else is no date.
    """
    return sorted({c.published[:10] for c in claims if c.published and _ISO_DAY.match(c.published)})


def fact_key(subject: Subject, attribute: str) -> str:
    """The stable fact id: a hash of subject kind, parties and attribute."""
    return content_id(subject.kind, "|".join(subject.parties), attribute, length=12)


@dataclass(frozen=True, slots=True)
class SourceTrust:
    """How far one outlet is trusted after truth discovery, and the record that trust rests on.

    ``backed``/``outvoted`` count the facts stated by two or more origins where the outlet's value was on
    the best-supported side or not; ``origins`` are the origin labels its claims were counted under.
    """

    outlet: str
    trust: float
    claims: int
    origins: tuple[str, ...] = ()
    facts: int = 0
    backed: int = 0
    outvoted: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "trust": round(self.trust, 3), "claims": self.claims,
                "origins": list(self.origins), "facts": self.facts, "backed": self.backed,
                "outvoted": self.outvoted}


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The reconciler's result: the facts (sorted by subject, attribute) and the outlets' trust."""

    facts: tuple[Fact, ...]
    sources: tuple[SourceTrust, ...]
