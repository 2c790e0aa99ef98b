"""JSON-LD export with councilgraph's own inline context.

The context is a package file, never a remote URL: nothing is fetched, and schema.org terms stay
``https://schema.org/`` (its published context maps them to http).
"""

from __future__ import annotations

import json
import os
from importlib.resources import files

from rdflib import Graph

from councilgraph.graph.atomic import atomic_write_text

__all__ = ["jsonld_context", "write_jsonld"]


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context`` object used for export."""
    data = json.loads((files("councilgraph.ontology") / "context.jsonld").read_text("utf-8"))
    return dict(data["@context"])


def write_jsonld(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as compacted JSON-LD to ``path`` atomically, nodes sorted by ``@id``."""
    context = jsonld_context()
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    nodes = sorted(nodes, key=lambda n: str(n.get("@id", "")))
    out = {"@context": context, "@graph": nodes}
    atomic_write_text(path, json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
