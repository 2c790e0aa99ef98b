"""Turtle export: councilgraph's prefixes, one block per node, deterministic (IRIs only, no blank nodes)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from councilgraph.exporters.kept import Pieces
from councilgraph.graph.core.atomic import atomic_open
from councilgraph.graph.rdf.oxigraph import NTriples, turtle, turtle_block, turtle_prefixes

__all__ = ["TurtlePieces", "write_turtle"]


def write_turtle(graph: Graph | NTriples, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as Turtle to ``path`` atomically (Oxigraph's writer: ``graph/rdf/oxigraph.py``).

    ``graph`` may be given as its sorted N-Triples (or their file), when a build has made them once."""
    with atomic_open(path) as fh:
        turtle(graph, fh)


class TurtlePieces(Pieces):
    """Turtle kept by parts: the prefixes, then a block per subject (``turtle_block``)."""

    def make(self, subject: Any, triples: list[ox.Triple]) -> bytes:
        return turtle_block(triples)

    def write(self, path: Path) -> None:
        with atomic_open(path) as fh:
            if self.pieces:
                fh.write(turtle_prefixes())
            fh.write(self.joined())
