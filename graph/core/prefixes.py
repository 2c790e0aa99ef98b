"""The one prefix table of every graph the tool writes, with the JSON-LD context and the SPARQL
prologue made from it.

The ontology owns the prefixes that are no kind's (its vocabularies, and the instance IRIs of
articles, evidence, intervals, ...: ``ontology.FIXED_PREFIXES``); each entity kind and fact kind
gets its prefix from its entry in the kind tables (``graph/core/kinds.py``), so a kind added to
the table is written with its prefix in Turtle, SPARQL and JSON-LD without a line here. The table
is composed in this layer because the ontology, the lowest layer, may not import the kind table.
"""

from __future__ import annotations

from councilgraph.graph.core.kinds import ENTITY_KINDS, FACT_KINDS
from councilgraph.ontology import CGR, FIXED_PREFIXES

__all__ = ["PREFIXES", "jsonld_context", "sparql_prologue"]

PREFIXES: dict[str, str] = {
    **FIXED_PREFIXES,
    **{kind.name: f"{CGR}{kind.key_prefix}/" for kind in ENTITY_KINDS},
    **{kind.iri_kind: f"{CGR}{kind.iri_kind}/" for kind in FACT_KINDS},
}
"""Prefixes bound in every graph the tool writes (one per instance kind: a prefixed name cannot
hold '/'). Their order changes no output: Oxigraph orders Turtle's prefixes itself and the JSON-LD
context is written with sorted keys."""

_NOT_IN_JSONLD = frozenset({"dcterms", "void", "dataset", "software"})
"""Prefixes the JSON-LD context has never carried (its nodes write those IRIs whole): left out so
that ``graph.jsonld`` stays byte for byte what it was; nothing else is special about them."""


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context`` of every exported document: the prefix table above, made from it
    at each call so that a prefix added to the table is in both."""
    return {name: iri for name, iri in PREFIXES.items() if name not in _NOT_IN_JSONLD}


def sparql_prologue() -> str:
    """``PREFIX`` lines for every prefix above, for queries written in code."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
