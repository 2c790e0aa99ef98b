"""``councilgraph build``: check every argument, build (``graph/app/pipeline.py``), publish
(``graph/app/publish.py``).

The library is imported inside the command, not here: ``councilgraph --help`` and a refused
argument never load spaCy, rdflib's plugins or Oxigraph (startup time; see the package docstring).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from tqdm import tqdm

from councilgraph.graph.core.atomic import TEMP_SUFFIX, WORKDIR_PREFIX
from councilgraph.graph.core.errors import CouncilgraphError, UsageError
from councilgraph.graph.interfaces.cli.common import (
    _PROBE_PREFIX,
    EXIT_OK,
    EXIT_SKIPPED,
    _check_file_target,
    _check_model,
    _check_output_folder,
    _check_store,
    _chosen_formats,
    _fewer_collections,
    _load_decisions,
    _load_reviews,
    _not_conforming,
    _open_store,
    app,
)

if TYPE_CHECKING:
    from councilgraph.graph.app.pipeline import BuildResult
    from councilgraph.graph.rdf.store import FactStore


@app.command()
@_fewer_collections
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Article files or folders (recursive). None: the bundled samples."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: ttl,jsonld,nt,graphml,html.")
    ] = "ttl,jsonld,graphml,html",
    model: Annotated[
        str | None,
        typer.Option(help="spaCy model name or path (default: en_core_web_sm, else its PyPI re-upload)."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1, help="Processes that filter, parse and extract articles (graph/app/parallel.py)."
        ),
    ] = 1,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per nlp.pipe batch (memory grows with it).")
    ] = 50,
    validate: Annotated[
        bool,
        typer.Option(help="Check the graph against the SHACL shapes before writing (as SPARQL on Oxigraph)."),
    ] = True,
    report: Annotated[
        bool, typer.Option(help="Also write report.md and report.json (NetworkX analysis).")
    ] = True,
    decisions: Annotated[
        Path | None,
        typer.Option(help="TOML file of people to merge ([[same]]) or keep apart ([[different]])."),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option(
            help="Keep the graph in this store folder (Oxigraph) and parse only articles it does not hold."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    timings: Annotated[
        Path | None, typer.Option(help="Write the seconds each stage took to this JSON file (benchmarks).")
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(help="Parse on a Dask cluster: the scheduler's address (tcp://HOST:8786)."),
    ] = None,
    reviews: Annotated[
        Path | None,
        typer.Option(
            help="Review file to apply (default: reviews.jsonl in the store, else in OUT, if there)."
        ),
    ] = None,
    confirmed_only: Annotated[
        bool,
        typer.Option(
            "--confirmed-only",
            help="Write only the facts a reviewer confirmed or corrected (with --store: a view; the store is not changed).",
        ),
    ] = False,
) -> None:
    """Build the graph from articles and write it to OUT.

    Example: councilgraph build articles/ --out kg/   (writes kg/graph.ttl, .jsonld, .graphml, .html)

    Incremental: councilgraph build this-week/ --store kg-store/ --out kg/   (adds only new articles)
    """
    from councilgraph.exporters import FORMATS
    from councilgraph.graph.app.pipeline import build_graph, iter_article_paths, sample_paths

    # every argument is checked before the store or the output folder is touched
    wanted = _chosen_formats(formats, FORMATS)
    chosen = _load_decisions(decisions)
    reviews, decided = _load_reviews(reviews, store, out)
    if dask is None:  # (on a Dask cluster the workers load the model, which may be theirs alone)
        _check_model(model)
    if store is not None and not _check_store(store, new=True).articles and not paths:
        raise UsageError(f"give article files or folders: the store {store} holds no article yet")
    _check_output_folder(out)
    if timings is not None:
        _check_file_target(timings, "--timings")
    out.mkdir(parents=True, exist_ok=True)
    facts_store = _open_store(store)
    sources = list(paths) if paths else ([] if facts_store else sample_paths())
    total = sum(1 for _ in iter_article_paths(sources))
    bar = tqdm(total=total, unit="article", disable=quiet or total < 20, file=sys.stderr)

    def errors(message: str) -> None:
        tqdm.write(message, file=sys.stderr)
        bar.update(1)

    _remove_stale_temporaries(out)
    try:
        result = build_graph(
            sources,
            model=model,
            workers=workers,
            batch_size=batch_size,
            on_error=errors,
            progress=lambda _facts: _tick(bar),
            decisions=chosen,
            store=facts_store,
            dask=dask,
            workdir=out,
            reviews=decided,
            confirmed_only=confirmed_only,
        )
    finally:
        bar.close()
    with result:  # its temporary folder (the graph's file, a large graph's Oxigraph) goes at the end
        if not result.report.articles:
            typer.echo(result.report.summary())
            raise CouncilgraphError("no article could be read; nothing written")
        for selector in result.resolution.unmatched:
            typer.echo(
                f"warning: decisions file {decisions}: {selector!r} matches no one in these articles",
                err=True,
            )
        written = _publish_build(
            result,
            out,
            wanted,
            None if confirmed_only else facts_store,  # (a view of the store: not committed to it)
            validate=validate,
            report=report,
            workers=workers,
        )
        if timings is not None:
            record = {
                "articles": len(result.report.articles),
                "triples": result.triples,
                **result.report.timings,
            }
            timings.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    typer.echo(result.report.summary())
    _say_reviews(result, reviews)
    where = f" (store {store}: {len(result.report.articles)} articles)" if store else ""
    typer.echo(f"wrote {', '.join(written)} to {out}{where}")
    raise typer.Exit(EXIT_SKIPPED if result.report.skipped else EXIT_OK)


def _publish_build(
    result: BuildResult,
    out: Path,
    wanted: list[str],
    facts_store: FactStore | None,
    *,
    validate: bool,
    report: bool,
    workers: int,
) -> list[str]:
    """Load a build's graph into Oxigraph and publish it (``graph/app/publish.py``: validate, commit
    it to the store, write the outputs from it); the names of the files written."""
    from councilgraph.exporters import write_outputs
    from councilgraph.graph.app.publish import Publication, publish, shapes_check

    # the graph's sorted N-Triples, in Oxigraph (on disk when large): validation, the projection and
    # the merge log read them there; the store, Turtle, N-Triples and JSON-LD are written from the file
    started = time.perf_counter()
    graph = result.in_oxigraph()
    result.report.time("load into Oxigraph", time.perf_counter() - started)
    written = publish(
        Publication(
            result.report.articles,
            result.path,
            store=facts_store,
            graph=graph,
            check=shapes_check(_not_conforming) if validate else None,
            write=lambda: write_outputs(
                graph,
                out,
                [*wanted, *(["report", "chart"] if report else [])],
                result.report.timings,
                workers=workers,
                ntriples=result.path,
            ),
            timings=result.report.timings,
        )
    )
    assert written is not None  # (publish returns what write returns)
    return written


def _say_reviews(result: BuildResult, path: Path | None) -> None:
    """One line on what the reviews did to the build (and one per decision that found no fact)."""
    reviewed = result.reviewed
    if reviewed is None:
        return
    marks = [m.status.lower() for m in reviewed.marks.values()]
    done = ", ".join(f"{marks.count(s)} {s}" for s in ("confirmed", "corrected", "unsure"))
    line = f"reviews{' ' + str(path) if path else ''}: {done}, {len(reviewed.rejected)} rejected (left out)"
    if reviewed.left_out:
        line += f"; --confirmed-only left out {reviewed.left_out} facts not confirmed"
    if reviewed.unmatched:
        line += f"; {len(reviewed.unmatched)} decisions match no fact of these articles"
    typer.echo(line)


def _tick(bar: tqdm[Any]) -> None:
    bar.update(1)


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary files a killed build left beside its outputs (``.graph.ttl.k2j1.tmp``, sorted
    runs of lines) and its temporary folder (``.councilgraph-work.x8f2.tmp``)."""
    import shutil

    from councilgraph.exporters import output_files
    from councilgraph.graph.rdf.spill import RUN_PREFIX

    prefixes = [*(f".{name}." for name in output_files()), _PROBE_PREFIX, RUN_PREFIX]
    for leftover in out.glob(f".*{TEMP_SUFFIX}"):
        if leftover.name.startswith(WORKDIR_PREFIX) and leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        elif leftover.name.startswith(tuple(prefixes)) and leftover.is_file():
            leftover.unlink(missing_ok=True)
