"""Run read-only SPARQL on a graph with a real engine (Oxigraph): the one place a query is checked.

What a text is, Oxigraph decides: it is run with ``Store.query``, which parses it with Oxigraph's
own parser and can run only SELECT, ASK, CONSTRUCT and DESCRIBE. A text Oxigraph cannot read as a
query is an update if rdflib's update parser reads it (refused: the graph is read-only), and
otherwise not SPARQL, with Oxigraph's message. SERVICE, which would have Oxigraph fetch any IRI a
query names, is taken away from the engine rather than searched for in the text: the worker that
runs the query may not open a socket (``graph/rdf/sandbox.py``), and a query that reaches for the
network is refused (where that sandbox is not available, rdflib's parser reads the query first
and refuses SERVICE in it).

Everything about a query runs in a forked worker, stopped when the time limit passes: the parse
too, so no text can hold the caller longer than the limit, and no parser's state is shared between
threads. The worker runs the query on a thread with a large stack, so a deeply nested query is
read by the engine instead of overflowing it. ``councilgraph query`` (:func:`query_results`) and
``councilgraph serve`` (``graph/interfaces/serve.py``) both call :func:`evaluate`. Results come out in the
SPARQL 1.1 results formats (JSON, XML, CSV, TSV) as Oxigraph writes them; CONSTRUCT and DESCRIBE
give Turtle here, and any RDF format through the endpoint.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

import pyoxigraph as ox
from pyparsing import ParseResults
from rdflib import Graph
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.query import Result

from councilgraph.graph.core.errors import QueryError
from councilgraph.graph.core.prefixes import PREFIXES
from councilgraph.graph.rdf.sandbox import NETWORK_SIGNAL, forbid_sockets
from councilgraph.ontology.graphfiles import graph_file_format

__all__ = [
    "RESULT_FORMATS",
    "QueryRefused",
    "QueryUnavailable",
    "check_query",
    "evaluate",
    "query_results",
    "run_query",
    "select_rows",
]

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
"""SPARQL 1.1 results formats by name (``query --format``)."""

UPDATES_REFUSED = (
    "refused: updates (INSERT, DELETE, LOAD, CLEAR, DROP, ...) are not allowed; the graph is read-only"
)
SERVICE_REFUSED = "refused: SERVICE is not allowed; queries run on the local graph only"

WORKER_STACK = 256 * 1024 * 1024
"""The stack of the thread that runs a query (address space; only what a query uses is touched):
Oxigraph's parser reads about 100,000 levels of nesting in it."""

_DEATHS = {  # what a worker's death by these signals means, for the one line that reports it
    signal.SIGSEGV: ": the engine crashed on this query; one nested very deeply does that",
    signal.SIGBUS: ": the engine crashed on this query",
    signal.SIGKILL: ": killed from outside (out of memory?); try again, or narrow the query",
}

T = TypeVar("T")


class QueryRefused(QueryError):
    """A query the rules refuse (an update, or one that reaches for the network): HTTP 403."""


class QueryUnavailable(QueryError):
    """A query stopped at the time limit, or whose worker died: HTTP 503."""


def _line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _is_update(text: str) -> bool:
    """Whether rdflib's update parser reads ``text`` as one or more update operations."""
    try:
        parsed = parseUpdate(text.replace("\r", "\n"))
    except Exception:  # pyparsing raises its own types; RecursionError on deep nesting
        return False
    return bool(parsed.get("request"))


def _names(tree: Any) -> Iterable[str]:
    """The names of every part of an rdflib parse tree (without recursion: trees can be deep)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        name = getattr(node, "name", None)
        if isinstance(name, str):
            yield name
        if isinstance(node, (list, tuple, ParseResults)):  # (before Mapping: ParseResults is one too)
            stack.extend(node)
        elif isinstance(node, Mapping):
            stack.extend(node.values())


def _refuse_service_by_parse(text: str) -> None:
    """Without the sandbox: read ``text`` with rdflib's parser and refuse SERVICE in it. A carriage
    return ends a comment in SPARQL (and for Oxigraph), not for rdflib's comment rule: it is read
    as the line end it is."""
    try:
        tree = parseQuery(text.replace("\r", "\n"))
    except Exception as exc:
        if _is_update(text):
            raise QueryRefused(UPDATES_REFUSED) from None
        raise QueryError(f"not a SPARQL query: {_line(exc)}") from None
    if "ServiceGraphPattern" in _names(tree):
        raise QueryRefused(SERVICE_REFUSED)


def _graphs(param: str, iris: list[str]) -> list[Any]:
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as exc:
        raise QueryError(f"{param}: not an IRI: {_line(exc)}") from None


_COMMENT = re.compile(r"#[^\n]*")
_OUTER_GROUP = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(text: str, bindings: Mapping[str, str]) -> str:
    """``text`` with ``VALUES`` for each binding placed first in its outermost group pattern, so
    that every pattern and FILTER of the query sees the variable bound (``query --bind``).
    ``<...>`` is an IRI, anything else a plain literal. The position is found with comments
    blanked out; a query with no ``WHERE {`` (a CONSTRUCT's template comes first) is refused, and
    so is a name the query does not use (outside its comments), which would silently change
    nothing: ``--bind nmae=...`` would answer for everyone."""
    if not bindings:
        return text
    blanked = _COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    found = _OUTER_GROUP.search(blanked)
    if found is None:
        raise QueryError("--bind needs a query with a WHERE clause")
    values = []
    for name, value in bindings.items():
        var = name.lstrip("?$")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", var):
            raise QueryError(f"--bind {name!r}: not a variable name")
        if not re.search(rf"[?$]{var}(?![A-Za-z0-9_])", blanked):  # a misspelt name would bind nothing
            raise QueryError(f"--bind {name}: the query has no variable ?{var}")
        if value.startswith("<") and value.endswith(">"):
            term = value if re.fullmatch(r"<[^<>\"{}|^`\\\s]*>", value) else None
            if term is None:
                raise QueryError(f"--bind {name}: not an IRI: {value}")
        else:
            term = json.dumps(value, ensure_ascii=False)  # a valid SPARQL string literal
        values.append(f"VALUES ?{var} {{ {term} }}")
    at = found.end()
    return f"{text[:at]} {' '.join(values)} {text[at:]}"


def _query(
    store: ox.Store,
    text: str,
    sandboxed: bool,
    default_graph: list[str] | None,
    named_graphs: list[str] | None,
    prefixes: Mapping[str, str] | None,
) -> Any:
    """``store.query(text)``, with the protocol's dataset; QueryError for what is not a query."""
    if not sandboxed:
        _refuse_service_by_parse(text)
    default: list[Any] | None = None
    named: list[Any] | None = None
    if default_graph is not None or named_graphs is not None:  # the protocol's dataset replaces the query's
        default = _graphs("default-graph-uri", default_graph or [])
        named = _graphs("named-graph-uri", named_graphs or [])
    try:
        return store.query(
            text,
            prefixes=dict(prefixes) if prefixes else None,
            default_graph=default,
            named_graphs=named,
        )
    except SyntaxError as exc:
        if _is_update(text):
            raise QueryRefused(UPDATES_REFUSED) from None
        raise QueryError(f"not a SPARQL query: {_line(exc)}") from None


def _worker(
    fd: int,
    open_store: Callable[[], ox.Store],
    text: str,
    answer: Callable[[Any], Any],
    default_graph: list[str] | None,
    named_graphs: list[str] | None,
    prefixes: Mapping[str, str] | None,
) -> None:
    """The forked worker: sandbox itself, run the query on a thread with a large stack, and write
    ``(kind, value)`` (kind "ok", "refused" or "error") to ``fd``."""
    # nothing the server holds open is the worker's: close it (the clients' connections, the other
    # workers' pipes, whose ends would otherwise stay open here while this worker runs)
    os.closerange(3, fd)
    os.closerange(fd + 1, max(fd + 1, os.sysconf("SC_OPEN_MAX")))
    sandboxed = forbid_sockets()
    outcome: list[tuple[str, Any]] = [("error", "the query's thread did not finish")]

    def work() -> None:
        try:
            results = _query(open_store(), text, sandboxed, default_graph, named_graphs, prefixes)
            outcome[0] = ("ok", answer(results))
        except QueryRefused as exc:
            outcome[0] = ("refused", str(exc))
        except QueryError as exc:
            outcome[0] = ("error", str(exc))
        except Exception as exc:  # an engine error is the query's fault: one line back
            outcome[0] = ("error", f"{type(exc).__name__}: {_line(exc)}")

    sys.setrecursionlimit(20_000)  # rdflib's parser (updates; SERVICE without the sandbox) recurses
    try:
        threading.stack_size(WORKER_STACK)
        thread = threading.Thread(target=work)
        thread.start()
    except (RuntimeError, ValueError):  # no room for the stack: run it here
        work()
    else:
        thread.join()
    data = pickle.dumps(outcome[0], protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(fd, "wb") as pipe:
        pipe.write(data)


def _read_all(fd: int, deadline: float) -> bytes | None:
    """Everything written to ``fd`` until its writer closes it; None if the deadline passes first."""
    chunks: list[bytes] = []
    waiting = select.poll()  # (not select.select: a busy server's descriptors pass 1,024)
    waiting.register(fd, select.POLLIN)
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        if not waiting.poll(remaining * 1000):
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def evaluate(
    open_store: Callable[[], ox.Store],
    text: str,
    answer: Callable[[Any], T],
    timeout: float,
    default_graph: list[str] | None = None,
    named_graphs: list[str] | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> T:
    """Run ``text`` on the store ``open_store()`` gives, in a forked and sandboxed worker that is
    stopped after ``timeout`` seconds, and return what ``answer(results)`` gives there (it runs in
    the worker and its value must pickle: serialise the results in it).

    ``default_graph`` and ``named_graphs`` (IRIs) are the SPARQL protocol's dataset, when given;
    ``prefixes`` are declared before the query's own. Raises :class:`QueryRefused` (an update; a
    query that reached for the network), :class:`QueryUnavailable` (the time limit; a worker that
    died) or :class:`QueryError` (not a query; an engine error), each with a one-line message."""
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(read_fd)
        os.close(write_fd)
        raise QueryUnavailable(f"could not start the query's worker: {exc.strerror}; try again") from None
    if pid == 0:  # the worker
        code = 1
        try:
            os.close(read_fd)
            _worker(write_fd, open_store, text, answer, default_graph, named_graphs, prefixes)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    try:
        data = _read_all(read_fd, time.monotonic() + timeout)
    except BaseException:  # interrupted: the worker goes too
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(read_fd)
    if data is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise QueryUnavailable(f"query stopped after {timeout:g} s")
    _pid, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == NETWORK_SIGNAL:
        raise QueryRefused(f"{SERVICE_REFUSED} (the query reached for the network)")
    if not data:
        if os.WIFSIGNALED(status):
            number = signal.Signals(os.WTERMSIG(status))
            ended = f"{number.name}{_DEATHS.get(number, '')}"
        else:
            ended = f"exit status {os.WEXITSTATUS(status)}"
        raise QueryUnavailable(f"the query's worker ended before answering ({ended})")
    kind, value = pickle.loads(data)
    if kind == "refused":
        raise QueryRefused(value)
    if kind == "error":
        raise QueryError(value)
    return cast(T, value)


def _drain(results: Any) -> None:
    if not isinstance(results, ox.QueryBoolean):
        for _ in results:
            pass


def check_query(text: str, timeout: float = 60.0) -> None:
    """Raise QueryError unless ``text`` is a read-only query that Oxigraph reads and runs, on an
    empty graph, without reaching for the network (what :func:`evaluate` would refuse)."""
    evaluate(ox.Store, text, _drain, timeout)


def _load(source: Graph | Path) -> ox.Store:
    store = ox.Store()
    if isinstance(source, Graph):
        data = source.serialize(format="nt", encoding="utf-8")
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    else:
        found = graph_file_format(source)
        store.bulk_load(path=str(source), format=found.oxigraph if found else ox.RdfFormat.TURTLE)
    return store


def query_results(
    source: Graph | str | os.PathLike[str],
    text: str,
    fmt: str = "json",
    timeout: float = 60.0,
    bindings: Mapping[str, str] | None = None,
) -> tuple[str, bytes]:
    """Run ``text`` on a graph (an rdflib Graph, or a .ttl/.nt/.jsonld file read by Oxigraph), with
    the project's prefixes declared (a query may redeclare any of them).

    Returns ``("results", bytes in the SPARQL results format fmt)`` for SELECT and ASK, or
    ``("graph", Turtle bytes)`` for CONSTRUCT and DESCRIBE.
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown results format {fmt!r}; choose from {', '.join(RESULT_FORMATS)}")
    graph_or_path = source if isinstance(source, Graph) else Path(source)

    def answer(results: Any) -> tuple[str, bytes]:
        if isinstance(results, ox.QueryTriples):
            return "graph", results.serialize(format=ox.RdfFormat.TURTLE) or b""
        return "results", results.serialize(format=RESULT_FORMATS[fmt]) or b""

    try:
        text = bind_values(text, bindings or {})
        return evaluate(lambda: _load(graph_or_path), text, answer, timeout, prefixes=PREFIXES)
    except QueryUnavailable as exc:
        if str(exc).startswith("query stopped"):
            raise QueryUnavailable(f"{exc} (raise --timeout to allow longer)") from None
        raise


def select_rows(
    source: Graph | ox.Store, text: str, bindings: Mapping[str, str] | None = None
) -> list[dict[str, str | None]]:
    """A SELECT's rows, each a dict of the values' lexical forms (None where unbound), run in this
    process on Oxigraph: for the project's own named queries, which the report runs so that each of
    its questions has one definition (``graph/network/analyse.py``). A user's query goes through
    :func:`evaluate`'s sandboxed worker instead."""
    store = source if isinstance(source, ox.Store) else _load(source)
    # the project's own text: not parsed again by rdflib for SERVICE, as a user's query is
    results = store.query(bind_values(text, bindings or {}), prefixes=dict(PREFIXES))
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("select_rows runs SELECT queries only")
    names = [v.value for v in results.variables]
    return [{n: (None if row[n] is None else row[n].value) for n in names} for row in results]


def run_query(
    source: Graph | str | os.PathLike[str],
    text: str,
    timeout: float = 60.0,
    bindings: Mapping[str, str] | None = None,
) -> tuple[list[str], list[list[str | None]]]:
    """Run ``text``; SELECT rows as strings (None where unbound), ASK as one row, CONSTRUCT as
    sorted (subject, predicate, object) rows. For programs and notebooks; the CLI prints the
    standard formats of :func:`query_results`."""
    kind, payload = query_results(source, text, "json", timeout, bindings)
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
