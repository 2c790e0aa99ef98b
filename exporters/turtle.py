"""Turtle export: prefixes per instance kind, deterministic output (IRIs only, no blank nodes)."""

from __future__ import annotations

import os

from rdflib import Graph

from councilgraph.graph.atomic import atomic_write_bytes

__all__ = ["write_turtle"]


def write_turtle(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as Turtle to ``path`` atomically."""
    atomic_write_bytes(path, graph.serialize(format="turtle", encoding="utf-8"))
