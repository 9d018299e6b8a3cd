"""Configuration: built-in defaults < project config.toml < --config FILE < flags.

A user file is merged over the project file key by key (tables recurse, anything else replaces), then
the result is validated before any article is read, so a bad config fails fast with exit code 2.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ConfigError

PACKAGE_CONFIG = Path(__file__).resolve().parent.parent / "config.toml"
REQUIRED_SECTIONS = ("attributes", "parties", "hedges", "tolerance", "money", "counts", "dates", "fetch",
                     "extract", "outlets", "arithmetic")


class Config(Mapping[str, Any]):
    """The merged, validated configuration: a read-only mapping of sections."""

    def __init__(self, data: Mapping[str, Any], origin: tuple[str, ...] = ()) -> None:
        self._data = _freeze(data)
        self.origin = origin

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def section(self, name: str) -> Mapping[str, Any]:
        """One section (an empty mapping when absent)."""
        return self._data.get(name, MappingProxyType({}))

    def to_plain(self) -> dict[str, Any]:
        """A mutable deep copy as plain dicts and lists (for merging or printing)."""
        return _thaw(self._data)


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``over`` into a copy of ``base`` key by key: tables recurse, other values replace."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(_thaw(value))
    return out


def read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file, turning every failure into a ConfigError naming the file."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None,
                base: str | Path | None = None) -> Config:
    """Load the project config, merge ``path`` and then ``overrides`` over it, validate, return it.

    ``base`` is the project config; by default ``config.toml`` of the working directory when there is
    one, else the copy shipped inside the package.
    """
    base_path = Path(base) if base else (Path("config.toml") if Path("config.toml").is_file() else PACKAGE_CONFIG)
    data = read_toml(base_path)
    origin = [str(base_path)]
    if path is not None:
        data = merge(data, read_toml(Path(path)))
        origin.append(str(path))
    if overrides:
        data = merge(data, overrides)
    validate(data)
    return Config(data, tuple(origin))


def validate(data: Mapping[str, Any]) -> None:
    """Check the shape of the merged config; raise ConfigError naming the first problem."""
    for name in REQUIRED_SECTIONS:
        if not isinstance(data.get(name), Mapping):
            raise ConfigError(f"config: missing section [{name}]")
    for name, spec in data["attributes"].items():
        if not isinstance(spec, Mapping):
            raise ConfigError(f"config: [attributes.{name}] must be a table")
        kinds = spec.get("kinds")
        if not isinstance(kinds, list | tuple) or not kinds:
            raise ConfigError(f"config: [attributes.{name}] needs a non-empty list 'kinds'")
        if spec.get("subject", "deal") not in ("deal", "entity"):
            raise ConfigError(f"config: [attributes.{name}] subject must be 'deal' or 'entity'")
        for key in ("triggers", "cues"):
            if key in spec and not all(isinstance(t, str) for t in spec[key]):
                raise ConfigError(f"config: [attributes.{name}] {key} must be strings")
    aliases = data["parties"].get("aliases", {})
    if not isinstance(aliases, Mapping) or not all(isinstance(v, str) for v in aliases.values()):
        raise ConfigError("config: [parties] aliases must map names to canonical names")
    for key in ("money_rel", "count_rel", "percent_abs", "fuzzy_text"):
        value = data["tolerance"].get(key)
        if not isinstance(value, int | float) or value < 0:
            raise ConfigError(f"config: [tolerance] {key} must be a non-negative number")
    fetch = data["fetch"]
    if not isinstance(fetch.get("allow_private_hosts", False), bool):
        raise ConfigError("config: [fetch] allow_private_hosts must be true or false")
    kinds = data["extract"].get("kinds")
    if not isinstance(kinds, Mapping) or not kinds:
        raise ConfigError("config: [extract.kinds] must map mention kinds to modules")
