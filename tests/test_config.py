"""Config loading: merge key by key, validation before any article is read."""

from pathlib import Path

import pytest

from pipeline.config import load_config, merge
from pipeline.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_project_config_loads_and_validates():
    config = load_config(base=ROOT / "config.toml")
    assert "monthly_payment" in config["attributes"]
    assert config["fetch"]["allow_private_hosts"] is False


def test_user_file_changes_only_the_keys_it_sets(tmp_path):
    user = tmp_path / "user.toml"
    user.write_text("[fetch]\nallow_private_hosts = true\n")
    base = load_config(base=ROOT / "config.toml")
    merged = load_config(user, base=ROOT / "config.toml")
    assert merged["fetch"]["allow_private_hosts"] is True
    assert merged["fetch"]["timeout"] == base["fetch"]["timeout"]
    assert merged["attributes"] == base["attributes"]


@pytest.mark.parametrize("text, message", [
    ("[tolerance]\nmoney_rel = -1\n", "money_rel"),
    ("[fetch]\nallow_private_hosts = 'yes'\n", "allow_private_hosts"),
    ("[attributes.foo]\nkinds = []\n", "attributes.foo"),
    ("[attributes.bar]\nkinds = ['money']\nsubject = 'planet'\n", "subject"),
    ("not toml = = =\n", "invalid TOML"),
])
def test_bad_user_config_is_a_config_error(tmp_path, text, message):
    user = tmp_path / "bad.toml"
    user.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(user, base=ROOT / "config.toml")


def test_missing_config_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="nope.toml"):
        load_config(tmp_path / "nope.toml", base=ROOT / "config.toml")


def test_merge_recurses_into_tables_and_replaces_lists():
    base = {"a": {"b": 1, "c": [1, 2]}, "d": 1}
    assert merge(base, {"a": {"c": [3]}}) == {"a": {"b": 1, "c": [3]}, "d": 1}
    assert base == {"a": {"b": 1, "c": [1, 2]}, "d": 1}
