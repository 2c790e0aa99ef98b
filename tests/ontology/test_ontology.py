"""The ontology covers the contract, the patterns point at real concepts, the named queries answer."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, SKOS, URIRef
from rdflib.namespace import OWL

from councilgraph.graph.core.errors import QueryError
from councilgraph.graph.nlp.language import load_patterns
from councilgraph.graph.rdf.sparql import check_query, run_query
from councilgraph.ontology import CG, CG_IRI, list_queries, load_ontology, load_query

CONTRACT_TERMS = [
    "Council",
    "Inspectorate",
    "Inspection",
    "Departure",
    "Resignation",
    "Dismissal",
    "Suspension",
    "Retirement",
    "Appointment",
    "Evidence",
    "sourceFile",
    "inspectedBody",
    "rating",
    "inspectorate",
    "year",
    "person",
    "organisation",
    "reason",
    "evidence",
    "inArticle",
    "startChar",
    "endChar",
    "quote",
]


def test_ontology_declares_every_contract_term():
    g = load_ontology()
    for term in CONTRACT_TERMS:
        types = set(g.objects(CG[term], RDF.type))
        assert types & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, term


def test_every_cg_term_has_a_label_and_a_comment():
    g = load_ontology()
    terms = {s for s in g.subjects() if str(s).startswith(CG_IRI)}
    assert len(terms) > 40
    missing = sorted(str(t) for t in terms if not (g.value(t, RDFS.label) and g.value(t, RDFS.comment)))
    assert not missing


def test_ratings_have_distinct_notations():
    g = load_ontology()
    notations = [str(n) for c in g.subjects(SKOS.inScheme, CG.Ratings) for n in g.objects(c, SKOS.notation)]
    assert len(notations) == 5 and len(set(notations)) == 5


def test_cg_namespace_is_closed_over_the_ontology():
    assert CG.Council == URIRef(CG_IRI + "Council")
    with pytest.raises(AttributeError):
        _ = CG.Counicl  # a misspelt term fails at once instead of writing a term nobody declared


def test_every_pattern_id_is_a_concept_in_its_scheme():
    g = load_ontology()
    for name, scheme in (("roles", CG.Roles), ("ratings", CG.Ratings)):
        for pattern in load_patterns(name):
            assert (CG[pattern["id"]], SKOS.inScheme, scheme) in g, pattern["id"]


def test_named_queries_have_descriptions_and_parse():
    queries = list_queries()
    assert {
        "departures_after_inadequate",
        "repeated_inadequate",
        "people_at_several_councils",
        "person_facts",
    } <= set(queries)
    for name, doc in queries.items():
        assert doc.startswith(name + ":")
        check_query(load_query(name))


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <a:x> <a:y> <a:z> }",
        "CLEAR ALL",
        "LOAD <http://example.org/x>",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_queries_refuse_updates_and_service(text):
    with pytest.raises(QueryError):
        check_query(text)


def test_runaway_query_stops_at_the_time_limit(sample_result):
    with pytest.raises(QueryError, match="stopped after"):
        run_query(
            sample_result.graph, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout=1
        )


def test_query_repeated_inadequate(queries_result):
    cols, rows = run_query(queries_result.graph, load_query("repeated_inadequate"))
    assert [(r[0], r[1]) for r in rows] == [("Rotherham Metropolitan Borough Council", "2")]


def test_query_departures_after_inadequate(queries_result):
    cols, rows = run_query(queries_result.graph, load_query("departures_after_inadequate"))
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("Alan Brierley", "Rotherham Metropolitan Borough Council", "Resignation")
    ]


def test_query_people_at_several_councils(queries_result):
    cols, rows = run_query(queries_result.graph, load_query("people_at_several_councils"))
    assert {(r[0], r[1]) for r in rows} == {("Alan Brierley", "2")}
    assert len(rows) == 2 and rows[0][2] < rows[1][2]  # one row per council, in order


def test_query_person_facts_has_evidence(queries_result):
    text = load_query("person_facts").replace(
        "FILTER (!BOUND(?name) || LCASE(?person) = LCASE(?name))", 'FILTER (?person = "Joanna Pike")'
    )
    cols, rows = run_query(queries_result.graph, text)
    assert rows and all(r[cols.index("quote")] for r in rows)
    assert {r[cols.index("fact")] for r in rows} == {"post"}
