"""Validate a graph against ``shapes.ttl`` with pySHACL (RDFS inference over the ontology)."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph

from councilgraph.ontology import load_ontology, load_shapes

__all__ = ["ValidationReport", "validate"]


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms, and pySHACL's text report when it does not."""

    conforms: bool
    text: str


def validate(graph: Graph) -> ValidationReport:
    """Check ``graph`` against the shapes; the ontology supplies subclass axioms."""
    conforms, _report_graph, text = shacl_validate(
        graph,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(),
        inference="rdfs",
        allow_warnings=True,
        advanced=True,
    )
    return ValidationReport(bool(conforms), str(text))
