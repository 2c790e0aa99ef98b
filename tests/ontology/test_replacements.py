"""``replacements``: who replaced whom, the report's section (issue 25, item 3: one answer).

Articles written for this test (invented people, real councils): at one council a director who
left in 2014 and the successor its article reports, and in 2019 another who left and another
successor; at a second council a cabinet member who left and a successor in an undated article;
at a third an appointment with only a later departure. An appointment replaced the latest
departure from the same post at the same council that is not dated after it (an undated one
pairs with any), and the query gives the same rows on rdflib as on Oxigraph.
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from councilgraph.graph.app.pipeline import build_graph
from councilgraph.graph.rdf.sparql import run_query
from councilgraph.ontology import load_query

ARTICLES = {
    "dorset-2015.txt": "Dorset names new director\n\nPublished: 1 February 2015\n\nDorset Council's director "
    "of children's services, Karen Holt, resigned in November 2014.\n\nThe council has appointed Hal Brin "
    "as its new director of children's services.\n",
    "dorset-2019.txt": "Dorset director resigns\n\nPublished: 10 May 2019\n\nDorset Council's director of "
    "children's services, Marla Quint, resigned in March 2019.\n\nThe council has appointed Oren Blay as "
    "its new director of children's services.\n",
    # no date anywhere: both facts undated, so they pair
    "wiltshire.txt": "Wiltshire cabinet member steps down\n\nWiltshire Council's cabinet member for "
    "children, Cllr Pia Lorne, resigned on Tuesday.\n\nThe council has appointed Cllr Ned Farr as cabinet "
    "member for children.\n",
    # the only departure from the post is after the appointment: no one was replaced
    "somerset-2020.txt": "Somerset appoints director\n\nPublished: 3 March 2020\n\nSomerset Council has "
    "appointed Lina Ross as director of children's services.\n",
    "somerset-2021.txt": "Somerset director resigns\n\nPublished: 5 May 2021\n\nSomerset Council's director "
    "of children's services, Greta Moss, resigned in April 2021.\n",
}


@pytest.fixture(scope="module")
def graph_file(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("replacements")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("replacements-graph") / "graph.nt"
    with build_graph([folder], nlp=nlp) as result:
        out.write_bytes(result.ntriples)
    return out


def test_an_appointment_replaced_the_latest_departure_from_its_post_not_after_it(graph_file):
    cols, rows = run_query(graph_file, load_query("replacements"))
    assert cols == ["new", "replaced", "post", "body", "when", "file", "quote", "leftQuote"]
    found = [dict(zip(cols, row, strict=True)) for row in rows]
    dcs = "director of children's services"
    assert [(r["new"], r["replaced"], r["post"], r["body"], r["when"], r["file"]) for r in found] == [
        ("Hal Brin", "Karen Holt", dcs, "Dorset Council", "2015-02-01", "dorset-2015.txt"),
        # Karen Holt (2014-11) left earlier than Marla Quint (2019-03): the latest is the one replaced
        ("Oren Blay", "Marla Quint", dcs, "Dorset Council", "2019-05-10", "dorset-2019.txt"),
        # nothing dates either fact: they pair, and the row says no date
        ("Ned Farr", "Pia Lorne", "cabinet member", "Wiltshire Council", "", "wiltshire.txt"),
    ]
    assert found[1]["quote"] == "appointed Oren Blay"
    assert found[1]["leftQuote"] == "director of children's services, Marla Quint, resigned in March 2019"
    assert not any(r["new"] == "Lina Ross" for r in found)  # Greta Moss left after she came


def test_the_same_rows_on_rdflib_as_on_oxigraph(graph_file):
    text = load_query("replacements")
    _cols, oxigraph_rows = run_query(graph_file, text)
    graph = Graph().parse(graph_file, format="nt")
    rdflib_rows = [[None if v is None else str(v) for v in row] for row in graph.query(text)]
    assert len(oxigraph_rows) == 3 and rdflib_rows == oxigraph_rows
