"""Shared fixtures of the ingest tests: the project config, with private hosts allowed for the local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import load_config

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"


@pytest.fixture(scope="session")
def config():
    """The project config as shipped."""
    return load_config(base=ROOT / "config.toml")


@pytest.fixture()
def local_config(tmp_path):
    """The project config allowing 127.0.0.1, with a fresh cache and no politeness delay."""
    return load_config(base=ROOT / "config.toml", overrides={
        "fetch": {"allow_private_hosts": True, "cache_dir": str(tmp_path / "cache"), "per_host_delay": 0.0,
                  "timeout": 1, "retries": 1, "backoff": 0.01,
                  "max_bytes": 1_000_000}})


@pytest.fixture()
def in_root(monkeypatch):
    """Run inside the repository so paths are reported relative to it."""
    monkeypatch.chdir(ROOT)
    return ROOT
