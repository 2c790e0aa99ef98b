"""The two validation engines agree: shapes compiled to SPARQL on Oxigraph, and pySHACL.

Each case breaks a built graph of the sample articles in one way; both engines must find a
violation and report the same ones (focus node, path, constraint component, value).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, SH, SKOS

from councilgraph.graph.core.prefixes import sparql_prologue
from councilgraph.graph.rdf.oxigraph import to_oxigraph
from councilgraph.graph.rdf.validate import focus_of, validate
from councilgraph.ontology import CG, load_shapes
from councilgraph.ontology.shapes_sparql import Unsupported, compile_shapes

EX = "https://example.org/"


def _first(graph: Graph, cls: URIRef) -> URIRef:
    node = sorted(graph.subjects(RDF.type, cls))[0]
    assert isinstance(node, URIRef)
    return node


def _no_label(g: Graph) -> None:
    g.remove((_first(g, FOAF.Person), RDFS.label, None))


def _two_labels(g: Graph) -> None:
    g.add((_first(g, CG.Council), RDFS.label, Literal("Another name")))


def _tagged_label(g: Graph) -> None:
    person = _first(g, FOAF.Person)
    g.set((person, RDFS.label, Literal("A Person", lang="en")))


def _empty_label(g: Graph) -> None:
    g.set((_first(g, ORG.Organization), RDFS.label, Literal("")))


def _negative_start(g: Graph) -> None:
    ev = _first(g, CG.Evidence)
    g.set((ev, CG.startChar, Literal(-1)))


def _start_after_end(g: Graph) -> None:
    ev = _first(g, CG.Evidence)
    end = int(g.value(ev, CG.endChar))  # type: ignore[arg-type]
    g.set((ev, CG.startChar, Literal(end + 5)))


def _quote_too_long(g: Graph) -> None:
    ev = _first(g, CG.Evidence)
    g.set((ev, CG.quote, Literal(str(g.value(ev, CG.quote)) + "!")))


def _string_offset(g: Graph) -> None:
    ev = _first(g, CG.Evidence)
    g.set((ev, CG.endChar, Literal(str(g.value(ev, CG.endChar)))))


def _unknown_rating(g: Graph) -> None:
    g.set((_first(g, CG.Inspection), CG.rating, URIRef(EX + "Splendid")))


def _role_outside_scheme(g: Graph) -> None:
    membership = _first(g, ORG.Membership)
    role = g.value(membership, ORG.role)
    g.remove((role, SKOS.inScheme, None))


def _member_not_a_person(g: Graph) -> None:
    membership = _first(g, ORG.Membership)
    g.set((membership, ORG.member, URIRef(EX + "nobody")))


def _date_as_string(g: Graph) -> None:
    article = _first(g, SDO.NewsArticle)
    g.set((article, SDO.datePublished, Literal("last Tuesday", datatype=XSD.string)))


def _mentions_untyped(g: Graph) -> None:
    g.add((_first(g, SDO.NewsArticle), SDO.mentions, URIRef(EX + "something")))


def _departure_two_kinds(g: Graph) -> None:
    departure = _first(g, CG.Departure)
    g.add((departure, RDF.type, CG.Resignation))
    g.add((departure, RDF.type, CG.Dismissal))


def _departure_no_kind(g: Graph) -> None:
    departure = _first(g, CG.Departure)
    for kind in (CG.Resignation, CG.Dismissal, CG.Suspension, CG.Retirement):
        g.remove((departure, RDF.type, kind))


def _zero_support(g: Graph) -> None:
    g.set((_first(g, ORG.Membership), CG.supportCount, Literal(0)))


def _integer_year(g: Graph) -> None:
    g.set((_first(g, CG.Inspection), CG.year, Literal(2020)))


def _fact_without_source(g: Graph) -> None:
    g.remove((_first(g, CG.Appointment), PROV.wasDerivedFrom, None))


def _subclass_instance(g: Graph) -> None:
    sub = URIRef(EX + "UnitaryCouncil")
    g.add((sub, RDFS.subClassOf, CG.Council))
    g.add((URIRef(EX + "unnamed-council"), RDF.type, sub))  # a council by subclass, with no label


def _blank_evidence(g: Graph) -> None:
    fact = _first(g, ORG.Membership)
    node = BNode("e1")
    g.add((fact, CG.evidence, node))
    g.add((node, RDF.type, CG.Evidence))


def _status_outside_scheme(g: Graph) -> None:
    g.add((_first(g, CG.Inspection), CG.reviewStatus, CG.Inadequate))


def _review_without_reviewer(g: Graph) -> None:
    review = URIRef(EX + "review")
    g.add((_first(g, CG.Appointment), CG.review, review))
    g.add((review, RDF.type, CG.Review))
    g.add((review, DCTERMS.date, Literal("2 January 2026")))  # not an xsd:date, and no reviewer


BREAKS: dict[str, Callable[[Graph], None]] = {
    fn.__name__.lstrip("_"): fn
    for fn in [
        _no_label,
        _two_labels,
        _tagged_label,
        _empty_label,
        _negative_start,
        _start_after_end,
        _quote_too_long,
        _string_offset,
        _unknown_rating,
        _role_outside_scheme,
        _member_not_a_person,
        _date_as_string,
        _mentions_untyped,
        _departure_two_kinds,
        _departure_no_kind,
        _zero_support,
        _integer_year,
        _fact_without_source,
        _subclass_instance,
        _blank_evidence,
        _status_outside_scheme,
        _review_without_reviewer,
    ]
}


@pytest.fixture(scope="module")
def built(sample_result) -> Graph:
    return sample_result.graph


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def _keys(report) -> set[tuple[str, str, str, str]]:
    """The violations, blank nodes as one name (each engine labels them its own way)."""
    return {
        (v.focus if v.focus.startswith("http") else "_:b", v.path, v.component, v.value)
        for v in report.violations
    }


def test_the_built_graph_conforms_in_both(built):
    fast, full = validate(built, "oxigraph"), validate(built, "pyshacl")
    assert fast.engine == "oxigraph" and full.engine == "pyshacl"
    assert fast.conforms and full.conforms, full.text


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_both_engines_report_the_same_violations(built, name):
    graph = _copy(built)
    BREAKS[name](graph)
    fast, full = validate(graph, "oxigraph"), validate(graph, "pyshacl")
    assert fast.engine == "oxigraph"
    assert not full.conforms, f"{name} broke nothing"
    assert not fast.conforms
    assert _keys(fast) == _keys(full), f"{name}:\nfast {fast.text}\nfull {full.text}"


def _lines(graph: Graph) -> set[bytes]:
    return set(graph.serialize(format="nt", encoding="utf-8").splitlines())


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_checking_only_the_nodes_a_change_can_reach_finds_what_checking_everything_finds(built, name):
    graph = _copy(built)
    BREAKS[name](graph)
    store = to_oxigraph(graph)
    changed = _lines(built) ^ _lines(graph)
    focus = focus_of(store, changed)
    if any(b"_:" in line for line in changed):
        assert focus is None  # a blank node has no identity across documents: everything is checked
        return
    assert focus and len(focus) < len(set(graph.subjects())) / 4
    fast, full = validate(graph, store=store, focus=focus), validate(graph, store=store)
    assert not fast.conforms
    assert _keys(fast) == _keys(full), f"{name}:\nfocused {fast.text}\nfull {full.text}"


def test_a_change_that_breaks_nothing_passes_the_focused_check(built):
    graph = _copy(built)
    _first_fact = _first(graph, ORG.Membership)
    graph.add((_first_fact, RDFS.comment, Literal("a note")))
    store = to_oxigraph(graph)
    focus = focus_of(store, _lines(built) ^ _lines(graph))
    assert focus is not None and _first_fact.n3() in focus
    assert validate(graph, store=store, focus=focus).conforms
    assert validate(graph, store=store, focus=[]).conforms


def test_every_constraint_component_of_the_shapes_is_broken_by_some_case(built):
    """The cases cover the shapes: each kind of constraint they use fails on some broken graph."""
    used = {check.component for check in compile_shapes(load_shapes(), sparql_prologue())}
    broken: set[str] = set()
    for fn in BREAKS.values():
        graph = _copy(built)
        fn(graph)
        broken |= {v.component for v in validate(graph, "oxigraph").violations}
    assert sorted(str(c) for c in used) == sorted(broken)


def test_a_shape_feature_not_compiled_is_refused_not_skipped():
    shapes = load_shapes()
    shape = URIRef(EX + "Shape")
    prop = BNode()
    shapes.add((shape, SH.targetClass, FOAF.Person))
    shapes.add((shape, SH.property, prop))
    shapes.add((prop, SH.path, RDFS.label))
    shapes.add((prop, SH.pattern, Literal("^[A-Z]")))
    with pytest.raises(Unsupported, match="pattern"):
        compile_shapes(shapes, sparql_prologue())
