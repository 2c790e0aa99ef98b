"""Writers for every output format, looked up by name in one table.

Each writer takes what it serialises (the rdflib Graph, or its NetworkX projection for the
network formats) and a path, and writes atomically: a failed run leaves the last good file.
"""

from __future__ import annotations

from councilgraph.exporters.graphml import write_graphml
from councilgraph.exporters.html import write_html
from councilgraph.exporters.jsonld import write_jsonld
from councilgraph.exporters.merges import write_merge_log
from councilgraph.exporters.ntriples import write_ntriples
from councilgraph.exporters.turtle import write_turtle

__all__ = [
    "FORMATS",
    "RDF_FORMATS",
    "write_graphml",
    "write_html",
    "write_jsonld",
    "write_merge_log",
    "write_ntriples",
    "write_turtle",
]

RDF_FORMATS = {"ttl": write_turtle, "jsonld": write_jsonld, "nt": write_ntriples}
"""Formats written from the RDF graph: name -> writer."""

FORMATS = {
    "ttl": "graph.ttl",
    "jsonld": "graph.jsonld",
    "nt": "graph.nt",
    "graphml": "graph.graphml",
    "html": "graph.html",
}
"""Every format ``build --format`` knows, with its file name."""
