"""The output files of a graph that changes an article at a time (``serve --store --ingest --out``).

:func:`~councilgraph.exporters.write_outputs` makes every file from the whole graph: at 10,000
articles 10 s, most of it the projection (2.2 s), JSON-LD (1.9 s), GraphML and the page. An
article changes a few hundred triples of 400,000, so :class:`LiveOutputs` keeps what the files
are made of, by part, and remakes only the parts a change reaches:

- Turtle, JSON-LD and N-Triples are each a head and one piece per subject, in subject order
  (``graph.oxigraph.turtle_block``, ``exporters.jsonld.jsonld_node``): the pieces of the
  changed triples' subjects are made again from the graph and the document is joined;
- the projection keeps its parts (``graph.projection.Projection.update``), the analysis, GraphML,
  the page and the report are made from it as ``build`` makes them.

The files are the bytes ``build`` would write for the same graph (the tests compare them).
:func:`run` is the process ``graph/app/ingest.py`` starts to keep them: the server sends each commit's
change and goes on answering while the files are written.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import shutil
import time
import traceback
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from councilgraph.exporters import Output, chosen_outputs, mark_output_folder, write_beside
from councilgraph.exporters.kept import Pieces
from councilgraph.exporters.ntriples import NTriplesPieces
from councilgraph.graph.core.atomic import work_folder
from councilgraph.graph.core.clock import Laps
from councilgraph.graph.core.collector import GC_THRESHOLDS
from councilgraph.graph.network.analyse import analyse
from councilgraph.graph.network.projection import Projection
from councilgraph.graph.rdf.oxigraph import (
    StoreGraph,
    open_ntriples,
    parse_ntriples,
    serialized,
    to_rdflib,
)

__all__ = ["LiveOutputs", "run"]


class LiveOutputs:
    """The outputs ``formats`` of the graph in the sorted N-Triples file ``ntriples``, kept in
    ``work`` (Oxigraph's folder when the graph is too large for memory), written into ``out``.

    Each output is written as its entry in ``OUTPUTS`` says (``exporters/__init__.py``): from its
    :class:`~councilgraph.exporters.kept.Pieces` when it has them, by its keeper when it has one,
    else by its writer from its source; nothing here names a format."""

    def __init__(self, ntriples: Path, out: Path, formats: Sequence[str], work: Path) -> None:
        self.out = out
        self.outputs = chosen_outputs(formats)
        self._pieces: dict[str, Pieces] = {o.name: o.pieces() for o in self.outputs if o.pieces is not None}
        self._keepers = {o.name: o.keeper() for o in self.outputs if o.keeper is not None}
        self._shown: dict[str, Any] = {}  # output -> what its file shows (Output.shows)
        self._lines: NTriplesPieces | None = None  # the sorted lines, for outputs written from them whole
        if any(o.source == "ntriples" and o.pieces is None for o in self.outputs):
            kept = [p for p in self._pieces.values() if isinstance(p, NTriplesPieces)]
            self._lines = kept[0] if kept else NTriplesPieces()
        self._kept = list(self._pieces.values())
        if self._lines is not None and self._lines not in self._kept:
            self._kept.append(self._lines)
        self.store = open_ntriples(ntriples, work / "oxigraph")
        self.graph = StoreGraph(self.store)
        for subject, group in groupby(parse_ntriples(ntriples), key=lambda t: t.subject):
            self._piece(subject, list(group))
        wants_network = any(o.source in ("network", "analysis") for o in self.outputs)
        self.projection = Projection(self.graph) if wants_network else None

    def _piece(self, subject: Any, triples: list[ox.Triple]) -> None:
        """Make the subject's pieces from its triples (sorted as N-Triples lines), or drop them."""
        for pieces in self._kept:
            pieces.piece(subject, triples)

    def change(self, added: bytes, removed: bytes) -> dict[str, float]:
        """Apply a change (sorted N-Triples lines added and removed) and remake what it reaches;
        return the seconds each step took."""
        clock = Laps()
        gone, new = list(parse_ntriples(removed)), list(parse_ntriples(added))
        for triple in gone:
            self.store.remove(ox.Quad(triple.subject, triple.predicate, triple.object))
        for triple in new:
            self.store.add(ox.Quad(triple.subject, triple.predicate, triple.object))
        clock.lap("patch")
        for subject in {t.subject for t in gone + new}:
            quads = self.store.quads_for_pattern(subject, None, None, ox.DefaultGraph())
            lines = serialized(
                (ox.Triple(q.subject, q.predicate, q.object) for q in quads), ox.RdfFormat.N_TRIPLES
            )
            self._piece(subject, list(parse_ntriples(b"".join(sorted(lines.splitlines(keepends=True))))))
        clock.lap("pieces")
        if self.projection is not None:
            self.projection.update(to_rdflib(t) for t in gone + new)
        clock.lap("projection")
        return clock.laps

    def write(self) -> dict[str, float]:
        """Write every output; return the seconds each took (and the sources made for them).

        Where ``fork`` is, a forked process makes the analysis and writes the outputs made from
        it, while this one writes the rest (the keepers remember what they made here: a forked
        process would forget it)."""
        mark_output_folder(self.out)
        clock = Laps()
        made: dict[str, Any] = {"rdf": self.graph}
        if self._lines is not None:
            made["ntriples"] = self._lines.joined()
        if self.projection is not None:
            made["network"] = self.projection.graph()
            clock.lap("network")

        def write(outputs: list[Output], spent: dict[str, float]) -> None:
            for output in outputs:
                path = self.out / output.files[0]
                if output.name in self._pieces:
                    self._pieces[output.name].write(path)
                elif output.name in self._keepers:
                    self._keepers[output.name](made[output.source], path)
                else:
                    if output.source not in made:  # the analysis (the projection is made above)
                        made["analysis"] = analyse(self.graph, projection=made["network"])
                        clock.lap("analysis")
                    output.writer(made[output.source], path)
                clock.lap(f"write {output.name}")
            spent.update(clock.laps)  # (this process's laps up to now, the projection's among them)

        outputs, shown = [], {}
        for output in self.outputs:
            if output.shows is not None and "network" in made:
                shown[output.name] = output.shows(made["network"])
                if (
                    shown[output.name] == self._shown.get(output.name)
                    and (self.out / output.files[0]).exists()
                ):
                    continue  # the file shows this already
            outputs.append(output)
        beside = [o for o in outputs if o.source == "analysis"]
        here = [o for o in outputs if o not in beside]
        laps: dict[str, float] = {}
        if beside and here and "fork" in mp.get_all_start_methods():
            write_beside(write, here, beside, laps)
        else:
            write(outputs, laps)
        self._shown.update(
            {name: value for name, value in shown.items() if any(o.name == name for o in outputs)}
        )
        return laps


def run(connection: Any, out: Path, formats: Sequence[str]) -> None:
    """The outputs process: take messages from ``connection`` until ``("stop",)`` or its end.

    ``("load", N, PATH)`` reads the graph from the sorted N-Triples at ``PATH`` (a link the server
    made for this process, removed once read); ``("change", N, ADDED, REMOVED)`` applies a
    commit's lines. After the messages waiting are applied, the files are written once, and
    ``("written", N, FILES, SECONDS, STEPS)`` or ``("failed", N, LINE)`` sent back, N the last
    message's number. A failure drops the graph, and changes are passed over until the next
    ``load``, which the server sends with the next commit after a failure. A change applied twice
    leaves the graph as once (its lines are set differences)."""
    gc.set_threshold(*GC_THRESHOLDS)  # the parts are hundreds of thousands of objects that live on
    work = work_folder(out)
    live: LiveOutputs | None = None
    try:
        while True:
            try:
                message = connection.recv()
            except EOFError:
                return
            started = time.perf_counter()
            steps: dict[str, float] = {}
            number = 0
            try:
                while True:
                    if message[0] == "stop":
                        return
                    number = message[1]
                    live = _apply(live, message, out, formats, work, steps)
                    if not connection.poll():
                        break
                    message = connection.recv()
                if live is None:
                    connection.send(("failed", number, "no graph to change: waiting for the next load"))
                    continue
                steps.update({step: round(seconds, 3) for step, seconds in live.write().items()})
                files = [name for o in live.outputs for name in o.files]
                connection.send(("written", number, files, round(time.perf_counter() - started, 3), steps))
            except Exception as exc:  # reported to the server, which sends a load with the next commit
                live = None
                last = traceback.format_exception_only(exc)[-1].strip()
                connection.send(("failed", number, last))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _apply(
    live: LiveOutputs | None,
    message: tuple[Any, ...],
    out: Path,
    formats: Sequence[str],
    work: Path,
    steps: dict[str, float],
) -> LiveOutputs | None:
    if message[0] == "load":
        path = Path(message[2])
        started = time.perf_counter()
        for old in work.iterdir():  # the last graph's Oxigraph folder, if it was on disk
            shutil.rmtree(old, ignore_errors=True)
        folder = work / f"load-{message[1]}"
        folder.mkdir()
        live = LiveOutputs(path, out, formats, folder)
        path.unlink(missing_ok=True)
        gc.collect()
        gc.freeze()  # the loaded parts: no collection rescans them
        steps["load"] = round(time.perf_counter() - started, 3)
        return live
    if live is None:  # no graph to change (the last writing failed): the server sends a load
        return None
    for step, seconds in live.change(message[2], message[3]).items():
        steps[step] = round(steps.get(step, 0.0) + seconds, 3)
    return live
