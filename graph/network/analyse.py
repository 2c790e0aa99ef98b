"""Measure the graph's NetworkX projection (``graph/network/projection.py``): central people and bodies,
connected groups, repeated failures, timelines and the stories of ``graph/network/stories.py``; and run
the named queries whose questions the report asks (``ontology/queries/``, :data:`REPORTED_QUERIES`),
so that the report's answer to each of them is the query's."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import igraph
import networkx as nx

from councilgraph.graph.network.projection import EDGE_KINDS, TIMELINE_EDGES, to_networkx
from councilgraph.graph.network.stories import people_ranking, placed
from councilgraph.graph.rdf.oxigraph import ReadableGraph, StoreGraph
from councilgraph.graph.rdf.sparql import select_rows
from councilgraph.graph.resolve.review import rejected_facts, reviewed_facts
from councilgraph.ontology import load_query

__all__ = ["REPORTED_QUERIES", "analyse", "betweenness_centrality", "named_answers", "to_networkx"]

REPORTED_QUERIES = {
    "left_after_inadequate": "departures_after_inadequate",
    "left_after_inadequate_unplaced": "unplaced_after_inadequate",
    "repeated_inadequate": "repeated_inadequate",
    "people_at_several_councils": "people_at_several_councils",
    "moved_between_councils": "moved_between_councils",
    "replacements": "replacements",
}
"""The report's sections that are a named query's rows: section key -> query name."""


def named_answers(graph: ReadableGraph) -> dict[str, list[dict[str, Any]]]:
    """The rows of each query of :data:`REPORTED_QUERIES`, in the keys the report reads."""
    source = graph.store if isinstance(graph, StoreGraph) else graph
    rows = {key: select_rows(source, load_query(name)) for key, name in REPORTED_QUERIES.items()}
    several: dict[str, list[str]] = {}
    for r in rows["people_at_several_councils"]:
        several.setdefault(str(r["person"]), []).append(str(r["council"]))
    moved: dict[str, list[dict[str, Any]]] = {}
    for r in rows["moved_between_councils"]:
        moved.setdefault(str(r["person"]), []).append(
            {"council": r["council"], "post": r["post"], "article": r["file"], "quote": r["quote"]}
        )
    return {
        "left_after_inadequate": [
            {
                "person": r["person"],
                "council": r["council"],
                "how": str(r["kind"]).lower(),
                "post": r["post"] or "",
                "rated": r["rated"],
                "rated_by": r["ratedBy"],
                "left": r["left"],
                "left_by": r["leftBy"],
                "article": r["file"],
                "quote": r["quote"],
            }
            for r in rows["left_after_inadequate"]
        ],
        "left_after_inadequate_unplaced": [
            {
                "what": r["what"],
                "council": r["council"],
                "person": r["person"] or "",
                "article": r["file"],
                "quote": r["quote"],
            }
            for r in rows["left_after_inadequate_unplaced"]
        ],
        "repeated_inadequate": [
            {
                "council": r["council"],
                "inadequate": int(str(r["inadequate"])),
                "first": r["firstYear"],
                "latest": r["latestYear"],
            }
            for r in rows["repeated_inadequate"]
        ],
        "people_at_several_councils": [{"person": p, "councils": c} for p, c in several.items()],
        "moved_between_councils": [
            {"person": person, "councils": councils} for person, councils in moved.items()
        ],
        "replacements": [
            {
                "new": r["new"],
                "replaced": r["replaced"],
                "post": r["post"],
                "body": r["body"],
                "when": r["when"],
                "article": r["file"],
                "quote": r["quote"],
                "left_quote": r["leftQuote"],
            }
            for r in rows["replacements"]
        ],
    }


def ratings_over_time(g: nx.MultiDiGraph) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """Per council, its ratings in order (for the chart): year, rating, and whether the year is
    the text's or that of the first article that reported it (``"reported"``); and how many
    ratings neither dates, which the chart says rather than drop them silently."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    unplaced = 0
    for x, d in g.nodes(data=True):
        if d.get("kind") != "inspection":
            continue
        year = int(d["year"]) if d.get("year") else int(str(d["reported"])[:4]) if d.get("reported") else None
        if year is None:
            unplaced += 1
            continue
        for _u, council, t in g.out_edges(x, data="type"):
            if t == "inspected":
                out[str(g.nodes[council]["label"])].append(
                    {"year": year, "rating": d["rating_label"], "reported": not d.get("year")}
                )
    ordered = {
        c: sorted(v, key=lambda r: (r["year"], r["rating"], r["reported"])) for c, v in sorted(out.items())
    }
    return ordered, unplaced


def betweenness_centrality(simple: nx.Graph, k: int | None = None) -> dict[str, float]:
    """``nx.betweenness_centrality(simple, k=k, seed=0)`` (normalised, endpoints excluded), with
    the shortest paths counted by igraph.

    NetworkX walks each source's paths in Python: 200 sources on the 6,500 nodes of 10,000
    generated articles took 4.1 s of the 4.5 s analysis; igraph's C takes 0.07 s for the same
    sources. The sources are NetworkX's (``random.Random(0).sample`` of the nodes in order, as its
    ``seed=0`` draws them) and so is the scaling: igraph counts each unordered pair once, NetworkX
    each ordered pair, and a sampled source cannot be its own path's end (``networkx 3.6``'s
    ``_rescale``). The values equal NetworkX's to rounding (the tests compare them)."""
    nodes = list(simple)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    paths = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in simple.edges()], directed=False)
    sampled = None if k is None or k >= n else random.Random(0).sample(nodes, k)
    sources = None if sampled is None else [index[node] for node in sampled]
    counts = (
        paths.betweenness(directed=False, sources=sources) if sources else paths.betweenness(directed=False)
    )
    if sampled is None:  # every source: each unordered pair of the other n - 1 nodes
        scale = 2 / ((n - 1) * (n - 2))
        return {node: counts[i] * scale for i, node in enumerate(nodes)}
    chosen = set(sampled)
    source_scale, other_scale = 2 / ((len(sampled) - 1) * (n - 2)), 2 / (len(sampled) * (n - 2))
    return {
        node: counts[i] * (source_scale if node in chosen else other_scale) for i, node in enumerate(nodes)
    }


def analyse(graph: ReadableGraph, top: int = 10, projection: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """Central people and organisations, connected groups, repeated failures and bridging people.

    Timelines are in date order: an event's own date (inspection year, departure date) where an
    article states one, else the date of the first article that reported it ("reported"). Pass
    ``projection`` when ``to_networkx(graph)`` is already at hand, so it is not built twice.
    """
    g = projection if projection is not None else to_networkx(graph)
    simple = nx.Graph()  # the structure alone: copying every edge's quotes took longer than the measures
    simple.add_nodes_from(g)
    simple.add_edges_from(g.edges())
    n = simple.number_of_nodes()
    degree = nx.degree_centrality(simple) if n > 1 else {}
    k = min(n, 200) if n > 500 else None  # sampled betweenness beyond 500 nodes (O(nm) otherwise)
    betweenness = betweenness_centrality(simple, k) if n > 2 else {}

    def ranked(kind: str) -> list[dict[str, Any]]:
        nodes = [x for x, d in g.nodes(data=True) if d["kind"] == kind]
        nodes.sort(key=lambda x: (-degree.get(x, 0), -betweenness.get(x, 0), g.nodes[x]["label"]))
        return [
            {
                "iri": x,
                "label": g.nodes[x]["label"],
                "degree": round(degree.get(x, 0), 4),
                "betweenness": round(betweenness.get(x, 0), 4),
                "articles": g.nodes[x]["articles"],
            }
            for x in nodes[:top]
        ]

    inadequate: dict[str, int] = defaultdict(int)
    timelines: dict[str, list[dict[str, str]]] = defaultdict(list)
    for x, d in g.nodes(data=True):
        if d["kind"] == "inspection":
            council = next(v for _u, v, t in g.out_edges(x, data="type") if t == "inspected")
            label = g.nodes[council]["label"]
            if d["rating"] == "Inadequate":
                inadequate[label] += 1
            timelines[label].append(
                {
                    "when": str(d["year"] or ""),
                    "reported": d["reported"],
                    "placed": placed(d["year"], d["reported"])[1],
                    "event": f"rated {d['rating_label']}",
                    "who": "",
                }
            )
    for u, v, d in g.edges(data=True):
        if d["type"] in TIMELINE_EDGES and g.nodes[v]["kind"] == "council":
            timelines[g.nodes[v]["label"]].append(
                {
                    "when": d["date"],
                    "reported": d["reported"],
                    "placed": placed(d["date"], d["reported"])[1],
                    "event": d["label"],
                    "who": g.nodes[u]["label"],
                }
            )
    ratings = ratings_over_time(g)
    bridges = []
    for _x, d in g.nodes(data=True):
        if d["kind"] in {"person", "inspection"} and d["articles"] > 1:
            bridges.append({"label": d["label"], "kind": d["kind"], "articles": d["sources"]})
    for u, v, d in g.edges(data=True):
        if d["type"] in EDGE_KINDS and len(d["sources"]) > 1:  # a fact between a person and a body
            label = f"{g.nodes[u]['label']}: {d['type']} {d['role']} at {g.nodes[v]['label']}"
            bridges.append({"label": label, "kind": d["type"], "articles": d["sources"]})
    groups = sorted(
        (sorted(g.nodes[x]["label"] for x in comp) for comp in nx.connected_components(simple)),
        key=lambda c: (-len(c), c),
    )
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "betweenness_sources": k or n,  # fewer than "nodes": estimated from that many sampled sources
        "people": people_ranking(g, betweenness, top),
        **named_answers(graph),
        "ratings": ratings[0],
        "ratings_unplaced": ratings[1],
        "central_people": ranked("person"),
        "central_organisations": ranked("organisation") + ranked("council"),
        "connected_groups": groups[:top],
        "councils_by_inadequate_ratings": sorted(inadequate.items(), key=lambda kv: (-kv[1], kv[0])),
        "timelines": {
            c: sorted(ev, key=lambda e: (placed(e["when"], e["reported"])[0], e["event"], e["who"]))
            for c, ev in sorted(timelines.items())
        },
        "bridges_between_articles": sorted(bridges, key=lambda r: (-len(r["articles"]), r["label"])),
        "reviewed": reviewed_facts(g),
        "rejected": rejected_facts(graph),
    }
