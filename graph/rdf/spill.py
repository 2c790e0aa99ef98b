"""Sorting more lines than should be held in memory: sorted runs on disk, merged as they are read.

A build's graph is a set of N-Triples lines (``graph/rdf/build.py``), and the JSON-LD writer sorts one
line per node (``exporters/jsonld.py``). At 50,000 articles the graph is 1.8 million lines, about
500 MB as Python bytes and as much again while they are sorted and joined. :class:`SortedLines`
keeps at most ``limit`` distinct lines in memory; past that it sorts them into a run file in its
folder and starts again. Reading it merges the runs (``heapq.merge``) and drops the duplicates, so
the result is the sorted set of every line added, whatever the limit: the same bytes as sorting
them all in memory, which is what a build below the limit does without touching the disk.
"""

from __future__ import annotations

import heapq
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from councilgraph.graph.core.atomic import TEMP_SUFFIX

__all__ = ["RUN_PREFIX", "SPILL_LINES", "SortedLines"]

RUN_PREFIX = ".councilgraph-run."
"""The name a sorted run's file starts with (``build`` removes those a killed build left)."""

SPILL_LINES = 250_000
"""Distinct lines held in memory before they are written out as a sorted run (about 70 MB of
N-Triples lines as Python bytes; a build of 2,000 articles stays under it and never spills)."""


class SortedLines:
    """A set of lines (``bytes`` ending in ``\\n``) read back sorted, spilling runs into ``folder``
    (the system's temporary folder when None) once more than ``limit`` (:data:`SPILL_LINES`) are held.

    Read once: iterating merges and then removes the runs, and the object is empty after it."""

    def __init__(self, folder: str | os.PathLike[str] | None = None, limit: int | None = None) -> None:
        self._folder = folder
        self._limit = SPILL_LINES if limit is None else limit  # (read now: a test may lower it)
        if self._limit < 1:
            raise ValueError("limit must be at least 1")
        self._held: set[bytes] = set()
        self._runs: list[Path] = []
        self._kept: list[bytes] = []  # the lines held at the checkpoint, sorted (counted in the limit)
        self._kept_runs = 0  # the runs written before the checkpoint (or holding its lines)

    def add(self, line: bytes) -> None:
        if not line.endswith(b"\n"):  # a run is read back line by line
            raise ValueError(f"a line must end in a newline: {line[:80]!r}")
        self._held.add(line)
        if len(self._held) + len(self._kept) > self._limit:
            self._spill()

    @property
    def spilled(self) -> int:
        """How many sorted runs are on disk."""
        return len(self._runs)

    def _spill(self) -> None:
        if self._kept:  # the checkpoint's lines go to a run of their own, which a rollback keeps
            self._write_run(self._kept)
            self._kept = []
            self._runs.insert(self._kept_runs, self._runs.pop())
            self._kept_runs += 1
        self._write_run(sorted(self._held))
        self._held = set()

    def _write_run(self, lines: list[bytes]) -> None:
        fd, name = tempfile.mkstemp(prefix=RUN_PREFIX, suffix=TEMP_SUFFIX, dir=self._folder)
        self._runs.append(Path(name))  # first, so that close() removes it whatever happens next
        with os.fdopen(fd, "wb") as run:
            run.writelines(lines)

    def checkpoint(self) -> None:
        """Keep every line added so far whatever happens: :meth:`rollback` takes away only the
        lines added after this (``GraphBuilder.add_resolved`` writes its part after one)."""
        if self._held:
            self._kept = list(heapq.merge(self._kept, sorted(self._held - set(self._kept))))
            self._held = set()
        self._kept_runs = len(self._runs)

    def rollback(self) -> None:
        """Take away every line added since the last :meth:`checkpoint` (all of them if none)."""
        for run in self._runs[self._kept_runs :]:
            run.unlink(missing_ok=True)
        del self._runs[self._kept_runs :]
        self._held = set()

    def __iter__(self) -> Iterator[bytes]:
        """Every distinct line added, in sorted (byte) order."""
        held = sorted(self._held)
        kept = self._kept
        self._held, self._kept = set(), []
        if not self._runs and not kept:
            yield from held
            return
        files: list[IO[bytes]] = []
        try:
            files = [open(run, "rb", buffering=1 << 20) for run in self._runs]  # noqa: SIM115 (closed below)
            last = None
            for line in heapq.merge(kept, held, *files):
                if line != last:  # a line spilled in two runs comes out twice, side by side
                    yield line
                    last = line
        finally:
            for file in files:
                file.close()
            self.close()

    def close(self) -> None:
        """Remove the runs (also done after reading)."""
        for run in self._runs:
            run.unlink(missing_ok=True)
        self._runs = []
        self._held = set()
        self._kept = []
        self._kept_runs = 0
