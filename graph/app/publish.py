"""One way to publish a graph: validate, then commit to the store, then write the outputs.

``build`` (a whole graph), ``remove`` (a whole graph, without the removed articles) and the server's
ingest (a change: lines added and removed) all end in :func:`publish`, so that the order and what
each step may assume are the same for all three: nothing is committed that did not pass the shapes,
and nothing is written that was not committed. Every argument a command takes is checked before it
builds anything (``graph/interfaces/cli/__init__.py``), so a usage error never reaches here.

Where the shapes are checked depends only on what is published. A whole graph is checked as it is,
in its own Oxigraph, before the store is touched. A change is checked on the store's new Oxigraph
folder, which the store makes from the committed one and the change, before its manifest names it
(``FactStore.commit(check=)``): only there do the changed nodes have their neighbourhood. Either
way a refusal leaves the store as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import pyoxigraph as ox

from councilgraph.graph.rdf.oxigraph import NTriples, StoreGraph
from councilgraph.graph.rdf.store import FactStore
from councilgraph.graph.rdf.validate import ValidationReport, focus_of, validate

__all__ = ["Check", "Publication", "publish", "shapes_check"]

Check = Callable[[ox.Store], None]
"""Raises to refuse a graph (the shapes, whole or on a change's nodes); returns to let it through."""

W = TypeVar("W")

Change = tuple[list[bytes], list[bytes]]
"""Sorted N-Triples lines added and removed."""


def shapes_check(
    refuse: Callable[[ValidationReport], Exception], changed: list[bytes] | None = None
) -> Check:
    """The SHACL shapes as a :data:`Check`: on every node of the graph, or, given the ``changed``
    lines of a change, on the nodes it can reach (``validate.focus_of``). ``refuse`` makes the error
    a failing report raises (each caller says it in its own terms)."""

    def check(store: ox.Store) -> None:
        focus = focus_of(store, changed) if changed is not None else None
        report = validate(StoreGraph(store), store=store, focus=focus)
        if not report.conforms:
            raise refuse(report)

    return check


def _timed(timings: dict[str, float], stage: str, started: float) -> None:
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class Publication(Generic[W]):
    """A graph (or a change to the store's graph) to publish, and where.

    ``lines``: the graph's sorted N-Triples (its file, or the bytes); with ``change``, the store
    reads only the change (``lines`` may be ``b""``). ``graph``: the same graph in Oxigraph, when it
    is whole (build, remove): it is checked there and the outputs are written from it.
    ``write``: writes the outputs once the store holds the graph (build: the names of the files
    written; ingest: the number of the change sent to the outputs process). ``undo``: puts the
    caller's own state back when the check refuses the graph or the commit fails (the ingest's
    live graph); the store is as it was by then."""

    articles: dict[str, str]
    lines: NTriples
    store: FactStore | None = None
    graph: StoreGraph | None = None
    change: Change | None = None
    check: Check | None = None
    write: Callable[[], W] | None = None
    undo: Callable[[], object] | None = None
    timings: dict[str, float] = field(default_factory=dict)


def publish(publication: Publication[W]) -> W | None:
    """Validate, commit, write ``publication``; what its ``write`` returned. A refused check or a
    failed commit raises its error with the store and the outputs as they were."""
    p = publication
    try:
        if p.check is not None and p.graph is not None:
            started = time.perf_counter()
            p.check(p.graph.store)
            _timed(p.timings, "validation", started)
        if p.store is not None and (p.change is not None or p.articles != p.store.manifest.articles):
            # (the same articles again change nothing)
            started = time.perf_counter()
            p.store.commit(p.articles, p.lines, change=p.change, check=p.check if p.graph is None else None)
            _timed(p.timings, "store", started)
    except BaseException:
        if p.undo is not None:
            p.undo()
        raise
    return p.write() if p.write is not None else None
