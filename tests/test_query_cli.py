"""`councilgraph query`'s binding of variables and its table output (issue: newsroom, item 5)."""

from __future__ import annotations

import pytest
from rdflib import Graph

from councilgraph.graph.core.errors import QueryError, UsageError
from councilgraph.graph.interfaces.cli.query import _bindings, _table
from councilgraph.graph.rdf.sparql import bind_values
from councilgraph.ontology.graphfiles import graph_file_format

GRAPH = """\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<https://example.org/p/1> a foaf:Person ; rdfs:label "Jane Roe" .
<https://example.org/p/2> a foaf:Person ; rdfs:label "Tom Lee" .
"""
NAMED = """# people by name
SELECT ?p ?label WHERE { ?p a foaf:Person ; rdfs:label ?label .
  FILTER (!BOUND(?name) || LCASE(?label) = LCASE(?name)) } ORDER BY ?label"""


@pytest.fixture
def graph(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(GRAPH)
    return path


@pytest.mark.slow
def test_bind_narrows_a_query_that_tests_the_variable(cli, graph):
    every = cli("query", str(graph), NAMED, "--format", "csv")
    one = cli("query", str(graph), NAMED, "--format", "csv", "--bind", "name=jane roe")
    assert every.returncode == 0 and one.returncode == 0, one.stderr
    assert "Tom Lee" in every.stdout and "Jane Roe" in every.stdout
    assert "Jane Roe" in one.stdout and "Tom Lee" not in one.stdout


@pytest.mark.slow
def test_bind_an_iri(cli, graph):
    text = "SELECT ?label WHERE { ?p rdfs:label ?label }"
    done = cli("query", str(graph), text, "--format", "csv", "--bind", "p=<https://example.org/p/2>")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["label", "Tom", "Lee"]


@pytest.mark.parametrize("value", ['x" } } INSERT DATA { <a> <b> <c> } #', "x\\", "x\ny"])
def test_a_bound_value_is_only_ever_a_literal(value):
    text = bind_values(NAMED, {"name": value})
    assert "VALUES ?name {" in text and text.count("INSERT") == value.count("INSERT")
    assert text.startswith("# people by name")


@pytest.mark.slow
@pytest.mark.parametrize("bad", ["oops", "=x", "1a=x", "nmae=Jane Roe"])
def test_a_malformed_bind_is_a_usage_error(cli, graph, bad):
    done = cli("query", str(graph), NAMED, "--bind", bad)
    assert done.returncode == 2 and done.stderr.startswith("error:") and len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("text", [NAMED, "# ?nmae\nSELECT ?p WHERE { ?p ?q ?nmae2 }"])
def test_a_bind_the_query_does_not_use_is_refused(text):
    with pytest.raises(QueryError, match=r"no variable \?nmae$"):
        bind_values(text, {"nmae": "Jane Roe"})


def test_bind_needs_a_where_clause():
    with pytest.raises(QueryError):
        bind_values("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", {"s": "x"})


def test_the_table_shows_long_values_whole_wrapped():
    quote = "The council's cabinet member for children, Jane Roe, resigned " * 3
    text = _table(["person", "quote"], [["Jane Roe", quote.strip()]])
    lines = text.splitlines()
    assert lines[-1] == "(1 rows)"
    shown = " ".join(line[len("Jane Roe  ") :].strip() for line in lines[1:-1])
    assert shown == " ".join(quote.split())
    assert all(len(line) <= len("Jane Roe  ") + 60 for line in lines[1:-1])


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".json", ".JSONLD"])
def test_query_reads_a_graph_in_each_syntax_its_suffix_names(cli, graph, tmp_path, suffix):
    """One suffix table (ontology/graphfiles.py) for every command: ``.json`` is JSON-LD here too."""
    found = graph_file_format(tmp_path / f"g{suffix}")
    assert found is not None
    path = tmp_path / f"copy{suffix}"
    path.write_bytes(Graph().parse(graph, format="turtle").serialize(format=found.rdflib, encoding="utf-8"))
    done = cli("query", str(path), NAMED, "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "p,label",
        "https://example.org/p/1,Jane",
        "Roe",
        "https://example.org/p/2,Tom",
        "Lee",
    ]


@pytest.mark.parametrize("value", ["10/05/2019", "May 2019", "2019-5-1"])
def test_a_date_not_written_iso_is_a_usage_error(value):
    """held_post_on_date compares dates as ISO text: another form would silently match nothing."""
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        _bindings([f"date={value}"])
    assert _bindings(["date=2019-05-10", "role=leader"]) == {"date": "2019-05-10", "role": "leader"}
