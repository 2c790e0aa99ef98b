"""Counting and sorting more lines than should be held in memory: sorted runs on disk, merged as
they are read.

A graph is a set of N-Triples lines (``graph/rdf/build.py``), each given by one or more of its units
(``graph/rdf/units.py``), and the JSON-LD writer sorts one line per node (``exporters/jsonld.py``).
At 50,000 articles the graph is 1.8 million lines, about 500 MB as Python bytes and as much again
while they are sorted and joined. :class:`CountedLines` holds each line with how many units give
it; past ``limit`` distinct lines in memory, it writes them, sorted and with their counts, into a
run file in its folder and starts again. A line taken away after it spilled is held with a count
of -1 until the runs are merged. Reading merges the runs (``heapq.merge``) and adds up each line's
counts, so the result is the sorted set of the lines with a count above nought, whatever the
limit: the same bytes as counting them all in memory, which is what a build below the limit (and
a live graph, which never spills) does without touching the disk.
"""

from __future__ import annotations

import heapq
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from councilgraph.graph.core.atomic import TEMP_SUFFIX

__all__ = ["RUN_PREFIX", "SPILL_LINES", "CountedLines"]

RUN_PREFIX = ".councilgraph-run."
"""The name a sorted run's file starts with (``build`` removes those a killed build left)."""

SPILL_LINES = 250_000
"""Distinct lines held in memory before they are written out as a sorted run (about 70 MB of
N-Triples lines as Python bytes; a build of 2,000 articles stays under it and never spills)."""


class CountedLines:
    """A multiset of lines (``bytes`` ending in ``\\n``) read back sorted and distinct, spilling runs
    into ``folder`` (the system's temporary folder when None) once more than ``limit``
    (:data:`SPILL_LINES`) are held; with ``spill=False``, all are held (and what :meth:`count`
    says changed is exact)."""

    def __init__(
        self, folder: str | os.PathLike[str] | None = None, limit: int | None = None, *, spill: bool = True
    ) -> None:
        self._folder = folder
        limit = SPILL_LINES if limit is None else limit  # (read now: a test may lower it)
        self._limit = limit if spill else None
        if self._limit is not None and self._limit < 1:
            raise ValueError("limit must be at least 1")
        self._held: dict[bytes, int] = {}
        self._runs: list[Path] = []

    def add(self, line: bytes, step: int = 1) -> None:
        """Count ``line`` in (``step`` 1) or out (-1)."""
        self.count((line,), step)

    def count(self, lines: Iterable[bytes], step: int) -> list[bytes]:
        """Count each of ``lines`` in (``step`` 1) or out (-1), as :meth:`add` does; the lines whose
        presence changed (a count from nought to one, or from one to nought), as far as the lines
        held in memory say (exactly, unless some spilled)."""
        held, limit = self._held, self._limit
        changed = []
        for line in lines:
            n = held.get(line, 0) + step
            if n:
                if n == 1 and step > 0:  # (new here)
                    if not line.endswith(b"\n"):  # a run is read back line by line
                        raise ValueError(f"a line must end in a newline: {line[:80]!r}")
                    changed.append(line)
                held[line] = n
                if limit is not None and len(held) > limit:
                    self._spill()
                    held = self._held
            else:
                del held[line]
                changed.append(line)
        return changed

    def __len__(self) -> int:
        """How many distinct lines are held in memory (all of them, unless some spilled)."""
        return len(self._held)

    def __contains__(self, line: object) -> bool:
        return line in self._held

    @property
    def spilled(self) -> int:
        """How many sorted runs are on disk."""
        return len(self._runs)

    def _spill(self) -> None:
        held = self._held
        fd, name = tempfile.mkstemp(prefix=RUN_PREFIX, suffix=TEMP_SUFFIX, dir=self._folder)
        self._runs.append(Path(name))  # first, so that close() removes it whatever happens next
        with os.fdopen(fd, "wb") as run:
            for line in sorted(held):
                run.write(line)
                run.write(b"%d\n" % held[line])
        self._held = {}

    def __iter__(self) -> Iterator[bytes]:
        """Every line with a count above nought, in sorted (byte) order, once."""
        held = self._held
        if not self._runs:
            yield from sorted(line for line, n in held.items() if n > 0)
            return
        files: list[IO[bytes]] = []
        try:
            files = [open(run, "rb", buffering=1 << 20) for run in self._runs]  # noqa: SIM115 (closed below)
            last, total = None, 0
            for line, n in heapq.merge(((line, held[line]) for line in sorted(held)), *map(_counted, files)):
                if line != last:  # a line held in several runs comes out of each, side by side
                    if total > 0:
                        yield last  # type: ignore[misc]
                    last, total = line, 0
                total += n
            if total > 0:
                yield last  # type: ignore[misc]
        finally:
            for file in files:
                file.close()

    def close(self) -> None:
        """Forget every line and remove the runs."""
        for run in self._runs:
            run.unlink(missing_ok=True)
        self._runs = []
        self._held = {}


def _counted(run: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """A run's lines with their counts (each line is followed by its count's line)."""
    for line in run:
        yield line, int(next(run))
