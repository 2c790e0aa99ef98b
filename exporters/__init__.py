"""Every output, in one registry, and the one function that writes them.

An :class:`Output` names what it writes (``source``): the RDF graph, its sorted N-Triples (made
once for Turtle, N-Triples, validation and the store), its NetworkX projection, or the analysis of
that projection. :func:`write_outputs` computes each
source once, only if some chosen output needs it, and calls the writers; the CLI and the tests
call it the same way. Every writer writes atomically: a failed run leaves the last good file.

Adding a format is one entry in :data:`OUTPUTS` and its writer module (``docs/ARCHITECTURE.md``).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from councilgraph.exporters.chart import write_chart
from councilgraph.exporters.graphml import GraphMLWriter, write_graphml
from councilgraph.exporters.html import write_html
from councilgraph.exporters.jsonld import JsonLdPieces, write_jsonld
from councilgraph.exporters.kept import Pieces
from councilgraph.exporters.merges import MergePieces, write_merge_log
from councilgraph.exporters.ntriples import NTriplesPieces, write_ntriples
from councilgraph.exporters.report import write_report
from councilgraph.exporters.turtle import TurtlePieces, write_turtle
from councilgraph.graph.network.analyse import analyse, ratings_over_time, to_networkx
from councilgraph.graph.rdf.oxigraph import NTriples, ReadableGraph, ntriples_of

__all__ = [
    "DEFAULT_FORMATS",
    "chosen_outputs",
    "mark_output_folder",
    "FORMATS",
    "OUTPUTS",
    "OUTPUT_MARKER",
    "Output",
    "output_files",
    "write_graphml",
    "write_html",
    "write_jsonld",
    "write_merge_log",
    "write_ntriples",
    "write_beside",
    "write_outputs",
    "write_report",
    "write_chart",
    "write_turtle",
]

OUTPUT_MARKER = ".councilgraph-output"
"""A file every build writes into its output folder, so that no build reads that folder as articles."""

Source = Literal["rdf", "ntriples", "network", "analysis"]


@dataclass(frozen=True)
class Output:
    """One output: its ``--format`` name, the files it writes, what it is written from, its writer.

    ``writer(value, path)`` gets the source value and the path of the first file (writers of
    several files write them beside it). ``always`` outputs are written whatever the formats.

    What the outputs of a graph that changes (``exporters/parts.py``, ``serve --ingest --out``)
    keep between writes, each optional: ``pieces`` makes the output's :class:`~councilgraph.exporters.kept.Pieces`
    (a piece per subject, remade when a change reaches it); ``keeper`` makes a writer that
    remembers what it made (GraphML's elements); ``shows`` is what the file shows of the
    projection (the chart: the ratings), and a file that would show the same is not written again.
    """

    name: str
    files: tuple[str, ...]
    source: Source
    writer: Callable[[Any, Path], None]
    always: bool = False
    pieces: Callable[[], Pieces] | None = None
    keeper: Callable[[], Callable[[Any, Path], None]] | None = None
    shows: Callable[[Any], Any] | None = None


def _report(analysis: dict[str, Any], path: Path) -> None:
    write_report(analysis, path.parent)


def _graphml_keeper() -> Callable[[Any, Path], None]:
    return GraphMLWriter().write


OUTPUTS: tuple[Output, ...] = (
    Output("ttl", ("graph.ttl",), "ntriples", write_turtle, pieces=TurtlePieces),
    Output("jsonld", ("graph.jsonld",), "ntriples", write_jsonld, pieces=JsonLdPieces),
    Output("nt", ("graph.nt",), "ntriples", write_ntriples, pieces=NTriplesPieces),
    Output("graphml", ("graph.graphml",), "network", write_graphml, keeper=_graphml_keeper),
    Output("html", ("graph.html",), "network", write_html),
    Output("report", ("report.md", "report.json"), "analysis", _report),
    Output("chart", ("ratings.svg",), "analysis", write_chart, shows=ratings_over_time),
    Output("merges", ("merges.tsv",), "rdf", write_merge_log, always=True, pieces=MergePieces),
)

FORMATS = {o.name: o.files[0] for o in OUTPUTS if not o.always}
"""Every name ``build --format`` accepts, with its (first) file name."""

DEFAULT_FORMATS = ("ttl", "jsonld", "graphml", "html", "report", "chart")


def output_files() -> list[str]:
    """Every file name any output writes (to recognise a folder that holds a build's output)."""
    return [name for o in OUTPUTS for name in o.files]


def chosen_outputs(formats: Iterable[str]) -> list[Output]:
    """The outputs of ``formats`` (``--format`` names, in that order) and those always written.
    Raises ``KeyError`` for a name that is not in :data:`OUTPUTS`."""
    wanted = list(dict.fromkeys(formats))
    by_name = {o.name: o for o in OUTPUTS}
    unknown = [f for f in wanted if f not in by_name]
    if unknown:
        raise KeyError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    return [by_name[f] for f in wanted] + [o for o in OUTPUTS if o.always and o.name not in wanted]


def mark_output_folder(folder: Path) -> None:
    """Make ``folder`` and mark it as output, which builds do not read as articles."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / OUTPUT_MARKER
    if not marker.exists():
        marker.write_text("This folder holds councilgraph output; builds do not read it as articles.\n")


def write_outputs(
    graph: ReadableGraph,
    out: str | os.PathLike[str],
    formats: Iterable[str],
    timings: dict[str, float] | None = None,
    workers: int = 1,
    ntriples: NTriples | None = None,
) -> list[str]:
    """Write the chosen outputs (and those always written) into ``out``; return the file names.

    ``timings``, when given, receives the seconds each output and each source took (benchmarks/).
    With ``workers`` > 1 (and ``fork``), the outputs written from the RDF graph (Turtle, JSON-LD,
    N-Triples, merges), and those of the projection when the analysis is wanted too, are written by a
    forked process while this one computes the analysis and writes the rest; a failure in either is
    raised here. Raises ``KeyError`` for a format that is
    not in :data:`OUTPUTS`. ``ntriples``: the graph's sorted N-Triples (or the file of them) when
    the caller has made them already (the build writes them once, to a file).
    """
    chosen = chosen_outputs(formats)
    folder = Path(out)
    mark_output_folder(folder)
    cache: dict[str, Any] = {"rdf": graph}
    if ntriples is not None:
        cache["ntriples"] = ntriples

    clock = timings if timings is not None else {}

    def source(name: Source) -> Any:
        if name not in cache:
            projection = source("network") if name == "analysis" else None  # timed on its own
            compute: dict[str, Callable[[], Any]] = {
                "ntriples": lambda: ntriples_of(graph),
                "network": lambda: to_networkx(graph),
                "analysis": lambda: analyse(graph, projection=projection),
            }
            started = time.perf_counter()
            cache[name] = compute[name]()
            clock[f"{name} (computed)"] = time.perf_counter() - started
        return cache[name]

    def write(outputs: list[Output], spent: dict[str, float]) -> None:
        for output in outputs:
            value = source(output.source)
            started = time.perf_counter()
            output.writer(value, folder / output.files[0])
            spent[f"write {output.name}"] = time.perf_counter() - started

    beside = [o for o in chosen if o.source in ("rdf", "ntriples")]
    if any(o.source == "analysis" for o in chosen):
        # the analysis (and the projection under it) keeps this process busy: the forked one makes
        # a projection of its own for the page and GraphML (at 2,000 articles: 2.9 s and 3.0 s a
        # side, where this one took 4.0 s and the other 0.9 s)
        beside += [o for o in chosen if o.source == "network"]
    if workers > 1 and beside and len(beside) < len(chosen) and "fork" in mp.get_all_start_methods():
        write_beside(write, [o for o in chosen if o not in beside], beside, clock)
    else:
        write(chosen, clock)
    return [name for output in chosen for name in output.files]


def write_beside(
    write: Callable[[list[Output], dict[str, float]], None],
    here: list[Output],
    beside: list[Output],
    clock: dict[str, float],
) -> None:
    """``write(here)`` in this process while a forked one does ``write(beside)`` (``fork`` only:
    the child works on this process's sources as they are); the child's timings are added to
    ``clock``, and its failure is raised here as ``OSError``."""
    context = mp.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_write_beside, args=(write, beside, send), daemon=True)
    child.start()
    send.close()
    try:
        write(here, clock)
    finally:
        try:
            result = receive.recv()
        except EOFError:  # the process died without a word (killed)
            result = ("error", f"the writing process ended with code {child.exitcode}")
        child.join()
    if result[0] == "error":
        raise OSError(f"writing {', '.join(o.files[0] for o in beside)} failed: {result[1]}")
    clock.update(result[1])


def _write_beside(write: Callable[..., None], outputs: list[Output], send: Any) -> None:
    """In the forked process: write ``outputs``, send back their timings or the error."""
    spent: dict[str, float] = {}
    try:
        write(outputs, spent)
        send.send(("ok", spent))
    except BaseException as exc:  # reported by the parent, whatever it was
        send.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()
