"""N-Triples export, lines sorted (rdflib's own order varies between runs)."""

from __future__ import annotations

import os

from rdflib import Graph

from councilgraph.graph.atomic import atomic_write_bytes

__all__ = ["write_ntriples"]


def write_ntriples(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as sorted N-Triples to ``path`` atomically."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    atomic_write_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"))
