"""``held_post_on_date``: who held post R at council C on date D, from what the articles say.

Three articles written for this test (invented people, a real council): one dates a holding with
"since" in an article that has a date, one reports a post without dating it, one dates a holding
at both ends in an article with no date. The query answers from the dated holdings where the date
falls within them, from a report only for its own date, and with the quote that states each.
"""

from __future__ import annotations

import pytest

from councilgraph.graph.app.pipeline import build_graph
from councilgraph.graph.rdf.sparql import run_query
from councilgraph.ontology import load_query

ARTICLES = {
    "since.txt": "Published 10 June 2022\n\nIdris Wenlow, chief executive of Rotherham Council since 2014, "
    "welcomed the plan for new foster homes.\n",
    "reported.txt": "Published 8 March 2019\n\nRotherham Council's director of children's services, "
    "Maud Pellow, said the service had turned a corner.\n",
    "between.txt": "Corin Dace was chief executive of Rotherham Council between 2008 and 2012. "
    "He now chairs a housing charity.\n",
}


@pytest.fixture(scope="module")
def graph_file(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("held")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("held-graph") / "graph.nt"
    with build_graph([folder], nlp=nlp) as result:
        out.write_bytes(result.ntriples)
    return out


def _held(graph_file, **bind: str) -> list[dict[str, str | None]]:
    cols, rows = run_query(graph_file, load_query("held_post_on_date"), bindings=bind)
    return [dict(zip(cols, row, strict=True)) for row in rows]


def _people(rows) -> set[str | None]:
    return {r["person"] for r in rows}


def test_a_holding_dated_since_answers_from_its_beginning_to_its_article(graph_file):
    rows = _held(graph_file, role="chief executive", council="Rotherham", date="2016")
    assert _people(rows) == {"Idris Wenlow"}
    (row,) = rows
    assert (row["from"], row["to"], row["basis"]) == (
        "2014",
        "2022-06-10",
        "held from the text's date to the article's",
    )
    assert row["quote"].endswith("since 2014") and row["file"] == "since.txt"
    assert _people(_held(graph_file, role="chief executive", date="2022-06")) == {"Idris Wenlow"}
    assert _held(graph_file, role="chief executive", date="2023") == []  # after the article: not known


def test_a_holding_dated_at_both_ends_answers_within_them_only(graph_file):
    assert _people(_held(graph_file, role="ChiefExecutive", council="rotherham", date="2010-05-01")) == {
        "Corin Dace"
    }
    assert _held(graph_file, role="chief executive", date="2013") == []  # between the two holders
    (row,) = _held(graph_file, role="chief executive", date="2008")
    assert (row["from"], row["to"], row["basis"]) == ("2008", "2012", "held from the text's dates")


def test_an_undated_holding_answers_only_for_its_reported_date(graph_file):
    for date in ("2019", "2019-03", "2019-03-08"):
        rows = _held(graph_file, role="DCS", council="Rotherham Metropolitan Borough Council", date=date)
        assert _people(rows) == {"Maud Pellow"}, date
        assert {r["basis"] for r in rows} == {"reported on"}
        assert all(r["quote"] and r["reported"] == "2019-03-08" for r in rows)
    assert _held(graph_file, role="DCS", date="2019-04") == []
    assert _held(graph_file, role="DCS", date="2020") == []


def test_without_a_date_it_lists_every_holding_with_how_it_is_dated(graph_file):
    rows = _held(graph_file, council="Rotherham")
    assert _people(rows) == {"Idris Wenlow", "Maud Pellow", "Corin Dace"}
    assert {r["basis"] for r in rows} == {
        "held from the text's date to the article's",
        "held from the text's dates",
        "reported on",
    }
