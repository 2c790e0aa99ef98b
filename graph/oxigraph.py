"""rdflib graphs through Oxigraph, for the work Oxigraph does faster: validation and serialising.

rdflib builds the graph (its API is what the builder, the analysis and the tests speak); Oxigraph,
written in Rust, checks and writes it. The bridge is N-Triples: rdflib writes them, and Oxigraph
reads them faster than terms can be converted one by one in Python.
"""

from __future__ import annotations

from typing import IO, cast

import pyoxigraph as ox
from rdflib import Graph

from councilgraph.ontology import PREFIXES

__all__ = ["as_ntriples", "load_ntriples", "sorted_ntriples", "to_oxigraph", "turtle"]


class _Lines:
    """A stream rdflib's N-Triples writer writes into, kept as lines: no whole-document copy."""

    def __init__(self) -> None:
        self.lines: list[bytes] = []

    def write(self, chunk: bytes) -> int:
        if chunk.endswith(b"\n") and chunk.count(b"\n") == 1:
            self.lines.append(chunk)  # rdflib writes a triple at a time
        else:
            self.lines.extend(line + b"\n" for line in chunk.splitlines() if line)
        return len(chunk)

    def flush(self) -> None:
        pass


def sorted_ntriples(graph: Graph) -> bytes:
    """``graph`` as N-Triples, one triple per line, lines sorted: the same graph, the same bytes.

    The lines are collected as rdflib writes them and sorted in place, so that a large graph's
    document exists twice at most (lines, then the result), not four times."""
    stream = _Lines()
    graph.serialize(destination=cast(IO[bytes], stream), format="nt", encoding="utf-8")  # it only writes
    stream.lines.sort()  # a graph is a set: no line twice
    return b"".join(stream.lines)


def as_ntriples(graph: Graph | bytes) -> bytes:
    """The sorted N-Triples of ``graph``, or ``graph`` itself when it is them already (a build makes
    them once and hands them to every writer that reads them)."""
    return graph if isinstance(graph, bytes) else sorted_ntriples(graph)


def to_oxigraph(graph: Graph, store: ox.Store | None = None) -> ox.Store:
    """The triples of ``graph`` in an Oxigraph store (in memory unless one is given), default graph."""
    return load_ntriples(graph.serialize(format="nt", encoding="utf-8"), store)


def load_ntriples(ntriples: bytes, store: ox.Store | None = None) -> ox.Store:
    """N-Triples (such as :func:`sorted_ntriples` made once for a build) in an Oxigraph store."""
    target = store if store is not None else ox.Store()
    target.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return target


def turtle(graph: Graph | bytes) -> bytes:
    """``graph`` (or its :func:`sorted_ntriples`) as Turtle with councilgraph's prefixes, deterministic.

    Oxigraph's Turtle writer groups the consecutive triples of one subject (and predicate), so
    writing the sorted N-Triples gives each node one block; four times faster than rdflib's."""
    triples = ox.parse(as_ntriples(graph), format=ox.RdfFormat.N_TRIPLES)
    prefixes = {name: str(iri) for name, iri in PREFIXES.items()}
    out = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert out is not None  # no file given: the bytes are returned
    return out
