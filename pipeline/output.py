"""Atomic writers: records become dicts and rows only here, and every file appears whole or not at all."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .reconcile.values import describe
from .records import Claim


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temp path beside ``path``; on success it replaces ``path``, on failure it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        tmp.unlink()  # writers such as sqlite3 want to create the file themselves
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it appears whole or not at all."""
    with atomic_path(path) as tmp:
        with open(tmp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def json_bytes(data: Any) -> bytes:
    """Stable, readable JSON (sorted keys are not used: SPEC key order reads better).

    A list is written one item a line (``[``, each item indented by two spaces, ``]``), so a fact table
    diffs fact by fact and is encoded by the C encoder (an ``indent`` forces the pure-Python one, which took
    most of the time of writing a large table); anything else is indented by two spaces throughout. A list of
    plain strings or numbers comes out as ``indent=2`` would write it.
    """
    if isinstance(data, list) and data:
        encode = json.JSONEncoder(ensure_ascii=False).encode
        out = bytearray(b"[\n  ")  # grown item by item: the table is held once, not as text and then bytes
        for n, item in enumerate(data):
            if n:
                out += b",\n  "
            out += encode(item).encode("utf-8")
        out += b"\n]\n"
        return out  # type: ignore[return-value]  # bytes-like: written and decoded like bytes
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def csv_bytes(rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> bytes:
    """CSV of dict rows (RFC 4180); columns default to the union of keys in first-seen order.

    Lines end in CRLF as RFC 4180 has it: with a bare "\n" terminator the csv module leaves a lone "\r"
    inside a cell unquoted, and readers then split the row there. None is an empty cell, a dict or list its
    JSON (sorted keys).
    """
    if columns is None:
        rows = list(rows)
        columns = list(dict.fromkeys(k for row in rows for k in row))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    keys = list(columns)
    for row in rows:
        cells = [row.get(k) for k in keys]
        for n, cell in enumerate(cells):
            if isinstance(cell, dict | list):
                cells[n] = _cell(cell)
        writer.writerow(cells)  # the csv module writes None as an empty cell
    return buf.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return value


CLAIM_COLUMNS = ("source", "subject", "attribute", "value", "quote", "published", "article", "outlet",
                 "attributed_to", "subject_kind", "value_json", "start", "end", "sentence")


def claim_rows(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """One flat row per claim for claims.csv, sorted by article and position.

    The first columns are those ``newsfacts reconcile`` reads (``source, subject, attribute, value, quote,
    published``), so claims.csv can be reconciled again without the NLP stages; ``value_json`` keeps the
    exact value, ``sentence`` the text syndicated copies are recognised by, the rest where it was found.
    """
    rows = []
    exact: dict[Any, str] = {}  # values repeat across claims: each one's JSON cell once
    for c in sorted(claims, key=lambda c: (c.article, c.start or 0, c.attribute, c.subject.parties)):
        try:
            value_json = exact[c.value]
        except KeyError:
            value_json = exact[c.value] = _cell(c.value.as_dict(with_kind=True))
        except TypeError:  # an unhashable value
            value_json = _cell(c.value.as_dict(with_kind=True))
        rows.append({
            "source": c.outlet or c.article, "subject": " + ".join(c.subject.parties), "attribute": c.attribute,
            "value": describe(c.value), "quote": c.quote, "published": c.published, "article": c.article,
            "outlet": c.outlet, "attributed_to": c.attributed_to, "subject_kind": c.subject.kind,
            "value_json": value_json, "start": c.start, "end": c.end, "sentence": c.sentence,
        })
    return rows


# -- a folder of outputs replaced together ----------------------------------------------------------------

PENDING = ".pending"
_COMMIT = "COMMIT"


class OutputSet:
    """Files staged in ``DIR/.pending`` and moved into ``DIR`` together by ``commit``.

    ``commit`` first writes a manifest (atomically); from then on the set counts as written, and a
    process killed while moving the files is finished by ``recover_outputs`` the next time the folder
    is opened. Before the manifest nothing in ``DIR`` has changed: each file appears whole or not at all,
    and the files of one run are never mixed with another's once the folder is opened again.
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        recover_outputs(self.out)
        self.dir = self.out / PENDING
        self.dir.mkdir(parents=True, exist_ok=True)
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Where to write ``name`` before the commit."""
        if name not in self.names:
            self.names.append(name)
        return self.dir / name

    def write(self, name: str, data: bytes) -> None:
        with open(self.path(name), "wb") as handle:
            handle.write(data)

    def commit(self) -> None:
        """Make every staged file durable, record the set, then move each into place.

        Everything written into the staging folder is moved (a writer may add files of its own beside
        the one it was given, such as the pages of a long report).
        """
        entries = sorted(p.name for p in self.dir.iterdir() if p.name != _COMMIT)
        for name in entries:
            for file in ([self.dir / name] if (self.dir / name).is_file() else (self.dir / name).rglob("*")):
                if file.is_file():
                    with open(file, "rb") as handle:
                        os.fsync(handle.fileno())
        write_atomic(self.dir / _COMMIT, json_bytes(entries))
        recover_outputs(self.out)


def recover_outputs(out: Path) -> None:
    """Finish moving a committed set of outputs into ``out``; drop a set that was never committed."""
    pending = Path(out) / PENDING
    if not pending.is_dir():
        return
    manifest = pending / _COMMIT
    if manifest.is_file():
        import shutil

        for name in json.loads(manifest.read_text(encoding="utf-8")):
            source, target = pending / name, Path(out) / name
            if source.is_dir() and target.is_dir():
                shutil.rmtree(target)
            if source.exists():
                os.replace(source, target)
        manifest.unlink()
    for leftover in pending.iterdir():
        if leftover.is_dir():
            import shutil

            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    pending.rmdir()
