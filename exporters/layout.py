"""Where the page draws each node: one cluster per council, laid out by NetworkX, packed in rows.

A spring layout of the whole graph costs the square of its size (20 s for 2,300 nodes) and draws
a hairball: the inspectorate touches every inspection, and officials who move between councils
join everything into one component. A journalist reads the graph council by council, so that is
how it is laid out:

1. *hubs* (organisations linked to more than :data:`HUB_DEGREE` nodes, such as Ofsted) are left
   out of the clusters and drawn in a row above them: their edges would cross the whole picture,
   so the page draws them only when a filter has narrowed it (and moves the hub beside what is left);
2. every other node joins the council nearest to it (breadth-first from all councils at once,
   ties to the council first in IRI order); nodes no council reaches form clusters of their own,
   one per connected group;
3. each cluster gets a seeded spring layout of its own, scaled so that a typical edge is about
   170 pixels, whose nodes are then pushed apart until no two nodes' boxes (labels included)
   overlap, and clusters are packed in rows, largest first, clusters that share nodes' edges
   next to each other.

The work grows with the sum of the clusters' squares, not the whole graph's; the same graph gives
the same picture, whatever the hash seed.

:func:`overview` places the page's first view: councils rated inadequate, ranked, and the people who
moved between councils beneath the councils they link, every node in a box of its own so that no
label is drawn over another.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import numpy as np

__all__ = ["HUB_DEGREE", "Placement", "layout", "overview"]

HUB_DEGREE = 6
"""An organisation linked to more nodes than this is a hub: drawn apart from any one council."""
EDGE = 170.0
"""Pixels of a typical edge."""
GAP = 28.0
"""Pixels between two nodes' boxes in the overview."""
ASPECT = 1.3
"""Width over height of the overview: the page's canvas beside its side panel."""

Box = tuple[float, float, float]
"""A node as drawn, its label included: width and height in pixels, and how far below the node's
position the middle of that box is (a dot's label hangs beneath it)."""


@dataclass(frozen=True)
class Placement:
    """Where the nodes are drawn, and which of them the page treats apart."""

    positions: dict[str, tuple[int, int]]
    """x, y in pixels of every node."""
    hubs: list[str]
    """Organisations linked to more than :data:`HUB_DEGREE` nodes."""
    unlinked: list[str]
    """Nodes linked to no other node (the page folds them away)."""


def layout(g: nx.MultiDiGraph, keep: list[str], boxes: dict[str, Box]) -> Placement:
    """Where to draw the nodes ``keep`` of ``g``, each taking ``boxes[node]``."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(keep))
    kept = set(keep)
    simple.add_edges_from(sorted((u, v) for u, v in g.edges() if u in kept and v in kept and u != v))
    hub_nodes = sorted(
        x for x in simple if g.nodes[x].get("kind") == "organisation" and simple.degree(x) > HUB_DEGREE
    )
    clusters = _clusters(g, simple, set(hub_nodes))
    placed: dict[str, tuple[int, int]] = {}
    row_width = EDGE * max(4, math.ceil(math.sqrt(len(keep)) * 1.5))
    x = y = row_height = 0.0
    for members in _ordered(simple, clusters):
        pos = _spring(simple, members, boxes)
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        width, height = max(xs) - min(xs) + 220, max(ys) - min(ys) + 160
        if x and x + width > row_width:
            x, y, row_height = 0, y + row_height, 0
        for node, (px, py) in pos.items():
            placed[node] = (round(px - min(xs) + x), round(py - min(ys) + y))
        x += width
        row_height = max(row_height, height)
    for i, hub in enumerate(hub_nodes):  # a row above the clusters, where no edge need be drawn
        placed[hub] = (round(i * EDGE * 1.5), round(-EDGE))
    return Placement(placed, hub_nodes, [x for x in simple if not simple.degree(x)])


def overview(
    councils: list[str], movers: list[str], links: list[tuple[str, str]], boxes: dict[str, Box]
) -> dict[str, tuple[int, int]]:
    """Positions of the overview's nodes: ``councils`` in the order given (the most often rated
    inadequate first), ``movers`` each linked by ``links`` (mover, council) to the councils they
    held posts at, every node taking ``boxes[node]`` (its drawn size) with :data:`GAP` around it.

    Councils that movers join are drawn side by side in a row with the movers beneath them, at the
    middle of their councils (pushed right so that no two overlap); then every other council in
    ranked order. The blocks are packed in rows about :data:`ASPECT` times as wide as the whole is
    high, so that the page fits it to its canvas at about the size it is drawn."""
    rank = {c: i for i, c in enumerate(councils)}
    joined = nx.Graph()
    joined.add_nodes_from(councils)
    joined.add_nodes_from(movers)
    joined.add_edges_from(sorted(links))
    groups = []
    for component in nx.connected_components(joined):
        members = sorted((c for c in component if c in rank), key=rank.__getitem__)
        people = sorted(m for m in component if m not in rank)
        if members:
            groups.append((members, people))
    groups.sort(key=lambda group: (not group[1], rank[group[0][0]]))
    blocks = [_block(joined, members, people, boxes, rank) for members, people in groups]
    area = sum((w + GAP) * (h + GAP) for w, h, _pos in blocks)
    row_width = max([math.sqrt(area * ASPECT)] + [w for w, _h, _pos in blocks])
    placed: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for width, height, pos in blocks:
        if x and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        for node, (px, py) in pos.items():
            placed[node] = (round(x + px), round(y + py - boxes[node][2]))
        x += width + GAP
        row_height = max(row_height, height)
    return placed


def _block(
    joined: nx.Graph, members: list[str], people: list[str], boxes: dict[str, Box], rank: dict[str, int]
) -> tuple[float, float, dict[str, tuple[float, float]]]:
    """One group of the overview: its width, height and positions (node centres) inside it."""
    order: list[str] = []
    for start in members:  # councils in the order movers lead from one to the next
        if start in order:
            continue
        queue = deque([start])
        order.append(start)
        while queue:
            node = queue.popleft()
            nxt = sorted(joined.neighbors(node), key=lambda n: (n not in rank, rank.get(n, 0), n))
            for n in nxt:
                if n in rank and n not in order:
                    order.append(n)
                    queue.append(n)
                elif n not in rank:
                    for c in sorted(joined.neighbors(n), key=rank.__getitem__):
                        if c not in order:
                            order.append(c)
                            queue.append(c)
    top = max(boxes[c][1] for c in order)
    pos: dict[str, tuple[float, float]] = {}
    x = 0.0
    for c in order:
        pos[c] = (x + boxes[c][0] / 2, top / 2)
        x += boxes[c][0] + GAP
    width = x - GAP
    if not people:
        return width, top, pos
    below = max(boxes[m][1] for m in people)
    row = top + EDGE / 2 + below / 2
    wanted = sorted((sum(pos[c][0] for c in joined.neighbors(m)) / joined.degree(m), m) for m in people)
    right = -math.inf
    for target, m in wanted:
        half = boxes[m][0] / 2
        cx = max(target, right + GAP + half, half)
        pos[m] = (cx, row)
        right = cx + half
    return max(width, right), row + below / 2, pos


def _clusters(g: nx.MultiDiGraph, simple: nx.Graph, hubs: set[str]) -> dict[str, list[str]]:
    """Cluster name (a council, or the first node of a group no council reaches) -> sorted members."""
    home: dict[str, str] = {}
    queue: deque[str] = deque()
    for node in simple:  # sorted: ties go to the council first in order
        if g.nodes[node].get("kind") == "council":
            home[node] = node
            queue.append(node)
    while queue:
        node = queue.popleft()
        for nxt in sorted(simple.neighbors(node)):
            if nxt not in home and nxt not in hubs:
                home[nxt] = home[node]
                queue.append(nxt)
    rest = nx.Graph()
    rest.add_nodes_from(n for n in simple if n not in home and n not in hubs)
    rest.add_edges_from((u, v) for u, v in simple.edges() if u in rest and v in rest)
    for group in nx.connected_components(rest):
        name = min(group)
        for member in group:
            home[member] = name
    clusters: dict[str, list[str]] = {}
    for node in sorted(home):
        clusters.setdefault(home[node], []).append(node)
    return clusters


def _ordered(simple: nx.Graph, clusters: dict[str, list[str]]) -> list[list[str]]:
    """Clusters largest first, each followed by the clusters its edges reach (breadth-first), so
    that councils sharing officials are drawn side by side."""
    home = {m: name for name, members in clusters.items() for m in members}
    links: dict[str, set[str]] = {name: set() for name in clusters}
    for u, v in simple.edges():
        if u in home and v in home and home[u] != home[v]:
            links[home[u]].add(home[v])
            links[home[v]].add(home[u])
    # largest first; of single nodes, those linked to something (a hub) before those linked to nothing
    by_size = sorted(clusters, key=lambda c: (-len(clusters[c]), not simple.degree(clusters[c][0]), c))
    seen: set[str] = set()
    order: list[list[str]] = []
    for start in by_size:
        if start in seen:
            continue
        seen.add(start)
        queue = deque([start])
        while queue:
            name = queue.popleft()
            order.append(clusters[name])
            for nxt in sorted(links[name] - seen, key=lambda c: (-len(clusters[c]), c)):
                seen.add(nxt)
                queue.append(nxt)
    return order


def _spring(simple: nx.Graph, members: list[str], boxes: dict[str, Box]) -> dict[str, tuple[float, float]]:
    """A seeded spring layout of one cluster, scaled to :data:`EDGE` pixels per typical edge, no
    two boxes overlapping."""
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    inside = set(members)
    edges = tuple(sorted((u, v) for u, v in simple.edges(members) if u in inside and v in inside))
    return dict(_spring_of(tuple(members), edges, tuple(boxes[m] for m in members)))


@lru_cache(maxsize=4096)
def _spring_of(
    members: tuple[str, ...], edges: tuple[tuple[str, str], ...], boxes: tuple[Box, ...]
) -> tuple[tuple[str, tuple[float, float]], ...]:
    """The layout of a cluster given by its members and edges, remembered: a page written again
    after one more article (``serve --ingest --out``) lays out again only the clusters it changed
    (at 10,000 articles, 0.44 s of the page's 1.3 s was laying out clusters)."""
    sub = nx.Graph()  # not simple.subgraph(): a view iterates its node set in hash order
    sub.add_nodes_from(members)
    sub.add_edges_from(edges)
    pos = nx.spring_layout(sub, seed=7, iterations=60, k=1.0 / math.sqrt(len(members)))
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in sub.edges())
    factor = EDGE / max(lengths[len(lengths) // 2], 1e-6) if lengths else EDGE
    xy = _apart(np.array([pos[m] for m in members], dtype=float) * factor, np.array(boxes, dtype=float))
    return tuple((node, (float(p[0]), float(p[1]))) for node, p in zip(members, xy, strict=True))


def _apart(xy: np.ndarray, boxes: np.ndarray, rounds: int = 200) -> np.ndarray:
    """``xy`` moved until no two boxes (``boxes`` rows: width, height, drop) come closer than
    :data:`GAP` / 2: each overlapping pair is pushed apart along the axis it overlaps least on,
    half the overlap each (ties in place go by order, so the result depends on nothing else)."""
    n = len(xy)
    half_w = (boxes[:, 0] + GAP / 2) / 2
    half_h = (boxes[:, 1] + GAP / 2) / 2
    order = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :])
    for _ in range(rounds):
        cx, cy = xy[:, 0], xy[:, 1] + boxes[:, 2]
        dx, dy = cx[:, None] - cx[None, :], cy[:, None] - cy[None, :]
        over_x = half_w[:, None] + half_w[None, :] - np.abs(dx)
        over_y = half_h[:, None] + half_h[None, :] - np.abs(dy)
        clash = (over_x > 0.5) & (over_y > 0.5)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        sideways = clash & (over_x <= over_y)
        upwards = clash & ~sideways
        sx = np.where(dx != 0, np.sign(dx), order)
        sy = np.where(dy != 0, np.sign(dy), order)
        xy[:, 0] += np.where(sideways, over_x * sx, 0.0).sum(axis=1) / 2
        xy[:, 1] += np.where(upwards, over_y * sy, 0.0).sum(axis=1) / 2
    return xy
