"""The installed environment equals requirements.lock (the guard of the Quick start's locked install)."""

from pathlib import Path

from tests.check_lock import differences, read_pins


def test_installed_distributions_equal_the_lock_pins():
    from tests.check_lock import LOCK, installed

    problems = differences(read_pins(LOCK), installed())
    assert not problems, "installed packages differ from requirements.lock:\n" + "\n".join(problems)


def test_a_differing_missing_or_extra_package_is_named(tmp_path: Path):
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "lxml==6.1.3 \\\n    --hash=sha256:00\n    # via -r requirements.in\n"
        "Typing_Extensions==4.16.0 \\\n    --hash=sha256:11\nrequests==2.34.2\n",
        encoding="utf-8",
    )
    pins = read_pins(lock)
    assert pins == {"lxml": "6.1.3", "typing-extensions": "4.16.0", "requests": "2.34.2"}
    have = {"lxml": "6.2.0", "typing-extensions": "4.16.0", "rich": "15.0.0", "pip": "23.2.1"}
    assert differences(pins, have) == [
        "lxml: 6.2.0 installed, the lock pins 6.1.3",
        "requests: pinned 2.34.2 in the lock, not installed",
        "rich: 15.0.0 installed, not in the lock",
    ]
