"""What the commands share: the one ``app``, exit codes, and the argument checks every command runs
before it changes anything (``graph/interfaces/cli/__init__.py`` says the rules).

The names start with ``_``: they belong to the command modules of this package, not to callers.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec

import typer
from rdflib import Graph

from councilgraph.graph.core.atomic import TEMP_SUFFIX
from councilgraph.graph.core.collector import GC_THRESHOLDS
from councilgraph.graph.core.errors import CouncilgraphError, UsageError
from councilgraph.ontology.graphfiles import graph_file_format

P = ParamSpec("P")

if TYPE_CHECKING:
    from councilgraph.graph.rdf.store import FactStore, Manifest
    from councilgraph.graph.rdf.validate import ValidationReport
    from councilgraph.graph.resolve import Decisions
    from councilgraph.graph.resolve.review import Decision


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Build a knowledge graph of UK councils' children's services from news articles.",
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3

_PROBE_PREFIX = ".councilgraph-probe."


def _graph_path(path: Path) -> Path:
    """``path`` if it can be a built graph file (exists, not a folder, an RDF suffix)."""
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; give a graph file (graph.ttl, graph.nt or graph.jsonld)")
    if graph_file_format(path) is None:
        raise UsageError(f"{path}: not an RDF graph file; give graph.ttl, graph.nt or graph.jsonld")
    return path


def _load_graph(path: Path) -> Graph:
    """A built graph file, or a one-line error saying why it is not one."""
    found = graph_file_format(_graph_path(path))
    assert found is not None  # _graph_path refused every other suffix
    fmt = found.rdflib
    try:
        return Graph().parse(str(path), format=fmt)
    except Exception as exc:  # rdflib's parsers raise many kinds; all mean "not a readable graph"
        first = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise CouncilgraphError(f"{path}: cannot be read as {fmt}: {first}") from None


def _version(value: bool) -> None:
    if value:
        from councilgraph.graph import __version__

        typer.echo(f"councilgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Build a knowledge graph of councils' children's services from news articles."""


def _fewer_collections(command: Callable[P, None]) -> Callable[P, None]:
    """Run ``command`` with :data:`GC_THRESHOLDS`, and restore the caller's thresholds after."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        before = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLDS)
        try:
            command(*args, **kwargs)
        finally:
            gc.set_threshold(*before)

    return run


def _chosen_formats(formats: str, known: Iterable[str]) -> list[str]:
    """The comma-separated ``--format`` names, each one of ``known`` (else a usage error)."""
    names = list(known)
    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in names]
    if unknown or not wanted:
        raise UsageError(
            f"unknown format(s) {', '.join(unknown) or '(none given)'}; choose from {', '.join(names)}"
        )
    return wanted


def _not_conforming(verdict: ValidationReport) -> CouncilgraphError:
    """A build's or a removal's graph fails the shapes: every violation on stderr, then one line."""
    typer.echo(verdict.text, err=True)
    return CouncilgraphError("the graph does not conform to the SHACL shapes; nothing written")


def _open_store(path: Path | None) -> FactStore | None:
    from councilgraph.graph.rdf.store import FactStore

    return FactStore(path) if path is not None else None


def _load_decisions(path: Path | None) -> Decisions | None:
    """The decisions file's decisions (a file that cannot be read or is malformed: bad usage)."""
    from councilgraph.graph.resolve import load_decisions

    try:
        return load_decisions(path) if path is not None else None
    except CouncilgraphError as exc:
        raise UsageError(str(exc)) from None


def _load_reviews(given: Path | None, *folders: Path | None) -> tuple[Path | None, list[Decision] | None]:
    """The review file (``given``, else ``reviews.jsonl`` in the first of ``folders`` that has
    one) and its decisions; none when there is no file. A file that cannot be read or holds a bad
    line is bad usage."""
    from councilgraph.graph.resolve.review import ReviewError, read_reviews, review_file_beside

    path = given if given is not None else review_file_beside(*folders)
    if path is None:
        return None, None
    if not path.is_file():
        raise UsageError(f"--reviews {path}: no such file")
    try:
        return path, read_reviews(path)
    except ReviewError as exc:
        raise UsageError(str(exc)) from None


def _check_model(model: str | None) -> None:
    """Refuse a ``--model`` that names no installed spaCy package and no model folder (without
    loading it: a build loads the model only when it has something new to parse)."""
    import importlib.util

    if model is None or model.startswith("blank:") or Path(model).is_dir():
        return
    try:
        found = importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise UsageError(f"--model {model}: no installed spaCy model package or model folder of that name")


def _check_store(path: Path, *, new: bool) -> Manifest:
    """Refuse a ``--store`` that is not a councilgraph store (with ``new``, an empty or missing
    folder may become one), changing nothing; the store's committed state."""
    from councilgraph.graph.rdf.store import MANIFEST, is_store, read_manifest

    if path.exists() and not path.is_dir():
        raise UsageError(f"--store {path}: is a file, not a folder")
    if not is_store(path):
        if not new:
            raise UsageError(f"--store {path}: not a councilgraph store (build --store {path} first)")
        if path.is_dir() and any(path.iterdir()):
            raise UsageError(
                f"--store {path}: not a councilgraph store (no {MANIFEST}); give an empty or new folder"
            )
    _check_output_folder(path, "--store")
    return read_manifest(path)


def _check_output_folder(out: Path, option: str = "--out") -> None:
    """Refuse a folder that is a file or cannot be made or written, changing nothing: the folder is
    not created (the command makes it when every argument has been checked); a probe file is made
    and removed in it, or in the nearest folder above it that exists.

    The probe file has this process's name and is removed in a ``finally`` that also covers its
    creation: a Ctrl-C at any moment leaves nothing behind (a random name could not be removed
    when the interrupt came between creating the file and learning its name)."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{option} {out}: is a file, not a folder")
    if out.is_symlink() and not out.exists():
        raise UsageError(f"{option} {out}: a broken link")
    base = next(p for p in (out, *out.absolute().parents) if p.exists())
    if not base.is_dir():
        raise UsageError(f"{option} {out}: {base} is a file, not a folder")
    try:
        probe = base / f"{_PROBE_PREFIX}{os.getpid()}{TEMP_SUFFIX}"
        try:
            os.close(os.open(probe, os.O_CREAT | os.O_WRONLY, 0o600))
        finally:
            probe.unlink(missing_ok=True)
    except OSError as exc:
        raise UsageError(f"{option} {out}: cannot write there ({exc.strerror or exc})") from None


def _check_file_target(path: Path, option: str) -> None:
    """Refuse a file to write that is a folder or whose folder cannot be written, changing nothing."""
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a folder; give a file name")
    _check_output_folder(path.parent, f"{option} {path}: its folder")


def _check_listen(host: str, port: int) -> None:
    """Refuse an address the server could not listen on (a port in use, a host that is not this
    machine's), before anything is loaded or written; port 0 (any free port) always can."""
    import socket

    if port == 0:
        return
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress listens
            probe.bind(address)
    except OSError as exc:
        raise UsageError(
            f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc})"
        ) from None
