"""Run read-only SPARQL on a graph with a real engine (Oxigraph), with a time limit.

Only SELECT, ASK, CONSTRUCT and DESCRIBE are accepted; updates (INSERT, DELETE, LOAD, CLEAR ...)
are refused, and so is SERVICE, which would reach out to the network (both checked with rdflib's
SPARQL parser, not by hand). A query runs in a forked worker that loads the graph into an
in-memory Oxigraph store and is stopped when the time limit passes, so a runaway cross join
cannot hang. Results come out in the SPARQL 1.1 results formats (JSON, XML, CSV, TSV) as
Oxigraph writes them; CONSTRUCT and DESCRIBE give Turtle.
"""

from __future__ import annotations

import io
import multiprocessing as mp
import os
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.query import Result

from councilgraph.graph.errors import QueryError
from councilgraph.ontology import sparql_prologue

__all__ = ["RESULT_FORMATS", "check_query", "query_results", "run_query"]

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
"""SPARQL 1.1 results formats by name (``query --format``)."""

_RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}

_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\s+[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.I | re.M,
)


def check_query(text: str) -> None:
    """Raise QueryError unless ``text`` is one read-only query without SERVICE."""
    stripped = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    if _UPDATE.search(stripped):
        raise QueryError(
            "refused: updates (INSERT, DELETE, LOAD, CLEAR, DROP, ...) are not allowed; the graph is read-only"
        )
    try:
        parsed = parseQuery(text)
    except Exception as exc:  # pyparsing raises its own exception types
        raise QueryError(f"not a SPARQL query: {str(exc).splitlines()[0]}") from None
    if "ServiceGraphPattern" in repr(parsed):
        raise QueryError("refused: SERVICE is not allowed; queries run on the local graph only")


def _with_prefixes(text: str) -> str:
    """The query with the project's prefixes declared first (a query may redeclare any of them)."""
    return sparql_prologue() + text


def _load(source: Graph | Path) -> ox.Store:
    store = ox.Store()
    if isinstance(source, Graph):
        data = source.serialize(format="nt", encoding="utf-8")
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    else:
        store.bulk_load(path=str(source), format=_RDF_FORMATS.get(source.suffix.lower(), ox.RdfFormat.TURTLE))
    return store


def _worker(source: Graph | Path, text: str, fmt: str, conn: Any) -> None:
    try:
        results = _load(source).query(_with_prefixes(text))
        if isinstance(results, ox.QueryTriples):
            conn.send(("ok", "graph", results.serialize(format=ox.RdfFormat.TURTLE)))
        else:
            conn.send(("ok", "results", results.serialize(format=RESULT_FORMATS[fmt])))
    except Exception as exc:  # report anything to the parent as one line
        conn.send(("error", f"{type(exc).__name__}: {exc}", b""))
    finally:
        conn.close()


def query_results(
    source: Graph | str | os.PathLike[str], text: str, fmt: str = "json", timeout: float = 60.0
) -> tuple[str, bytes]:
    """Run ``text`` on a graph (an rdflib Graph, or a .ttl/.nt/.jsonld file read by Oxigraph).

    Returns ``("results", bytes in the SPARQL results format fmt)`` for SELECT and ASK, or
    ``("graph", Turtle bytes)`` for CONSTRUCT and DESCRIBE.
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown results format {fmt!r}; choose from {', '.join(RESULT_FORMATS)}")
    check_query(text)
    graph_or_path = source if isinstance(source, Graph) else Path(source)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(graph_or_path, text, fmt, child), daemon=True)
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise QueryError(f"query stopped after {timeout:g} s (raise --timeout to allow longer)")
    status, kind, payload = parent.recv()
    proc.join()
    if status == "error":
        raise QueryError(kind)
    return kind, payload


def run_query(
    source: Graph | str | os.PathLike[str], text: str, timeout: float = 60.0
) -> tuple[list[str], list[list[str | None]]]:
    """Run ``text``; SELECT rows as strings (None where unbound), ASK as one row, CONSTRUCT as
    sorted (subject, predicate, object) rows. For programs and notebooks; the CLI prints the
    standard formats of :func:`query_results`."""
    kind, payload = query_results(source, text, "json", timeout)
    if kind == "graph":
        g = Graph().parse(data=payload, format="turtle")
        triples: list[list[str | None]] = [[str(s), str(p), str(o)] for s, p, o in g]
        return ["subject", "predicate", "object"], sorted(triples, key=lambda t: [x or "" for x in t])
    result = Result.parse(io.BytesIO(payload), format="json")
    if result.type == "ASK":
        answer: list[list[str | None]] = [[str(result.askAnswer).lower()]]
        return ["ask"], answer
    columns = [str(v) for v in result.vars or []]
    rows: list[list[str | None]] = [
        [None if x is None else str(x) for x in row] for row in result if isinstance(row, tuple)
    ]
    return columns, rows
