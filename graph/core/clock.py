"""Seconds per step of one piece of work, for the answers and benchmarks that report them."""

from __future__ import annotations

import time

__all__ = ["Laps", "Seconds"]


class Seconds(dict[str, float]):
    """Seconds per stage, summed over the calls (what a ``--workers`` process sends back)."""

    def time(self, stage: str, seconds: float) -> None:
        self[stage] = self.get(stage, 0.0) + seconds


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
