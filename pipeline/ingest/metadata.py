"""Metadata sidecars: ``metadata.json`` next to corpus files gives each file its outlet, URL, date, title.

Format: ``{"<file name>": {"outlet": ..., "url": ..., "published": "YYYY-MM-DD" | null, "title": ...}}``.
A missing sidecar is normal; a malformed one is reported once as a warning on every article it covers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

_FIELDS = ("outlet", "url", "published", "title", "author", "language")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


@lru_cache(maxsize=256)
def _load(path: str, mtime: float) -> tuple[dict[str, dict[str, Any]], str | None]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {}, f"{path}: unreadable metadata sidecar ({exc.__class__.__name__})"
    if not isinstance(data, dict):
        return {}, f"{path}: metadata sidecar must be a JSON object keyed by file name"
    entries = {}
    for name, entry in data.items():
        if isinstance(entry, dict):
            entries[str(name)] = {k: entry[k] for k in _FIELDS if isinstance(entry.get(k), str) and entry[k].strip()}
    return entries, None


def sidecar_for(file: Path, config: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The metadata for ``file`` from its folder's sidecar (``[ingest] metadata_file``) and any warning."""
    ingest = config.get("ingest", {}) if hasattr(config, "get") else {}
    sidecar = file.parent / str(ingest.get("metadata_file", "metadata.json"))
    try:
        mtime = sidecar.stat().st_mtime
    except OSError:
        return {}, ()
    entries, problem = _load(str(sidecar), mtime)
    entry = dict(entries.get(file.name, {}))
    if "published" in entry:
        match = _ISO_DATE.match(entry["published"])
        entry["published"] = match.group(0) if match else None
        if entry["published"] is None:
            del entry["published"]
    return entry, ((problem,) if problem else ())
