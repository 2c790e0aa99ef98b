"""A read-only SPARQL 1.1 Protocol endpoint over a built graph or a store, with the page beside it.

``/sparql`` answers GET (``?query=``) and POST (a form with ``query=``, or an
``application/sparql-query`` body) with results chosen by the ``Accept`` header: SPARQL results
JSON (the default), XML, CSV or TSV for SELECT and ASK; Turtle or N-Triples for CONSTRUCT and
DESCRIBE. The engine is Oxigraph (pyoxigraph); queries are checked with rdflib's SPARQL parser,
so updates and ``SERVICE`` are refused with 403, and malformed queries get 400. Each query runs in
a forked worker stopped at the time limit (503), and results larger than the size limit stop with
413. Every response allows cross-origin requests, so browser clients can query it. ``/`` serves
``graph.html`` when one is given. The HTTP server is waitress.
"""

from __future__ import annotations

import io
import json
import multiprocessing as mp
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import pyoxigraph as ox

from councilgraph.graph.errors import ArticleError, QueryError
from councilgraph.graph.read import MAX_BYTES, TEXT_SUFFIXES, is_article_name
from councilgraph.graph.store import StoreError, committed_oxigraph
from councilgraph.ontology.sparql import check_query

if TYPE_CHECKING:  # (the ingest loads spaCy: a read-only endpoint never imports it)
    from councilgraph.graph.ingest import Ingest

__all__ = ["Endpoint", "make_app", "serve"]

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
_CORS = [
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
    ("Access-Control-Allow-Headers", "Content-Type, Accept"),
]


class _TooLarge(Exception):
    pass


class _Capped(io.BytesIO):
    """An in-memory sink that refuses to grow past ``limit`` bytes (so a huge result stops early)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.limit:
            raise _TooLarge
        return super().write(data)


@dataclass(frozen=True)
class Endpoint:
    """What to serve: a graph file (loaded into memory) or a store's Oxigraph folder, and limits."""

    graph: Path | None = None
    store: Path | None = None
    html: Path | None = None
    timeout: float = 30.0
    max_bytes: int = 50_000_000


def _negotiate(accept: str, table: dict[str, Any], default: str) -> tuple[str, Any] | None:
    """The first media type of ``accept`` (by q value) that ``table`` has; None if none fits."""
    choices = []
    for i, part in enumerate(accept.split(",") if accept.strip() else ["*/*"]):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, fields[0].lower()))
    for _q, _i, media in sorted(choices):
        if media in table:
            return media, table[media]
        if media in {"*/*", "application/*", "text/*"}:
            return default, table[default]
    return None


def _run(endpoint: Endpoint, memory: ox.Store | None, query: str, accept: str, conn: Any) -> None:
    """The forked worker: run the query, serialise within the size limit, send (status, type, body)."""
    try:
        if memory is not None:
            store = memory
        else:
            if endpoint.store is None:  # pragma: no cover - make_app always gives one or the other
                raise QueryError("no graph to query")
            store = ox.Store.read_only(str(committed_oxigraph(endpoint.store)))
        results = store.query(query)
        graph = isinstance(results, ox.QueryTriples)
        chosen = _negotiate(
            accept,
            _GRAPHS if graph else _RESULTS,
            "text/turtle" if graph else "application/sparql-results+json",
        )
        if chosen is None:
            conn.send(("406 Not Acceptable", "text/plain", b"no result format matches the Accept header\n"))
            return
        media, fmt = chosen
        sink = _Capped(endpoint.max_bytes)
        results.serialize(sink, format=fmt)
        conn.send(("200 OK", f"{media}; charset=utf-8", sink.getvalue()))
    except _TooLarge:
        message = f"result larger than {endpoint.max_bytes} bytes; narrow the query or add LIMIT\n"
        conn.send(("413 Content Too Large", "text/plain", message.encode()))
    except Exception as exc:  # an engine error is the query's fault: one line back to the client
        conn.send(("400 Bad Request", "text/plain", f"{type(exc).__name__}: {exc}\n".encode()))
    finally:
        conn.close()


def make_app(
    endpoint: Endpoint, ingest: Ingest | None = None
) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI application for ``endpoint``; with ``ingest``, ``POST /articles`` adds articles."""
    memory: ox.Store | None = None
    if endpoint.graph is not None:
        memory = ox.Store()
        fmt = {".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}.get(
            endpoint.graph.suffix, ox.RdfFormat.TURTLE
        )
        memory.bulk_load(path=str(endpoint.graph), format=fmt)

    def respond(start: StartResponse, status: str, media: str, body: bytes) -> list[bytes]:
        start(status, [("Content-Type", media), ("Content-Length", str(len(body))), *_CORS])
        return [body]

    def app(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if method == "OPTIONS":
            return respond(start, "204 No Content", "text/plain", b"")
        if path in {"/", "/graph.html"} and endpoint.html is not None and method in {"GET", "HEAD"}:
            return respond(start, "200 OK", "text/html; charset=utf-8", endpoint.html.read_bytes())
        if path == "/articles":
            status, media, body = _add_article(ingest, method, environ)
            return respond(start, status, media, body)
        if path != "/sparql":
            return respond(start, "404 Not Found", "text/plain", b"not found: the endpoint is /sparql\n")
        params = parse_qs(environ.get("QUERY_STRING", ""))
        query: str | None = None
        if method == "GET":
            query = (params.get("query") or [None])[0]
            if "update" in params:
                return respond(start, "403 Forbidden", "text/plain", b"refused: this endpoint is read-only\n")
        elif method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                return respond(start, "403 Forbidden", "text/plain", b"refused: this endpoint is read-only\n")
            if media == "application/sparql-query":
                query = body.decode("utf-8", "replace")
            else:
                form = parse_qs(body.decode("utf-8", "replace"))
                if "update" in form:
                    return respond(
                        start, "403 Forbidden", "text/plain", b"refused: this endpoint is read-only\n"
                    )
                query = (form.get("query") or params.get("query") or [None])[0]
        else:
            return respond(start, "405 Method Not Allowed", "text/plain", b"use GET or POST\n")
        if not query:
            return respond(start, "400 Bad Request", "text/plain", b"no query: give ?query=...\n")
        try:
            check_query(query)
        except QueryError as exc:
            status = "403 Forbidden" if str(exc).startswith("refused") else "400 Bad Request"
            return respond(start, status, "text/plain", f"{exc}\n".encode())
        ctx = mp.get_context("fork")
        parent, child = ctx.Pipe(duplex=False)
        worker = ctx.Process(
            target=_run, args=(endpoint, memory, query, environ.get("HTTP_ACCEPT", ""), child)
        )
        worker.start()
        child.close()
        if not parent.poll(endpoint.timeout):
            worker.kill()
            worker.join()
            message = f"query stopped after {endpoint.timeout:g} s\n"
            return respond(start, "503 Service Unavailable", "text/plain", message.encode())
        status, media, payload = parent.recv()
        worker.join()
        return respond(start, status, media, payload)

    return app


def _add_article(ingest: Ingest | None, method: str, environ: dict[str, Any]) -> tuple[str, str, bytes]:
    """``POST /articles?name=FILE`` with the file's bytes as the body: (status, type, body)."""
    if ingest is None:
        return (
            "403 Forbidden",
            "text/plain",
            b"refused: this endpoint is read-only (serve --store DIR --ingest adds articles)\n",
        )
    if method != "POST":
        return "405 Method Not Allowed", "text/plain", b"POST an article's bytes to /articles?name=FILE\n"
    name = Path((parse_qs(environ.get("QUERY_STRING", "")).get("name") or [""])[0]).name
    if not name:
        return "400 Bad Request", "text/plain", b"give the article's file name: POST /articles?name=FILE\n"
    if not is_article_name(name):
        message = (
            f"{name}: not an article's name; build reads {', '.join(TEXT_SUFFIXES)} files, and so does this\n"
        )
        return "400 Bad Request", "text/plain", message.encode()
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_BYTES:
        message = f"{name}: {length:,} bytes is over the {MAX_BYTES:,}-byte limit for one article\n"
        return "413 Content Too Large", "text/plain", message.encode()
    data = environ["wsgi.input"].read(length) if length else b""
    from councilgraph.graph.ingest import IngestRefused

    try:
        added = ingest.add(data, name)
    except ArticleError as exc:
        return "400 Bad Request", "text/plain", f"{exc}\n".encode()
    except IngestRefused as exc:
        return "422 Unprocessable Content", "text/plain", f"{exc}\n".encode()
    except StoreError as exc:  # another process committed to the store: this server's graph is behind
        return "409 Conflict", "text/plain", f"{exc}; restart serve --ingest\n".encode()
    body = json.dumps(asdict(added), sort_keys=True).encode() + b"\n"
    return ("201 Created" if added.new else "200 OK"), "application/json", body


def serve(
    endpoint: Endpoint,
    host: str = "127.0.0.1",
    port: int = 7878,
    on_ready: Callable[[str], None] | None = None,
    ingest: Ingest | None = None,
) -> None:
    """Serve ``endpoint`` until interrupted (and take articles at ``/articles`` with ``ingest``)."""
    from waitress.server import create_server

    server = create_server(make_app(endpoint, ingest), host=host, port=port, threads=4, ident="councilgraph")
    if on_ready:
        bound = getattr(server, "effective_port", port)  # the port chosen when port is 0
        on_ready(f"http://{host}:{bound}/sparql")
    try:
        server.run()
    finally:
        server.close()
