"""Compare the distributions installed in this interpreter with the pins of requirements.lock.

Names every package whose installed version differs from its pin, that the lock pins but is not
installed, or that is installed but not in the lock (pip and newsfacts itself excepted).

Usage: python tests/check_lock.py [LOCK]   (exit 0 when the environment equals the lock, 1 otherwise)
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements.lock"
# Installed by venv itself or by the editable install of this project, never pinned in the lock.
UNPINNED = frozenset({"pip", "newsfacts"})
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def canonical(name: str) -> str:
    """A distribution name as PEP 503 compares it ('Typing_Extensions' -> 'typing-extensions')."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(lock: Path) -> dict[str, str]:
    """Every `name==version` line of a pip-compile/uv lock file."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def installed() -> dict[str, str]:
    """The distributions this interpreter sees, by canonical name."""
    found: dict[str, str] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[canonical(name)] = dist.version
    return found


def differences(pins: dict[str, str], have: dict[str, str]) -> list[str]:
    """One line per package whose installed state differs from the lock, sorted by name."""
    problems = []
    for name in sorted(pins.keys() | have.keys()):
        if name in UNPINNED:
            continue
        want, got = pins.get(name), have.get(name)
        if got is None:
            problems.append(f"{name}: pinned {want} in the lock, not installed")
        elif want is None:
            problems.append(f"{name}: {got} installed, not in the lock")
        elif want != got:
            problems.append(f"{name}: {got} installed, the lock pins {want}")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    lock = Path(args[0]) if args else LOCK
    problems = differences(read_pins(lock), installed())
    for line in problems:
        print(f"check_lock: {line}", file=sys.stderr)
    if problems:
        print(f"check_lock: {len(problems)} package(s) differ from {lock.name}", file=sys.stderr)
        return 1
    print(f"check_lock: every installed distribution matches {lock.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
