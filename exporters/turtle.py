"""Turtle export: councilgraph's prefixes, one block per node, deterministic (IRIs only, no blank nodes)."""

from __future__ import annotations

import os

from rdflib import Graph

from councilgraph.graph.core.atomic import atomic_open
from councilgraph.graph.rdf.oxigraph import NTriples, turtle

__all__ = ["write_turtle"]


def write_turtle(graph: Graph | NTriples, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as Turtle to ``path`` atomically (Oxigraph's writer: ``graph/rdf/oxigraph.py``).

    ``graph`` may be given as its sorted N-Triples (or their file), when a build has made them once."""
    with atomic_open(path) as fh:
        turtle(graph, fh)
