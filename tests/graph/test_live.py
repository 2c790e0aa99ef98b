"""A live graph that takes articles one at a time is, after each, the graph a full build gives."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from councilgraph.graph.build import GraphBuilder
from councilgraph.graph.live import LiveGraph
from councilgraph.graph.model import ArticleFacts
from councilgraph.graph.pipeline import build_graph, extract_articles, sample_paths
from councilgraph.graph.read import read_article
from councilgraph.graph.resolve import resolve

DATA = Path(__file__).resolve().parent.parent / "data"
PATHS = (
    sorted((DATA / "resolution").glob("*.txt")) + sorted((DATA / "articles").glob("*.txt")) + sample_paths()
)


@pytest.fixture(scope="module")
def facts(nlp) -> list[ArticleFacts]:
    return list(extract_articles([read_article(p) for p in PATHS], nlp))


def _full(facts: list[ArticleFacts]) -> list[bytes]:
    """The sorted N-Triples of a build of ``facts`` (what build_graph does after extraction)."""
    builder = GraphBuilder()
    for each in facts:
        builder.add_article(each.article)
    builder.add_resolved(resolve([f.without_text() for f in facts]))
    out = io.BytesIO()
    builder.write_ntriples(out)
    return out.getvalue().splitlines(keepends=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_after_each_article_the_live_graph_is_the_full_builds_graph(facts, seed):
    order = list(facts)
    random.Random(seed).shuffle(order)
    live = LiveGraph(order[:2])
    assert live.lines() == _full(order[:2])
    lines = set(live.lines())
    changed_elsewhere = 0
    for k in range(2, len(order)):
        change = live.add(order[k])
        assert not lines & set(change.added) and set(change.removed) <= lines
        lines = (lines | set(change.added)) - set(change.removed)
        expected = _full(order[: k + 1])
        assert sorted(lines) == live.lines() == expected
        assert len(live) == len(expected)
        changed_elsewhere += any(b"/id/dataset/" not in line for line in change.removed)
    assert changed_elsewhere  # some article changed what others had stated (a person's IRI, a role, a count)


def test_the_live_graph_of_all_articles_is_build_graphs_graph_byte_for_byte(facts, nlp):
    live = LiveGraph(facts)
    with build_graph(PATHS, nlp=nlp) as result:
        assert b"".join(live.lines()) == result.ntriples
    assert live.add(facts[0]).added == []  # an article it holds changes nothing


def test_removing_an_article_gives_back_the_graph_before_it_was_added(facts):
    live = LiveGraph(facts[:-1])
    before = live.lines()
    added = live.add(facts[-1])
    taken = live.remove(facts[-1].article.content_hash)
    assert (taken.added, taken.removed) == (added.removed, added.added)
    assert live.lines() == before
    assert live.remove("no-such-hash").removed == []
