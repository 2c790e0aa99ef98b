"""Exports parse back, GraphML keeps kinds, the HTML is offline and inert, writes are atomic."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from councilgraph.exporters import write_graphml, write_html, write_jsonld, write_ntriples, write_turtle
from councilgraph.exporters.html import render_html
from councilgraph.graph.core.atomic import atomic_write_bytes
from councilgraph.graph.network.analyse import analyse, betweenness_centrality, to_networkx


def test_rdf_exports_round_trip(sample_result, tmp_path):
    g = sample_result.graph
    write_turtle(g, tmp_path / "g.ttl")
    write_ntriples(g, tmp_path / "g.nt")
    write_jsonld(g, tmp_path / "g.jsonld")
    assert isomorphic(Graph().parse(tmp_path / "g.ttl"), g)
    assert isomorphic(Graph().parse(tmp_path / "g.nt", format="nt"), g)
    assert isomorphic(Graph().parse(tmp_path / "g.jsonld", format="json-ld"), g)
    assert "https://schema.org/" in json.loads((tmp_path / "g.jsonld").read_text())["@context"]["schema"]


def test_graphml_keeps_node_kinds_and_edge_types(sample_result, tmp_path):
    write_graphml(to_networkx(sample_result.graph), tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert {d["kind"] for _n, d in back.nodes(data=True)} == {
        "council",
        "person",
        "organisation",
        "inspection",
    }
    assert {"post", "departure", "appointment", "inspected"} <= {
        d["type"] for *_e, d in back.edges(data=True)
    }


def test_html_has_no_external_resources_and_escapes_text():
    g = nx.MultiDiGraph()
    g.add_node("p", kind="person", label="<img src=x onerror=alert(1)>", sources=["a.txt"], articles=1)
    g.add_node(
        "c", kind="council", label="Wigan </script><script>alert(2)</script>", sources=["a.txt"], articles=1
    )
    g.add_edge(
        "p", "c", key="k", type="post", role="Chair", weight=1, sources=["a.txt"], quotes=['"quoted" & <b>']
    )
    # a council rated inadequate, under a hostile place name, and a person who moved: the overview's labels
    g.add_node(
        "i",
        kind="inspection",
        label="x",
        rating="Inadequate",
        council="Wig</script><script>alert(3)//",
        sources=["a.txt"],
        articles=1,
        quotes=["<i>"],
    )
    g.add_edge("i", "c", key="i", type="inspected", weight=1, sources=["a.txt"], quotes=[])
    g.add_node("c2", kind="council", label="Bolton <b>&amp;", sources=["a.txt"], articles=1)
    g.add_edge("p", "c2", key="k2", type="post", role="Chair", weight=1, sources=["a.txt"], quotes=["q"])
    html = render_html(g)
    assert '"overview": {"label": "Wig\\u003c/script\\u003e\\u003cscript\\u003e' in html  # escaped
    assert "<img src=x" not in html and "</script><script>alert(2)" not in html and "alert(3)</" not in html
    assert "<b>&amp;" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "url(http" not in html and "<link" not in html and "@import" not in html


def _overlaps(
    boxes: dict[str, tuple[float, float, float]], at: dict[str, tuple[int, int]]
) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes (width, height, drop below the node) overlap where ``at`` puts them."""
    rect = {
        n: (
            x - boxes[n][0] / 2,
            y + boxes[n][2] - boxes[n][1] / 2,
            x + boxes[n][0] / 2,
            y + boxes[n][2] + boxes[n][1] / 2,
        )
        for n, (x, y) in at.items()
    }
    names = sorted(rect)
    return [
        (a, b)
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if rect[a][0] < rect[b][2]
        and rect[b][0] < rect[a][2]
        and rect[a][1] < rect[b][3]
        and rect[b][1] < rect[a][3]
    ]


def test_layout_keeps_every_label_clear_of_every_other():
    """A council with thirty people around it, each with a long label (the spring layout puts them on
    a circle far too small for their labels), and an overview of councils and movers: no two nodes'
    boxes overlap, and movers are drawn beneath the councils they link."""
    from councilgraph.exporters.layout import layout, overview

    g = nx.MultiDiGraph()
    g.add_node("c", kind="council")
    boxes = {"c": (260.0, 30.0, 0.0)}
    for i in range(30):
        g.add_node(f"p{i:02}", kind="person")
        g.add_edge(f"p{i:02}", "c", type="post")
        boxes[f"p{i:02}"] = (150.0 + 3 * i, 45.0, 12.0)
    placed = layout(g, sorted(g), boxes).positions
    assert not _overlaps(boxes, placed)
    assert placed == layout(g, sorted(g), boxes).positions

    councils = [f"c{i:02}" for i in range(12)]
    movers = ["m1", "m2", "m3"]
    links = [("m1", "c03"), ("m1", "c07"), ("m2", "c07"), ("m2", "c11"), ("m3", "c00"), ("m3", "c01")]
    boxes = {c: (90.0 + 10 * (i % 4), 36.0, 0.0) for i, c in enumerate(councils)}
    boxes |= {m: (120.0, 50.0, 17.0) for m in movers}
    at = overview(councils, movers, links, boxes)
    assert set(at) == set(councils) | set(movers) and not _overlaps(boxes, at)
    for mover, council in links:
        assert at[mover][1] > at[council][1]


def test_atomic_write_leaves_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old")

    with pytest.raises(TypeError):
        atomic_write_bytes(target, object())  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_analysis_reports_timelines_and_repeated_failures(sample_result):
    report = analyse(sample_result.graph)
    assert "Wirral Borough Council" in report["timelines"]
    assert any(e["event"].startswith("resigned") for e in report["timelines"]["Wirral Borough Council"])
    assert report["central_people"] and report["people"]
    left = {r["person"] for r in report["left_after_inadequate"]}
    assert "Margaret Ellison" in left  # resigned in the week Wirral was rated inadequate
    assert all(r["article"] and r["quote"] for r in report["left_after_inadequate"])


def test_betweenness_is_sampled_on_large_graphs_and_the_report_says_so(sample_result, tmp_path):
    from councilgraph.exporters import write_report

    small = analyse(sample_result.graph)
    assert small["betweenness_sources"] == small["nodes"]  # exact on a small graph
    projection = to_networkx(sample_result.graph)
    for i in range(600):  # bodies no fact links: the graph grows past the exact limit
        projection.add_node(
            f"urn:example:body{i}", kind="organisation", label=f"Body {i}", sources=["x"], articles=1
        )
    large = analyse(sample_result.graph, projection=projection)
    assert large["betweenness_sources"] == 200 < large["nodes"]
    for row in large["people"]:
        row.setdefault("betweenness", 0.0)
    write_report(large, tmp_path)
    assert f"estimated from 200 of the {large['nodes']} nodes" in (tmp_path / "report.md").read_text()
    write_report(small, tmp_path)
    assert "estimated from" not in (tmp_path / "report.md").read_text()


@pytest.mark.parametrize("k", [None, 40])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_betweenness_counted_by_igraph_equals_networkx(seed, k):
    """The analysis counts paths with igraph: the same sources and scaling as NetworkX's seeded
    sample, so the same values (to float rounding), sampled or exact, with isolated nodes and
    several components."""
    graph = nx.gnm_random_graph(150, 220, seed=seed)
    graph = nx.relabel_nodes(graph, {i: f"https://example.org/n{i:03d}" for i in graph})
    graph.add_nodes_from(
        ["https://example.org/alone", "https://example.org/pair-a", "https://example.org/pair-b"]
    )
    graph.add_edge("https://example.org/pair-a", "https://example.org/pair-b")
    expected = nx.betweenness_centrality(graph, k=k, seed=0)
    found = betweenness_centrality(graph, k)
    assert list(found) == list(expected)
    assert max(abs(found[x] - expected[x]) for x in expected) < 1e-12
    assert sum(expected.values()) > 1  # paths were counted, not all zero


def test_write_html_file(sample_result, tmp_path):
    write_html(to_networkx(sample_result.graph), tmp_path / "g.html")
    text = (tmp_path / "g.html").read_text()
    assert "vis.Network" in text and "Margaret Ellison" in text


def test_outputs_written_beside_in_a_forked_process_are_the_same_files(sample_result, tmp_path):
    from councilgraph.exporters import DEFAULT_FORMATS, write_outputs

    one, two = tmp_path / "one", tmp_path / "two"
    names = write_outputs(sample_result.graph, one, DEFAULT_FORMATS, workers=1)
    timings: dict[str, float] = {}
    assert write_outputs(sample_result.graph, two, DEFAULT_FORMATS, timings, workers=2) == names
    assert "write ttl" in timings and "write html" in timings  # the forked writer's times come back
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_n_triples_made_once_give_the_same_files(sample_result, tmp_path):
    """The build makes the sorted N-Triples once (validation, store) and hands them to the writers."""
    from councilgraph.exporters import write_outputs
    from councilgraph.graph.rdf.oxigraph import sorted_ntriples

    one, two = tmp_path / "one", tmp_path / "two"
    names = write_outputs(sample_result.graph, one, ["ttl", "nt", "jsonld"])
    given = sorted_ntriples(sample_result.graph)
    assert write_outputs(sample_result.graph, two, ["ttl", "nt", "jsonld"], ntriples=given) == names
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert (two / "graph.nt").read_bytes() == given
    assert len(Graph().parse(two / "graph.ttl")) == len(sample_result.graph)


def test_a_failure_in_the_forked_writer_is_raised(sample_result, tmp_path):
    from councilgraph.exporters import write_outputs

    (tmp_path / "graph.ttl").mkdir()  # a folder where the Turtle file must go: its write fails
    with pytest.raises(OSError, match="graph.ttl"):
        write_outputs(sample_result.graph, tmp_path, ["ttl", "html"], workers=2)
    assert (tmp_path / "graph.html").is_file()  # the other process's outputs were written
