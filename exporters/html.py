"""Interactive HTML (Pyvis / vis-network) that opens from disk with no network at all.

Pyvis holds the nodes, edges and options; the page is rendered from our own template
(``templates/network.html``) with vis-network's JS and CSS inlined from the copy Pyvis ships,
because Pyvis's stock template loads CSS from a CDN even in inline mode. Article text is data, never
markup: it travels as JSON with ``<``, ``>`` and ``&`` escaped, and tooltips are built with
``textContent``.

The page opens on an overview (:func:`_overview`): the councils rated inadequate, shaded and
ranked by how often, and the people who moved between councils, each node in a box of its own so
that every label reads at the size it is drawn. "Show the whole graph" gives everything else, laid
out a cluster per council, with the nodes linked to nothing folded away (counted, shown on
request) and the edges of hubs (Ofsted) drawn only once a filter has narrowed the picture. Edge
labels show on hover and selection, under the nodes' names.
"""

from __future__ import annotations

import json
import math
import os
import textwrap
from importlib.resources import files
from typing import Any

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network

from councilgraph.exporters.layout import Box, layout, overview
from councilgraph.graph.core.atomic import atomic_write_text
from councilgraph.graph.network.projection import TIMELINE_EDGES
from councilgraph.graph.network.stories import council_links, placed

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
SHADES = ["#f4a582", "#d6604d", "#b2182b"]
"""A council's fill when rated inadequate once, twice, three times or more."""
TIMES = {1: "once", 2: "twice"}
FONT = 14
"""Pixels of a node's label at scale 1; :data:`CHAR` and :data:`LINE` measure it (generously) for the overview."""
CHAR = 7.2
LINE = 16.0
WRAP = 24
"""Characters in a line of an overview label."""


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

    labels = _node_labels(g, keep, councils_of)
    inadequate = _inadequate(g, kept)
    top = max(degree.values(), default=1) or 1
    sizes = {}
    for x in kept:
        size = 10 + 24 * math.sqrt(degree[x] / top)
        if g.nodes[x].get("kind") == "organisation" and degree[x] > 6:
            size = min(size, 16)  # hubs such as inspectorates must not swamp the picture
        sizes[x] = round(size, 1)
    boxes = {x: _box(g.nodes[x]["kind"], labels[x], sizes[x]) for x in keep}
    placement = layout(g, keep, boxes)  # exporters/layout.py: a cluster per council
    positions = placement.positions
    hubs, unlinked = set(placement.hubs), set(placement.unlinked)
    first = _overview(g, kept, labels, inadequate, sizes)
    net = Network(directed=True, cdn_resources="in_line")  # pyvis holds the vis-network data
    for x in sorted(kept):
        d = g.nodes[x]
        net.add_node(
            x,
            label=labels[x],
            kind=d["kind"],
            sources=d.get("sources", []),
            quotes=quotes_of[x],
            councils=sorted(councils_of[x]),
            size=sizes[x],
            x=positions[x][0],
            y=positions[x][1],
            inadequate=inadequate.get(x, 0),
            hub=x in hubs,
            folded=x in unlinked,
            overview=first.get(x),
        )
    for edge in _merged_edges(g, kept):
        edge["hub"] = edge["from"] in hubs or edge["to"] in hubs
        net.add_edge(edge.pop("from"), edge.pop("to"), **edge)
    options = {
        "physics": {"enabled": False},  # positions are computed once, above: the same layout on every load
        "interaction": {"hover": True, "tooltipDelay": 100},
        "edges": {
            # transparent: an edge's label shows only while it is hovered or selected (the page's
            # chooser), drawn before the nodes, whose names keep a white ground over it
            "font": {"size": 11, "color": "rgba(0,0,0,0)", "strokeWidth": 0, "align": "middle"},
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.2},
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False}},
        },
        "nodes": {
            "font": {"size": FONT},
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
        "shades": SHADES,
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


def _inadequate(g: nx.MultiDiGraph, kept: set[str]) -> dict[str, int]:
    """Council -> how many of its inspections rated it inadequate (councils never so rated left out)."""
    counts: dict[str, int] = {}
    for u, v, t in g.edges(data="type"):
        if t == "inspected" and v in kept and g.nodes[u].get("rating") == "Inadequate":
            counts[v] = counts.get(v, 0) + 1
    return counts


def _places(g: nx.MultiDiGraph, kept: set[str]) -> dict[str, str]:
    """Council -> the place name it goes by ("Kirklees"), which the projection gives its inspections."""
    places: dict[str, str] = {}
    for u, v, t in sorted(g.edges(data="type"), key=lambda e: (e[1], e[0])):
        place = str(g.nodes[u].get("council") or "")
        if t == "inspected" and v in kept and place and not place.isupper():  # not "LBTH"
            places.setdefault(v, place)
    return places


def _overview(
    g: nx.MultiDiGraph,
    kept: set[str],
    labels: dict[str, str],
    inadequate: dict[str, int],
    sizes: dict[str, float],
) -> dict[str, dict[str, Any]]:
    """The first view: node -> its place and label there (``x``, ``y``, ``label``), for the councils
    rated inadequate and the people who moved between councils (the report's movers,
    ``stories.council_links``), with the councils they moved between."""
    movers: dict[str, list[str]] = {}
    for x in sorted(kept):
        if g.nodes[x]["kind"] == "person":
            councils = sorted(c for c in council_links(g, x) if c in kept)
            if len(councils) > 1:
                movers[x] = councils
    councils = sorted(
        set(inadequate) | {c for cs in movers.values() for c in cs},
        key=lambda c: (-inadequate.get(c, 0), labels[c], c),
    )
    places = _places(g, kept)
    text: dict[str, str] = {}
    for c in councils:  # "Kirklees" (the tooltip names the council in full)
        n = inadequate.get(c, 0)
        rated = [f"inadequate {TIMES.get(n, f'{n} times')}"] if n else []
        text[c] = "\n".join(textwrap.wrap(places.get(c, labels[c]), WRAP) + rated)
    for m in movers:
        text[m] = "\n".join(textwrap.wrap(labels[m], WRAP))
    boxes = {x: _box(g.nodes[x]["kind"], label, sizes[x]) for x, label in text.items()}
    at = overview(councils, list(movers), [(m, c) for m, cs in movers.items() for c in cs], boxes)
    return {x: {"x": at[x][0], "y": at[x][1], "label": label} for x, label in text.items()}


def _box(kind: str, label: str, size: float) -> Box:
    """How much room a node takes as vis-network draws it (generously measured): a council's box
    holds its label; other shapes hang theirs beneath them."""
    lines = label.split("\n")
    wide = max(len(line) for line in lines) * CHAR
    if KINDS[kind]["shape"] == "box":
        return (wide + 16, len(lines) * LINE + 14, 0.0)
    height = 2 * size + 6 + len(lines) * LINE
    return (max(wide, 2 * size), height, height / 2 - size)


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
                        "review": d.get("review", ""),
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
    the first article reported it, shown as "reported on"; undated ones last), for the page's
    timeline: ``when`` orders them, ``label`` says when."""
    out: dict[str, list[dict[str, str]]] = {}
    for u, v, d in g.edges(data=True):
        if v not in kept or g.nodes[v]["kind"] != "council":
            continue
        council = str(g.nodes[v]["label"])
        if g.nodes[u]["kind"] == "inspection":
            node = g.nodes[u]
            when, label = placed(node.get("year"), node.get("reported"))
            event = f"rated {node.get('rating_label', node.get('rating', ''))}"
            who = ""
        elif d.get("type") in TIMELINE_EDGES:
            when, label = placed(d.get("date"), d.get("reported"))
            event = str(d.get("label", d["type"]))
            who = str(g.nodes[u]["label"])
        else:
            continue
        out.setdefault(council, []).append({"when": when, "label": label, "event": event, "who": who})
    return {c: sorted(ev, key=lambda e: (e["when"], e["event"], e["who"])) for c, ev in sorted(out.items())}


def write_html(g: nx.MultiDiGraph, path: str | os.PathLike[str], title: str = "councilgraph") -> None:
    """Write the interactive page for ``g`` to ``path`` atomically."""
    atomic_write_text(path, render_html(g, title))
