"""``councilgraph query`` and ``queries``: run a read-only SPARQL query on a built graph, list the
named queries.
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from councilgraph.graph.core.errors import QueryError, UsageError
from councilgraph.graph.interfaces.cli.common import _graph_path, app

if TYPE_CHECKING:
    pass


QUERY_FORMATS = ("table", "json", "xml", "csv", "tsv")


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
    from councilgraph.graph.rdf.sparql import bind_values, query_results, run_query
    from councilgraph.ontology import load_query

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
    try:  # a name the query does not use, or a query with nowhere to bind: usage, before the graph is read
        bind_values(sparql, bindings)
    except QueryError as exc:
        raise UsageError(str(exc)) from None
    if fmt == "table":
        columns, rows = run_query(_graph_path(graph), sparql, timeout=timeout, bindings=bindings)
        typer.echo(_table(columns, rows))
        return
    _kind, payload = query_results(_graph_path(graph), sparql, fmt, timeout=timeout, bindings=bindings)
    sys.stdout.buffer.write(payload if payload.endswith(b"\n") else payload + b"\n")


def _bindings(given: list[str]) -> dict[str, str]:
    """``--bind name=VALUE`` options as a dictionary (a usage error for one without "=", or for a
    ``date`` not written as an ISO date, year-month or year)."""
    out: dict[str, str] = {}
    for item in given:
        name, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[?$]?[A-Za-z_][A-Za-z0-9_]*", name.strip()):
            raise UsageError(f"--bind {item!r}: expected name=VALUE, name a SPARQL variable")
        key = name.strip().lstrip("?$")
        if key.endswith("date") and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
            # the named queries compare dates as ISO text: "10/05/2019" would silently match nothing
            raise UsageError(f"--bind {item!r}: a date is written YYYY-MM-DD, YYYY-MM or YYYY")
        out[key] = value.strip() if key.endswith("date") else value
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


def _read_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the query ({getattr(exc, 'strerror', None) or exc})") from None
