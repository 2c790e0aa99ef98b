"""GraphML export of the NetworkX projection, for Gephi and yEd: lists flattened to strings.

Written by NetworkX's lxml writer, which streams node by node into the file: its ElementTree
writer built the whole document in memory first (nine times the file's size: 470 MB for the
52 MB file of 50,000 generated articles)."""

from __future__ import annotations

import os
import re
from typing import Any

import networkx as nx

from councilgraph.graph.atomic import atomic_open

__all__ = ["write_graphml"]


def _flat(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    return value


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: Any) -> Any:
    """XML 1.0 cannot hold NUL, most control characters or U+FFFE/U+FFFF: each becomes U+FFFD,
    so a reader sees that something was there. (Articles with NUL are refused on reading; the RDF
    formats keep every character.)"""
    if isinstance(text, str):
        return _NOT_XML.sub("\ufffd", text)
    return text


def _attrs(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes as Gephi and yEd show them: lists joined, no empty values, numbers as numbers."""
    return {k: _clean(_flat(v)) for k, v in data.items() if v not in (None, "", [], ())}


def write_graphml(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write a NetworkX projection (``councilgraph.graph.analyse.to_networkx``) as GraphML, atomically.

    Every node and edge has a ``label`` in words (yEd and Gephi show it), years are integers, and
    attributes without a value are left out rather than written empty."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **_attrs(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **_attrs(data))
    with atomic_open(path) as fh:
        nx.write_graphml_lxml(flat, fh, encoding="utf-8", prettyprint=True)
