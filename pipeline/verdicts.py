"""A reviewer's verdicts on facts, kept in a JSON file that survives re-runs of the pipeline.

A folder with a store keeps them in it (``record_in_folder``); a bare fact table folder in
``verdicts.json``. The store maps ``fact_id`` (stable: a hash of subject and attribute) to the verdict and the fact value
it was made on. When a re-run changes a fact's value, an ``accept`` no longer vouches for it: the fact
is marked ``verdict_stale`` instead of verified. A ``correct`` replaces the value whatever the run says.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .audit import value_key
from .errors import UsageError
from .output import write_atomic

VERDICTS = ("accept", "reject", "correct")
DEFAULT_PATH = Path("facts/verdicts.json")
_VERDICT_KEYS = ("verdict", "verdict_note", "verdict_stale")


def load_verdicts(path: Path) -> dict[str, dict[str, Any]]:
    """The verdicts stored at ``path`` by fact_id ({} when the file does not exist yet)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a readable verdict file ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise UsageError(f"{path}: not a verdict file (expected an object of fact_id -> verdict)")
    return data


def record_verdict(path: Path, fact_id: str, verdict: str, value: dict | str | None = None, note: str = "",
                   *, fact_value: dict | None = None) -> dict[str, Any]:
    """Store a verdict on ``fact_id`` (replacing any earlier one) and return the stored entry.

    ``value`` is the corrected value (required for ``correct``). ``fact_value`` is the value the
    reviewer saw; when not given it is read from ``facts.json`` beside the store, if there is one.
    """
    path = Path(path)
    _entry(verdict, value, note, None)  # checks the verdict before reading any fact table
    if fact_value is None:
        fact_value = _current_value(path.parent / "facts.json", fact_id)
    entry = _entry(verdict, value, note, fact_value)
    verdicts = load_verdicts(path)
    verdicts[fact_id] = entry
    text = json.dumps(dict(sorted(verdicts.items())), indent=2, ensure_ascii=False) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return entry


def record_in_folder(folder: Path, fact_id: str, verdict: str, value: dict | str | None = None, note: str = "",
                     *, fact_value: dict | None = None) -> Path:
    """Record a verdict for the fact table in ``folder``: in its store (``newsfacts.db``) when it has one,
    else in ``folder/verdicts.json``. Returns where it was kept."""
    from .store import STORE_FILE, Store

    folder = Path(folder)
    if not (folder / STORE_FILE).exists():
        record_verdict(folder / "verdicts.json", fact_id, verdict, value, note, fact_value=fact_value)
        return folder / "verdicts.json"
    entry = _entry(verdict, value, note, fact_value)
    store = Store.open(folder / STORE_FILE, create=False)
    try:
        store.put_verdicts({fact_id: entry})
    finally:
        store.close()
    return folder / STORE_FILE


def _entry(verdict: str, value: dict | str | None, note: str, fact_value: dict | None) -> dict[str, Any]:
    if verdict not in VERDICTS:
        raise UsageError(f"unknown verdict {verdict!r} (choose from {', '.join(VERDICTS)})")
    if verdict == "correct" and value in (None, "", {}):
        raise UsageError("a 'correct' verdict needs the corrected value")
    if isinstance(value, str) and value.lstrip().startswith("{"):
        value = _value_dict(value)
    return {"verdict": verdict, "value": value if verdict == "correct" else None, "note": note,
            "at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "fact_value": fact_value}


def _value_dict(text: str) -> dict:
    """A corrected value typed as a JSON object ('{"kind": "date", ...}') on the command line."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"corrected value is not valid JSON: {exc}") from exc
    if not isinstance(value, dict) or "kind" not in value:
        raise UsageError('a corrected value given as JSON must be an object with a "kind"')
    return value


def _current_value(facts_path: Path, fact_id: str) -> dict | None:
    """The value of ``fact_id`` in a fact table, None without a table; an unknown id is a usage error."""
    try:
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    for fact in facts if isinstance(facts, list) else []:
        if isinstance(fact, dict) and fact.get("fact_id") == fact_id:
            return fact.get("value")
    raise UsageError(f"{fact_id}: no such fact in {facts_path}")


def apply_verdicts(facts: list[dict], verdicts: dict[str, dict[str, Any]]) -> list[dict]:
    """New fact dicts with the stored verdicts applied; facts without a verdict come back unchanged.

    accept: verified, unless the value changed since (then ``verdict_stale``); correct: the
    reviewer's value, verified; reject: not verified. Verdicts on facts not in ``facts`` are kept
    in the store but have no effect here.
    """
    out = []
    for fact in facts:
        entry = verdicts.get(fact.get("fact_id", ""))
        if not entry or entry.get("verdict") not in VERDICTS:
            out.append(fact)
            continue
        # Drop what an earlier application left (facts.json may hold applied verdicts): idempotent.
        new = {k: v for k, v in fact.items() if k not in _VERDICT_KEYS}
        verdict = entry["verdict"]
        new["verdict"] = verdict
        if entry.get("note"):
            new["verdict_note"] = entry["note"]
        seen = entry.get("fact_value")
        # A verdict recorded without the value it was made on cannot go stale: it is taken as given.
        stale = seen is not None and value_key(seen) != value_key(fact.get("value"))
        if verdict == "accept":
            new["verified"] = not stale
        elif verdict == "correct":
            corrected = entry.get("value")
            # A correction typed as text ("December 2029") keeps the SPEC shape as a text value.
            new["value"] = corrected if isinstance(corrected, dict) else {"kind": "text", "value": str(corrected)}
            new["verified"] = True
            stale = False  # the reviewer's value stands whatever a re-run says
        else:
            new["verified"] = False
        if stale:
            new["verdict_stale"] = True
        out.append(new)
    return out
