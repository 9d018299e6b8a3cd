"""Plain text: bytes -> text exactly as ``Path.read_text(errors="replace")`` gives it, plus checks.

Claim quotes are checked against ``Path(article.path).read_text(errors="replace")[start:end]``, so a
text file is decoded the same way: UTF-8 with replacement, universal newlines. Invalid bytes are kept
as U+FFFD with a warning, never a reason to drop the article.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

from ..errors import BinaryInput, EmptyArticle
from ..records import Article

# Leading bytes of formats that are never article text.
_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf",
          b"\x7fELF", b"MZ", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00", b"SQLite format 3")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Share of control bytes above which a blob is binary, not text with a few stray bytes: text files in
# the wild carry at most a handful (form feeds, escape codes); binary formats have 10% or more.
_BINARY_CONTROL_SHARE = 0.05
_WORD = re.compile(r"[A-Za-zÀ-ÿ']+")


def ingest_settings(config: Mapping[str, Any]) -> Mapping[str, Any]:
    """The ``[ingest]`` section (empty mapping when absent)."""
    return config.get("ingest", {}) if hasattr(config, "get") else {}


def check_binary(data: bytes, source: str) -> None:
    """Raise BinaryInput when ``data`` is not text (NUL bytes, a known binary format, control bytes)."""
    head = data[:8192]
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        raise BinaryInput(source, "UTF-16 text is not supported; convert it to UTF-8")
    if any(head.startswith(magic) for magic in _MAGIC):
        raise BinaryInput(source, "binary file (not text)")
    if b"\x00" in head:
        raise BinaryInput(source, "binary file (NUL bytes)")
    if head and len(_CONTROL.findall(head)) / len(head) > _BINARY_CONTROL_SHARE:
        raise BinaryInput(source, "binary file (control bytes)")


def decode_text(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """Decode bytes as a text file is read: UTF-8 with replacement and universal newlines."""
    check_binary(data, source)
    warnings: list[str] = []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        warnings.append(f"invalid UTF-8 (first bad byte at {exc.start}); undecodable bytes replaced with U+FFFD")
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace", newline=None).read()
    if warnings and text and text.count("\ufffd") / len(text) > 0.3:
        raise BinaryInput(source, "not UTF-8 text (most bytes undecodable)")
    return text, tuple(warnings)


def english_warning(text: str, config: Mapping[str, Any]) -> str | None:
    """A warning when ``text`` looks not English (few common English function words), else None."""
    settings = ingest_settings(config)
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 20:
        non_ascii = sum(1 for ch in text[:2000] if ord(ch) > 0x24F)
        if text.strip() and non_ascii / max(1, len(text[:2000].strip())) > 0.5:
            return "text does not look English; extraction is tuned for English"
        return None
    common = set(settings.get("english_words", ()))
    if not common:
        return None
    ratio = sum(1 for w in words if w in common) / len(words)
    if ratio < float(settings.get("english_min_ratio", 0.12)):
        return f"text does not look English ({ratio:.0%} common English words); extraction is tuned for English"
    return None


def cap_text(text: str, config: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """Cut ``text`` at ``[ingest] max_chars`` (a prefix, so offsets stay valid), with a warning."""
    limit = int(ingest_settings(config).get("max_chars", 0) or 0)
    if limit and len(text) > limit:
        return text[:limit], (f"text cut at {limit} characters (of {len(text)}); see [ingest] max_chars",)
    return text, ()


def guess_title(text: str) -> str | None:
    """The first line when it reads like a headline (short, no closing period)."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) <= 200 and not line.endswith((".", ":", ",")) and len(line.split()) >= 3:
            return line
        return None
    return None


def article_from_text(text: str, path: str, config: Mapping[str, Any], warnings: tuple[str, ...] = (),
                      **meta: Any) -> Article:
    """An Article from decoded text: checks emptiness, caps length, flags non-English text."""
    if not text.strip():
        raise EmptyArticle(path, "empty (no text)")
    text, cut = cap_text(text, config)
    notes = list(warnings) + list(cut)
    language_note = english_warning(text, config)
    if language_note:
        notes.append(language_note)
    meta.setdefault("title", guess_title(text))
    if meta.get("language") is None:
        meta["language"] = None if language_note else "en"
    return Article(path=path, text=text, warnings=tuple(notes), **meta)


def article_from_bytes(data: bytes, path: str, config: Mapping[str, Any], **meta: Any) -> Article:
    """An Article from the raw bytes of a text file."""
    if not data.strip():
        raise EmptyArticle(path, "empty file")
    text, warnings = decode_text(data, path)
    return article_from_text(text, path, config, warnings, **meta)
