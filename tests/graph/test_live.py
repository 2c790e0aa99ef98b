"""A live graph that takes articles one at a time is, after each, the graph a full build gives."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from councilgraph.graph.app.pipeline import build_graph, sample_paths
from councilgraph.graph.core.gazetteer import load_gazetteer
from councilgraph.graph.core.model import ArticleFacts
from councilgraph.graph.nlp.read import read_article
from councilgraph.graph.nlp.stage import extract_articles
from councilgraph.graph.rdf.build import units_of
from councilgraph.graph.rdf.units import UnitGraph
from councilgraph.graph.resolve import resolve
from councilgraph.graph.resolve.resolver import Resolver

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
PATHS = (
    sorted((DATA / "resolution").glob("*.txt")) + sorted((DATA / "articles").glob("*.txt")) + sample_paths()
)


@pytest.fixture(scope="module")
def facts(nlp) -> list[ArticleFacts]:
    return list(extract_articles([read_article(p) for p in PATHS], nlp))


def _full(facts: list[ArticleFacts]) -> list[bytes]:
    """The sorted N-Triples of a build of ``facts`` (what build_graph does after extraction: the
    empty graph, every article's node, one resolution, every unit, streamed out)."""
    graph = UnitGraph(spill=True)
    for each in facts:
        graph.take(each)
    graph.write(*graph.resolve())
    graph.spend()
    out = io.BytesIO()
    graph.write_ntriples(out)
    return out.getvalue().splitlines(keepends=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_after_each_article_the_live_graph_is_the_full_builds_graph(facts, seed):
    order = list(facts)
    random.Random(seed).shuffle(order)
    live = UnitGraph(order[:2])
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


@pytest.mark.parametrize("seed", [0, 1])
def test_after_each_removal_the_live_graph_is_the_full_build_of_the_rest(facts, seed):
    """Removing is a change like adding: the resolver takes the article away, redoing only what it
    reached, and the graph changes by the lines of the units that changed."""
    order = list(facts)
    random.Random(seed).shuffle(order)
    live = UnitGraph(order)
    lines = set(live.lines())
    held = list(order)
    for victim in order[: len(order) // 2]:
        change = live.remove(victim.article.content_hash)
        assert change.removed and not lines & set(change.added) and set(change.removed) <= lines
        lines = (lines | set(change.added)) - set(change.removed)
        held.remove(victim)
        expected = _full(held)
        assert sorted(lines) == live.lines() == expected
        assert len(live) == len(expected)
    assert live.whole_resolutions < len(order) // 4  # most were taken away only where they reached


def test_articles_added_and_removed_in_turn_give_the_full_build_of_those_held(facts):
    order = list(facts)
    random.Random(7).shuffle(order)
    live = UnitGraph(order[:5])
    held = list(order[:5])
    for k, each in enumerate(order[5:]):
        live.add(each)
        held.append(each)
        if k % 2:
            victim = held.pop(random.Random(k).randrange(len(held)))
            live.remove(victim.article.content_hash)
        assert live.lines() == _full(held), k


def test_a_removal_that_fails_leaves_the_graph_of_the_rest(facts, monkeypatch):
    """Should the resolver fail half way through taking an article away, the graph is not left
    half changed: it is the graph of the articles it still holds."""
    live = UnitGraph(facts)

    def planted(self, article_id):
        self.articles.pop(article_id)  # half done
        raise RuntimeError("planted")

    monkeypatch.setattr(Resolver, "remove", planted)
    with pytest.raises(RuntimeError, match="planted"):
        live.remove(facts[0].article.content_hash)
    assert facts[0].article.content_hash not in live
    assert live.lines() == _full(facts[1:])


def test_the_live_graph_of_all_articles_is_build_graphs_graph_byte_for_byte(facts, nlp):
    live = UnitGraph(facts)
    with build_graph(PATHS, nlp=nlp) as result:
        assert b"".join(live.lines()) == result.ntriples
    assert live.add(facts[0]).added == []  # an article it holds changes nothing


@pytest.mark.slow
def test_resolving_only_what_an_article_touches_gives_what_resolving_everything_gives(generated, facts):
    order = generated + facts
    random.Random(5).shuffle(order)
    resolver = Resolver(load_gazetteer())
    resolver.reset(f.without_text() for f in order[:40])
    whole = 0
    for k in range(40, len(order)):
        whole += resolver.add(order[k].without_text()).everything
        whole_set = resolve([f.without_text() for f in order[: k + 1]])
        assert set(units_of(resolver.resolved())) == set(units_of(whole_set)), k
    assert whole < (len(order) - 40) / 10  # most articles were resolved only where they reach


@pytest.mark.slow
def test_a_live_graph_of_generated_articles_is_the_full_builds_graph_after_each(generated):
    live = UnitGraph(generated[:100])
    for k in range(100, len(generated)):
        live.add(generated[k])
        if k % 15 == 0:
            assert live.lines() == _full(generated[: k + 1]), k
    assert live.lines() == _full(generated)
    assert live.whole_resolutions < 10
    for k in range(len(generated) - 1, 60, -1):  # and taken away again, in another order
        live.remove(generated[k].article.content_hash)
        if k % 15 == 0:
            assert live.lines() == _full(generated[:k]), k
    assert live.lines() == _full(generated[:61])
    assert live.whole_resolutions < 20


@pytest.mark.slow
def test_resolving_only_what_a_removal_touches_gives_what_resolving_the_rest_gives(generated, facts):
    order = generated + facts
    random.Random(6).shuffle(order)
    resolver = Resolver(load_gazetteer())
    resolver.reset(f.without_text() for f in order)
    whole = 0
    for k in range(len(order) - 1, 40, -1):
        whole += resolver.remove(order[k].article.id).everything
        whole_set = resolve([f.without_text() for f in order[:k]])
        assert set(units_of(resolver.resolved())) == set(units_of(whole_set)), k
    assert whole < (len(order) - 40) / 10


NAMESAKES = [  # two John Smiths (Leeds, Wigan) are named apart as john-smith-leeds and -wigan; a third
    # person, John Smith Leeds, is named john-smith-leeds too, from another name block
    "Leeds director quits\n\nJohn Smith, the director of children's services at Leeds City Council, resigned.\n",
    "Wigan leader responds\n\nJohn Smith, the leader of Wigan Council, said the report was disappointing.\n",
    "Chair named\n\nThe council has appointed John Smith Leeds as chair of its safeguarding partnership.\n",
    "Wigan leader again\n\nCouncillor John Smith, leader of Wigan Council, promised improvements.\n",
]


def test_a_person_name_two_name_blocks_give_makes_the_live_graph_resolve_everything(nlp, tmp_path):
    paths = []
    for i, text in enumerate(NAMESAKES):
        paths.append(tmp_path / f"n{i}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    facts = list(extract_articles([read_article(p) for p in paths], nlp))
    live = UnitGraph(facts[:3])
    live.add(facts[3])
    assert live.whole_resolutions == 1  # only a whole resolution knows which label the shared name carries
    assert live.lines() == _full(facts)


def test_removing_an_article_gives_back_the_graph_before_it_was_added(facts):
    live = UnitGraph(facts[:-1])
    before = live.lines()
    added = live.add(facts[-1])
    taken = live.remove(facts[-1].article.content_hash)
    assert (taken.added, taken.removed) == (added.removed, added.added)
    assert live.lines() == before
    assert live.remove("no-such-hash").removed == []
