"""``councilgraph validate``, ``evaluate`` and ``analyse``: commands that read a built graph (or build
one, for ``evaluate``) and report on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from councilgraph.graph.core.errors import UsageError
from councilgraph.graph.interfaces.cli.common import (
    EXIT_FAILED,
    _check_output_folder,
    _load_graph,
    _load_reviews,
    app,
)
from councilgraph.ontology.graphfiles import graph_file_format

if TYPE_CHECKING:
    pass


@app.command("validate")
def validate_cmd(
    graph: Annotated[Path, typer.Argument(help="A built graph (.ttl, .nt or .jsonld).")],
    engine: Annotated[
        str,
        typer.Option(
            help="pyshacl (a standard SHACL processor) or oxigraph (the shapes as SPARQL, as build uses)."
        ),
    ] = "pyshacl",
) -> None:
    """Check a built graph against councilgraph's SHACL shapes.

    Example: councilgraph validate kg/graph.ttl
    """
    from councilgraph.graph.rdf.validate import validate as shacl

    if engine not in ("pyshacl", "oxigraph"):
        raise UsageError(f"--engine {engine}: choose pyshacl or oxigraph")
    verdict = shacl(_load_graph(graph), "pyshacl" if engine == "pyshacl" else "oxigraph")
    if verdict.conforms:
        typer.echo(f"{graph}: conforms to the councilgraph shapes")
        return
    typer.echo(verdict.text)
    raise typer.Exit(EXIT_FAILED)


@app.command()
def evaluate(
    gold: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of NAME.gold.json files. Their format: GOLD_FORMAT.md in the installed package's "
            "councilgraph/graph/samples/ (with an example, 01_northshire_inadequate.gold.json)."
        ),
    ] = None,
    sources: Annotated[
        list[Path] | None, typer.Argument(help="A built graph file, or article files/folders to build.")
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help="List misses and false positives per article.")
    ] = False,
    model: Annotated[str | None, typer.Option(help="spaCy model when building.")] = None,
    reviews: Annotated[
        Path | None,
        typer.Option(help="A review file (councilgraph review): precision on the facts reviewers checked."),
    ] = None,
) -> None:
    """Score a graph (or a build of ARTICLES) against gold annotations: P, R, F1 per list; or,
    with --reviews, the tool's precision on the facts reviewers checked.

    Example: councilgraph evaluate gold/ articles/ --details

    Example: councilgraph evaluate --reviews kg/reviews.jsonl
    """
    from councilgraph.graph.app.evaluate import (
        evaluate_graph,
        format_review_precision,
        format_score,
        review_precision,
    )
    from councilgraph.graph.app.pipeline import build_graph

    _, decided = _load_reviews(reviews) if reviews is not None else (None, None)
    if gold is None and decided is None:
        raise UsageError("give a folder of gold files and a graph or articles, or --reviews FILE")
    if gold is not None:
        if not gold.is_dir():
            raise UsageError(f"{gold}: no such folder of gold files")
        if not sources:
            raise UsageError(
                "give a built graph file or article files/folders to score against the gold files"
            )
        for source in sources:
            if not source.exists():
                raise UsageError(f"{source}: no such file or folder")
    if decided is not None:
        typer.echo(format_review_precision(review_precision(decided)))
    if gold is None or not sources:
        return
    if len(sources) == 1 and sources[0].is_file() and graph_file_format(sources[0]) is not None:
        graph = _load_graph(sources[0])
    else:
        graph = build_graph(sources, model=model, on_error=lambda m: typer.echo(m, err=True)).graph
    score = evaluate_graph(graph, gold)
    if not score.articles:
        raise UsageError(
            f"{gold}: no gold file matches an article of the graph (name.gold.json for name.txt)"
        )
    typer.echo(format_score(score, details))


@app.command("analyse")
def analyse_cmd(
    graph: Annotated[Path, typer.Argument(help="A built graph (.ttl, .nt or .jsonld).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.md and report.json.")] = Path(
        "."
    ),
) -> None:
    """Re-run the NetworkX analysis on a built graph and write report.md and report.json.

    Example: councilgraph analyse kg/graph.ttl --out kg/
    """
    from councilgraph.exporters.report import write_report
    from councilgraph.graph.network.analyse import analyse

    loaded = _load_graph(graph)
    _check_output_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    write_report(analyse(loaded), out)
    typer.echo(f"wrote report.md and report.json to {out}")
