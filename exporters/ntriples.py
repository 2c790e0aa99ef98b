"""N-Triples export, lines sorted (rdflib's own order varies between runs)."""

from __future__ import annotations

import os

from rdflib import Graph

from councilgraph.graph.atomic import atomic_write_bytes
from councilgraph.graph.oxigraph import as_ntriples

__all__ = ["write_ntriples"]


def write_ntriples(graph: Graph | bytes, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as sorted N-Triples to ``path`` atomically (or the sorted N-Triples given)."""
    atomic_write_bytes(path, as_ntriples(graph))
