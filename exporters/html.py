"""Interactive HTML (Pyvis / vis-network) that opens from disk with no network at all.

Pyvis holds the nodes, edges and options; the page is rendered from our own template
(``templates/network.html``) with vis-network's JS and CSS inlined from the copy Pyvis ships,
because Pyvis's stock template loads CSS from a CDN even in inline mode. Article text is data, never
markup: it travels as JSON with ``<``, ``>`` and ``&`` escaped, and tooltips are built with
``textContent``.
"""

from __future__ import annotations

import json
import os
from importlib.resources import files
from typing import Any

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network

from councilgraph.graph.atomic import atomic_write_text

__all__ = ["KINDS", "MAX_NODES", "render_html", "write_html"]

MAX_NODES = 2000
"""Above this many nodes the page shows the best-connected ones and says so."""

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
    degree = dict(g.degree())
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

    # an entity's tooltip quotes the facts around it (its own quotes, for an inspection)
    quotes_of: dict[str, list[str]] = {x: list(g.nodes[x].get("quotes", [])) for x in kept}
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("fact", ""))):
        for x in (u, v):
            if x in kept and not g.nodes[x].get("quotes"):
                quotes_of[x] += [q for q in d.get("quotes", []) if q not in quotes_of[x]]

    net = Network(directed=True, cdn_resources="in_line")
    top = max(degree.values(), default=1) or 1
    for x in sorted(kept):
        d = g.nodes[x]
        net.nodes.append(
            {
                "id": x,
                "label": d["label"],
                "kind": d["kind"],
                "sources": d.get("sources", []),
                "quotes": quotes_of[x][:6],
                "councils": sorted(councils_of[x]),
                "size": 10 + 30 * degree[x] / top,
            }
        )
    for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        if u in kept and v in kept:
            label = d.get("kind") or d["type"]
            net.edges.append(
                {
                    "from": u,
                    "to": v,
                    "id": f"{u}|{v}|{key}",
                    "label": f"{label} {d.get('role', '')}".strip(),
                    "kind": d["type"],
                    "sources": d.get("sources", []),
                    "quotes": d.get("quotes", []),
                    "value": d.get("weight", 1),
                    "arrows": "to",
                }
            )
    options = {
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": 300 if len(kept) < 500 else 100},
        },
        "interaction": {"hover": True, "tooltipDelay": 100},
        "edges": {
            "font": {"size": 10, "color": "#555"},
            "smooth": False,
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False}},
        },
        "nodes": {"font": {"size": 12}},
    }
    lib = files("pyvis") / "lib" / "vis-9.1.2"
    env = Environment(autoescape=True)
    template = env.from_string(
        (files("councilgraph.exporters.templates") / "network.html").read_text("utf-8")
    )
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "kinds": KINDS,
        "options": options,
        "councils": sorted({c for cs in councils_of.values() for c in cs}),
    }
    from markupsafe import Markup

    return template.render(
        title=title,
        note=note,
        vis_js=Markup((lib / "vis-network.min.js").read_text("utf-8").replace("</script", "<\\/script")),
        vis_css=Markup((lib / "vis-network.css").read_text("utf-8")),
        data_json=Markup(_script_json(data)),
    )


def write_html(g: nx.MultiDiGraph, path: str | os.PathLike[str], title: str = "councilgraph") -> None:
    """Write the interactive page for ``g`` to ``path`` atomically."""
    atomic_write_text(path, render_html(g, title))
