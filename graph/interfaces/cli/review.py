"""The ``councilgraph review`` command: the review page over a built graph or a store.

Registered on the one ``app`` of ``graph/interfaces/cli/common.py`` (whose :func:`main` reports errors in one line).
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Annotated

import typer

from councilgraph.graph.core.errors import UsageError
from councilgraph.graph.interfaces.cli.common import (
    _check_listen,
    _check_store,
    _graph_path,
    _load_reviews,
    app,
)

__all__ = ["review"]

HOST = "127.0.0.1"
"""The review page listens on loopback only: it writes to the review file."""


@app.command()
def review(
    graph: Annotated[Path | None, typer.Argument(help="A built graph (.ttl, .nt or .jsonld).")] = None,
    store: Annotated[Path | None, typer.Option(help="Review the graph of a store folder instead.")] = None,
    reviews: Annotated[
        Path | None,
        typer.Option(
            help="The review file to add to (default: reviews.jsonl in the store, or beside GRAPH)."
        ),
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option(help="Your name, recorded with each decision (default: your login name).")
    ] = None,
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (0: any free port).")] = 7879,
) -> None:
    """Open a page, on this machine only, that lists every fact with its quotes: mark each
    confirmed, wrong or unsure, correct its council, role or year, add a note. Each decision is a
    line of the review file, which the next build (or build --store) applies.

    Example: councilgraph review kg/graph.ttl   (then open http://127.0.0.1:7879/; rebuild to apply)
    """
    from councilgraph.graph.interfaces.review_page import ReviewPage, fact_rows, serve_review
    from councilgraph.graph.resolve.review import REVIEWS_FILE

    # every argument is checked before the page is served
    if (graph is None) == (store is None):
        raise UsageError("give a graph file or --store DIR (one of them)")
    if graph is not None:
        _graph_path(graph)
        beside = graph.parent
    else:
        assert store is not None
        _check_store(store, new=False)
        beside = store
    target = reviews or beside / REVIEWS_FILE
    if target.exists():
        _load_reviews(target)  # a file that is there must read (bad lines: bad usage)
    elif not target.parent.is_dir():
        raise UsageError(f"--reviews {target}: no such folder {target.parent}")
    elif not os.access(target.parent, os.W_OK):
        raise UsageError(f"--reviews {target}: cannot write in {target.parent}")
    name = (reviewer or _login()).strip()
    _check_listen(HOST, port)
    rows = fact_rows(graph, store)
    typer.echo(f"{len({r['fact'] for r in rows})} facts to review; decisions go to {target}", err=True)
    page = ReviewPage(rows, target, name, HOST)
    serve_review(page, port, on_ready=lambda url: typer.echo(f"review at {url} (Ctrl-C to stop)", err=True))


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
