"""JSON-LD export with councilgraph's own inline context, written node by node.

The context is a package file, never a remote URL: nothing is fetched, and schema.org terms stay
``https://schema.org/`` (its published context maps them to http). The context holds prefixes only,
so compacting is a matter of writing each IRI as ``prefix:local``; each node is written from the
graph's index of its subject, nodes sorted by ``@id`` and values by their N-Triples form. rdflib's
JSON-LD writer builds the whole document in memory twice (and took longer than the rest of
the exports together); the output is the same graph, which the tests read back with rdflib.
"""

from __future__ import annotations

import json
import os
from importlib.resources import files
from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from councilgraph.graph.atomic import atomic_write_text

__all__ = ["jsonld_context", "jsonld_text", "write_jsonld"]


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context`` object used for export."""
    data = json.loads((files("councilgraph.ontology") / "context.jsonld").read_text("utf-8"))
    return dict(data["@context"])


class _Compactor:
    def __init__(self, context: dict[str, str]) -> None:
        # longest namespace first, so that a prefix never takes a longer one's IRIs
        self.prefixes = sorted(
            ((iri, name) for name, iri in context.items()), key=lambda p: (-len(p[0]), p[1])
        )
        self._compacted: dict[Node, str] = {}  # predicates, classes and entities recur on every node

    def iri(self, node: Node) -> str:
        found = self._compacted.get(node)
        if found is None:
            found = self._compacted[node] = self._compact(node)
        return found

    def _compact(self, node: Node) -> str:
        if isinstance(node, BNode):
            return f"_:{node}"
        text = str(node)
        for namespace, name in self.prefixes:
            local = text[len(namespace) :]
            if text.startswith(namespace) and local and "/" not in local and "#" not in local:
                return f"{name}:{local}"
        return text

    def value(self, node: Node) -> Any:
        if isinstance(node, Literal):
            if node.language:
                return {"@language": node.language, "@value": str(node)}
            if node.datatype in (None, XSD.string):
                return str(node)
            if node.datatype == XSD.integer and isinstance(node.toPython(), int):
                return int(node.toPython())
            if node.datatype == XSD.boolean and isinstance(node.toPython(), bool):
                return bool(node.toPython())
            return {"@type": self.iri(node.datatype), "@value": str(node)}
        return {"@id": self.iri(node)}

    def node(self, graph: Graph, subject: Node) -> dict[str, Any]:
        out: dict[str, Any] = {"@id": self.iri(subject)}
        by_predicate: dict[Node, list[Node]] = {}
        for predicate, obj in graph.predicate_objects(subject):
            by_predicate.setdefault(predicate, []).append(obj)
        for predicate, objects in by_predicate.items():
            objects.sort(key=lambda o: o.n3())
            if predicate == RDF.type and all(isinstance(o, URIRef) for o in objects):
                types = [self.iri(o) for o in objects]
                out["@type"] = types[0] if len(types) == 1 else types
                continue
            values = [self.value(o) for o in objects]
            out[self.iri(predicate)] = values[0] if len(values) == 1 else values
        return out


def jsonld_text(graph: Graph) -> str:
    """``graph`` as compacted JSON-LD text: ``{"@context": ..., "@graph": [nodes sorted by @id]}``.

    One node per line: ``json`` encodes a line in C, where an indented node goes through its
    pure-Python encoder (five times slower), and a line per node still reads and diffs well."""
    context = jsonld_context()
    compact = _Compactor(context)
    subjects = sorted(set(graph.subjects()), key=lambda s: (compact.iri(s), str(s)))
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=1, sort_keys=True)
    parts = [head[: head.rindex("}")].rstrip() + ',\n "@graph": [\n']
    for i, subject in enumerate(subjects):
        text = json.dumps(compact.node(graph, subject), ensure_ascii=False, sort_keys=True)
        parts.append("  " + text + (",\n" if i + 1 < len(subjects) else "\n"))
    parts.append(" ]\n}\n")
    return "".join(parts)


def write_jsonld(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as compacted JSON-LD to ``path`` atomically, nodes sorted by ``@id``."""
    atomic_write_text(path, jsonld_text(graph))
