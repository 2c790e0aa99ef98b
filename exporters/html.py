"""Interactive HTML (Pyvis / vis-network) that opens from disk with no network at all.

Pyvis holds the nodes, edges and options; the page is rendered from our own template
(``templates/network.html``) with vis-network's JS and CSS inlined from the copy Pyvis ships,
because Pyvis's stock template loads CSS from a CDN even in inline mode. Article text is data, never
markup: it travels as JSON with ``<``, ``>`` and ``&`` escaped, and tooltips are built with
``textContent``.
"""

from __future__ import annotations

import json
import math
import os
from importlib.resources import files
from typing import Any

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network

from councilgraph.exporters.layout import layout
from councilgraph.graph.atomic import atomic_write_text
from councilgraph.graph.projection import TIMELINE_EDGES

__all__ = ["KINDS", "MAX_NODES", "render_html", "write_html"]

MAX_NODES = 2000
"""Above this many nodes the page shows the best-connected ones and says so."""
QUOTES = 6
"""Quotes in a node's tooltip: its own (an inspection's), else the first of the facts around it."""

KINDS = {
    "council": {"color": "#1f77b4", "shape": "box"},
    "person": {"color": "#ff7f0e", "shape": "dot"},
    "organisation": {"color": "#2ca02c", "shape": "diamond"},
    "inspection": {"color": "#d62728", "shape": "triangle"},
}


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def render_html(g: nx.MultiDiGraph, title: str = "councilgraph") -> str:
    """The page for NetworkX projection ``g`` as a string."""
    note = ""
    degree = _degrees(g)
    keep = sorted(g.nodes, key=lambda x: (-degree[x], x))
    if len(keep) > MAX_NODES:
        note = (
            f"Showing the {MAX_NODES} best-connected of {len(keep)} nodes; "
            "filter the graph or open graph.graphml in Gephi for the rest."
        )
        keep = keep[:MAX_NODES]
    kept = set(keep)
    councils_of: dict[str, set[str]] = {x: set() for x in kept}
    for u, v in g.edges():
        for a, b in ((u, v), (v, u)):
            if a in kept and b in kept and g.nodes[b]["kind"] == "council":
                councils_of[a].add(g.nodes[b]["label"])
    for x in kept:
        if g.nodes[x]["kind"] == "council":
            councils_of[x].add(g.nodes[x]["label"])
    # an inspectorate belongs to the councils whose inspections it made: filtering by a council keeps Ofsted
    for u, v in g.edges():
        if u in kept and v in kept and g.nodes[u]["kind"] == "inspection" and g.nodes[v]["kind"] != "council":
            councils_of[v] |= councils_of[u]

    # an entity's tooltip quotes the facts around it (its own quotes, for an inspection)
    quotes_of: dict[str, list[str]] = {x: list(g.nodes[x].get("quotes", []))[:QUOTES] for x in kept}
    quoting = [
        e for e in g.edges(data=True) if any(x in kept and not g.nodes[x].get("quotes") for x in e[:2])
    ]
    for u, v, d in sorted(quoting, key=lambda e: (e[0], e[1], e[2].get("fact", ""))):
        for x in (u, v):
            if x in kept and not g.nodes[x].get("quotes") and len(quotes_of[x]) < QUOTES:
                quotes_of[x] += [q for q in d.get("quotes", []) if q not in quotes_of[x]][
                    : QUOTES - len(quotes_of[x])
                ]

    positions = layout(g, keep)  # exporters/layout.py: a cluster per council
    labels = _node_labels(g, keep, councils_of)
    top = max(degree.values(), default=1) or 1
    net = Network(directed=True, cdn_resources="in_line")  # pyvis holds the vis-network data
    for x in sorted(kept):
        d = g.nodes[x]
        size = 10 + 24 * math.sqrt(degree[x] / top)
        if d.get("kind") == "organisation" and degree[x] > 6:
            size = min(size, 16)  # hubs such as inspectorates must not swamp the picture
        net.add_node(
            x,
            label=labels[x],
            kind=d["kind"],
            sources=d.get("sources", []),
            quotes=quotes_of[x],
            councils=sorted(councils_of[x]),
            size=round(size, 1),
            x=positions[x][0],
            y=positions[x][1],
        )
    for edge in _merged_edges(g, kept):
        net.add_edge(edge.pop("from"), edge.pop("to"), **edge)
    options = {
        "physics": {"enabled": False},  # positions are computed once, above: the same layout on every load
        "interaction": {"hover": True, "tooltipDelay": 100},
        "edges": {
            "font": {"size": 10, "color": "#555", "align": "middle"},
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.2},
            "scaling": {
                "min": 1,
                "max": 6,
                "label": {"enabled": True, "min": 8, "max": 12, "drawThreshold": 7},
            },
        },
        "nodes": {
            "font": {"size": 14},
            "scaling": {
                "label": {"enabled": True, "min": 12, "max": 22, "drawThreshold": 7, "maxVisible": 28}
            },
        },
    }
    lib = files("pyvis") / "lib" / "vis-9.1.2"
    env = Environment(autoescape=True)
    template = env.from_string(
        (files("councilgraph.exporters.templates") / "network.html").read_text("utf-8")
    )
    data = {
        "nodes": [
            {k: v for k, v in n.items() if k not in {"shape", "color", "font", "title"}} for n in net.nodes
        ],
        "edges": net.edges,
        "kinds": KINDS,
        "options": options,
        "councils": sorted({c for cs in councils_of.values() for c in cs}),
        "timelines": _timelines(g, kept),
    }
    from markupsafe import Markup

    return template.render(
        title=title,
        note=note,
        vis_js=Markup((lib / "vis-network.min.js").read_text("utf-8").replace("</script", "<\\/script")),
        vis_css=Markup((lib / "vis-network.css").read_text("utf-8")),
        data_json=Markup(_script_json(data)),
    )


def _degrees(g: nx.MultiDiGraph) -> dict[str, int]:
    """``dict(g.degree())``, counted from the edges: NetworkX's degree view sums every node's
    adjacency in Python (a third of the page's time at 10,000 articles)."""
    degree = dict.fromkeys(g, 0)
    for u, v in g.edges():
        degree[u] += 1
        degree[v] += 1
    return degree


def _node_labels(g: nx.MultiDiGraph, keep: list[str], councils_of: dict[str, set[str]]) -> dict[str, str]:
    """Labels as people read them; namesakes (kept apart by resolution) carry their council."""
    labels = {x: str(g.nodes[x]["label"]) for x in keep}
    people = [x for x in keep if g.nodes[x]["kind"] == "person"]
    seen: dict[str, int] = {}
    for x in people:
        seen[labels[x]] = seen.get(labels[x], 0) + 1
    for x in people:
        if seen[labels[x]] > 1:
            where = sorted(councils_of[x]) or sorted(
                str(g.nodes[v]["label"]) for v in g.successors(x) if g.nodes[v]["kind"] != "person"
            )
            if where:
                labels[x] = f"{labels[x]} ({where[0]})"
    return labels


def _merged_edges(g: nx.MultiDiGraph, kept: set[str]) -> list[dict[str, Any]]:
    """One drawn edge per pair of nodes: parallel facts are merged, their labels listed with a count,
    so labels never print over each other."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    inside = [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if u in kept and v in kept]
    for u, v, _key, d in sorted(inside, key=lambda e: (e[0], e[1], str(e[2]))):
        groups.setdefault((u, v), []).append(d)
    edges = []
    for (u, v), facts in groups.items():
        words = list(dict.fromkeys(str(d.get("label") or d["type"]) for d in facts))
        label = " · ".join(words) + (f" ({len(facts)} facts)" if len(facts) > 1 else "")
        edges.append(
            {
                "from": u,
                "to": v,
                "id": f"{u}|{v}",
                "label": label,
                "kind": " · ".join(dict.fromkeys(str(d["type"]) for d in facts)),
                "facts": [
                    {
                        "label": str(d.get("label") or d["type"]),
                        "sources": d.get("sources", []),
                        "quotes": d.get("quotes", []),
                    }
                    for d in facts
                ],
                "sources": sorted({s for d in facts for s in d.get("sources", [])}),
                "quotes": [q for d in facts for q in d.get("quotes", [])],
                "value": sum(int(d.get("weight", 1)) for d in facts),
                "arrows": "to",
            }
        )
    return edges


def _timelines(g: nx.MultiDiGraph, kept: set[str]) -> dict[str, list[dict[str, str]]]:
    """Per council: ratings, departures and appointments in date order (stated date, else the date
    the first article reported it), for the page's timeline."""
    out: dict[str, list[dict[str, str]]] = {}
    for u, v, d in g.edges(data=True):
        if v not in kept or g.nodes[v]["kind"] != "council":
            continue
        council = str(g.nodes[v]["label"])
        if g.nodes[u]["kind"] == "inspection":
            node = g.nodes[u]
            when = str(node.get("year") or "") or str(node.get("reported", ""))[:4]
            event = f"rated {node.get('rating_label', node.get('rating', ''))}"
            who = ""
        elif d.get("type") in TIMELINE_EDGES:
            when = str(d.get("date") or d.get("reported") or "")
            event = str(d.get("label", d["type"]))
            who = str(g.nodes[u]["label"])
        else:
            continue
        if when:
            out.setdefault(council, []).append({"when": when, "event": event, "who": who})
    return {c: sorted(ev, key=lambda e: (e["when"], e["event"], e["who"])) for c, ev in sorted(out.items())}


def write_html(g: nx.MultiDiGraph, path: str | os.PathLike[str], title: str = "councilgraph") -> None:
    """Write the interactive page for ``g`` to ``path`` atomically."""
    atomic_write_text(path, render_html(g, title))
