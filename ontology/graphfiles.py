"""The one table of graph-file suffixes: which RDF syntax a built graph file is in, by its name.

``validate``, ``query``, ``evaluate``, ``analyse``, ``serve --graph`` and ``push --graph`` all read a
graph file; rdflib and Oxigraph name the same syntax differently, so each row gives both names. A
second table anywhere else would drift (``query g.json`` once read JSON-LD as Turtle).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

import pyoxigraph as ox

__all__ = ["GRAPH_FILE_FORMATS", "GraphFileFormat", "graph_file_format"]


@dataclass(frozen=True)
class GraphFileFormat:
    """One RDF syntax a graph file can be in, as rdflib and Oxigraph each name it."""

    rdflib: str
    oxigraph: ox.RdfFormat


_TURTLE = GraphFileFormat("turtle", ox.RdfFormat.TURTLE)
_NTRIPLES = GraphFileFormat("nt", ox.RdfFormat.N_TRIPLES)
_JSONLD = GraphFileFormat("json-ld", ox.RdfFormat.JSON_LD)

GRAPH_FILE_FORMATS: dict[str, GraphFileFormat] = {
    ".ttl": _TURTLE,
    ".nt": _NTRIPLES,
    ".jsonld": _JSONLD,
    ".json": _JSONLD,
}
"""Suffix (lower case) → syntax. build writes ``graph.ttl``, ``graph.nt`` and ``graph.jsonld``."""


def graph_file_format(path: PurePath) -> GraphFileFormat | None:
    """The syntax of the graph file ``path`` by its suffix (any case), or None if it is not one."""
    return GRAPH_FILE_FORMATS.get(path.suffix.lower())
