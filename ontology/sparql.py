"""Run read-only SPARQL against a graph, with a time limit.

Only SELECT, ASK, CONSTRUCT and DESCRIBE are accepted; updates (INSERT, DELETE, LOAD, CLEAR ...)
are refused, and so is SERVICE, which would reach out to the network. A query runs in a forked
worker process that is stopped when the time limit passes, so a runaway cross join cannot hang.
"""

from __future__ import annotations

import multiprocessing as mp
import re
from typing import Any

from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseQuery

from councilgraph.graph.errors import QueryError
from councilgraph.ontology import PREFIXES

__all__ = ["check_query", "run_query"]

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


def _worker(data: bytes, text: str, conn: Any) -> None:
    try:
        graph = Graph().parse(data=data, format="nt")
        query = prepareQuery(text, initNs=PREFIXES)
        result = graph.query(query)
        if result.type == "SELECT":
            rows = [[None if x is None else str(x) for x in row] for row in result if isinstance(row, tuple)]
            conn.send(("ok", [str(v) for v in result.vars or []], rows))
        elif result.type == "ASK":
            conn.send(("ok", ["ask"], [[str(result.askAnswer).lower()]]))
        else:
            conn.send(("graph", result.graph.serialize(format="nt"), None))  # type: ignore[union-attr]
    except Exception as exc:  # report anything to the parent as one line
        conn.send(("error", f"{type(exc).__name__}: {exc}", None))
    finally:
        conn.close()


def run_query(graph: Graph, text: str, timeout: float = 60.0) -> tuple[list[str], list[list[str | None]]]:
    """Run ``text`` on ``graph``; SELECT rows as strings (CONSTRUCT gives subject, predicate, object)."""
    check_query(text)
    data = graph.serialize(format="nt", encoding="utf-8")
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(data, text, child), daemon=True)
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise QueryError(f"query stopped after {timeout:g} s (raise --timeout to allow longer)")
    status, a, b = parent.recv()
    proc.join()
    if status == "error":
        raise QueryError(a)
    if status == "graph":
        g = Graph().parse(data=a, format="nt")
        return ["subject", "predicate", "object"], sorted([str(s), str(p), str(o)] for s, p, o in g)
    return a, b
