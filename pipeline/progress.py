"""Progress bars on stderr (tqdm): counts, rate and time left, only on a terminal and never with ``-q``."""

from __future__ import annotations

import sys
from typing import Any, TextIO


class _Silent:
    """A bar that shows nothing (not a terminal, or ``-q``)."""

    total: int | None = None

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, text: str) -> None:
        pass

    def set_total(self, total: int) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> _Silent:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class _Bar(_Silent):
    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def update(self, n: int = 1) -> None:
        self.bar.update(n)

    def set_postfix_str(self, text: str) -> None:
        self.bar.set_postfix_str(text, refresh=False)

    def set_total(self, total: int) -> None:
        self.bar.total = total
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


class Progress:
    """Makes the bars of one run; ``enabled`` defaults to "stderr is a terminal"."""

    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled

    def bar(self, label: str, total: int | None = None, unit: str = "article") -> _Silent:
        """A bar counting ``unit``s towards ``total`` (None: counts and rate only)."""
        if not self.enabled:
            return _Silent()
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: worker processes may be forked while a bar is open
        return _Bar(tqdm(total=total, desc=f"{label:<9}", unit=f" {unit}s" if unit else "", file=self.stream,
                         dynamic_ncols=True, leave=True, mininterval=0.2,
                         bar_format="{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
                                    "[{elapsed}<{remaining}, {rate_fmt}]{postfix}" if total is not None else None))


SILENT = Progress(enabled=False)
