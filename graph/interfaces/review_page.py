"""The review page (``councilgraph review``): every fact with its quotes, for a person to check.

The page lists the rows of the named query ``fact_reviews`` (one per fact and quote, with what a
reviewer found so far), filterable by council, kind and status. A reviewer marks a fact confirmed,
wrong or unsure, may correct its council, role or year, adds a note, and the page posts the
decision to ``POST /reviews``, which appends it to the review file (``graph/resolve/review.py``); the
next build or ``build --store`` applies it. The server is waitress on loopback, as ``serve`` is,
and ``/reviews`` answers only same-origin requests to this server's own host name
(``graph/interfaces/serve.py``'s checks), sending JSON, so that no other web page can write to the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from councilgraph.graph.core.gazetteer import load_gazetteer
from councilgraph.graph.core.prefixes import PREFIXES
from councilgraph.graph.interfaces.serve import Endpoint, StartResponse, _refusal, _text, _trusted_hosts
from councilgraph.graph.rdf.sparql import _load, evaluate
from councilgraph.graph.rdf.store import committed_oxigraph
from councilgraph.graph.resolve.review import (
    CORRECTABLE,
    Decision,
    ReviewError,
    append_review,
    read_reviews,
    role_names,
)
from councilgraph.ontology import load_query

__all__ = ["ReviewPage", "fact_rows", "make_review_app", "serve_review"]

MAX_DECISION_BYTES = 100_000
"""Largest body ``POST /reviews`` reads (a decision with its quote and note)."""

_SECURITY = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'"
"""The page runs only its own script and talks only to this server."""


def _local(iri: str | None) -> str:
    return (iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def fact_rows(
    graph: Path | None = None, store: Path | None = None, timeout: float = 120.0
) -> list[dict[str, Any]]:
    """The rows of ``fact_reviews`` on a graph file or a store's committed graph, each with the
    values a decision keeps (``fields``: what the fact said, as ``graph/resolve/review.py:fact_fields``
    gives them)."""
    import io

    import pyoxigraph as ox
    from rdflib.query import Result

    def open_store() -> ox.Store:
        if store is not None:
            return ox.Store.read_only(str(committed_oxigraph(store)))
        assert graph is not None
        return _load(graph)

    def answer(results: Any) -> bytes:
        return results.serialize(format=ox.QueryResultsFormat.JSON) or b""

    payload = evaluate(open_store, load_query("fact_reviews"), answer, timeout, prefixes=PREFIXES)
    result = Result.parse(io.BytesIO(payload), format="json")
    columns = [str(v) for v in result.vars or []]
    rows = []
    for values in result:
        assert isinstance(values, tuple)
        row: dict[str, Any] = {c: ("" if v is None else str(v)) for c, v in zip(columns, values, strict=True)}
        fields = {"organisation": row["organisationIri"]}
        if row["personIri"]:
            fields["person"] = row["personIri"]
        for name in ("role", "rating"):
            if row[f"{name}Iri"]:
                fields[name] = _local(row[f"{name}Iri"])
        if row["year"]:
            fields["year"] = row["year"]
        row["fields"] = fields
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        row["council"] = _local(row["organisationIri"]) if "/council/" in row["organisationIri"] else ""
        rows.append(row)
    return rows


@dataclass
class ReviewPage:
    """What the page serves: the fact rows, the review file, the default reviewer, the host the
    server is bound to (for the host check)."""

    rows: list[dict[str, Any]]
    reviews: Path
    reviewer: str = ""
    host: str = "127.0.0.1"
    today: Callable[[], str] = field(default=lambda: datetime.now(UTC).date().isoformat())

    def data(self) -> dict[str, Any]:
        """The page's data: rows, the last saved decision of each statement, the choices."""
        saved: dict[str, dict[str, Any]] = {}
        for number, d in enumerate(read_reviews(self.reviews) if self.reviews.is_file() else []):
            saved["|".join(map(str, (d.fact, d.article, d.start, d.end)))] = {**asdict(d), "seq": number}
        gazetteer = load_gazetteer()
        return {
            "rows": self.rows,
            "saved": saved,  # the last decision about each fact and quote, with its place in the file
            "councils": sorted(
                ([c.id, c.official_name] for c in gazetteer.councils.values()), key=lambda c: c[1]
            ),
            "roles": list(role_names()),
            "reviewer": self.reviewer,
            "correctable": list(CORRECTABLE),
            "file": str(self.reviews),
        }

    def decide(self, body: dict[str, Any]) -> Decision:
        """A decision from the page's request: the row it is about (which must be one of the
        page's), the status, correction and note; dated today, by the reviewer named. A fact
        confirmed with a correction is corrected; a correction goes with nothing else."""
        if not isinstance(body, dict):
            raise ReviewError("send a JSON object")
        key = (body.get("fact"), body.get("article"), body.get("start"), body.get("end"))
        row = next((r for r in self.rows if (r["fact"], r["article"], r["start"], r["end"]) == key), None)
        if row is None:
            raise ReviewError("no such fact and quote on this page")
        reviewer = str(body.get("reviewer") or self.reviewer).strip()
        correction = {k: str(v).strip() for k, v in (body.get("correction") or {}).items() if str(v).strip()}
        status = str(body.get("status", ""))
        if correction and status == "confirmed":  # confirmed with the reviewer's values
            status = "corrected"
        decision = Decision(
            fact=row["fact"],
            kind=row["kind"],
            article=row["article"],
            source_file=row["file"],
            start=row["start"],
            end=row["end"],
            quote=row["quote"],
            status=status,
            reviewer=reviewer,
            date=self.today(),
            note=str(body.get("note") or ""),
            fields=row["fields"],
            correction=correction if status == "corrected" else {},
        )
        decision.check()
        return decision


def _asset(name: str) -> bytes:
    return (files("councilgraph.exporters.templates") / name).read_bytes()


def make_review_app(page: ReviewPage) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI application of the review page."""
    trusted = _trusted_hosts(page.host)

    def app(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        headers = [("Content-Security-Policy", _SECURITY), ("X-Content-Type-Options", "nosniff")]
        if path in {"/", "/review.html"} and method in {"GET", "HEAD"}:
            status, media, body = "200 OK", "text/html; charset=utf-8", _asset("review.html")
        elif path == "/review.js" and method in {"GET", "HEAD"}:
            status, media, body = "200 OK", "text/javascript; charset=utf-8", _asset("review.js")
        elif path == "/facts" and method in {"GET", "HEAD"}:
            try:
                data = page.data()
            except ReviewError as exc:
                status, media, body = _text("500 Internal Server Error", str(exc))
            else:
                status, media = "200 OK", "application/json"
                body = json.dumps(data, ensure_ascii=False).encode()
        elif path == "/reviews":
            status, media, body = _save(page, trusted, method, environ)
        else:
            status, media, body = _text("404 Not Found", "not found")
        start(status, [("Content-Type", media), ("Content-Length", str(len(body))), *headers])
        return [] if method == "HEAD" else [body]

    return app


def _save(
    page: ReviewPage, trusted: Callable[[str], bool], method: str, environ: dict[str, Any]
) -> tuple[str, str, bytes]:
    """``POST /reviews``: one decision as JSON, appended to the review file."""
    refusal = _refusal(Endpoint(host=page.host), trusted, environ, "/reviews")
    if refusal is not None:
        return _text("403 Forbidden", refusal)
    if method != "POST":
        return _text("405 Method Not Allowed", "POST a decision as JSON to /reviews")
    if environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() != "application/json":
        return _text("415 Unsupported Media Type", "send the decision as application/json")
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_DECISION_BYTES:
        return _text("413 Content Too Large", f"a decision is {MAX_DECISION_BYTES:,} bytes at most")
    try:
        decision = page.decide(json.loads(environ["wsgi.input"].read(length) or b"null"))
        append_review(page.reviews, decision)
    except (ValueError, ReviewError) as exc:
        return _text("400 Bad Request", f"not saved: {exc}")
    except OSError as exc:
        return _text("500 Internal Server Error", f"not saved: {page.reviews}: {exc.strerror or exc}")
    return "201 Created", "application/json", decision.to_json().encode() + b"\n"


def serve_review(page: ReviewPage, port: int = 7879, on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the review page until interrupted."""
    from waitress.server import create_server

    server = create_server(
        make_review_app(page),
        host=page.host,
        port=port,
        threads=2,
        ident="councilgraph",
        max_request_body_size=MAX_DECISION_BYTES,
    )
    if on_ready:
        on_ready(f"http://{page.host}:{getattr(server, 'effective_port', port)}/")
    try:
        server.run()
    finally:
        server.close()
