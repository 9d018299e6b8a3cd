"""Attribution: which outlet a sentence credits with its claim, and how a text names its own publisher.

Outlet names and the phrasings around them ("according to {outlet}", "told {outlet}") are data in
``[outlets]`` of the config; this module only compiles them into regular expressions. The phrasing is
matched case-insensitively, the outlet name case-sensitively ("AP" is an outlet, "ap" is not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_PLACEHOLDER = "{outlet}"


@dataclass(frozen=True, slots=True)
class _Patterns:
    """Compiled patterns of one config: each regex has one named group ``outlet``."""

    attribution: tuple[re.Pattern[str], ...]
    origin: tuple[re.Pattern[str], ...]
    self_reference: tuple[re.Pattern[str], ...]
    names: tuple[str, ...]


_CACHE: dict[int, tuple[Any, _Patterns]] = {}


def _outlet_alternation(names: Iterable[str]) -> str:
    # Longest first, so "Bloomberg Technology" wins over "Bloomberg".
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)


def _compile(template: str, alternation: str) -> re.Pattern[str] | None:
    if _PLACEHOLDER not in template:
        return None
    before, _, after = template.partition(_PLACEHOLDER)

    def phrase(part: str) -> str:
        # Whitespace in a template matches any run of whitespace (digests break lines anywhere).
        pieces = [re.escape(p) for p in re.split(r"\s+", part)]
        body = r"\s+".join(pieces)
        return f"(?i:{body})" if body else ""

    lead = phrase(before)
    tail = phrase(after)
    # Outlet names must stand as words: "AP" inside "APIs" or "FT" inside "FTX" are not outlets.
    core = rf"(?<![\w.])(?P<outlet>{alternation})(?![\w])"
    return re.compile(lead + core + tail)


def compiled(config: Mapping[str, Any]) -> _Patterns:
    """The attribution patterns of ``config``, compiled once per config object."""
    key = id(config)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is config:
        return hit[1]
    section = config.get("outlets", {}) if hasattr(config, "get") else {}
    names = tuple(section.get("names", ()))
    alternation = _outlet_alternation(names) if names else r"(?!x)x"

    def build(templates: Sequence[str]) -> tuple[re.Pattern[str], ...]:
        out = (_compile(t, alternation) for t in templates)
        return tuple(p for p in out if p is not None)

    patterns = _Patterns(attribution=build(section.get("attribution", ())), origin=build(section.get("origin", ())),
                         self_reference=build(section.get("self_reference", ())), names=names)
    _CACHE[key] = (config, patterns)
    return patterns


def canonical_outlet(name: str, config: Mapping[str, Any]) -> str:
    """The configured spelling of an outlet name (whitespace and case folded), else the name itself."""
    folded = " ".join(name.split()).casefold()
    for known in compiled(config).names:
        if known.casefold() == folded:
            return known
    return " ".join(name.split())


def _first(patterns: Sequence[re.Pattern[str]], text: str) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for pattern in patterns:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match.group("outlet"))
    return best


def find_attribution(text: str, config: Mapping[str, Any]) -> str | None:
    """The outlet ``text`` (usually one sentence) attributes its claim to, or None.

    When several outlets are chained ("Outlet A reported, citing Outlet B"), the one named by an
    ``[outlets] origin`` pattern is the original reporter and wins; otherwise the first one named.
    """
    patterns = compiled(config)
    origin = _first(patterns.origin, text)
    if origin is not None:
        return canonical_outlet(origin[1], config)
    found = _first(patterns.attribution, text)
    return canonical_outlet(found[1], config) if found else None


def find_publisher(text: str, config: Mapping[str, Any]) -> str | None:
    """The outlet a text names as its own publisher (a dateline, "told X", "Follow X on"), or None.

    Patterns are tried in config order; the first that matches anywhere wins.
    """
    for pattern in compiled(config).self_reference:
        match = pattern.search(text)
        if match:
            return canonical_outlet(match.group("outlet"), config)
    return None


def find_publisher_match(text: str, config: Mapping[str, Any], pos: int = 0) -> tuple[str, int] | None:
    """Like ``find_publisher`` from ``pos`` on, also giving where the matching phrase starts."""
    for pattern in compiled(config).self_reference:
        match = pattern.search(text, pos)
        if match:
            return canonical_outlet(match.group("outlet"), config), match.start()
    return None


def find_outlet_name(text: str, config: Mapping[str, Any]) -> str | None:
    """A configured outlet name that ``text`` starts with ("Techmeme (Facebook)" -> "Techmeme"), or None."""
    names = compiled(config).names
    stripped = " ".join(text.split())
    for name in sorted(names, key=len, reverse=True):
        if stripped.casefold().startswith(name.casefold()):
            rest = stripped[len(name):]
            if not rest or not (rest[0].isalnum()):
                return name
    return None
