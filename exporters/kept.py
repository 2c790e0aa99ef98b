"""The base of an output kept by parts: a piece per subject of the graph, and the file joined from them.

A graph's Turtle, N-Triples, JSON-LD and merge log are each made of a piece per subject, in
subject order. The outputs process of ``serve --ingest --out`` (``exporters/parts.py``) keeps,
for each such output, a :class:`Pieces` of its own kind (``Output.pieces`` in
``exporters/__init__.py``), remakes the pieces of the subjects a change reaches and writes the
file from them: the bytes the output's whole writer gives for the same graph (the tests compare).
A new format that must stay fast on a large store adds a subclass beside its writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from councilgraph.graph.core.atomic import atomic_open

__all__ = ["Pieces"]


class Pieces:
    """An output as a piece per subject: :meth:`make` makes one from the subject's triples, and
    :meth:`write` joins them (by default, their bytes in the order of the subjects' N-Triples
    form, the sorted lines')."""

    def __init__(self) -> None:
        self.pieces: dict[str, Any] = {}  # the subject's N-Triples form -> its piece

    def make(self, subject: Any, triples: list[ox.Triple]) -> Any | None:
        """The subject's piece from its triples (sorted as N-Triples lines); None: it has none."""
        raise NotImplementedError

    def piece(self, subject: Any, triples: list[ox.Triple]) -> None:
        """Make the subject's piece again, or drop it (no triples left, or none of this output)."""
        made = self.make(subject, triples) if triples else None
        if made is None:
            self.pieces.pop(str(subject), None)
        else:
            self.pieces[str(subject)] = made

    def joined(self) -> bytes:
        """The pieces' bytes in the order of their subjects' N-Triples form."""
        pieces = self.pieces
        return b"".join(pieces[key] for key in sorted(pieces))

    def write(self, path: Path) -> None:
        """Write the file from the pieces, atomically."""
        with atomic_open(path) as fh:
            fh.write(self.joined())
