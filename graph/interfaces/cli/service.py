"""The ``councilgraph`` commands for the store and the SPARQL service: remove, serve, push.

Registered on the one ``app`` of ``graph/interfaces/cli/common.py``, whose :func:`main` reports their errors in one
line like every other command's.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Annotated

import typer

from councilgraph.graph.core.collector import GC_THRESHOLDS
from councilgraph.graph.core.errors import UsageError
from councilgraph.graph.interfaces.cli.common import (
    _check_listen,
    _check_model,
    _check_output_folder,
    _check_store,
    _chosen_formats,
    _graph_path,
    _load_decisions,
    _load_graph,
    _load_reviews,
    _not_conforming,
    _open_store,
    app,
)
from councilgraph.graph.rdf.store import committed_oxigraph

__all__ = ["push", "remove", "serve_cmd"]


@app.command()
def remove(
    articles: Annotated[list[str], typer.Argument(help="Article file names (or paths, or content hashes).")],
    store: Annotated[Path, typer.Option(help="The store folder to take them out of.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder to rewrite.")] = Path("out"),
    formats: Annotated[str, typer.Option("--format", "-f", help="As for build.")] = "ttl,jsonld,graphml,html",
    validate: Annotated[
        bool, typer.Option(help="Check the graph without them against the SHACL shapes first.")
    ] = True,
) -> None:
    """Take articles out of a store, with the facts only they supported, and rewrite the outputs.

    Example: councilgraph remove wigan-2019.txt --store kg-store/ --out kg/
    """
    from councilgraph.exporters import FORMATS, write_outputs
    from councilgraph.graph.app.remove import remove_articles
    from councilgraph.graph.rdf.store import find_articles

    # every argument is checked before the store or the output folder is touched
    wanted = _chosen_formats(formats, FORMATS)
    manifest = _check_store(store, new=False)
    found = find_articles(manifest.articles, articles)
    missing = [a for a in articles if Path(a).name not in found.values() and a not in found]
    if missing:
        raise UsageError(f"not in the store: {', '.join(missing)}")
    _check_output_folder(out)
    _, decided = _load_reviews(None, store, out)  # the reviews are applied as by build
    out.mkdir(parents=True, exist_ok=True)
    facts_store = _open_store(store)
    assert facts_store is not None
    found = facts_store.find(articles)  # (the store as opened: the same unless a build committed since)
    remaining = facts_store.manifest.articles.keys() - found.keys()
    written = remove_articles(
        facts_store,
        found,
        reviews=decided,
        refuse=_not_conforming if validate else None,
        write=lambda graph, ntriples: write_outputs(
            graph, out, list(dict.fromkeys([*wanted, "report", "chart"])), ntriples=ntriples
        ),
    )
    typer.echo(f"removed {', '.join(sorted(found.values()))}; {len(remaining)} articles remain")
    typer.echo(f"wrote {', '.join(written or [])} to {out}")


def _say(line: str) -> None:
    typer.echo(line, err=True)


@app.command("serve")
def serve_cmd(
    graph: Annotated[Path | None, typer.Argument(help="A built graph (.ttl, .nt or .jsonld).")] = None,
    store: Annotated[Path | None, typer.Option(help="Serve a store folder (build --store) instead.")] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (loopback unless told otherwise).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free port).")] = 7878,
    timeout: Annotated[float, typer.Option(help="Stop a query after this many seconds (503).")] = 30.0,
    max_result_mb: Annotated[float, typer.Option(help="Refuse results larger than this (413).")] = 50.0,
    html: Annotated[
        Path | None, typer.Option(help="Page served at / (default: graph.html beside GRAPH).")
    ] = None,
    ingest: Annotated[
        bool,
        typer.Option(
            help="With --store: also take new articles, POST /articles?name=FILE (the model stays loaded)."
        ),
    ] = False,
    decisions: Annotated[
        Path | None, typer.Option(help="With --ingest: the decisions file the store was built with.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="With --ingest: spaCy model name or path.")] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="With --ingest: keep the outputs here current; each answer comes once they hold its article.",
        ),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="With --out: all, or some of ttl,jsonld,nt,graphml,html,report,chart."
        ),
    ] = "all",
    token: Annotated[
        str | None,
        typer.Option(
            envvar="COUNCILGRAPH_TOKEN",
            help="With --ingest: POST /articles needs 'Authorization: Bearer TOKEN' (better given "
            "in the environment variable than on the command line).",
        ),
    ] = None,
) -> None:
    """Serve a read-only SPARQL 1.1 endpoint at /sparql, and the interactive page at /.

    Example: councilgraph serve kg/graph.ttl --port 7878   (then query http://127.0.0.1:7878/sparql)

    Taking articles: councilgraph serve --store kg-store/ --ingest, then
    curl --data-binary @story.txt 'http://127.0.0.1:7878/articles?name=story.txt'
    """
    from councilgraph.exporters import DEFAULT_FORMATS, OUTPUTS
    from councilgraph.graph.interfaces.serve import Endpoint, serve

    # every argument is checked before the store's outputs are written (--ingest --out)
    if (graph is None) == (store is None):
        raise UsageError("give a graph file or --store DIR (one of them)")
    if graph is not None:
        _graph_path(graph)
        html = html or (graph.parent / "graph.html" if (graph.parent / "graph.html").exists() else None)
    elif store is not None:
        _check_store(store, new=False)
    if html is not None and not html.is_file():
        raise UsageError(f"--html {html}: no such file")
    if (ingest or decisions or model or out) and store is None:
        raise UsageError("--ingest (and --decisions, --model, --out) need --store DIR")
    if out is not None and not ingest:
        raise UsageError("--out needs --ingest (a read-only endpoint's graph does not change)")
    known = [o.name for o in OUTPUTS if not o.always]
    wanted = list(DEFAULT_FORMATS) if formats == "all" else _chosen_formats(formats, known)
    chosen = _load_decisions(decisions)
    reviewed_in, decided = _load_reviews(None, store) if ingest else (None, None)
    _check_model(model)
    if out is not None:
        _check_output_folder(out)
    _check_listen(host, port)
    taker = None
    if ingest and store is not None:
        from councilgraph.graph.app.ingest import Ingest
        from councilgraph.graph.rdf.store import FactStore

        typer.echo(f"loading the model and the {store} graph to take articles...", err=True)
        # with --out, the outputs of the store as it is are written first, before any article comes
        if reviewed_in is not None:  # (decisions saved while it runs apply from its next start or build)
            typer.echo(f"applying the {len(decided or [])} decisions of {reviewed_in}", err=True)
        taker = Ingest(
            FactStore(store), chosen, model, out=out, formats=wanted, on_written=_say, reviews=decided
        )
        gc.freeze()  # the model and the graph live as long as the process: no collection rescans them
        gc.set_threshold(*GC_THRESHOLDS)
    endpoint = Endpoint(
        graph, store, html, timeout, int(max_result_mb * 1_000_000), host=host, token=token or None
    )

    def ready(url: str) -> None:
        typer.echo(f"serving {url} (Ctrl-C to stop)", err=True)
        if taker is not None:
            typer.echo(
                f"taking articles at {url.removesuffix('/sparql')}/articles?name=FILE (POST)", err=True
            )
            if not token and host not in {"127.0.0.1", "localhost", "::1"}:
                typer.echo(f"warning: no --token: anyone who can reach {host} can add articles", err=True)

    serve(endpoint, host, port, on_ready=ready, ingest=taker)


@app.command()
def push(
    endpoint: Annotated[
        str,
        typer.Option(
            help="Graph Store HTTP Protocol URL (Oxigraph: http://HOST:7878/store); may hold credentials "
            "(https://user:pass@host/...)."
        ),
    ],
    graph: Annotated[Path | None, typer.Argument(help="A built graph (.ttl, .nt or .jsonld).")] = None,
    store: Annotated[Path | None, typer.Option(help="Push the graph of a store folder instead.")] = None,
    name: Annotated[
        str, typer.Option(help="IRI of the named graph to replace.")
    ] = "https://w3id.org/councilgraph/id/graph",
    timeout: Annotated[float, typer.Option(help="Give up after this many seconds.")] = 300.0,
    user: Annotated[
        str | None,
        typer.Option(
            envvar="COUNCILGRAPH_PUSH_USER",
            show_envvar=True,
            help="User name for HTTP Basic authentication (instead of the URL's).",
        ),
    ] = None,
    password: Annotated[
        str | None,
        typer.Option(
            envvar="COUNCILGRAPH_PUSH_PASSWORD",
            show_envvar=True,
            show_default=False,
            help="Password for HTTP Basic authentication (instead of the URL's). Prefer the variable: "
            "other users of the machine can see a command line.",
        ),
    ] = None,
) -> None:
    """Load the graph into a triple store, replacing one named graph (so a push can be repeated).

    Example: councilgraph push kg/graph.ttl --endpoint http://localhost:7878/store

    With a password: COUNCILGRAPH_PUSH_PASSWORD=... councilgraph push kg/graph.ttl --user kg
    --endpoint https://fuseki.example.org/ds/data   (no message ever prints it)
    """
    from councilgraph.graph.app.push import push_graph, target

    # every argument is checked before the graph is read and sent
    where = target(endpoint, user, password)
    if (graph is None) == (store is None):
        raise UsageError("give a graph file or --store DIR (one of them)")
    if store is not None:
        _check_store(store, new=False)
    data = _load_graph(graph).serialize(format="nt", encoding="utf-8") if graph else _store_graph(store)
    triples = push_graph(where, name, data, timeout=timeout)
    typer.echo(f"pushed {triples} triples to <{name}> at {where.shown}")


def _store_graph(store: Path | None) -> bytes:
    import pyoxigraph as ox

    assert store is not None
    return (
        ox.Store.read_only(str(committed_oxigraph(store))).dump(
            format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()
        )
        or b""
    )
