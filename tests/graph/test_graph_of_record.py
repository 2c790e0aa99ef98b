"""The graph of record is N-Triples lines (``graph/rdf/build.py``) read through Oxigraph
(``graph/rdf/oxigraph.py:StoreGraph``): the same triples, the same readings, as an rdflib ``Graph``."""

from __future__ import annotations

import networkx as nx
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV, SDO, VOID, XSD

from councilgraph.exporters.merges import merge_rows
from councilgraph.graph.app.pipeline import COUNTED
from councilgraph.graph.core.kinds import ENTITY_KINDS, FACT_KINDS
from councilgraph.graph.network.analyse import analyse, to_networkx
from councilgraph.graph.rdf.oxigraph import StoreGraph, as_ntriples, load_ntriples, sorted_ntriples
from councilgraph.graph.rdf.validate import validate
from councilgraph.ontology import CG


def test_the_builder_writes_the_lines_rdflib_would(sample_result):
    """Parsed by rdflib and written again, the builder's N-Triples are the same bytes; the graph
    says how many triples it holds, and that is how many lines there are."""
    lines = sample_result.ntriples.splitlines(keepends=True)
    assert lines == sorted(set(lines)) and len(lines) > 500
    assert sorted_ntriples(sample_result.graph) == sample_result.ntriples
    declared = next(sample_result.graph.objects(None, VOID.triples))
    assert int(str(declared)) == len(lines) == sample_result.triples


def test_the_summary_counts_what_the_graph_holds(sample_result):
    graph = sample_result.graph
    mentioned = set(graph.objects(None, SDO.mentions))
    councils = set(graph.subjects(RDF.type, CG.Council))
    expected = {}
    for kind in ENTITY_KINDS:
        nodes = set(graph.subjects(RDF.type, kind.rdf_class))
        nodes = nodes & mentioned if kind.name == "council" else nodes
        expected[kind.field] = len(nodes - councils if kind.name == "organisation" else nodes)
    for fact in FACT_KINDS:
        expected[fact.field] = len(set(graph.subjects(RDF.type, fact.rdf_class)))
    assert {k: sample_result.report.counts[k] for k in COUNTED} == expected
    assert expected["people"] > 3 and expected["posts"] > 3


def test_support_is_counted_per_fact(sample_result):
    graph = sample_result.graph
    facts = set(graph.subjects(CG.supportCount, None))
    assert facts and facts == set(graph.subjects(CG.evidence, None))
    for fact in facts:
        assert int(str(graph.value(fact, CG.supportCount))) == len(
            set(graph.objects(fact, PROV.wasDerivedFrom))
        )


def test_a_store_reads_as_the_rdflib_graph_does(sample_result):
    """The projection, the analysis, the merge log and validation read Oxigraph as they read rdflib."""
    view = StoreGraph(load_ntriples(sample_result.ntriples))
    assert len(view) == len(sample_result.graph)
    ours, theirs = to_networkx(view), to_networkx(sample_result.graph)
    assert nx.utils.graphs_equal(ours, theirs)
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert analyse(view) == analyse(sample_result.graph)
    assert merge_rows(view) == merge_rows(sample_result.graph)
    assert validate(view).conforms and validate(view, "pyshacl").conforms
    assert as_ntriples(view) == sample_result.ntriples


def test_terms_come_back_as_rdflib_terms():
    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    graph = Graph()
    values = [
        Literal('plain, with "quotes" and a\nnewline'),
        Literal("en anglais", lang="en"),
        Literal("2016", datatype=XSD.gYear),
        Literal(7),
        URIRef("https://example.org/o"),
    ]
    for value in values:
        graph.add((s, p, value))
    graph.add((BNode("b1"), p, s))
    view = StoreGraph(load_ntriples(sorted_ntriples(graph)))
    assert set(view.objects(s, p)) == set(values)
    assert (s, p, Literal("2016", datatype=XSD.gYear)) in view
    assert (s, p, Literal("2016")) not in view  # a plain string is not a year
    assert view.value(s, FOAF.name) is None
    assert [type(x) for x in view.subjects(p, s)] == [BNode]
    assert len(view) == len(graph) == 6


def test_a_graph_counts_its_own_triples():
    """``void:triples`` counts the graph's distinct lines, itself included: known only once the
    lines are merged, and written in its sorted place."""
    import io

    from councilgraph.graph.rdf.units import UnitGraph

    out = io.BytesIO()
    written = UnitGraph(spill=True).write_ntriples(out)
    lines = out.getvalue().splitlines(keepends=True)
    assert written == len(lines) > 50 and lines == sorted(lines)
    (counted,) = [line for line in lines if b"void#triples" in line]
    assert counted.startswith(b"<https://w3id.org/councilgraph/id/dataset/graph> ")
    assert f'"{written}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'.encode() in counted
