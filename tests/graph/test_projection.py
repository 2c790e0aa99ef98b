"""The projection kept by parts is, after each change, the projection of the whole graph."""

from __future__ import annotations

import random

import networkx as nx
import pyoxigraph as ox
import pytest

from councilgraph.graph.network.projection import Projection, to_networkx
from councilgraph.graph.rdf.oxigraph import StoreGraph, load_ntriples, parse_ntriples, to_rdflib
from councilgraph.graph.rdf.units import UnitGraph


def _patch(store: ox.Store, added: list[bytes], removed: list[bytes]) -> list[tuple]:
    """Apply a change's lines to ``store``; return its triples as rdflib terms."""
    gone, new = list(parse_ntriples(b"".join(removed))), list(parse_ntriples(b"".join(added)))
    for t in gone:
        store.remove(ox.Quad(t.subject, t.predicate, t.object))
    for t in new:
        store.add(ox.Quad(t.subject, t.predicate, t.object))
    return [to_rdflib(t) for t in gone + new]


def _same(kept: nx.MultiDiGraph, whole: nx.MultiDiGraph) -> None:
    """The same nodes and edges, with the same data, in the same order (the files follow it)."""
    assert list(kept.nodes(data=True)) == list(whole.nodes(data=True))
    assert list(kept.edges(keys=True, data=True)) == list(whole.edges(keys=True, data=True))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1])
def test_after_each_article_the_kept_projection_is_the_whole_graphs(generated, seed):
    order = list(generated)
    random.Random(seed).shuffle(order)
    live = UnitGraph(order[:20])
    store = load_ntriples(b"".join(live.lines()))
    parts = Projection(StoreGraph(store))
    recomputed, whole_size = [], []
    for k in range(20, 80):
        change = live.add(order[k])
        recomputed.append(parts.update(_patch(store, change.added, change.removed)))
        whole = to_networkx(StoreGraph(store))
        _same(parts.graph(), whole)
        whole_size.append(whole.number_of_nodes() + whole.number_of_edges())
    assert sum(recomputed) < sum(whole_size) / 5  # parts, not everything again
    assert max(recomputed) > 0


@pytest.mark.slow
def test_taking_an_article_away_takes_its_parts_away(generated):
    live = UnitGraph(generated[:40])
    store = load_ntriples(b"".join(live.lines()))
    parts = Projection(StoreGraph(store))
    before = parts.graph()
    for facts in generated[40:45]:
        change = live.add(facts)
        parts.update(_patch(store, change.added, change.removed))
    assert parts.graph().number_of_nodes() > before.number_of_nodes()
    for facts in generated[40:45]:
        change = live.remove(facts.article.content_hash)
        parts.update(_patch(store, change.added, change.removed))
    _same(parts.graph(), before)


def test_a_changed_role_label_makes_every_part_again(sample_result):
    store = load_ntriples(sample_result.ntriples)
    parts = Projection(StoreGraph(store))
    role = ox.NamedNode("https://w3id.org/councilgraph/ontology#DirectorOfChildrensServices")
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    (old,) = [q.object for q in store.quads_for_pattern(role, label, None)]
    new = ox.Literal("head of children's social care", language="en")
    store.remove(ox.Quad(role, label, old))
    store.add(ox.Quad(role, label, new))
    reached = parts.update([to_rdflib(ox.Triple(role, label, old)), to_rdflib(ox.Triple(role, label, new))])
    graph = parts.graph()
    _same(graph, to_networkx(StoreGraph(store)))
    assert reached >= graph.number_of_edges() // 2
    assert "head of children's social care" in {
        d["role_label"] for _u, _v, d in graph.edges(data=True) if "role_label" in d
    }


def _replace(store: ox.Store, subject: ox.NamedNode, predicate: str, value: ox.Literal) -> list[tuple]:
    """Replace the subject's values of ``predicate`` by ``value`` (a change the builder makes only
    with other changes around it: each reverse path of ``update`` is tested alone here)."""
    p = ox.NamedNode(predicate)
    old = [ox.Triple(subject, p, q.object) for q in store.quads_for_pattern(subject, p, None)]
    for t in old:
        store.remove(ox.Quad(t.subject, t.predicate, t.object))
    store.add(ox.Quad(subject, p, value))
    return [to_rdflib(t) for t in [*old, ox.Triple(subject, p, value)]]


def test_a_change_to_a_council_evidence_or_article_alone_reaches_the_parts_that_show_it(sample_result):
    store = load_ntriples(sample_result.ntriples)
    parts = Projection(StoreGraph(store))
    g = parts.graph()
    inspection = next(x for x, d in g.nodes(data=True) if d["kind"] == "inspection")
    council = next(v for _u, v, t in g.out_edges(inspection, data="type") if t == "inspected")
    cg = "https://w3id.org/councilgraph/ontology#"
    evidence = next(
        iter(store.quads_for_pattern(ox.NamedNode(inspection), ox.NamedNode(cg + "evidence"), None))
    ).object
    article = next(iter(store.quads_for_pattern(evidence, ox.NamedNode(cg + "inArticle"), None))).object
    changes = [
        (ox.NamedNode(council), "http://www.w3.org/2004/02/skos/core#altLabel", ox.Literal("Zedshire")),
        (evidence, cg + "quote", ox.Literal("a quote the article never held")),
        (article, cg + "sourceFile", ox.Literal("renamed.txt")),
    ]
    for subject, predicate, value in changes:
        parts.update(_replace(store, subject, predicate, value))
        _same(parts.graph(), to_networkx(StoreGraph(store)))
    node = parts.graph().nodes[inspection]
    assert node["council"] == "Zedshire" and node["label"].startswith("Zedshire")
    assert "a quote the article never held" in node["quotes"] and "renamed.txt" in node["sources"]
    assert "renamed.txt" in parts.graph().nodes[council]["sources"]
