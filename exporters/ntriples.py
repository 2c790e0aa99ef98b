"""N-Triples export, lines sorted (rdflib's own order varies between runs)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rdflib import Graph

from councilgraph.graph.atomic import atomic_open
from councilgraph.graph.oxigraph import NTriples, ntriples_of

__all__ = ["write_ntriples"]


def write_ntriples(graph: Graph | NTriples, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as sorted N-Triples to ``path`` atomically (or the sorted N-Triples given,
    copied from their file in chunks when a build wrote them to one)."""
    source = ntriples_of(graph)
    with atomic_open(path) as fh:
        if isinstance(source, Path):
            with source.open("rb") as lines:
                shutil.copyfileobj(lines, fh, 1 << 20)
        else:
            fh.write(source)
