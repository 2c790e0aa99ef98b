"""JSON-LD export with councilgraph's own inline context, written node by node.

The context is a package file, never a remote URL: nothing is fetched, and schema.org terms stay
``https://schema.org/`` (its published context maps them to http). The context holds prefixes only,
so compacting is a matter of writing each IRI as ``prefix:local``. The document is written from
the graph's sorted N-Triples (which a build makes once, ``graph/rdf/oxigraph.py``), read back by
Oxigraph: the triples of one subject are consecutive there, so each node is one pass over its
lines, with no lookups in an rdflib graph; nodes are sorted by ``@id``, values keep their
N-Triples order, and each node is one line. The output is the same graph, which the tests read
back with rdflib.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph

from councilgraph.exporters.kept import Pieces
from councilgraph.graph.core.atomic import atomic_open
from councilgraph.graph.core.prefixes import jsonld_context as prefixes_context
from councilgraph.graph.rdf.oxigraph import NTriples, ntriples_of, parse_ntriples
from councilgraph.graph.rdf.spill import CountedLines

__all__ = [
    "Compactor",
    "JsonLdPieces",
    "jsonld_context",
    "jsonld_node",
    "jsonld_text",
    "write_document",
    "write_jsonld",
]

_TYPE, _STRING, _INTEGER, _BOOLEAN = str(RDF.type), str(XSD.string), str(XSD.integer), str(XSD.boolean)
_INTEGER_FORM = re.compile(r"[+-]?[0-9]+")
_BOOLEAN_FORMS = {"true": True, "1": True, "false": False, "0": False}


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context`` object used for export (``graph/core/prefixes.py``: the prefix table's)."""
    return prefixes_context()


class Compactor:
    """IRIs written as ``prefix:local`` with the context's prefixes, and values as JSON-LD values."""

    def __init__(self, context: dict[str, str] | None = None) -> None:
        context = jsonld_context() if context is None else context
        # longest namespace first, so that a prefix never takes a longer one's IRIs
        self.prefixes = sorted(
            ((iri, name) for name, iri in context.items()), key=lambda p: (-len(p[0]), p[1])
        )
        self._compacted: dict[str, str] = {}  # predicates, classes and entities recur on every node

    def iri(self, text: str) -> str:
        found = self._compacted.get(text)
        if found is None:
            found = self._compacted[text] = self._compact(text)
        return found

    def _compact(self, text: str) -> str:
        for namespace, name in self.prefixes:
            local = text[len(namespace) :]
            if text.startswith(namespace) and local and "/" not in local and "#" not in local:
                return f"{name}:{local}"
        return text

    def term(self, node: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
        if isinstance(node, ox.BlankNode):
            return f"_:{node.value}"
        if isinstance(node, ox.NamedNode):
            return self.iri(node.value)
        raise ValueError(f"RDF-star triple terms have no JSON-LD 1.1 form: {node}")

    def value(self, node: Any) -> Any:
        if isinstance(node, ox.Literal):
            if node.language:
                return {"@language": node.language, "@value": node.value}
            datatype = node.datatype.value
            if datatype == _STRING:
                return node.value
            if datatype == _INTEGER and _INTEGER_FORM.fullmatch(node.value):
                return int(node.value)
            if datatype == _BOOLEAN and node.value in _BOOLEAN_FORMS:
                return _BOOLEAN_FORMS[node.value]
            return {"@type": self.iri(datatype), "@value": node.value}
        return {"@id": self.term(node)}

    def node(self, subject: Any, triples: Iterator[ox.Triple]) -> dict[str, Any]:
        out: dict[str, Any] = {"@id": self.term(subject)}
        for predicate, group in groupby(triples, key=lambda t: t.predicate.value):
            objects = [t.object for t in group]
            if predicate == _TYPE and all(isinstance(o, ox.NamedNode) for o in objects):
                types = [self.iri(o.value) for o in objects if isinstance(o, ox.NamedNode)]
                out["@type"] = types[0] if len(types) == 1 else types
                continue
            values = [self.value(o) for o in objects]
            out[self.iri(predicate)] = values[0] if len(values) == 1 else values
        return out


def jsonld_text(graph: Graph | NTriples) -> str:
    """``graph`` (or its sorted N-Triples) as compacted JSON-LD text:
    ``{"@context": ..., "@graph": [nodes sorted by @id]}``."""
    out = io.BytesIO()
    _write_jsonld(graph, out)
    return out.getvalue().decode("utf-8")


def _write_jsonld(
    graph: Graph | NTriples, out: BinaryIO, workdir: str | os.PathLike[str] | None = None
) -> None:
    """Write the JSON-LD document into ``out``, node by node.

    One node per line: ``json`` encodes a line in C, where an indented node goes through its
    pure-Python encoder (five times slower), and a line per node still reads and diffs well.
    Nodes are sorted by their compact ``@id`` (not the order of their full IRIs), so each node's
    line waits in a :class:`~councilgraph.graph.rdf.spill.CountedLines` (sorted runs in ``workdir``
    when there are many) until all are made; the document itself is never held whole."""
    compact = Compactor()
    nodes = CountedLines(workdir)
    try:
        for subject, group in groupby(parse_ntriples(ntriples_of(graph)), key=lambda t: t.subject):
            key, text = jsonld_node(compact, subject, group)  # sorted: a subject's lines are together
            nodes.add(key + b"\0" + text + b"\n")
        write_document(out, (line[line.index(b"\0", line.index(b"\0") + 1) + 1 : -1] for line in nodes))
    finally:
        nodes.close()


def jsonld_node(compact: Compactor, subject: Any, triples: Iterable[ox.Triple]) -> tuple[bytes, bytes]:
    """One node of the document: its sort key, ``@id`` then the subject (a NUL between: the
    compact ``@id`` sorts the nodes, and two IRIs never compact alike), and its line."""
    node = compact.node(subject, iter(triples))
    text = json.dumps(node, ensure_ascii=False, sort_keys=True)  # control characters escaped
    return f"{node['@id']}\0{subject}".encode(), text.encode()


def write_document(out: BinaryIO, nodes: Iterable[bytes]) -> None:
    """The document around its node lines, given in their order."""
    head = json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=1, sort_keys=True)
    out.write((head[: head.rindex("}")].rstrip() + ',\n "@graph": [\n').encode("utf-8"))
    previous = None
    for line in nodes:
        if previous is not None:
            out.write(b"  " + previous + b",\n")
        previous = line
    if previous is not None:
        out.write(b"  " + previous + b"\n")
    out.write(b" ]\n}\n")


def write_jsonld(graph: Graph | NTriples, path: str | os.PathLike[str]) -> None:
    """Write ``graph`` (or its sorted N-Triples) as compacted JSON-LD to ``path`` atomically."""
    with atomic_open(path) as fh:
        _write_jsonld(graph, fh, Path(path).parent)


class JsonLdPieces(Pieces):
    """JSON-LD kept by parts: each subject's node line with its sort key (:func:`jsonld_node`),
    written sorted by compact ``@id`` as :func:`write_jsonld` sorts them."""

    def __init__(self) -> None:
        super().__init__()
        self._compact = Compactor()

    def make(self, subject: Any, triples: list[ox.Triple]) -> tuple[bytes, bytes]:
        return jsonld_node(self._compact, subject, triples)

    def write(self, path: Path) -> None:
        with atomic_open(path) as fh:
            write_document(fh, (text for _key, text in sorted(self.pieces.values())))
