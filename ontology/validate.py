"""Validate a graph against ``shapes.ttl`` with pySHACL, as any standard SHACL run would.

No ontology and no inference: a built graph states the types its shapes need (a council is also
an ``org:Organization`` in the data), so ``pyshacl -s ontology/shapes.ttl graph.ttl`` gives the
same verdict as this function. One constraint is checked in a single pass instead of by pySHACL:
the ``sh:sparql`` quote-length check, which pySHACL runs once per evidence node (two thirds of
the validation time on a large graph). Its violations are reported with the shapes' own message.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from councilgraph.ontology import load_shapes, sparql_prologue

__all__ = ["ValidationReport", "validate"]

_QUOTE_LENGTHS = (
    sparql_prologue()
    + """
SELECT ?e ?s ?end ?q WHERE {
  ?e cg:startChar ?s ; cg:endChar ?end ; cg:quote ?q .
  FILTER (STRLEN(?q) != ?end - ?s)
} ORDER BY ?e"""
)


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms, and the text report of every violation when it does not."""

    conforms: bool
    text: str


def _without_sparql_constraints(shapes: Graph) -> tuple[Graph, list[str]]:
    """The shapes minus their ``sh:sparql`` constraints, and those constraints' messages."""
    messages = []
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        messages.append(str(shapes.value(constraint, SH.message) or "SPARQL constraint"))
        for triple in list(shapes.triples((constraint, None, None))):
            shapes.remove(triple)
        shapes.remove((shape, SH.sparql, constraint))
    return shapes, messages


def validate(graph: Graph) -> ValidationReport:
    """Check ``graph`` against the shapes, without inference (the data states its own types)."""
    shapes, messages = _without_sparql_constraints(load_shapes())
    conforms, _report, text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    wrong = [row for row in graph.query(_QUOTE_LENGTHS) if isinstance(row, tuple)]
    if wrong:
        conforms = False
        lines = [
            f"{messages[0] if messages else 'quote length'}: {row[0]} ({row[1]}..{row[2]})" for row in wrong
        ]
        text = f"{text}\n" + "\n".join(lines)
    return ValidationReport(bool(conforms), str(text))
