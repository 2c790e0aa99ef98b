"""Validate a graph against ``shapes.ttl``: the shapes as SPARQL on Oxigraph, or pySHACL.

Two engines, the same shapes, the same verdict and the same violations (focus node, path,
constraint component), which ``tests/ontology/test_fast_validation.py`` checks on graphs broken one
constraint at a time:

- ``"oxigraph"`` (what ``build`` uses): each constraint compiled to one SPARQL query
  (``ontology/shapes_sparql.py``) and run in Oxigraph, about twenty times faster than pySHACL;
  should the shapes ever use a SHACL feature the compiler does not translate, this engine runs
  pySHACL instead rather than skip it;
- ``"pyshacl"`` (what ``councilgraph validate`` uses): a standard SHACL processor, no ontology and
  no inference, so ``pyshacl -s ontology/shapes.ttl graph.ttl`` gives the same verdict. Its one
  ``sh:sparql`` constraint (quote length) runs as a single query instead of once per evidence node.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal as OneOf

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SH

from councilgraph.graph.core.prefixes import sparql_prologue
from councilgraph.graph.rdf.oxigraph import ReadableGraph, StoreGraph, to_oxigraph
from councilgraph.ontology import load_shapes
from councilgraph.ontology.shapes_sparql import Unsupported, compile_shapes

__all__ = ["Engine", "ValidationReport", "Violation", "focus_of", "validate"]

Engine = OneOf["oxigraph", "pyshacl"]


@dataclass(frozen=True, order=True)
class Violation:
    """One result: the node that fails, the property path (if any), the constraint component."""

    focus: str
    path: str
    component: str
    value: str = ""
    message: str = ""

    def line(self) -> str:
        where = f" path <{self.path}>" if self.path else ""
        value = f" value {self.value}" if self.value else ""
        note = f": {self.message}" if self.message else ""
        return f"Violation of {self.component.rsplit('#', 1)[-1]}: <{self.focus}>{where}{value}{note}"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms, each violation, and a text report of them."""

    conforms: bool
    violations: tuple[Violation, ...]
    engine: Engine

    @property
    def text(self) -> str:
        if self.conforms:
            return "Conforms: the graph meets every shape."
        return "\n".join(
            [f"Does not conform: {len(self.violations)} violation(s)", *(v.line() for v in self.violations)]
        )


def validate(
    graph: ReadableGraph,
    engine: Engine = "oxigraph",
    store: ox.Store | None = None,
    focus: Collection[str] | None = None,
) -> ValidationReport:
    """Check ``graph`` against the shapes, without inference (the data states its own types).

    ``store``: the same triples already in Oxigraph (``graph/rdf/oxigraph.py``), to save converting.
    ``focus``: check only these nodes (N-Triples forms, see :func:`focus_of`), for a graph that
    differs by a few lines from one that conformed; pySHACL, when it must run, checks them all."""
    if engine == "oxigraph":
        try:
            return _on_oxigraph(graph, store, focus)
        except Unsupported:
            pass
    return _with_pyshacl(graph.to_rdflib() if isinstance(graph, StoreGraph) else graph)


FOCUS_STEPS = 2
"""How far back from a changed node :func:`focus_of` looks for nodes whose verdict it can change.
A shape reads its focus node's own triples and, through ``sh:class``, ``sh:node`` and
``sh:qualifiedValueShape``, those of its values (and, in ``sh:node``, of theirs): no shape in
``shapes.ttl`` looks further than two nodes away."""


def focus_of(store: ox.Store, changed: Iterable[bytes]) -> list[str] | None:
    """The nodes whose verdict a change of these N-Triples lines (added or removed) can change: the
    subjects of the lines, and the nodes that reach them in up to :data:`FOCUS_STEPS` triples, in
    the graph ``store`` holds after the change. None when a line has a blank node (a label is
    not its identity across documents): then check everything."""
    nodes: set[str] = set()
    for line in changed:
        if b"_:" in line:
            return None
        nodes.add(line.split(b" ", 1)[0].decode())
    frontier = set(nodes)
    for _ in range(FOCUS_STEPS):
        if not frontier:
            break
        values = " ".join(sorted(frontier))
        rows = store.query(f"SELECT DISTINCT ?x WHERE {{ VALUES ?s {{ {values} }} ?x ?p ?s }}")
        assert isinstance(rows, ox.QuerySolutions)
        found = {str(row["x"]) for row in rows if isinstance(row["x"], ox.NamedNode)}
        frontier = found - nodes
        nodes |= found
    return sorted(nodes)


def _on_oxigraph(
    graph: ReadableGraph, store: ox.Store | None, focus: Collection[str] | None
) -> ValidationReport:
    subclasses = (None, RDFS.subClassOf, None) in graph
    checks = compile_shapes(load_shapes(), sparql_prologue(), subclasses=subclasses)
    if store is None:
        store = graph.store if isinstance(graph, StoreGraph) else to_oxigraph(graph)
    wanted: set[str] | None = None
    if focus is not None:
        if not focus:
            return ValidationReport(True, (), "oxigraph")
        wanted = {node[1:-1] for node in focus}
        store = _neighbourhood(store, wanted, subclasses)
    found: set[Violation] = set()
    for check in checks:
        results = store.query(check.query)
        assert isinstance(results, ox.QuerySolutions)
        for row in results:
            focus_node, value = row["this"], row["value"] if check.per_value else None
            if wanted is not None and _text(focus_node) not in wanted:
                continue  # a node at the edge of the neighbourhood: its own triples are not all there
            found.add(
                Violation(
                    _text(focus_node),
                    str(check.path or ""),
                    str(check.component),
                    _text(value),
                    check.message or "",
                )
            )
    return ValidationReport(not found, tuple(sorted(found)), "oxigraph")


def _neighbourhood(store: ox.Store, nodes: set[str], subclasses: bool) -> ox.Store:
    """A store of what the shapes can read about ``nodes``: their triples, and those of the nodes
    they reach in up to :data:`FOCUS_STEPS` triples (and every ``rdfs:subClassOf``, for
    ``sh:class`` through subclasses). A few thousand triples however large the graph: checking them
    all costs milliseconds, where asking the whole graph about a few nodes costs seconds."""
    small = ox.Store()
    frontier = {ox.NamedNode(n) for n in nodes}
    seen: set[ox.NamedNode] = set()
    for _ in range(FOCUS_STEPS + 1):
        reached: set[ox.NamedNode] = set()
        for node in frontier - seen:
            seen.add(node)
            quads = list(store.quads_for_pattern(node, None, None))
            small.extend(quads)
            reached |= {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
        frontier = reached
    if subclasses:
        small.extend(list(store.quads_for_pattern(None, ox.NamedNode(str(RDFS.subClassOf)), None)))
    return small


def _text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


_QUOTE_LENGTHS = (
    sparql_prologue()
    + """
SELECT ?e WHERE {
  ?e cg:startChar ?s ; cg:endChar ?end ; cg:quote ?q .
  FILTER (STRLEN(?q) != ?end - ?s)
} ORDER BY ?e"""
)


def _with_pyshacl(graph: Graph) -> ValidationReport:
    shapes = load_shapes()
    sparql: list[tuple[object, str]] = []
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        sparql.append((shape, str(shapes.value(constraint, SH.message) or "")))
        for triple in list(shapes.triples((constraint, None, None))):
            shapes.remove(triple)
        shapes.remove((shape, SH.sparql, constraint))
    _conforms, results, _text_report = shacl_validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    assert isinstance(results, Graph)
    found: set[Violation] = set()
    for result in results.objects(
        None, SH.result
    ):  # not the sh:detail under them: SHACL reports sh:node once
        path, value = results.value(result, SH.resultPath), results.value(result, SH.value)
        component = results.value(result, SH.sourceConstraintComponent)
        keep_value = component not in _FOCUS_LEVEL
        found.add(
            Violation(
                str(results.value(result, SH.focusNode)),
                str(path or ""),
                str(component),
                _text_value(value) if keep_value else "",
            )
        )
    if sparql:  # the quote-length check: written for this shape alone (the only sh:sparql one)
        message = sparql[0][1]
        for row in graph.query(_QUOTE_LENGTHS):
            assert isinstance(row, tuple)
            found.add(Violation(str(row[0]), "", str(SH.SPARQLConstraintComponent), "", message))
    return ValidationReport(not found, tuple(sorted(found)), "pyshacl")


_FOCUS_LEVEL = {
    SH.MinCountConstraintComponent,
    SH.MaxCountConstraintComponent,
    SH.HasValueConstraintComponent,
    SH.QualifiedMinCountConstraintComponent,
    SH.QualifiedMaxCountConstraintComponent,
    SH.LessThanConstraintComponent,
}
"""Components whose result is about the focus node, not one value (the fast engine gives no value)."""


def _text_value(node: object) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        if node.datatype == XSD.string:  # RDF 1.1: a simple literal is an xsd:string, written plain
            node = Literal(str(node))
        return node.n3()
    return str(node)
