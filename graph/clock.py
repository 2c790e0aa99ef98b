"""Seconds per step of one piece of work, for the answers and benchmarks that report them."""

from __future__ import annotations

import time

__all__ = ["Laps"]


class Laps:
    """Seconds per step, each step timed from the end of the last (or from creation)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        """End the step ``name`` now (a step of the same name again replaces it)."""
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now
