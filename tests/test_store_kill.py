"""SIGKILL at any point of `newsfacts run` leaves the store whole and the outputs of the last finished run.

A run subprocess is killed at several points (while starting, ingesting, extracting, writing the outputs,
committing them), each time on the folder the last finished run left.
After every kill the store passes SQLite's integrity check and opens, and the outputs are, as a whole set,
those of the last finished run or (when the kill came after the commit) those of the run itself. A run
that is left to finish then gives exactly the fact table of one uninterrupted run.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.output import PENDING, recover_outputs
from pipeline.runner import run
from pipeline.store import STORE_FILE, Store

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("facts.json", "facts.csv", "claims.csv", "conflicts.csv", "sources.csv", "report.html", "articles.jsonl")


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def _count(db: Path, table: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def _kill_when(out: Path, ready: Callable[[], bool], limit: float = 60.0) -> bool:
    """Start a run, SIGKILL it once ``ready()`` holds; False when it finished first."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", "news", "--out", str(out), "-q"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + limit
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if ready():
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.002)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sigkill_at_any_point_leaves_the_store_and_the_last_outputs(tmp_path, monkeypatch, config):
    monkeypatch.chdir(tmp_path)
    news = Path("news")
    shutil.copytree(ROOT / "corpus", news)
    held = Path("held")
    held.mkdir()
    for file in sorted(news.glob("*.txt"))[3:]:
        shutil.move(file, held / file.name)
    out = Path("out")
    run([str(news)], out, config)  # the last finished run
    old = _outputs(out)
    for file in sorted(held.iterdir()):  # new articles arrive
        shutil.move(file, news / file.name)
    run([str(news)], "reference", config)  # one uninterrupted run over the same articles
    new = _outputs(Path("reference"))
    assert old != new
    db = out / STORE_FILE
    stored = _count(db, "articles")
    analysed = _count(db, "analyses")
    points = {
        "starting": lambda: True,
        "ingesting": lambda: _count(db, "articles") > stored,
        "extracting": lambda: _count(db, "analyses") > analysed,
        "writing": lambda: (out / PENDING).exists(),
        "committing": lambda: (out / PENDING / "COMMIT").exists(),
    }
    shutil.copytree(out, "saved")
    killed = []
    for name, ready in points.items():
        shutil.rmtree(out)  # each kill starts from the last finished run's folder
        shutil.copytree("saved", out)
        if _kill_when(out, ready):
            killed.append(name)
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", name
        conn.close()
        Store.open(db, create=False).close()
        recover_outputs(out)
        assert _outputs(out) in (old, new), name
        assert not (out / PENDING).exists()
    assert {"starting", "ingesting", "extracting"} <= set(killed), killed
    result = run([str(news)], out, config)  # resumes from what the last killed run committed
    assert _outputs(out) == new
    assert result.stats["articles"] == _count(db, "analyses")


@pytest.mark.parametrize("stage", ["staged", "committed"])
def test_outputs_are_replaced_together(tmp_path, stage):
    from pipeline.output import OutputSet

    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.json", "b.csv"):
        (out / name).write_text("old")
    outputs = OutputSet(out)
    outputs.write("a.json", b"new")
    outputs.write("b.csv", b"new")
    if stage == "committed":  # a process killed after writing the manifest, before moving the files
        (outputs.dir / "COMMIT").write_text('["a.json", "b.csv"]')
    recover_outputs(out)
    expected = "new" if stage == "committed" else "old"
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.json": expected, "b.csv": expected}
