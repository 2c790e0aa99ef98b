"""The graph in Oxigraph, for the work Oxigraph does faster than Python objects: holding, checking
and writing it.

A build's graph is its sorted N-Triples (``graph/rdf/build.py`` writes them line by line); Oxigraph,
written in Rust, loads them for validation, the projection and the store, and writes Turtle and
JSON-LD from them. :class:`StoreGraph` lets code written against rdflib's ``Graph`` (the analysis,
the merge log, the tests) read a store without the graph ever becoming rdflib objects: at 50,000
articles those were two thirds of a build's memory.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from councilgraph.graph.core.prefixes import PREFIXES

__all__ = [
    "LOAD_LINES",
    "MEMORY_STORE_LIMIT",
    "NTriples",
    "ReadableGraph",
    "StoreGraph",
    "as_ntriples",
    "copy_ntriples",
    "load_ntriples",
    "ntriples_of",
    "open_ntriples",
    "parse_ntriples",
    "serialized",
    "sorted_ntriples",
    "to_oxigraph",
    "to_rdflib",
    "turtle",
    "turtle_block",
    "turtle_prefixes",
]


class _LineCollector:
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
    stream = _LineCollector()
    graph.serialize(destination=cast(IO[bytes], stream), format="nt", encoding="utf-8")  # it only writes
    stream.lines.sort()  # a graph is a set: no line twice
    return b"".join(stream.lines)


NTriples = bytes | Path
"""A graph's sorted N-Triples: in memory, or the file a build wrote them to (``BuildResult.path``)."""


def ntriples_of(graph: Graph | StoreGraph | NTriples) -> NTriples:
    """The sorted N-Triples of ``graph``, or ``graph`` itself when it is them already (a build
    writes them once, to a file, and every writer that reads them streams that file)."""
    if isinstance(graph, bytes | Path):
        return graph
    if isinstance(graph, StoreGraph):
        return b"".join(sorted(graph.dump().splitlines(keepends=True)))
    return sorted_ntriples(graph)


def as_ntriples(graph: Graph | StoreGraph | NTriples) -> bytes:
    """The sorted N-Triples of ``graph`` in memory (:func:`ntriples_of`, a file read whole)."""
    source = ntriples_of(graph)
    return source.read_bytes() if isinstance(source, Path) else source


def copy_ntriples(source: NTriples, out: IO[bytes]) -> None:
    """Write sorted N-Triples (or their file, copied in chunks) into ``out``."""
    if isinstance(source, Path):
        with source.open("rb") as lines:
            shutil.copyfileobj(lines, out, 1 << 20)
    else:
        out.write(source)


def parse_ntriples(source: NTriples) -> Iterator[ox.Triple]:
    """The triples of sorted N-Triples, in their order, read as they are needed."""
    if isinstance(source, Path):
        return cast(Iterator[ox.Triple], ox.parse(path=str(source), format=ox.RdfFormat.N_TRIPLES))
    return cast(Iterator[ox.Triple], ox.parse(source, format=ox.RdfFormat.N_TRIPLES))


def to_oxigraph(graph: Graph, store: ox.Store | None = None) -> ox.Store:
    """The triples of ``graph`` in an Oxigraph store (in memory unless one is given), default graph."""
    return load_ntriples(graph.serialize(format="nt", encoding="utf-8"), store)


LOAD_LINES = 100_000
"""Lines of a file :func:`load_ntriples` hands Oxigraph's bulk loader at a time. The loader
buffers what it is given, on every core, before writing it: the 1.8-million-line file of 50,000
generated articles in one call peaked at 1,150 MB, in calls of 100,000 lines at 182 MB, for a
second more (6.8 s against 5.8 s into an on-disk store)."""


def load_ntriples(ntriples: NTriples, store: ox.Store | None = None) -> ox.Store:
    """N-Triples (such as :func:`sorted_ntriples` made once for a build, or a build's file, read
    :data:`LOAD_LINES` at a time) in an Oxigraph store (in memory unless one is given)."""
    target = store if store is not None else ox.Store()
    if isinstance(ntriples, bytes):
        target.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
        return target
    with ntriples.open("rb") as lines:
        while chunk := b"".join(itertools.islice(lines, LOAD_LINES)):
            target.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES)
    return target


MEMORY_STORE_LIMIT = 128 * 2**20
"""The largest N-Triples file (bytes) :func:`open_ntriples` loads into Oxigraph's in-memory store.

In memory, the store takes about twice the file (133 MB for the 61 MB graph of 10,000 generated
articles) and validation and the projection read it two to three times faster than from disk; at
50,000 articles (a 280 MB file) it was 550 MB, more than a laptop build should hold beside the
rest, so a larger graph goes into an on-disk store, whose memory RocksDB bounds."""


def open_ntriples(path: Path, folder: Path, limit: int = MEMORY_STORE_LIMIT) -> ox.Store:
    """The graph of a build's N-Triples file in Oxigraph: in memory up to ``limit`` bytes of
    N-Triples, else in a new on-disk store in ``folder`` (which must not exist yet)."""
    if path.stat().st_size <= limit:
        return load_ntriples(path)
    return load_ntriples(path, ox.Store(str(folder)))


def turtle(graph: Graph | StoreGraph | NTriples, output: IO[bytes] | None = None) -> bytes:
    """``graph`` (or its :func:`sorted_ntriples`) as Turtle with councilgraph's prefixes, deterministic.

    Oxigraph's Turtle writer groups the consecutive triples of one subject (and predicate), so
    writing the sorted N-Triples gives each node one block; four times faster than rdflib's.
    With ``output``, the Turtle is streamed into it (and ``b""`` returned), never held whole."""
    triples = parse_ntriples(ntriples_of(graph))
    out = ox.serialize(triples, output, format=ox.RdfFormat.TURTLE, prefixes=_turtle_prefixes())
    return out if out is not None else b""


def _turtle_prefixes() -> dict[str, str]:
    return {name: str(iri) for name, iri in PREFIXES.items()}


def serialized(
    triples: Iterable[ox.Triple], format: ox.RdfFormat, prefixes: dict[str, str] | None = None
) -> bytes:
    """``triples`` written in ``format`` by Oxigraph, as bytes."""
    text = ox.serialize(triples, None, format=format, prefixes=prefixes)
    if text is None:  # only when given a file to write into
        raise ValueError("Oxigraph wrote into a file, not bytes")
    return text


@lru_cache(maxsize=1)
def turtle_prefixes() -> bytes:
    """The ``@prefix`` lines :func:`turtle` opens a graph with (a graph with no triples has none)."""
    some = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.NamedNode("urn:x:o"))
    text = serialized([some], ox.RdfFormat.TURTLE, _turtle_prefixes())
    return text[: text.index(b"\n", text.rindex(b"@prefix")) + 1]


def turtle_block(triples: list[ox.Triple]) -> bytes:
    """One subject's triples, in sorted N-Triples order, as :func:`turtle` writes them: the
    document is :func:`turtle_prefixes` and its subjects' blocks in order, which lets a graph that
    changes by a few subjects be written again without serialising the rest (``exporters/parts.py``)."""
    text = serialized(triples, ox.RdfFormat.TURTLE, _turtle_prefixes())
    head = turtle_prefixes()
    if not text.startswith(head):
        raise ValueError("Oxigraph's Turtle writer did not open with the prefixes")
    return text[len(head) :]


def to_rdflib(triple: ox.Triple | ox.Quad) -> tuple[Node, Node, Node]:
    """An Oxigraph triple as rdflib terms."""
    return _from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)


Pattern = tuple[Node | None, Node | None, Node | None]


def _to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


@lru_cache(maxsize=1 << 16)  # roles, classes, articles and councils recur in every fact
def _from_ox(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return (
            Literal(term.value)
            if datatype == str(XSD.string)
            else Literal(term.value, datatype=URIRef(datatype))
        )
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


class StoreGraph:
    """The default graph of an Oxigraph store, read through the part of rdflib's ``Graph`` API that
    councilgraph's readers use (``triples``, ``value``, ``subjects``, ``objects``, ``in``, ``len``).

    Terms come back as rdflib terms, so the projection and the merge log read a build's store and
    an rdflib graph parsed from a file alike. Read-only: the store is the graph of record."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def triples(self, pattern: Pattern) -> Iterator[tuple[Node, Node, Node]]:
        s, p, o = pattern  # the terms given come back as given; only the others are converted
        found = self.store.quads_for_pattern(
            cast(Any, None if s is None else _to_ox(s)),  # (a literal subject finds nothing)
            cast(Any, None if p is None else _to_ox(p)),
            None if o is None else _to_ox(o),
            ox.DefaultGraph(),
        )
        for quad in found:
            yield (
                s if s is not None else _from_ox(quad.subject),
                p if p is not None else _from_ox(quad.predicate),
                o if o is not None else _from_ox(quad.object),
            )

    def value(self, subject: Node | None = None, predicate: Node | None = None) -> Node | None:
        """One object of ``subject predicate``, or None (the readers ask single-valued properties)."""
        return next((o for _s, _p, o in self.triples((subject, predicate, None))), None)

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        return (s for s, _p, _o in self.triples((None, predicate, obj)))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        return (o for _s, _p, o in self.triples((subject, predicate, None)))

    def subject_objects(self, predicate: Node | None = None) -> Iterator[tuple[Node, Node]]:
        return ((s, o) for s, _p, o in self.triples((None, predicate, None)))

    def predicate_objects(self, subject: Node | None = None) -> Iterator[tuple[Node, Node]]:
        return ((p, o) for _s, p, o in self.triples((subject, None, None)))

    def __contains__(self, triple: Pattern) -> bool:
        return next(self.triples(triple), None) is not None

    def __len__(self) -> int:
        return len(self.store)

    def dump(self) -> bytes:
        """The triples as N-Triples, in the store's order."""
        return cast(bytes, self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))

    def to_rdflib(self) -> Graph:
        """The same triples as an rdflib ``Graph`` (for pySHACL, which reads only rdflib)."""
        return Graph().parse(data=self.dump(), format="nt")


ReadableGraph = Graph | StoreGraph
"""What the readers of a built graph (the projection, the merge log, validation) accept."""
