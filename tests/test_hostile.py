"""Hostile text: markup, quotes, Turtle and SPARQL syntax, NUL and right-to-left marks survive every
export unchanged (GraphML's documented exception: characters XML 1.0 cannot hold), and the query
command refuses writes and stops runaway queries."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef

from councilgraph.exporters import write_graphml, write_jsonld, write_ntriples, write_turtle
from councilgraph.exporters.html import render_html
from councilgraph.graph.app.pipeline import build_graph
from councilgraph.graph.network.analyse import to_networkx
from councilgraph.ontology import CG

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow

HOSTILE_DIR = Path(__file__).resolve().parent / "data" / "hostile"
STRINGS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "He said \"\"\"enough\"\"\" and '''more'''",
    "a > b < c & d",
    "} ; DROP GRAPH <http://e/> . INSERT DATA { <a:x> <a:y> <a:z> }",
    "@prefix x: <http://e/> . x:a x:b x:c .",
    "back\\slash \\u0041 \\n",
    "nul\u0000inside",
    "rtl \u202eevil\u202c and \u200fmark",
    "line\nbreak\r\ttab",
    "emoji 🎉 and ĳ",
]


def _rdf_with(strings: list[str]) -> Graph:
    g = Graph()
    for i, text in enumerate(strings):
        g.add((URIRef(f"https://w3id.org/councilgraph/id/evidence/h{i}"), CG.quote, Literal(text)))
    return g


@pytest.mark.parametrize(
    ("writer", "fmt", "suffix"),
    [(write_turtle, "turtle", "ttl"), (write_jsonld, "json-ld", "jsonld"), (write_ntriples, "nt", "nt")],
)
def test_rdf_formats_round_trip_every_hostile_string(tmp_path, writer, fmt, suffix):
    target = tmp_path / f"g.{suffix}"
    writer(_rdf_with(STRINGS), target)
    back = Graph().parse(target, format=fmt)
    assert sorted(str(o) for o in back.objects(None, CG.quote)) == sorted(STRINGS)


def test_graphml_round_trips_hostile_strings_and_marks_what_xml_cannot_hold(tmp_path):
    g = nx.MultiDiGraph()
    for i, text in enumerate(STRINGS):
        g.add_node(f"n{i}", kind="person", label=text, quotes=[text, "second"], articles=1)
    write_graphml(g, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    labels = [back.nodes[f"n{i}"]["label"] for i in range(len(STRINGS))]
    expected = [s.replace("\u0000", "\ufffd") for s in STRINGS]
    # a CR is written as a character reference, so it survives the parser's line-end
    # normalisation; NUL cannot be written in XML 1.0 at all
    assert labels == expected
    assert back.nodes["n0"]["quotes"] == "<script>alert(1)</script> | second"


def test_html_carries_hostile_strings_as_data_never_markup():
    g = nx.MultiDiGraph()
    for i, text in enumerate(STRINGS):
        g.add_node(f"n{i}", kind="person", label=text, sources=[f"{text}.txt"], quotes=[text], articles=1)
    html = render_html(g)
    data = html.split("const DATA = ", 1)[1].split(";\nconst KINDS", 1)[0]
    assert "<" not in data and ">" not in data  # every < and > inside the JSON is \u003c / \u003e
    parsed = json.loads(data)
    assert sorted(n["label"] for n in parsed["nodes"]) == sorted(STRINGS)
    plain = nx.MultiDiGraph()
    plain.add_node("n", kind="person", label="Ann Cole", sources=["a.txt"], quotes=["q"], articles=1)
    assert html.lower().count("<script") == render_html(plain).lower().count("<script")  # none added


def test_hostile_article_text_round_trips_through_a_real_build(nlp, tmp_path):
    graph = build_graph([HOSTILE_DIR], nlp=nlp).graph
    quotes = sorted(str(q) for q in graph.objects(None, CG.quote))
    assert any("<script>window.__pwned = 1</script>" in q for q in quotes)
    assert any('<img src=x onerror="window.__pwned = 2">' in q for q in quotes)
    for writer, fmt, suffix in ((write_turtle, "turtle", "ttl"), (write_jsonld, "json-ld", "jsonld")):
        writer(graph, tmp_path / f"g.{suffix}")
        back = Graph().parse(tmp_path / f"g.{suffix}", format=fmt)
        assert sorted(str(q) for q in back.objects(None, CG.quote)) == quotes
    write_graphml(to_networkx(graph), tmp_path / "g.graphml")
    back_nx = nx.read_graphml(tmp_path / "g.graphml")
    edge_quotes = " | ".join(d.get("quotes", "") for *_e, d in back_nx.edges(data=True))
    assert "<script>window.__pwned = 1</script>" in edge_quotes


@pytest.fixture(scope="module")
def built_ttl(cli, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kg")
    done = cli("build", str(HOSTILE_DIR), "--out", str(out), "-q", "--format", "ttl", "--no-report")
    assert done.returncode == 0, done.stderr
    return out / "graph.ttl"


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a:x> <a:y> <a:z> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX cg: <https://w3id.org/councilgraph/ontology#>\n# a comment\ndelete { ?s ?p ?o } where { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP ALL",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_query_command_refuses_writes_and_service(cli, built_ttl, query):
    before = built_ttl.read_bytes()
    done = cli("query", str(built_ttl), query)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "refuse" in lines[0].lower()
    assert built_ttl.read_bytes() == before


def test_query_command_stops_a_runaway_query_at_the_users_limit(cli, built_ttl):
    done = cli(
        "query",
        str(built_ttl),
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        "--timeout",
        "2",
    )
    assert done.returncode == 1 and "stopped after 2" in done.stderr, done.stderr
