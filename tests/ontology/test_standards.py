"""The graph and query results as standard tools read them: plain SHACL, SPARQL results formats,
named queries that give the same rows on rdflib and on Oxigraph, whatever the hash seed."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from councilgraph.graph.core.prefixes import sparql_prologue
from councilgraph.graph.rdf.sparql import query_results, run_query
from councilgraph.ontology import list_queries, load_query, load_shapes


def _plain_shacl(graph: Graph) -> tuple[bool, str]:
    """A standard SHACL run: the shapes as shipped (SPARQL constraint included), no ontology, no inference."""
    conforms, _g, text = validate(graph, shacl_graph=load_shapes(), inference="none", advanced=True)
    return bool(conforms), str(text)


def test_built_graph_conforms_in_a_plain_shacl_run(sample_result):
    conforms, text = _plain_shacl(sample_result.graph)
    assert conforms, text


@pytest.mark.slow
def test_plain_shacl_catches_a_wrong_quote(sample_result):
    graph = Graph()
    for triple in sample_result.graph:
        graph.add(triple)
    ev = next(graph.subjects(URIRef("https://w3id.org/councilgraph/ontology#quote"), None))
    graph.set((ev, URIRef("https://w3id.org/councilgraph/ontology#quote"), Literal("x")))
    conforms, text = _plain_shacl(graph)
    assert not conforms and "quote length" in text
    from councilgraph.graph.rdf.validate import validate as ours

    report = ours(graph)
    assert not report.conforms and "quote length" in report.text


@pytest.fixture(scope="module")
def dev_sets_graph(shared_dir, nlp):
    """The graph of the seeds and the dev sets (37 articles), as rdflib holds it."""
    from councilgraph.graph.app.pipeline import build_graph

    paths = [
        shared_dir / "seeds",
        shared_dir / "corpus" / "dev" / "articles",
        shared_dir / "corpus" / "dev2" / "articles",
    ]
    with build_graph(paths, nlp=nlp) as result:
        return result.graph


@pytest.mark.slow
def test_acceptance_all_dev_sets_conform_in_a_plain_shacl_run(dev_sets_graph):
    graph = dev_sets_graph
    conforms, text = _plain_shacl(graph)
    assert conforms, text[:2000]
    found = graph.query(
        sparql_prologue() + "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a org:Organization }"
    )
    councils = graph.query(sparql_prologue() + "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a cg:Council }")
    assert int(next(iter(found))[0]) > int(
        next(iter(councils))[0]
    )  # councils are organisations in plain SPARQL


def test_graph_describes_itself(sample_result):
    g = sample_result.graph
    rows = list(
        g.query(
            sparql_prologue()
            + "SELECT ?n ?docs ?v WHERE { ?d a void:Dataset ; void:triples ?n ; void:documents ?docs ; "
            "dcterms:conformsTo <https://w3id.org/councilgraph/ontology> ; dcterms:creator/schema:softwareVersion ?v }"
        )
    )
    assert len(rows) == 1
    n, docs, version = rows[0]
    assert int(n) == len(g) and int(docs) == 5 and str(version)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_query_results_follow_the_sparql_results_formats(sample_result, fmt):
    query = (
        "SELECT ?c ?y ?n WHERE { ?i a cg:Inspection ; cg:inspectedBody ?c ; cg:supportCount ?n . "
        "OPTIONAL { ?i cg:year ?y } } ORDER BY ?c ?y"
    )
    kind, payload = query_results(sample_result.graph, query, fmt)
    assert kind == "results"
    result = Result.parse(io.BytesIO(payload), format=fmt)
    rows = list(result)
    assert rows and {str(v) for v in result.vars or []} == {"c", "y", "n"}
    first = rows[0]
    if fmt != "csv":  # CSV has no types, by its standard
        assert isinstance(first[0], URIRef)
        assert isinstance(first[2], Literal) and first[2].datatype == XSD.integer
        assert any(r[1] is not None and r[1].datatype == XSD.gYear for r in rows)


def test_construct_gives_turtle(sample_result):
    kind, payload = query_results(
        sample_result.graph, "CONSTRUCT { ?c a cg:Council } WHERE { ?c a cg:Council }"
    )
    assert kind == "graph" and len(Graph().parse(data=payload, format="turtle")) > 0


@pytest.mark.slow
def test_query_cli_json_is_standard(cli, tmp_path):
    out = tmp_path / "kg"
    assert cli("build", "--out", str(out), "-q").returncode == 0
    done = cli("query", str(out / "graph.ttl"), "--name", "inspections", "--format", "json")
    data = json.loads(done.stdout)
    years = [b["year"] for b in data["results"]["bindings"] if "year" in b]
    assert years and all(y["type"] == "literal" and y["datatype"].endswith("#gYear") for y in years)


_RDFLIB_ROWS = """
import json, sys
from rdflib import Graph
g = Graph().parse(sys.argv[1])
rows = [[None if v is None else str(v) for v in row] for row in g.query(open(sys.argv[2]).read())]
print(json.dumps(rows))
"""


def _rdflib_rows(graph_file, query_file, seed: str = "0", limit: float = 120.0) -> list[list[str | None]]:
    """The query's rows on rdflib, in a process of its own under a hash seed, stopped at ``limit``
    seconds and 3 GB (a query rdflib evaluates badly fails here instead of taking the machine)."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    done = subprocess.run(
        [sys.executable, "-c", _RDFLIB_ROWS, str(graph_file), str(query_file)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        timeout=limit,
        preexec_fn=cap,  # (the test process forks no threads here)
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(list_queries()))
def test_named_queries_agree_on_rdflib_and_oxigraph_at_the_dev_sets_size(dev_sets_graph, tmp_path, name):
    """Every named query finishes on rdflib at the dev sets' size and gives Oxigraph's rows: each
    takes under 2 s in a process of its own, parsing included (-s shows it); person_facts did not
    finish (6.8 GB after 6.5 minutes) and departures_after_inadequate took 5.3 s before their
    rewriting (the queries' comments say why)."""
    import time

    graph_file = tmp_path / "dev.ttl"
    dev_sets_graph.serialize(graph_file, format="turtle")
    query_file = tmp_path / "q.rq"
    query_file.write_text(load_query(name), encoding="utf-8")
    _cols, oxigraph_rows = run_query(graph_file, load_query(name))
    assert oxigraph_rows, f"{name} answers nothing on the dev sets"
    started = time.perf_counter()
    assert _rdflib_rows(graph_file, query_file, limit=60.0) == oxigraph_rows, f"{name} differs on rdflib"
    print(f"{name}: {len(oxigraph_rows)} rows, {time.perf_counter() - started:.1f} s on rdflib")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(list_queries()))
def test_named_queries_agree_on_rdflib_and_oxigraph_across_hash_seeds(queries_result, tmp_path, name):
    graph_file = tmp_path / "g.ttl"
    queries_result.graph.serialize(graph_file, format="turtle")
    query_file = tmp_path / "q.rq"
    query_file.write_text(load_query(name), encoding="utf-8")
    _cols, oxigraph_rows = run_query(graph_file, load_query(name))
    # person_facts needs a name bound; every article there is dated, so nothing is unplaced; no one
    # there replaces anyone (tests/ontology/test_replacements.py has articles of its own)
    assert oxigraph_rows or name in {"person_facts", "unplaced_after_inadequate", "replacements"}, (
        f"{name} answers nothing on the query test articles"
    )
    for seed in ("1", "2", "3"):
        rows = _rdflib_rows(graph_file, query_file, seed)
        assert rows == oxigraph_rows, f"{name} differs on rdflib (PYTHONHASHSEED={seed})"
