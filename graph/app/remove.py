"""Taking articles out of a store (``councilgraph remove``): a change, published as the ingest
publishes one.

The store's articles go into a :class:`~councilgraph.graph.rdf.units.UnitGraph` (resolved from
nothing, as a build resolves them); each named article is taken away from it (the resolver redoes
only the name blocks and event groups the article reached, and the graph changes by the lines of
the units that changed); the change is published (``graph/app/publish.py``): committed as a patch
of the store's Oxigraph folder after the shapes are checked on the nodes it can reach. A store
whose committed graph is not the live graph's (built with other rules, decisions or reviews) is
committed whole and checked whole, as a build would. The outputs are then written from the
committed graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from councilgraph.graph.app.publish import Publication, publish, shapes_check
from councilgraph.graph.rdf.oxigraph import StoreGraph
from councilgraph.graph.rdf.store import FactStore
from councilgraph.graph.rdf.units import Change, UnitGraph
from councilgraph.graph.rdf.validate import ValidationReport
from councilgraph.graph.resolve.review import Decision

__all__ = ["remove_articles"]

W = TypeVar("W")


def remove_articles(
    store: FactStore,
    hashes: Iterable[str],
    *,
    reviews: Sequence[Decision] | None = None,
    refuse: Callable[[ValidationReport], Exception] | None = None,
    write: Callable[[StoreGraph, Path], W] | None = None,
) -> W | None:
    """Take the articles with these content hashes out of ``store`` and publish the graph without
    them. ``reviews`` are applied as ``build`` applies them; ``refuse`` (None: no check) makes the
    error a graph that breaks the shapes raises; ``write(graph, ntriples)`` writes the outputs from
    the committed graph and its sorted N-Triples file, and what it returns is returned."""
    live = UnitGraph(store.facts(store.manifest.articles), reviews=reviews)
    synced = store.holds(live.lines())
    change = Change([], [])
    for content_hash in sorted(hashes):
        change = change.then(live.remove(content_hash))

    def written() -> W:
        assert write is not None
        folder = store.oxigraph_path()
        assert folder is not None  # (committed)
        graph = StoreGraph(ox.Store.read_only(str(folder)))
        return write(graph, folder.with_name(folder.name + ".nt"))

    return publish(
        Publication(
            live.articles,
            b"" if synced else b"".join(live.lines()),
            store=store,
            change=(change.added, change.removed) if synced else None,
            check=shapes_check(refuse, change.added + change.removed if synced else None) if refuse else None,
            write=written if write is not None else None,
        )
    )
