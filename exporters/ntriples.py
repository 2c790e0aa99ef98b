"""N-Triples export, lines sorted (rdflib's own order varies between runs)."""

from __future__ import annotations

import os
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from councilgraph.exporters.kept import Pieces
from councilgraph.graph.core.atomic import atomic_open
from councilgraph.graph.rdf.oxigraph import NTriples, copy_ntriples, ntriples_of, serialized

__all__ = ["NTriplesPieces", "write_ntriples"]


def write_ntriples(graph: Graph | NTriples, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as sorted N-Triples to ``path`` atomically (or the sorted N-Triples given,
    copied from their file in chunks when a build wrote them to one)."""
    with atomic_open(path) as fh:
        copy_ntriples(ntriples_of(graph), fh)


class NTriplesPieces(Pieces):
    """N-Triples kept by parts: each subject's sorted lines (joined, the sorted document)."""

    def make(self, subject: Any, triples: list[ox.Triple]) -> bytes:
        return serialized(triples, ox.RdfFormat.N_TRIPLES)
