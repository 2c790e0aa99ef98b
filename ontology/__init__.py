"""councilgraph's ontology, SHACL shapes and named SPARQL queries, as package data.

>>> from councilgraph.ontology import CG, load_ontology
>>> str(CG.Council)
'https://w3id.org/councilgraph/ontology#Council'
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from rdflib import OWL, RDFS, SKOS, XSD, Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, TIME, VOID, ClosedNamespace

__all__ = [
    "CG",
    "CGR",
    "CG_IRI",
    "ONTOLOGY_IRI",
    "FIXED_PREFIXES",
    "list_queries",
    "load_ontology",
    "load_query",
    "load_shapes",
    "term_names",
]

CG_IRI = "https://w3id.org/councilgraph/ontology#"
ONTOLOGY_IRI = "https://w3id.org/councilgraph/ontology"
"""The ontology document's own IRI (``owl:Ontology``), which every built graph names."""
CGR = Namespace("https://w3id.org/councilgraph/id/")
"""The one base of every instance IRI (``graph/core/iris.py`` makes them)."""


@cache
def _read(name: str) -> str:
    return (files("councilgraph.ontology") / name).read_text("utf-8")


def _cg_terms() -> list[str]:
    """Every ``cg:`` name the ontology declares, read from its Turtle (prefixed names only)."""
    return sorted(set(re.findall(r"(?<![\w:])cg:([A-Za-z_][A-Za-z0-9_]*)", _read("councilgraph.ttl"))))


CG = ClosedNamespace(CG_IRI, _cg_terms())
"""The ontology's own terms; a name the ontology does not declare raises (a typo fails at once)."""

FIXED_PREFIXES = {
    "cg": CG_IRI,
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SDO),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "dcterms": str(DCTERMS),
    "void": str(VOID),
    "time": str(TIME),
    "article": f"{CGR}article/",
    "dataset": f"{CGR}dataset/",
    "software": f"{CGR}software/",
    "evidence": f"{CGR}evidence/",
    "interval": f"{CGR}interval/",
    "instant": f"{CGR}instant/",
}
"""The prefixes that are no kind's: the vocabularies and the instance IRIs of articles, the
dataset, the software, evidence and time. A kind's prefix comes from its entry in the kind tables,
and the whole table, with the JSON-LD context and the SPARQL prologue made from it, is
``graph/core/prefixes.py`` (this layer may not import the kind tables)."""


def load_ontology() -> Graph:
    """The OWL ontology with its concept schemes (a new Graph each call)."""
    return Graph().parse(data=_read("councilgraph.ttl"), format="turtle")


@cache
def term_names(kind: str) -> frozenset[str]:
    """The local names of the ontology's terms of one ``kind`` that rule data may name: ``role``
    (the concepts of ``cg:Roles``), ``rating`` (of ``cg:Ratings``) or ``departure`` (the classes
    under ``cg:Departure``). Rule files are checked against these when they load
    (``graph/core/rules.py``, ``graph/nlp/language.py:load_patterns``), so a rule cannot name a term the graph
    would then lack."""
    graph = load_ontology()
    if kind == "departure":
        found = graph.subjects(RDFS.subClassOf, CG.Departure)
    else:
        scheme = {"role": CG.Roles, "rating": CG.Ratings}[kind]
        found = graph.subjects(SKOS.inScheme, scheme)
    return frozenset(str(t)[len(CG_IRI) :] for t in found if str(t).startswith(CG_IRI))


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
