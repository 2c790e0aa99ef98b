"""The ``councilgraph`` command: thin wrappers that check arguments and call the library.

Exit codes: 0 success; 3 built, but some input files were skipped (each named on stderr);
1 failure (nothing could be read, the graph failed SHACL, a query failed); 2 bad usage (an
unknown option or command, a missing or bad parameter, a path that does not exist or is of the
wrong kind, an unknown format or query name, an unwritable output folder, a bad decisions file).

Arguments first: a command checks every argument before it changes a store, an output folder or
a remote triple store, so that bad usage (exit 2) leaves them all as they were.

Every failure is one line on stderr, ``error: ...``: commands raise :class:`UsageError` or
:class:`CouncilgraphError` and :func:`main` turns any of them, Click's usage errors, and any
error from reading a file, into that line and its exit code. No command prints a traceback.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import re
import sys
import textwrap
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec

import typer
from rdflib import Graph
from tqdm import tqdm
from typer._click import exceptions as click_errors  # Typer's own Click: its usage errors

from councilgraph.graph.atomic import TEMP_SUFFIX, WORKDIR_PREFIX
from councilgraph.graph.errors import CouncilgraphError, UsageError
from councilgraph.ontology.graphfiles import graph_file_format

P = ParamSpec("P")

if TYPE_CHECKING:
    from councilgraph.graph.pipeline import BuildResult
    from councilgraph.graph.resolve import Decisions
    from councilgraph.graph.review import Decision
    from councilgraph.graph.store import FactStore, Manifest
    from councilgraph.ontology.validate import ValidationReport


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Build a knowledge graph of UK councils' children's services from news articles.",
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
QUERY_FORMATS = ("table", "json", "xml", "csv", "tsv")
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


GC_THRESHOLDS = (50_000, 20, 100)
"""CPython's cycle collector during a build: a first-generation pass every 50,000 allocations, not
700. A build holds hundreds of thousands of live objects (the model, every article's facts, the
graph), and the default thresholds rescanned them so often that collection took a quarter of the
time after parsing (rebuilding 2,000 stored articles: 17.9 s, 13.6 s with these)."""


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
        typer.Option(min=1, help="Processes that filter, parse and extract articles (graph/parallel.py)."),
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
    from councilgraph.graph.pipeline import build_graph, iter_article_paths, sample_paths

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
    """Load a build's graph into Oxigraph and publish it (``graph/publish.py``: validate, commit
    it to the store, write the outputs from it); the names of the files written."""
    from councilgraph.exporters import write_outputs
    from councilgraph.graph.publish import Publication, publish, shapes_check

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


def _not_conforming(verdict: ValidationReport) -> CouncilgraphError:
    """A build's or a removal's graph fails the shapes: every violation on stderr, then one line."""
    typer.echo(verdict.text, err=True)
    return CouncilgraphError("the graph does not conform to the SHACL shapes; nothing written")


def _open_store(path: Path | None) -> FactStore | None:
    from councilgraph.graph.store import FactStore

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
    from councilgraph.graph.review import ReviewError, read_reviews, review_file_beside

    path = given if given is not None else review_file_beside(*folders)
    if path is None:
        return None, None
    if not path.is_file():
        raise UsageError(f"--reviews {path}: no such file")
    try:
        return path, read_reviews(path)
    except ReviewError as exc:
        raise UsageError(str(exc)) from None


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
    from councilgraph.graph.store import MANIFEST, is_store, read_manifest

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


def _tick(bar: tqdm[Any]) -> None:
    bar.update(1)


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


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary files a killed build left beside its outputs (``.graph.ttl.k2j1.tmp``, sorted
    runs of lines) and its temporary folder (``.councilgraph-work.x8f2.tmp``)."""
    import shutil

    from councilgraph.exporters import output_files
    from councilgraph.graph.spill import RUN_PREFIX

    prefixes = [*(f".{name}." for name in output_files()), _PROBE_PREFIX, RUN_PREFIX]
    for leftover in out.glob(f".*{TEMP_SUFFIX}"):
        if leftover.name.startswith(WORKDIR_PREFIX) and leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        elif leftover.name.startswith(tuple(prefixes)) and leftover.is_file():
            leftover.unlink(missing_ok=True)


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
    from councilgraph.ontology.validate import validate as shacl

    if engine not in ("pyshacl", "oxigraph"):
        raise UsageError(f"--engine {engine}: choose pyshacl or oxigraph")
    verdict = shacl(_load_graph(graph), "pyshacl" if engine == "pyshacl" else "oxigraph")
    if verdict.conforms:
        typer.echo(f"{graph}: conforms to the councilgraph shapes")
        return
    typer.echo(verdict.text)
    raise typer.Exit(EXIT_FAILED)


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="A built graph (.ttl, .nt or .jsonld).")],
    text: Annotated[
        str | None, typer.Argument(help="A SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from this .rq file.")] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Run a bundled named query (see 'councilgraph queries').")
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="table, or a SPARQL 1.1 results format: json, xml, csv, tsv (CONSTRUCT/DESCRIBE: Turtle).",
        ),
    ] = "table",
    timeout: Annotated[float, typer.Option(help="Stop the query after this many seconds.")] = 60.0,
    bind: Annotated[
        list[str] | None,
        typer.Option(
            "--bind",
            help="Bind a variable before the query runs: name=VALUE (a plain literal, or <IRI>); repeatable.",
        ),
    ] = None,
) -> None:
    """Run a read-only SPARQL query on a built graph and print the results.

    Example: councilgraph query kg/graph.ttl --name person_facts --bind "name=Jane Roe"
    """
    from councilgraph.ontology import load_query
    from councilgraph.ontology.sparql import query_results, run_query

    given = [x for x in (text, file, name) if x is not None]
    if len(given) != 1:
        raise UsageError("give exactly one of QUERY, --file or --name")
    if fmt not in QUERY_FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; choose from {', '.join(QUERY_FORMATS)}")
    if name is not None:
        try:
            sparql = load_query(name)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
    else:
        sparql = text if text is not None else _read_text(file)  # type: ignore[arg-type]
    bindings = _bindings(bind or [])
    if fmt == "table":
        columns, rows = run_query(_graph_path(graph), sparql, timeout=timeout, bindings=bindings)
        typer.echo(_table(columns, rows))
        return
    _kind, payload = query_results(_graph_path(graph), sparql, fmt, timeout=timeout, bindings=bindings)
    sys.stdout.buffer.write(payload if payload.endswith(b"\n") else payload + b"\n")


def _bindings(given: list[str]) -> dict[str, str]:
    """``--bind name=VALUE`` options as a dictionary (a usage error for one without "=")."""
    out: dict[str, str] = {}
    for item in given:
        name, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[?$]?[A-Za-z_][A-Za-z0-9_]*", name.strip()):
            raise UsageError(f"--bind {item!r}: expected name=VALUE, name a SPARQL variable")
        out[name.strip().lstrip("?$")] = value
    return out


TABLE_WIDTH = 60
"""The widest a table column is drawn; longer values (quotes) wrap onto more lines, never cut."""


def _table(columns: list[str], rows: list[list[str | None]]) -> str:
    """Rows as an aligned text table; a value wider than :data:`TABLE_WIDTH` wraps at word
    boundaries onto further lines of its row, so a quote is shown whole."""
    widths = [
        min(TABLE_WIDTH, max([len(c)] + [len(str(r[i] or "")) for r in rows])) for i, c in enumerate(columns)
    ]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    for row in rows:
        cells = [
            textwrap.wrap(str(v or ""), w, break_long_words=True, break_on_hyphens=False) or [""]
            for v, w in zip(row, widths, strict=True)
        ]
        for k in range(max(len(c) for c in cells)):
            parts = [(c[k] if k < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)]
            lines.append("  ".join(parts).rstrip())
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


@app.command()
def queries() -> None:
    """List the bundled named queries and what each answers.

    Example: councilgraph queries
    """
    from councilgraph.ontology import list_queries

    for name, doc in list_queries().items():
        typer.echo(f"{name}: {doc.split(':', 1)[-1].strip()}")


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
    from councilgraph.graph.evaluate import (
        evaluate_graph,
        format_review_precision,
        format_score,
        review_precision,
    )
    from councilgraph.graph.pipeline import build_graph

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
    from councilgraph.graph.analyse import analyse

    loaded = _load_graph(graph)
    _check_output_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    write_report(analyse(loaded), out)
    typer.echo(f"wrote report.md and report.json to {out}")


def _read_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the query ({getattr(exc, 'strerror', None) or exc})") from None


# the store and SPARQL service commands (remove, serve, push) live beside this module
from councilgraph.graph import cli_review as _review  # noqa: E402,F401  (the review command)
from councilgraph.graph import cli_service as _service  # noqa: E402,F401  (registers its commands on app)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: runs a command and turns every error into one line."""
    try:
        code = app(args=argv, standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:  # no command at all: the help, as Click gives it
        exc.show()
        code = EXIT_USAGE
    except click_errors.UsageError as exc:  # an unknown option or command, a missing or bad parameter
        typer.echo(_usage_line(exc), err=True)
        code = EXIT_USAGE
    except click_errors.ClickException as exc:
        typer.echo(f"error: {_one_line(exc.format_message())}", err=True)
        code = exc.exit_code
    except typer.Abort:
        typer.echo("error: interrupted", err=True)
        code = EXIT_FAILED
    except UsageError as exc:
        typer.echo(f"error: {exc}", err=True)
        code = EXIT_USAGE
    except CouncilgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        code = EXIT_FAILED
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"error: {where}{exc.strerror or exc}", err=True)
        code = EXIT_FAILED
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        code = 130
    except Exception as exc:  # a bug: still one line, with how to see more
        if os.environ.get("COUNCILGRAPH_DEBUG"):
            raise
        typer.echo(
            f"error: internal error ({type(exc).__name__}: {exc}); please report it "
            "(COUNCILGRAPH_DEBUG=1 shows the traceback)",
            err=True,
        )
        code = EXIT_FAILED
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _one_line(message: str) -> str:
    """``message`` on one line, starting in lower case as councilgraph's own messages do."""
    line = " ".join(message.split())
    return line[:1].lower() + line[1:] if line[1:2].islower() else line


def _usage_line(exc: click_errors.UsageError) -> str:
    """A Click usage error as councilgraph's one line, with where to read the command's usage."""
    where = f"; see '{exc.ctx.command_path} --help'" if exc.ctx is not None else ""
    return f"error: {_one_line(exc.format_message()).rstrip('.')}{where}"


if __name__ == "__main__":
    main()
