"""The questions a journalist asks of the graph, answered from its NetworkX projection.

Each answer is a list of rows, every row with the article and the quote that state it, so that a
line of the report can be checked against the text before it is published:

- :func:`people_ranking`: people ranked by what the news says of them (facts, articles, councils);
- :func:`council_links`: the councils a person is tied to by a fact (the page's overview of movers).

Who left within twelve months of an inadequate rating, who replaced whom and who moved between
councils are named queries (``departures_after_inadequate``, ``replacements``,
``moved_between_councils``), which the report runs.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from councilgraph.graph.network.projection import EDGE_KINDS

__all__ = ["council_links", "people_ranking", "placed"]


def placed(stated: object, reported: object) -> tuple[str, str]:
    """Where an event goes on a timeline: (sort key, words). A date the text gives is itself; else
    the date the first article reported it, said as such ("reported on 2019-03-08"); else it is
    "undated" and goes last. No event is left off a timeline for want of a date."""
    if stated:
        return str(stated), str(stated)
    if reported:
        return str(reported), f"reported on {reported}"
    return "~", "undated"


def council_links(g: nx.MultiDiGraph, person: str) -> dict[str, dict[str, Any]]:
    """The councils ``person`` held a post at, was appointed to or left, each with the first such
    edge's data: a person with more than one moved between councils, as the page's overview draws
    them (the report's section is the named query ``moved_between_councils``)."""
    links: dict[str, dict[str, Any]] = {}
    for _u, v, e in g.out_edges(person, data=True):
        if g.nodes[v]["kind"] == "council" and e.get("type") in EDGE_KINDS:  # a fact person -> body
            links.setdefault(v, e)
    return links


def people_ranking(g: nx.MultiDiGraph, betweenness: dict[str, float], top: int = 10) -> list[dict[str, Any]]:
    """People by how much the news says of them: facts, then articles, then councils, then name.

    Betweenness is given only when it tells people apart (it is the same for most people in
    small graphs, which would make a ranking by it meaningless)."""
    rows = []
    for x, d in g.nodes(data=True):
        if d.get("kind") != "person":
            continue
        facts = list(g.out_edges(x, data=True))
        councils = {g.nodes[v]["label"] for _u, v, _e in facts if g.nodes[v]["kind"] == "council"}
        rows.append(
            {
                "iri": x,
                "label": d["label"],
                "facts": len(facts),
                "articles": d.get("articles", 0),
                "councils": len(councils),
                "betweenness": round(betweenness.get(x, 0.0), 4),
            }
        )
    rows.sort(key=lambda r: (-r["facts"], -r["articles"], -r["councils"], r["label"]))
    if len({r["betweenness"] for r in rows}) <= 1:
        for r in rows:
            del r["betweenness"]
    return rows[:top]
