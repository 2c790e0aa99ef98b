"""The merge log: every cross-article decision about people, one line each, beside the graph.

It is read back from the graph's ``cg:resolutionNote`` values, so the log and the SPARQL-visible
notes can never disagree. Columns: person IRI, label, rule, detail (tab-separated, sorted).
"""

from __future__ import annotations

import os

from rdflib import RDFS

from councilgraph.graph.atomic import atomic_write_text
from councilgraph.graph.oxigraph import ReadableGraph
from councilgraph.ontology import CG

__all__ = ["merge_rows", "write_merge_log"]


def _cell(text: str) -> str:
    return " ".join(str(text).split())  # no tabs or newlines from article names inside a cell


def merge_rows(graph: ReadableGraph) -> list[tuple[str, str, str, str]]:
    """(person IRI, label, rule, detail) for every resolution note in ``graph``."""
    rows = []
    for person, note in graph.subject_objects(CG.resolutionNote):
        rule, _, detail = str(note).partition(": ")
        rows.append((str(person), _cell(str(graph.value(person, RDFS.label) or "")), rule, _cell(detail)))
    return sorted(rows)


def write_merge_log(graph: ReadableGraph, path: str | os.PathLike[str]) -> None:
    """Write ``merges.tsv``: a header and one row per merge or kept-apart decision."""
    lines = ["person\tlabel\trule\tdetail"]
    lines += ["\t".join(row) for row in merge_rows(graph)]
    atomic_write_text(path, "\n".join(lines) + "\n")
