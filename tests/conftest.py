"""Shared fixtures: the project config and the spaCy pipeline, loaded once per test session."""

from pathlib import Path

import pytest

from pipeline.config import load_config

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def config():
    return load_config(base=ROOT / "config.toml")


@pytest.fixture(scope="session")
def nlp(config):
    from pipeline.extract.nlp import load_nlp

    return load_nlp(config)
