"""councilgraph's ontology, SHACL shapes and named SPARQL queries, as package data.

>>> from councilgraph.ontology import CG, load_ontology
>>> str(CG.Council)
'https://w3id.org/councilgraph/ontology#Council'
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rdflib import Graph, Namespace

__all__ = ["CG", "CGR", "PREFIXES", "list_queries", "load_ontology", "load_query", "load_shapes"]

CG = Namespace("https://w3id.org/councilgraph/ontology#")
CGR = Namespace("https://w3id.org/councilgraph/id/")

PREFIXES = {
    "cg": str(CG),
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
    "article": f"{CGR}article/",
    "council": f"{CGR}council/",
    "person": f"{CGR}person/",
    "organisation": f"{CGR}org/",
    "membership": f"{CGR}membership/",
    "inspection": f"{CGR}inspection/",
    "departure": f"{CGR}departure/",
    "appointment": f"{CGR}appointment/",
    "evidence": f"{CGR}evidence/",
}
"""Prefixes bound in every graph the tool writes (one per instance kind: a prefixed name cannot hold '/')."""


@cache
def _read(name: str) -> str:
    return (files("councilgraph.ontology") / name).read_text("utf-8")


def load_ontology() -> Graph:
    """The OWL ontology with its concept schemes (a new Graph each call)."""
    return Graph().parse(data=_read("councilgraph.ttl"), format="turtle")


def load_shapes() -> Graph:
    """The SHACL shapes every build must pass."""
    return Graph().parse(data=_read("shapes.ttl"), format="turtle")


def list_queries() -> dict[str, str]:
    """Named queries: file stem -> the first comment line (what the query answers)."""
    out = {}
    for entry in sorted(files("councilgraph.ontology.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            first = entry.read_text("utf-8").splitlines()[0]
            out[entry.name[:-3]] = first.lstrip("# ").strip()
    return out


def load_query(name: str) -> str:
    """The text of the named query ``ontology/queries/<name>.rq``."""
    path = files("councilgraph.ontology.queries") / f"{name}.rq"
    if not path.is_file():
        raise KeyError(f"no query named {name!r}; known: {', '.join(list_queries())}")
    return path.read_text("utf-8")
