"""A read-only SPARQL 1.1 Protocol endpoint over a built graph or a store, with the page beside it.

``/sparql`` answers GET, HEAD (GET's headers) and POST (a form with ``query=``, or an
``application/sparql-query`` body) with results chosen by the ``Accept`` header: SPARQL results
JSON (the default), XML, CSV (what ``text/*`` gets) or TSV for SELECT and ASK; Turtle, N-Triples,
RDF/XML, JSON-LD, N-Quads or TriG for CONSTRUCT and DESCRIBE (406 when none fits). The protocol's
``default-graph-uri`` and ``named-graph-uri`` set the dataset. The engine is Oxigraph (pyoxigraph),
and everything about a query (its parse too) happens in a forked worker that has no network,
stopped at the time limit: ``graph/rdf/sparql.py:evaluate``, which ``councilgraph query`` uses as
well. Updates and queries that reach for the network (SERVICE) get 403, what is not a query 400,
a query past the time limit or whose worker died 503, a result past the size limit or a body past
``max_query_bytes`` 413; each such answer is one line of text. Reads are open to every origin
(``Access-Control-Allow-Origin: *``), so browser clients can query it.

``POST /articles`` (with ``--ingest``) is not: it answers no cross-origin request (an ``Origin``
other than the server's own), no ``Host`` but the bound host and the loopback names (a page that
rebinds its name to this address), and, when the server has a token, no request without
``Authorization: Bearer TOKEN``; each with a 403 in one line. ``/`` serves ``graph.html`` when one
is given. The HTTP server is waitress, whose own limit on a body (a 413) is set just above the
largest article.
"""

from __future__ import annotations

import hmac
import io
import ipaddress
import json
import socket
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from councilgraph.graph.core.errors import ArticleError, ArticleFailed, IngestRefused, NameTaken, QueryError
from councilgraph.graph.nlp.read import MAX_BYTES, TEXT_SUFFIXES, is_article_name, name_problem, shown
from councilgraph.graph.rdf.sparql import QueryRefused, QueryUnavailable, evaluate
from councilgraph.graph.rdf.store import StoreError, committed_oxigraph
from councilgraph.ontology.graphfiles import graph_file_format

if TYPE_CHECKING:  # (the ingest loads spaCy: a read-only endpoint never imports it)
    from councilgraph.graph.app.ingest import Ingest

__all__ = ["MAX_QUERY_BYTES", "TOKEN_ENV", "Endpoint", "make_app", "serve"]

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
Answer = tuple[str, str, bytes]  # status, media type, body

MAX_QUERY_BYTES = 1_000_000
"""Largest body ``/sparql`` reads (a query, or a form holding one): 413 past it."""
BODY_LIMIT = max(MAX_BYTES, MAX_QUERY_BYTES) + 65_536
"""waitress's own limit on any request's body (its 413 past it, before the body is read)."""
TOKEN_ENV = "COUNCILGRAPH_TOKEN"
"""The environment variable ``serve --token`` is read from."""

# media types in the order preferred when a client's Accept allows several equally
_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
_GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/n3": ox.RdfFormat.N3,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
_CORS = [
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
    ("Access-Control-Allow-Headers", "Content-Type, Accept"),
]
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_WILDCARD = frozenset({"", "0.0.0.0", "::"})
_READ_ONLY = "refused: this endpoint is read-only; SPARQL updates are not allowed"


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
    """What to serve: a graph file (loaded into memory) or a store's Oxigraph folder, and limits;
    ``host`` is the address the server is bound to (what ``Host`` may name for ``/articles``)."""

    graph: Path | None = None
    store: Path | None = None
    html: Path | None = None
    timeout: float = 30.0
    max_bytes: int = 50_000_000
    host: str = "127.0.0.1"
    token: str | None = None
    max_query_bytes: int = MAX_QUERY_BYTES


def _text(status: str, line: str) -> Answer:
    return status, "text/plain; charset=utf-8", f"{line}\n".encode()


def _negotiate(accept: str, table: Mapping[str, Any]) -> tuple[str, Any] | None:
    """The media type of ``table`` the Accept header prefers: highest q, then the most specific
    range (a type over ``text/*`` over ``*/*``), then the client's order, then the table's; a q of
    0 excludes. None if nothing fits."""
    ranges = []
    for index, part in enumerate(accept.split(",") if accept.strip() else ["*/*"]):
        media, *params = (f.strip() for f in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q, index))
    best: tuple[tuple[float, int, int, int], str] | None = None
    for order, media in enumerate(table):
        family = media.split("/")[0] + "/*"
        match = None  # (specificity, q, index) of the most specific range that covers media
        for rng, q, index in ranges:
            specificity = 3 if rng == media else 2 if rng == family else 1 if rng == "*/*" else 0
            if specificity and (match is None or specificity > match[0]):
                match = (specificity, q, index)
        if match is not None and match[1] > 0:
            key = (-match[1], -match[0], match[2], order)
            if best is None or key < best[0]:
                best = (key, media)
    return None if best is None else (best[1], table[best[1]])


def _answerer(accept: str, limit: int) -> Callable[[Any], Answer]:
    """What the query's worker does with its results: negotiate the format and serialise them
    within the size limit."""

    def answer(results: Any) -> Answer:
        table = _GRAPHS if isinstance(results, ox.QueryTriples) else _RESULTS
        chosen = _negotiate(accept, table)
        if chosen is None:
            return _text(
                "406 Not Acceptable",
                f"no result format matches the Accept header; offered: {', '.join(table)}",
            )
        media, fmt = chosen
        sink = _Capped(limit)
        try:
            results.serialize(sink, format=fmt)
        except _TooLarge:
            return _text(
                "413 Content Too Large", f"result larger than {limit} bytes; narrow the query or add LIMIT"
            )
        return "200 OK", f"{media}; charset=utf-8", sink.getvalue()

    return answer


def _host_name(header: str) -> str:
    """The host part of a ``Host`` header (no port, no brackets), lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _trusted_hosts(bound: str) -> Callable[[str], bool]:
    """Whether a ``Host`` names this server: a loopback name, the bound host; when bound to every
    address, also any IP address and this machine's name (a page that rebinds its own name to
    this address sends that name, which none of these is)."""
    bound = bound.strip("[]").lower()
    names = _LOOPBACK | {bound}
    if bound in _WILDCARD:
        names |= {socket.gethostname().lower()}

    def trusted(header: str) -> bool:
        name = _host_name(header)
        if name in names:
            return True
        if bound not in _WILDCARD:
            return False
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True

    return trusted


def make_app(
    endpoint: Endpoint, ingest: Ingest | None = None
) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI application for ``endpoint``; with ``ingest``, ``POST /articles`` adds articles."""
    memory: ox.Store | None = None
    if endpoint.graph is not None:
        memory = ox.Store()
        found = graph_file_format(endpoint.graph)
        memory.bulk_load(path=str(endpoint.graph), format=found.oxigraph if found else ox.RdfFormat.TURTLE)

    def open_store() -> ox.Store:  # (in the worker)
        if memory is not None:
            return memory
        if endpoint.store is None:  # pragma: no cover - make_app always gives one or the other
            raise QueryError("no graph to query")
        return ox.Store.read_only(str(committed_oxigraph(endpoint.store)))

    trusted = _trusted_hosts(endpoint.host)

    def app(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        extra: list[tuple[str, str]] = []
        if path == "/sparql":
            extra = list(_CORS)
            if method == "OPTIONS":
                status, media, body = "204 No Content", "text/plain", b""
            else:
                status, media, body = _sparql(endpoint, open_store, method, environ)
        elif path == "/articles":
            status, media, body = _add_article(endpoint, ingest, trusted, method, environ)
        elif path in {"/", "/graph.html"} and endpoint.html is not None and method in {"GET", "HEAD"}:
            status, media, body = "200 OK", "text/html; charset=utf-8", endpoint.html.read_bytes()
        else:
            status, media, body = _text("404 Not Found", "not found: the endpoint is /sparql")
        if status.startswith("405"):
            extra.append(("Allow", "POST" if path == "/articles" else "GET, HEAD, POST, OPTIONS"))
        start(status, [("Content-Type", media), ("Content-Length", str(len(body))), *extra])
        return [] if method == "HEAD" else [body]

    return app


def _sparql(
    endpoint: Endpoint, open_store: Callable[[], ox.Store], method: str, environ: dict[str, Any]
) -> Answer:
    """A query by the SPARQL 1.1 Protocol: its text and dataset from the URL or the body."""
    params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if method == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > endpoint.max_query_bytes:
            return _text(
                "413 Content Too Large",
                f"a query's body is {endpoint.max_query_bytes:,} bytes at most; this one is {length:,}",
            )
        body = environ["wsgi.input"].read(length) if length else b""
        media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return _text("403 Forbidden", _READ_ONLY)
        if media == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        else:
            params.update(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))
    elif method not in {"GET", "HEAD"}:
        return _text("405 Method Not Allowed", "use GET, HEAD or POST")
    if "update" in params:
        return _text("403 Forbidden", _READ_ONLY)
    queries = params.get("query") or []
    if len(queries) > 1:
        return _text("400 Bad Request", "give one query, not several")
    if not queries or not queries[0].strip():
        return _text("400 Bad Request", "no query: give ?query=...")
    try:
        return evaluate(
            open_store,
            queries[0],
            _answerer(environ.get("HTTP_ACCEPT", ""), endpoint.max_bytes),
            endpoint.timeout,
            params.get("default-graph-uri"),
            params.get("named-graph-uri"),
        )
    except QueryRefused as exc:
        return _text("403 Forbidden", str(exc))
    except QueryUnavailable as exc:
        return _text("503 Service Unavailable", str(exc))
    except QueryError as exc:
        return _text("400 Bad Request", str(exc))


def _refusal(
    endpoint: Endpoint, trusted: Callable[[str], bool], environ: dict[str, Any], path: str = "/articles"
) -> str | None:
    """Why a request may not write to ``path`` (adding articles, or the review page's decisions;
    None if it may): a foreign Host, another origin, or a missing or wrong token."""
    host = environ.get("HTTP_HOST", "")
    if not trusted(host):
        return f"refused: {path} answers requests to this server's own host name only"
    origin = environ.get("HTTP_ORIGIN")
    if origin is not None:
        parts = urlsplit(origin.strip())
        if parts.scheme not in {"http", "https"} or parts.netloc.lower() != host.strip().lower():
            return f"refused: {path} takes no cross-origin requests"
    if endpoint.token:
        given = environ.get("HTTP_AUTHORIZATION", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            value.strip().encode(), endpoint.token.encode()
        ):
            return f"refused: {path} needs the server's token (Authorization: Bearer TOKEN)"
    return None


def _add_article(
    endpoint: Endpoint,
    ingest: Ingest | None,
    trusted: Callable[[str], bool],
    method: str,
    environ: dict[str, Any],
) -> Answer:
    """``POST /articles?name=FILE`` with the file's bytes as the body."""
    if ingest is None:
        return _text(
            "403 Forbidden", "refused: this endpoint is read-only (serve --store DIR --ingest adds articles)"
        )
    refusal = _refusal(endpoint, trusted, environ)
    if refusal is not None:
        return _text("403 Forbidden", refusal)
    if method != "POST":
        return _text("405 Method Not Allowed", "POST an article's bytes to /articles?name=FILE")
    names = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True).get("name") or [""]
    name = names[0]
    if not name:
        return _text("400 Bad Request", "give the article's file name: POST /articles?name=FILE")
    problem = name_problem(name)
    if problem is not None:
        return _text("400 Bad Request", f"{shown(name)}: {problem}")
    if not is_article_name(name):
        return _text(
            "400 Bad Request",
            f"{shown(name)}: not an article's name; build reads {', '.join(TEXT_SUFFIXES)} files, and so does this",
        )
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_BYTES:
        return _text(
            "413 Content Too Large",
            f"{shown(name)}: {length:,} bytes is over the {MAX_BYTES:,}-byte limit for one article",
        )
    data = environ["wsgi.input"].read(length) if length else b""
    try:
        added = ingest.add(data, name)
    except ArticleFailed as exc:  # a readable article whose processing failed: nothing was added
        return _text("422 Unprocessable Content", f"{exc}; nothing added")
    except ArticleError as exc:
        return _text("400 Bad Request", str(exc))
    except NameTaken as exc:
        return _text("409 Conflict", str(exc))
    except IngestRefused as exc:
        return _text("422 Unprocessable Content", str(exc))
    except StoreError as exc:  # another process committed to the store: this server's graph is behind
        return _text("409 Conflict", f"{exc}; restart serve --ingest")
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

    server = create_server(
        make_app(endpoint, ingest),
        host=host,
        port=port,
        threads=4,
        ident="councilgraph",
        max_request_body_size=BODY_LIMIT,
    )
    if on_ready:
        bound = getattr(server, "effective_port", port)  # the port chosen when port is 0
        on_ready(f"http://{host}:{bound}/sparql")
    try:
        server.run()
    finally:
        server.close()
